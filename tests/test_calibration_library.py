"""The calibration library in the database: loaded from fixtures/calibration, edited in the admin,
run by `calibrate`, and guarding every publish."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from screening.models import CalibrationCase, CatalogueVersion, Criterion, ScoringSettings
from screening.publishing import PublishError, preview, publish
from tests.conftest import CALIBRATION_DIR

CASE_COUNT = len(list(CALIBRATION_DIR.glob("*.json")))

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(draft):
    call_command("import_calibration", str(CALIBRATION_DIR), stdout=StringIO())
    return CalibrationCase.objects.all()


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def overweight_travel():
    """An edit that moves S05 (moderate) up: travelling abroad weighs more than a critical flag, and
    partial firings (S05 travels to a hospital, which fires it partly) are no longer capped."""
    Criterion.objects.filter(code="travel-abroad").update(weight=40)
    ScoringSettings.objects.update(partial_cap=None)


def test_the_shipped_cases_load_once_and_keep_their_files_levels(cases):
    assert cases.count() == len(list(CALIBRATION_DIR.glob("*.json")))
    s09 = cases.get(code="s09-patient-funded-fat-cell-study-ms")
    assert s09.expected_level == "high" and s09.answers["offer-type"] == "study"
    assert "already loaded" in run("import_calibration", str(CALIBRATION_DIR), "--if-empty")
    assert f"kept {CASE_COUNT} already there" in run("import_calibration", str(CALIBRATION_DIR))


def test_calibrate_prints_the_table_and_fails_when_a_case_is_outside(cases):
    table = run("calibrate")
    assert "case" in table and "expected" in table and "completeness" not in table.split("\n")[0]
    assert "s09-patient-funded-fat-cell-study-ms" in table and f"{CASE_COUNT} cases: " in table
    overweight_travel()
    out = StringIO()
    with pytest.raises(CommandError, match="outside their acceptable levels"):
        call_command("calibrate", "--draft", stdout=out)
    assert "OUTSIDE: 1 level(s) above" in out.getvalue()


def test_calibrate_runs_a_published_version_too(cases):
    publish("Shipped")
    assert "against version 1" in run("calibrate", "--published", "1")
    with pytest.raises(CommandError, match="does not exist"):
        run("calibrate", "--published", "7")


def test_the_publish_gate_blocks_a_draft_that_breaks_a_case_and_the_admin_names_it(admin_client, cases):
    publish("Shipped")
    overweight_travel()
    problems = preview().problems
    assert ("calibration-outside", ("case", "s05-self-funded-ahsct-abroad")) in [
        (p.code, p.where) for p in problems
    ]
    assert {p.code for p in problems} == {"calibration-outside"}
    with pytest.raises(PublishError):
        publish("Heavier travel warning")
    page = admin_client.get(reverse("admin:screening_catalogueversion_publish")).text
    assert "Calibration case s05-self-funded-ahsct-abroad: The catalogue gives" in page
    assert "1 level(s) above what the expert accepts (moderate)" in page
    assert CatalogueVersion.objects.count() == 1


def test_an_inactive_case_does_not_guard(cases):
    overweight_travel()
    moved = [p.where[1] for p in preview().problems]
    assert "s05-self-funded-ahsct-abroad" in moved
    CalibrationCase.objects.filter(code__in=moved).update(is_active=False)
    assert preview().problems == ()


def test_the_admin_checks_a_cases_answers_against_the_draft(admin_client, cases):
    url = reverse("admin:screening_calibrationcase_add")
    data = {
        "code": "staff-case",
        "title": "A case staff added",
        "is_active": "on",
        "expected_level": "low",
        "acceptable_levels": "[]",
        "answers": json.dumps({"route": ["teleport"]}),
        "offer": "{}",
        "notes": "",
        "sources": "",
    }
    refused = admin_client.post(url, data)
    assert refused.status_code == 200 and "Unknown option code “teleport”" in refused.text
    data["answers"] = json.dumps({"offer-type": "standard-care"})
    assert admin_client.post(url, data).status_code == 302
    assert CalibrationCase.objects.get(code="staff-case").answers == {"offer-type": "standard-care"}
    data |= {"code": "bad-levels", "acceptable_levels": '["extreme"]'}
    assert "A list of levels" in admin_client.post(url, data).text


def test_a_case_file_without_an_expected_level_is_refused(db, tmp_path):
    (tmp_path / "x.json").write_text(json.dumps({"answers": {}}))
    with pytest.raises(CommandError) as refused:
        run("import_calibration", str(tmp_path))
    assert refused.value.returncode == 2
