"""Response headers that keep health data out of caches, search engines and browser features."""

from django.conf import settings
from django.template.loader import render_to_string

# Pages a search engine may list: what the tool is, and how it treats data. Nothing else.
INDEXABLE_PATHS = {"/", "/privacy/"}


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
        if request.path not in INDEXABLE_PATHS:
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response
