"""The walk with a mouse and JavaScript on: axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on
any page of the journey (error states included), on the admin login or on the admin pages an editor
uses (issue 12), and the report shows the level that `screen` gives."""

import re

from tests.browser.conftest import (
    accessibility_violations,
    answer_file,
    level_shown,
    screen_level,
    walk_with_mouse,
)

CASE = "s09-patient-funded-fat-cell-study-ms"


def test_every_page_of_the_journey_is_accessible(page, site):
    found: dict[str, list[str]] = {}

    def check(p):
        key = re.sub(r"/s/[^/]+/", "/s/<token>/", p.url.replace(site, "")) + " | " + p.title()
        found[key] = accessibility_violations(p)

    walk_with_mouse(page, site, answer_file(CASE), on_page=check)
    assert level_shown(page) == screen_level(CASE)
    report_url = page.url.split("#")[0]
    token_root = report_url.rsplit("/report/", 1)[0]

    # A step with every error message showing.
    page.goto(token_root + "/step/2/")
    page.evaluate("document.querySelectorAll('input:checked').forEach(i => i.checked = false)")
    page.get_by_role("button", name="Next").click()
    assert page.locator(".error-summary").is_visible()
    check(page)

    # Resume: the form, and its error.
    page.goto(site + "/resume/")
    check(page)
    page.get_by_label("Your code").fill("nope")
    page.get_by_role("button", name="Continue").click()
    assert page.locator(".error-summary").is_visible()
    check(page)

    page.goto(token_root + "/delete/")
    check(page)
    page.goto(site + "/words/")
    check(page)
    page.goto(site + "/admin/login/")
    check(page)

    assert len(found) >= 13, list(found)
    assert {k: v for k, v in found.items() if v} == {}


def test_the_accessibility_check_does_catch_violations(page):
    page.set_content('<html><body><img src="x.png"><input type="text"><a href="#"></a></body></html>')
    rules = " ".join(accessibility_violations(page))
    assert "image-alt" in rules and "label" in rules and "html-has-lang" in rules


def test_the_admin_pages_an_editor_uses_are_accessible(page, site):
    """The pages issue 12 changed: the grouped front page, the draft banner, the side-by-side
    publish preview, and the preview of a case's report."""
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from screening.models import CalibrationCase, Criterion, Jurisdiction
    from screening.publishing import catalogue_of, latest_version
    from screening.storage import write_draft
    from tests.conftest import CALIBRATION_DIR

    write_draft(catalogue_of(latest_version()))
    call_command("import_calibration", str(CALIBRATION_DIR), verbosity=0)
    Criterion.objects.filter(code="travel-abroad").update(title="Treatment in another country")
    User.objects.create_superuser("editor", password="pw-for-tests-only-1")
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("pw-for-tests-only-1")
    page.get_by_role("button", name="Log in").click()
    criterion = Criterion.objects.get(code="travel-abroad")
    case = CalibrationCase.objects.get(code="s16-mexico-cord-cells-drip-spinal-ms")
    found = {}
    for path in [
        "/admin/",
        "/admin/screening/criterion/",
        f"/admin/screening/criterion/{criterion.pk}/change/",
        "/admin/screening/catalogueversion/publish/",
        "/admin/screening/jurisdiction/",
        f"/admin/screening/jurisdiction/{Jurisdiction.objects.get(code='jp').pk}/change/",
        f"/admin/screening/calibrationcase/{case.pk}/preview/",  # last: the check below is on it
    ]:
        page.goto(site + path)
        assert "/login/" not in page.url, path
        found[path] = accessibility_violations(page)
    assert page.locator(".staff-preview").is_visible()
    assert {k: v for k, v in found.items() if v} == {}
