"""The patient's journey in a real browser: mouse, keyboard only, no JavaScript, phone, resume,
update, print and PDF, with the five calibration cases giving the same levels as `screen`."""

import io
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from tests.browser.conftest import (
    answer_file,
    fill_step_with_mouse,
    level_shown,
    question_codes,
    walk_with_mouse,
    wanted,
)
from tests.conftest import CALIBRATION_DIR

LEVEL_TITLES = {
    "low": "Low caution",
    "moderate": "Moderate caution",
    "high": "High caution",
    "very high": "Very high caution",
}
CASES = sorted(p.stem for p in CALIBRATION_DIR.glob("*.json"))


def screen_level(name: str) -> str:
    out = StringIO()
    call_command("screen", str(CALIBRATION_DIR / f"{name}.json"), "--format", "json", stdout=out)
    return json.loads(out.getvalue())["level"]


@pytest.mark.parametrize("name", CASES)
def test_calibration_case_in_the_browser_gives_the_same_level_as_screen(page, site, name):
    data = answer_file(name)
    walk_with_mouse(page, site, data)
    assert level_shown(page) == LEVEL_TITLES[screen_level(name)] == LEVEL_TITLES[data["expected_level"]]


def test_full_screening_with_the_keyboard_only(page, site):
    data = answer_file("s05-self-funded-ahsct-abroad")
    page.goto(site + "/")
    tab_to(page, lambda el: el["text"] == "Start")
    press_and_wait(page, "Enter")
    assert re.search(r"/step/1/$", page.url)
    for field, value in data["offer"].items():
        tab_to(page, lambda el, f=field: el["id"] == f"id_{f}")
        page.keyboard.type(value)
    tab_to(page, lambda el: el["text"] == "Next")
    press_and_wait(page, "Enter")
    for _ in range(30):
        if "/review/" in page.url:
            break
        answer_step_with_keyboard(page, data["answers"])
        tab_to(page, lambda el: el["text"].startswith("Next"))
        press_and_wait(page, "Enter")
    tab_to(page, lambda el: el["text"].startswith("See my"))
    press_and_wait(page, "Enter")
    assert "/report/" in page.url
    assert level_shown(page) == "Moderate caution"


def press_and_wait(page, key: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state()


def focused(page) -> dict:
    return page.evaluate(
        """() => { const el = document.activeElement;
                   return {id: el.id || "", name: el.name || "", type: el.type || "", value: el.value || "",
                           checked: !!el.checked, text: (el.innerText || "").trim()}; }"""
    )


def tab_to(page, matches, limit=400) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if matches(element):
            return element
    raise AssertionError("Could not reach the element with the Tab key")


def answer_step_with_keyboard(page, answers) -> None:
    """Tab through the page once: arrows choose radios, Space ticks checkboxes."""
    codes = question_codes(page)
    done: set[str] = set()
    for _ in range(400):
        if done >= set(codes):
            return
        page.keyboard.press("Tab")
        element = focused(page)
        code = element["name"]
        if code not in codes or code in done:
            continue
        targets = wanted(answers, code)
        if element["type"] == "radio":
            for _ in range(20):  # arrow keys move through the group and select
                if focused(page)["value"] == targets[0] and focused(page)["checked"]:
                    break
                page.keyboard.press("ArrowDown")
            done.add(code)
        elif element["type"] == "checkbox":
            while True:
                element = focused(page)
                if element["name"] != code:
                    break
                if (element["value"] in targets) != element["checked"]:
                    page.keyboard.press("Space")
                if element["value"] == page.locator(f"input[name='{code}']").last.get_attribute("value"):
                    break
                page.keyboard.press("Tab")
            done.add(code)
    raise AssertionError(f"Not every question was reached with the keyboard: {set(codes) - done}")


def test_full_screening_with_javascript_disabled(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    data = answer_file("s12-strip-mall-fat-cells-many-conditions")
    walk_with_mouse(page, site, data)
    assert level_shown(page) == "Very high caution"
    assert page.locator(".js-print").is_hidden()  # the Print button needs JavaScript...
    assert page.get_by_text("use your browser's Print command").is_visible()  # ...so the page says how
    context.close()


def test_leaving_midway_and_resuming_with_the_code(browser, site):
    data = answer_file("s09-patient-funded-fat-cell-study-ms")
    first = browser.new_context()
    page = first.new_page()
    page.goto(site + "/")
    page.get_by_role("button", name="Start").click()
    page.get_by_role("button", name="Next").click()
    for _ in range(2):  # two steps, then the tab is closed
        fill_step_with_mouse(page, data["answers"])
        page.get_by_role("button", name="Next").click()
    code = page.locator(".resume-code strong").inner_text()
    step_url = page.url.split("#")[0]
    step_label = page.locator(".progress-label").inner_text()
    unanswered = [
        c
        for c in page.locator("fieldset.question").evaluate_all("els => els.map(e => e.id)")
        if page.locator(f"#{c} input:checked").count() == 0
    ]
    assert unanswered  # a follow-up question is waiting on this step
    first.close()

    later = browser.new_context()
    page = later.new_page()
    page.goto(site + "/")
    page.get_by_label("Your code").fill(code.lower())
    page.get_by_role("button", name="Continue").click()
    assert page.url.split("#")[0] == step_url
    assert page.locator(".progress-label").inner_text() == step_label
    for fieldset_id in unanswered:
        assert page.locator(f"#{fieldset_id}").is_visible()
    assert page.locator("input[name='offer-type']").count() == 0  # earlier steps are not asked again
    later.close()


def test_updating_answers_after_the_report(page, site):
    data = answer_file("s09-patient-funded-fat-cell-study-ms")
    walk_with_mouse(page, site, data)
    assert level_shown(page) == "High caution"
    page.get_by_role("link", name="I asked the clinic: update my answers").click()
    page.get_by_role("link", name=re.compile(r"^Change\s*: How many different conditions")).click()
    page.click("label[for='condition-count--many-unrelated']")
    page.get_by_role("button", name="Next").click()
    page.goto(page.url.split("/step/")[0] + "/review/")
    page.get_by_role("button", name="See my updated report").click()
    assert level_shown(page) == "Very high caution"
    earlier = page.locator("section[aria-labelledby='earlier-title']").inner_text()
    assert "High caution, score 48 out of 100" in earlier


def test_a_phone_viewport_has_no_sideways_scrolling(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    widths = []

    def measure(p):
        widths.append((p.url, p.evaluate("document.documentElement.scrollWidth")))

    walk_with_mouse(page, site, answer_file("s01-nhs-ahsct-trial-ms"), on_page=measure)
    assert level_shown(page) == "Low caution"
    assert all(width <= 390 for _, width in widths), widths
    target = page.get_by_role("link", name="Download data (JSON)").bounding_box()
    assert target["height"] >= 44  # large enough to tap
    context.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_printed_report_fits_on_four_pages_and_is_complete(page, site, paper):
    from pypdf import PdfReader

    walk_with_mouse(page, site, answer_file("s09-patient-funded-fat-cell-study-ms"))
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True)))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pdf.pages))
    assert len(pdf.pages) <= 4
    assert "Notes from my doctor" in text and "Web address:" in text and "Report code" in text
    assert "https://www.fda.gov/" in text  # link targets are printed
    assert "Download PDF" not in text and "Delete this report" not in text  # no buttons on paper


def test_pdf_download_has_the_level_and_every_flag_as_text(page, site):
    from pypdf import PdfReader

    walk_with_mouse(page, site, answer_file("s09-patient-funded-fat-cell-study-ms"))
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    reader = PdfReader(download.path())
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "High caution" in text
    titles = [re.sub(r"\s+", " ", t) for t in page.locator(".flag h3").all_inner_texts()]
    assert len(titles) == 10
    for title in titles:
        assert title in text
    assert len(reader.pages) <= 4


def test_the_report_links_to_its_json_and_pdf(page, site):
    walk_with_mouse(page, site, answer_file("s05-self-funded-ahsct-abroad"))
    json_href = page.locator("link[rel=alternate][type='application/json']").get_attribute("href")
    response = page.request.get(site + json_href)
    assert response.ok and response.json()["level"] == "moderate"
    pdf_href = page.locator("link[rel=alternate][type='application/pdf']").get_attribute("href")
    assert page.request.get(site + pdf_href).headers["content-type"] == "application/pdf"
