"""The answer file format: every invalid file gets a clear message naming the bad part."""

import pytest

from screening.answers import AnswerFileError, answers_to_json, parse_answer_file


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
    ("data", "message"),
    [
        ([], "must be a JSON object"),
        ({"answer": {}}, "Unknown field 'answer'"),
        ({"answers": []}, "must be an object"),
        ({"answers": {"no-such-question": "yes"}}, "Unknown question code 'no-such-question'"),
        (
            {"answers": {"offer-type": "no-such-option"}},
            "Unknown option code 'no-such-option' for question 'offer-type'",
        ),
        ({"answers": {"offer-type": ["study"]}}, "takes one option code"),
        ({"answers": {"route": "iv"}}, "takes a non-empty list"),
        ({"answers": {"route": []}}, "takes a non-empty list"),
        ({"answers": {"route": ["iv", "iv"]}}, "given twice"),
        ({"answers": {"route": ["iv", "dont-know"]}}, "'dont-know' cannot be combined"),
        ({"catalogue_version": "1", "answers": {}}, "catalogue_version"),
        ({"catalogue_version": 0, "answers": {}}, "catalogue_version"),
        ({"expected_level": "extreme", "answers": {}}, "expected_level"),
        ({"offer": {"clinic": "X"}, "answers": {}}, "Unknown offer field 'clinic'"),
        ({"offer": {"price": "9" * 101}, "answers": {}}, "longer than 100"),
        ({"offer": {"price": 5}, "answers": {}}, "must be text"),
        ({"format": "other", "answers": {}}, "format"),
    ],
)
def test_invalid_files_are_refused_with_a_message_naming_the_problem(shipped, data, message):
    with pytest.raises(AnswerFileError, match=message):
        parse_answer_file(data, shipped)


def test_answers_to_json_is_the_inverse(shipped):
    parsed = parse_answer_file(valid_file(), shipped)
    assert answers_to_json(parsed.answers, shipped) == {"offer-type": "study", "route": ["iv", "joint"]}
