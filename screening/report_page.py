"""What every page that shows a report needs from the report and its catalogue: the person's
report page and PDF, and the staff preview of a calibration case."""

from __future__ import annotations

from typing import Any

from screening.domain.catalogue import Catalogue
from screening.domain.layout import layout_of
from screening.domain.report import Report
from screening.gauge import gauge
from screening.wording import offer_summary


def report_shown(report: Report, catalogue: Catalogue) -> dict[str, Any]:
    return {
        "report": report,
        "layout": layout_of(report),
        "offer_rows": offer_summary(report.offer),
        "gauge": gauge(report.score, report.level),
        "glossary": catalogue.words,
    }
