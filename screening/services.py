"""Writes and reads of screenings that more than one caller needs (views, commands, tests)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from screening.answers import answers_to_json, parse_answers, parse_offer
from screening.models import CatalogueVersion, Screening
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


def report_json(screening: Screening) -> dict[str, Any]:
    return report_for(screening).to_json()
