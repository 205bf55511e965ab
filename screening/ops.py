"""Operations: health checks, error pages, privacy headers and the log filter.

Nothing here knows about screenings; it keeps the site polite when something fails and keeps
health data out of caches, search engines, browser features and logs.
"""

import logging
import sys
import threading
import time

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

log = logging.getLogger(__name__)

# Pages a search engine may list: what the tool is, and how it treats data. Nothing else.
INDEXABLE_PATHS = frozenset({"/", "/privacy/"})


def is_indexable(path: str) -> bool:
    return path in INDEXABLE_PATHS


def indexing(request) -> dict:
    """Template context: whether this page may be listed by a search engine (base.html's robots tag)."""
    return {"indexable": is_indexable(request.path)}


class PrivacyHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            # Django's "method not allowed" has no body; say it in words like every other error.
            response.content = render_to_string("errors/405.html", {"page": "error"})
            response["Content-Type"] = "text/html; charset=utf-8"
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        # Answers and reports must never sit in a shared or browser cache.
        response["Cache-Control"] = "no-store"
        if not (is_indexable(request.path) and response.status_code == 200):  # never an error page
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class NoFiles(FileUploadHandler):
    """The only upload handler: every file sent is skipped, never kept."""

    def new_file(self, *args, **kwargs):
        raise SkipFile

    def receive_data_chunk(self, raw_data, start):
        return None

    def file_complete(self, file_size):
        return None


class RequestSizeMiddleware:
    """Refuses a request body larger than a page ever needs before anything reads it (413), and
    takes file uploads away from every page (no form of the app or its admin takes a file), so a
    file sent is neither kept in memory nor written to disk."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        in_admin = request.path.startswith(self.admin_prefix)
        limit = settings.ADMIN_REQUEST_MAX_BYTES if in_admin else settings.REQUEST_MAX_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _error_page("errors/400.html", 400)
        if length > limit:
            return _error_page("errors/413.html", 413)
        request.upload_handlers = [NoFiles(request)]
        return self.get_response(request)


class DatabaseOutageFilter(logging.Filter):
    """Drops Django's traceback for each request that failed because the database is unreachable:
    server_error says it instead, once a minute (an outage once wrote 3.9 MB of tracebacks a second)."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, OperationalError | InterfaceError)


OUTAGE_LOG_INTERVAL = 60.0  # seconds
_outage_lock = threading.Lock()
_outage_said: dict[str, float] = {}
_outage_unsaid: dict[str, int] = {}


def _log_outage(error: Exception) -> None:
    """One line per kind of failure per minute, with how many more there were."""
    kind = error.__class__.__name__
    summary = (str(error).strip().splitlines() or [""])[0][:200]
    now = time.monotonic()
    with _outage_lock:
        if now - _outage_said.get(kind, -OUTAGE_LOG_INTERVAL) < OUTAGE_LOG_INTERVAL:
            _outage_unsaid[kind] = _outage_unsaid.get(kind, 0) + 1
            return
        _outage_said[kind] = now
        more = _outage_unsaid.pop(kind, 0)
    log.error("Database error (%s: %s); %d more such failures since the last line.", kind, summary, more)


@require_GET
def ok(request):
    """The cheapest possible page: the framework's own ceiling, for the benchmark."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def healthz(request):
    """For load balancers and the container HEALTHCHECK: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        response = JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
        response["Retry-After"] = "60"
        return response
    return JsonResponse({"status": "ok", "database": "ok"})


def _error_page(template: str, status: int) -> HttpResponse:
    # No request context: an error page must render even when the database or the session is down.
    return HttpResponse(render_to_string(template, {"page": "error"}), status=status)


def rate_limited(request, exception=None):
    log.warning("Rate limit reached on %s.", request.path if not request.path.startswith("/s/") else "/s/")
    return _error_page("errors/429.html", 429)


def bad_request(request, exception=None):
    return _error_page("errors/400.html", 400)


def permission_denied(request, exception=None):
    return _error_page("errors/403.html", 403)


def page_not_found(request, exception=None):
    return _error_page("errors/404.html", 404)


def server_error(request):
    """500, or 503 when the database is unreachable (the app recovers by itself when it returns)."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        _log_outage(error)
        response = _error_page("errors/503.html", 503)
        response["Retry-After"] = "60"
        return response
    return _error_page("errors/500.html", 500)


def csrf_failure(request, reason=""):
    return _error_page("errors/csrf.html", 403)
