"""The walk with a mouse and JavaScript on: axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on
any page of the journey (error states included) nor on the admin login, and the report shows the
level that `screen` gives."""

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
