"""The report view-model: the engine's result in the catalogue's words, without a database."""

import json

from screening.domain.answers import parse_answer_file
from screening.domain.report import LevelReason, build_report
from screening.domain.scoring import score
from tests.conftest import CALIBRATION_DIR


def report_for(shipped, name):
    answer_file = parse_answer_file(json.loads((CALIBRATION_DIR / f"{name}.json").read_text()), shipped)
    return build_report(shipped, answer_file.answers, offer=answer_file.offer, version=1, sha256="abc")


def test_flags_carry_their_texts_answers_and_sources_most_severe_first(shipped):
    report = report_for(shipped, "s09-patient-funded-fat-cell-study-ms")
    first = report.flags[0]
    assert first.severity == "critical" and first.strength == "full"
    assert first.title == shipped.criterion(first.code).title
    given = first.answers[0]
    assert given.question_text == shipped.question(given.question).text
    assert first.sources and first.ask_clinic and first.discuss_with_doctor and first.why_it_matters
    points = [float(f.points) for f in report.flags]
    assert points == sorted(points, reverse=True)


def test_unknowns_carry_the_questions_to_ask(shipped):
    report = report_for(shipped, "s05-self-funded-ahsct-abroad")
    consent = next(u for u in report.unknowns if u.question == "written-consent")
    assert consent.ask[0] == shipped.criterion("no-written-consent").ask_clinic
    assert shipped.sign("g-balanced-written-consent").ask_clinic in consent.ask


def test_a_transplant_answer_brings_the_standing_procedure_risk_note(shipped):
    report = report_for(shipped, "s01-nhs-ahsct-trial-ms")
    assert report.flags == ()
    assert any("chemotherapy" in note and "infections" in note for note in report.notes)


def test_level_reasons_name_the_rule_by_its_code_with_the_catalogues_text(shipped):
    answers = {
        "offer-type": frozenset({"routine-treatment"}),
        "route": frozenset({"spinal-fluid"}),
        "regulator-approval": frozenset({"not-approved"}),
    }
    report = build_report(shipped, answers)
    assert score(shipped, answers).level == "very high"
    escalation = next(r for r in report.level_reasons if r.kind == "escalation")
    assert escalation.text == shipped.escalation(escalation.code).explanation
    assert "spine, brain, eye or heart" in escalation.text
    one_critical = build_report(shipped, {"regulator-approval": frozenset({"not-approved"})})
    assert one_critical.level == "high"
    assert one_critical.level_reasons == (
        LevelReason("critical", "no-regulatory-approval", shipped.criterion("no-regulatory-approval").title),
    )


def test_the_report_holds_no_sentences_of_its_own(shipped):
    """Severities and reasons are codes: the words are the templates' (report.html, report.txt)."""
    data = report_for(shipped, "s12-strip-mall-fat-cells-many-conditions").to_json()
    assert {"severity", "strength"} <= set(data["flags"][0]) and "severity_words" not in data["flags"][0]
    assert all(set(r) == {"kind", "code", "text"} for r in data["level_reasons"])


def test_report_json_has_everything_the_report_shows(shipped):
    data = report_for(shipped, "s12-strip-mall-fat-cells-many-conditions").to_json()
    assert data["level"] == "very high"
    for key in (
        "score",
        "completeness",
        "flags",
        "unknowns",
        "reassuring",
        "notes",
        "offer",
        "catalogue_version",
        "catalogue_sha256",
        "level_title",
        "level_advice",
    ):
        assert key in data
    assert json.loads(json.dumps(data)) == data  # plain JSON all the way down


def test_report_json_gives_the_signposts_as_shown_not_the_research_notes(shipped):
    """Whom to ask and where, and whether it is checked; not the sources, confidence or reviewer
    behind each row (the charity's working data, read in the admin)."""
    block, home = report_for(shipped, "s16-mexico-cord-cells-drip-spinal-ms").to_json()["signposts"]
    assert (block["code"], home["code"]) == ("mx", "us") and block["signposts"]
    for post in block["signposts"]:
        assert set(post) == {"kind", "title", "text", "url", "checked"} and post["checked"] is False


def test_too_little_known_leads_with_the_key_questions_to_ask_first(shipped):
    report = report_for(shipped, "s30-low-knowledge-knee-stem-cells")
    assert report.too_little_known and report.level == "moderate"
    assert report.key_questions and all(k.ask for k in report.key_questions)
    assert {k.question for k in report.key_questions} <= {q.code for q in shipped.questions if q.is_key}
    assert report.level_reasons[0].kind == "unknown"
    assert report.level_reasons[0].text == shipped.question(report.key_questions[0].question).text


def test_steps_not_done_yet_are_things_to_do_not_unknowns(shipped):
    report = report_for(shipped, "s13-university-cord-blood-autism-trial")
    assert [s.question for s in report.steps] == ["licence-check"]
    assert "licence-check" not in {u.question for u in report.unknowns}


def test_a_concern_a_strong_sign_answers_says_so(shipped):
    report = report_for(shipped, "s13-university-cord-blood-autism-trial")
    donor = next(f for f in report.flags if f.code == "birth-tissue-or-donor-product")
    assert donor.answered_by == (shipped.sign("g-authorised-registered-trial").title,)
    assert report.level == "low"


def test_what_would_change_is_in_the_report_and_its_json(shipped):
    report = report_for(shipped, "s05-self-funded-ahsct-abroad")
    assert report.changes and all(not c.lower for c in report.changes)  # s05 knows a lot: only rises
    assert report.changes[0].level_title == shipped.band(report.changes[0].level).title
    data = report.to_json()
    assert data["changes"][0]["question_text"] == report.changes[0].question_text


def test_under_rules_1_the_report_json_has_none_of_the_rules_2_keys(shipped):
    from dataclasses import replace

    rules_1 = replace(shipped, settings=replace(shipped.settings, rules=1))
    answer_file = parse_answer_file(
        json.loads((CALIBRATION_DIR / "s05-self-funded-ahsct-abroad.json").read_text()), rules_1
    )
    data = build_report(rules_1, answer_file.answers).to_json()
    assert not {"too_little_known", "key_questions", "steps", "changes"} & set(data)
    assert all("answered_by" not in flag for flag in data["flags"])


def test_a_level_held_from_very_high_says_why(shipped):
    from dataclasses import replace
    from decimal import Decimal

    from tests.domain.test_scoring_rules_2 import MANY_MAJOR_SIGNS

    bands = tuple(replace(b, min_points=Decimal(40)) if b.level == "very high" else b for b in shipped.bands)
    report = build_report(replace(shipped, bands=bands), MANY_MAJOR_SIGNS)
    assert report.level == "high" and report.held_from_very_high
    assert report.to_json()["held_from_very_high"] is True
