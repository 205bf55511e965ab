"""Writes and reads of screenings that more than one caller needs (views, commands, tests)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from screening.answers import answers_to_json, parse_answers, parse_offer
from screening.models import CatalogueVersion, Screening, ScreeningResult
from screening.publishing import catalogue_of, latest_version
from screening.report import Report, build_report


class NoPublishedCatalogue(Exception):
    """Nothing has been published yet, so no screening can start."""


def start_screening(version: CatalogueVersion | None = None) -> Screening:
    """A new screening pinned to ``version``, or to the latest published version."""
    version = version or latest_version()
    if version is None:
        raise NoPublishedCatalogue("No catalogue version has been published yet.")
    return Screening.objects.create(version=version)


def stored_answers(screening: Screening) -> dict[str, frozenset[str]]:
    """The screening's answers, checked against its own pinned catalogue version."""
    return parse_answers(screening.answers, catalogue_of(screening.version))


def save_answers(screening: Screening, answers: dict[str, Any], offer: dict[str, Any] | None = None) -> None:
    """Merge ``answers`` (answer-file form: question code -> option code or list) into the screening.

    Everything is checked against the screening's own catalogue version first; an invalid answer
    raises AnswerFileError and changes nothing. One transaction; other answers stay as they were.
    """
    catalogue = catalogue_of(screening.version)
    new_answers = parse_answers(answers, catalogue)
    new_offer = parse_offer(offer) if offer is not None else None
    with transaction.atomic():
        locked = Screening.objects.select_for_update().get(pk=screening.pk)
        merged = parse_answers(locked.answers, catalogue)
        merged.update(new_answers)
        locked.answers = answers_to_json(merged, catalogue)
        if new_offer is not None:
            locked.offer = new_offer
        locked.updated = timezone.now()
        locked.save(update_fields=["answers", "offer", "updated"])
    screening.refresh_from_db()


def report_for(screening: Screening) -> Report:
    """The report, recomputed from the pinned version: the same forever for the same answers."""
    version = screening.version
    return build_report(
        catalogue_of(version),
        stored_answers(screening),
        offer=screening.offer,
        version=version.number,
        sha256=version.sha256,
    )


def finish(screening: Screening) -> ScreeningResult:
    """The person asks for their report: mark it given and keep the result if it is new."""
    report = report_for(screening)
    with transaction.atomic():
        locked = Screening.objects.select_for_update().get(pk=screening.pk)
        if locked.completed_at is None:
            locked.completed_at = timezone.now()
        # Every change to what the report shows moves `updated` (rendered pages are keyed on it).
        locked.updated = timezone.now()
        locked.save(update_fields=["completed_at", "updated"])
        last = locked.results.order_by("-created", "-pk").first()
        current = (report.level, report.score, report.completeness, screening.version.number)
        if last is not None and (last.level, last.score, last.completeness, last.version_number) == current:
            result = last
        else:
            result = ScreeningResult.objects.create(
                screening=locked,
                level=report.level,
                score=report.score,
                completeness=report.completeness,
                version_number=screening.version.number,
            )
    screening.refresh_from_db()
    return result


def earlier_results(screening: Screening, report: Report) -> list[ScreeningResult]:
    """Results shown before, not counting the one the report shows now."""
    results = list(screening.results.order_by("created", "pk"))
    if results and (results[-1].level, results[-1].score, results[-1].completeness) == (
        report.level,
        report.score,
        report.completeness,
    ):
        results = results[:-1]
    return results


def report_document(screening: Screening) -> dict[str, Any]:
    """The report data download: the same content as the report, with its dates."""
    report = report_for(screening)
    return {
        "format": "stem-cell-offer-check/report",
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
                "catalogue_version": r.version_number,
            }
            for r in earlier_results(screening, report)
        ],
    }
