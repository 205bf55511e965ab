"""The signposts' words (issue 13): a kind's heading, and a checked date as a person reads it."""

from datetime import date

from django import template

from screening.wording import SIGNPOST_KIND_WORDS

register = template.Library()


@register.filter
def signpost_kind(kind: str) -> str:
    return str(SIGNPOST_KIND_WORDS[kind])  # validated kinds only reach a report


@register.filter
def iso_date(value: str | None) -> date | None:
    """A catalogue's ISO date ("2026-11-20") as a date, for the ``date`` filter to word."""
    return date.fromisoformat(value) if value else None
