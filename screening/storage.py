"""The one bridge between the draft rows (``screening/models/draft.py``) and the domain catalogue.

Each part of the catalogue is declared once, below, as the columns that carry a domain field
into a model field and back: :func:`read_draft` builds the domain catalogue from the rows
(publishing, export and the admin's diff all start there), and :func:`write_draft` writes one
into the rows (import). What a row can hold is checked by the models' own validation
(``full_clean``) before anything is written; what a catalogue needs to be published is the
domain validator's job (``domain/validation.py``), not this module's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.db.models import Prefetch
from simple_history.utils import bulk_create_with_history

from screening.domain import catalogue as domain
from screening.domain.calibration import Case
from screening.domain.catalogue import TEXT_FIELDS
from screening.domain.conditions import Condition, ConditionError, parse_condition
from screening.domain.problems import Problem
from screening.domain.vocabulary import level_rank
from screening.models import (
    AmountLabel,
    Band,
    CalibrationCase,
    Criterion,
    CriterionSource,
    Currency,
    Escalation,
    GlossaryWord,
    Jurisdiction,
    Option,
    OptionCriterion,
    OptionSign,
    PhraseRule,
    Question,
    ReassuringSign,
    ScoringSettings,
    Section,
    Signpost,
    SignSource,
)


class CatalogueImportError(Exception):
    """The catalogue cannot be written into the draft; ``problems`` says why, one per refusal."""

    def __init__(self, problems: list[Problem]):
        super().__init__(", ".join(p.code for p in problems))
        self.problems = problems


class StoredRuleError(Exception):
    """A rule stored in a draft row no longer parses; ``problem`` says which row and why."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


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


def _lines(forms: tuple[str, ...]) -> str:
    return "\n".join(forms)


def _forms(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _iso_date_or_none(value: Any) -> str | None:
    return None if value is None else value.isoformat()


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
# The date goes in as the file's ISO text: the model's own validation parses it, and refuses a bad
# one with its own message, before anything is written.
SOURCE_COLUMNS = (
    Column("title"),
    Column("publisher"),
    Column("url"),
    Column("compiled", from_row=_iso_date),
    Column("year"),
    Column("primary"),
    Column("last_opened", from_row=_iso_date_or_none),
)

SETTINGS = Part(
    ScoringSettings,
    domain.Settings,
    (
        Column("partial_fraction"),
        Column("max_offset_share"),
        Column("score_ceiling"),
        Column("rules"),
        Column("partial_cap"),
        Column("completeness_threshold"),
    ),
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
        Column("review_by", from_row=_iso_date_or_none),
        optional("lowered_severity"),
        rule("lowered_when"),
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
    (
        Column("code"),
        Column("kind"),
        Column("text"),
        Column("help_text"),
        rule("show_if"),
        Column("is_key"),
        Column("is_step"),
        Column("is_country"),
    ),
)
OPTION = Part(
    Option,
    domain.Option,
    (
        Column("code"),
        Column("label"),
        Column("is_unknown"),
        Column("is_exclusive"),
        Column("report_note"),
        Column("is_refused"),
    ),
)
EFFECT = Part(OptionCriterion, domain.Effect, (Column("strength"), optional("severity"), rule("only_if")))
REASSURANCE = Part(OptionSign, domain.Reassurance, (Column("strength"), Column("verified")))
WORD = Part(
    GlossaryWord,
    domain.Word,
    (Column("code"), Column("term"), Column("meaning"), Column("forms", to_row=_lines, from_row=_forms)),
)

JURISDICTION = Part(
    Jurisdiction,
    domain.Jurisdiction,
    (
        Column("code"),
        Column("name"),
        Column("approval_meaning"),
        Column("part_of"),
        Column("review_by", from_row=_iso_date_or_none),
    ),
)
SIGNPOST = Part(
    Signpost,
    domain.Signpost,
    (
        Column("kind"),
        Column("title"),
        Column("text"),
        Column("url"),
        Column("number_name"),
        Column("source_url"),
        Column("confidence"),
        Column("last_opened", from_row=_iso_date_or_none),
        Column("reviewed_by"),
    ),
)
CURRENCY = Part(Currency, domain.Currency, (Column("code"), Column("name")))
LINES = {"to_row": _lines, "from_row": _forms}
PHRASE_RULE = Part(
    PhraseRule,
    domain.PhraseRule,
    (
        Column("code"),
        Column("family"),
        Column("kind"),
        Column("language"),
        Column("reason"),
        Column("question"),
        Column("options", **LINES),
        Column("phrases", **LINES),
        Column("negations", **LINES),
        Column("disclosures", **LINES),
        Column("requires", **LINES),
        Column("at_least"),
        ACTIVE,
    ),
)
AMOUNT_LABEL = Part(AmountLabel, domain.AmountLabel, (Column("question"), Column("option"), Column("label")))

CASE = Part(
    CalibrationCase,
    Case,
    (
        Column("code"),
        Column("title"),
        Column("answers"),
        Column("expected_level"),
        Column("acceptable_levels", to_row=list, from_row=tuple),
        Column("notes"),
    ),
)

# Every draft table, parents before children: the order rows are written in (and deleted in reverse).
DRAFT_MODELS = (
    ScoringSettings,
    Band,
    Criterion,
    CriterionSource,
    ReassuringSign,
    SignSource,
    Escalation,
    Section,
    Question,
    Option,
    OptionCriterion,
    OptionSign,
    GlossaryWord,
    Jurisdiction,
    Signpost,
    Currency,
    AmountLabel,
    PhraseRule,
)


# --- Rows to the domain ---------------------------------------------------------------------------


def read_draft() -> domain.Catalogue:
    """The draft rows as a catalogue. Raises StoredRuleError if a stored rule no longer parses."""
    settings_row = ScoringSettings.current()
    options = Option.objects.prefetch_related(
        Prefetch("fires", queryset=OptionCriterion.objects.select_related("criterion")),
        Prefetch("reassures", queryset=OptionSign.objects.select_related("sign")),
    ).order_by("position", "pk")
    questions = Question.objects.select_related("section").prefetch_related(
        Prefetch("options", queryset=options)
    )
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
            _located(
                ("criterion", c.code),
                CRITERION.read,
                c,
                sources=_sources(CRITERION_SOURCE, c),
                answered_by=tuple(s.code for s in c.answered_by.all()),
                position=n,
            )
            for n, c in enumerate(Criterion.objects.prefetch_related("sources", "answered_by"), start=1)
        ),
        signs=tuple(
            SIGN.read(s, sources=_sources(SIGN_SOURCE, s), position=n)
            for n, s in enumerate(ReassuringSign.objects.prefetch_related("sources"), start=1)
        ),
        sections=tuple(SECTION.read(s) for s in Section.objects.all()),
        questions=tuple(_question(q) for q in questions),
        words=tuple(WORD.read(w) for w in GlossaryWord.objects.all()),
        jurisdictions=tuple(
            JURISDICTION.read(j, signposts=tuple(SIGNPOST.read(p) for p in j.signposts.all()))
            for j in Jurisdiction.objects.prefetch_related("signposts")
        ),
        currencies=tuple(
            CURRENCY.read(c, labels=tuple(AMOUNT_LABEL.read(a) for a in c.labels.all()))
            for c in Currency.objects.prefetch_related("labels")
        ),
        phrase_rules=tuple(PHRASE_RULE.read(r) for r in PhraseRule.objects.all()),
    )


def _question(q: Question) -> domain.Question:
    options = []
    for o in q.options.all():
        where = ("question", q.code, "option", o.code)
        fires = tuple(_located(where, EFFECT.read, e, criterion=e.criterion.code) for e in o.fires.all())
        reassures = tuple(REASSURANCE.read(r, sign=r.sign.code) for r in o.reassures.all())
        options.append(OPTION.read(o, fires=fires, reassures=reassures))
    return _located(("question", q.code), QUESTION.read, q, section=q.section.code, options=tuple(options))


def _located(where: tuple[str, ...], read: Callable[..., Any], row: models.Model, **related: Any) -> Any:
    """``read(row, **related)``, naming the row if one of its stored rules no longer parses."""
    try:
        return read(row, **related)
    except ConditionError as exc:
        raise StoredRuleError(Problem("rule-unparseable", where, {"problem": exc.problem})) from None


def _sources(part: Part, row: models.Model) -> tuple[domain.Source, ...]:
    return tuple(part.read(s) for s in row.sources.all())


def read_cases(*, active_only: bool = True) -> list[Case]:
    """The calibration cases, as the domain runs them."""
    rows = CalibrationCase.objects.filter(is_active=True) if active_only else CalibrationCase.objects.all()
    return [CASE.read(row) for row in rows]


def write_case(case: Case, *, offer: dict, sources: str, replace: bool) -> bool:
    """Store one calibration case (checked as the admin checks it). Returns False when a case with
    its code exists and ``replace`` is off; raises CatalogueImportError when the row is refused."""
    existing = CalibrationCase.objects.filter(code=case.code).first()
    if existing is not None and not replace:
        return False
    row = CASE.row(case, offer=offer, sources=sources)
    if existing is not None:
        row.pk = existing.pk
    try:
        row.full_clean(validate_unique=existing is None)
    except ValidationError as exc:
        where = ("case", case.code)
        raise CatalogueImportError(
            [
                Problem("row-invalid", where, {"field": f, "message": m})
                for f, ms in exc.message_dict.items()
                for m in ms
            ]
        ) from None
    row.save()
    return True


def draft_is_empty() -> bool:
    # The settings row is not content: reading an empty draft creates it with its defaults.
    return not any(model.objects.exists() for model in DRAFT_MODELS if model is not ScoringSettings)


# --- The domain to rows ---------------------------------------------------------------------------


class _Rows:
    """Every row of a catalogue, unsaved, with where each one is in the catalogue."""

    def __init__(self) -> None:
        self.by_model: dict[type[models.Model], list[models.Model]] = {model: [] for model in DRAFT_MODELS}
        self.where: dict[int, tuple[str, ...]] = {}
        self.escalation_criteria: list[tuple[Escalation, Criterion]] = []
        self.answered_by: list[tuple[Criterion, ReassuringSign]] = []
        self.problems: list[Problem] = []

    def add(self, row: models.Model, where: tuple[str, ...]) -> Any:
        self.by_model[type(row)].append(row)
        self.where[id(row)] = where
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
            clear_draft()
        ScoringSettings.objects.all().delete()
        for model in DRAFT_MODELS:
            if hasattr(model, "history"):  # django-simple-history's manager: keep the audit trail
                bulk_create_with_history(rows.by_model[model], model)
            else:
                model.objects.bulk_create(rows.by_model[model])
        Escalation.criteria.through.objects.bulk_create(
            Escalation.criteria.through(escalation=e, criterion=c) for e, c in rows.escalation_criteria
        )
        Criterion.answered_by.through.objects.bulk_create(
            Criterion.answered_by.through(criterion=c, reassuringsign=s) for c, s in rows.answered_by
        )


def clear_draft() -> None:
    """Delete every draft row (published versions stay as they are)."""
    for model in reversed(DRAFT_MODELS):
        if model is not ScoringSettings:
            model.objects.all().delete()


def _rows_of(catalogue: domain.Catalogue) -> _Rows:
    rows = _Rows()
    settings = catalogue.settings
    weights = {f: settings.severity_weights.get(s) for s, f in SEVERITY_WEIGHT_FIELDS.items()}
    rows.add(SETTINGS.row(settings, **weights), ("settings", ""))
    for b in catalogue.bands:
        rows.add(BAND.row(b), ("band", b.level))
    criteria: dict[str, Criterion] = {}
    for position, c in enumerate(catalogue.criteria, start=1):
        criteria[c.code] = rows.add(CRITERION.row(c, position=position * 10), ("criterion", c.code))
        for i, src in enumerate(c.sources):
            row = CRITERION_SOURCE.row(src, criterion=criteria[c.code], position=i)
            rows.add(row, ("criterion", c.code, "source", str(i + 1)))
    signs: dict[str, ReassuringSign] = {}
    for position, s in enumerate(catalogue.signs, start=1):
        signs[s.code] = rows.add(SIGN.row(s, position=position * 10), ("sign", s.code))
        for i, src in enumerate(s.sources):
            rows.add(
                SIGN_SOURCE.row(src, sign=signs[s.code], position=i), ("sign", s.code, "source", str(i + 1))
            )
    for c in catalogue.criteria:
        for code in c.answered_by:
            if code in signs:
                rows.answered_by.append((criteria[c.code], signs[code]))
            else:
                rows.problems.append(Problem("unknown-sign", ("criterion", c.code), {"sign": code}))
    for position, e in enumerate(catalogue.escalations, start=1):
        where = ("escalation", e.code)
        escalation = rows.add(ESCALATION.row(e, position=position * 10), where)
        for code in e.criteria:
            if code in criteria:
                rows.escalation_criteria.append((escalation, criteria[code]))
            else:
                rows.problems.append(Problem("unknown-criterion", where, {"criterion": code}))
    sections = {
        s.code: rows.add(SECTION.row(s, position=position * 10), ("section", s.code))
        for position, s in enumerate(catalogue.sections, start=1)
    }
    question_positions: dict[str, int] = {}
    for q in catalogue.questions:
        if q.section not in sections:
            rows.problems.append(Problem("unknown-section", ("question", q.code), {"value": q.section}))
            continue
        question_positions[q.section] = question_positions.get(q.section, 0) + 10
        question = rows.add(
            QUESTION.row(q, section=sections[q.section], position=question_positions[q.section]),
            ("question", q.code),
        )
        for position, o in enumerate(q.options, start=1):
            where = ("question", q.code, "option", o.code)
            option = rows.add(OPTION.row(o, question=question, position=position * 10), where)
            for e in o.fires:
                if e.criterion in criteria:
                    effect = EFFECT.row(e, option=option, criterion=criteria[e.criterion])
                    rows.add(effect, (*where, "criterion", e.criterion))
                else:
                    rows.problems.append(Problem("unknown-criterion", where, {"criterion": e.criterion}))
            for r in o.reassures:
                if r.sign in signs:
                    rows.add(REASSURANCE.row(r, option=option, sign=signs[r.sign]), (*where, "sign", r.sign))
                else:
                    rows.problems.append(Problem("unknown-sign", where, {"sign": r.sign}))
    for position, w in enumerate(catalogue.words, start=1):
        rows.add(WORD.row(w, position=position * 10), ("word", w.code))
    for position, j in enumerate(catalogue.jurisdictions, start=1):
        where = ("jurisdiction", j.code)
        country = rows.add(JURISDICTION.row(j, position=position * 10), where)
        for number, post in enumerate(j.signposts, start=1):
            rows.add(
                SIGNPOST.row(post, jurisdiction=country, position=number * 10),
                (*where, "signpost", str(number)),
            )
    for position, c in enumerate(catalogue.currencies, start=1):
        where = ("currency", c.code)
        currency = rows.add(CURRENCY.row(c, position=position * 10), where)
        for number, amount in enumerate(c.labels, start=1):
            row = AMOUNT_LABEL.row(amount, currency=currency, position=number * 10)
            rows.add(row, (*where, "label", str(number)))
    for position, r in enumerate(catalogue.phrase_rules, start=1):
        rows.add(PHRASE_RULE.row(r, position=position * 10), ("phrase-rule", r.code))
    return rows


def _invalid_rows(rows: _Rows) -> list[Problem]:
    """What the models' own validation refuses: each field, the constraints, then the unique rules."""
    problems = []
    for model, model_rows in rows.by_model.items():
        relations = [f.name for f in model._meta.concrete_fields if f.is_relation]
        for row in model_rows:
            try:
                # The parent rows are not saved yet, so relations are checked when they are built.
                row.full_clean(exclude=relations, validate_unique=False)
            except ValidationError as exc:
                where = rows.where[id(row)]
                for field, messages in exc.message_dict.items():
                    for message in messages:
                        if field == NON_FIELD_ERRORS:  # a constraint on the whole row
                            problems.append(Problem("row-refused", where, {"message": message}))
                        else:
                            problems.append(
                                Problem("row-invalid", where, {"field": field, "message": message})
                            )
        problems += _duplicates(model, model_rows, rows.where)
    return problems


def _duplicates(
    model: type[models.Model], model_rows: list[models.Model], where: dict[int, tuple[str, ...]]
) -> list[Problem]:
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
                problems.append(Problem("row-duplicate", where[id(row)], {"fields": ", ".join(fields)}))
            seen.add(key)
    return problems
