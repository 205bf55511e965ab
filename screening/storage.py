"""The one bridge between the draft rows (``screening/models/draft.py``) and the domain catalogue.

Each part of the catalogue is declared once, below, as the columns that carry a domain field
into a model field and back: :func:`read_draft` builds the domain catalogue from the rows
(publishing, export and the admin's diff all start there), and :func:`write_draft` writes one
into the rows (import). What a row can hold is checked by the models' own validation
(``full_clean``) before anything is written; what a catalogue needs to be published is the
domain validator's job (``domain/validation.py``), not this module's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Prefetch
from simple_history.utils import bulk_create_with_history

from screening.domain import catalogue as domain
from screening.domain.catalogue import TEXT_FIELDS
from screening.domain.conditions import Condition, parse_condition
from screening.domain.problems import Problem
from screening.domain.vocabulary import level_rank
from screening.models import (
    Band,
    Criterion,
    CriterionSource,
    Escalation,
    Option,
    OptionCriterion,
    OptionSign,
    Question,
    ReassuringSign,
    ScoringSettings,
    Section,
    SignSource,
)


class CatalogueImportError(Exception):
    """The catalogue cannot be written into the draft; ``problems`` says why, one line each."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


class DraftNotEmpty(Exception):
    """The draft has content and the caller did not ask to replace it."""


# --- The declaration: which domain field goes into which model field ---------------------------


def _same(value: Any) -> Any:
    return value


def _blank_to_none(value: str) -> str | None:
    return value or None


def _none_to_blank(value: str | None) -> str:
    return value or ""


def _rule_text(rule: Condition | None) -> str:
    return rule.to_text() if rule is not None else ""


def _iso_date(value: Any) -> str:
    return value.isoformat()


@dataclass(frozen=True)
class Column:
    attr: str  # the domain field
    field: str = ""  # the model field, when its name differs
    to_row: Callable[[Any], Any] = _same
    from_row: Callable[[Any], Any] = _same

    @property
    def field_name(self) -> str:
        return self.field or self.attr


def optional(attr: str) -> Column:
    """A choice that may be left empty: blank in the row, None in the domain."""
    return Column(attr, to_row=_none_to_blank, from_row=_blank_to_none)


def rule(attr: str) -> Column:
    """A rule in the rule language: text in the row, a Condition (or None) in the domain."""
    return Column(attr, to_row=_rule_text, from_row=parse_condition)


@dataclass(frozen=True)
class Part:
    model: type[models.Model]
    item: type  # the domain class
    columns: tuple[Column, ...]

    def read(self, row: models.Model, **related: Any) -> Any:
        return self.item(**{c.attr: c.from_row(getattr(row, c.field_name)) for c in self.columns}, **related)

    def row(self, item: Any, **related: Any) -> models.Model:
        return self.model(**{c.field_name: c.to_row(getattr(item, c.attr)) for c in self.columns}, **related)


TEXTS = tuple(Column(name) for name in TEXT_FIELDS)
ACTIVE = Column("active", "is_active")
SOURCE_COLUMNS = (
    Column("title"),
    Column("publisher"),
    Column("url"),
    Column("last_checked", from_row=_iso_date),
)

SETTINGS = Part(
    ScoringSettings,
    domain.Settings,
    (Column("partial_fraction"), Column("max_offset_share"), Column("score_ceiling")),
)
SEVERITY_WEIGHT_FIELDS = {"minor": "weight_minor", "major": "weight_major", "critical": "weight_critical"}
BAND = Part(Band, domain.Band, (Column("level"), Column("min_points"), Column("title"), Column("advice")))
CRITERION = Part(
    Criterion,
    domain.Criterion,
    (
        Column("code"),
        Column("category"),
        Column("severity"),
        Column("weight"),
        optional("raised_severity"),
        rule("raised_when"),
        *TEXTS,
        ACTIVE,
    ),
)
CRITERION_SOURCE = Part(CriterionSource, domain.Source, SOURCE_COLUMNS)
SIGN = Part(ReassuringSign, domain.Sign, (Column("code"), Column("weight"), *TEXTS, ACTIVE))
SIGN_SOURCE = Part(SignSource, domain.Source, SOURCE_COLUMNS)
ESCALATION = Part(Escalation, domain.Escalation, (Column("code"), Column("level"), Column("explanation")))
SECTION = Part(Section, domain.Section, (Column("code"), Column("title"), Column("intro")))
QUESTION = Part(
    Question,
    domain.Question,
    (Column("code"), Column("kind"), Column("text"), Column("help_text"), rule("show_if")),
)
OPTION = Part(
    Option,
    domain.Option,
    (Column("code"), Column("label"), Column("is_unknown"), Column("is_exclusive"), Column("report_note")),
)
EFFECT = Part(OptionCriterion, domain.Effect, (Column("strength"), optional("severity"), rule("only_if")))
REASSURANCE = Part(OptionSign, domain.Reassurance, (Column("strength"),))

DRAFT_MODELS = (Criterion, ReassuringSign, Section, Question, Option, Band, Escalation)


# --- Rows to the domain ---------------------------------------------------------------------------


def read_draft() -> domain.Catalogue:
    """The draft rows as a catalogue. Raises ConditionError if a stored rule no longer parses."""
    settings_row = ScoringSettings.current()
    options = Option.objects.prefetch_related(
        Prefetch("fires", queryset=OptionCriterion.objects.select_related("criterion")),
        Prefetch("reassures", queryset=OptionSign.objects.select_related("sign")),
    ).order_by("position", "pk")
    return domain.Catalogue(
        settings=SETTINGS.read(
            settings_row,
            severity_weights={s: getattr(settings_row, f) for s, f in SEVERITY_WEIGHT_FIELDS.items()},
        ),
        bands=tuple(BAND.read(b) for b in sorted(Band.objects.all(), key=lambda b: level_rank(b.level))),
        escalations=tuple(
            ESCALATION.read(e, criteria=tuple(c.code for c in e.criteria.all()))
            for e in Escalation.objects.prefetch_related("criteria")
        ),
        criteria=tuple(
            CRITERION.read(c, sources=_sources(CRITERION_SOURCE, c), position=position)
            for position, c in enumerate(Criterion.objects.prefetch_related("sources"), start=1)
        ),
        signs=tuple(
            SIGN.read(s, sources=_sources(SIGN_SOURCE, s), position=position)
            for position, s in enumerate(ReassuringSign.objects.prefetch_related("sources"), start=1)
        ),
        sections=tuple(SECTION.read(s) for s in Section.objects.all()),
        questions=tuple(
            QUESTION.read(
                q,
                section=q.section.code,
                options=tuple(
                    OPTION.read(
                        o,
                        fires=tuple(EFFECT.read(e, criterion=e.criterion.code) for e in o.fires.all()),
                        reassures=tuple(REASSURANCE.read(r, sign=r.sign.code) for r in o.reassures.all()),
                    )
                    for o in q.options.all()
                ),
            )
            for q in Question.objects.select_related("section").prefetch_related(
                Prefetch("options", queryset=options)
            )
        ),
    )


def _sources(part: Part, row: models.Model) -> tuple[domain.Source, ...]:
    return tuple(part.read(s) for s in row.sources.all())


def draft_is_empty() -> bool:
    return not any(model.objects.exists() for model in DRAFT_MODELS)


# --- The domain to rows ---------------------------------------------------------------------------


class _Rows:
    """Every row of a catalogue, unsaved, in the order they must be written."""

    def __init__(self) -> None:
        self.by_model: dict[type[models.Model], list[models.Model]] = {}
        self.escalation_criteria: list[tuple[Escalation, Criterion]] = []
        self.problems: list[str] = []

    def add(self, row: models.Model) -> models.Model:
        self.by_model.setdefault(type(row), []).append(row)
        return row


def write_draft(catalogue: domain.Catalogue, *, replace: bool = False) -> None:
    """Write ``catalogue`` into the draft rows: all of it, or nothing.

    Refuses a non-empty draft (DraftNotEmpty) unless ``replace``. The catalogue need not be
    ready to publish (a draft may be work in progress), but every row must pass the models'
    validation and everything it refers to must exist; otherwise CatalogueImportError lists why.
    Published versions are never touched.
    """
    rows = _rows_of(catalogue)
    problems = rows.problems + _invalid_rows(rows)
    if problems:
        raise CatalogueImportError(problems)
    with transaction.atomic():
        if not draft_is_empty():
            if not replace:
                raise DraftNotEmpty
            _clear_draft()
        ScoringSettings.objects.all().delete()
        for model, model_rows in rows.by_model.items():
            if _has_history(model):
                bulk_create_with_history(model_rows, model)
            else:
                model.objects.bulk_create(model_rows)
        Escalation.criteria.through.objects.bulk_create(
            Escalation.criteria.through(escalation=e, criterion=c) for e, c in rows.escalation_criteria
        )


def _rows_of(catalogue: domain.Catalogue) -> _Rows:
    from screening.wording import describe_problem

    rows = _Rows()
    settings = catalogue.settings
    rows.add(
        SETTINGS.row(
            settings, **{f: settings.severity_weights.get(s) for s, f in SEVERITY_WEIGHT_FIELDS.items()}
        )
    )
    for b in catalogue.bands:
        rows.add(BAND.row(b))
    criteria: dict[str, Criterion] = {}
    for position, c in enumerate(catalogue.criteria, start=1):
        criteria[c.code] = rows.add(CRITERION.row(c, position=position * 10))
        for i, s in enumerate(c.sources):
            rows.add(CRITERION_SOURCE.row(s, criterion=criteria[c.code], position=i))
    signs: dict[str, ReassuringSign] = {}
    for position, s in enumerate(catalogue.signs, start=1):
        signs[s.code] = rows.add(SIGN.row(s, position=position * 10))
        for i, src in enumerate(s.sources):
            rows.add(SIGN_SOURCE.row(src, sign=signs[s.code], position=i))
    for position, e in enumerate(catalogue.escalations, start=1):
        escalation = rows.add(ESCALATION.row(e, position=position * 10))
        for code in e.criteria:
            if code in criteria:
                rows.escalation_criteria.append((escalation, criteria[code]))
            else:
                problem = Problem("unknown-criterion", ("escalation", e.code), {"criterion": code})
                rows.problems.append(describe_problem(problem))
    sections = {
        s.code: rows.add(SECTION.row(s, position=position * 10))
        for position, s in enumerate(catalogue.sections, start=1)
    }
    question_positions: dict[str, int] = {}
    for q in catalogue.questions:
        if q.section not in sections:
            rows.problems.append(
                describe_problem(Problem("unknown-section", ("question", q.code), {"value": q.section}))
            )
            continue
        question_positions[q.section] = question_positions.get(q.section, 0) + 10
        question = rows.add(
            QUESTION.row(q, section=sections[q.section], position=question_positions[q.section])
        )
        for position, o in enumerate(q.options, start=1):
            option = rows.add(OPTION.row(o, question=question, position=position * 10))
            where = ("question", q.code, "option", o.code)
            for e in o.fires:
                if e.criterion in criteria:
                    rows.add(EFFECT.row(e, option=option, criterion=criteria[e.criterion]))
                else:
                    problem = Problem("unknown-criterion", where, {"criterion": e.criterion})
                    rows.problems.append(describe_problem(problem))
            for r in o.reassures:
                if r.sign in signs:
                    rows.add(REASSURANCE.row(r, option=option, sign=signs[r.sign]))
                else:
                    rows.problems.append(describe_problem(Problem("unknown-sign", where, {"sign": r.sign})))
    return rows


def _invalid_rows(rows: _Rows) -> list[str]:
    """What the models' own validation refuses: field by field, then the unique rules."""
    problems = []
    for model, model_rows in rows.by_model.items():
        relations = [f.name for f in model._meta.concrete_fields if f.is_relation]
        for row in model_rows:
            try:
                # The parent rows are not saved yet, so relations are checked when they are built.
                row.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    for message in messages:
                        problems.append(f"{_label(row)}, {field}: {message}")
        problems += _duplicates(model, model_rows)
    return problems


def _duplicates(model: type[models.Model], model_rows: Iterable[models.Model]) -> list[str]:
    """Rows that break one of the model's unique rules (fields with unique=True, UniqueConstraints)."""
    rules = [(f.name,) for f in model._meta.concrete_fields if f.unique and not f.primary_key]
    rules += [tuple(c.fields) for c in model._meta.constraints if isinstance(c, models.UniqueConstraint)]
    problems = []
    for fields in rules:
        seen: set[tuple[Any, ...]] = set()
        for row in model_rows:
            # An unsaved parent has no key yet: the parent object itself tells rows apart.
            key = tuple(
                id(getattr(row, name)) if model._meta.get_field(name).is_relation else getattr(row, name)
                for name in fields
            )
            if key in seen:
                problems.append(f"{_label(row)}: {', '.join(fields)} is used more than once.")
            seen.add(key)
    return problems


def _label(row: models.Model) -> str:
    name = str(row._meta.verbose_name)
    code = getattr(row, "code", "") or getattr(row, "level", "")
    parent = getattr(row, "question", None) if isinstance(row, Option) else None
    if parent is not None:
        return f"{name} {code} of question {parent.code}"
    return f"{name} {code}".strip()


def _has_history(model: type[models.Model]) -> bool:
    return hasattr(model, "history")  # django-simple-history's manager on the model


def _clear_draft() -> None:
    for model in (
        OptionCriterion,
        OptionSign,
        Option,
        Question,
        Section,
        Escalation,
        CriterionSource,
        SignSource,
        Criterion,
        ReassuringSign,
        Band,
    ):
        model.objects.all().delete()
