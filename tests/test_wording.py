"""Every code the domain says in codes has its words here, once, and the vocabulary feeds the models."""

import inspect
import re

from screening.domain import vocabulary
from screening.domain.answers import OFFER_FIELDS, check_choice
from screening.domain.diff import Change
from screening.domain.problems import Problem
from screening.models import Band, Criterion, OptionCriterion, Question, ScreeningResult
from screening.wording import ANSWER_TEXTS, OFFER_TEXTS, PROBLEM_TEXTS, describe_change, describe_problem
from tests.conftest import ROOT

PROBLEM_CODE = re.compile(r'Problem\(\s*"([a-z-]+)"')


def emitted_problem_codes() -> set[str]:
    sources = [
        *(ROOT / "screening" / "domain").glob("*.py"),
        ROOT / "screening" / "publishing.py",
        ROOT / "screening" / "storage.py",
    ]
    return {code for path in sources for code in PROBLEM_CODE.findall(path.read_text(encoding="utf-8"))}


def test_every_problem_the_app_can_report_has_its_words():
    emitted = emitted_problem_codes()
    assert len(emitted) > 60
    assert emitted - set(PROBLEM_TEXTS) == set()
    assert set(PROBLEM_TEXTS) - emitted == set()  # no words left for a problem that no longer exists


def test_every_answer_the_questionnaire_can_refuse_has_its_words_for_a_person():
    codes = set(PROBLEM_CODE.findall(inspect.getsource(check_choice)))
    assert codes == {
        "no-answer",
        "single-takes-one",
        "unknown-option",
        "repeated-option",
        "exclusive-combined",
    }
    assert codes == set(ANSWER_TEXTS)


def test_a_problem_within_a_problem_is_said_in_full():
    inner = Problem("rule-syntax", params={"line": 1, "part": "offer-type"})
    outer = Problem("rule-unparseable", ("question", "pay-for-study"), {"problem": inner})
    assert describe_problem(outer) == (
        "Question pay-for-study: A stored rule does not parse. Line 1: “offer-type” is not of the form "
        "“question-code = option-code, option-code” (or “!=” for “unless”)."
    )
    assert describe_problem(
        Problem("row-invalid", ("settings", ""), {"field": "score_ceiling", "message": "x"})
    ) == ("Settings: score_ceiling: x")


def test_a_problem_reads_as_where_then_what():
    problem = Problem("inactive-criterion", ("question", "route", "option", "iv"), {"criterion": "travel"})
    assert describe_problem(problem) == "Question route, option iv: Names inactive criterion “travel”."
    assert describe_problem(Problem("note-missing")) == "Write a publication note: what changed and why."


def test_a_change_reads_as_a_sentence():
    assert describe_change(Change("criterion", "c1", "changed", ("title", "weight"))) == (
        "Criterion c1: changed (title, weight)."
    )
    assert describe_change(Change("sign", "", "reordered")) == "Reassuring sign: the order changed."
    assert describe_change(Change("settings", "score_ceiling", "changed", before="80", after="90")) == (
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
