"""Validation: every reason a catalogue must not be published, as structured problems."""

from dataclasses import replace
from decimal import Decimal

from screening.domain.catalogue import Escalation, Reassurance, Settings
from screening.domain.conditions import parse_condition
from screening.domain.problems import Problem
from screening.domain.validation import validate
from tests.conftest import bands, criterion, full, make_catalogue, option, partly, question, sign


def valid():
    return make_catalogue(
        criteria=[criterion("c1", "critical"), criterion("c2")],
        signs=[sign("g1")],
        questions=[
            question(
                "q1",
                option("yes", full("c1")),
                option("no", reassures=[Reassurance("g1")]),
                option("dk", partly("c1"), unknown=True),
            ),
            question(
                "q2", option("a", full("c2")), option("dk", partly("c2"), unknown=True), show_if="q1 = yes"
            ),
        ],
        escalations=[Escalation("e1", "very high", ("c1",), "Why.")],
    )


def found(catalogue) -> set[tuple]:
    """(code, where) of each problem: what the tests compare."""
    return {(p.code, p.where) for p in validate(catalogue)}


def test_a_valid_catalogue_has_no_problems():
    assert validate(valid()) == []


def test_problems_are_codes_with_where_and_parameters_not_sentences():
    cat = replace(valid(), escalations=(Escalation("e1", "extreme", ("zzz",), "x"),))
    assert Problem("unknown-level", ("escalation", "e1"), {"value": "extreme"}) in validate(cat)
    assert Problem("unknown-criterion", ("escalation", "e1"), {"criterion": "zzz"}) in validate(cat)


def test_option_pointing_at_an_inactive_criterion_is_refused():
    cat = valid()
    cat = replace(
        cat, criteria=tuple(replace(c, active=False) if c.code == "c2" else c for c in cat.criteria)
    )
    assert Problem("inactive-criterion", ("question", "q2", "option", "a"), {"criterion": "c2"}) in validate(
        cat
    )


def test_option_pointing_at_an_unknown_criterion_is_refused():
    cat = valid()
    q = replace(cat.questions[0], options=(option("yes", full("nope")), *cat.questions[0].options[1:]))
    problems = validate(replace(cat, questions=(q, cat.questions[1])))
    assert (
        Problem("unknown-criterion", ("question", "q1", "option", "yes"), {"criterion": "nope"}) in problems
    )


def test_show_if_naming_unknown_or_later_questions_or_options_is_refused():
    cat = valid()
    cases = {
        "ghost = yes": Problem(
            "rule-unknown-question", ("question", "q2"), {"rule": "show-if", "question": "ghost"}
        ),
        "q1 = maybe": Problem(
            "rule-unknown-option",
            ("question", "q2"),
            {"rule": "show-if", "question": "q1", "option": "maybe"},
        ),
        "q2 = a": Problem("rule-later-question", ("question", "q2"), {"rule": "show-if", "question": "q2"}),
    }
    for rule, problem in cases.items():
        q2 = replace(cat.questions[1], show_if=parse_condition(rule))
        assert problem in validate(replace(cat, questions=(cat.questions[0], q2))), rule


def test_every_band_must_be_defined_and_ordered():
    cat = valid()
    assert ("band-count", ("band", "high")) in found(replace(cat, bands=bands()[:2] + bands()[3:]))
    swapped = (bands()[0], bands()[1], replace(bands()[2], min_points=Decimal(3)), bands()[3])
    assert Problem("band-order", ("band", "high"), {"lower": "moderate"}) in validate(
        replace(cat, bands=swapped)
    )
    low_from_one = (replace(bands()[0], min_points=Decimal(1)), *bands()[1:])
    assert ("band-low-start", ("band", "low")) in found(replace(cat, bands=low_from_one))
    untitled = (replace(bands()[0], title=" "), *bands()[1:])
    assert ("band-text", ("band", "low")) in found(replace(cat, bands=untitled))


def test_every_question_needs_exactly_one_i_dont_know_option():
    cat = valid()
    q1 = replace(cat.questions[0], options=cat.questions[0].options[:2])
    problems = validate(replace(cat, questions=(q1, cat.questions[1])))
    assert Problem("unknown-option-count", ("question", "q1"), {"count": 0}) in problems


def test_i_dont_know_must_not_be_a_silent_zero():
    cat = valid()
    silent = replace(cat.questions[0], options=(*cat.questions[0].options[:2], option("dk", unknown=True)))
    assert ("unknown-is-silent", ("question", "q1")) in found(
        replace(cat, questions=(silent, cat.questions[1]))
    )


def test_i_dont_know_firing_only_under_a_condition_is_still_a_silent_zero():
    cat = valid()
    conditional = option("dk", partly("c1", only_if=parse_condition("q1 = yes")), unknown=True)
    q1 = replace(cat.questions[0], options=(*cat.questions[0].options[:2], conditional))
    assert ("unknown-is-silent", ("question", "q1")) in found(replace(cat, questions=(q1, cat.questions[1])))


def test_i_dont_know_cannot_count_as_reassuring():
    cat = valid()
    reassuring = option("dk", partly("c1"), reassures=[Reassurance("g1")], unknown=True)
    q1 = replace(cat.questions[0], options=(*cat.questions[0].options[:2], reassuring))
    assert ("unknown-reassures", ("question", "q1")) in found(replace(cat, questions=(q1, cat.questions[1])))


def test_a_code_with_a_trailing_newline_is_refused():
    cat = valid()
    bad = replace(cat, criteria=(replace(cat.criteria[0], code="c1\n"), cat.criteria[1]))
    assert ("code-malformed", ("criterion", "c1\n")) in found(bad)


def test_an_active_criterion_nothing_fires_is_refused():
    cat = replace(valid(), criteria=(*valid().criteria, criterion("orphan")))
    assert ("never-fired", ("criterion", "orphan")) in found(cat)


def test_an_active_criterion_needs_a_source_and_a_positive_weight():
    cat = valid()
    bare = replace(cat.criteria[1], sources=(), weight=Decimal(0))
    assert {("no-source", ("criterion", "c2")), ("weight-not-positive", ("criterion", "c2"))} <= found(
        replace(cat, criteria=(cat.criteria[0], bare))
    )


def test_a_raised_severity_needs_its_rule_and_the_other_way_round():
    cat = valid()
    half = replace(cat.criteria[1], raised_severity="critical")
    assert ("raised-severity-needs-rule", ("criterion", "c2")) in found(
        replace(cat, criteria=(cat.criteria[0], half))
    )


def test_vocabulary_values_are_checked():
    cat = valid()
    odd = replace(cat.criteria[1], severity="grave", category="other")
    assert {("unknown-severity", ("criterion", "c2")), ("unknown-category", ("criterion", "c2"))} <= found(
        replace(cat, criteria=(cat.criteria[0], odd))
    )
    q1 = replace(cat.questions[0], kind="several")
    assert ("unknown-kind", ("question", "q1")) in found(replace(cat, questions=(q1, cat.questions[1])))


def test_escalations_must_name_active_criteria_and_a_level():
    cat = replace(valid(), escalations=(Escalation("e1", "extreme", ("zzz",), "x"),))
    assert {("unknown-level", ("escalation", "e1")), ("unknown-criterion", ("escalation", "e1"))} <= found(
        cat
    )
    assert ("no-criteria", ("escalation", "e2")) in found(
        replace(valid(), escalations=(Escalation("e2", "high", (), "x"),))
    )


def test_duplicate_codes_and_bad_codes_are_refused():
    cat = valid()
    assert ("code-duplicate", ("question", "q1")) in found(
        replace(cat, questions=(*cat.questions, cat.questions[0]))
    )
    bad = replace(cat, criteria=(replace(cat.criteria[0], code="Bad Code"), cat.criteria[1]))
    assert ("code-malformed", ("criterion", "Bad Code")) in found(bad)
    twice = replace(cat.questions[0], options=(*cat.questions[0].options, option("yes")))
    assert ("code-duplicate", ("question", "q1", "option", "yes")) in found(
        replace(cat, questions=(twice, cat.questions[1]))
    )


def test_settings_are_checked():
    assert ("settings-partial-fraction", ()) in found(
        replace(valid(), settings=Settings(partial_fraction=Decimal(1)))
    )
    assert ("settings-ceiling", ()) in found(replace(valid(), settings=Settings(score_ceiling=Decimal(0))))
    weights = {"minor": Decimal(0), "major": Decimal(3), "critical": Decimal(8)}
    assert Problem("settings-weight", params={"severity": "minor"}) in validate(
        replace(valid(), settings=Settings(severity_weights=weights))
    )


def test_a_section_without_questions_is_refused():
    cat = valid()
    assert ("section-empty", ("section", "empty")) in found(
        make_catalogue(
            criteria=cat.criteria, signs=cat.signs, questions=cat.questions, sections=["s1", "empty"]
        )
    )


def rules_2(cat):
    return replace(
        cat, settings=replace(cat.settings, rules=2, partial_cap=Decimal(10), completeness_threshold=50)
    )


def test_under_rules_2_i_dont_know_yet_must_fire_nothing():
    cat = rules_2(valid())
    assert ("unknown-fires", ("question", "q1")) in found(cat)
    quiet = tuple(
        replace(q, options=tuple(o if not o.is_unknown else option("dk", unknown=True) for o in q.options))
        for q in cat.questions
    )
    assert validate(replace(cat, questions=quiet)) == []  # and being silent is then right


def test_rules_2_settings_are_checked():
    cat = valid()
    assert ("settings-rules", ()) in found(replace(cat, settings=replace(cat.settings, rules=3)))
    assert ("settings-partial-cap", ()) in found(
        replace(cat, settings=replace(cat.settings, partial_cap=Decimal(-1)))
    )
    assert ("settings-completeness-threshold", ()) in found(
        replace(cat, settings=replace(cat.settings, completeness_threshold=101))
    )


def test_a_criterion_can_only_be_answered_by_a_sign_that_exists():
    cat = valid()
    answered = replace(cat.criteria[0], answered_by=("g-nowhere",))
    assert ("unknown-sign", ("criterion", "c1")) in found(replace(cat, criteria=(answered, cat.criteria[1])))


def test_a_question_is_either_key_or_a_step_and_an_answering_sign_is_named_once():
    cat = valid()
    both = replace(cat.questions[0], is_key=True, is_step=True)
    assert ("key-and-step", ("question", "q1")) in found(replace(cat, questions=(both, cat.questions[1])))
    twice = replace(cat.criteria[0], answered_by=("g1", "g1"))
    assert ("answered-by-repeated", ("criterion", "c1")) in found(
        replace(cat, criteria=(twice, cat.criteria[1]))
    )
    inactive = replace(cat, signs=(replace(cat.signs[0], active=False),))
    named = replace(cat.criteria[0], answered_by=("g1",))
    assert ("inactive-sign", ("criterion", "c1")) in found(
        replace(inactive, criteria=(named, cat.criteria[1]))
    )
