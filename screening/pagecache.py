"""Rendered pages, kept in this process while what they show does not change.

:func:`page_key` is the one list of what a step page, the report or its PDF depends on: the
screening's saved state (its answers, offer and result history, all covered by
``Screening.updated``), its pinned catalogue version, the language, and for the report and the
PDF the host (their printed address) and the date (their "printed on" line). Keyed on those, a
page is rendered once per change instead of once per request. The CSRF token, which differs per
visitor, is put into the stored HTML on the way out. Messages are kept in a cookie
(``MESSAGE_STORAGE``), so a request without that cookie has no message to show and may be served
from here.

Each worker has its own bounded cache; nothing is shared, and a deleted screening is forgotten.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from django.contrib.messages.storage.cookie import CookieStorage
from django.middleware.csrf import get_token
from django.utils import timezone, translation

from screening.selectors import PageState

CSRF_PLACEHOLDER = "__csrf_token_placeholder_7c1e__"
_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()
MAX_PAGES = 256

# Stored encoded, as they are sent: encoding a long page on every view was measurable.
_pages: OrderedDict[tuple, bytes] = OrderedDict()
_lock = threading.Lock()


def page_key(page: str, state: PageState, request, *parts: object) -> tuple:
    """Everything the page ``page`` shows, besides ``parts`` (e.g. the step number)."""
    key: tuple = (page, state.pk, state.updated, state.version_id, translation.get_language(), *parts)
    if page in ("report", "pdf"):  # both print the page's address and the date
        key += (request.get_host(), timezone.localdate().isoformat())
    return key


def can_serve_from_cache(request) -> bool:
    """A GET with no message waiting to be shown."""
    return request.method == "GET" and CookieStorage.cookie_name not in request.COOKIES


def cached_page(request, key: tuple, render: Callable[[dict], str]) -> bytes:
    """The page for ``key``, UTF-8: from this process's cache, or rendered by ``render(extra_context)``."""
    with _lock:
        page = _pages.get(key)
        if page is not None:
            _pages.move_to_end(key)
    if page is None:
        page = render({"csrf_token": CSRF_PLACEHOLDER}).encode()
        with _lock:
            _pages[key] = page
            while len(_pages) > MAX_PAGES:
                _pages.popitem(last=False)
    if _PLACEHOLDER_BYTES in page:  # only pages with a form
        page = page.replace(_PLACEHOLDER_BYTES, get_token(request).encode())
    return page


def cached_file(key: tuple, render: Callable[[], bytes]) -> bytes:
    """A rendered file for ``key`` (the PDF): from this process's cache, or made by ``render()``."""
    with _lock:
        data = _pages.get(key)
        if data is not None:
            _pages.move_to_end(key)
            return data
    data = render()
    with _lock:
        _pages[key] = data
        while len(_pages) > MAX_PAGES:
            _pages.popitem(last=False)
    return data


def forget(screening_pk: int) -> None:
    with _lock:
        for key in [k for k in _pages if k[1] == screening_pk]:
            del _pages[key]


def clear() -> None:
    with _lock:
        _pages.clear()
