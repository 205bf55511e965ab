"""The catalogue as plain, frozen data: what a published catalogue version contains.

A catalogue is the whole questionnaire and its scoring content: sections (the steps), questions
and their answer options, the warning criteria (red flags) and reassuring signs (green flags) the
options fire, the caution bands, the escalation rules and the scoring settings. Staff edit it as
database rows (``models.py``); publishing turns the rows into one of these objects, checks it
with :func:`validate` and freezes :func:`to_json` of it. Everything a patient sees, and every
score, comes from such a frozen object, never from the live rows.

Codes (criterion, sign, section, question and option codes) are the public interface: answer
files, fixtures and tests name things by code.

Conditions
----------
Show-if rules, "raised severity when" rules and "only if" rules on an option's effect share one
small language, written one alternative per line::

    route = spinal-fluid, eye
    cell-source = own-blood and offer-type = standard-care

A clause ``question = a, b`` holds when the answer to ``question`` includes option ``a`` or
``b``. Clauses on one line joined by ``and`` must all hold; the condition holds when any line
holds. An unanswered or hidden question satisfies no clause.

This module imports nothing from Django: it is the domain, tested without a database.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

FORMAT = "stem-cell-offer-check/catalogue"
FORMAT_VERSION = 1

LEVELS: tuple[str, ...] = ("low", "moderate", "high", "very high")
SEVERITIES: tuple[str, ...] = ("minor", "major", "critical")
STRENGTHS: tuple[str, ...] = ("full", "partial")
KINDS: tuple[str, ...] = ("single", "multiple")
CATEGORIES: tuple[str, ...] = (
    "regulatory",
    "evidence",
    "marketing",
    "treatment-claims",
    "cost-payment",
    "medical-care-safety",
    "consent-data",
    "clinic-staff",
)

# The texts a person reads about a criterion or a reassuring sign, in the order they appear.
TEXT_FIELDS: tuple[str, ...] = ("title", "explanation", "why_it_matters", "ask_clinic", "discuss_with_doctor")

CODE_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")

# An answer set as the domain sees it: question code -> the option codes chosen.
Answers = Mapping[str, frozenset[str]]


class CatalogueFormatError(ValueError):
    """The catalogue JSON is not in the expected shape."""


# --- Conditions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    question: str
    options: tuple[str, ...]

    def holds(self, answers: Answers) -> bool:
        chosen = answers.get(self.question, frozenset())
        return any(option in chosen for option in self.options)


@dataclass(frozen=True)
class Condition:
    """Any of ``alternatives`` holds; an alternative holds when all its clauses hold."""

    alternatives: tuple[tuple[Clause, ...], ...]

    def holds(self, answers: Answers) -> bool:
        return any(all(clause.holds(answers) for clause in group) for group in self.alternatives)

    def clauses(self) -> tuple[Clause, ...]:
        return tuple(clause for group in self.alternatives for clause in group)

    def to_text(self) -> str:
        return "\n".join(
            " and ".join(f"{c.question} = {', '.join(c.options)}" for c in group)
            for group in self.alternatives
        )

    def to_json(self) -> list[list[dict[str, Any]]]:
        return [
            [{"question": c.question, "options": list(c.options)} for c in group]
            for group in self.alternatives
        ]


def parse_condition(text: str) -> Condition | None:
    """Parse the condition language (see the module docstring). Blank text means no condition.

    Raises ``ValueError`` with a message naming the faulty part.
    """
    alternatives = []
    for line_number, line in enumerate(text.strip().splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        clauses = []
        for part in re.split(r"\s+and\s+", line):
            question, sep, options_text = part.partition("=")
            question = question.strip()
            options = tuple(o.strip() for o in options_text.split(",") if o.strip())
            if not sep or not CODE_PATTERN.match(question) or not options:
                raise ValueError(
                    f"line {line_number}: {part.strip()!r} is not of the form "
                    "'question-code = option-code, option-code'"
                )
            for option in options:
                if not CODE_PATTERN.match(option):
                    raise ValueError(f"line {line_number}: {option!r} is not a valid option code")
            clauses.append(Clause(question, options))
        alternatives.append(tuple(clauses))
    return Condition(tuple(alternatives)) if alternatives else None


def _condition_from_json(data: Any, where: str) -> Condition | None:
    if data is None:
        return None
    try:
        return Condition(
            tuple(
                tuple(Clause(str(c["question"]), tuple(str(o) for o in c["options"])) for c in group)
                for group in data
            )
        )
    except (TypeError, KeyError) as exc:
        raise CatalogueFormatError(f"{where}: malformed condition ({exc})") from None


# --- The catalogue -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    url: str
    last_checked: str  # ISO date


@dataclass(frozen=True)
class Criterion:
    """A red flag. ``weight`` is the points it adds when it fires fully at its own severity."""

    code: str
    category: str
    severity: str
    weight: Decimal
    title: str
    explanation: str
    why_it_matters: str
    ask_clinic: str
    discuss_with_doctor: str
    sources: tuple[Source, ...] = ()
    raised_severity: str | None = None
    raised_when: Condition | None = None
    active: bool = True
    position: int = 0


@dataclass(frozen=True)
class Sign:
    """A reassuring sign (green flag). ``weight`` is the points it can offset when it counts fully."""

    code: str
    weight: Decimal
    title: str
    explanation: str
    why_it_matters: str
    ask_clinic: str
    discuss_with_doctor: str
    sources: tuple[Source, ...] = ()
    active: bool = True
    position: int = 0


@dataclass(frozen=True)
class Effect:
    """An option fires a criterion, fully or partly; ``severity`` overrides the criterion's."""

    criterion: str
    strength: str = "full"
    severity: str | None = None
    only_if: Condition | None = None


@dataclass(frozen=True)
class Reassurance:
    sign: str
    strength: str = "full"


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    is_unknown: bool = False
    is_exclusive: bool = False
    fires: tuple[Effect, ...] = ()
    # Shown in the report whenever this answer is given, e.g. the known risks of a procedure.
    report_note: str = ""
    reassures: tuple[Reassurance, ...] = ()

    @property
    def exclusive(self) -> bool:
        return self.is_exclusive or self.is_unknown


@dataclass(frozen=True)
class Question:
    code: str
    section: str
    kind: str
    text: str
    help_text: str
    options: tuple[Option, ...]
    show_if: Condition | None = None

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)

    @property
    def unknown_option(self) -> Option | None:
        return next((o for o in self.options if o.is_unknown), None)


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    intro: str


@dataclass(frozen=True)
class Band:
    level: str
    min_points: Decimal
    title: str
    advice: str


@dataclass(frozen=True)
class Escalation:
    """When every listed criterion fires fully, the level is at least ``level``."""

    code: str
    level: str
    criteria: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class Settings:
    partial_fraction: Decimal = Decimal("0.5")
    max_offset_share: Decimal = Decimal("0.5")
    score_ceiling: Decimal = Decimal("80")
    severity_weights: Mapping[str, Decimal] = field(
        default_factory=lambda: {"critical": Decimal(8), "major": Decimal(3), "minor": Decimal(1)}
    )


@dataclass(frozen=True)
class Catalogue:
    settings: Settings
    bands: tuple[Band, ...]
    escalations: tuple[Escalation, ...]
    criteria: tuple[Criterion, ...]
    signs: tuple[Sign, ...]
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]  # in questionnaire order: by section, then position

    def criterion(self, code: str) -> Criterion | None:
        return self._criteria_by_code.get(code)

    def sign(self, code: str) -> Sign | None:
        return self._signs_by_code.get(code)

    def question(self, code: str) -> Question | None:
        return self._questions_by_code.get(code)

    def questions_in(self, section_code: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.section == section_code)

    def band(self, level: str) -> Band | None:
        return next((b for b in self.bands if b.level == level), None)

    @property
    def _criteria_by_code(self) -> dict[str, Criterion]:
        return _index(self, "criteria")

    @property
    def _signs_by_code(self) -> dict[str, Sign]:
        return _index(self, "signs")

    @property
    def _questions_by_code(self) -> dict[str, Question]:
        return _index(self, "questions")


def _index(catalogue: Catalogue, attribute: str) -> dict[str, Any]:
    # Frozen dataclasses cannot hold a cache attribute normally; store it once via object.__setattr__.
    cache_name = f"_cache_{attribute}"
    cached = catalogue.__dict__.get(cache_name)
    if cached is None:
        cached = {item.code: item for item in getattr(catalogue, attribute)}
        object.__setattr__(catalogue, cache_name, cached)
    return cached


def level_rank(level: str) -> int:
    return LEVELS.index(level)


def effective_weight(
    catalogue: Catalogue, criterion: Criterion, severity: str, *, named: bool = False
) -> Decimal:
    """The points of a full firing at ``severity``.

    At its own severity a criterion uses its own weight; at a severity an answer names, that
    severity's weight; at a raised severity, the higher of the two, so raising never lowers points.
    """
    if severity == criterion.severity:
        return criterion.weight
    severity_weight = catalogue.settings.severity_weights[severity]
    return severity_weight if named else max(criterion.weight, severity_weight)


# --- JSON --------------------------------------------------------------------------------------


def decimal_text(value: Decimal) -> str:
    """A canonical text form, so the same number always reads and hashes the same ("8", "0.5")."""
    return format(value.normalize(), "f")


def _source_json(s: Source) -> dict[str, str]:
    return {"title": s.title, "publisher": s.publisher, "url": s.url, "last_checked": s.last_checked}


def to_json(catalogue: Catalogue) -> dict[str, Any]:
    """The catalogue as JSON-ready data: the export format and the frozen version content."""
    settings = catalogue.settings
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "settings": {
            "partial_fraction": decimal_text(settings.partial_fraction),
            "max_offset_share": decimal_text(settings.max_offset_share),
            "score_ceiling": decimal_text(settings.score_ceiling),
            "severity_weights": {k: decimal_text(settings.severity_weights[k]) for k in SEVERITIES},
        },
        "bands": [
            {"level": b.level, "min_points": decimal_text(b.min_points), "title": b.title, "advice": b.advice}
            for b in catalogue.bands
        ],
        "escalations": [
            {
                "code": e.code,
                "level": e.level,
                # A set of criteria: written in catalogue order, so the same set always reads the same.
                "criteria": sorted(e.criteria, key=lambda code: _criterion_order(catalogue, code)),
                "explanation": e.explanation,
            }
            for e in catalogue.escalations
        ],
        "criteria": [
            {
                "code": c.code,
                "category": c.category,
                "severity": c.severity,
                "weight": decimal_text(c.weight),
                "raised_severity": c.raised_severity,
                "raised_when": c.raised_when.to_json() if c.raised_when else None,
                **texts_of(c),
                "sources": [_source_json(s) for s in c.sources],
                "active": c.active,
            }
            for c in catalogue.criteria
        ],
        "signs": [
            {
                "code": s.code,
                "weight": decimal_text(s.weight),
                **texts_of(s),
                "sources": [_source_json(src) for src in s.sources],
                "active": s.active,
            }
            for s in catalogue.signs
        ],
        "sections": [
            {
                "code": section.code,
                "title": section.title,
                "intro": section.intro,
                "questions": [_question_json(q) for q in catalogue.questions_in(section.code)],
            }
            for section in catalogue.sections
        ],
    }


def _criterion_order(catalogue: Catalogue, code: str) -> tuple[int, str]:
    codes = [c.code for c in catalogue.criteria]
    return (codes.index(code), code) if code in codes else (len(codes), code)


def _question_json(q: Question) -> dict[str, Any]:
    return {
        "code": q.code,
        "kind": q.kind,
        "text": q.text,
        "help_text": q.help_text,
        "show_if": q.show_if.to_json() if q.show_if else None,
        "options": [
            {
                "code": o.code,
                "label": o.label,
                "is_unknown": o.is_unknown,
                "is_exclusive": o.is_exclusive,
                "report_note": o.report_note,
                "fires": [
                    {
                        "criterion": e.criterion,
                        "strength": e.strength,
                        "severity": e.severity,
                        "only_if": e.only_if.to_json() if e.only_if else None,
                    }
                    for e in o.fires
                ],
                "reassures": [{"sign": r.sign, "strength": r.strength} for r in o.reassures],
            }
            for o in q.options
        ],
    }


def canonical_bytes(data: Mapping[str, Any]) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def sha256_of(data: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(data)).hexdigest()


def from_json(data: Any) -> Catalogue:
    """Build a catalogue from :func:`to_json` data; raises CatalogueFormatError on a bad shape."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CatalogueFormatError(f'not a catalogue file (expected "format": "{FORMAT}")')
    if data.get("format_version") != FORMAT_VERSION:
        raise CatalogueFormatError(f"unsupported format_version {data.get('format_version')!r}")
    try:
        raw = data["settings"]
        settings = Settings(
            partial_fraction=_todecimal_text(raw["partial_fraction"], "settings.partial_fraction"),
            max_offset_share=_todecimal_text(raw["max_offset_share"], "settings.max_offset_share"),
            score_ceiling=_todecimal_text(raw["score_ceiling"], "settings.score_ceiling"),
            severity_weights={
                k: _todecimal_text(raw["severity_weights"][k], f"settings.severity_weights.{k}")
                for k in SEVERITIES
            },
        )
        bands = tuple(
            Band(b["level"], _todecimal_text(b["min_points"], f"band {b['level']}"), b["title"], b["advice"])
            for b in data["bands"]
        )
        escalations = tuple(
            Escalation(e["code"], e["level"], tuple(e["criteria"]), e["explanation"])
            for e in data["escalations"]
        )
        criteria = tuple(
            Criterion(
                code=c["code"],
                category=c["category"],
                severity=c["severity"],
                weight=_todecimal_text(c["weight"], f"criterion {c['code']}"),
                raised_severity=c.get("raised_severity"),
                raised_when=_condition_from_json(c.get("raised_when"), f"criterion {c['code']}"),
                **_texts_from(c, f"criterion {c['code']}"),
                sources=tuple(_source(s) for s in c["sources"]),
                active=bool(c["active"]),
                position=position,
            )
            for position, c in enumerate(data["criteria"], start=1)
        )
        signs = tuple(
            Sign(
                code=s["code"],
                weight=_todecimal_text(s["weight"], f"sign {s['code']}"),
                **_texts_from(s, f"sign {s['code']}"),
                sources=tuple(_source(src) for src in s["sources"]),
                active=bool(s["active"]),
                position=position,
            )
            for position, s in enumerate(data["signs"], start=1)
        )
        sections = []
        questions = []
        for section in data["sections"]:
            sections.append(Section(section["code"], section["title"], section["intro"]))
            for q in section["questions"]:
                questions.append(_question(q, section["code"]))
    except (KeyError, TypeError, AttributeError) as exc:
        raise CatalogueFormatError(f"missing or malformed field: {exc}") from None
    return Catalogue(
        settings=settings,
        bands=bands,
        escalations=escalations,
        criteria=criteria,
        signs=signs,
        sections=tuple(sections),
        questions=tuple(questions),
    )


def texts_of(item: Criterion | Sign | Any) -> dict[str, str]:
    """The reader-facing texts of a criterion or sign (domain object or database row)."""
    return {name: getattr(item, name) for name in TEXT_FIELDS}


def _texts_from(data: Mapping[str, Any], where: str) -> dict[str, str]:
    texts = {name: data[name] for name in TEXT_FIELDS}
    for name, value in texts.items():
        if not isinstance(value, str):
            raise CatalogueFormatError(f"{where}: {name} must be text")
    return texts


def _todecimal_text(value: Any, where: str) -> Decimal:
    try:
        result = Decimal(str(value))
    except InvalidOperation:
        raise CatalogueFormatError(f"{where}: {value!r} is not a number") from None
    if not result.is_finite():
        raise CatalogueFormatError(f"{where}: {value!r} is not a finite number")
    return result


def _source(s: Mapping[str, Any]) -> Source:
    return Source(s["title"], s["publisher"], s["url"], s["last_checked"])


def _question(q: Mapping[str, Any], section: str) -> Question:
    where = f"question {q['code']}"
    return Question(
        code=q["code"],
        section=section,
        kind=q["kind"],
        text=q["text"],
        help_text=q["help_text"],
        show_if=_condition_from_json(q.get("show_if"), where),
        options=tuple(
            Option(
                code=o["code"],
                label=o["label"],
                is_unknown=bool(o["is_unknown"]),
                is_exclusive=bool(o.get("is_exclusive", False)),
                report_note=str(o.get("report_note", "")),
                fires=tuple(
                    Effect(
                        criterion=e["criterion"],
                        strength=e["strength"],
                        severity=e.get("severity"),
                        only_if=_condition_from_json(e.get("only_if"), where),
                    )
                    for e in o["fires"]
                ),
                reassures=tuple(Reassurance(r["sign"], r["strength"]) for r in o["reassures"]),
            )
            for o in q["options"]
        ),
    )


# --- Validation --------------------------------------------------------------------------------


def validate(catalogue: Catalogue) -> list[str]:
    """Every reason this catalogue must not be published; an empty list means it may be."""
    errors: list[str] = []
    errors += _validate_settings(catalogue.settings)
    errors += _validate_bands(catalogue.bands)
    errors += _validate_codes(catalogue)

    criteria = {c.code: c for c in catalogue.criteria}
    signs = {s.code: s for s in catalogue.signs}
    section_codes = {s.code for s in catalogue.sections}
    seen_questions: dict[str, Question] = {}
    fired_criteria: set[str] = set()

    for c in catalogue.criteria:
        if c.severity not in SEVERITIES:
            errors.append(f"Criterion {c.code}: unknown severity {c.severity!r}.")
        if c.category not in CATEGORIES:
            errors.append(f"Criterion {c.code}: unknown category {c.category!r}.")
        if c.weight <= 0:
            errors.append(f"Criterion {c.code}: the weight must be more than 0.")
        if (c.raised_severity is None) != (c.raised_when is None):
            errors.append(
                f"Criterion {c.code}: a raised severity needs a 'raised when' rule, and the other way round."
            )
        if c.raised_severity is not None and c.raised_severity not in SEVERITIES:
            errors.append(f"Criterion {c.code}: unknown raised severity {c.raised_severity!r}.")
        if c.active and not c.sources:
            errors.append(f"Criterion {c.code}: an active criterion needs at least one source.")
    for s in catalogue.signs:
        if s.weight <= 0:
            errors.append(f"Reassuring sign {s.code}: the weight must be more than 0.")
        if s.active and not s.sources:
            errors.append(f"Reassuring sign {s.code}: an active sign needs at least one source.")

    all_questions = {q.code: q for q in catalogue.questions}
    for q in catalogue.questions:
        where = f"Question {q.code}"
        if q.section not in section_codes:
            errors.append(f"{where}: unknown section {q.section!r}.")
        if q.kind not in KINDS:
            errors.append(f"{where}: kind must be 'single' or 'multiple', not {q.kind!r}.")
        if len(q.options) < 2:
            errors.append(f"{where}: needs at least two options.")
        unknown_options = [o for o in q.options if o.is_unknown]
        if len(unknown_options) != 1:
            errors.append(f'{where}: needs exactly one "I don\'t know" option (has {len(unknown_options)}).')
        option_codes = [o.code for o in q.options]
        for code in {c for c in option_codes if option_codes.count(c) > 1}:
            errors.append(f"{where}: option code {code!r} is used twice.")
        if q.show_if is not None:
            errors += _validate_condition(q.show_if, f"{where} show-if rule", seen_questions, all_questions)
        fires_red = False
        for o in q.options:
            for e in o.fires:
                target = criteria.get(e.criterion)
                if target is None:
                    errors.append(f"{where}, option {o.code}: unknown criterion {e.criterion!r}.")
                elif not target.active:
                    errors.append(f"{where}, option {o.code}: points at inactive criterion {e.criterion!r}.")
                else:
                    fired_criteria.add(e.criterion)
                    fires_red = True
                if e.strength not in STRENGTHS:
                    errors.append(f"{where}, option {o.code}: strength must be full or partial.")
                if e.severity is not None and e.severity not in SEVERITIES:
                    errors.append(f"{where}, option {o.code}: unknown severity {e.severity!r}.")
                if e.only_if is not None:
                    errors += _validate_condition(
                        e.only_if, f"{where}, option {o.code} only-if rule", all_questions, all_questions
                    )
            for r in o.reassures:
                target_sign = signs.get(r.sign)
                if target_sign is None:
                    errors.append(f"{where}, option {o.code}: unknown reassuring sign {r.sign!r}.")
                elif not target_sign.active:
                    errors.append(f"{where}, option {o.code}: points at inactive reassuring sign {r.sign!r}.")
                if r.strength not in STRENGTHS:
                    errors.append(f"{where}, option {o.code}: strength must be full or partial.")
        # "I don't know" must never count as a reassuring "no": where the question can raise a
        # red flag, not knowing must raise at least one of them partly.
        unknown = q.unknown_option
        if fires_red and unknown is not None:
            unconditional = [
                e
                for e in unknown.fires
                if e.strength == "partial" and e.only_if is None and e.criterion in criteria
            ]
            if not unconditional:
                errors.append(
                    f'{where}: its "I don\'t know" option must fire at least one red flag partly, '
                    "with no only-if rule."
                )
            if unknown.reassures:
                errors.append(f'{where}: its "I don\'t know" option cannot count as reassuring.')
        seen_questions[q.code] = q

    for c in catalogue.criteria:
        if c.raised_when is not None:
            errors += _validate_condition(
                c.raised_when, f"Criterion {c.code} 'raised when' rule", all_questions, all_questions
            )
        if c.active and c.code not in fired_criteria:
            errors.append(f"Criterion {c.code}: active, but no answer option fires it.")

    for e in catalogue.escalations:
        if e.level not in LEVELS:
            errors.append(f"Escalation {e.code}: unknown level {e.level!r}.")
        if not e.criteria:
            errors.append(f"Escalation {e.code}: names no criteria.")
        for code in e.criteria:
            if code not in criteria:
                errors.append(f"Escalation {e.code}: unknown criterion {code!r}.")
            elif not criteria[code].active:
                errors.append(f"Escalation {e.code}: names inactive criterion {code!r}.")

    for section in catalogue.sections:
        if not catalogue.questions_in(section.code):
            errors.append(f"Section {section.code}: has no questions.")
    return errors


def _validate_settings(settings: Settings) -> list[str]:
    errors = []
    if not Decimal(0) < settings.partial_fraction < Decimal(1):
        errors.append("Settings: the partial fraction must be between 0 and 1 (not 0, not 1).")
    if not Decimal(0) <= settings.max_offset_share <= Decimal(1):
        errors.append("Settings: the share reassuring signs may offset must be between 0 and 1.")
    if settings.score_ceiling <= 0:
        errors.append("Settings: the score ceiling must be more than 0.")
    for severity in SEVERITIES:
        if settings.severity_weights.get(severity, Decimal(0)) <= 0:
            errors.append(f"Settings: the {severity} weight must be more than 0.")
    return errors


def _validate_bands(bands: tuple[Band, ...]) -> list[str]:
    errors = []
    levels = [b.level for b in bands]
    for level in LEVELS:
        if levels.count(level) != 1:
            errors.append(f"Bands: the {level!r} band must be defined exactly once.")
    for level in levels:
        if level not in LEVELS:
            errors.append(f"Bands: unknown level {level!r}.")
    if errors:
        return errors
    by_level = {b.level: b for b in bands}
    if by_level["low"].min_points != 0:
        errors.append("Bands: the low band must start at 0 points.")
    for lower, higher in zip(LEVELS, LEVELS[1:], strict=False):
        if by_level[higher].min_points <= by_level[lower].min_points:
            errors.append(f"Bands: the {higher!r} band must start above the {lower!r} band.")
    for b in bands:
        if not b.title.strip() or not b.advice.strip():
            errors.append(f"Bands: the {b.level!r} band needs a title and advice text.")
    return errors


def _validate_codes(catalogue: Catalogue) -> list[str]:
    errors = []
    groups: list[tuple[str, list[str]]] = [
        ("criterion", [c.code for c in catalogue.criteria]),
        ("reassuring sign", [s.code for s in catalogue.signs]),
        ("section", [s.code for s in catalogue.sections]),
        ("question", [q.code for q in catalogue.questions]),
        ("escalation", [e.code for e in catalogue.escalations]),
        ("option", [o.code for q in catalogue.questions for o in q.options]),
    ]
    for kind, codes in groups:
        for code in codes:
            if not CODE_PATTERN.match(code):
                errors.append(f"The {kind} code {code!r} must be lowercase letters, digits and hyphens.")
        if kind != "option":
            for code in sorted({c for c in codes if codes.count(c) > 1}):
                errors.append(f"The {kind} code {code!r} is used more than once.")
    return errors


def _validate_condition(
    condition: Condition,
    where: str,
    allowed: Mapping[str, Question],
    everything: Mapping[str, Question],
) -> list[str]:
    """Each clause must name a known question (one in ``allowed``) and its options."""
    errors = []
    for clause in condition.clauses():
        question = allowed.get(clause.question)
        if question is None:
            if clause.question in everything:
                errors.append(f"{where}: names {clause.question!r}, which is not an earlier question.")
            else:
                errors.append(f"{where}: names unknown question {clause.question!r}.")
            continue
        for option in clause.options:
            if question.option(option) is None:
                errors.append(f"{where}: question {clause.question!r} has no option {option!r}.")
    return errors


# --- Differences -------------------------------------------------------------------------------


def diff(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> list[str]:
    """Human-readable changes from ``old`` to ``new`` (both :func:`to_json` data)."""
    if old is None:
        return ["First version: everything is new."]
    changes: list[str] = []
    if old["settings"] != new["settings"]:
        for key in new["settings"]:
            if old["settings"].get(key) != new["settings"][key]:
                changes.append(
                    f"Settings: {key} changed from {old['settings'].get(key)} to {new['settings'][key]}."
                )
    changes += _diff_list("Band", old["bands"], new["bands"], key="level")
    changes += _diff_list("Escalation", old["escalations"], new["escalations"])
    changes += _diff_list("Criterion", old["criteria"], new["criteria"])
    changes += _diff_list("Reassuring sign", old["signs"], new["signs"])
    old_sections = [{k: v for k, v in s.items() if k != "questions"} for s in old["sections"]]
    new_sections = [{k: v for k, v in s.items() if k != "questions"} for s in new["sections"]]
    changes += _diff_list("Section", old_sections, new_sections)
    old_questions = [dict(q, section=s["code"]) for s in old["sections"] for q in s["questions"]]
    new_questions = [dict(q, section=s["code"]) for s in new["sections"] for q in s["questions"]]
    changes += _diff_list("Question", old_questions, new_questions)
    return changes


def _diff_list(kind: str, old: list[dict], new: list[dict], key: str = "code") -> list[str]:
    old_by = {item[key]: item for item in old}
    new_by = {item[key]: item for item in new}
    changes = []
    for code, item in new_by.items():
        if code not in old_by:
            changes.append(f"{kind} {code}: added.")
        elif item != old_by[code]:
            fields = sorted(f for f in set(item) | set(old_by[code]) if item.get(f) != old_by[code].get(f))
            changes.append(f"{kind} {code}: changed ({', '.join(fields)}).")
    for code in old_by:
        if code not in new_by:
            changes.append(f"{kind} {code}: removed.")
    if [i[key] for i in old if i[key] in new_by] != [i[key] for i in new if i[key] in old_by]:
        changes.append(f"{kind}s: the order changed.")
    return changes
