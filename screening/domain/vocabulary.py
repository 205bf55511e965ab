"""The closed lists the catalogue is written in, defined once.

The database choices (``screening/models``) are built from these tuples, and validation checks
a catalogue against them, so a new level or category is added here and nowhere else.
"""

from __future__ import annotations

import re

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

# Codes are the public interface (answer files, fixtures, reports): lowercase words and hyphens.
CODE_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def level_rank(level: str) -> int:
    return LEVELS.index(level)


def severity_rank(severity: str | None) -> int:
    """-1 for no severity, so that any severity outranks none."""
    return SEVERITIES.index(severity) if severity else -1
