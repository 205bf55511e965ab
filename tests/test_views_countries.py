"""Where you are and where the clinic is (issue 13), over HTTP and in the text report: the two
country questions replace the free-text country, and the report signposts both countries."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from screening.models import Screening
from screening.services import screening_finish, screening_save_answers, screening_save_offer, screening_start
from tests.conftest import CALIBRATION_DIR

pytestmark = pytest.mark.django_db

S09 = CALIBRATION_DIR / "s09-patient-funded-fat-cell-study-ms.json"


def text_of(html: str) -> str:
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).replace("&#x27;", "'").replace("&#39;", "'")


def finished(treatment: str, home: str) -> Screening:
    data = json.loads(S09.read_text(encoding="utf-8"))
    screening = screening_start()
    screening_save_offer(screening, data["offer"])
    screening_save_answers(
        screening, {**data["answers"], "treatment-country": treatment, "home-country": home}
    )
    screening_finish(screening)
    return Screening.objects.get(pk=screening.pk)


def test_the_offer_step_no_longer_asks_the_country_in_words(client, published):
    client.post(reverse("screening:begin"))
    token = Screening.objects.get().token
    offer = client.get(reverse("screening:step", args=[token, 1])).text
    assert 'name="country"' not in offer and 'name="condition"' in offer
    step = client.get(reverse("screening:step", args=[token, 2])).text
    assert '<fieldset class="question" id="q-treatment-country"' in step
    assert '<fieldset class="question" id="q-home-country"' in step
    assert 'value="jp"' in step and "Japan" in step and "Another country" in step
    review = text_of(client.get(reverse("screening:review", args=[token])).text)
    assert "In which country would the treatment be given?" in review
    assert "In which country would the treatment be given? Not given" not in review  # no free-text row


def test_saving_the_offer_keeps_a_free_text_country_it_no_longer_asks(client, published):
    client.post(reverse("screening:begin"))
    screening = Screening.objects.get()
    Screening.objects.filter(pk=screening.pk).update(offer={"country": "Mexico"})
    client.post(reverse("screening:step", args=[screening.token, 1]), {"condition": "MS"})
    assert Screening.objects.get().offer["country"] == "Mexico"
    assert Screening.objects.get().offer["condition"] == "MS"
    # Once the country question is answered, the report says where from the answer, not the old text.
    data = json.loads(S09.read_text(encoding="utf-8"))
    screening_save_answers(screening, {**data["answers"], "treatment-country": "jp", "home-country": "gb"})
    screening_finish(screening)
    page = text_of(client.get(reverse("screening:report", args=[screening.token])).text)
    assert "Where the treatment would be given: Japan" in page
    assert "Clinic's country" not in page and "Mexico" not in page


# For six countries of treatment: the regulator, the approval look-up, the trial register (with
# the number to ask for) and a route to report, then the home country's block.
COUNTRIES = {
    "us": (
        "Spain",
        "Medicines regulator (FDA)",
        "Approved products list (FDA)",
        "NCT number",
        "MedWatch (FDA)",
    ),
    "gb": ("Spain", "Medicines regulator (MHRA)", "Products database (MHRA)", "ISRCTN number", "Yellow Card"),
    "jp": ("Spain", "Health ministry (MHLW)", "Clinic plan search (jRCT)", "jRCT number", "PMDA"),
    "in": ("Spain", "Drugs regulator (CDSCO)", "Approvals (CDSCO)", "CTRI number", "PvPI"),
    "mx": (
        "Spain",
        "Health regulator (COFEPRIS)",
        "Records (COFEPRIS)",
        "Trial search (WHO ICTRP)",
        "COFEPRIS",
    ),
    "th": ("Spain", "Thai FDA", "Thai FDA", "TCTR number", "1556"),
    "au": ("Spain", "Medicines regulator (TGA)", "Register of therapeutic goods (ARTG)", "ANZCTR", "TGA"),
}


@pytest.mark.parametrize("country", sorted(COUNTRIES))
def test_a_report_signposts_the_country_of_treatment_and_home(client, published, country):
    home_name, regulator, approval, registry, report = COUNTRIES[country]
    screening = finished(country, "es")
    page = text_of(client.get(reverse("screening:report", args=[screening.token])).text)
    out = StringIO()
    call_command("screen", str(_answer_file(screening, country)), stdout=out)
    for text in (page, out.getvalue()):
        block = text[text.index("How to check this offer, and where to get help") :]
        name = next(j for j in _countries() if j["code"] == country)["name"]
        treatment = block[block.index(f"Where the treatment would be given: {name}") :]
        treatment = treatment[: treatment.index(f"Where you live: {home_name}")]
        for expected in (regulator, approval, registry, report):
            assert expected in treatment, (country, expected)
        assert "Who approves treatments" in treatment and "Report harm after a treatment" in treatment
        home = block[block.index(f"Where you live: {home_name}") :]
        assert "EU CT number" in home and "Paul-Ehrlich" not in home  # Spain's own block, with the EU's
        assert "Please check" in block  # nothing shipped is shown as checked by a person


def _countries() -> list[dict]:
    return json.loads((CALIBRATION_DIR.parent / "catalogue.json").read_text(encoding="utf-8"))[
        "jurisdictions"
    ]


def _answer_file(screening: Screening, country: str):
    """The screening's answers as an answer file, for `manage.py screen`."""
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / f"{country}.json"
    path.write_text(json.dumps({"offer": screening.offer, "answers": screening.answers}), encoding="utf-8")
    return path


def test_the_printed_page_one_names_where_to_check_and_report(client, published):
    screening = finished("jp", "gb")
    html = client.get(reverse("screening:report", args=[screening.token])).text
    summary = html[html.index('<section class="summary"') : html.index('<nav class="contents')]
    paper = summary[summary.index('class="print-only signposts-on-paper"') :]
    assert "Where the treatment would be given: Japan" in paper and "Where you live: United Kingdom" in paper
    assert "Ask the clinic for the jRCT number." in paper and "Yellow Card scheme (MHRA)" in paper
    assert "Our team has not checked all of these yet." in paper


def test_page_one_gives_the_day_checked_only_when_every_block_was_checked(shipped):
    """Page one speaks of both countries at once: a date only when all their signposts were
    opened and reviewed (the oldest day), worded as a person reads a date."""
    from dataclasses import replace

    from django.template.loader import render_to_string

    from screening.domain.report import build_report
    from screening.wording import report_words

    def checked(j):
        posts = tuple(
            replace(p, confidence="confirmed", last_opened=f"2026-1{i % 2}-02", reviewed_by="A. Reviewer")
            for i, p in enumerate(j.signposts)
        )
        return replace(j, signposts=posts)

    answers = {"treatment-country": frozenset({"jp"}), "home-country": frozenset({"gb"})}
    japan_checked = replace(
        shipped, jurisdictions=tuple(checked(j) if j.code == "jp" else j for j in shipped.jurisdictions)
    )
    both_checked = replace(shipped, jurisdictions=tuple(checked(j) for j in shipped.jurisdictions))
    for catalogue, expected in (
        (japan_checked, "Our team has not checked all of these yet."),
        (both_checked, "Our team last checked these on 2 October 2026."),
    ):
        report = build_report(catalogue, answers)
        paper = render_to_string(
            "screening/includes/_signposts_paper.html", {"report": report, "words": report_words({})}
        )
        assert expected in paper


def test_a_parent_reads_the_signposts_in_their_childs_voice(client, published):
    data = json.loads(S09.read_text(encoding="utf-8"))
    screening = screening_start()
    screening_save_offer(screening, {**data["offer"], "answering_for": "child", "provider": "hospital"})
    screening_save_answers(screening, {**data["answers"], "treatment-country": "us", "home-country": "us"})
    screening_finish(screening)
    page = text_of(client.get(reverse("screening:report", args=[screening.token])).text)
    start = page.index("Rules differ from country to country")
    block = page[start : page.index("What looks reassuring (", start)]
    assert "Ask the hospital for the NCT number." in block and "the clinic" not in block
    assert "talk to your child's doctor" in block


def test_the_lawful_route_case_says_it_is_legal_there_and_what_that_does_not_mean(client, published):
    """The calibration case of a clinic plan filed in Japan (s41), in the text report and on the page."""
    path = CALIBRATION_DIR / "s41-japan-clinic-plan-own-fat-knee.json"
    out = StringIO()
    call_command("screen", str(path), stdout=out)
    text = out.getvalue()
    assert "Caution level: HIGH" in text
    card = text[text.index("* Not approved for your condition") :]
    card = card[: card.index("\n* ")]
    assert "[no-regulatory-approval; warning sign]" in card
    assert "so this counts for less here. Being legal does not mean it works." in card
    assert "This is legal, but it is not proof the treatment works." in card
    assert "Where the treatment would be given: Japan" in text and "Where you live: Australia" in text
    assert "Ask the clinic for the jRCT number." in text
    data = json.loads(path.read_text(encoding="utf-8"))
    screening = screening_start()
    screening_save_offer(screening, data["offer"])
    screening_save_answers(screening, data["answers"])
    screening_finish(screening)
    page = text_of(client.get(reverse("screening:report", args=[screening.token])).text)
    assert "so this counts for less here. Being legal does not mean it works." in page
    assert "Legal there, but not proof that it works" in page


def test_the_cost_question_reads_in_the_currency_chosen_on_the_offer_step(client, published):
    client.post(reverse("screening:begin"))
    token = Screening.objects.get().token
    offer = client.get(reverse("screening:step", args=[token, 1])).text
    assert 'name="currency"' in offer and "Japanese yen (¥)" in offer and "Indian rupees (₹)" in offer
    client.post(reverse("screening:step", args=[token, 1]), {"currency": "jpy", "price": "1.6 million yen"})
    assert Screening.objects.get().offer["currency"] == "jpy"
    cost = client.get(reverse("screening:step", args=[token, 5])).text
    assert "¥150,000 to ¥1,500,000" in cost and "More than ¥7,500,000" in cost
    review = text_of(client.get(reverse("screening:review", args=[token])).text)
    assert "In which currency did they quote the price? Japanese yen (¥)" in review
    # Changed their mind: "Another currency, or not sure" undoes the choice.
    assert "Another currency, or not sure" in offer
    client.post(reverse("screening:step", args=[token, 1]), {"currency": "", "price": "1.6 million yen"})
    assert "currency" not in Screening.objects.get().offer
    assert "Less than 1,000" in client.get(reverse("screening:step", args=[token, 5])).text


def test_a_currency_the_version_does_not_hold_is_kept_when_the_offer_is_saved(client, published):
    """An answer file may name any ISO 4217 code: the step shows it chosen, and saving keeps it."""
    client.post(reverse("screening:begin"))
    screening = Screening.objects.get()
    screening_save_offer(screening, {"currency": "CHF"})
    assert Screening.objects.get().offer == {"currency": "chf"}
    step = client.get(reverse("screening:step", args=[screening.token, 1])).text
    assert re.search(r'value="chf"[^>]*checked', step) and " CHF " in text_of(step)
    client.post(reverse("screening:step", args=[screening.token, 1]), {"currency": "chf", "condition": "MS"})
    assert Screening.objects.get().offer == {"currency": "chf", "condition": "MS"}
    review = text_of(client.get(reverse("screening:review", args=[screening.token])).text)
    assert "In which currency did they quote the price? CHF" in review


def test_a_report_in_yen_scores_as_one_in_dollars_and_names_the_currency(client, published):
    data = json.loads(
        (CALIBRATION_DIR / "s41-japan-clinic-plan-own-fat-knee.json").read_text(encoding="utf-8")
    )
    levels = []
    for currency in ("jpy", "usd"):
        screening = screening_start()
        screening_save_offer(screening, {**data["offer"], "currency": currency})
        screening_save_answers(screening, data["answers"])
        result = screening_finish(screening)
        levels.append((result.level, result.score))
        page = text_of(client.get(reverse("screening:report", args=[screening.token])).text)
        if currency == "jpy":
            assert "Currency Japanese yen (¥)" in page and "¥1,500,000 to ¥7,500,000" in page
        else:
            assert "US$10,000 to US$50,000" in page
    assert levels[0] == levels[1]
