"""The catalogue format, conditions, validation and diff; and the shipped catalogue's integrity."""

import json
from dataclasses import replace
from decimal import Decimal

import pytest

from screening import catalogue as domain
from screening.scoring import score, visible_questions
from tests.conftest import bands, criterion, full, make_catalogue, option, partly, question, sign

# --- Conditions ----------------------------------------------------------------------------------


def test_parse_condition_alternatives_and_clauses():
    condition = domain.parse_condition(
        "route = spinal-fluid, eye\ncell-source = own-blood and offer-type = study"
    )
    assert condition.alternatives == (
        (domain.Clause("route", ("spinal-fluid", "eye")),),
        (domain.Clause("cell-source", ("own-blood",)), domain.Clause("offer-type", ("study",))),
    )
    assert domain.parse_condition(condition.to_text()) == condition


def test_blank_condition_is_none():
    assert domain.parse_condition("  \n ") is None


@pytest.mark.parametrize(
    "bad", ["route", "route =", "= eye", "Route = eye", "route = eye and", "route = Eye!"]
)
def test_bad_conditions_are_rejected_with_the_faulty_part(bad):
    with pytest.raises(ValueError, match="line 1"):
        domain.parse_condition(bad)


def test_condition_holds_on_any_alternative_with_all_clauses():
    condition = domain.parse_condition("a = x\nb = y and c = z")
    assert condition.holds({"a": frozenset({"x"})})
    assert condition.holds({"b": frozenset({"y"}), "c": frozenset({"z", "w"})})
    assert not condition.holds({"b": frozenset({"y"})})
    assert not condition.holds({})


# --- Validation ----------------------------------------------------------------------------------


def valid():
    return make_catalogue(
        criteria=[criterion("c1", "critical"), criterion("c2")],
        signs=[sign("g1")],
        questions=[
            question(
                "q1",
                option("yes", full("c1")),
                option("no", reassures=[domain.Reassurance("g1")]),
                option("dk", partly("c1"), unknown=True),
            ),
            question(
                "q2", option("a", full("c2")), option("dk", partly("c2"), unknown=True), show_if="q1 = yes"
            ),
        ],
        escalations=[domain.Escalation("e1", "very high", ("c1",), "Why.")],
    )


def test_a_valid_catalogue_has_no_errors():
    assert domain.validate(valid()) == []


def errors_of(catalogue):
    return " | ".join(domain.validate(catalogue))


def test_option_pointing_at_an_inactive_criterion_is_refused():
    cat = valid()
    cat = replace(
        cat, criteria=tuple(replace(c, active=False) if c.code == "c2" else c for c in cat.criteria)
    )
    assert "points at inactive criterion 'c2'" in errors_of(cat)


def test_option_pointing_at_an_unknown_criterion_is_refused():
    cat = valid()
    q = replace(cat.questions[0], options=(option("yes", full("nope")), *cat.questions[0].options[1:]))
    assert "unknown criterion 'nope'" in errors_of(replace(cat, questions=(q, cat.questions[1])))


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("ghost = yes", "unknown question 'ghost'"),
        ("q1 = maybe", "question 'q1' has no option 'maybe'"),
        ("q2 = a", "not an earlier question"),
    ],
)
def test_show_if_naming_unknown_or_later_questions_or_options_is_refused(rule, message):
    cat = valid()
    q2 = replace(cat.questions[1], show_if=domain.parse_condition(rule))
    assert message in errors_of(replace(cat, questions=(cat.questions[0], q2)))


def test_every_band_must_be_defined_and_ordered():
    cat = valid()
    assert "'high' band must be defined exactly once" in errors_of(
        replace(cat, bands=bands()[:2] + bands()[3:])
    )
    swapped = (bands()[0], bands()[1], replace(bands()[2], min_points=Decimal(3)), bands()[3])
    assert "'high' band must start above the 'moderate' band" in errors_of(replace(cat, bands=swapped))
    assert "low band must start at 0" in errors_of(
        replace(cat, bands=(replace(bands()[0], min_points=Decimal(1)), *bands()[1:]))
    )


def test_every_question_needs_exactly_one_i_dont_know_option():
    cat = valid()
    q1 = replace(cat.questions[0], options=cat.questions[0].options[:2])
    assert 'exactly one "I don\'t know" option' in errors_of(replace(cat, questions=(q1, cat.questions[1])))


def test_i_dont_know_must_not_be_a_silent_zero():
    cat = valid()
    silent = replace(cat.questions[0], options=(*cat.questions[0].options[:2], option("dk", unknown=True)))
    assert "must fire at least one red flag partly" in errors_of(
        replace(cat, questions=(silent, cat.questions[1]))
    )


def test_i_dont_know_firing_only_under_a_condition_is_still_a_silent_zero():
    cat = valid()
    conditional = option("dk", partly("c1", only_if=domain.parse_condition("q1 = yes")), unknown=True)
    q1 = replace(cat.questions[0], options=(*cat.questions[0].options[:2], conditional))
    assert "with no only-if rule" in errors_of(replace(cat, questions=(q1, cat.questions[1])))


def test_a_code_with_a_trailing_newline_is_refused():
    cat = valid()
    assert "must be lowercase" in errors_of(
        replace(cat, criteria=(replace(cat.criteria[0], code="c1\n"), cat.criteria[1]))
    )


def test_an_active_criterion_nothing_fires_is_refused():
    cat = replace(valid(), criteria=(*valid().criteria, criterion("orphan")))
    assert "orphan: active, but no answer option fires it" in errors_of(cat)


def test_escalations_must_name_active_criteria_and_a_level():
    cat = replace(valid(), escalations=(domain.Escalation("e1", "extreme", ("zzz",), "x"),))
    assert "unknown level 'extreme'" in errors_of(cat)
    assert "unknown criterion 'zzz'" in errors_of(cat)


def test_duplicate_codes_and_bad_codes_are_refused():
    cat = valid()
    assert "question code 'q1' is used more than once" in errors_of(
        replace(cat, questions=(*cat.questions, cat.questions[0]))
    )
    assert "must be lowercase" in errors_of(
        replace(cat, criteria=(replace(cat.criteria[0], code="Bad Code"), cat.criteria[1]))
    )


def test_settings_are_checked():
    cat = replace(valid(), settings=domain.Settings(partial_fraction=Decimal(1)))
    assert "partial fraction" in errors_of(cat)


# --- JSON and diff -------------------------------------------------------------------------------


def test_json_round_trip_is_lossless():
    data = domain.to_json(valid())
    assert domain.to_json(domain.from_json(json.loads(json.dumps(data)))) == data


def test_sha256_is_stable_and_content_sensitive():
    data = domain.to_json(valid())
    assert domain.sha256_of(data) == domain.sha256_of(json.loads(json.dumps(data)))
    changed = domain.to_json(
        replace(valid(), criteria=(replace(valid().criteria[0], weight=Decimal(9)), valid().criteria[1]))
    )
    assert domain.sha256_of(changed) != domain.sha256_of(data)


@pytest.mark.parametrize("bad", [{}, {"format": "other"}, {"format": domain.FORMAT, "format_version": 99}])
def test_from_json_rejects_other_files(bad):
    with pytest.raises(domain.CatalogueFormatError):
        domain.from_json(bad)


def test_diff_names_what_changed():
    old = domain.to_json(valid())
    edited = replace(
        valid(),
        criteria=(replace(valid().criteria[0], title="New title"), valid().criteria[1], criterion("c3")),
    )
    changes = domain.diff(old, domain.to_json(edited))
    assert "Criterion c1: changed (title)." in changes
    assert "Criterion c3: added." in changes
    assert domain.diff(old, old) == []


# --- The shipped catalogue -----------------------------------------------------------------------


def test_shipped_catalogue_is_valid(shipped):
    assert domain.validate(shipped) == []


def test_shipped_catalogue_has_every_criterion_and_sign_of_the_spec(shipped):
    assert len([c for c in shipped.criteria if c.active]) == 39
    assert len(shipped.signs) == 9
    assert {s.code for s in shipped.signs} == {
        "g-authorised-registered-trial",
        "g-no-charge",
        "g-established-indication",
        "g-accredited-hospital-setting",
        "g-own-specialist-involved",
        "g-published-evidence-and-protocol",
        "g-balanced-written-consent",
        "g-strict-eligibility",
        "g-controlled-design",
    }
    severities = {c.code: c.severity for c in shipped.criteria}
    assert severities["no-regulatory-approval"] == "critical"
    assert severities["travel-abroad"] == "minor"
    assert all(c.sources for c in shipped.criteria) and all(s.sources for s in shipped.signs)


def test_shipped_catalogue_has_about_six_steps(shipped):
    assert 5 <= len(shipped.sections) <= 7


def test_every_reassuring_sign_can_be_counted(shipped):
    counted = {r.sign for q in shipped.questions for o in q.options for r in o.reassures}
    assert counted == {s.code for s in shipped.signs}


def test_the_questions_cover_every_kind_of_cell_and_exosomes(shipped):
    sources = {o.code for o in shipped.question("cell-source").options}
    assert {
        "own-blood",
        "own-fat",
        "own-marrow",
        "cord-tissue",
        "placenta-amniotic",
        "ips",
        "neural",
        "exosomes",
    } <= sources


def worst_answers(catalogue):
    """For every question, every option that fires something (the worst an offer can look)."""
    chosen = {}
    for q in catalogue.questions:
        firing = [o.code for o in q.options if o.fires and not o.exclusive]
        if q.kind == "single":
            firing = sorted(
                firing, key=lambda code: -sum(e.strength == "full" for e in q.option(code).fires)
            )[:1]
        if firing:
            chosen[q.code] = frozenset(firing)
    return chosen


def test_the_all_worst_answer_set_reaches_very_high(shipped):
    result = score(shipped, worst_answers(shipped))
    assert result.level == "very high"
    assert result.score == 100


def test_a_typical_path_shows_about_30_questions_or_fewer(shipped):
    routine = {"offer-type": frozenset({"routine-treatment"}), "cell-source": frozenset({"own-fat"})}
    study = {"offer-type": frozenset({"study"}), "cell-source": frozenset({"own-blood"})}
    assert len(visible_questions(shipped, routine)) <= 32
    assert len(visible_questions(shipped, study)) <= 33


def test_shipped_texts_name_no_clinic(shipped_json):
    text = json.dumps(shipped_json).lower()
    for name in [
        "stemgenex",
        "liveyon",
        "genetech",
        "xcell",
        "kimera",
        "eucyt",
        "us stem cell clinic",
        "cell surgical network",
    ]:
        assert name not in text
