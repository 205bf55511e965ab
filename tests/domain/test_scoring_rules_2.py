"""The rules of scoring rules 2 (``scoring.py``, rules 3' and 8-13), as properties of the shipped
catalogue: generated answers, not examples, so that no combination escapes them."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening.domain import codec
from screening.domain.catalogue import Catalogue, Option, Question
from screening.domain.scoring import Result, score, visible_questions
from screening.domain.vocabulary import level_rank
from screening.domain.whatif import what_would_change
from tests.conftest import CATALOGUE_FILE

SHIPPED: Catalogue = codec.from_json(json.loads(CATALOGUE_FILE.read_text(encoding="utf-8")))
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def answer_to(question: Question) -> st.SearchStrategy[frozenset[str]]:
    """Any valid answer: one option, or for a multiple question any mix that keeps "only this"
    options alone."""
    codes = [o.code for o in question.options]
    if question.kind == "single":
        return st.sampled_from(codes).map(lambda c: frozenset({c}))
    alone = [o.code for o in question.options if o.excludes_others]
    mixable = [o.code for o in question.options if not o.excludes_others]
    return st.one_of(
        st.sampled_from(alone).map(lambda c: frozenset({c})),
        st.sets(st.sampled_from(mixable), min_size=1).map(frozenset),
    )


def ordinary_or_any(question: Question) -> st.SearchStrategy[frozenset[str]]:
    """Mostly an answer that fires nothing, so that offers of every level are generated, not
    only the high ones that random answers to 38 questions give."""
    quiet = [o.code for o in question.options if not o.fires and not o.is_unknown]
    if not quiet:
        return answer_to(question)
    return st.integers(0, 9).flatmap(
        lambda n: st.sampled_from(quiet).map(lambda c: frozenset({c})) if n < 7 else answer_to(question)
    )


# An answer for every question (whether asked or not: the rules of being asked decide).
ANSWERS = st.fixed_dictionaries({q.code: ordinary_or_any(q) for q in SHIPPED.questions})
# Some questions left out as well: unanswered.
SOME_ANSWERS = st.fixed_dictionaries({}, optional={q.code: ordinary_or_any(q) for q in SHIPPED.questions})


def unknown(question: Question) -> frozenset[str]:
    assert question.unknown_option is not None
    return frozenset({question.unknown_option.code})


def is_neutral(option: Option) -> bool:
    return not option.fires and not option.reassures and not option.is_unknown


def asked(answers) -> tuple[str, ...]:
    return tuple(q.code for q in visible_questions(SHIPPED, answers))


def known_critical_or_escalation(result: Result) -> bool:
    answered = {a.criterion for a in result.answered}
    critical = any(
        f.code not in answered and any(x.strength == "full" and x.severity == "critical" for x in f.firings)
        for f in result.fired
    )
    to_very_high = {e.code for e in SHIPPED.escalations if e.level == "very high"}
    return critical or any(r.kind == "escalation" and r.code in to_very_high for r in result.raised_by)


def test_the_shipped_catalogue_is_scored_by_rules_2():
    assert SHIPPED.settings.rules == 2
    assert SHIPPED.settings.partial_cap is not None and SHIPPED.settings.completeness_threshold > 0


def test_all_i_dont_know_yet_gives_moderate_with_the_too_little_is_known_lead():
    result = score(SHIPPED, {q.code: unknown(q) for q in SHIPPED.questions})
    assert result.level == "moderate" and result.points == 0
    assert result.too_little_known and result.completeness == 0
    assert result.raised_by[0].kind == "unknown"


def test_nothing_answered_gives_moderate_with_the_too_little_is_known_lead():
    result = score(SHIPPED, {})
    assert result.level == "moderate" and result.too_little_known


def test_i_dont_know_yet_never_fires_a_warning_sign():
    for question in SHIPPED.questions:
        assert question.unknown_option is not None and not question.unknown_option.fires, question.code


@PROPERTY
@given(answers=ANSWERS, data=st.data())
def test_a_known_neutral_answer_in_place_of_i_dont_know_yet_never_raises_the_level(answers, data):
    question = data.draw(st.sampled_from([q for q in SHIPPED.questions if any(map(is_neutral, q.options))]))
    before = {**answers, question.code: unknown(question)}
    neutral = data.draw(st.sampled_from([o.code for o in question.options if is_neutral(o)]))
    after = {**answers, question.code: frozenset({neutral})}
    # Neutral: it fires nothing, reassures nothing, and asks no other question.
    if asked(before) != asked(after):
        return
    assert level_rank(score(SHIPPED, after).level) <= level_rank(score(SHIPPED, before).level)


@PROPERTY
@given(answers=ANSWERS, data=st.data())
def test_a_known_warning_answer_never_lowers_the_level(answers, data):
    """Added to what is known: in place of a known answer that fires nothing, or ticked with
    what was ticked. (In place of "I don't know yet" on a key question it may lower the level:
    rule 11 keeps an open key question at moderate, and a known answer may then show low.)"""
    questions = [q for q in SHIPPED.questions if any(o.fires and not o.reassures for o in q.options)]
    question = data.draw(st.sampled_from(questions))
    warning = data.draw(st.sampled_from([o for o in question.options if o.fires and not o.reassures]))
    before_answer = answers[question.code]
    chosen = [question.option(c) for c in before_answer]
    if (
        question.kind == "multiple"
        and not warning.excludes_others
        and not any(o.excludes_others for o in chosen)
    ):
        after_answer = before_answer | {warning.code}
    else:
        quiet = [o.code for o in question.options if is_neutral(o)]
        if not quiet:
            return
        before_answer = frozenset({data.draw(st.sampled_from(quiet))})
        after_answer = frozenset({warning.code})
    before = {**answers, question.code: before_answer}
    after = {**answers, question.code: after_answer}
    if asked(before) != asked(after):
        return
    assert level_rank(score(SHIPPED, after).level) >= level_rank(score(SHIPPED, before).level)


@PROPERTY
@given(answers=SOME_ANSWERS)
def test_very_high_never_comes_without_a_known_full_critical_sign_or_an_escalation(answers):
    result = score(SHIPPED, answers)
    if result.level == "very high":
        assert known_critical_or_escalation(result)


@PROPERTY
@given(answers=SOME_ANSWERS)
def test_unknowns_alone_never_raise_the_level_above_moderate(answers):
    result = score(SHIPPED, answers)
    if result.points < SHIPPED.band("moderate").min_points:  # the points alone say "low"
        assert level_rank(result.level) <= level_rank("moderate") or any(
            r.kind in ("critical", "escalation") for r in result.raised_by
        )


@PROPERTY
@given(answers=SOME_ANSWERS)
def test_low_is_never_given_while_a_key_question_is_open(answers):
    result = score(SHIPPED, answers)
    open_key = [
        q.code
        for q in visible_questions(SHIPPED, answers)
        if q.is_key and (not answers.get(q.code) or answers[q.code] == unknown(q))
    ]
    if open_key:
        assert result.level != "low"
        assert set(result.open_key_questions) == set(open_key)


@PROPERTY
@given(answers=ANSWERS)
def test_partial_firings_together_add_at_most_the_cap(answers):
    result = score(SHIPPED, answers)
    checked = {a.criterion for a in result.answered if a.verified}
    counted = [f for f in result.fired if f.code not in checked]  # checked, answered: nothing
    partial = sum((f.points for f in counted if not f.full), 0) - result.partial_capped
    assert partial <= SHIPPED.settings.partial_cap
    assert result.red_points == sum((f.points for f in counted), 0) - result.partial_capped


@PROPERTY
@given(answers=ANSWERS)
def test_due_diligence_not_done_yet_adds_no_points(answers):
    steps = [q for q in SHIPPED.questions if q.is_step]
    assert steps  # the shipped catalogue has some
    clean = {"enforcement-search": "none-found", "licence-check": "licensed"}  # done, nothing found
    assert set(clean) == {q.code for q in steps}
    not_yet = {**answers, **{q.code: unknown(q) for q in steps}}
    done = {**answers, **{code: frozenset({option}) for code, option in clean.items()}}
    left_out = {k: v for k, v in answers.items() if k not in clean}
    with_not_yet, with_done, without = (score(SHIPPED, a) for a in (not_yet, done, left_out))
    assert with_not_yet.points == with_done.points == without.points
    assert with_not_yet.level == with_done.level == without.level
    assert with_not_yet.completeness == with_done.completeness  # steps say nothing about the offer
    assert set(with_not_yet.steps) == set(without.steps) == set(clean) and with_done.steps == ()
    assert not set(clean) & set(without.unanswered)


@PROPERTY
@given(answers=SOME_ANSWERS)
def test_an_answered_concern_never_forces_high_nor_escalates(answers):
    result = score(SHIPPED, answers)
    answered = {a.criterion for a in result.answered}
    for raised in result.raised_by:
        if raised.kind == "critical":
            assert raised.code not in answered
        if raised.kind == "escalation":
            assert not set(SHIPPED.escalation(raised.code).criteria) & answered


@PROPERTY
@given(answers=SOME_ANSWERS)
def test_too_little_known_is_said_exactly_below_the_threshold(answers):
    result = score(SHIPPED, answers)
    assert result.too_little_known == (result.completeness < SHIPPED.settings.completeness_threshold)


@PROPERTY
@given(answers=SOME_ANSWERS)
def test_what_would_change_names_only_open_answers_that_do_move_the_level(answers):
    result = score(SHIPPED, answers)
    open_questions = set(result.unanswered) | {u.question for u in result.unknowns}
    changes = what_would_change(SHIPPED, answers, result)
    for change in changes:
        assert change.question in open_questions
        moved = score(SHIPPED, {**answers, change.question: frozenset({change.option})}).level
        assert moved == change.level != result.level
        assert change.lower == (level_rank(moved) < level_rank(result.level))
    # And when some single open answer would lower the level, a drop is listed.
    drop_exists = any(
        level_rank(score(SHIPPED, {**answers, q.code: frozenset({o.code})}).level) < level_rank(result.level)
        for q in SHIPPED.questions
        if q.code in open_questions and not q.is_step
        for o in q.options
        if not o.is_unknown
    )
    assert drop_exists == any(c.lower for c in changes)


MANY_MAJOR_SIGNS = {
    k: frozenset(v)
    for k, v in {
        "offer-type": {"routine-treatment"},
        "cell-source": {"own-fat"},
        "route": {"joint"},
        "regulator-approval": {"device-cleared"},  # fires the approval criterion at major only
        "legal-status-claims": {"registered", "same-day"},
        "trial-listing": {"yes"},
        "trial-registration": {"clinic-sponsored"},
        "enforcement-search": {"marketing"},
        "main-persuasion": {"patient-stories"},
        "claims": {"cells-become-tissue"},
        "total-cost": {"10000-50000"},
        "sales-tactics": {"deposit-first", "non-refundable", "packages", "crowdfunding", "against-doctors"},
        "eligibility-checks": {"nothing"},
        "practitioner": {"non-physician"},
        "licence-check": {"no-name"},
        "setting": {"non-medical"},
    }.items()
}


def test_many_major_warning_signs_without_a_critical_one_give_high_not_very_high():
    # The "very high" band brought down to 40, so that these major signs alone reach it.
    from dataclasses import replace
    from decimal import Decimal

    bands = tuple(replace(b, min_points=Decimal(40)) if b.level == "very high" else b for b in SHIPPED.bands)
    result = score(replace(SHIPPED, bands=bands), MANY_MAJOR_SIGNS)
    assert not any(f.severity == "critical" and f.full for f in result.fired)
    assert result.band_level == "very high" and result.held_from_very_high
    assert result.level == "high"


def fired_by(answers) -> dict:
    result = score(SHIPPED, {k: frozenset(v) for k, v in answers.items()})
    return {f.code: f for f in result.fired}, {s.code: s for s in result.reassuring}, result


def test_a_cleared_device_used_for_an_unapproved_purpose_is_a_major_not_a_critical_sign():
    fired, _, result = fired_by({"regulator-approval": {"device-cleared"}})
    assert fired["no-regulatory-approval"].severity == "major" and fired["no-regulatory-approval"].full
    assert not any(r.kind == "critical" for r in result.raised_by)


def test_an_approval_for_this_condition_counts_as_reassurance_and_answers_donor_cells():
    answers = {
        "cell-source": {"cord-blood"},
        "route": {"iv"},
        "regulator-approval": {"approved-my-condition"},
    }
    fired, signs, result = fired_by(answers)
    assert signs["g-approved-for-condition"].full and signs["g-approved-for-condition"].verified
    assert [a.criterion for a in result.answered] == ["birth-tissue-or-donor-product"]
    assert not any(r.kind == "critical" for r in result.raised_by)


def test_a_published_negative_trial_is_never_reassuring():
    fired, signs, _ = fired_by({"published-evidence": {"negative-trial"}})
    assert signs == {} and fired["no-peer-reviewed-evidence"].full


def test_a_hospital_setting_counts_partly_as_reassurance():
    _, signs, _ = fired_by({"setting": {"university-hospital"}})
    assert signs["g-accredited-hospital-setting"].full is False


def test_trial_questions_are_asked_when_a_treatment_cites_a_trial_register_listing():
    sold = {"offer-type": frozenset({"routine-treatment"})}
    assert "trial-registration" not in asked(sold)
    assert "trial-registration" in asked({**sold, "trial-listing": frozenset({"yes"})})


def test_the_transplant_evidence_does_not_cover_progressive_ms_without_activity():
    transplant = {"cell-source": {"own-blood"}}
    fired, _, _ = fired_by({**transplant, "ms-type": {"progressive-quiet"}})
    assert fired["evidence-mismatch"].full
    fired, _, _ = fired_by({**transplant, "ms-type": {"relapsing-active"}})
    assert "evidence-mismatch" not in fired


def test_a_graft_placed_by_a_hospital_surgical_team_is_not_an_injection_at_a_clinic():
    for route in ("eye-surgery", "brain-surgery", "heart-surgery"):
        fired, _, _ = fired_by({"route": {route}})
        assert "high-risk-route" not in fired, route
    for route in ("eye", "brain-spine-disc", "spinal-fluid", "heart-injection"):
        fired, _, _ = fired_by({"route": {route}})
        assert fired["high-risk-route"].full, route


def test_they_would_not_say_is_a_warning_sign_and_i_dont_know_yet_is_not():
    fired, _, _ = fired_by({"regulator-approval": {"refused"}})
    assert fired["no-regulatory-approval"].full
    fired, _, result = fired_by({"regulator-approval": {"dont-know"}})
    assert fired == {} and "regulator-approval" in result.open_key_questions


def test_an_unchecked_trial_claim_still_counts_the_spinal_route_until_it_is_checked():
    from screening.domain.answers import parse_answer_file
    from tests.conftest import CALIBRATION_DIR

    trial = json.loads((CALIBRATION_DIR / "s40-nsi566-neural-cells-als-trial.json").read_text())
    checked = parse_answer_file(trial, SHIPPED).answers
    assert score(SHIPPED, checked).level == "low"  # the checked, authorised trial
    unchecked = {**checked, "trial-registration": frozenset({"independent-sponsor"})}
    result = score(SHIPPED, unchecked)
    # Fetal cells in an authorised trial are not the "sold as a treatment" concern (issue 11), but
    # the injection into the spinal cord adds its points until somebody checks the trial.
    assert "embryonic-fetal-animal-cells" not in {f.code for f in result.fired}
    assert result.points > 0
    assert all(not a.verified for a in result.answered)


@PROPERTY
@given(answers=SOME_ANSWERS)
def test_low_is_never_given_when_the_clinic_would_not_answer_a_key_question(answers):
    result = score(SHIPPED, answers)
    refused = [
        q.code
        for q in visible_questions(SHIPPED, answers)
        if q.is_key and any(o.is_refused and o.code in answers.get(q.code, ()) for o in q.options)
    ]
    if refused:
        assert result.level != "low"


def test_they_would_not_give_a_total_is_never_lower_than_not_knowing_it_yet():
    from screening.domain.answers import parse_answer_file
    from tests.conftest import CALIBRATION_DIR

    quiet = parse_answer_file(
        json.loads((CALIBRATION_DIR / "s22-hospital-bmac-knee.json").read_text()), SHIPPED
    ).answers
    levels = {
        answer: score(SHIPPED, {**quiet, "total-cost": frozenset({answer})}).level
        for answer in ("dont-know", "no-total", "nothing")
    }
    assert level_rank(levels["no-total"]) >= level_rank(levels["dont-know"]) >= level_rank(levels["nothing"])
    result = score(SHIPPED, {**quiet, "total-cost": frozenset({"no-total"})})
    assert "total-cost" not in result.open_key_questions


def test_an_injection_route_inside_an_authorised_trial_does_not_force_high():
    from screening.domain.answers import parse_answer_file
    from tests.conftest import CALIBRATION_DIR

    for case in (
        "s20-us-academic-fat-cell-spinal-trial",
        "s27-concert-hf-trial",
        "s40-nsi566-neural-cells-als-trial",
    ):
        answers = parse_answer_file(
            json.loads((CALIBRATION_DIR / f"{case}.json").read_text()), SHIPPED
        ).answers
        result = score(SHIPPED, answers)
        assert "high-risk-route" in {a.criterion for a in result.answered}, case
        assert not any(r.kind == "critical" for r in result.raised_by) and result.level == "low", case
    assert "outside a regulated trial" not in SHIPPED.criterion("high-risk-route").explanation


LAB_MADE_AND_EMBRYONIC = {
    "ips": "lab-made-or-neural-cells",
    "neural": "lab-made-or-neural-cells",
    "embryonic-fetal": "embryonic-fetal-animal-cells",
    "animal": "embryonic-fetal-animal-cells",
}


def test_lab_made_and_embryonic_cells_approved_for_the_condition_or_in_an_authorised_trial_fire_nothing():
    for source, criterion in LAB_MADE_AND_EMBRYONIC.items():
        for approval in ("approved-my-condition", "approved-conditionally", "authorised-trial"):
            fired, _, result = fired_by({"cell-source": {source}, "regulator-approval": {approval}})
            assert criterion not in fired, (source, approval)
            assert "embryonic-fetal-animal" not in {r.code for r in result.raised_by}, (source, approval)


def test_lab_made_and_embryonic_cells_fire_when_not_approved_or_not_yet_known():
    for source, criterion in LAB_MADE_AND_EMBRYONIC.items():
        for approval in ({"not-approved"}, {"approved-other-condition"}, {"dont-know"}, None):
            answers = {"cell-source": {source}} | ({"regulator-approval": approval} if approval else {})
            fired, _, _ = fired_by(answers)
            assert fired[criterion].full, (source, approval)


def test_japans_conditionally_approved_ips_product_at_a_university_hospital_is_moderate_not_very_high():
    fired, _, result = fired_by(
        {
            "cell-source": {"ips"},
            "regulator-approval": {"approved-conditionally"},
            "setting": {"university-hospital"},
        }
    )
    assert "lab-made-or-neural-cells" not in fired and "conditional-approval" in fired
    assert level_rank(result.level) <= level_rank("moderate")
