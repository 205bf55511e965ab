"""The rule language of show-if, "raised when" and "only if" rules."""

import pytest

from screening.domain.conditions import Clause, ConditionError, parse_condition


def test_parse_condition_alternatives_and_clauses():
    condition = parse_condition("route = spinal-fluid, eye\ncell-source = own-blood and offer-type = study")
    assert condition.alternatives == (
        (Clause("route", ("spinal-fluid", "eye")),),
        (Clause("cell-source", ("own-blood",)), Clause("offer-type", ("study",))),
    )
    assert parse_condition(condition.to_text()) == condition


def test_blank_condition_is_none():
    assert parse_condition("  \n ") is None


@pytest.mark.parametrize(
    ("bad", "code", "faulty"),
    [
        ("route", "rule-syntax", {"part": "route"}),
        ("route =", "rule-syntax", {"part": "route ="}),
        ("= eye", "rule-syntax", {"part": "= eye"}),
        ("Route = eye", "rule-syntax", {"part": "Route = eye"}),
        ("route = eye and", "rule-option-code", {"option": "eye and"}),
        ("route = Eye!", "rule-option-code", {"option": "Eye!"}),
    ],
)
def test_bad_conditions_are_rejected_with_the_line_and_the_faulty_part(bad, code, faulty):
    with pytest.raises(ConditionError) as raised:
        parse_condition(bad)
    problem = raised.value.problem
    assert problem.code == code
    assert problem.params == {"line": 1, **faulty}


def test_the_faulty_line_is_named():
    with pytest.raises(ConditionError) as raised:
        parse_condition("route = eye\nq = ")
    assert raised.value.problem.params["line"] == 2


def test_condition_holds_on_any_alternative_with_all_clauses():
    condition = parse_condition("a = x\nb = y and c = z")
    assert condition.holds({"a": frozenset({"x"})})
    assert condition.holds({"b": frozenset({"y"}), "c": frozenset({"z", "w"})})
    assert not condition.holds({"b": frozenset({"y"})})
    assert not condition.holds({})


def test_an_unless_clause_holds_when_none_of_its_options_was_chosen_or_the_question_is_open():
    condition = parse_condition("regulator-approval != authorised-trial, approved-my-condition")
    assert condition.alternatives == (
        (Clause("regulator-approval", ("authorised-trial", "approved-my-condition"), negated=True),),
    )
    assert parse_condition(condition.to_text()) == condition
    assert condition.holds({}) and condition.holds({"regulator-approval": frozenset({"not-approved"})})
    assert not condition.holds({"regulator-approval": frozenset({"authorised-trial"})})
    both = parse_condition("cell-source = ips and regulator-approval != authorised-trial")
    assert both.holds({"cell-source": frozenset({"ips"})})
    assert not both.holds(
        {"cell-source": frozenset({"ips"}), "regulator-approval": frozenset({"authorised-trial"})}
    )
