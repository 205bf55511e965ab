"""Helpers to walk the questionnaire through the test client, answering from an answer file."""

import json
import re

from django.urls import reverse

from screening.domain import journey
from screening.publishing import catalogue_of
from screening.selectors import screening_answers

# A complete, valid answer to step 2 ("The treatment") of the shipped catalogue.
STEP_2_ANSWERS = {
    "treatment-country": "us",
    "home-country": "us",
    "offer-type": "study",
    "cell-source": ["own-fat"],
    "product-details": "no",
    "route": ["iv"],
    "ms-type": "relapsing-active",
    "condition-count": "only-mine",
}


def answers_from(path) -> dict:
    return json.loads(path.read_text())


def post_data_for(rows_html: str, answers: dict, catalogue) -> dict:
    """Form data for the questions shown on a step page: the file's answer, or "I don't know"."""
    data: dict = {}
    for code in re.findall(r'<fieldset class="question[^"]*" id="q-([a-z0-9-]+)"', rows_html):
        data[code] = answers.get(code, catalogue.question(code).unknown_option.code)
    return data


def walk(client, screening_token: str, answer_file: dict, *, max_pages: int = 40):
    """Answer every step as the file says (follow-ups included), then ask for the report."""
    from screening.models import Screening

    screening = Screening.objects.get(token=screening_token)
    catalogue = catalogue_of(screening.version)
    url = reverse("screening:step", args=[screening_token, journey.OFFER_STEP])
    response = client.post(url, answer_file.get("offer", {}))
    for _ in range(max_pages):
        location = response["Location"].split("#")[0]
        if location.endswith("/review/"):
            break
        page = client.get(location)
        response = client.post(location, post_data_for(page.text, answer_file["answers"], catalogue))
        assert response.status_code == 302, response.text[:2000]
    review = client.post(reverse("screening:review", args=[screening_token]))
    assert review.status_code == 302 and review["Location"].endswith("/report/")
    screening.refresh_from_db()
    return screening_answers(screening), catalogue
