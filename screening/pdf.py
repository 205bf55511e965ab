"""The report as a PDF, rendered by WeasyPrint from the same HTML and print stylesheet.

WeasyPrint needs the Pango system libraries. Without them the rest of the app works, and
:func:`pdf_available` says why there is no PDF, so the page can explain what to install.
"""

from __future__ import annotations

import functools
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

INSTALL_HINT = (
    "PDF download needs the Pango libraries. On Debian or Ubuntu: "
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; then restart the app."
)


@functools.cache
def pdf_available() -> tuple[bool, str]:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # OSError: the system libraries are missing
        return False, f"{INSTALL_HINT} ({exc.__class__.__name__}: {exc})"
    return True, ""


def _static_file(url: str) -> Path | None:
    """The file on disk behind a /static/ URL of this app, if any."""
    static_prefix = "/" + settings.STATIC_URL.lstrip("/")
    path = urlsplit(url).path
    if not path.startswith(static_prefix):
        return None
    relative = path[len(static_prefix) :]
    found = finders.find(relative)
    if found:
        return Path(found)
    candidate = Path(settings.STATIC_ROOT) / relative
    return candidate if candidate.is_file() else None


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serve this app's /static/ files from disk; fetch nothing else, so rendering never
        makes an HTTP request (not even to this server) and no page content can reach out."""

        def fetch(self, url, headers=None):
            found = _static_file(url)
            if found is None:
                raise ValueError(f"Not fetched while rendering a PDF: {url}")
            mime_type = mimetypes.guess_type(str(found))[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=found.read_bytes(), headers={"Content-Type": mime_type})

    return StaticOnlyFetcher()


def render_pdf(html: str, base_url: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url, url_fetcher=_fetcher()).write_pdf()
