"""The country questions and the report's signposts (issue 13), on the shipped catalogue."""

import json
from dataclasses import replace

import pytest

from screening.domain.answers import parse_answers
from screening.domain.report import build_report
from screening.domain.scoring import score
from screening.domain.signposts import HOME_COUNTRY, TREATMENT_COUNTRY, signposts_for
from screening.domain.validation import validate
from screening.domain.voice import Voice, catalogue_spoken
from tests.conftest import CALIBRATION_DIR

CASES = sorted(CALIBRATION_DIR.glob("s*.json"))


def case(name: str) -> dict:
    return json.loads((CALIBRATION_DIR / f"{name}.json").read_text(encoding="utf-8"))


def where(treatment: str, home: str | None = None) -> dict[str, frozenset[str]]:
    answers = {TREATMENT_COUNTRY: frozenset({treatment})}
    if home is not None:
        answers[HOME_COUNTRY] = frozenset({home})
    return answers


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem[:3])
def test_the_country_questions_change_no_result(shipped, path):
    """They say where, not how sound the offer is: the same level, score, completeness and warning
    signs with them, without them, and with another country; only a lawful-route rule that names
    the country can change a result (rule 14, tested on its own case below)."""
    answers = parse_answers(json.loads(path.read_text(encoding="utf-8"))["answers"], shipped)
    if any(f.lowered for f in score(shipped, answers).fired):  # s41: without its rules
        plain = tuple(replace(c, lowered_severity=None, lowered_when=None) for c in shipped.criteria)
        shipped = replace(shipped, criteria=plain)
    without = {k: v for k, v in answers.items() if k not in (TREATMENT_COUNTRY, HOME_COUNTRY)}
    elsewhere = {**answers, TREATMENT_COUNTRY: frozenset({"th"}), HOME_COUNTRY: frozenset({"dont-know"})}
    results = [score(shipped, a) for a in (answers, without, elsewhere)]
    assert len({(r.level, r.score, r.completeness, r.fired, r.unknowns) for r in results}) == 1


# Six countries people are treated in, each with its regulator, a way to check an approval, a trial
# register and a route to report harm or a clinic (the EU's apply in a member state).
SIX = {
    "us": ("Medicines regulator (FDA)", "Approved products list (FDA)", "ClinicalTrials.gov", "MedWatch"),
    "gb": ("Medicines regulator (MHRA)", "Products database (MHRA)", "ISRCTN", "Yellow Card"),
    "jp": ("Health ministry (MHLW)", "Clinic plan search (jRCT)", "Trial register (jRCT)", "PMDA"),
    "in": ("CDSCO", "CDSCO", "CTRI", "PvPI"),
    "mx": ("COFEPRIS", "Records (COFEPRIS)", "RNEC", "Side effect reports (COFEPRIS)"),
    "de": ("PEI", "EMA", "CTIS", "PEI"),
    "au": ("TGA", "ARTG", "ANZCTR", "TGA"),
}


@pytest.mark.parametrize("country", sorted(SIX))
def test_a_country_of_treatment_has_whom_to_ask_where_to_check_and_where_to_report(shipped, country):
    [block] = signposts_for(shipped, where(country, country), {})
    assert block.role == "both" and block.code == country
    titles = {kind: " ".join(p.title for p in posts) for kind, posts in block.by_kind}
    regulator, approval, registry, report = SIX[country]
    assert regulator in titles["regulator"]
    assert approval in titles["approval-check"]
    assert registry in titles["trial-registry"]
    assert report in " ".join(titles.get(k, "") for k in ("report-harm", "report-clinic"))


def test_treatment_abroad_shows_the_country_of_treatment_then_home(shipped):
    treatment, home = signposts_for(shipped, where("mx", "gb"), {})
    assert (treatment.role, treatment.name) == ("treatment", "Mexico")
    assert (home.role, home.name) == ("home", "United Kingdom")
    assert any("Yellow Card" in p.title for p in home.signposts)


def test_a_member_state_shows_its_own_signposts_and_the_eus(shipped):
    [spain] = signposts_for(shipped, where("es", "es"), {})
    assert spain.signposts[0].kind == "regulator"
    assert {p.title for p in shipped.jurisdiction("eu").signposts} <= {p.title for p in spain.signposts}
    assert "EU CT number" in spain.asks


def test_the_numbers_to_ask_for_name_the_countrys_register(shipped):
    assert "jRCT number" in signposts_for(shipped, where("jp"), {})[0].asks
    assert "CTRI number" in signposts_for(shipped, where("in"), {})[0].asks
    assert "NCT number" in signposts_for(shipped, where("us"), {})[0].asks


def test_an_unknown_country_of_treatment_gets_the_general_advice(shipped):
    for answers in ({}, {TREATMENT_COUNTRY: frozenset({"dont-know"})}, where("other")):
        [block] = signposts_for(shipped, answers, {})
        assert block.code == "other" and block.role == "treatment"
        assert any("trialsearch.who.int" in p.url for p in block.signposts)
    # Not saying where one lives gives no home block.
    assert [b.code for b in signposts_for(shipped, where("th", "dont-know"), {})] == ["th"]


def test_living_in_another_country_adds_no_second_general_block(shipped):
    """The general advice speaks of where the clinic is: it is shown once, for the treatment,
    whatever "another country" at home is paired with."""
    for treatment in ("other", "dont-know"):
        [block] = signposts_for(shipped, where(treatment, "other"), {})
        assert (block.code, block.role) == ("other", "treatment")
    assert [(b.code, b.role) for b in signposts_for(shipped, where("mx", "other"), {})] == [
        ("mx", "treatment")
    ]


def test_a_block_whose_signposts_were_all_opened_gives_the_day_of_the_oldest(shipped):
    mexico = shipped.jurisdiction("mx")
    days = ("2026-11-20", "2026-10-02")
    opened = tuple(
        replace(p, confidence="confirmed", last_opened=days[i % 2], reviewed_by="A. Reviewer")
        for i, p in enumerate(mexico.signposts)
    )
    checked = replace(
        shipped,
        jurisdictions=tuple(
            replace(j, signposts=opened) if j is mexico else j for j in shipped.jurisdictions
        ),
    )
    [block] = signposts_for(checked, where("mx"), {})
    assert block.last_checked == "2026-10-02"
    assert signposts_for(shipped, where("mx"), {})[0].last_checked is None  # as shipped: none opened


def test_an_old_answer_file_with_a_free_text_country_still_finds_its_signposts(shipped):
    """Answer files from before the country questions gave the country as free text."""
    assert signposts_for(shipped, {}, {"country": "Mexico"})[0].code == "mx"
    assert signposts_for(shipped, {}, {"country": " japan "})[0].code == "jp"
    # Anything else is not guessed at: the general advice.
    assert signposts_for(shipped, {}, {"country": "Mexico (a private clinic)"})[0].code == "other"
    # The question wins over the free text.
    assert signposts_for(shipped, where("th"), {"country": "Mexico"})[0].code == "th"


def test_an_old_answer_file_without_the_country_questions_gives_the_same_result(shipped):
    data = case("s16-mexico-cord-cells-drip-spinal-ms")
    old = {k: v for k, v in data["answers"].items() if k not in (TREATMENT_COUNTRY, HOME_COUNTRY)}
    before = build_report(shipped, parse_answers(old, shipped), offer=data["offer"])
    now = build_report(shipped, parse_answers(data["answers"], shipped), offer=data["offer"])
    assert (before.level, before.score, before.completeness) == (now.level, now.score, now.completeness)
    assert [f.code for f in before.flags] == [f.code for f in now.flags]
    # Its free text, "Mexico (a private clinic in Baja California)", is not a country's name: the
    # old file gets the general advice; answered, the country's own signposts.
    assert (before.signposts[0].code, now.signposts[0].code) == ("other", "mx")


def test_a_country_question_may_only_choose_a_country(shipped):
    question = shipped.question(TREATMENT_COUNTRY)
    assert question.is_country and question.unknown_option.code == "dont-know"
    # Its options are the catalogue's countries (and "I don't know yet"), nothing else.
    assert {o.code for o in question.options if not o.is_unknown} == {j.code for j in shipped.jurisdictions}
    other_question = shipped.question("offer-type")
    scoring = replace(question, options=(*question.options[:-1], *other_question.options[:1]))
    scoring = replace(
        scoring, options=tuple(replace(o, is_unknown=o.code == "dont-know") for o in scoring.options)
    )
    edited = replace(shipped, questions=tuple(scoring if q is question else q for q in shipped.questions))
    found = {(p.code, p.where) for p in validate(edited)}
    assert ("country-option-unknown", ("question", TREATMENT_COUNTRY, "option", "routine-treatment")) in found
    fires = replace(question.options[0], fires=shipped.question("travel").options[2].fires)
    edited = replace(
        shipped,
        questions=tuple(
            replace(q, options=(fires, *q.options[1:])) if q is question else q for q in shipped.questions
        ),
    )
    assert (
        "country-question-scores",
        ("question", TREATMENT_COUNTRY, "option", question.options[0].code),
    ) in {(p.code, p.where) for p in validate(edited)}
    multiple = replace(
        shipped,
        questions=tuple(replace(q, kind="multiple") if q is question else q for q in shipped.questions),
    )
    assert ("country-question-kind", ("question", TREATMENT_COUNTRY)) in {
        (p.code, p.where) for p in validate(multiple)
    }


def test_the_signposts_speak_of_the_child_for_a_parent(shipped):
    spoken = catalogue_spoken(shipped, Voice("child", "hospital"))
    texts = [p.text for j in spoken.jurisdictions for p in j.signposts]
    assert not [t for t in texts if "your own doctor" in t.lower() or "your doctor" in t.lower()]
    assert any("your child's" in t for t in texts)


S41 = "s41-japan-clinic-plan-own-fat-knee"


def test_a_lawful_route_lowers_the_warning_and_the_report_says_what_it_means(shipped):
    """Rule 14, on the calibration case of a clinic plan filed in Japan: "not approved" is a
    warning sign, not a serious one, where the law allows the route; the card says it may be legal
    there and does not prove the treatment works. Elsewhere the same answers keep it serious."""
    data = case(S41)
    answers = parse_answers(data["answers"], shipped)
    japan = build_report(shipped, answers, offer=data["offer"])
    flag = next(f for f in japan.flags if f.code == "no-regulatory-approval")
    assert (flag.severity, flag.points) == ("major", "3")
    assert "This is legal, but it is not proof the treatment works." in flag.lawful_route[0]
    assert japan.level in (data["acceptable_levels"]) and japan.level == data["expected_level"]
    mexico = build_report(shipped, {**answers, TREATMENT_COUNTRY: frozenset({"mx"})}, offer=data["offer"])
    flag = next(f for f in mexico.flags if f.code == "no-regulatory-approval")
    assert (flag.severity, flag.lawful_route) == ("critical", ())
    assert mexico.score > japan.score
    # The route applies only to what the clinic says: without "allowed there", no lowering.
    silent = {**answers, "legal-status-claims": frozenset({"said-nothing"})}
    flag = next(f for f in build_report(shipped, silent).flags if f.code == "no-regulatory-approval")
    assert flag.severity == "critical"


def test_a_lawful_route_is_said_only_where_it_lowered_the_warning(shipped):
    """The report reads rule 14 from the score, not from the raw answers: an answer left behind
    on a question now hidden ("allowed there", once the clinic refused to say who approved it)
    lowers nothing, and the card says nothing of a lawful route."""
    answers = parse_answers(case(S41)["answers"], shipped)
    assert answers["legal-status-claims"] == frozenset({"allowed-there"})
    for approval in ("refused", "device-cleared"):
        stale = {**answers, "regulator-approval": frozenset({approval})}
        flag = next(f for f in build_report(shipped, stale).flags if f.code == "no-regulatory-approval")
        fired = next(f for f in score(shipped, stale).fired if f.code == "no-regulatory-approval")
        assert not fired.lowered and flag.lawful_route == ()


def test_a_lawful_route_can_only_lower_a_criterion_and_needs_its_rule(shipped):
    criterion = shipped.criterion("no-regulatory-approval")
    for edited, problem in (
        (replace(criterion, lowered_severity="critical"), "lowered-severity-not-lower"),
        (replace(criterion, lowered_when=None), "lowered-severity-needs-rule"),
    ):
        catalogue = replace(
            shipped, criteria=tuple(edited if c is criterion else c for c in shipped.criteria)
        )
        assert (problem, ("criterion", "no-regulatory-approval")) in {
            (p.code, p.where) for p in validate(catalogue)
        }
