"""The answer file format and the one check of a chosen answer: every refusal names the problem."""

import pytest

from screening.domain.answers import (
    OFFER_FIELDS,
    AnswerFileError,
    answers_to_json,
    check_choice,
    parse_answer_file,
    parse_offer,
)
from screening.domain.problems import Problem


def valid_file(**answers):
    return {"answers": {"offer-type": "study", "route": ["iv", "joint"], **answers}}


def test_a_valid_file_parses(shipped):
    parsed = parse_answer_file(
        {**valid_file(), "catalogue_version": 1, "offer": {"condition": " MS "}, "expected_level": "low"},
        shipped,
    )
    assert parsed.answers == {"offer-type": frozenset({"study"}), "route": frozenset({"iv", "joint"})}
    assert parsed.offer == {"condition": "MS"}
    assert parsed.catalogue_version == 1 and parsed.expected_level == "low"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ([], Problem("file-not-object")),
        ({"answer": {}}, Problem("file-unknown-field", params={"field": "answer"})),
        ({"answers": []}, Problem("answers-not-object")),
        (
            {"answers": {"no-such-question": "yes"}},
            Problem("unknown-question", ("question", "no-such-question")),
        ),
        (
            {"answers": {"offer-type": "no-such-option"}},
            Problem("unknown-option", ("question", "offer-type"), {"option": "no-such-option"}),
        ),
        (
            {"answers": {"offer-type": ["study"]}},
            Problem("single-not-text", ("question", "offer-type"), {"type": "list"}),
        ),
        ({"answers": {"route": "iv"}}, Problem("multiple-not-list", ("question", "route"))),
        ({"answers": {"route": []}}, Problem("no-answer", ("question", "route"), {"kind": "multiple"})),
        (
            {"answers": {"route": ["iv", "iv"]}},
            Problem("repeated-option", ("question", "route"), {"option": "iv"}),
        ),
        ({"catalogue_version": "1", "answers": {}}, Problem("file-version")),
        ({"catalogue_version": 0, "answers": {}}, Problem("file-version")),
        (
            {"expected_level": "extreme", "answers": {}},
            Problem(
                "file-expected-level",
                params={"value": "'extreme'", "levels": "low, moderate, high, very high"},
            ),
        ),
        (
            {"offer": {"clinic": "X"}, "answers": {}},
            Problem(
                "offer-unknown-field",
                params={
                    "field": "clinic",
                    "fields": "answering_for, provider, currency, condition, treatment, country, price",
                },
            ),
        ),
        (
            {"offer": {"price": "9" * 101}, "answers": {}},
            Problem("offer-too-long", params={"field": "price", "limit": 100}),
        ),
        ({"offer": {"price": 5}, "answers": {}}, Problem("offer-not-text", params={"field": "price"})),
        (
            {"format": "other", "answers": {}},
            Problem("file-format", params={"format": "stem-cell-offer-check/answers"}),
        ),
        ({"title": 5, "answers": {}}, Problem("file-not-text", params={"field": "title"})),
    ],
)
def test_invalid_files_are_refused_with_the_problem_named(shipped, data, problem):
    with pytest.raises(AnswerFileError) as raised:
        parse_answer_file(data, shipped)
    assert raised.value.problem == problem


def test_an_only_this_option_cannot_be_combined(shipped):
    with pytest.raises(AnswerFileError) as raised:
        parse_answer_file({"answers": {"route": ["iv", "dont-know"]}}, shipped)
    assert raised.value.problem.code == "exclusive-combined"
    assert raised.value.problem.params["option"] == "dont-know"


@pytest.mark.parametrize(
    ("codes", "code"),
    [
        ([], "no-answer"),
        (["iv"], None),
        (["iv", "joint"], None),
        (["iv", "iv"], "repeated-option"),
        (["iv", "teleport"], "unknown-option"),
        (["study"], "unknown-option"),  # an option of another question
        (["iv", "dont-know"], "exclusive-combined"),
    ],
)
def test_check_choice_on_a_tick_box_question(shipped, codes, code):
    problem = check_choice(shipped.question("route"), codes)
    assert (problem.code if problem else None) == code


def test_check_choice_on_a_single_choice_question(shipped):
    question = shipped.question("offer-type")
    assert check_choice(question, ["study"]) is None
    assert check_choice(question, ["study", "study"]).code == "single-takes-one"
    assert check_choice(question, ["study", "routine-treatment"]).code == "single-takes-one"


def test_every_only_this_option_of_the_shipped_catalogue_stands_alone(shipped):
    for question in shipped.questions:
        if question.kind != "multiple":
            continue
        others = [o for o in question.options if not o.excludes_others]
        for option in question.options:
            if option.excludes_others and others:
                assert check_choice(question, [others[0].code, option.code]).code == "exclusive-combined"


def test_the_offer_is_kept_in_field_order_and_trimmed():
    assert list(parse_offer({"price": " 5 ", "condition": "MS"})) == ["condition", "price"]
    assert [f.name for f in OFFER_FIELDS] == ["condition", "treatment", "country", "price"]


def test_the_offer_choices_come_first_and_take_only_their_options():
    offer = parse_offer({"condition": "MS", "provider": "hospital", "answering_for": "child"})
    assert offer == {"answering_for": "child", "provider": "hospital", "condition": "MS"}
    with pytest.raises(AnswerFileError) as refused:
        parse_offer({"answering_for": "my aunt"})
    assert refused.value.problem == Problem(
        "offer-unknown-choice",
        params={"field": "answering_for", "value": "my aunt", "allowed": "self, child, cared-for"},
    )


def test_answers_to_json_is_the_inverse(shipped):
    parsed = parse_answer_file(valid_file(), shipped)
    assert answers_to_json(parsed.answers, shipped) == {"offer-type": "study", "route": ["iv", "joint"]}
