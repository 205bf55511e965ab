"""The log filters: tokens and addresses out, everything else as it was."""

import pytest

from config.privacy_log import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Invalid request from ip=203.0.113.7: bad", "Invalid request from ip=[address]: bad"),
        ("from 2001:db8::1 and ::1 and ::ffff:10.0.0.1", "from [address] and [address] and [address]"),
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
