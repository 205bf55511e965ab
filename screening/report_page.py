"""What every page that shows a report needs from the report and its catalogue: the person's
report page and PDF, and the staff preview of a calibration case; and the text report."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from screening.domain.catalogue import Catalogue
from screening.domain.layout import layout_of
from screening.domain.report import Report
from screening.gauge import gauge
from screening.wording import offer_summary, report_words


def report_shown(report: Report, catalogue: Catalogue) -> dict[str, Any]:
    return {
        "report": report,
        "layout": layout_of(report),
        "offer_rows": offer_summary(report.offer, currency_name(report.offer, catalogue)),
        "words": report_words(report.offer),
        "gauge": gauge(report.score, report.level),
        "glossary": catalogue.words,
    }


def currency_name(offer: dict[str, str], catalogue: Catalogue) -> str:
    """The offer's currency by its name in the version, or by its code when the version does not
    hold it (an answer file's), or "" when none was given."""
    code = offer.get("currency", "")
    currency = catalogue.currency(code)
    return currency.name if currency else code.upper()


def report_text(report: Report, catalogue: Catalogue | None = None) -> str:
    """The report as plain text (what `screen` prints; ``catalogue`` names the offer's currency)."""
    context = {
        "report": report,
        "offer_rows": offer_summary(
            report.offer, currency_name(report.offer, catalogue) if catalogue else ""
        ),
        "words": report_words(report.offer),
    }
    return render_to_string("screening/report.txt", context)
