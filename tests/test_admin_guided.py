"""The admin guides an editor (issue 12, point 8): it says when a page edits the draft, its front
page groups what an editor needs, and it previews the report the draft gives for a case."""

import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from screening.models import CalibrationCase, Criterion, Question
from tests.conftest import CALIBRATION_DIR

pytestmark = pytest.mark.django_db
BANNER = "You are editing the draft."


def test_every_page_of_the_draft_catalogue_says_it_is_the_draft(admin_client, draft):
    criterion = Criterion.objects.get(code="high-risk-route")
    question = Question.objects.get(code="route")
    for url in [
        reverse("admin:screening_criterion_changelist"),
        reverse("admin:screening_criterion_change", args=[criterion.pk]),
        reverse("admin:screening_criterion_add"),
        reverse("admin:screening_criterion_delete", args=[criterion.pk]),
        reverse("admin:screening_question_change", args=[question.pk]),
        reverse("admin:screening_option_changelist"),
        reverse("admin:screening_glossaryword_changelist"),
        reverse("admin:screening_jurisdiction_changelist"),
        reverse("admin:screening_jurisdiction_add"),
        reverse("admin:screening_currency_changelist"),
        reverse("admin:screening_currency_add"),
        reverse("admin:screening_band_changelist"),
        reverse("admin:screening_escalation_changelist"),
        reverse("admin:screening_section_changelist"),
        reverse("admin:screening_reassuringsign_changelist"),
    ]:
        page = admin_client.get(url)
        assert page.status_code == 200, url
        assert BANNER in page.text and "Nothing changes for anyone until you publish it." in page.text, url
        assert reverse("admin:screening_catalogueversion_publish") in page.text, url
    # Pages that are not the draft catalogue do not say so.
    for url in [
        reverse("admin:screening_screening_changelist"),
        reverse("admin:screening_catalogueversion_changelist"),
    ]:
        assert BANNER not in admin_client.get(url).text, url


def test_the_front_page_groups_what_an_editor_needs_and_keeps_the_rest_apart(admin_client, draft):
    page = admin_client.get(reverse("admin:index")).text
    groups = re.findall(r"<caption>\s*<a [^>]*>(.*?)</a>", page, re.S)
    names = [re.sub(r"\s+", " ", g).strip() for g in groups]
    editor = [n for n in names if not n.startswith("Other:")]
    assert editor[0] == "1. Warning signs and reassuring signs" and editor[-1] == "7. Publish"
    assert names.index("7. Publish") < min(i for i, n in enumerate(names) if n.startswith("Other:"))
    other = page[page.index("Other:") :]
    assert "Access attempts" in other and "Screenings" in other  # lockout records and reports, apart
    assert "Access attempts" not in page[: page.index("Other:")]


def test_a_calibration_case_previews_the_report_the_draft_gives(admin_client, draft):
    call_command("import_calibration", str(CALIBRATION_DIR), verbosity=0)
    case = CalibrationCase.objects.get(code="s16-mexico-cord-cells-drip-spinal-ms")
    listing = admin_client.get(reverse("admin:screening_calibrationcase_changelist")).text
    preview_url = reverse("admin:screening_calibrationcase_preview", args=[case.pk])
    assert preview_url in listing
    page = admin_client.get(preview_url)
    assert page.status_code == 200
    assert "Preview for staff" in page.text and "Very high caution" in page.text
    assert "injected into the spine" in page.text  # the same summary a person would see
    assert "Delete this report" not in page.text and "/s/" not in page.text  # no screening behind it
    # It is the draft that is scored: an edit shows at once, before anything is published.
    Criterion.objects.filter(code="high-risk-route").update(title="Cells put into the spine or brain")
    assert "Cells put into the spine or brain" in admin_client.get(preview_url).text


def test_the_preview_is_for_staff_only(client, draft):
    case = CalibrationCase.objects.create(
        code="c1", title="A case", answers=json.loads('{"offer-type": "study"}'), expected_level="low"
    )
    response = client.get(reverse("admin:screening_calibrationcase_preview", args=[case.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]
