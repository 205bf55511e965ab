"""Thousands of malformed step submissions: never a 500, never a change to the saved answers,
always a worded message. (At least 2,000 examples; MALFORMED_EXAMPLES raises it.)"""

import os

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening import journey
from screening.models import Screening
from screening.publishing import catalogue_of
from tests.journey import STEP_2_ANSWERS

EXAMPLES = max(2000, int(os.environ.get("MALFORMED_EXAMPLES", "2000")))

VALID_STEP_2 = STEP_2_ANSWERS

junk_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=31), min_size=1, max_size=20),
    st.just("x" * 5000),
    st.just("<script>alert(1)</script>"),
    st.just("' OR 1=1 --"),
    st.just("\x00"),
)


@st.composite
def malformed(draw):
    """A step-2 submission with at least one fault that must make it rejected."""
    data: dict = {k: (list(v) if isinstance(v, list) else v) for k, v in VALID_STEP_2.items()}
    faults = draw(
        st.lists(
            st.sampled_from(
                [
                    "missing",
                    "wrong-option",
                    "junk-value",
                    "dont-know-plus",
                    "extra-fields",
                    "wrong-method",
                    "no-csrf",
                    "huge",
                ]
            ),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    invalidating = {
        "missing",
        "wrong-option",
        "junk-value",
        "dont-know-plus",
        "wrong-method",
        "no-csrf",
        "huge",
    }
    if not invalidating & set(faults):
        faults.append(draw(st.sampled_from(sorted(invalidating))))
    method = "post"
    csrf = True
    for fault in faults:
        if fault == "missing":
            data.pop(draw(st.sampled_from(sorted(VALID_STEP_2))), None)
        elif fault == "wrong-option":
            data[draw(st.sampled_from(sorted(VALID_STEP_2)))] = draw(
                junk_text.filter(
                    lambda t: (
                        t
                        not in {
                            "study",
                            "routine-treatment",
                            "standard-care",
                            "dont-know",
                            "no",
                            "partly",
                            "refused",
                            "in-writing",
                            "only-mine",
                            "few-related",
                            "many-unrelated",
                            "transplant-protocols",
                        }
                    )
                )
                | st.just("teleport")
            )
        elif fault == "junk-value":
            data["route"] = [draw(junk_text), "iv"]
        elif fault == "dont-know-plus":
            data["cell-source"] = ["dont-know", "own-fat"]
        elif fault == "extra-fields":
            for _ in range(draw(st.integers(1, 5))):
                data[draw(st.text(min_size=1, max_size=30))] = draw(junk_text)
        elif fault == "wrong-method":
            method = draw(st.sampled_from(["put", "patch", "delete"]))
        elif fault == "no-csrf":
            csrf = False
        elif fault == "huge":
            data["offer-type"] = "y" * draw(st.integers(1000, 70000))
    return method, csrf, data


@pytest.fixture
def screening(shipped_in_db):
    client = Client()
    client.post(reverse("screening:begin"))
    screening = Screening.objects.get()
    client.post(reverse("screening:step", args=[screening.token, 2]), VALID_STEP_2)
    screening.refresh_from_db()
    return screening


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(case=malformed())
def test_malformed_step_submissions_are_refused_cleanly(screening, case):
    method, csrf, data = case
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    url = reverse("screening:step", args=[screening.token, 2])
    if csrf:
        client.get(url)  # sets the CSRF cookie, as a browser visiting the page would
        data = {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    if method == "post":
        response = client.post(url, data)
    else:
        response = getattr(client, method)(url, data, content_type="application/x-www-form-urlencoded")
    assert response.status_code != 500
    assert response.status_code in (200, 400, 403, 405), response.status_code
    text = response.content.decode()
    if response.status_code == 200:
        assert 'class="alert alert-danger error-summary"' in text  # re-rendered, with the reasons
    else:
        assert "<h1>" in text and "Traceback" not in text
    saved = Screening.objects.get(pk=screening.pk)
    assert saved.answers == screening.answers and saved.offer == screening.offer


def test_overlong_offer_details_are_refused_with_a_message(screening):
    client = Client()
    url = reverse("screening:step", args=[screening.token, journey.OFFER_STEP])
    for field, limit in (("condition", 200), ("treatment", 500), ("country", 100), ("price", 100)):
        response = client.post(url, {field: "z" * (limit + 1)})
        assert response.status_code == 200 and f"at most {limit} characters" in response.text
    assert Screening.objects.get(pk=screening.pk).offer == screening.offer
    assert catalogue_of(screening.version)  # still a working screening
