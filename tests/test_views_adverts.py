"""The offer-text assist in the journey (issue 14): the person pastes the clinic's text on the
first step, the steps show suggestions pre-selected with their words, nothing counts until they
press Next, and the report says which answers came from suggestions they accepted. The text is
kept only with the screening."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from screening.models import Screening
from screening.services import screening_finish, screening_save_answers
from tests.conftest import CALIBRATION_DIR

pytestmark = pytest.mark.django_db

ADVERT = (
    "Our revolutionary stem cell treatment has no side effects. "
    "Book this month and get 20% off. 85% of our patients improve."
)
EVIDENCE, COST = 4, 5  # the steps with risk-info and claims, and with sales-tactics
S09 = CALIBRATION_DIR / "s09-patient-funded-fat-cell-study-ms.json"


def step_url(token: str, number: int) -> str:
    return reverse("screening:step", args=[token, number])


@pytest.fixture
def pasted(client, published):
    client.post(reverse("screening:begin"))
    screening = Screening.objects.get()
    response = client.post(step_url(screening.token, 1), {"condition": "MS", "offer_text": ADVERT})
    assert response.status_code == 302
    screening.refresh_from_db()
    return screening


def test_the_first_step_offers_to_read_the_clinics_text_and_says_what_is_kept(client, published):
    client.post(reverse("screening:begin"))
    token = Screening.objects.get().token
    page = client.get(step_url(token, 1)).text
    assert (
        'name="offer_text"' in page and "Paste the clinic&#x27;s advert, e-mail or message (optional)" in page
    )
    assert "We keep the text only with your answers, and delete it with them." in page


def test_the_text_is_kept_with_the_screening_not_in_its_offer(pasted):
    assert pasted.offer_text == ADVERT
    assert pasted.offer == {"condition": "MS"} and pasted.answers == {}


def test_a_step_shows_each_suggestion_pre_selected_with_its_words(client, pasted):
    page = client.get(step_url(pasted.token, COST)).text
    question = page[page.index('id="q-sales-tactics"') :]
    question = question[: question.index("</fieldset>")]
    assert "Suggested from the text you pasted:" in question and "“20% off”" in question
    assert "Please check, and change it if it is wrong." in question
    assert 'value="discount-limited" checked' in question
    # Nothing counts until the person presses Next.
    pasted.refresh_from_db()
    assert "sales-tactics" not in pasted.answers


def test_accepting_one_suggestion_and_changing_another_shows_in_the_report(client, pasted):
    data = json.loads(S09.read_text(encoding="utf-8"))
    others = {k: v for k, v in data["answers"].items() if k not in ("sales-tactics", "risk-info", "claims")}
    screening_save_answers(pasted, others)
    evidence = client.get(step_url(pasted.token, EVIDENCE)).text
    assert 'value="no-side-effects" checked' in evidence and 'value="success-rate" checked' in evidence
    # Accept "no side effects"; change the claims to "They did not say what to expect".
    client.post(
        step_url(pasted.token, EVIDENCE),
        {"risk-info": "no-side-effects", "claims": "no-expectations", **_rest(others, EVIDENCE)},
    )
    client.post(step_url(pasted.token, COST), {"sales-tactics": "discount-limited", **_rest(others, COST)})
    pasted.refresh_from_db()
    assert pasted.suggestions_accepted == ["risk-info", "sales-tactics"]
    screening_finish(pasted)
    page = client.get(reverse("screening:report", args=[pasted.token])).text
    block = page[page.index('class="from-text"') :]
    block = block[: block.index("</div>")]
    assert "suggested from the text you pasted, and you checked them" in block
    assert "What did the clinic tell you about risks?" in block and "Did any of these happen to you?" in block
    assert "What did the clinic tell you about what the treatment will do?" not in block
    report = json.loads(client.get(reverse("screening:report-json", args=[pasted.token])).content)
    assert [a["question"] for a in report["from_text"]] == ["risk-info", "sales-tactics"]
    assert ADVERT not in json.dumps(report)  # the text itself is never in a report


def _rest(answers: dict, step: int) -> dict:
    """The saved answers of the other questions on a step, as a form posts them."""
    from screening.domain.journey import steps
    from screening.publishing import catalogue_of, latest_version

    catalogue = catalogue_of(latest_version())
    section = steps(catalogue)[step - 1].section
    return {q.code: answers[q.code] for q in catalogue.questions_in(section.code) if q.code in answers}


def test_an_answer_the_person_gave_is_never_replaced_by_a_suggestion(client, pasted):
    screening_save_answers(pasted, {"risk-info": ["named-risks"]})
    page = client.get(step_url(pasted.token, EVIDENCE)).text
    question = page[page.index('id="q-risk-info"') :]
    question = question[: question.index("</fieldset>")]
    assert "Suggested from the text" not in question and 'value="named-risks" checked' in question
    assert 'value="no-side-effects" checked' not in question


def test_a_text_over_the_limit_is_refused_with_a_message_and_nothing_saved(client, published):
    client.post(reverse("screening:begin"))
    screening = Screening.objects.get()
    response = client.post(step_url(screening.token, 1), {"offer_text": "x" * 20_001})
    assert response.status_code == 200 and "20000" in response.text.replace(",", "")
    screening.refresh_from_db()
    assert screening.offer_text == ""


def test_the_text_is_deleted_with_the_screening_and_by_the_purge(client, pasted):
    client.post(reverse("screening:delete", args=[pasted.token]), {"code": pasted.resume_code})
    assert not Screening.objects.filter(offer_text=ADVERT).exists()
    client.post(reverse("screening:begin"))
    again = Screening.objects.get()
    client.post(step_url(again.token, 1), {"offer_text": ADVERT})
    moment = timezone.now() - timedelta(days=31)
    Screening.objects.filter(pk=again.pk).update(created=moment, updated=moment)
    call_command("purge_screenings", stdout=StringIO())
    assert not Screening.objects.filter(offer_text=ADVERT).exists()


def test_the_text_never_appears_in_the_logs(client, published, caplog):
    caplog.set_level("DEBUG")
    client.post(reverse("screening:begin"))
    token = Screening.objects.get().token
    client.post(step_url(token, 1), {"offer_text": ADVERT + " Unique-marker-4711"})
    client.get(step_url(token, EVIDENCE))
    client.post(step_url(token, 1), {"offer_text": "y" * 20_001})  # refused: the form's error either
    assert "Unique-marker-4711" not in " ".join(r.getMessage() for r in caplog.records)


def test_only_staff_who_may_read_answers_can_read_the_text(client, pasted):
    url = reverse("admin:screening_screening_change", args=[pasted.pk])
    staff = User.objects.create_user("editor", password="pw-long-enough-1", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_screening"))
    client.force_login(staff)
    assert client.get(url).status_code == 403
    assert ADVERT not in client.get(reverse("admin:screening_screening_changelist")).text
    staff.user_permissions.add(Permission.objects.get(codename="view_answers"))
    staff = User.objects.get(pk=staff.pk)
    client.force_login(staff)
    assert "20% off" in client.get(url).text


def test_back_does_not_save_a_suggestion_left_as_it_was(client, pasted):
    page = client.get(step_url(pasted.token, COST)).text
    assert 'value="discount-limited" checked' in page
    # The person only presses Back: nothing to lose, nothing saved, nothing "accepted".
    response = client.post(step_url(pasted.token, COST), {"sales-tactics": "discount-limited", "back": "1"})
    assert response.status_code == 302 and response["Location"] == step_url(pasted.token, COST - 1)
    pasted.refresh_from_db()
    assert "sales-tactics" not in pasted.answers and pasted.suggestions_accepted == []


def test_a_new_text_keeps_only_the_confirmed_suggestions_it_still_makes(client, pasted):
    data = json.loads(S09.read_text(encoding="utf-8"))
    others = {k: v for k, v in data["answers"].items() if k not in ("sales-tactics", "risk-info", "claims")}
    screening_save_answers(pasted, others)
    client.post(step_url(pasted.token, COST), {"sales-tactics": "discount-limited", **_rest(others, COST)})
    pasted.refresh_from_db()
    assert pasted.suggestions_accepted == ["sales-tactics"]
    # The same words again, written differently: it still stands.
    client.post(
        step_url(pasted.token, 1), {"condition": "MS", "offer_text": "20% off if you book this month!"}
    )
    pasted.refresh_from_db()
    assert pasted.suggestions_accepted == ["sales-tactics"]
    # The text cleared: the answer stays, but it no longer came from a text.
    client.post(step_url(pasted.token, 1), {"condition": "MS", "offer_text": ""})
    pasted.refresh_from_db()
    assert pasted.offer_text == "" and pasted.suggestions_accepted == []
    assert pasted.answers["sales-tactics"] == ["discount-limited"]


def test_a_text_at_the_limit_with_line_breaks_is_taken(client, published):
    """The browser counts a line break as one character but sends two."""
    client.post(reverse("screening:begin"))
    screening = Screening.objects.get()
    text = ("No side effects.\n" * 2000)[:20_000].replace("\n", "\r\n")
    assert len(text.replace("\r\n", "\n")) == 20_000 and len(text) > 20_000
    assert client.post(step_url(screening.token, 1), {"offer_text": text}).status_code == 302
    screening.refresh_from_db()
    assert len(screening.offer_text) <= 20_000 and "\r" not in screening.offer_text


def test_a_step_with_suggestions_says_so_at_its_top(client, pasted):
    page = client.get(step_url(pasted.token, COST)).text
    assert "Some answers on this page are already chosen from the text you pasted." in page
    assert "already chosen from the text" not in client.get(step_url(pasted.token, 2)).text
