"""The patient's journey in a real browser. One full walk each with the keyboard only, without
JavaScript and on a phone (the walk with a mouse is in test_accessibility.py), each showing the
level `screen` gives; then resume, update, print and PDF, from states reached through the services."""

import io
import re

import pytest

from tests.browser.conftest import (
    answer_file,
    level_shown,
    question_codes,
    report_through_services,
    screen_level,
    walk_with_mouse,
    wanted,
)


def test_full_screening_with_the_keyboard_only(page, site):
    case = "s05-self-funded-ahsct-abroad"
    data = answer_file(case)
    page.goto(site + "/")
    tab_to(page, lambda el: el["text"] == "Start")
    press_and_wait(page, "Enter")
    assert re.search(r"/step/1/$", page.url)
    for field, value in data["offer"].items():
        if not page.locator(f"#id_{field}").count():  # the free-text country is a question now
            continue
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
    assert level_shown(page) == screen_level(case)


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
    case = "s12-strip-mall-fat-cells-many-conditions"
    walk_with_mouse(page, site, answer_file(case))
    assert level_shown(page) == screen_level(case)
    assert page.locator(".js-print").is_hidden()  # the Print button needs JavaScript...
    assert page.get_by_text("use your browser's Print command").is_visible()  # ...so the page says how
    context.close()


def test_a_parent_walk_without_javascript_speaks_of_your_child_on_every_step_and_in_the_report(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    case = "s12-strip-mall-fat-cells-many-conditions"
    data = answer_file(case)
    data["offer"] = {"answering_for": "child", "provider": "practice", **data["offer"]}
    seen: dict[str, str] = {}

    def remember(p):
        seen[p.url.split("#")[0]] = p.locator("main").inner_text()

    walk_with_mouse(page, site, data, on_page=remember)
    assert level_shown(page) == screen_level(case)  # the voice never changes the result
    steps = {url: text for url, text in seen.items() if re.search(r"/step/([2-9]|\d\d)/$", url)}
    assert len(steps) >= 5
    for url, text in steps.items():
        assert "You are answering for your child." in text, url
        spoken = text.replace("You are answering for your child.", "")
        assert re.search(r"\b(your|my) child\b", spoken), url
        assert not re.search(r"\b(my|your) (own )?(condition|doctor|specialist)\b", spoken), url
        assert "the clinic" not in spoken.lower(), url
    report = seen[page.url.split("#")[0]]
    assert "your child" in report and "the practice" in report
    assert not re.search(r"\b(my|your) (own )?(condition|doctor|specialist)\b", report)
    context.close()


def test_leaving_midway_and_resuming_with_the_code(page, site):
    # Steps 2 to 4 answered as the case says, but for a follow-up question of step 4.
    follow_up = "negative-trials-told"
    screening, _ = report_through_services(
        site, "s09-patient-funded-fat-cell-study-ms", upto_step=4, leave_out={follow_up}
    )
    page.goto(site + "/")
    page.get_by_label("Your code").fill(screening.resume_code.lower())
    page.get_by_role("button", name="Continue").click()
    assert re.search(r"/step/4/$", page.url.split("#")[0])
    assert page.locator(".progress-label").inner_text() == "Step 4 of 7"
    assert page.locator(f"#q-{follow_up}").is_visible()
    assert page.locator(f"#q-{follow_up} input:checked").count() == 0  # waiting to be answered
    assert page.locator("#q-negative-trials input:checked").count() == 1  # what was answered stays
    assert page.locator("input[name='offer-type']").count() == 0  # earlier steps are not asked again


def test_updating_answers_after_the_report(page, site):
    _, report_url = report_through_services(site, "s09-patient-funded-fat-cell-study-ms")
    page.goto(report_url)
    assert level_shown(page) == "High caution"
    page.get_by_role("link", name="I asked the clinic: update my answers").click()
    page.get_by_role("link", name=re.compile(r"^Change:?\s+How would the cells be given")).click()
    page.click("label[for='route--spinal-fluid']")  # an unapproved product into the spine
    page.get_by_role("button", name="Save and go back to my answers").click()
    assert page.url.endswith("/review/#q-route")  # back on the review, at the answer changed
    page.get_by_role("button", name="See my updated report").click()
    assert level_shown(page) == "Very high caution"
    earlier = page.locator("section[aria-labelledby='earlier-title']").inner_text()
    assert "High caution, score 41 out of 100" in earlier
    since = page.locator("section[aria-labelledby='since-last-title']").inner_text()
    assert "The level was “High caution”. Now it is “Very high caution”." in since
    assert "New warning signs:" in since and "into the spine" in since


def test_a_phone_viewport_has_no_sideways_scrolling(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    widths = []

    def measure(p):
        widths.append((p.url, p.evaluate("document.documentElement.scrollWidth")))

    case = "s01-nhs-ahsct-trial-ms"
    walk_with_mouse(page, site, answer_file(case), on_page=measure)
    assert level_shown(page) == screen_level(case)
    assert all(width <= 390 for _, width in widths), widths
    target = page.get_by_role("link", name="Download data (JSON)").bounding_box()
    assert target["height"] >= 44  # large enough to tap
    context.close()


def test_on_a_phone_the_details_are_reached_from_a_short_list_of_contents(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(report_through_services(site, "s16-mexico-cord-cells-drip-spinal-ms")[1])
    contents = page.get_by_role("navigation", name="In this report")
    links = contents.get_by_role("link")
    assert links.count() >= 4
    for link in links.all():
        assert link.bounding_box()["height"] >= 44  # large enough to tap
        assert page.locator(link.get_attribute("href")).count() == 1
    first_card = page.locator(".flag").first.bounding_box()["y"]
    assert contents.bounding_box()["y"] < first_card  # before the details
    contents.get_by_role("link", name=re.compile("^Still to find out")).click()
    heading = page.locator("#unknowns-title")
    for _ in range(50):  # the page may scroll smoothly
        box = heading.bounding_box()
        if box["y"] >= 0 and box["y"] + box["height"] <= 844:
            break
        page.wait_for_timeout(100)
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844  # the heading is in view
    assert page.locator("main details").count() == 0  # nothing essential folded away
    context.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_printed_report_opens_with_the_summary_page_and_is_complete(page, site, paper):
    from pypdf import PdfReader

    url = report_through_services(site, "s16-mexico-cord-cells-drip-spinal-ms")[1]
    page.goto(url)
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True)))
    first = re.sub(r"\s+", " ", pdf.pages[0].extract_text())
    # Page one: the level, its specific reason, the most serious signs and what to do next; no card.
    assert "Very high caution" in first and "injected into the spine" in first
    assert "The most serious warning signs" in first and "What to do next" in first
    assert "Warning signs that apply" not in first and "Why it matters" not in first
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pdf.pages))
    assert "Warning signs that apply" in re.sub(r"\s+", " ", pdf.pages[1].extract_text())
    assert "Notes from my doctor" in text and "To see this report again" in text and "Report code" in text
    assert text.rindex("Notes from my doctor") > text.rindex("Sources")  # the notes area stays at the end
    token = url.split("/s/")[1].split("/")[0]
    assert token not in text.replace(" ", "")  # the report's private address is not on paper
    assert "https://www.fda.gov/" in text  # link targets are printed
    # Shorter on paper: the words page's address instead of the words, each sign's main source,
    # the open questions without what to ask about each (the screen has it all).
    assert "What the words in this report mean" in text and "Words used in this report" not in text
    assert "Each warning sign's main source is listed here" in text
    assert "The report on screen says what to ask the clinic about each one" in text
    assert "Download PDF" not in text and "Delete this report" not in text  # no buttons on paper


def test_print_type_is_at_least_11_points_and_sources_at_least_9(page, site):
    page.goto(report_through_services(site, "s09-patient-funded-fat-cell-study-ms")[1])
    page.emulate_media(media="print")

    def smallest(selector: str) -> float:  # in points (a CSS pixel is 0.75 pt)
        sizes = page.locator(selector).evaluate_all(
            "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
        assert sizes, selector
        return min(sizes) * 0.75

    body_text = ".summary p, .summary li, .flag h3, .flag-severity, .flag-details dt, .flag-details dd"
    body_text += ", .unknowns li"
    assert smallest(body_text) >= 11
    assert smallest(".references li, .report-words dt, .report-words dd, .print-header p") >= 9


def test_pdf_download_has_the_level_and_every_flag_as_text(page, site):
    from pypdf import PdfReader

    page.goto(report_through_services(site, "s09-patient-funded-fat-cell-study-ms")[1])
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    reader = PdfReader(download.path())
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "High caution" in text
    titles = [re.sub(r"\s+", " ", t) for t in page.locator(".flag h3").all_inner_texts()]
    assert len(titles) == 7
    for title in titles:
        assert title in text
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "What to do next" in first and "Why it matters" not in first  # page one is the summary


def test_the_report_links_to_its_json_and_pdf(page, site):
    page.goto(report_through_services(site, "s05-self-funded-ahsct-abroad")[1])
    json_href = page.locator("link[rel=alternate][type='application/json']").get_attribute("href")
    response = page.request.get(site + json_href)
    assert response.ok and response.json()["level"] == "moderate"
    pdf_href = page.locator("link[rel=alternate][type='application/pdf']").get_attribute("href")
    assert page.request.get(site + pdf_href).headers["content-type"] == "application/pdf"


def test_a_report_with_unknowns_says_what_would_change_the_result(page, site):
    # A man who has asked the clinic nothing yet: too little is known, and the report is a plan.
    page.goto(report_through_services(site, "s30-low-knowledge-knee-stem-cells")[1])
    assert level_shown(page) == "Moderate caution"
    lead = page.locator(".too-little-known")
    assert lead.is_visible() and "Too little is known yet" in lead.inner_text()
    first = page.locator("section[aria-labelledby='first-questions-title']")
    assert first.is_visible() and "Where do the cells or the product come from?" in first.inner_text()
    section = page.locator("section[aria-labelledby='changes-title']")
    assert section.is_visible()
    assert page.get_by_role("heading", name="What would change this result").is_visible()
    items = section.locator("li")
    assert items.count() >= 2
    texts = [items.nth(i).inner_text() for i in range(items.count())]
    assert all("If the answer is “" in t for t in texts)
    assert any("would rise to" in t for t in texts)


ADVERT = (
    "Our revolutionary stem cell treatment has no side effects. "
    "Book this month and get 20% off. 85% of our patients improve."
)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_pasting_the_clinics_text_suggests_answers_the_person_checks(browser, site, javascript):
    """Paste the advert, see each suggestion with its words on its step, keep two, change one,
    finish: the report says which answers came from suggestions the person accepted."""
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    data = answer_file("s12-strip-mall-fat-cells-many-conditions")
    data["offer"] = {**data["offer"], "offer_text": ADVERT}
    data["answers"] = {
        **data["answers"],
        "risk-info": ["no-side-effects"],  # as suggested: kept
        "sales-tactics": ["discount-limited"],  # as suggested: kept
        "claims": ["no-expectations"],  # suggested "a success rate": changed
    }
    suggested: dict[str, str] = {}
    checked: dict[str, list[str]] = {}
    steps: dict[str, str] = {}

    def remember(p):
        for box in p.locator(".suggested").all():
            question = box.locator("xpath=ancestor::fieldset").get_attribute("id")[2:]
            suggested[question] = box.inner_text()
            steps[question] = re.search(r"/step/(\d+)/", p.url).group(1)
            boxes = p.locator(f"input[name='{question}']:checked")
            checked[question] = boxes.evaluate_all("els => els.map(e => e.value)")

    walk_with_mouse(page, site, data, before_answering=remember)
    assert set(suggested) == {"risk-info", "claims", "sales-tactics", "marketing-seen"}
    # Each on its own question's step, pre-selected before the person touched anything.
    assert steps == {"risk-info": "4", "claims": "4", "marketing-seen": "4", "sales-tactics": "5"}
    assert checked["risk-info"] == ["no-side-effects"] and checked["sales-tactics"] == ["discount-limited"]
    assert checked["claims"] == ["success-rate"]
    assert "“no side effects”" in suggested["risk-info"] and "Please check" in suggested["risk-info"]
    assert "“20% off”" in suggested["sales-tactics"]
    block = page.locator(".from-text").inner_text()
    assert "suggested from the text you pasted, and you checked them" in block
    assert "What did the clinic tell you about risks?" in block and "Did any of these happen to you?" in block
    assert "what the treatment will do" not in block
    context.close()
