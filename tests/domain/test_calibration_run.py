"""calibration.run: each case scored against a catalogue, and how far it lands from the expert."""

from screening.domain.calibration import Case, gate_problems, run
from screening.domain.problems import Problem
from tests.domain.test_validation import valid


def case(code="c", answers=None, expected="low", acceptable=()):
    return Case(code, "A case", answers if answers is not None else {"q1": "no"}, expected, tuple(acceptable))


def test_a_case_on_its_level_passes_the_gate():
    [outcome] = run(valid(), [case()])
    assert outcome.level == "low" and outcome.on_expected and outcome.within and outcome.distance == 0
    assert gate_problems([outcome]) == []


def test_a_case_outside_its_levels_blocks_with_how_far_and_which_way():
    worst = {"q1": "yes"}  # a critical flag in full, and an escalation rule: "very high"
    [outcome] = run(valid(), [case(answers=worst, expected="low", acceptable=["moderate"])])
    assert outcome.level == "very high" and not outcome.within and outcome.distance == 2
    assert gate_problems([outcome]) == [
        Problem(
            "calibration-outside",
            ("case", "c"),
            {"result": "very high", "acceptable": "low, moderate", "distance": 2, "direction": "above"},
        )
    ]
    [below] = run(valid(), [case(answers={"q1": "no"}, expected="very high")])
    assert below.distance == -3 and gate_problems([below])[0].params["direction"] == "below"


def test_an_acceptable_level_is_within_but_not_on_the_expert_level():
    [outcome] = run(valid(), [case(answers={"q1": "yes"}, expected="high", acceptable=["very high"])])
    assert outcome.within and not outcome.on_expected


def test_answers_that_no_longer_fit_the_catalogue_block_too():
    [outcome] = run(valid(), [case(answers={"gone": "yes"})])
    assert outcome.level is None and outcome.problem.code == "unknown-question"
    assert [p.code for p in gate_problems([outcome])] == ["calibration-answers"]
