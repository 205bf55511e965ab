"""Reads of screenings: the page-state lookup, the answers, the report and its data download."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.http import Http404
from django.shortcuts import get_object_or_404

from screening.domain.adverts import Reading, read_offer_text
from screening.domain.answers import parse_answers
from screening.domain.catalogue import Catalogue
from screening.domain.journey import reads_offer_text
from screening.domain.report import Report, build_report
from screening.domain.scoring import Result, score
from screening.domain.voice import voice_of
from screening.models import Screening, ScreeningResult
from screening.publishing import catalogue_in_voice, catalogue_of


@dataclass(frozen=True)
class PageState:
    """What decides whether a rendered page of a screening can be reused (see pagecache)."""

    pk: int
    updated: str  # the time stamp as the database prints it: only compared, never read
    version_id: int
    has_report: bool


def screening_page_state(token: str) -> PageState:
    """The cheap lookup made before anything else on every step and report view, or 404."""
    # Plain SQL: this runs on every page view, and building the ORM query cost more than running it.
    # The time stamp is only compared, never read, so it comes as text: parsing it was measurable.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, CAST(updated AS TEXT), version_id, completed_at IS NOT NULL"
            f" FROM {Screening._meta.db_table} WHERE token = %s",
            [token],
        )
        row = cursor.fetchone()
    if row is None:
        raise Http404("No such screening")
    pk, updated, version_id, completed = row
    return PageState(pk, updated, version_id, bool(completed))


def screening_get(token: str) -> Screening:
    """The one lookup for a screening: by its unguessable token, or 404.

    The version's frozen content is loaded only when this process has not parsed it yet.
    """
    return get_object_or_404(
        Screening.objects.select_related("version").defer("version__content"), token=token
    )


def screening_catalogue(screening: Screening) -> Catalogue:
    """The screening's pinned catalogue in its own words: about the patient, a child or a
    cared-for person, offered by a clinic, a hospital... (the offer step's choices)."""
    return catalogue_in_voice(screening.version, voice_of(screening.offer))


def screening_answers(screening: Screening) -> dict[str, frozenset[str]]:
    """The screening's answers, checked against its own pinned catalogue version."""
    return parse_answers(screening.answers, catalogue_of(screening.version))


def screening_result(screening: Screening) -> Result:
    """The scoring result alone (level, score, completeness), without the report's texts and its
    "what would change" (which scores the offer again for each open answer)."""
    return score(catalogue_of(screening.version), screening_answers(screening))


def screening_reading(screening: Screening, catalogue: Catalogue) -> Reading | None:
    """What the offer-text assist makes of the text the person pasted, or None without one.
    A step's GET and POST and the redirect after it read the same text: the reading is kept,
    for the last few texts, by version and text."""
    if not screening.offer_text or not reads_offer_text(catalogue):
        return None
    key = (
        screening.version_id,
        voice_of(screening.offer),
        hashlib.sha256(screening.offer_text.encode()).digest(),
    )
    reading = _READINGS.get(key)
    if reading is None:
        reading = read_offer_text(catalogue, screening.offer_text)
        _READINGS[key] = reading
        while len(_READINGS) > READINGS_KEPT:
            _READINGS.popitem(last=False)
    else:
        _READINGS.move_to_end(key)
    return reading


READINGS_KEPT = 64
_READINGS: OrderedDict[tuple, Reading] = OrderedDict()


def screening_report(screening: Screening) -> Report:
    """The report, recomputed from the pinned version: the same forever for the same answers."""
    version = screening.version
    return build_report(
        screening_catalogue(screening),
        screening_answers(screening),
        offer=screening.offer,
        version=version.number,
        sha256=version.sha256,
        from_text=tuple(screening.suggestions_accepted),
    )


def screening_earlier_results(screening: Screening, report: Report) -> list[ScreeningResult]:
    """Results shown before, not counting the one the report shows now."""
    results = list(screening.results.order_by("created", "pk"))
    if results and (results[-1].level, results[-1].score, results[-1].completeness) == (
        report.level,
        report.score,
        report.completeness,
    ):
        results = results[:-1]
    return results


def screening_report_document(screening: Screening) -> dict[str, Any]:
    """The report data download: the same content as the report, with its dates."""
    report = screening_report(screening)
    return {
        "format": "stem-cell-offer-check/report",
        # 2: severities and why the level was raised are codes ("level_reasons": kind, code, text).
        "format_version": 2,
        **report.to_json(),
        "catalogue_published_at": screening.version.published_at.isoformat(),
        "started_at": screening.created.isoformat(),
        "updated_at": screening.updated.isoformat(),
        "first_report_at": screening.completed_at.isoformat() if screening.completed_at else None,
        "earlier_results": [
            {
                "date": r.created.isoformat(),
                "level": r.level,
                "score": r.score,
                "completeness": r.completeness,
                # A screening keeps the version it started with, so every result was scored with it.
                "catalogue_version": screening.version.number,
            }
            for r in screening_earlier_results(screening, report)
        ],
    }
