"""The five expert calibration cases land on the expert's level, in the engine and via `screen`."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from screening.answers import parse_answer_file
from screening.scoring import score
from tests.conftest import CALIBRATION_DIR

CASES = sorted(CALIBRATION_DIR.glob("*.json"))


def test_there_are_five_calibration_cases():
    assert len(CASES) == 5


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_calibration_case_lands_on_the_expert_level(shipped, path):
    answer_file = parse_answer_file(json.loads(path.read_text()), shipped)
    assert answer_file.expected_level is not None
    assert score(shipped, answer_file.answers).level == answer_file.expected_level


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_screen_prints_the_expected_level(shipped_in_db, path):
    expected = json.loads(path.read_text())["expected_level"]
    out = StringIO()
    call_command("screen", str(path), "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["level"] == expected
    text = StringIO()
    call_command("screen", str(path), stdout=text)
    assert text.getvalue().startswith(f"Caution level: {expected.upper()}")


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
