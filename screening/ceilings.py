"""Ceilings across all clients together: what no number of addresses can get past.

Rate limits count per client; someone with a block of addresses can spread guesses over it. A
ceiling counts every client at once in a one-minute window, in the shared cache. When one is
reached, the action is paused for everyone until the minute ends, and one warning is logged for
an operator to alert on.
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache

log = logging.getLogger(__name__)
WINDOW = 60  # seconds


def _key(name: str) -> str:
    return f"ceiling:{name}:{int(time.time() // WINDOW)}"


def reached(name: str, limit: int) -> bool:
    return (cache.get(_key(name)) or 0) >= limit


def count(name: str, limit: int) -> None:
    key = _key(name)
    cache.add(key, 0, timeout=2 * WINDOW)
    try:
        total = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=2 * WINDOW)
        total = 1
    if total == limit:
        log.warning(
            "CEILING %s: %d failures in a minute from all clients together; paused until the minute ends.",
            name,
            limit,
        )
