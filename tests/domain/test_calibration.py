"""The five expert calibration cases land on the expert's level in the engine."""

import json

import pytest

from screening.domain.answers import parse_answer_file
from screening.domain.scoring import score
from tests.conftest import CALIBRATION_DIR

CASES = sorted(CALIBRATION_DIR.glob("*.json"))


def test_there_are_five_calibration_cases():
    assert len(CASES) == 5


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_calibration_case_lands_on_the_expert_level(shipped, path):
    answer_file = parse_answer_file(json.loads(path.read_text()), shipped)
    assert answer_file.expected_level in ("low", "moderate", "high", "very high")
    assert score(shipped, answer_file.answers).level == answer_file.expected_level


def test_expected_flags_of_the_low_cases_are_none(shipped):
    for name in ("s01-nhs-ahsct-trial-ms", "s03-eu-fat-cell-knee-trial"):
        answer_file = parse_answer_file(json.loads((CALIBRATION_DIR / f"{name}.json").read_text()), shipped)
        assert score(shipped, answer_file.answers).fired == ()


def test_s12_fires_the_spinal_injection_escalation_criteria_fully(shipped):
    answer_file = parse_answer_file(
        json.loads((CALIBRATION_DIR / "s12-strip-mall-fat-cells-many-conditions.json").read_text()), shipped
    )
    fired = {f.code for f in score(shipped, answer_file.answers).fired if f.full}
    assert {"high-risk-route", "no-regulatory-approval"} <= fired
