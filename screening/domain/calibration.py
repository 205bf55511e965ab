"""Calibration: worked offers with the level an expert gives them, run against a catalogue.

A case is an answer set (by codes) with the expert's level and the levels that are acceptable
where the case is borderline. :func:`run` scores every case against a catalogue and says, for
each, the level the app gives and how far it is from what the expert accepts. Publishing blocks
on any case outside its acceptable levels (``publishing.preview``); ``manage.py calibrate`` prints
the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from screening.domain.answers import AnswerFileError, parse_answers
from screening.domain.catalogue import Catalogue
from screening.domain.problems import Problem
from screening.domain.scoring import score
from screening.domain.vocabulary import LEVELS, level_rank


@dataclass(frozen=True)
class Case:
    code: str
    title: str
    answers: Mapping[str, Any]  # answer-file form: question code -> option code(s)
    expected_level: str
    acceptable_levels: tuple[str, ...] = ()  # empty: only the expected level
    notes: str = ""

    @property
    def acceptable(self) -> tuple[str, ...]:
        return tuple(level for level in LEVELS if level in {self.expected_level, *self.acceptable_levels})


@dataclass(frozen=True)
class Outcome:
    case: Case
    level: str | None  # None when the case's answers do not fit the catalogue
    points: Decimal = Decimal(0)
    score: int = 0
    completeness: int = 0
    problem: Problem | None = None  # why the answers do not fit

    @property
    def on_expected(self) -> bool:
        return self.level == self.case.expected_level

    @property
    def within(self) -> bool:
        return self.level in self.case.acceptable

    @property
    def distance(self) -> int:
        """Levels above (+) or below (-) the nearest acceptable level; 0 when within."""
        if self.level is None or self.within:
            return 0
        ranks = [level_rank(level) for level in self.case.acceptable]
        rank = level_rank(self.level)
        return rank - max(ranks) if rank > max(ranks) else rank - min(ranks)


def case_problems(case: Case) -> list[Problem]:
    """What is wrong with a case itself, whatever catalogue it meets."""
    where = ("case", case.code)
    problems = []
    for level in (case.expected_level, *case.acceptable_levels):
        if level not in LEVELS:
            problems.append(Problem("unknown-level", where, {"value": level}))
    return problems


def run(catalogue: Catalogue, cases: Iterable[Case]) -> list[Outcome]:
    outcomes = []
    for case in cases:
        try:
            answers = parse_answers(dict(case.answers), catalogue)
        except AnswerFileError as exc:
            outcomes.append(Outcome(case, None, problem=exc.problem))
            continue
        result = score(catalogue, answers)
        outcomes.append(
            Outcome(
                case,
                result.level,
                points=result.points,
                score=result.score,
                completeness=result.completeness,
            )
        )
    return outcomes


def gate_problems(outcomes: Iterable[Outcome]) -> list[Problem]:
    """What blocks publishing: a case whose answers no longer fit, or whose level is outside what
    the expert accepts (with how far, and which way)."""
    problems = []
    for outcome in outcomes:
        where = ("case", outcome.case.code)
        if outcome.problem is not None:
            problems.append(Problem("calibration-answers", where, {"problem": outcome.problem}))
        elif not outcome.within:
            problems.append(
                Problem(
                    "calibration-outside",
                    where,
                    {
                        "result": outcome.level,
                        "acceptable": ", ".join(outcome.case.acceptable),
                        "distance": abs(outcome.distance),
                        "direction": "above" if outcome.distance > 0 else "below",
                    },
                )
            )
    return problems
