"""Rendered pages, kept in this process while the screening they show does not change.

A step or report page depends only on the screening's saved state (its answers, offer and result
history, all covered by ``Screening.updated``), its pinned catalogue version, the host and the
date. Keying on those, a page is rendered once per change instead of once per request. The CSRF
token, which differs per visitor, is put into the stored HTML on the way out.

Each worker has its own bounded cache; nothing is shared, and a deleted screening is forgotten.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from django.middleware.csrf import get_token

CSRF_PLACEHOLDER = "__csrf_token_placeholder_7c1e__"
MAX_PAGES = 256

_pages: OrderedDict[tuple, str] = OrderedDict()
_lock = threading.Lock()


def cached_page(request, key: tuple, render: Callable[[dict], str]) -> str:
    """The page for ``key``: from this process's cache, or rendered now by ``render(extra_context)``."""
    with _lock:
        html = _pages.get(key)
        if html is not None:
            _pages.move_to_end(key)
    if html is None:
        html = render({"csrf_token": CSRF_PLACEHOLDER})
        with _lock:
            _pages[key] = html
            while len(_pages) > MAX_PAGES:
                _pages.popitem(last=False)
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return html


def forget(screening_pk: int) -> None:
    with _lock:
        for key in [k for k in _pages if k[1] == screening_pk]:
            del _pages[key]


def clear() -> None:
    with _lock:
        _pages.clear()
