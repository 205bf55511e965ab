"""Logs never hold a screening's token or a client's address: the filters that make it so.

Used by Django's logging (settings.LOGGING) and by gunicorn's own logs (config/gunicorn.conf.py),
so the rule is written once. No Django import: gunicorn's master process loads it too.
"""

from __future__ import annotations

import ipaddress
import logging
import re

_TOKEN_IN_PATH = re.compile(r"/s/[A-Za-z0-9_-]{16,}")
# What might be an address; each match is then checked, so a time such as 01:18:46 is left alone.
_ADDRESS_LIKE = re.compile(
    r"(?<![\w.:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f.]{0,15}|(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}"
)


def _address_out(match: re.Match) -> str:
    try:
        ipaddress.ip_address(match.group(0))
    except ValueError:
        return match.group(0)
    return "[address]"


def redact(text: str, *, addresses: bool) -> str:
    text = _TOKEN_IN_PATH.sub("/s/[token]", text)
    if addresses:
        text = _ADDRESS_LIKE.sub(_address_out, text)
    return text


class RedactTokens(logging.Filter):
    """Django's logs: tokens out of logged paths (the app itself never logs an address)."""

    addresses = False

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message, addresses=self.addresses)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


class RedactClients(RedactTokens):
    """gunicorn's logs: tokens, and any address gunicorn writes ("Invalid request from ip=...")."""

    addresses = True


try:
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # gunicorn is only needed to serve
    _GunicornLogger = None

if _GunicornLogger is not None:

    class GunicornLogger(_GunicornLogger):
        """gunicorn's logger with the filter on both of its logs."""

        def setup(self, cfg):
            super().setup(cfg)
            for log in (self.error_log, self.access_log):
                if not any(isinstance(f, RedactClients) for f in log.filters):
                    log.addFilter(RedactClients())
