"""Shared fixtures and builders (plain functions, deterministic data)."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from screening import catalogue as domain

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
    return domain.from_json(shipped_json)


@pytest.fixture
def shipped_in_db(db, shipped_json):
    """The shipped catalogue imported into the draft tables, and published as version 1."""
    from screening.publishing import import_catalogue, publish

    import_catalogue(shipped_json)
    return publish("Shipped catalogue")


# --- Builders for small, hand-made catalogues -------------------------------------------------


def source() -> domain.Source:
    return domain.Source("A source", "A publisher", "https://example.org/source", "2026-11-21")


def criterion(code: str, severity: str = "major", weight: str | None = None, **extra) -> domain.Criterion:
    default = {"critical": "8", "major": "3", "minor": "1"}[severity]
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
        show_if=domain.parse_condition(show_if) if show_if else None,
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
