"""The calibration library is the test of the scoring (issue 10, point 7): every case lands within
its acceptable levels, at least 90% on the expert's level, none more than one level below it;
and the library covers what it must (levels, conditions, cell types, countries, little known)."""

import json
import re
from collections import Counter

import pytest

from screening.domain.answers import parse_answer_file
from screening.domain.scoring import score
from screening.domain.vocabulary import LEVELS, level_rank
from tests.conftest import CALIBRATION_DIR

CASES = sorted(CALIBRATION_DIR.glob("*.json"))


def load(shipped, path):
    answer_file = parse_answer_file(json.loads(path.read_text(encoding="utf-8")), shipped)
    return answer_file, score(shipped, answer_file.answers)


@pytest.fixture(scope="module")
def outcomes(shipped):
    return {path.stem: load(shipped, path) for path in CASES}


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_each_case_lands_within_its_acceptable_levels(shipped, path):
    answer_file, result = load(shipped, path)
    acceptable = set(answer_file.acceptable_levels) | {answer_file.expected_level}
    assert result.level in acceptable, f"expert {answer_file.expected_level}, app {result.level}"


def test_at_least_90_percent_land_on_the_experts_level_and_none_below_by_more_than_one(outcomes):
    on_level = [name for name, (f, r) in outcomes.items() if r.level == f.expected_level]
    assert len(on_level) >= 0.9 * len(outcomes)
    for name, (answer_file, result) in outcomes.items():
        assert level_rank(result.level) >= level_rank(answer_file.expected_level) - 1, name


def test_the_library_is_large_enough_and_covers_every_level(outcomes):
    assert len(outcomes) >= 30
    levels = Counter(f.expected_level for f, _ in outcomes.values())
    assert all(levels[level] >= 6 for level in LEVELS), levels


def test_every_source_of_cells_appears_in_some_case(shipped, outcomes):
    cell_source = shipped.question("cell-source")
    wanted = {o.code for o in cell_source.options if not o.is_unknown and o.code != "not-said"}
    ticked = set().union(*(f.answers.get("cell-source", frozenset()) for f, _ in outcomes.values()))
    assert wanted - ticked == set()


def test_cases_come_from_at_least_eight_countries_and_eight_conditions(outcomes):
    countries = {f.offer.get("country", "").split("(")[0].strip().lower() for f, _ in outcomes.values()}
    conditions = {f.offer.get("condition", "") for f, _ in outcomes.values()}
    assert len(countries - {""}) >= 8 and len(conditions) >= 8
    text = " ".join(
        f"{f.offer.get('condition', '')} {f.offer.get('treatment', '')}".lower() for f, _ in outcomes.values()
    )
    for condition in (r"\bms\b", "autis", "knee", "eye", "parkinson", "spinal cord", "heart", "ageing"):
        assert re.search(condition, text), condition


def test_at_least_three_cases_are_of_a_person_who_knows_very_little_yet(outcomes):
    little = [name for name, (_, result) in outcomes.items() if result.too_little_known]
    assert len(little) >= 3
    for name in little:
        assert outcomes[name][1].level == "moderate", name


def test_the_low_cases_fire_no_warning_sign_that_forces_high(outcomes):
    for name, (answer_file, result) in outcomes.items():
        if answer_file.expected_level == "low":
            assert not any(r.kind == "critical" for r in result.raised_by), name


def test_s12_fires_the_spinal_injection_escalation_criteria_fully(outcomes):
    _, result = outcomes["s12-strip-mall-fat-cells-many-conditions"]
    assert {"high-risk-route", "no-regulatory-approval"} <= {f.code for f in result.fired if f.full}
