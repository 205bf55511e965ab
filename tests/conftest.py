"""Shared fixtures and builders (plain functions, deterministic data)."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from screening.domain import catalogue as domain
from screening.domain import codec
from screening.domain.conditions import parse_condition

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_FILE = ROOT / "fixtures" / "catalogue.json"
CALIBRATION_DIR = ROOT / "fixtures" / "calibration"


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_rendered_pages_between_tests():
    from screening import pagecache

    pagecache.clear()
    yield
    pagecache.clear()


@pytest.fixture(scope="session")
def shipped_json() -> dict:
    return json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def shipped(shipped_json) -> domain.Catalogue:
    return codec.from_json(shipped_json)


def publish_shipped_version(shipped_json):
    """The shipped catalogue as published version 1, without the draft rows: one insert.

    What `publish` would freeze, since the shipped file is the catalogue's own export
    (tests/domain/test_codec.py checks that it is canonical).
    """
    from screening.models import CatalogueVersion

    return CatalogueVersion.objects.create(
        number=1,
        note="Shipped catalogue",
        published_by_name="tests",
        content=shipped_json,
        sha256=codec.sha256_of(shipped_json),
    )


def import_json(data, *, replace: bool = False) -> None:
    """What `import_catalogue FILE` does with the file's data: read it, write it into the draft."""
    from screening.storage import write_draft

    write_draft(codec.from_json(data), replace=replace)


def draft_json() -> dict:
    """What `export_catalogue` writes: the draft rows as catalogue data."""
    from screening.storage import read_draft

    return codec.to_json(read_draft())


@pytest.fixture
def published(db, shipped_json):
    """The shipped catalogue, published as version 1 (for tests that never look at the draft)."""
    return publish_shipped_version(shipped_json)


@pytest.fixture
def shipped_in_db(db, shipped):
    """The shipped catalogue written into the draft tables, and published from them as version 1."""
    from screening.publishing import publish
    from screening.storage import write_draft

    write_draft(shipped)
    return publish("Shipped catalogue")


@pytest.fixture
def draft(db, shipped_json):
    """The shipped catalogue in the draft tables, nothing published."""
    import_json(shipped_json)


# --- Builders for small, hand-made catalogues -------------------------------------------------


def source() -> domain.Source:
    return domain.Source("A source", "A publisher", "https://example.org/source", "2026-11-21")


def criterion(code: str, severity: str = "major", weight: str | None = None, **extra) -> domain.Criterion:
    default = {"critical": "8", "major": "3", "minor": "1"}[severity]
    extra.setdefault("raised_severity", None)
    extra.setdefault("raised_when", None)
    return domain.Criterion(
        code=code,
        category="evidence",
        severity=severity,
        weight=Decimal(weight or default),
        title=f"Title of {code}",
        explanation="Explanation.",
        why_it_matters="Why it matters.",
        ask_clinic=f"Ask about {code}?",
        discuss_with_doctor="Discuss it.",
        sources=(source(),),
        **extra,
    )


def sign(code: str, weight: str = "2") -> domain.Sign:
    return domain.Sign(
        code=code,
        weight=Decimal(weight),
        title=f"Title of {code}",
        explanation="Explanation.",
        why_it_matters="Why.",
        ask_clinic=f"Confirm {code}?",
        discuss_with_doctor="Discuss.",
        sources=(source(),),
    )


def option(code: str, *fires: domain.Effect, reassures=(), unknown=False, exclusive=False) -> domain.Option:
    return domain.Option(
        code=code,
        label=f"Label {code}",
        is_unknown=unknown,
        is_exclusive=exclusive,
        fires=tuple(fires),
        reassures=tuple(reassures),
    )


def full(code: str, **extra) -> domain.Effect:
    return domain.Effect(code, "full", **extra)


def partly(code: str, **extra) -> domain.Effect:
    return domain.Effect(code, "partial", **extra)


def question(
    code: str, *options: domain.Option, kind="single", section="s1", show_if=None
) -> domain.Question:
    return domain.Question(
        code=code,
        section=section,
        kind=kind,
        text=f"Question {code}?",
        help_text="How to find out.",
        options=tuple(options),
        show_if=parse_condition(show_if) if show_if else None,
    )


def bands(moderate="5", high="15", very_high="40") -> tuple[domain.Band, ...]:
    return (
        domain.Band("low", Decimal(0), "Low caution", "Advice low."),
        domain.Band("moderate", Decimal(moderate), "Moderate caution", "Advice moderate."),
        domain.Band("high", Decimal(high), "High caution", "Advice high."),
        domain.Band("very high", Decimal(very_high), "Very high caution", "Advice very high."),
    )


def make_catalogue(
    criteria, questions, signs=(), escalations=(), sections=None, **settings
) -> domain.Catalogue:
    section_codes = sections or sorted({q.section for q in questions})
    return domain.Catalogue(
        settings=domain.Settings(**settings),
        bands=bands(),
        escalations=tuple(escalations),
        criteria=tuple(criteria),
        signs=tuple(signs),
        sections=tuple(domain.Section(code, f"Step {code}", "") for code in section_codes),
        questions=tuple(questions),
    )
