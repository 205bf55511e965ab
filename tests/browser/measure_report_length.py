"""How long the journey and the report are, for every calibration case, measured in the browser.

For each case: the words a person reads on the steps of their path (what the browser shows in
<main>, the questions their answers bring up included), an estimate of the minutes the path takes,
the words of the report, and its printed pages on A4 and US Letter (Chromium's print) and in the
PDF download (WeasyPrint). Run it with `bench/report_length.sh` (about five minutes): it prints
the table, writes it to bench/report-length.txt, and fails when a typical report (three to eight
warning signs) takes more than three pages, or any report more than six. It is not part of the
test suite (its file name keeps pytest from collecting it): a measurement, run on purpose.

The minutes: every word the pages show (the links' hidden words included) at 150 a minute (a
slow, careful reader), plus ANSWER_SECONDS for each question shown (choosing an answer, and moving
on): "to the review" is the steps alone, as issue 12 measured the journey; "minutes" adds the
review page. Next to them, the app's own estimate (journey.minutes_to_answer, the catalogue's words
only), which the start page states. Estimates, not timings of people.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

from tests.browser.conftest import report_through_services

WORDS_PER_MINUTE = 150
ANSWER_SECONDS = 10
TYPICAL_FLAGS = range(3, 9)  # "a typical report": three to eight warning signs
TYPICAL_PAGES, LONGEST_PAGES = 3, 6
ESTIMATE_SLACK = 2  # minutes between the app's estimate and the steps' measured words
TABLE = Path(__file__).resolve().parents[2] / "bench" / "report-length.txt"


def cases() -> list[str]:
    """Every calibration case, or those whose names start as REPORT_CASES lists (comma-separated:
    "s09,s16" while trying a change; the table is written for the full run only)."""
    from tests.conftest import CALIBRATION_DIR

    wanted = [w for w in os.environ.get("REPORT_CASES", "").split(",") if w]
    names = sorted(p.stem for p in CALIBRATION_DIR.glob("s*.json"))
    return [n for n in names if not wanted or any(n.startswith(w) for w in wanted)]


def words_in(text: str) -> int:
    return len(re.findall(r"[\w’'-]+", text))


def main_text(page) -> str:
    return page.locator("main").inner_text()


def path_of(page, site: str, name: str) -> tuple[int, int, int]:
    """Words on the steps of this case's path, words on its review page, and the questions shown."""
    from screening.domain import journey
    from screening.publishing import catalogue_of, latest_version

    catalogue = catalogue_of(latest_version())
    # Every step answered, the report not yet asked for: the first pass through, as a new user.
    screening, _ = report_through_services(site, name, upto_step=len(journey.steps(catalogue)))
    words = questions = 0
    for number in range(1, len(journey.steps(catalogue)) + 1):
        page.goto(f"{site}/s/{screening.token}/step/{number}/")
        words += words_in(main_text(page))
        questions += page.locator("fieldset.question").count()
    page.goto(f"{site}/s/{screening.token}/review/")
    return words, words_in(main_text(page)), questions


def estimate(name: str) -> int:
    """The minutes the app itself states for this path (journey.minutes_to_answer)."""
    import json

    from screening.domain import journey
    from screening.domain.answers import parse_answers
    from screening.publishing import catalogue_of, latest_version
    from tests.conftest import CALIBRATION_DIR

    catalogue = catalogue_of(latest_version())
    data = json.loads((CALIBRATION_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return journey.minutes_to_answer(catalogue, parse_answers(data["answers"], catalogue))


def printed_pages(page, paper: str) -> int:
    from pypdf import PdfReader

    page.emulate_media(media="print")
    pages = len(PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True))).pages)
    page.emulate_media(media="screen")
    return pages


def pdf_pages(page, report_url: str) -> int:
    from pypdf import PdfReader

    response = page.request.get(report_url.replace("/report/", "/report.pdf"))
    assert response.ok, response.status
    return len(PdfReader(io.BytesIO(response.body())).pages)


def test_every_report_fits_its_pages_and_the_table_is_written(page, site):
    rows = []
    for name in cases():
        step_words, review_words, questions = path_of(page, site, name)
        answering = questions * ANSWER_SECONDS / 60
        _, report_url = report_through_services(site, name)
        page.goto(report_url)
        flags = page.locator(".flag").count()
        rows.append(
            {
                "case": name,
                "step words": step_words,
                "review words": review_words,
                "questions": questions,
                "to the review": round(step_words / WORDS_PER_MINUTE + answering),
                "minutes": round((step_words + review_words) / WORDS_PER_MINUTE + answering),
                "app's estimate": estimate(name),
                "flags": flags,
                "report words": words_in(main_text(page)),
                "A4": printed_pages(page, "A4"),
                "Letter": printed_pages(page, "Letter"),
                "PDF": pdf_pages(page, report_url),
            }
        )
    table = format_table(rows)
    if not os.environ.get("REPORT_CASES"):
        TABLE.write_text(table, encoding="utf-8")
    print("\n" + table)
    too_long = [
        row["case"]
        for row in rows
        for paper in ("A4", "Letter", "PDF")
        if row[paper] > (TYPICAL_PAGES if row["flags"] in TYPICAL_FLAGS else LONGEST_PAGES)
    ]
    assert not too_long, too_long
    # The start page states the app's estimate: it must stay close to what the pages show.
    drifted = [
        row["case"] for row in rows if abs(row["app's estimate"] - row["to the review"]) > ESTIMATE_SLACK
    ]
    assert not drifted, drifted


def format_table(rows: list[dict]) -> str:
    columns = list(rows[0])
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(row[c]) for c in columns) + " |" for row in rows]
    typical = [r for r in rows if r["flags"] in TYPICAL_FLAGS]

    def median(column: str) -> int:
        return sorted(r[column] for r in rows)[len(rows) // 2]

    lines += [
        "",
        f"{len(rows)} cases, {len(typical)} typical (3-8 warning signs)."
        f" Median minutes: {median('to the review')} to the review, {median('minutes')} with it.",
        f"Most pages, typical: {max((max(r['A4'], r['Letter'], r['PDF']) for r in typical), default=0)};"
        f" any: {max(max(r['A4'], r['Letter'], r['PDF']) for r in rows)}.",
    ]
    return "\n".join(lines) + "\n"


pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")
