"""The caution report: the scoring result with the catalogue's words, ready to display.

``build_report`` turns a :class:`scoring.Result` and the catalogue version it was computed with
into a :class:`Report` of plain data: what the page, the printout, the PDF, the JSON download and
``manage.py screen`` all show. Templates and commands only display it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from screening.catalogue import Catalogue, Source, decimal_text
from screening.scoring import Result, score

SEVERITY_WORDS = {"critical": "Serious warning sign", "major": "Warning sign", "minor": "Minor warning sign"}


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
    severity_words: str
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
class Report:
    level: str
    level_title: str
    level_advice: str
    level_reasons: tuple[str, ...]
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
                severity_words=SEVERITY_WORDS[fired.severity],
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


def _reason(catalogue: Catalogue, tag: str) -> str:
    kind, _, code = tag.partition(":")
    if kind == "critical":
        criterion = catalogue.criterion(code)
        title = criterion.title if criterion else code
        return f"At least “high” because a serious warning sign applies in full: {title}."
    escalation = next((e for e in catalogue.escalations if e.code == code), None)
    return escalation.explanation if escalation else code


def render_text(report: Report) -> str:
    """The report as plain text, for the command line."""
    lines = [
        f"Caution level: {report.level.upper()} — {report.level_title}",
        f"Caution score: {report.score}/100 (points {report.points}; red flags {report.red_points},"
        f" reassuring signs took off {report.offset})",
        f"Completeness: {report.completeness}% of the questions asked were answered (not “I don't know”)",
    ]
    if report.catalogue_version is not None:
        lines.append(
            f"Criteria: catalogue version {report.catalogue_version} (sha256 {report.catalogue_sha256})"
        )
    lines += ["", report.level_advice]
    for reason in report.level_reasons:
        lines.append(f"- {reason}")
    if report.offer:
        lines += ["", "The offer:"] + [f"  {k}: {v}" for k, v in report.offer.items()]
    lines += ["", f"Warning signs found ({len(report.flags)}):"]
    for flag in report.flags:
        partly = "" if flag.strength == "full" else " (partly: not known for sure)"
        lines.append(f"* {flag.title} [{flag.code}; {flag.severity_words.lower()}{partly}]")
        for given in flag.answers:
            lines.append(f"    You answered: {given.question_text} → {given.answer}")
        lines.append(f"    Why it matters: {flag.why_it_matters}")
        lines.append(f"    Ask the clinic: {flag.ask_clinic}")
        lines.append(f"    Talk to your doctor: {flag.discuss_with_doctor}")
        for source in flag.sources:
            lines.append(f"    Source: {source.title}, {source.publisher}. {source.url}")
    lines += ["", f"Still to find out ({len(report.unknowns)}):"]
    for unknown in report.unknowns:
        lines.append(f"* {unknown.question_text}")
        for ask in unknown.ask:
            lines.append(f"    Ask: {ask}")
    if report.unanswered:
        lines += ["", f"Not answered ({len(report.unanswered)}):"] + [f"* {q}" for q in report.unanswered]
    if report.notes:
        lines += ["", "Good to know:"] + [f"* {note}" for note in report.notes]
    lines += ["", f"Reassuring signs ({len(report.reassuring)}):"]
    for sign in report.reassuring:
        partly = "" if sign.strength == "full" else " (partly)"
        lines.append(f"* {sign.title}{partly}")
    lines += [
        "",
        "This report screens an offer against published warning signs. It is not medical advice.",
        "Take it to your own specialist and talk it through before you decide or pay anything.",
    ]
    return "\n".join(lines) + "\n"
