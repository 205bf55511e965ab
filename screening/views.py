"""Thin views: fetch the screening, build the form from its pinned catalogue version, save, redirect."""

import logging
import sys

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from screening import journey, pagecache
from screening.answers import answers_to_json
from screening.forms import OfferForm, ResumeForm, StepForm
from screening.gauge import gauge
from screening.models import Screening
from screening.pdf import pdf_available, render_pdf
from screening.publishing import catalogue_of, latest_version
from screening.services import (
    NoPublishedCatalogue,
    earlier_results,
    finish,
    report_document,
    report_for,
    save_answers,
    start_screening,
    stored_answers,
)

log = logging.getLogger(__name__)


def _page_state(token: str) -> tuple[int, str, int, bool]:
    """(pk, updated, version id, has a report) of a screening, or 404: the cheap lookup that decides
    whether a rendered page can be reused, before anything else is loaded."""
    # Plain SQL: this runs on every page view, and building the ORM query cost more than running it.
    # The time stamp is only compared, never read, so it comes as text: parsing it was measurable.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, CAST(updated AS TEXT), version_id, completed_at IS NOT NULL"
            f" FROM {Screening._meta.db_table} WHERE token = %s",
            [token],
        )
        row = cursor.fetchone()
    if row is None:
        raise Http404("No such screening")
    pk, updated, version_id, completed = row
    return pk, updated, version_id, bool(completed)


def _get_screening(token: str) -> Screening:
    """The one lookup for a screening: by its unguessable token, or 404.

    The version's frozen content is loaded only when this process has not parsed it yet.
    """
    return get_object_or_404(
        Screening.objects.select_related("version").defer("version__content"), token=token
    )


@require_GET
def start(request):
    version = latest_version()
    catalogue = catalogue_of(version) if version else None
    return render(
        request,
        "screening/start.html",
        {
            "page": "start",
            "version": version,
            "catalogue": catalogue,
            "steps": len(journey.steps(catalogue)) if catalogue else 0,
            "resume_form": ResumeForm(),
            "retention_days": settings.SCREENING_RETENTION_DAYS,
            "unfinished_days": settings.UNFINISHED_RETENTION_DAYS,
        },
    )


@require_POST
@ratelimit(key="ip", rate=settings.RATE_START, method="POST", block=True)
def begin(request):
    try:
        screening = start_screening()
    except NoPublishedCatalogue:
        messages.error(request, "The questionnaire is not available yet. Please try again later.")
        return redirect("screening:start")
    return redirect("screening:step", token=screening.token, number=journey.OFFER_STEP)


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=settings.RATE_RESUME, method="POST", block=True)
def resume(request):
    form = ResumeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        screening = Screening.objects.filter(resume_code=form.cleaned_data["code"]).first()
        if screening is not None:
            return redirect("screening:continue", token=screening.token)
        # Logged to spot guessing; never the code tried, nor who tried it.
        log.warning("A resume code was tried that matches no screening.")
        form.add_error("code", "We could not find that code. Check it and try again.")
    return render(request, "screening/resume.html", {"page": "resume", "form": form})


@require_GET
def continue_screening(request, token):
    screening = _get_screening(token)
    if screening.completed_at is not None:
        return redirect("screening:report", token=token)
    catalogue = catalogue_of(screening.version)
    started = bool(screening.answers or screening.offer)
    number = journey.first_incomplete_step(catalogue, stored_answers(screening), started=started)
    if number is None:
        return redirect("screening:review", token=token)
    return redirect("screening:step", token=token, number=number)


@require_http_methods(["GET", "POST"])
def step(request, token, number):
    if request.method == "GET" and "messages" not in request.COOKIES:
        # The page only changes when the screening does: render it once per change.
        pk, updated, version_id, _ = _page_state(token)
        key = ("step", pk, number, updated, version_id)
        return HttpResponse(
            pagecache.cached_page(request, key, lambda extra: _render_step(request, token, number, extra))
        )
    screening = _get_screening(token)
    catalogue = catalogue_of(screening.version)
    current = journey.step(catalogue, number)
    if current is None:
        raise Http404("No such step")
    context = _step_context(screening, catalogue, current, request.POST if request.method == "POST" else None)
    form = context["form"]
    if request.method == "POST" and form.is_valid():
        if current.section is None:
            save_answers(screening, {}, offer=form.cleaned_data)
            return redirect("screening:step", token=token, number=number + 1)
        save_answers(screening, form.answers())
        # Answers can bring up follow-up questions on this same step: ask them here first.
        follow_ups = journey.unanswered_in(catalogue, current.section, stored_answers(screening))
        if follow_ups:
            messages.info(request, "Your answers led to a follow-up question on this page.")
            return redirect(reverse("screening:step", args=[token, number]) + f"#q-{follow_ups[0].code}")
        if number < context["total"]:
            return redirect("screening:step", token=token, number=number + 1)
        return redirect("screening:review", token=token)
    return render(request, "screening/step.html", context)


def _render_step(request, token: str, number: int, extra: dict) -> str:
    screening = _get_screening(token)
    catalogue = catalogue_of(screening.version)
    current = journey.step(catalogue, number)
    if current is None:
        raise Http404("No such step")
    context = {**_step_context(screening, catalogue, current, None), **extra}
    return render_to_string("screening/step.html", context, request=request)


def _step_context(screening, catalogue, current, data) -> dict:
    """The step page's context, with its form bound to ``data`` (a POST) or showing the saved answers."""
    if current.section is None:
        form = OfferForm(data, initial=screening.offer)
    else:
        answers = stored_answers(screening)
        form = StepForm(
            data,
            questions=journey.questions_for(catalogue, current.section, answers),
            initial=answers_to_json(answers, catalogue),
        )
    return {
        "page": "step",
        "screening": screening,
        "step": current,
        "total": len(journey.steps(catalogue)),
        "form": form,
        "rows": form.rows() if isinstance(form, StepForm) else (),
    }


@require_http_methods(["GET", "POST"])
def review(request, token):
    screening = _get_screening(token)
    catalogue = catalogue_of(screening.version)
    answers = stored_answers(screening)
    if request.method == "POST":
        missing = journey.first_incomplete_step(catalogue, answers, started=True)
        if missing is None:
            finish(screening)
            return redirect("screening:report", token=token)
        messages.error(request, "Some questions are not answered yet. Answer them, then ask for your report.")
        return redirect("screening:step", token=token, number=missing)
    sections = []
    for s in journey.steps(catalogue)[1:]:
        rows = []
        for q in journey.questions_for(catalogue, s.section, answers):
            chosen = answers.get(q.code, frozenset())
            rows.append(
                {"code": q.code, "text": q.text, "answer": [o.label for o in q.options if o.code in chosen]}
            )
        sections.append({"step": s, "rows": rows})
    return render(
        request,
        "screening/review.html",
        {
            "page": "review",
            "screening": screening,
            "offer_step": journey.step(catalogue, journey.OFFER_STEP),
            "offer_rows": [
                (OfferForm.base_fields[k].label, screening.offer.get(k, "")) for k in OfferForm.base_fields
            ],
            "sections": sections,
            "complete": journey.first_incomplete_step(catalogue, answers, started=True) is None,
        },
    )


def _report_context(request, screening):
    report = report_for(screening)
    available, why_no_pdf = pdf_available()
    return {
        "page": "report",
        "screening": screening,
        "report": report,
        "gauge": gauge(report.score, report.level),
        "earlier": earlier_results(screening, report),
        "published_at": screening.version.published_at,
        "report_url": request.build_absolute_uri(reverse("screening:report", args=[screening.token])),
        "pdf_available": available,
        "why_no_pdf": why_no_pdf,
    }


@require_GET
def report(request, token):
    pk, updated, version_id, has_report = _page_state(token)
    if not has_report:
        return redirect("screening:review", token=token)
    key = ("report", pk, updated, version_id, request.get_host(), timezone.localdate().isoformat())

    def render_report(extra: dict) -> str:
        screening = _get_screening(token)
        context = {**_report_context(request, screening), **extra}
        return render_to_string("screening/report.html", context, request=request)

    return HttpResponse(pagecache.cached_page(request, key, render_report))


@require_GET
def report_json(request, token):
    screening = _get_screening(token)
    if screening.completed_at is None:
        raise Http404("No report yet")
    response = JsonResponse(
        report_document(screening), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = (
        f'attachment; filename="stem-cell-offer-report-{screening.resume_code}.json"'
    )
    return response


@require_GET
def report_pdf(request, token):
    screening = _get_screening(token)
    if screening.completed_at is None:
        raise Http404("No report yet")
    available, why_not = pdf_available()
    if not available:
        return render(
            request,
            "screening/no_pdf.html",
            {"page": "no-pdf", "why": why_not, "screening": screening},
            status=503,
        )
    context = {**_report_context(request, screening), "for_pdf": True}
    html = render_to_string("screening/report.html", context, request=request)
    pdf = render_pdf(html, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="stem-cell-offer-report-{screening.resume_code}.pdf"'
    )
    return response


@require_http_methods(["GET", "POST"])
def delete(request, token):
    screening = _get_screening(token)
    if request.method == "POST":
        pagecache.forget(screening.pk)
        screening.delete()
        messages.success(request, "Your answers and your report have been deleted.")
        return redirect("screening:start")
    return render(request, "screening/delete.html", {"page": "delete", "screening": screening})


@require_GET
def privacy(request):
    return render(
        request,
        "screening/privacy.html",
        {
            "page": "privacy",
            "retention_days": settings.SCREENING_RETENTION_DAYS,
            "unfinished_days": settings.UNFINISHED_RETENTION_DAYS,
        },
    )


# --- Operations and errors ----------------------------------------------------------------------


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
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
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
        log.error("The database is unreachable: %s", error.__class__.__name__)
        response = _error_page("errors/503.html", 503)
        response["Retry-After"] = "60"
        return response
    return _error_page("errors/500.html", 500)


def csrf_failure(request, reason=""):
    return _error_page("errors/csrf.html", 403)
