"""Patient pages, thin: fetch the screening, build the form from its pinned catalogue version,
save through a service, redirect; or build the report and render it."""

import logging
import re

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from screening import ceilings, pagecache
from screening.clients import rate_limit_key
from screening.domain import journey
from screening.domain.adverts import Suggestion, read_offer_text
from screening.domain.answers import answers_to_json, parse_answers
from screening.domain.layout import since_last, still_not_known
from screening.forms import OFFER_TEXT_FIELD, DeleteForm, OfferForm, ResumeForm, StepForm
from screening.models import Screening
from screening.models.screenings import is_short_resume_code
from screening.ops import rate_limited
from screening.pdf import pdf_available, render_pdf
from screening.publishing import catalogue_of, latest_version, version_numbered
from screening.report_page import report_shown
from screening.selectors import (
    screening_answers,
    screening_catalogue,
    screening_earlier_results,
    screening_get,
    screening_page_state,
    screening_reading,
    screening_report,
    screening_report_document,
)
from screening.services import (
    NoPublishedCatalogue,
    screening_delete,
    screening_finish,
    screening_save_answers,
    screening_save_offer,
    screening_start,
)
from screening.wording import offer_review, voice_note

log = logging.getLogger(__name__)


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
            "minutes": _minutes_to_answer(version, catalogue) if catalogue else 0,
            "resume_form": ResumeForm(),
            "retention_days": settings.SCREENING_RETENTION_DAYS,
            "unfinished_days": settings.UNFINISHED_RETENTION_DAYS,
        },
    )


_minutes_by_version: dict[tuple[int, str], int] = {}


def _minutes_to_answer(version, catalogue) -> int:
    """The start page's time, worked out once per published version (versions never change)."""
    key = (version.pk, version.sha256)
    if key not in _minutes_by_version:
        _minutes_by_version[key] = journey.minutes_to_answer(catalogue, {})
    return _minutes_by_version[key]


@require_POST
@ratelimit(key=rate_limit_key, rate=settings.RATE_START, method="POST", block=True)
def begin(request):
    try:
        screening = screening_start()
    except NoPublishedCatalogue:
        messages.error(request, _("The questionnaire is not available yet. Please try again later."))
        return redirect("screening:start")
    return redirect("screening:step", token=screening.token, number=journey.OFFER_STEP)


@require_http_methods(["GET", "POST"])
@ratelimit(key=rate_limit_key, rate=settings.RATE_RESUME, method="POST", block=True)
def resume(request):
    form = ResumeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        # Past the ceiling only the short codes given before (40 bits) pause: today's (74 bits)
        # cannot be found by guessing, so their owners keep coming back whatever is going on.
        if is_short_resume_code(code) and ceilings.reached("resume", settings.RESUME_FAILURES_PER_MINUTE):
            return rate_limited(request)
        screening = Screening.objects.filter(resume_code=code).first()
        if screening is not None:
            return redirect("screening:continue", token=screening.token)
        # Logged to spot guessing; never the code tried, nor who tried it.
        log.warning("A resume code was tried that matches no screening.")
        ceilings.count("resume", settings.RESUME_FAILURES_PER_MINUTE)
        form.add_error("code", _("We could not find that code. Check it and try again."))
    return render(request, "screening/resume.html", {"page": "resume", "form": form})


@require_GET
def continue_screening(request, token):
    screening = screening_get(token)
    if screening.completed_at is not None:
        return redirect("screening:report", token=token)
    catalogue = screening_catalogue(screening)
    started = bool(screening.answers or screening.offer)
    number = journey.first_incomplete_step(catalogue, screening_answers(screening), started=started)
    if number is None:
        return redirect("screening:review", token=token)
    return redirect("screening:step", token=token, number=number)


@require_http_methods(["GET", "POST"])
def step(request, token, number):
    # "Change" on the review page comes back to it once the step is saved.
    then_review = request.GET.get("then") == "review"
    if pagecache.can_serve_from_cache(request):
        # The page only changes when the screening does: render it once per change.
        key = pagecache.page_key("step", screening_page_state(token), request, number, then_review)
        return HttpResponse(
            pagecache.cached_page(
                request, key, lambda extra: _render_step(request, token, number, then_review, extra)
            )
        )
    screening = screening_get(token)
    catalogue = screening_catalogue(screening)
    current = journey.step(catalogue, number)
    if current is None:
        raise Http404("No such step")
    posted = request.POST if request.method == "POST" else None
    going_back = posted is not None and "back" in posted
    if going_back and current.kind == "section":
        # A suggestion left as it was pre-selected is not an answer yet: Back does not save it.
        untouched = journey.untouched_suggestions(
            _suggested(screening, catalogue, current), {k: posted.getlist(k) for k in posted}
        )
        posted = posted.copy()
        for code in untouched:
            posted.pop(code)
    context = _step_context(screening, catalogue, current, posted, then_review)
    form = context["form"]
    if posted is None:
        return render(request, "screening/step.html", context)
    if not form.is_valid():
        if going_back and not any(q.code in posted for q in getattr(form, "questions", ())):
            return redirect("screening:step", token=token, number=number - 1)  # nothing to lose
        if going_back:
            context["not_saved"] = True  # say so, and offer to go back anyway
        return render(request, "screening/step.html", context)
    if current.kind == "offer":
        details = dict(form.cleaned_data)
        text = details.pop(OFFER_TEXT_FIELD, None)
        accepted = None
        if text is not None and text.strip() != screening.offer_text:
            # A new text: only the confirmed suggestions it still makes stand.
            reading = read_offer_text(catalogue, text) if text.strip() else None
            accepted = journey.still_accepted(
                reading, screening_answers(screening), tuple(screening.suggestions_accepted)
            )
        # What the step no longer asks (an earlier version's free-text country) is kept as it was.
        screening_save_offer(
            screening, {**screening.offer, **details}, offer_text=text, suggestions_accepted=accepted
        )
        if then_review:
            return redirect("screening:review", token=token)
        return redirect("screening:step", token=token, number=number + 1)
    before = screening_answers(screening)
    after = {**before, **parse_answers(form.answers(), catalogue)}
    accepted = journey.accepted_after(
        screening_reading(screening, catalogue),
        form.questions,
        before,
        after,
        tuple(screening.suggestions_accepted),
    )
    screening_save_answers(screening, form.answers(), suggestions_accepted=accepted)
    if going_back:
        return redirect("screening:step", token=token, number=number - 1)
    # Answers can bring up follow-up questions on this same step: ask them here first.
    follow_ups = journey.unanswered_in(catalogue, current.section, screening_answers(screening))
    if follow_ups:
        messages.info(request, _("Your answers led to a follow-up question on this page."))
        return redirect(_step_address(token, number, then_review) + f"#q-{follow_ups[0].code}")
    if then_review or number >= context["total"]:
        return redirect("screening:review", token=token)
    return redirect("screening:step", token=token, number=number + 1)


def _suggested(screening, catalogue, current) -> dict[str, Suggestion]:
    """The suggestions from the clinic's text for a step's questions not answered yet."""
    answers = screening_answers(screening)
    questions = journey.questions_for(catalogue, current.section, answers)
    return journey.suggested_here(screening_reading(screening, catalogue), questions, answers)


def _step_address(token: str, number: int, then_review: bool) -> str:
    address = reverse("screening:step", args=[token, number])
    return address + "?then=review" if then_review else address


def _render_step(request, token: str, number: int, then_review: bool, extra: dict) -> str:
    screening = screening_get(token)
    catalogue = screening_catalogue(screening)
    current = journey.step(catalogue, number)
    if current is None:
        raise Http404("No such step")
    context = {**_step_context(screening, catalogue, current, None, then_review), **extra}
    return render_to_string("screening/step.html", context, request=request)


def _step_context(screening, catalogue, current, data, then_review: bool = False) -> dict:
    """The step page's context, with its form bound to ``data`` (a POST) or showing the saved answers."""
    new: frozenset[str] = frozenset()
    suggested: dict[str, Suggestion] = {}
    if current.kind == "offer":
        form = OfferForm(
            data,
            initial={**screening.offer, OFFER_TEXT_FIELD: screening.offer_text},
            fields=journey.offer_fields(catalogue),
            currencies=journey.offer_currencies(catalogue),
            reads_text=journey.reads_offer_text(catalogue),
        )
    else:
        answers = screening_answers(screening)
        questions = journey.questions_for(catalogue, current.section, answers)
        # What the clinic's text suggests is shown pre-selected; it counts only once posted.
        suggested = journey.suggested_here(screening_reading(screening, catalogue), questions, answers)
        initial = {**journey.as_answers(suggested, questions), **answers_to_json(answers, catalogue)}
        form = StepForm(data, questions=questions, initial=initial)
        new = journey.new_follow_ups(catalogue, current.section, answers)
    return {
        "page": "step",
        "screening": screening,
        "step": current,
        "total": len(journey.steps(catalogue)),
        "form": form,
        "rows": form.rows(new, suggested) if isinstance(form, StepForm) else (),
        "has_suggestions": bool(suggested),
        "glossary": catalogue.words,
        "glossary_version": screening.version.number,
        "then_review": then_review,
        "voice_note": voice_note(screening.offer),
    }


@require_http_methods(["GET", "POST"])
def review(request, token):
    screening = screening_get(token)
    catalogue = screening_catalogue(screening)
    answers = screening_answers(screening)
    missing = journey.first_incomplete_step(catalogue, answers, started=True)
    if request.method == "POST":
        if missing is None:
            screening_finish(screening)
            return redirect("screening:report", token=token)
        messages.error(
            request, _("Some questions are not answered yet. Answer them, then ask for your report.")
        )
        return redirect("screening:step", token=token, number=missing)
    sections = journey.review_sections(catalogue, answers)
    # Coming back after asking the clinic: what is still not known comes first, with what to ask.
    still_open = still_not_known(catalogue, answers, sections) if screening.completed_at else ()
    return render(
        request,
        "screening/review.html",
        {
            "page": "review",
            "screening": screening,
            "offer_step": journey.step(catalogue, journey.OFFER_STEP),
            "offer_rows": offer_review(
                screening.offer, journey.offer_fields(catalogue), journey.offer_currencies(catalogue)
            ),
            "sections": sections,
            "still_open": still_open,
            "complete": missing is None,
            "voice_note": voice_note(screening.offer),
        },
    )


def _report_context(request, screening):
    report = screening_report(screening)
    catalogue = screening_catalogue(screening)
    available, why_no_pdf = pdf_available()
    earlier = screening_earlier_results(screening, report)
    return {
        **report_shown(report, catalogue),
        "page": "report",
        "screening": screening,
        # Each earlier result with its level in the words of the report's own bands.
        "earlier": [(r, catalogue.band(r.level).title) for r in earlier],
        "since_last": since_last(report, catalogue, earlier[-1].level, earlier[-1].flags)
        if earlier
        else None,
        "published_at": screening.version.published_at,
        # On paper: the site and the code, never the report's own address (anyone holding the
        # paper could open the report with it).
        "site_url": request.build_absolute_uri(reverse("screening:resume")),
        "words_url": request.build_absolute_uri(reverse("screening:words")),
        "pdf_available": available,
        "why_no_pdf": why_no_pdf,
        "voice_note": voice_note(screening.offer),
        "glossary_version": screening.version.number,
    }


@require_GET
def report(request, token):
    state = screening_page_state(token)
    if not state.has_report:
        return redirect("screening:review", token=token)

    def render_report(extra: dict) -> str:
        context = {**_report_context(request, screening_get(token)), **extra}
        return render_to_string("screening/report.html", context, request=request)

    key = pagecache.page_key("report", state, request)
    return HttpResponse(pagecache.cached_page(request, key, render_report))


@require_GET
def report_json(request, token):
    screening = screening_get(token)
    if screening.completed_at is None:
        raise Http404("No report yet")
    response = JsonResponse(
        screening_report_document(screening), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = _download_name("json")
    return response


@require_GET
@ratelimit(key=rate_limit_key, rate=settings.RATE_PDF, method="GET", block=True)
def report_pdf(request, token):
    state = screening_page_state(token)
    if not state.has_report:
        raise Http404("No report yet")
    screening = screening_get(token)
    available, why_not = pdf_available()
    if not available:
        return render(
            request,
            "screening/no_pdf.html",
            {"page": "no-pdf", "why": why_not, "screening": screening},
            status=503,
        )

    def make_pdf() -> bytes:
        # Rendering takes about half a second of a worker: once per change of the screening.
        context = {**_report_context(request, screening), "for_pdf": True}
        html = render_to_string("screening/report.html", context, request=request)
        return render_pdf(html, base_url=request.build_absolute_uri("/"))

    pdf = pagecache.cached_file(pagecache.page_key("pdf", state, request), make_pdf)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = _download_name("pdf")
    return response


def _download_name(extension: str) -> str:
    # A file name is seen in the downloads list, the file manager and e-mails: never the code.
    return f'attachment; filename="stem-cell-offer-report-{timezone.localdate().isoformat()}.{extension}"'


@require_http_methods(["GET", "POST"])
def delete(request, token):
    screening = screening_get(token)
    form = DeleteForm(request.POST if request.method == "POST" else None, resume_code=screening.resume_code)
    if request.method == "POST" and form.is_valid():
        screening_delete(screening)
        messages.success(request, _("Your answers and your report have been deleted."))
        return redirect("screening:start")
    return render(request, "screening/delete.html", {"page": "delete", "screening": screening, "form": form})


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


@require_GET
def words(request):
    """The words page: what the words of the questions and the report mean. ``?version=N`` shows
    the words of the version a screening uses; by default, the latest."""
    asked = request.GET.get("version", "")
    if asked:
        version = version_numbered(int(asked)) if re.fullmatch(r"[1-9][0-9]{0,8}", asked) else None
        if version is None:
            raise Http404("No such version")
    else:
        version = latest_version()
    return render(
        request,
        "screening/words.html",
        {"page": "words", "words": catalogue_of(version).words if version else (), "version": version},
    )
