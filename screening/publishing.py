"""The bridge between the editable draft rows and the frozen catalogue.

- :func:`draft_catalogue` is the one adapter from ORM rows to ``catalogue.Catalogue``.
- :func:`publish` validates the draft and freezes it as a new ``CatalogueVersion``.
- :func:`import_catalogue` writes catalogue JSON into the draft rows (the inverse of export).
- :func:`catalogue_of` loads a published version's frozen content, cached by version.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import DataError, IntegrityError, transaction
from django.db.models import Max, Prefetch

from screening import catalogue as domain
from screening.models import (
    Band,
    CatalogueVersion,
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


class PublishError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


class CorruptVersion(Exception):
    """A published version's stored content no longer matches its hash: it was edited."""


class CatalogueImportError(Exception):
    """The catalogue file cannot be imported; the message says why."""


def _condition(text: str) -> domain.Condition | None:
    return domain.parse_condition(text)


def _source(row: CriterionSource | SignSource) -> domain.Source:
    return domain.Source(row.title, row.publisher, row.url, row.last_checked.isoformat())


def draft_catalogue() -> domain.Catalogue:
    """The draft rows as a catalogue. Raises ValueError if a stored rule no longer parses."""
    settings = ScoringSettings.current()
    criteria = tuple(
        domain.Criterion(
            code=c.code,
            category=c.category,
            severity=c.severity,
            weight=c.weight,
            raised_severity=c.raised_severity or None,
            raised_when=_condition(c.raised_when),
            **domain.texts_of(c),
            sources=tuple(_source(s) for s in c.sources.all()),
            active=c.is_active,
            position=position,
        )
        for position, c in enumerate(Criterion.objects.prefetch_related("sources"), start=1)
    )
    signs = tuple(
        domain.Sign(
            code=s.code,
            weight=s.weight,
            **domain.texts_of(s),
            sources=tuple(_source(src) for src in s.sources.all()),
            active=s.is_active,
            position=position,
        )
        for position, s in enumerate(ReassuringSign.objects.prefetch_related("sources"), start=1)
    )
    sections = tuple(domain.Section(s.code, s.title, s.intro) for s in Section.objects.all())
    options = Option.objects.prefetch_related(
        Prefetch("fires", queryset=OptionCriterion.objects.select_related("criterion")),
        Prefetch("reassures", queryset=OptionSign.objects.select_related("sign")),
    ).order_by("position", "pk")
    questions = tuple(
        domain.Question(
            code=q.code,
            section=q.section.code,
            kind=q.kind,
            text=q.text,
            help_text=q.help_text,
            show_if=_condition(q.show_if),
            options=tuple(
                domain.Option(
                    code=o.code,
                    label=o.label,
                    is_unknown=o.is_unknown,
                    is_exclusive=o.is_exclusive,
                    report_note=o.report_note,
                    fires=tuple(
                        domain.Effect(
                            criterion=e.criterion.code,
                            strength=e.strength,
                            severity=e.severity or None,
                            only_if=_condition(e.only_if),
                        )
                        for e in o.fires.all()
                    ),
                    reassures=tuple(domain.Reassurance(r.sign.code, r.strength) for r in o.reassures.all()),
                )
                for o in q.options.all()
            ),
        )
        for q in Question.objects.select_related("section").prefetch_related(
            Prefetch("options", queryset=options)
        )
    )
    escalations = tuple(
        domain.Escalation(e.code, e.level, tuple(c.code for c in e.criteria.all()), e.explanation)
        for e in Escalation.objects.prefetch_related("criteria")
    )
    bands = tuple(
        domain.Band(b.level, b.min_points, b.title, b.advice)
        for b in sorted(Band.objects.all(), key=lambda b: domain.level_rank(b.level))
    )
    return domain.Catalogue(
        settings=domain.Settings(
            partial_fraction=settings.partial_fraction,
            max_offset_share=settings.max_offset_share,
            score_ceiling=settings.score_ceiling,
            severity_weights={
                "critical": settings.weight_critical,
                "major": settings.weight_major,
                "minor": settings.weight_minor,
            },
        ),
        bands=bands,
        escalations=escalations,
        criteria=criteria,
        signs=signs,
        sections=sections,
        questions=questions,
    )


def draft_json() -> dict[str, Any]:
    return domain.to_json(draft_catalogue())


def draft_problems() -> tuple[dict[str, Any] | None, list[str]]:
    """The draft as JSON and every reason it cannot be published.

    What is validated is the JSON as it will be frozen, read back: exactly what patients get.
    """
    try:
        content = domain.to_json(draft_catalogue())
    except ValueError as exc:
        return None, [f"A stored rule does not parse: {exc}"]
    return content, domain.validate(domain.from_json(content))


def latest_version() -> CatalogueVersion | None:
    # The content is large and parsed once per process (catalogue_of); load it only then.
    return CatalogueVersion.objects.defer("content").order_by("-number").first()


def publish(note: str, user: Any = None, *, expected_sha256: str | None = None) -> CatalogueVersion:
    """Validate the draft and freeze it as the next version. Raises PublishError.

    ``expected_sha256`` is the hash of the draft the publisher reviewed; if the draft changed
    since (someone else edited it), nothing is published.
    """
    note = note.strip()
    with transaction.atomic():
        # One publish at a time: the settings row is the lock (the draft is read under it).
        ScoringSettings.current()
        ScoringSettings.objects.select_for_update().order_by("pk").first()
        content, errors = draft_problems()
        if not note:
            errors = ["Write a publication note: what changed and why.", *errors]
        if content is not None and expected_sha256 and domain.sha256_of(content) != expected_sha256:
            errors = [
                "The draft changed since you reviewed it. Look at the changes again, then publish.",
                *errors,
            ]
        if errors or content is None:
            raise PublishError(errors)
        number = (CatalogueVersion.objects.aggregate(m=Max("number"))["m"] or 0) + 1
        return CatalogueVersion.objects.create(
            number=number,
            note=note,
            published_by=user if user is not None and user.is_authenticated else None,
            published_by_name=user.get_username()
            if user is not None and user.is_authenticated
            else "command line",
            content=content,
            sha256=domain.sha256_of(content),
        )


_parsed_versions: dict[tuple[int, str], domain.Catalogue] = {}


def catalogue_of(version: CatalogueVersion) -> domain.Catalogue:
    """The frozen catalogue of a published version, parsed once per process.

    Versions are immutable, so the (id, hash) key can never point at stale content.
    """
    key = (version.pk, version.sha256)
    catalogue = _parsed_versions.get(key)
    if catalogue is None:
        if domain.sha256_of(version.content) != version.sha256:
            raise CorruptVersion(
                f"Catalogue version {version.number}: its content does not match its SHA-256."
            )
        catalogue = domain.from_json(version.content)
        _parsed_versions[key] = catalogue
    return catalogue


DRAFT_MODELS = (Criterion, ReassuringSign, Section, Question, Option, Band, Escalation)


def draft_is_empty() -> bool:
    return not any(model.objects.exists() for model in DRAFT_MODELS)


def import_catalogue(data: Any, *, replace: bool = False) -> domain.Catalogue:
    """Write catalogue JSON into the draft. Refuses a non-empty draft unless ``replace``.

    The file need not be ready to publish (a draft may be work in progress), but everything it
    refers to must exist. Published versions are never touched. All or nothing: raises
    CatalogueImportError or domain.CatalogueFormatError and leaves the draft as it was.
    """
    catalogue = domain.from_json(data)
    problems = _storage_problems(catalogue)
    if problems:
        raise CatalogueImportError("The file cannot be stored: " + " ".join(problems))
    try:
        with transaction.atomic():
            return _import(catalogue, replace=replace)
    except KeyError as exc:
        raise CatalogueImportError(f"The file refers to {exc.args[0]!r}, which it does not define.") from None
    except (ValueError, IntegrityError, DataError) as exc:
        raise CatalogueImportError(f"The file cannot be stored: {exc}") from None


def _storage_problems(catalogue: domain.Catalogue) -> list[str]:
    """What the draft tables cannot hold: duplicate or malformed codes, bad numbers or choices."""
    problems = [e for e in domain.validate(catalogue) if e.startswith("The ") and " code " in e]
    numbers = [
        ("settings", v)
        for v in (
            catalogue.settings.partial_fraction,
            catalogue.settings.max_offset_share,
            catalogue.settings.score_ceiling,
            *catalogue.settings.severity_weights.values(),
        )
    ]
    numbers += [(f"band {b.level}", b.min_points) for b in catalogue.bands]
    numbers += [(f"criterion {c.code}", c.weight) for c in catalogue.criteria]
    numbers += [(f"reassuring sign {s.code}", s.weight) for s in catalogue.signs]
    for where, value in numbers:
        if value != value.quantize(Decimal("0.01")) or not Decimal(0) <= value < Decimal(1000):
            problems.append(f"{where}: {value} must be from 0 to 999.99, with at most 2 decimal places.")
    for c in catalogue.criteria:
        if c.weight <= 0:
            problems.append(f"criterion {c.code}: the weight must be more than 0.")
        if c.severity not in domain.SEVERITIES or c.category not in domain.CATEGORIES:
            problems.append(f"criterion {c.code}: unknown severity or category.")
    for s in catalogue.signs:
        if s.weight <= 0:
            problems.append(f"reassuring sign {s.code}: the weight must be more than 0.")
    for q in catalogue.questions:
        codes = [o.code for o in q.options]
        if len(codes) != len(set(codes)):
            problems.append(f"question {q.code}: an option code is used twice.")
    for b in catalogue.bands:
        if b.level not in domain.LEVELS:
            problems.append(f"band: unknown level {b.level!r}.")
    return problems


def _import(catalogue: domain.Catalogue, *, replace: bool) -> domain.Catalogue:
    if not draft_is_empty():
        if not replace:
            raise CatalogueImportError(
                "The draft catalogue is not empty; use --replace to overwrite the draft."
            )
        _clear_draft()

    settings = catalogue.settings
    ScoringSettings.objects.all().delete()
    ScoringSettings.objects.create(
        partial_fraction=settings.partial_fraction,
        max_offset_share=settings.max_offset_share,
        score_ceiling=settings.score_ceiling,
        weight_critical=settings.severity_weights["critical"],
        weight_major=settings.severity_weights["major"],
        weight_minor=settings.severity_weights["minor"],
    )
    Band.objects.bulk_create(
        Band(level=b.level, min_points=b.min_points, title=b.title, advice=b.advice) for b in catalogue.bands
    )
    criteria = {}
    for position, c in enumerate(catalogue.criteria, start=1):
        criteria[c.code] = Criterion.objects.create(
            code=c.code,
            category=c.category,
            severity=c.severity,
            weight=c.weight,
            raised_severity=c.raised_severity or "",
            raised_when=c.raised_when.to_text() if c.raised_when else "",
            **domain.texts_of(c),
            is_active=c.active,
            position=position * 10,
        )
        CriterionSource.objects.bulk_create(
            CriterionSource(criterion=criteria[c.code], position=i, **_source_fields(s))
            for i, s in enumerate(c.sources)
        )
    signs = {}
    for position, s in enumerate(catalogue.signs, start=1):
        signs[s.code] = ReassuringSign.objects.create(
            code=s.code,
            weight=s.weight,
            **domain.texts_of(s),
            is_active=s.active,
            position=position * 10,
        )
        SignSource.objects.bulk_create(
            SignSource(sign=signs[s.code], position=i, **_source_fields(src))
            for i, src in enumerate(s.sources)
        )
    for position, e in enumerate(catalogue.escalations, start=1):
        row = Escalation.objects.create(
            code=e.code, level=e.level, explanation=e.explanation, position=position * 10
        )
        row.criteria.set([criteria[code] for code in e.criteria])
    sections = {
        s.code: Section.objects.create(code=s.code, title=s.title, intro=s.intro, position=position * 10)
        for position, s in enumerate(catalogue.sections, start=1)
    }
    question_positions: dict[str, int] = {}
    for q in catalogue.questions:
        question_positions[q.section] = question_positions.get(q.section, 0) + 10
        question = Question.objects.create(
            code=q.code,
            section=sections[q.section],
            position=question_positions[q.section],
            kind=q.kind,
            text=q.text,
            help_text=q.help_text,
            show_if=q.show_if.to_text() if q.show_if else "",
        )
        for position, o in enumerate(q.options, start=1):
            option = Option.objects.create(
                question=question,
                code=o.code,
                label=o.label,
                is_unknown=o.is_unknown,
                is_exclusive=o.is_exclusive,
                report_note=o.report_note,
                position=position * 10,
            )
            OptionCriterion.objects.bulk_create(
                OptionCriterion(
                    option=option,
                    criterion=criteria[e.criterion],
                    strength=e.strength,
                    severity=e.severity or "",
                    only_if=e.only_if.to_text() if e.only_if else "",
                )
                for e in o.fires
            )
            OptionSign.objects.bulk_create(
                OptionSign(option=option, sign=signs[r.sign], strength=r.strength) for r in o.reassures
            )
    return catalogue


def _source_fields(source: domain.Source) -> dict[str, Any]:
    return {
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "last_checked": datetime.date.fromisoformat(source.last_checked),
    }


def _clear_draft() -> None:
    OptionCriterion.objects.all().delete()
    OptionSign.objects.all().delete()
    Option.objects.all().delete()
    Question.objects.all().delete()
    Section.objects.all().delete()
    Escalation.objects.all().delete()
    CriterionSource.objects.all().delete()
    SignSource.objects.all().delete()
    Criterion.objects.all().delete()
    ReassuringSign.objects.all().delete()
    Band.objects.all().delete()
