"""Real-browser tests: Playwright driving Debian's Chromium against the live test server.

Playwright's own browser download is never used (it cannot work here): Chromium comes from the
system (`apt-get install chromium`). Without it these tests skip, unless REQUIRE_BROWSER=1 (as in
CI), where a missing browser is a failure.

One full walk by hand per way of using the site (mouse with JavaScript, without JavaScript,
keyboard only, a phone); every other test reaches its report through the services, as a person
who has already answered would, and starts in the browser from there.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from screening.domain.answers import OFFER_CHOICES

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# The flags a headless Chromium needs on a machine with no outside network, run as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
OFFER_CHOICE_NAMES = {c.name for c in OFFER_CHOICES}
LEVEL_TITLES = {
    "low": "Low caution",
    "moderate": "Moderate caution",
    "high": "High caution",
    "very high": "Very high caution",
}


def _why_no_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(scope="session")
def browser():
    why = _why_no_browser()
    if why:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"Browser tests must run here but cannot: {why}")
        pytest.skip(why)
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # still plain synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def published(transactional_db, shipped_json):
    from tests.conftest import publish_shipped_version

    return publish_shipped_version(shipped_json)


@pytest.fixture
def site(live_server, published) -> str:
    return live_server.url


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


# --- Reaching a state through the services -------------------------------------------------------


def answer_file(name: str) -> dict:
    from tests.conftest import CALIBRATION_DIR

    return json.loads((CALIBRATION_DIR / f"{name}.json").read_text())


def complete_answers(catalogue, answers: dict) -> dict:
    """The file's answers, and "I don't know" to every other question asked: what a walk submits."""
    from screening.domain.answers import parse_answers
    from screening.domain.scoring import visible_questions

    given = dict(answers)
    while True:
        asked = visible_questions(catalogue, parse_answers(given, catalogue))
        missing = [q for q in asked if q.code not in given]
        if not missing:
            return given
        for q in missing:
            unknown = q.unknown_option.code
            given[q.code] = unknown if q.kind == "single" else [unknown]


def report_through_services(site: str, name: str, *, upto_step: int | None = None, leave_out=()):
    """A screening answered as the case says and its report asked for; or, with ``upto_step``,
    answered up to that step (less the questions in ``leave_out``) and left there."""
    from screening.domain import journey
    from screening.publishing import catalogue_of, latest_version
    from screening.services import (
        screening_finish,
        screening_save_answers,
        screening_save_offer,
        screening_start,
    )

    data = answer_file(name)
    screening = screening_start()
    catalogue = catalogue_of(latest_version())
    answers = complete_answers(catalogue, data["answers"])
    if upto_step is not None:
        sections = {s.section.code for s in journey.steps(catalogue)[1:upto_step]}
        answers = {
            code: value
            for code, value in answers.items()
            if catalogue.question(code).section in sections and code not in leave_out
        }
    screening_save_offer(screening, data.get("offer", {}))
    screening_save_answers(screening, answers)
    if upto_step is None:
        screening_finish(screening)
    return screening, f"{site}/s/{screening.token}/report/"


# --- Walking the questionnaire by hand ------------------------------------------------------------


def wanted(answers: dict, code: str) -> list[str]:
    value = answers.get(code, "dont-know")
    return [value] if isinstance(value, str) else list(value)


def question_codes(page) -> list[str]:
    return [fid[2:] for fid in page.locator("fieldset.question").evaluate_all("els => els.map(e => e.id)")]


def fill_step_with_mouse(page, answers: dict) -> None:
    for code in question_codes(page):
        targets = wanted(answers, code)
        for box in page.locator(f"input[name='{code}']").all():
            value = box.get_attribute("value")
            if (value in targets) != box.is_checked():
                page.click(f"label[for='{code}--{value}']")


def walk_with_mouse(page, site: str, data: dict, on_page=None, before_answering=None) -> None:
    """Start, answer every step by clicking, check the answers, and open the report.
    ``on_page`` sees each page as it is left; ``before_answering`` each step as it arrives."""
    page.goto(site + "/")
    _seen(page, on_page)
    page.get_by_role("button", name="Start").click()
    for field, value in data.get("offer", {}).items():
        if field in OFFER_CHOICE_NAMES:
            page.check(f"input[name='{field}'][value='{value}']")
        elif page.locator(f"#id_{field}").count():  # an older file's free-text country is a question now
            page.fill(f"#id_{field}", value)
    _seen(page, on_page)
    page.get_by_role("button", name="Next").click()
    for _ in range(30):
        if "/review/" in page.url:
            break
        _seen(page, before_answering)
        fill_step_with_mouse(page, data["answers"])
        _seen(page, on_page)
        page.get_by_role("button", name=re.compile("^Next")).click()
        page.wait_for_load_state()
    _seen(page, on_page)
    page.get_by_role("button", name=re.compile("^See my")).click()
    page.wait_for_url(re.compile(r"/report/(#.*)?$"))
    _seen(page, on_page)


def _seen(page, on_page) -> None:
    if on_page is not None:
        on_page(page)


def level_shown(page) -> str:
    return page.locator(".level-word").inner_text().strip()


def screen_level(name: str) -> str:
    """The level `manage.py screen` gives the case: what every walk must show."""
    from io import StringIO

    from django.core.management import call_command

    from tests.conftest import CALIBRATION_DIR

    out = StringIO()
    call_command("screen", str(CALIBRATION_DIR / f"{name}.json"), "--format", "json", stdout=out)
    level = json.loads(out.getvalue())["level"]
    assert level == answer_file(name)["expected_level"]
    return LEVEL_TITLES[level]


def accessibility_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
