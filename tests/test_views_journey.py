"""The patient's journey over HTTP: start, steps, follow-ups, resume, review, report, update, delete."""

import json
import re

import pytest
from django.urls import reverse

from screening.models import Screening
from screening.publishing import publish
from tests.conftest import CALIBRATION_DIR, import_json
from tests.journey import STEP_2_ANSWERS, answers_from, walk

pytestmark = pytest.mark.django_db

S09 = CALIBRATION_DIR / "s09-patient-funded-fat-cell-study-ms.json"


@pytest.fixture
def started(client, published):
    response = client.post(reverse("screening:begin"))
    screening = Screening.objects.get()
    assert response["Location"] == reverse("screening:step", args=[screening.token, 1])
    return screening


def step_url(screening, number):
    return reverse("screening:step", args=[screening.token, number])


def test_start_needs_post_and_makes_an_unguessable_screening(client, published):
    assert client.get(reverse("screening:begin")).status_code == 405
    client.post(reverse("screening:begin"))
    screening = Screening.objects.get()
    assert len(screening.token) >= 32 and screening.version == published


def test_start_without_a_published_catalogue_explains(client, db):
    response = client.post(reverse("screening:begin"), follow=True)
    assert "not available yet" in response.text
    assert not Screening.objects.exists()


def test_a_step_says_how_to_answer_with_a_keyboard_and_marks_nothing_new_at_first(client, started):
    page = client.get(step_url(started, 2)).text
    assert "Arrow keys choose a round button" in page and "Space ticks" in page
    assert "is-new" not in page  # nothing saved on this step yet: every question is simply open


def test_a_step_shows_each_question_as_a_fieldset_named_by_codes(client, started):
    page = client.get(step_url(started, 2)).text
    assert "Step 2 of 7" in page and '<progress max="7" value="2"' in page
    assert '<fieldset class="question" id="q-offer-type"' in page
    assert "<legend>How does the clinic describe the offer?</legend>" in page
    assert 'type="radio" name="offer-type" id="offer-type--study" value="study"' in page
    assert 'type="checkbox" name="cell-source"' in page
    assert started.resume_code in page
    assert "pay-for-study" not in page  # hidden by its show-if rule until offer-type = study


def test_the_offer_step_saves_free_text_within_limits(client, started):
    response = client.post(step_url(started, 1), {"condition": "Relapsing MS", "price": "US$ 15,000"})
    assert response["Location"] == step_url(started, 2)
    started.refresh_from_db()
    assert started.offer == {"condition": "Relapsing MS", "price": "US$ 15,000"}
    too_long = client.post(step_url(started, 1), {"condition": "x" * 201})
    assert too_long.status_code == 200 and "at most 200 characters" in too_long.text
    started.refresh_from_db()
    assert started.offer["condition"] == "Relapsing MS"


def test_an_empty_step_is_refused_with_a_summary_and_a_message_by_each_question(client, started):
    response = client.post(step_url(started, 2), {})
    assert response.status_code == 200
    assert "<title>Error: Step 2 of 7" in response.text
    assert 'class="alert alert-danger error-summary"' in response.text
    # The summary names each question, and links to it.
    question = '<span class="error-question">How does the clinic describe the offer?</span>'
    assert f'<a href="#q-offer-type">{question} Choose an answer' in response.text
    assert (
        'id="error-offer-type"' in response.text
        and 'aria-describedby="help-offer-type error-offer-type"' in response.text
    )
    started.refresh_from_db()
    assert started.answers == {}


def test_i_dont_know_cannot_be_ticked_with_other_answers(client, started):
    data = dict(STEP_2_ANSWERS, **{"cell-source": ["own-fat", "dont-know"]})
    response = client.post(step_url(started, 2), data)
    assert response.status_code == 200 and "cannot be ticked together with other answers" in response.text
    started.refresh_from_db()
    assert started.answers == {}


def test_a_wrong_option_code_is_refused(client, started):
    response = client.post(step_url(started, 2), {"offer-type": "teleport"})
    assert "Choose one of the answers listed." in response.text


def test_saving_a_step_redirects_and_keeps_answers_on_refresh(client, started):
    data = dict(STEP_2_ANSWERS, **{"offer-type": "routine-treatment"})
    response = client.post(step_url(started, 2), data)
    assert response["Location"] == step_url(started, 3)
    again = client.get(step_url(started, 2)).text
    assert 'value="routine-treatment" checked' in again and 'value="own-fat" checked' in again


def test_a_follow_up_question_is_asked_on_the_same_step_without_javascript(client, started):
    client.post(
        step_url(started, 2),
        dict(STEP_2_ANSWERS, **{"offer-type": "routine-treatment"}),
    )
    response = client.post(
        step_url(started, 3),
        {
            "regulator-approval": "not-approved",
            "trial-listing": "no",
            "ethics-approval": "no",
            "enforcement-search": "none-found",
        },
    )
    assert response["Location"] == step_url(started, 3) + "#q-legal-status-claims"
    page = client.get(step_url(started, 3)).text
    assert "follow-up question" in page and 'id="q-legal-status-claims"' in page
    # Marked as new, and only it: the questions answered before are not.
    assert page.count("is-new") == 1 and page.count("New question:") == 1
    assert 'class="question is-new" id="q-legal-status-claims"' in page
    done = client.post(
        step_url(started, 3),
        {
            "regulator-approval": "not-approved",
            "trial-listing": "no",
            "ethics-approval": "no",
            "enforcement-search": "none-found",
            "legal-status-claims": ["own-cells"],
        },
    )
    assert done["Location"] == step_url(started, 4)


def test_unknown_token_and_step_out_of_range_are_404(client, started):
    unknown = "n" * 32  # well formed, but no screening has it
    assert client.get(reverse("screening:step", args=[unknown, 1])).status_code == 404
    assert client.get(step_url(started, 99)).status_code == 404
    assert client.get(reverse("screening:report", args=[unknown])).status_code == 404
    assert client.get("/s/nope/report/").status_code == 404


def test_resume_with_the_code_returns_to_the_first_unanswered_step(client, started):
    client.post(step_url(started, 1), {"condition": "MS"})
    client.post(
        step_url(started, 2),
        dict(STEP_2_ANSWERS, **{"offer-type": "routine-treatment"}),
    )
    typed = started.resume_code.lower().replace("-", " ")  # as someone might type it
    response = client.post(reverse("screening:resume"), {"code": typed})
    assert response["Location"] == reverse("screening:continue", args=[started.token])
    assert client.get(response["Location"])["Location"] == step_url(started, 3)


def test_resume_with_a_wrong_code_says_so(client, started):
    response = client.post(reverse("screening:resume"), {"code": "ZZZZZ-ZZZZZ-ZZZZZ"})
    assert response.status_code == 200 and "could not find that code" in response.text
    short = client.post(reverse("screening:resume"), {"code": "AB"})
    assert "A code has 15 letters and numbers" in short.text


def test_a_code_of_the_earlier_short_kind_still_resumes(client, started):
    Screening.objects.filter(pk=started.pk).update(resume_code="ABCD-2345")
    response = client.post(reverse("screening:resume"), {"code": "abcd 2345"})
    assert response["Location"] == reverse("screening:continue", args=[started.token])


def test_a_new_screening_resumes_at_the_offer_step(client, started):
    assert client.get(reverse("screening:continue", args=[started.token]))["Location"] == step_url(started, 1)


def test_the_report_needs_every_question_answered_first(client, started):
    assert client.get(reverse("screening:report", args=[started.token]))["Location"].endswith("/review/")
    response = client.post(reverse("screening:review", args=[started.token]))
    assert response["Location"] == step_url(started, 2)


@pytest.mark.parametrize("path", sorted(CALIBRATION_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_every_calibration_case_walked_through_the_pages_gives_the_level_of_screen(client, started, path):
    from io import StringIO

    from django.core.management import call_command

    walk(client, started.token, answers_from(path))
    out = StringIO()
    call_command("screen", str(path), "--format", "json", stdout=out)
    level = json.loads(out.getvalue())["level"]
    page = client.get(reverse("screening:report", args=[started.token])).text
    assert f'class="level-box level-{level.replace(" ", "-")}"' in page


def test_full_journey_gives_the_calibration_level_and_the_report(client, started):
    walk(client, started.token, answers_from(S09))
    page = client.get(reverse("screening:report", args=[started.token]))
    assert page.status_code == 200
    text = page.text
    assert '<h2 id="level-title" class="level-word">High caution</h2>' in text
    assert 'class="level-box level-high"' in text
    assert '<desc id="gauge-desc">41 out of 100</desc>' in text
    assert "Paying to join" in text and "Still to find out" in text
    assert (
        'rel="alternate" type="application/json"' in text and 'rel="alternate" type="application/pdf"' in text
    )
    assert text.count("<h1") == 1
    assert client.get(reverse("screening:continue", args=[started.token]))["Location"].endswith("/report/")


def test_review_lists_every_answer_with_change_links(client, started):
    walk(client, started.token, answers_from(S09))
    page = client.get(reverse("screening:review", args=[started.token])).text
    assert "No, or they say approval is not needed" in page
    assert f'href="{step_url(started, 3)}?then=review#q-regulator-approval"' in page
    assert "See my updated report" in page


def test_report_json_download_carries_the_report_content_and_dates(client, started):
    walk(client, started.token, answers_from(S09))
    response = client.get(reverse("screening:report-json", args=[started.token]))
    assert response["Content-Disposition"].startswith("attachment")
    assert started.resume_code not in response["Content-Disposition"]  # the file name carries no code
    pdf = client.get(reverse("screening:report-pdf", args=[started.token]))
    name = r'attachment; filename="stem-cell-offer-report-\d{4}-\d\d-\d\d\.pdf"'
    assert re.fullmatch(name, pdf["Content-Disposition"])
    data = json.loads(response.content)
    assert data["level"] == "high" and data["score"] == 41
    assert data["catalogue_version"] == 1 and len(data["catalogue_sha256"]) == 64
    assert {"no-regulatory-approval", "pay-to-participate"} <= {f["code"] for f in data["flags"]}
    assert data["unknowns"] and any(u["ask"] for u in data["unknowns"])
    assert data["reassuring"] and all(s["code"].startswith("g-") and s["title"] for s in data["reassuring"])
    assert data["started_at"] and data["first_report_at"] and data["catalogue_published_at"]


def test_updating_answers_shows_the_new_result_and_keeps_the_earlier_one(client, started):
    walk(client, started.token, answers_from(S09))
    client.post(
        step_url(started, 2),
        {
            "treatment-country": "us",
            "home-country": "us",
            "offer-type": "study",
            "cell-source": ["own-fat"],
            "product-details": "in-writing",
            "route": ["iv", "spinal-fluid"],
            "ms-type": "dont-know",
            "condition-count": "only-mine",
        },
    )
    client.post(reverse("screening:review", args=[started.token]))
    page = client.get(reverse("screening:report", args=[started.token])).text
    assert "Very high caution" in page
    assert "Earlier results" in page and "High caution, score 41 out of 100" in page
    assert started.results.count() == 2
    # What changed, near the top: the level, and the warning signs added (the route into the spine).
    since = page[page.index('id="since-last-title"') : page.index('id="top-flags-title"')]
    assert "The level was “High caution”. Now it is “Very high caution”." in since
    assert "New warning signs:" in since and "spine, brain, eye or heart" in since.lower()
    first, second = started.results.order_by("created", "pk")
    assert set(second.flags) - set(first.flags)  # each result keeps the signs it showed


def test_an_earlier_result_kept_before_signs_were_recorded_gives_the_level_change_only(client, started):
    walk(client, started.token, answers_from(S09))
    started.results.update(flags=None)  # as a result kept before migration 0014
    client.post(step_url(started, 2), dict(STEP_2_ANSWERS, route=["iv", "spinal-fluid"]))
    client.post(reverse("screening:review", args=[started.token]))
    page = client.get(reverse("screening:report", args=[started.token])).text
    assert "What changed since your last result" in page
    assert "New warning signs:" not in page and "The same warning signs" not in page


def test_delete_asks_first_then_deletes_everything(client, started):
    walk(client, started.token, answers_from(S09))
    confirm = client.get(reverse("screening:delete", args=[started.token]))
    assert "cannot be undone" in confirm.text and 'name="code"' in confirm.text
    code = started.resume_code.replace("-", "").lower()  # typed as a person might
    response = client.post(reverse("screening:delete", args=[started.token]), {"code": code}, follow=True)
    assert "have been deleted" in response.text
    assert not Screening.objects.exists()
    assert client.get(reverse("screening:report", args=[started.token])).status_code == 404


def test_pdf_download_contains_the_level_and_every_fired_flag(client, started):
    import io

    from pypdf import PdfReader

    walk(client, started.token, answers_from(S09))
    response = client.get(reverse("screening:report-pdf", args=[started.token]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "High caution" in text
    report = json.loads(client.get(reverse("screening:report-json", args=[started.token])).content)
    for flag in report["flags"]:
        assert re.sub(r"\s+", " ", flag["title"]) in text, flag["title"]
    assert reader.metadata.title.startswith("Caution report")
    assert "page 1 of" in text


def test_without_weasyprint_the_pdf_link_explains_what_to_install(client, started, monkeypatch):
    walk(client, started.token, answers_from(S09))
    monkeypatch.setattr(
        "screening.views.pdf_available", lambda: (False, "PDF download needs the Pango libraries.")
    )
    report = client.get(reverse("screening:report", args=[started.token])).text
    assert "PDF not available: why?" in report
    response = client.get(reverse("screening:report-pdf", args=[started.token]))
    assert response.status_code == 503 and "Pango" in response.text


def test_a_version_1_report_renders_the_same_after_version_2(client, started, shipped_json):
    walk(client, started.token, answers_from(S09))
    url = reverse("screening:report", args=[started.token])
    before = client.get(url).text
    edited = json.loads(json.dumps(shipped_json))
    edited["criteria"][0].update(title="Changed title", weight="20")
    import_json(edited)
    assert publish("Version 2").number == 2
    from screening import pagecache

    pagecache.clear()  # render again from scratch, as a freshly started server would
    after = client.get(url).text
    assert after == before
    assert "Changed title" not in after


def test_rendered_pages_are_reused_only_while_the_screening_is_unchanged(client, started):
    from django.test import Client

    from screening import pagecache

    step = step_url(started, 2)
    first = client.get(step).text
    other = Client()
    second = other.get(step)
    token_of = lambda html: re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)  # noqa: E731
    assert pagecache.CSRF_PLACEHOLDER not in first and pagecache.CSRF_PLACEHOLDER not in second.text
    assert token_of(first) != token_of(second.text)  # each visitor gets their own token
    assert "csrftoken" in second.cookies
    client.post(
        step,
        STEP_2_ANSWERS,
    )
    assert 'value="study" checked' in client.get(step).text  # the saved answer shows at once


def test_what_a_rendered_page_depends_on_is_named_in_one_key(rf, started):
    from dataclasses import replace

    from django.utils import translation

    from screening import pagecache
    from screening.selectors import screening_page_state

    state = screening_page_state(started.token)
    request = rf.get("/")
    key = pagecache.page_key("step", state, request, 2)
    assert pagecache.page_key("step", state, request, 2) == key
    assert pagecache.page_key("step", state, request, 3) != key
    assert pagecache.page_key("step", replace(state, updated="later"), request, 2) != key
    assert pagecache.page_key("step", replace(state, version_id=state.version_id + 1), request, 2) != key
    with translation.override("es"):
        assert pagecache.page_key("step", state, request, 2) != key  # room for a language
    other_host = rf.get("/", HTTP_HOST="localhost")
    assert pagecache.page_key("report", state, other_host) != pagecache.page_key("report", state, request)


def test_a_page_with_a_message_waiting_is_never_taken_from_or_kept_in_the_cache(client, started):
    from screening import pagecache

    step = step_url(started, 2)
    client.cookies["messages"] = "a message waiting"
    assert not pagecache.can_serve_from_cache(client.get(step).wsgi_request)
    pagecache.clear()
    client.get(step)
    assert pagecache._pages == {}


def test_a_message_is_shown_even_when_the_page_was_rendered_before(client, started):
    """The follow-up message must not be lost to a copy of the step kept from before."""
    client.post(step_url(started, 2), STEP_2_ANSWERS)
    step = step_url(started, 3)
    assert "follow-up question" not in client.get(step).text  # rendered and kept
    answers = {
        "regulator-approval": "not-approved",
        "trial-registration": "patient-funded",
        "ethics-approval": "named",
        "enforcement-search": "none-found",
    }
    response = client.post(step, answers)
    assert response["Location"] == step + "#q-legal-status-claims"
    assert "Your answers led to a follow-up question on this page." in client.get(step).text
    assert "Your answers led to a follow-up question" not in client.get(step).text  # shown once


def test_the_pdf_is_rendered_once_per_change_and_rate_limited(client, started, settings):
    from unittest import mock

    from django.core.cache import cache

    from screening import views

    walk(client, started.token, answers_from(S09))
    url = reverse("screening:report-pdf", args=[started.token])
    with mock.patch.object(views, "render_pdf", wraps=views.render_pdf) as render:
        first = client.get(url).content
        assert (
            client.get(url).content == first and render.call_count == 1
        )  # 8 clients no longer cost 8 renders
        client.post(step_url(started, 2), {**STEP_2_ANSWERS, "condition-count": "many-unrelated"})
        client.post(reverse("screening:review", args=[started.token]))
        client.get(url)
        assert render.call_count == 2  # the answers changed: a new PDF
    settings.RATELIMIT_ENABLE = True
    cache.clear()
    statuses = [client.get(url).status_code for _ in range(22)]
    assert statuses[:20] == [200] * 20 and statuses[20:] == [429, 429]


def test_the_words_page_explains_each_word_and_the_pages_link_to_it(client, started):
    words = client.get(reverse("screening:words"))
    assert words.status_code == 200
    msc = '<div class="word" id="word-mesenchymal-stem-cells"><dt>Mesenchymal stem cells (MSC)</dt>'
    assert msc in words.text
    assert words.text.count('<div class="word" id=') == len(started.version.content["words"])
    assert client.get(reverse("screening:words") + "?version=1").status_code == 200
    for bad in ("9", "x", "1" * 20, "0", "%C2%B2", "-1"):
        assert client.get(reverse("screening:words") + f"?version={bad}").status_code == 404
    home = client.get(reverse("screening:start")).text
    assert f'href="{reverse("screening:words")}"' in home  # the footer of every page
    # A step links the first mention of a word in its help texts, in a new tab: the answers on
    # the page are not saved yet.
    linked = 0
    for number in range(2, 8):
        step = client.get(step_url(started, number)).text
        link = r'<a class="word-link" href="/words/\?version=1#word-([a-z0-9-]+)" target="_blank"'
        links = re.findall(link, step)
        assert len(links) == len(set(links)), number  # each word once per page
        linked += len(links)
    assert linked >= 10


def test_the_report_links_its_words_and_lists_them_at_the_end(client, started):
    walk(client, started.token, answers_from(S09))
    page = client.get(reverse("screening:report", args=[started.token])).text
    assert re.search(r'<a class="word-link" href="/words/\?version=1#word-[a-z0-9-]+">', page)
    assert 'target="_blank"' not in page.split('class="flags"')[1].split("</section>")[0]
    listed = page.split('<section class="report-words"')[1].split("</section>")[0]
    assert "<dt>Clinical trial</dt>" in listed or "<dt>Medicines regulator</dt>" in listed
    data = client.get(reverse("screening:report-json", args=[started.token])).json()
    assert {w["code"] for w in data["words"]} and all(w["meaning"] for w in data["words"])
    # Every word listed is one the reader meets in the report above the list.
    shown = page.split('<section class="report-words"')[0].lower()
    for word in data["words"]:
        assert any(form.lower() in shown for form in (word["term"], *word["forms"])), word["code"]


def test_change_on_the_review_saves_and_returns_to_the_review(client, started):
    walk(
        client, started.token, json.loads((CALIBRATION_DIR / "s05-self-funded-ahsct-abroad.json").read_text())
    )
    review = client.get(reverse("screening:review", args=[started.token])).text
    assert f'href="{step_url(started, 3)}?then=review#q-regulator-approval"' in review
    page = client.get(step_url(started, 3) + "?then=review").text
    assert "Save and go back to my answers" in page
    started.refresh_from_db()
    on_step_3 = {
        code: started.answers[code]
        for code in re.findall(r'<fieldset class="question[^"]*" id="q-([\w-]+)"', page)
    }
    response = client.post(step_url(started, 3) + "?then=review", on_step_3 | {"trial-listing": "dont-know"})
    assert response["Location"] == reverse("screening:review", args=[started.token])
    started.refresh_from_db()
    assert started.answers["trial-listing"] == "dont-know"
    offer = client.post(step_url(started, 1) + "?then=review", {"condition": "MS"})
    assert offer["Location"] == reverse("screening:review", args=[started.token])


def test_back_saves_the_answers_of_the_step_or_says_they_are_not_saved(client, started):
    back = dict(STEP_2_ANSWERS, back="1")
    response = client.post(step_url(started, 2), back)
    assert response["Location"] == step_url(started, 1)
    started.refresh_from_db()
    assert started.answers["cell-source"] == STEP_2_ANSWERS["cell-source"]  # kept, not thrown away
    # Part of a step answered: nothing is saved, and the page says so, with a way back anyway.
    partly = client.post(step_url(started, 3), {"regulator-approval": "not-approved", "back": "1"})
    assert partly.status_code == 200 and "not saved yet" in partly.text
    assert f'href="{step_url(started, 2)}">Go back without saving this page' in partly.text
    # Nothing answered on the step: nothing to lose, so Back just goes back.
    assert client.post(step_url(started, 4), {"back": "1"})["Location"] == step_url(started, 3)


def test_coming_back_to_update_lists_what_is_still_not_known_first(client, started):
    case = json.loads((CALIBRATION_DIR / "s21-low-knowledge-ms-social-media-ad.json").read_text())
    before = client.get(reverse("screening:review", args=[started.token])).text
    assert "Still not known" not in before  # not on the first pass through
    walk(client, started.token, case)
    page = client.get(reverse("screening:review", args=[started.token])).text
    still = page[page.index('id="still-open-title"') : page.index('id="review-offer"')]
    assert "Where do the cells or the product come from?" in still and "Ask:" in still
    assert f'href="{step_url(started, 2)}?then=review#q-cell-source"' in still
    # "I would rather not say" where they live is not something still to find out about the offer.
    assert case["answers"]["home-country"] == "dont-know" and "In which country" not in still


def test_the_start_page_states_the_minutes_the_app_measures(client, published):
    from screening.domain import journey
    from screening.publishing import catalogue_of, latest_version

    minutes = journey.minutes_to_answer(catalogue_of(latest_version()), {})
    page = client.get("/").text
    assert f"it takes about {minutes} minutes" in page and "about 10 minutes" not in page


def test_help_not_needed_to_answer_opens_on_request(client, started):
    page = client.get(step_url(started, 3)).text
    shown, more = (
        page.split('<details class="more-help">', 1)[0],
        page.split('<details class="more-help">', 1)[1],
    )
    assert "Examples are the" in shown and "Health Canada" in shown
    assert "<summary>More about this question</summary>" in more
    assert "Outside the UK and US, ask your doctor" in more.split("</details>")[0]
