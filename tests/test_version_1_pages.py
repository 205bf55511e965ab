"""A version-1 report reads the same on the page and in `screen` as before scoring rules 2: the
five reports of tests/golden/version-1, rendered by the templates as they were then (commit
f0255aa, stored under rendered/), and by today's templates, word for word (blank lines aside).
On the page, the report is what <main> holds, less the header printed on paper (the date, the code
and how to come back, which since issue 12 no longer prints the report's private address); the
site's header and footer around it may change."""

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string

from screening.domain import codec
from screening.domain.answers import parse_answers
from screening.domain.report import build_report
from screening.gauge import gauge
from screening.report_page import report_text
from screening.wording import offer_summary, report_words

GOLDEN = Path(__file__).resolve().parent / "golden" / "version-1"
CASES = sorted(GOLDEN.glob("s*.json"))


def without_blank_lines(text: str) -> list[str]:
    """The lines, with the day the page was printed left out (the page says it)."""
    text = re.sub(r"Printed \d{1,2} \w+ \d{4}\.", "Printed (date).", text)
    return [line for line in text.splitlines() if line.strip()]


def report_of(path: Path):
    catalogue = codec.from_json(json.loads((GOLDEN / "catalogue.json").read_text(encoding="utf-8")))
    stored = json.loads(path.read_text(encoding="utf-8"))
    answers = parse_answers(stored["answers"], catalogue)
    return build_report(catalogue, answers, offer=stored["offer"], version=1, sha256="x")


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_the_text_report_of_a_version_1_report_is_unchanged(path):
    report = report_of(path)
    assert report_text(report) == (GOLDEN / "rendered" / f"{path.stem}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_the_report_page_of_a_version_1_report_is_unchanged(path):
    report = report_of(path)
    context = {
        "page": "report",
        "screening": SimpleNamespace(token="t" * 32, resume_code="ABCDE-FGHIJ-KLMNO"),
        "report": report,
        "offer_rows": offer_summary(report.offer),
        "words": report_words(report.offer),
        "gauge": gauge(report.score, report.level),
        "earlier": [],
        "published_at": datetime(2026, 11, 21, tzinfo=UTC),
        "site_url": "https://example.org/resume/",
        "pdf_available": True,
        "why_no_pdf": "",
        "for_pdf": True,
    }
    html = render_to_string("screening/report.html", context)
    stored = (GOLDEN / "rendered" / f"{path.stem}.html").read_text(encoding="utf-8")
    assert without_blank_lines(main_of(html)) == without_blank_lines(main_of(stored))


def main_of(html: str) -> str:
    start, end = html.index("<main"), html.index("</main>")
    return re.sub(r'<div class="print-header">.*?</div>', "", html[start:end], flags=re.S)
