"""The caution report: the scoring result with the catalogue's texts, ready to display.

``build_report`` turns a :class:`scoring.Result` and the catalogue version it was computed with
into a :class:`Report` of plain data: what the page, the printout, the PDF, the JSON download and
``manage.py screen`` all show. It holds the catalogue's own texts (titles, explanations,
sources) and codes for everything else (severities, why the level was raised); the sentences
around them are in the templates (``report.html``, ``report.txt``).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from typing import Any

from screening.domain.catalogue import Catalogue, Source, Word
from screening.domain.codec import decimal_text, source_json
from screening.domain.glossary import words_used
from screening.domain.scoring import FiredCriterion, Raise, Result, score
from screening.domain.signposts import TREATMENT_COUNTRY, SignpostBlock, country_answer, signposts_for
from screening.domain.vocabulary import OTHER_COUNTRY
from screening.domain.whatif import what_would_change


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
    # Rules 2: the reassuring signs (titles) that answer this concern (scoring rule 10), and
    # whether the person or their doctor checked one of them.
    answered_by: tuple[str, ...] = ()
    answered_checked: bool = False
    # Rule 14: a lawful route applies in the country of treatment; what the catalogue says of it.
    lawful_route: tuple[str, ...] = ()


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

    kind: str  # "critical", "escalation", "unknown" or "refused", as in scoring.Raise
    code: str  # the criterion, the escalation or the question
    text: str  # the criterion's title, the escalation's explanation or the question's text


@dataclass(frozen=True)
class ChangeReport:
    """One answer still open that would move the level (``whatif.py``)."""

    question: str
    question_text: str
    answer: str  # the option's label
    level: str
    level_title: str
    lower: bool


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
    # Rules 2 only; under rules 1 they stay empty and are left out of the JSON, so a report made
    # from an earlier version reads exactly as it did.
    rules: int = 1  # the scoring rules of the version (the templates word some things by them)
    too_little_known: bool = False
    held_from_very_high: bool = False  # the points say "very high", but no known critical sign
    key_questions: tuple[UnknownReport, ...] = ()  # key questions still open: what to ask first
    steps: tuple[UnknownReport, ...] = ()  # due diligence not done yet: things to do
    changes: tuple[ChangeReport, ...] = ()  # what would change this result
    # The escalation rules that apply at the result's level, whether or not they raised it:
    # the specific reason at the top of the report, when the points alone reached the level.
    escalations: tuple[LevelReason, ...] = ()
    # The glossary's words that this report's texts use, printed at its end (empty when the
    # version has no glossary, so earlier reports read as they did).
    words: tuple[Word, ...] = ()
    # Where to check the offer and get help: the country of treatment, then home (issue 13;
    # empty when the version has no countries, so earlier reports read as they did).
    signposts: tuple[SignpostBlock, ...] = ()
    # The answers the person took from the offer-text assist's suggestions, as they confirmed
    # them (issue 14), in questionnaire order.
    from_text: tuple[AnswerGiven, ...] = ()

    @property
    def signposts_last_checked(self) -> str | None:
        """The day the oldest of every block's signposts was last opened, or None while any one
        has not been checked (what page one of the printout says of them all)."""
        days = [block.last_checked for block in self.signposts]
        return min(days) if days and None not in days else None  # type: ignore[type-var]

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data (lists, not tuples): the JSON download and `screen --format json`."""
        data = json.loads(json.dumps(asdict(self)))
        # Sources as the catalogue file writes them: the same keys, the later ones only when set.
        data["references"] = [source_json(s) for s in self.references]
        for items, cited in ((data["flags"], self.flags), (data["reassuring"], self.reassuring)):
            for item, source_of in zip(items, cited, strict=True):
                item["sources"] = [source_json(s) for s in source_of.sources]
        for name, default in _ADDED_WITH_RULES_2.items():
            if data[name] == default:
                del data[name]
        for flag in data["flags"]:
            if not flag["answered_by"]:
                del flag["answered_by"]
            if not flag["answered_checked"]:
                del flag["answered_checked"]
            if not flag["lawful_route"]:
                del flag["lawful_route"]
        if self.signposts:
            data["signposts"] = [_signpost_block_json(block) for block in self.signposts]
        return data


def _signpost_block_json(block: SignpostBlock) -> dict[str, Any]:
    """A block as the report shows it: not the research notes behind it (its sources, confidence
    and who reviewed it are the charity's working data, read in the admin)."""
    return {
        "role": block.role,
        "code": block.code,
        "name": block.name,
        "approval_meaning": block.approval_meaning,
        "asks": list(block.asks),
        "last_checked": block.last_checked,
        "signposts": [
            {"kind": p.kind, "title": p.title, "text": p.text, "url": p.url, "checked": p.is_checked}
            for p in block.signposts
        ],
    }


_ADDED_WITH_RULES_2: dict[str, Any] = {
    "rules": 1,
    "too_little_known": False,
    "held_from_very_high": False,
    "key_questions": [],
    "steps": [],
    "changes": [],
    "escalations": [],
    "words": [],
    "signposts": [],
    "from_text": [],
}


def build_report(
    catalogue: Catalogue,
    answers: dict[str, frozenset[str]],
    *,
    offer: dict[str, str] | None = None,
    version: int | None = None,
    sha256: str | None = None,
    from_text: tuple[str, ...] = (),
) -> Report:
    """``from_text``: the questions answered from a suggestion of the offer-text assist that the
    person confirmed (the report says which)."""
    result = score(catalogue, answers)
    return report_from_result(
        catalogue, result, answers, offer=offer or {}, version=version, sha256=sha256, from_text=from_text
    )


def report_from_result(
    catalogue: Catalogue,
    result: Result,
    answers: dict[str, frozenset[str]],
    *,
    offer: dict[str, str],
    version: int | None,
    sha256: str | None,
    from_text: tuple[str, ...] = (),
) -> Report:
    band = catalogue.band(result.level)
    answered = {
        a.criterion: tuple(sign.title for code in a.signs if (sign := catalogue.sign(code)))
        for a in result.answered
    }
    checked = {a.criterion for a in result.answered if a.verified}
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
                answered_by=answered.get(criterion.code, ()),
                answered_checked=criterion.code in checked,
                lawful_route=_lawful_route(catalogue, fired, answers),
            )
        )
    unknowns = unknowns_of(catalogue, result)
    by_question = {u.question: u for u in unknowns}
    key_questions = tuple(
        by_question.get(code) or _unknown(catalogue, code) for code in result.open_key_questions
    )
    steps = tuple(_unknown(catalogue, code) for code in result.steps)
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
    # Concerns that strong reassurance answers add nothing (rule 10): after the warning signs.
    flags.sort(key=lambda f: bool(f.answered_by))
    report = Report(
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
        unknowns=unknowns,
        unanswered=tuple(q.text for code in result.unanswered if (q := catalogue.question(code))),
        reassuring=tuple(reassuring),
        notes=_notes(catalogue, result, answers),
        references=tuple(references),
        offer=_offer_shown(catalogue, offer, answers),
        catalogue_version=version,
        catalogue_sha256=sha256,
        rules=result.rules,
        too_little_known=result.too_little_known,
        held_from_very_high=result.held_from_very_high,
        key_questions=key_questions,
        steps=steps,
        changes=_changes(catalogue, result, answers) if result.rules >= 2 else (),
        escalations=tuple(
            _reason(catalogue, Raise("escalation", code))
            for code in result.escalations_applying
            if (escalation := catalogue.escalation(code)) and escalation.level == result.level
        ),
        signposts=signposts_for(catalogue, answers, offer),
        from_text=_answers_given(
            catalogue,
            [(q, o) for q in result.asked if q in from_text for o in sorted(answers.get(q, ()))],
        ),
    )
    return replace(report, words=words_used(texts_shown(report), catalogue.words))


def texts_shown(report: Report) -> list[str]:
    """The catalogue's texts that the report's page and PDF print: what its list of words is
    drawn from (not codes, not the person's own words about the offer, not the sources' titles)."""
    texts = [report.level_title, report.level_advice]
    texts += [r.text for r in (*report.level_reasons, *report.escalations)]
    texts += [*report.unanswered, *report.notes]
    for flag in report.flags:
        texts += [
            flag.title,
            flag.explanation,
            flag.why_it_matters,
            flag.ask_clinic,
            flag.discuss_with_doctor,
        ]
        texts += [
            *flag.answered_by,
            *(t for given in flag.answers for t in (given.question_text, given.answer)),
        ]
    for unknown in (*report.unknowns, *report.key_questions):
        texts += [unknown.question_text, *unknown.ask]
    texts += [t for step in report.steps for t in (step.question_text, step.help_text)]
    texts += [t for sign in report.reassuring for t in (sign.title, sign.explanation)]
    texts += [
        t for change in report.changes for t in (change.question_text, change.answer, change.level_title)
    ]
    for block in report.signposts:
        texts += [block.approval_meaning, *(p.text for p in block.signposts)]
    return texts


def _offer_shown(
    catalogue: Catalogue, offer: dict[str, str], answers: dict[str, frozenset[str]]
) -> dict[str, str]:
    """The offer's details as the report gives them. An earlier screening's free-text country
    is kept with its answers; once the country question names a country, that answer says where
    (in the signposts' titles), not the old text. With "another country" the text still says which."""
    if country_answer(catalogue, answers, TREATMENT_COUNTRY) not in (None, OTHER_COUNTRY):
        return {name: value for name, value in offer.items() if name != "country"}
    return dict(offer)


def _lawful_route(
    catalogue: Catalogue, fired: FiredCriterion, answers: dict[str, frozenset[str]]
) -> tuple[str, ...]:
    """What the country of treatment's lawful-route signposts say, where rule 14 lowered the
    criterion (a line of the report's own when the country names no route)."""
    if not fired.lowered:
        return ()
    country = catalogue.jurisdiction(country_answer(catalogue, answers, TREATMENT_COUNTRY) or "")
    texts = tuple(p.text for p in country.signposts if p.kind == "lawful-route") if country else ()
    return texts or ("",)


def unknowns_of(catalogue: Catalogue, result: Result) -> tuple[UnknownReport, ...]:
    """The questions still open in ``result``, each with what to ask the clinic."""
    return tuple(_unknown(catalogue, u.question, u.criteria, u.signs) for u in result.unknowns)


def _unknown(
    catalogue: Catalogue,
    code: str,
    criteria: tuple[str, ...] | None = None,
    signs: tuple[str, ...] | None = None,
) -> UnknownReport:
    """A question still open, with the questions to put to the clinic (from the criteria and
    signs its answers could show; by default, all of them)."""
    question = catalogue.question(code)
    assert question is not None  # the engine only lists questions of this catalogue
    if criteria is None:
        criteria = question.criteria_fired
    if signs is None:
        signs = question.signs_counted
    asks = [c.ask_clinic for c_code in criteria if (c := catalogue.criterion(c_code))]
    asks += [s.ask_clinic for s_code in signs if (s := catalogue.sign(s_code))]
    return UnknownReport(
        question=question.code,
        question_text=question.text,
        help_text=question.help_text,
        ask=tuple(dict.fromkeys(asks)),
    )


def _changes(
    catalogue: Catalogue, result: Result, answers: dict[str, frozenset[str]]
) -> tuple[ChangeReport, ...]:
    changes = []
    for change in what_would_change(catalogue, answers, result):
        question = catalogue.question(change.question)
        option = question.option(change.option) if question else None
        band = catalogue.band(change.level)
        assert question is not None and option is not None
        changes.append(
            ChangeReport(
                question=question.code,
                question_text=question.text,
                answer=option.label,
                level=change.level,
                level_title=band.title if band else change.level,
                lower=change.lower,
            )
        )
    return tuple(changes)


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
    if raised.kind in ("unknown", "refused"):
        question = catalogue.question(raised.code)
        return LevelReason(raised.kind, raised.code, question.text if question else raised.code)
    if raised.kind == "critical":
        criterion = catalogue.criterion(raised.code)
        return LevelReason(raised.kind, raised.code, criterion.title if criterion else raised.code)
    escalation = catalogue.escalation(raised.code)
    return LevelReason(raised.kind, raised.code, escalation.explanation if escalation else raised.code)
