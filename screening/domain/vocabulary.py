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

# Per-country signposting (issue 13): what a signpost helps a person do, and how sure the
# research behind it is. Only a confirmed row that a person has reviewed is shown as fact.
SIGNPOST_KINDS: tuple[str, ...] = (
    "regulator",
    "approval-check",
    "trial-registry",
    "licence-register",
    "report-clinic",
    "report-advert",
    "report-harm",
    "lawful-route",
)
CONFIDENCES: tuple[str, ...] = ("confirmed", "partly", "not-confirmed")
# A jurisdiction's code: an ISO 3166 alpha-2 code in lower case, "eu" for the EU-wide block, or
# the fallback for any other country.
OTHER_COUNTRY = "other"
JURISDICTION_CODE = re.compile(r"^(?:[a-z]{2}|other)\Z")

# The offer-text assist (issue 14): the families of advert markers that studies of clinic
# marketing coded (spec/advert-markers.md), and what a rule does with its phrases: a "phrase" rule
# suggests its answer where one matches; a "count" rule where at least so many different ones do
# (the conditions one text names); an "absent" rule says what the text does not say; a
# "reported" rule marks sentences that report others' words in order to warn ("some clinics say").
ADVERT_FAMILIES: tuple[str, ...] = (
    "regulatory",
    "trial-washing",
    "legitimacy",
    "efficacy",
    "safety",
    "breadth",
    "testimonials",
    "pressure-money",
    "advertising-dodge",
)
PHRASE_RULE_KINDS: tuple[str, ...] = ("phrase", "count", "absent", "reported")
# A rule's language: an ISO 639-1 code in lower case ("en", "es").
LANGUAGE_CODE = re.compile(r"^[a-z]{2}\Z")

# A currency's code: ISO 4217 in lower case ("jpy").
CURRENCY_CODE = re.compile(r"^[a-z]{3}\Z")

# Codes are the public interface (answer files, fixtures, reports): lowercase words and hyphens.
CODE_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def level_rank(level: str) -> int:
    return LEVELS.index(level)


def severity_rank(severity: str | None) -> int:
    """-1 for no severity, so that any severity outranks none."""
    return SEVERITIES.index(severity) if severity else -1
