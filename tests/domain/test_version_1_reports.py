"""Reports already given never change: version 1 of the catalogue, and five reports made from it
before the scoring rules move on (tests/golden/version-1/), give the same report, word for word."""

import json
from pathlib import Path

import pytest

from screening.domain import codec
from screening.domain.answers import parse_answers
from screening.domain.report import build_report

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "version-1"
CASES = sorted(p for p in GOLDEN.glob("*.json") if p.name != "catalogue.json")
VERSION_1_SHA256 = "55646c5795a868c6485b8549bc0f5caf69165a4e34047d66c3934e310763e87f"


@pytest.fixture(scope="module")
def version_1():
    data = json.loads((GOLDEN / "catalogue.json").read_text(encoding="utf-8"))
    assert codec.sha256_of(data) == VERSION_1_SHA256  # the snapshot itself never moves
    return codec.from_json(data)


def test_there_are_reports_to_compare():
    assert len(CASES) == 5


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_a_version_1_report_is_the_same_as_when_it_was_made(version_1, path):
    stored = json.loads(path.read_text(encoding="utf-8"))
    answers = parse_answers(stored["answers"], version_1)
    report = build_report(version_1, answers, offer=stored["offer"], version=1, sha256=VERSION_1_SHA256)
    assert report.to_json() == stored["report"]
