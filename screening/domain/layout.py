"""How a report made with scoring rules 2 is laid out: page one, then the details.

Page one is what a doctor reads in a minute: the level and the specific reasons for it, the most
serious warning signs known to apply (one line each), the key questions still open as a
checklist, and what would change the result. The details follow, most serious first, with the
warning signs known to apply kept apart from those the answers only suggest, and the questions
still open after them.

Each question to put to the clinic is printed once: where it first appears (a warning sign's
card, in the order the details print them), and not again under "still to find out".

A report made with rules 1 keeps its own layout (``report_v1.html``), word for word.
"""

from __future__ import annotations

from dataclasses import dataclass

from screening.domain.catalogue import Catalogue
from screening.domain.conditions import Answers
from screening.domain.journey import ReviewRow, ReviewSection, Step
from screening.domain.report import FlagReport, LevelReason, Report, unknowns_of
from screening.domain.scoring import score

TOP_FLAGS = 5  # "the three to five most serious warning signs known to apply"


@dataclass(frozen=True)
class CardShown:
    flag: FlagReport
    ask: str  # the flag's question for the clinic, or "" when an earlier card already asks it
    on_page_one: bool = False  # one of page one's most serious signs: paper prints it in full


@dataclass(frozen=True)
class OpenQuestion:
    question_text: str
    ask: tuple[str, ...]  # questions for the clinic that no card above already asks


@dataclass(frozen=True)
class Layout:
    reasons: tuple[LevelReason, ...]  # why this level: escalations first, then the other rules
    top_flags: tuple[FlagReport, ...]  # page one: the most serious signs known to apply
    first_questions: tuple[str, ...]  # page one: the key questions still open, a checklist
    known: tuple[CardShown, ...]  # warning signs known to apply, most serious first
    possible: tuple[CardShown, ...]  # warning signs the answers suggest, not for sure
    answered: tuple[CardShown, ...]  # concerns that a reassuring sign answers (rule 10)
    open_questions: tuple[OpenQuestion, ...]  # still to find out
    # The numbers (in Report.references) of the first source, the main one, of each warning sign
    # known to apply: what paper prints, to keep the report short (on paper only those signs say
    # why they matter; the others are questions). The screen lists every source.
    first_sources: frozenset[int] = frozenset()

    @property
    def flag_count(self) -> int:
        return len(self.known) + len(self.possible) + len(self.answered)


def layout_of(report: Report) -> Layout:
    reasons = list(report.escalations)
    reasons += [r for r in report.level_reasons if r not in reasons]
    known = [f for f in report.flags if f.strength == "full" and not f.answered_by]
    possible = [f for f in report.flags if f.strength != "full" and not f.answered_by]
    answered = [f for f in report.flags if f.answered_by]

    asked: set[str] = set()

    top_flags = tuple(known[:TOP_FLAGS])

    def cards(flags: list[FlagReport]) -> tuple[CardShown, ...]:
        shown = []
        for flag in flags:
            ask = "" if flag.ask_clinic in asked else flag.ask_clinic
            shown.append(CardShown(flag, ask, on_page_one=flag in top_flags))
            asked.add(flag.ask_clinic)
        return tuple(shown)

    known_cards, possible_cards, answered_cards = cards(known), cards(possible), cards(answered)
    open_questions = []
    for unknown in report.unknowns:
        new = tuple(a for a in unknown.ask if a not in asked)
        asked.update(new)
        open_questions.append(OpenQuestion(unknown.question_text, new))
    return Layout(
        reasons=tuple(reasons),
        top_flags=top_flags,
        first_questions=tuple(q.question_text for q in report.key_questions),
        known=known_cards,
        possible=possible_cards,
        answered=answered_cards,
        open_questions=tuple(open_questions),
        first_sources=frozenset(f.source_numbers[0] for f in known if f.source_numbers),
    )


@dataclass(frozen=True)
class SinceLast:
    """What changed since the result shown before this one (issue 12: coming back)."""

    level_before: str  # the earlier level's title
    level_now: str
    added: tuple[str, ...]  # titles of warning signs shown now and not before
    removed: tuple[str, ...]  # titles of warning signs shown before and not now
    signs_known: bool  # False when the earlier result did not record its warning signs


def since_last(
    report: Report, catalogue: Catalogue, level_before: str, flags_before: list[str] | None
) -> SinceLast:
    """Against the result shown before: its level and the criteria it showed (None when it did
    not record them), in the report's own catalogue version."""
    band = catalogue.band(level_before)
    now = [f.code for f in report.flags]
    before = list(flags_before or ())

    def title(code: str) -> str:
        criterion = catalogue.criterion(code)
        return criterion.title if criterion else code

    return SinceLast(
        level_before=band.title if band else level_before,
        level_now=report.level_title,
        added=tuple(title(code) for code in now if code not in before),
        removed=tuple(title(code) for code in before if code not in now),
        signs_known=flags_before is not None,
    )


@dataclass(frozen=True)
class StillNotKnown:
    """An answer "I don't know yet" on the review page, for a person coming back to update."""

    step: Step
    row: ReviewRow
    ask: tuple[str, ...]  # what to ask the clinic


def still_not_known(
    catalogue: Catalogue, answers: Answers, sections: tuple[ReviewSection, ...]
) -> tuple[StillNotKnown, ...]:
    """The review's rows answered "I don't know yet", in order, each with its questions to ask.
    Not the country questions: where the clinic is says nothing about the offer (rule 1)."""
    asks = {u.question: u.ask for u in unknowns_of(catalogue, score(catalogue, answers))}
    countries = {q.code for q in catalogue.questions if q.is_country}
    return tuple(
        StillNotKnown(section.step, row, asks.get(row.code, ()))
        for section in sections
        for row in section.rows
        if row.not_known and row.code not in countries
    )
