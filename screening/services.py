"""Writes to screenings, each in one transaction: the views, the commands and the tests use them.

Reads are in ``selectors.py``.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from screening import pagecache
from screening.domain.adverts import TEXT_LIMIT
from screening.domain.answers import answers_to_json, parse_answers, parse_offer
from screening.models import CatalogueVersion, Screening, ScreeningResult
from screening.publishing import catalogue_of, latest_version
from screening.selectors import screening_result


class NoPublishedCatalogue(Exception):
    """Nothing has been published yet, so no screening can start."""


def screening_start(version: CatalogueVersion | None = None) -> Screening:
    """A new screening pinned to ``version``, or to the latest published version."""
    version = version or latest_version()
    if version is None:
        raise NoPublishedCatalogue("No catalogue version has been published yet.")
    return Screening.objects.create(version=version)


def screening_save_offer(
    screening: Screening,
    offer: dict[str, Any],
    *,
    offer_text: str | None = None,
    suggestions_accepted: tuple[str, ...] | None = None,
) -> None:
    """Replace the offer's free-text details. Raises AnswerFileError (and changes nothing).
    ``offer_text``, when given, replaces the clinic's text the person pasted, to suggest answers
    from (at most adverts.TEXT_LIMIT characters; the form says so): it is kept only with the
    screening. ``suggestions_accepted`` then says which confirmed suggestions still stand."""
    if offer_text is not None and len(offer_text) > TEXT_LIMIT:
        raise ValueError("The offer's text is longer than the limit.")
    _save(
        screening,
        offer=parse_offer(offer),
        offer_text=offer_text.strip() if offer_text is not None else None,
        suggestions_accepted=suggestions_accepted,
    )


def screening_save_answers(
    screening: Screening, answers: dict[str, Any], *, suggestions_accepted: tuple[str, ...] | None = None
) -> None:
    """Merge ``answers`` (answer-file form: question code -> option code or list) into the screening.

    Everything is checked against the screening's own catalogue version first, by the same
    rules as an answer file; an invalid answer raises AnswerFileError and changes nothing.
    Other answers stay as they were. ``suggestions_accepted``, when given, replaces the list of
    questions answered from a suggestion the person confirmed (domain.journey.accepted_after).
    """
    _save(
        screening,
        answers=parse_answers(answers, catalogue_of(screening.version)),
        suggestions_accepted=suggestions_accepted,
    )


def _save(
    screening: Screening,
    *,
    answers: dict[str, frozenset[str]] | None = None,
    offer=None,
    offer_text: str | None = None,
    suggestions_accepted: tuple[str, ...] | None = None,
) -> None:
    catalogue = catalogue_of(screening.version)
    fields = ["updated"]
    with transaction.atomic():
        locked = Screening.objects.select_for_update().get(pk=screening.pk)
        if answers is not None:
            merged = parse_answers(locked.answers, catalogue)
            merged.update(answers)
            locked.answers = answers_to_json(merged, catalogue)
            fields.append("answers")
        if offer is not None:
            locked.offer = offer
            fields.append("offer")
        if offer_text is not None:
            locked.offer_text = offer_text
            fields.append("offer_text")
        if suggestions_accepted is not None:
            locked.suggestions_accepted = list(suggestions_accepted)
            fields.append("suggestions_accepted")
        # Every change to what a page shows moves `updated` (rendered pages are keyed on it).
        locked.updated = timezone.now()
        locked.save(update_fields=fields)
    screening.refresh_from_db()


def screening_finish(screening: Screening) -> ScreeningResult:
    """The person asks for their report: mark it given and keep the result if it is new."""
    report = screening_result(screening)
    with transaction.atomic():
        locked = Screening.objects.select_for_update().get(pk=screening.pk)
        if locked.completed_at is None:
            locked.completed_at = timezone.now()
        locked.updated = timezone.now()
        locked.save(update_fields=["completed_at", "updated"])
        last = locked.results.order_by("-created", "-pk").first()
        current = (report.level, report.score, report.completeness)
        if last is not None and (last.level, last.score, last.completeness) == current:
            result = last
        else:
            result = ScreeningResult.objects.create(
                screening=locked,
                level=report.level,
                score=report.score,
                completeness=report.completeness,
                flags=[fired.code for fired in report.fired],
            )
    screening.refresh_from_db()
    return result


def screening_delete(screening: Screening) -> None:
    """Delete the screening and everything kept about it, at once."""
    pagecache.forget(screening.pk)
    screening.delete()
