from django.shortcuts import render
from django.views.decorators.http import require_GET

from screening.publishing import catalogue_of, latest_version


@require_GET
def start(request):
    version = latest_version()
    catalogue = catalogue_of(version) if version else None
    return render(
        request,
        "screening/start.html",
        {"page": "start", "version": version, "catalogue": catalogue},
    )
