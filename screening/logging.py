"""A logging filter that removes screening tokens from anything logged (paths carry them)."""

import logging
import re

_TOKEN_IN_PATH = re.compile(r"/s/[A-Za-z0-9_-]{16,}")


class RedactTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _TOKEN_IN_PATH.sub("/s/[token]", message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
