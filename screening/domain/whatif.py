"""What would change this result: the single answers, still open, that would move the level.

For each question asked and not yet known (unanswered, or "I don't know yet"), the engine scores
the offer again with each known answer in its place, one at a time, everything else as it is.
Steps (the person's own checks) are left out: not done yet, they change nothing by design. A
question a known answer would newly show counts as unanswered, as it would on the page. With two
key questions open, no single answer can lower the level, so the plan then shows only rises.
The answers that would move the level are the plan for the next talk with the clinic: "if they
show you the trial's authorisation, the caution would drop to moderate". Only scoring rules 2
ask this (a version scored by rules 1 keeps the report it gave).

Pure, like the engine: the same catalogue and answers give the same list.
"""

from __future__ import annotations

from dataclasses import dataclass

from screening.domain.catalogue import Catalogue, Question
from screening.domain.conditions import Answers
from screening.domain.scoring import Result, score
from screening.domain.vocabulary import level_rank

# How many of each direction the report shows: enough for a plan, few enough to read.
SHOWN_EACH_WAY = 3


@dataclass(frozen=True)
class LevelChange:
    question: str
    option: str
    level: str  # the level with this answer
    lower: bool  # True: the caution would drop; False: it would rise


def what_would_change(catalogue: Catalogue, answers: Answers, result: Result) -> tuple[LevelChange, ...]:
    """The few open answers that would move the level most: drops first, then rises.

    Per question, the answer that would lower the level most and the one that would raise it
    most; then the biggest moves, key questions first, in questionnaire order.
    """
    current = level_rank(result.level)
    drops: list[tuple[int, int, int, LevelChange]] = []
    rises: list[tuple[int, int, int, LevelChange]] = []
    open_questions = set(result.unanswered) | {u.question for u in result.unknowns}
    for position, question in enumerate(catalogue.questions):
        if question.code not in open_questions or question.is_step:
            continue
        best_drop: LevelChange | None = None
        best_rise: LevelChange | None = None
        for option in _known_options(question):
            level = score(catalogue, {**answers, question.code: frozenset({option})}).level
            rank = level_rank(level)
            if rank < current and (best_drop is None or rank < level_rank(best_drop.level)):
                best_drop = LevelChange(question.code, option, level, lower=True)
            if rank > current and (best_rise is None or rank > level_rank(best_rise.level)):
                best_rise = LevelChange(question.code, option, level, lower=False)
        key_first = 0 if question.is_key else 1
        if best_drop is not None:
            drops.append((level_rank(best_drop.level), key_first, position, best_drop))
        if best_rise is not None:
            rises.append((-level_rank(best_rise.level), key_first, position, best_rise))
    return tuple(c for *_, c in sorted(drops)[:SHOWN_EACH_WAY]) + tuple(
        c for *_, c in sorted(rises)[:SHOWN_EACH_WAY]
    )


def _known_options(question: Question) -> list[str]:
    return [o.code for o in question.options if not o.is_unknown]
