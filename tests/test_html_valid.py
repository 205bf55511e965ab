"""Every page of the journey is valid HTML, by the W3C Nu HTML checker (vnu.jar from npm, `make tools`).

Skipped when Java or vnu.jar is missing, unless REQUIRE_HTML_CHECKER=1 (as in CI).
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from screening.models import Screening
from tests.conftest import CALIBRATION_DIR, ROOT
from tests.journey import answers_from, walk

VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"))

pytestmark = pytest.mark.django_db


def vnu_or_skip() -> Path:
    why = None
    if shutil.which("java") is None:
        why = "java is not installed"
    elif not VNU_JAR.exists():
        why = f"no vnu.jar at {VNU_JAR} (run `make tools`)"
    if why:
        if os.environ.get("REQUIRE_HTML_CHECKER") == "1":
            pytest.fail(f"The HTML checker must run here but cannot: {why}")
        pytest.skip(why)
    return VNU_JAR


def journey_pages(client) -> dict[str, str]:
    """Every page a person sees, with its error states, as HTML."""
    pages = {"start": client.get("/").text, "resume": client.get(reverse("screening:resume")).text}
    pages["resume-error"] = client.post(reverse("screening:resume"), {"code": "x"}).text
    client.post(reverse("screening:begin"))
    screening = Screening.objects.get()
    for number in range(1, 8):
        pages[f"step-{number}"] = client.get(reverse("screening:step", args=[screening.token, number])).text
    pages["step-2-errors"] = client.post(reverse("screening:step", args=[screening.token, 2]), {}).text
    pages["step-1-errors"] = client.post(
        reverse("screening:step", args=[screening.token, 1]), {"price": "x" * 101}
    ).text
    walk(client, screening.token, answers_from(CALIBRATION_DIR / "s09-patient-funded-fat-cell-study-ms.json"))
    pages["review"] = client.get(reverse("screening:review", args=[screening.token])).text
    pages["report"] = client.get(reverse("screening:report", args=[screening.token])).text
    pages["delete"] = client.get(reverse("screening:delete", args=[screening.token])).text
    pages["words"] = client.get(reverse("screening:words")).text
    # With the clinic's text pasted (issue 14): suggestions on the steps, and the report's list of
    # the answers taken from them.
    client.post(reverse("screening:begin"))
    pasted = Screening.objects.exclude(pk=screening.pk).get()
    pasted_text = {"offer_text": "Revolutionary cells with no side effects. 20% off this month."}
    client.post(reverse("screening:step", args=[pasted.token, 1]), pasted_text)
    for number in (4, 5):
        pages[f"step-{number}-suggested"] = client.get(
            reverse("screening:step", args=[pasted.token, number])
        ).text
    case = answers_from(CALIBRATION_DIR / "s09-patient-funded-fat-cell-study-ms.json")
    case["offer"] = {**case["offer"], **pasted_text}
    case["answers"] = {
        **case["answers"],
        "risk-info": ["no-side-effects"],
        "sales-tactics": ["discount-limited"],
    }
    walk(client, pasted.token, case)
    pages["report-from-text"] = client.get(reverse("screening:report", args=[pasted.token])).text
    assert (
        'class="suggested"' in pages["step-4-suggested"] and 'class="from-text"' in pages["report-from-text"]
    )
    return pages


def test_every_page_of_the_journey_is_valid_html(client, published, tmp_path):
    pages = journey_pages(client)
    assert len(pages) >= 15
    assert html_errors(pages, tmp_path) == []


def test_the_admin_pages_an_editor_uses_are_valid_html(admin_client, shipped_in_db, tmp_path):
    """The pages issue 12 changed: the grouped front page, the draft banner, the side-by-side
    publish preview with its linked problems, and the preview of a case's report."""
    from django.core.management import call_command

    from screening.models import CalibrationCase, Criterion, Currency, Jurisdiction, Option

    call_command("import_calibration", str(CALIBRATION_DIR), verbosity=0)
    criterion = Criterion.objects.get(code="travel-abroad")
    Criterion.objects.filter(pk=criterion.pk).update(title="Treatment in another country")
    Option.objects.filter(question__code="route", code="iv").update(label="A drip into a vein (IV)")
    case = CalibrationCase.objects.get(code="s16-mexico-cord-cells-drip-spinal-ms")
    pages = {
        "admin-index": admin_client.get(reverse("admin:index")).text,
        "admin-criteria": admin_client.get(reverse("admin:screening_criterion_changelist")).text,
        "admin-criterion": admin_client.get(
            reverse("admin:screening_criterion_change", args=[criterion.pk])
        ).text,
        "admin-publish": admin_client.get(reverse("admin:screening_catalogueversion_publish")).text,
        "admin-preview": admin_client.get(
            reverse("admin:screening_calibrationcase_preview", args=[case.pk])
        ).text,
        # Issue 13: the countries and a country's signposts.
        "admin-countries": admin_client.get(reverse("admin:screening_jurisdiction_changelist")).text,
        "admin-country": admin_client.get(
            reverse("admin:screening_jurisdiction_change", args=[Jurisdiction.objects.get(code="jp").pk])
        ).text,
        "admin-currency": admin_client.get(
            reverse("admin:screening_currency_change", args=[Currency.objects.get(code="jpy").pk])
        ).text,
    }
    assert (
        "side-by-side" in pages["admin-publish"] and "You are editing the draft." in pages["admin-criteria"]
    )
    Criterion.objects.filter(code="travel-abroad").update(is_active=False)  # a blocking problem, linked
    pages["admin-publish-blocked"] = admin_client.get(
        reverse("admin:screening_catalogueversion_publish")
    ).text
    assert html_errors(pages, tmp_path) == []


def html_errors(pages: dict[str, str], tmp_path: Path) -> list[str]:
    jar = vnu_or_skip()
    for name, html in pages.items():
        (tmp_path / f"{name}.html").write_text(html, encoding="utf-8")
    result = subprocess.run(
        [
            "java",
            "-Xss4m",
            "-jar",
            str(jar),
            "--format",
            "json",
            "--stdout",
            *sorted(map(str, tmp_path.glob("*.html"))),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stdout)["messages"]
    return [
        f"{Path(m['url']).stem}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"
    ]


def test_the_checker_does_report_invalid_html(tmp_path):
    jar = vnu_or_skip()
    (tmp_path / "bad.html").write_text(
        "<!doctype html><html lang=en><title>x</title><p><div></p>", encoding="utf-8"
    )
    result = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", "--stdout", str(tmp_path / "bad.html")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert any(m["type"] == "error" for m in json.loads(result.stdout)["messages"])
