"""The questionnaire as steps: step 1 is "About the offer", then one step per catalogue section.

Pure functions over a frozen catalogue and the answers; the views only call them.
"""

from __future__ import annotations

from dataclasses import dataclass

from screening.catalogue import Answers, Catalogue, Question, Section
from screening.scoring import visible_questions

OFFER_STEP = 1


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    section: Section | None  # None for the "About the offer" step


def steps(catalogue: Catalogue) -> tuple[Step, ...]:
    offer = Step(OFFER_STEP, "About the offer", None)
    return (offer, *(Step(i, s.title, s) for i, s in enumerate(catalogue.sections, start=OFFER_STEP + 1)))


def step(catalogue: Catalogue, number: int) -> Step | None:
    all_steps = steps(catalogue)
    return all_steps[number - 1] if 1 <= number <= len(all_steps) else None


def questions_for(catalogue: Catalogue, section: Section, answers: Answers) -> tuple[Question, ...]:
    """The questions of a section that are asked, given the answers so far."""
    return tuple(q for q in visible_questions(catalogue, answers) if q.section == section.code)


def unanswered_in(catalogue: Catalogue, section: Section, answers: Answers) -> tuple[Question, ...]:
    return tuple(q for q in questions_for(catalogue, section, answers) if not answers.get(q.code))


def first_incomplete_step(catalogue: Catalogue, answers: Answers, *, started: bool) -> int | None:
    """Where a returning person should continue: None when every question asked is answered."""
    if not started:
        return OFFER_STEP
    for s in steps(catalogue):
        if s.section is not None and unanswered_in(catalogue, s.section, answers):
            return s.number
    return None
