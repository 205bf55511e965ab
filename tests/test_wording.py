"""Every code the domain says in codes has its words here, once, and the vocabulary feeds the models."""

import re

from screening.domain import vocabulary
from screening.domain.answers import OFFER_FIELDS
from screening.domain.diff import Change
from screening.domain.problems import Problem
from screening.models import Band, Criterion, OptionCriterion, Question, ScreeningResult
from screening.wording import OFFER_TEXTS, PROBLEM_TEXTS, describe_change, describe_problem
from tests.conftest import ROOT

PROBLEM_CODE = re.compile(r'Problem\(\s*"([a-z-]+)"')


def emitted_problem_codes() -> set[str]:
    sources = [*(ROOT / "screening" / "domain").glob("*.py"), ROOT / "screening" / "publishing.py"]
    return {code for path in sources for code in PROBLEM_CODE.findall(path.read_text(encoding="utf-8"))}


def test_every_problem_the_app_can_report_has_its_words():
    emitted = emitted_problem_codes()
    assert len(emitted) > 60
    assert emitted - set(PROBLEM_TEXTS) == set()
    assert set(PROBLEM_TEXTS) - emitted == set()  # no words left for a problem that no longer exists


def test_a_problem_reads_as_where_then_what():
    problem = Problem("inactive-criterion", ("question", "route", "option", "iv"), {"criterion": "travel"})
    assert describe_problem(problem) == "Question route, option iv: Names inactive criterion “travel”."
    assert describe_problem(Problem("note-missing")) == "Write a publication note: what changed and why."


def test_a_change_reads_as_a_sentence():
    assert describe_change(Change("criterion", "c1", "changed", ("title", "weight"))) == (
        "Criterion c1: changed (title, weight)."
    )
    assert describe_change(Change("sign", "", "reordered")) == "Reassuring sign: the order changed."
    assert describe_change(Change("settings", "score_ceiling", "changed", ("80", "90"))) == (
        "Settings: score_ceiling changed from 80 to 90."
    )


def test_the_offer_fields_have_their_words():
    assert set(OFFER_TEXTS) == {f.name for f in OFFER_FIELDS}


def test_the_database_choices_are_the_vocabulary():
    def codes(model, field):
        return tuple(code for code, _ in model._meta.get_field(field).choices)

    assert codes(Band, "level") == codes(ScreeningResult, "level") == vocabulary.LEVELS
    assert codes(Criterion, "severity") == codes(OptionCriterion, "severity") == vocabulary.SEVERITIES
    assert codes(Criterion, "category") == vocabulary.CATEGORIES
    assert codes(Question, "kind") == vocabulary.KINDS
    assert codes(OptionCriterion, "strength") == vocabulary.STRENGTHS
