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
    candidate, tail = match.group(0), ""
    for _ in range(3):  # "ip=2001:db8::1: bad": the colon after an address is not part of it
        try:
            ipaddress.ip_address(candidate)
        except ValueError:
            if not candidate.endswith(":"):
                return match.group(0)
            candidate, tail = candidate[:-1], ":" + tail
        else:
            return "[address]" + tail
    return match.group(0)


def redact(text: str, *, addresses: bool) -> str:
    text = _TOKEN_IN_PATH.sub("/s/[token]", text)
    if addresses:
        text = _ADDRESS_LIKE.sub(_address_out, text)
    return text


class RedactingFormatter(logging.Formatter):
    """Django's logs: tokens out of everything written, the message and any traceback alike
    (the app itself never logs an address)."""

    addresses = False

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), addresses=self.addresses)


class _ClientRedacting(logging.Formatter):
    """Wraps gunicorn's own formatter: tokens and addresses out of each line it writes."""

    def __init__(self, inner: logging.Formatter | None):
        super().__init__()
        self.inner = inner or logging.Formatter()

    def format(self, record: logging.LogRecord) -> str:
        return redact(self.inner.format(record), addresses=True)


try:
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # gunicorn is only needed to serve
    _GunicornLogger = None

if _GunicornLogger is not None:

    class GunicornLogger(_GunicornLogger):
        """gunicorn's logger, writing every line ("Invalid request from ip=...") through the redaction."""

        def setup(self, cfg):
            super().setup(cfg)
            for log in (self.error_log, self.access_log):
                for handler in log.handlers:
                    if not isinstance(handler.formatter, _ClientRedacting):
                        handler.setFormatter(_ClientRedacting(handler.formatter))
