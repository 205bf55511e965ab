"""Answering for someone else, over HTTP: every step and the report speak of them, and the
provider's own word replaces "the clinic"."""

import json
import re

import pytest
from django.urls import reverse

from screening.domain import journey
from screening.models import Screening
from screening.publishing import catalogue_of
from tests.conftest import CALIBRATION_DIR
from tests.journey import answers_from, post_data_for

pytestmark = pytest.mark.django_db

S09 = CALIBRATION_DIR / "s09-patient-funded-fat-cell-study-ms.json"
# What a page would say if it still spoke to the patient about their own things.
PATIENT_VOICE = re.compile(
    r"\b(my|your)( own)? (condition|doctors?|specialist|GP|body|cells|diagnosis|records|medicines)\b"
    r"|\bif I am harmed\b|\bpeople like (me|you)\b",
    re.IGNORECASE,
)


def main_text(html: str) -> str:
    """The page's main content as words, without the line that says whom the answers are about."""
    main = html[html.index("<main") : html.index("</main>")]
    main = re.sub(r'<p class="voice-note">.*?</p>', "", main, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).replace("&#x27;", "'").replace("&#39;", "'")


def walk_pages(client, token, offer, answers):
    """Answer every step; return the text of each step page as first shown, then the report's."""
    screening = Screening.objects.get(token=token)
    catalogue = catalogue_of(screening.version)
    url = reverse("screening:step", args=[token, journey.OFFER_STEP])
    pages = [main_text(client.get(url).text)]
    response = client.post(url, offer)
    assert response.status_code == 302, response.text[:2000]
    while not (location := response["Location"].split("#")[0]).endswith("/review/"):
        page = client.get(location).text
        pages.append(main_text(page))
        response = client.post(location, post_data_for(page, answers, catalogue))
        assert response.status_code == 302, response.text[:2000]
    review = client.get(reverse("screening:review", args=[token])).text
    client.post(reverse("screening:review", args=[token]))
    report = client.get(reverse("screening:report", args=[token])).text
    return pages, main_text(review), main_text(report)


@pytest.fixture
def token(client, published):
    client.post(reverse("screening:begin"))
    return Screening.objects.get().token


def test_the_offer_step_asks_whom_the_answers_are_about_and_who_offers_it(client, token):
    page = client.get(reverse("screening:step", args=[token, 1])).text
    assert "Who are you answering for?" in page and "Who is offering the treatment?" in page
    assert re.search(r'type="radio"[^>]* name="answering_for" value="child"', page)
    assert re.search(r'type="radio"[^>]* name="provider" value="hospital"', page)


def test_answering_for_my_child_speaks_of_your_child_on_every_step_and_in_the_report(client, token):
    case = answers_from(S09)
    steps, review, report = walk_pages(client, token, {"answering_for": "child"}, case["answers"])
    # The offer step is shown before the choice is made; every later step speaks of the child.
    for number, text in enumerate(steps[1:], start=2):
        assert re.search(r"\b(your|my) child\b", text), f"step {number} never speaks of the child"
        assert not PATIENT_VOICE.search(text), (number, PATIENT_VOICE.search(text)[0])
    assert "You are answering for your child." in client.get(reverse("screening:step", args=[token, 2])).text
    assert "My child" in review
    assert "your child" in report and not PATIENT_VOICE.search(report), PATIENT_VOICE.search(report)
    assert "Answers about" in report


def test_answering_for_myself_keeps_the_patients_own_words(client, token):
    case = answers_from(S09)
    steps, _, report = walk_pages(client, token, {"answering_for": "self"}, case["answers"])
    # (The offer step itself says the questions can speak of a child.)
    assert not any("your child" in text for text in steps[1:]) and "your child" not in report
    assert any(PATIENT_VOICE.search(text) for text in steps)


def test_a_hospital_offer_says_the_hospital_on_the_steps_and_in_the_report(client, token):
    case = answers_from(S09)
    steps, _, report = walk_pages(client, token, {"provider": "hospital"}, case["answers"])
    for text in steps[1:]:
        assert not re.search(r"\bthe clinic\b", text, re.IGNORECASE), text[:300]
    assert any("the hospital" in text for text in steps[1:])
    assert not re.search(r"\bthe clinic\b", report, re.IGNORECASE)


def test_the_same_answers_give_the_same_level_in_every_voice(client, published):
    levels = set()
    for offer in ({}, {"answering_for": "child", "provider": "company"}, {"answering_for": "cared-for"}):
        client.post(reverse("screening:begin"))
        token = Screening.objects.order_by("-pk").first().token
        walk_pages(client, token, offer, answers_from(S09)["answers"])
        data = json.loads(client.get(reverse("screening:report-json", args=[token])).content)
        levels.add((data["level"], data["score"], tuple(f["code"] for f in data["flags"])))
    assert len(levels) == 1


def test_a_wrong_choice_is_refused_on_the_offer_step(client, token):
    response = client.post(reverse("screening:step", args=[token, 1]), {"answering_for": "neighbour"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert Screening.objects.get().offer == {}
