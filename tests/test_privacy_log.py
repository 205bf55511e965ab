"""The log filters: tokens and addresses out, everything else as it was."""

import pytest

from config.privacy_log import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Invalid request from ip=203.0.113.7: bad", "Invalid request from ip=[address]: bad"),
        ("from 2001:db8::1 and ::1 and ::ffff:10.0.0.1", "from [address] and [address] and [address]"),
        (
            "Invalid request from ip=2001:db8::1: Invalid HTTP request line",
            "Invalid request from ip=[address]: Invalid HTTP request line",
        ),
        ("Invalid request from ip=::1: bad", "Invalid request from ip=[address]: bad"),
        ("GET /s/" + "a" * 32 + "/report/ HTTP/1.1", "GET /s/[token]/report/ HTTP/1.1"),
        (
            "[02/Dec/2026:01:18:46 +0000] took 12:30 minutes",
            "[02/Dec/2026:01:18:46 +0000] took 12:30 minutes",
        ),
        ("version 1.2.3 of 999.999.999.999", "version 1.2.3 of 999.999.999.999"),
    ],
)
def test_addresses_and_tokens_are_taken_out_and_nothing_else(text, expected):
    assert redact(text, addresses=True) == expected


def test_djangos_own_logs_lose_tokens_only():
    assert redact("/s/" + "b" * 32 + "/ from 10.0.0.1", addresses=False) == "/s/[token]/ from 10.0.0.1"


def test_a_traceback_loses_its_tokens_too():
    import logging

    from config.privacy_log import RedactingFormatter

    token = "c" * 32
    try:
        raise ValueError(f"no screening at /s/{token}/report/")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    text = RedactingFormatter("%(message)s").format(record)
    assert "Traceback" in text and token not in text and "/s/[token]/report/" in text
