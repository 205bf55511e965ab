"""The caution report: the scoring result with the catalogue's texts, ready to display.

``build_report`` turns a :class:`scoring.Result` and the catalogue version it was computed with
into a :class:`Report` of plain data: what the page, the printout, the PDF, the JSON download and
``manage.py screen`` all show. It holds the catalogue's own texts (titles, explanations,
sources) and codes for everything else (severities, why the level was raised); the sentences
around them are in the templates (``report.html``, ``report.txt``).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from screening.domain.catalogue import Catalogue, Source
from screening.domain.codec import decimal_text
from screening.domain.scoring import Raise, Result, score


@dataclass(frozen=True)
class AnswerGiven:
    question: str
    question_text: str
    answer: str  # the option label(s) that fired it


@dataclass(frozen=True)
class FlagReport:
    code: str
    title: str
    severity: str
    strength: str  # "full" or "partial"
    points: str
    explanation: str
    why_it_matters: str
    ask_clinic: str
    discuss_with_doctor: str
    answers: tuple[AnswerGiven, ...]
    sources: tuple[Source, ...]
    source_numbers: tuple[int, ...]  # positions in Report.references (1-based), for print


@dataclass(frozen=True)
class UnknownReport:
    question: str
    question_text: str
    help_text: str
    ask: tuple[str, ...]  # the questions to put to the clinic


@dataclass(frozen=True)
class SignReport:
    code: str
    title: str
    strength: str
    explanation: str
    answers: tuple[AnswerGiven, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class LevelReason:
    """Why the level is above the band of the points (see scoring rule 5)."""

    kind: str  # "critical" or "escalation", as in scoring.Raise
    code: str  # the criterion or the escalation
    text: str  # the criterion's title, or the escalation's explanation


@dataclass(frozen=True)
class Report:
    level: str
    level_title: str
    level_advice: str
    level_reasons: tuple[LevelReason, ...]
    score: int
    points: str
    red_points: str
    offset: str
    completeness: int
    flags: tuple[FlagReport, ...]
    unknowns: tuple[UnknownReport, ...]
    unanswered: tuple[str, ...]  # question texts
    reassuring: tuple[SignReport, ...]
    notes: tuple[str, ...]  # "good to know" notes attached to the answers given
    references: tuple[Source, ...]  # every source cited by a flag, once, in order of first citation
    offer: dict[str, str]
    catalogue_version: int | None
    catalogue_sha256: str | None

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data (lists, not tuples): the JSON download and `screen --format json`."""
        return json.loads(json.dumps(asdict(self)))


def build_report(
    catalogue: Catalogue,
    answers: dict[str, frozenset[str]],
    *,
    offer: dict[str, str] | None = None,
    version: int | None = None,
    sha256: str | None = None,
) -> Report:
    result = score(catalogue, answers)
    return report_from_result(catalogue, result, answers, offer=offer or {}, version=version, sha256=sha256)


def report_from_result(
    catalogue: Catalogue,
    result: Result,
    answers: dict[str, frozenset[str]],
    *,
    offer: dict[str, str],
    version: int | None,
    sha256: str | None,
) -> Report:
    band = catalogue.band(result.level)
    flags = []
    references: list[Source] = []
    for fired in result.fired:
        criterion = catalogue.criterion(fired.code)
        assert criterion is not None  # the engine only fires criteria of this catalogue
        for source in criterion.sources:
            if source not in references:
                references.append(source)
        flags.append(
            FlagReport(
                code=criterion.code,
                title=criterion.title,
                severity=fired.severity,
                strength=fired.strength,
                points=decimal_text(fired.points),
                explanation=criterion.explanation,
                why_it_matters=criterion.why_it_matters,
                ask_clinic=criterion.ask_clinic,
                discuss_with_doctor=criterion.discuss_with_doctor,
                answers=_answers_given(catalogue, [(f.question, f.option) for f in fired.firings]),
                sources=criterion.sources,
                source_numbers=tuple(references.index(s) + 1 for s in criterion.sources),
            )
        )
    unknowns = []
    for unknown in result.unknowns:
        question = catalogue.question(unknown.question)
        assert question is not None
        asks = [c.ask_clinic for code in unknown.criteria if (c := catalogue.criterion(code))]
        asks += [s.ask_clinic for code in unknown.signs if (s := catalogue.sign(code))]
        unknowns.append(
            UnknownReport(
                question=question.code,
                question_text=question.text,
                help_text=question.help_text,
                ask=tuple(dict.fromkeys(asks)),
            )
        )
    reassuring = []
    for counted in result.reassuring:
        sign = catalogue.sign(counted.code)
        assert sign is not None
        reassuring.append(
            SignReport(
                code=sign.code,
                title=sign.title,
                strength="full" if counted.full else "partial",
                explanation=sign.explanation,
                answers=_answers_given(catalogue, [(f.question, f.option) for f in counted.firings]),
                sources=sign.sources,
            )
        )
    return Report(
        level=result.level,
        level_title=band.title if band else result.level,
        level_advice=band.advice if band else "",
        level_reasons=tuple(_reason(catalogue, r) for r in result.raised_by),
        score=result.score,
        points=decimal_text(result.points),
        red_points=decimal_text(result.red_points),
        offset=decimal_text(result.offset),
        completeness=result.completeness,
        flags=tuple(flags),
        unknowns=tuple(unknowns),
        unanswered=tuple(q.text for code in result.unanswered if (q := catalogue.question(code))),
        reassuring=tuple(reassuring),
        notes=_notes(catalogue, result, answers),
        references=tuple(references),
        offer=dict(offer),
        catalogue_version=version,
        catalogue_sha256=sha256,
    )


def _answers_given(catalogue: Catalogue, pairs: list[tuple[str, str]]) -> tuple[AnswerGiven, ...]:
    by_question: dict[str, list[str]] = {}
    for question_code, option_code in pairs:
        by_question.setdefault(question_code, [])
        if option_code not in by_question[question_code]:
            by_question[question_code].append(option_code)
    given = []
    for question_code, option_codes in by_question.items():
        question = catalogue.question(question_code)
        assert question is not None
        labels = [o.label for o in question.options if o.code in option_codes]
        given.append(AnswerGiven(question_code, question.text, "; ".join(labels)))
    return tuple(given)


def _notes(catalogue: Catalogue, result: Result, answers: dict[str, frozenset[str]]) -> tuple[str, ...]:
    notes: list[str] = []
    for code in result.asked:
        question = catalogue.question(code)
        assert question is not None
        for option in question.options:
            if (
                option.code in answers.get(code, frozenset())
                and option.report_note
                and option.report_note not in notes
            ):
                notes.append(option.report_note)
    return tuple(notes)


def _reason(catalogue: Catalogue, raised: Raise) -> LevelReason:
    if raised.kind == "critical":
        criterion = catalogue.criterion(raised.code)
        return LevelReason(raised.kind, raised.code, criterion.title if criterion else raised.code)
    escalation = catalogue.escalation(raised.code)
    return LevelReason(raised.kind, raised.code, escalation.explanation if escalation else raised.code)
