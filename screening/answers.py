"""The answer format: a person's answers about one offer, by stable codes.

An answer file is a JSON object::

    {
      "format": "stem-cell-offer-check/answers",      (optional)
      "catalogue_version": 1,                          (optional: the latest published if absent)
      "offer": {                                       (optional free text, each with a length limit)
        "condition": "Relapsing MS",
        "treatment": "Fat-derived cells by drip",
        "country": "Mexico",
        "price": "US$ 15,000"
      },
      "answers": {                                     (question code -> option code(s))
        "offer-type": "routine-treatment",             a single-choice question: one option code
        "route": ["iv", "spinal-fluid"]                a multiple-choice question: a list
      },
      "title": "...", "notes": "...",                  (optional, for people reading the file)
      "expected_level": "high"                         (optional: used by the calibration tests)
    }

Rules checked by :func:`parse_answer_file` (each error names the bad code): every question and
option code must exist in the catalogue version; a single-choice question takes one option; a
multiple-choice question takes a non-empty list with no repeats; "I don't know" and other
"only this" options cannot be combined with another option. Answers to questions that the
show-if rules hide are accepted and ignored by scoring. Questions may be left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from screening.catalogue import LEVELS, Catalogue

FORMAT = "stem-cell-offer-check/answers"

OFFER_FIELDS: dict[str, int] = {"condition": 200, "treatment": 500, "country": 100, "price": 100}
_TOP_LEVEL_KEYS = {"format", "catalogue_version", "offer", "answers", "title", "notes", "expected_level"}


class AnswerFileError(ValueError):
    """The answer file is invalid; the message says what and where, in plain words."""


@dataclass(frozen=True)
class AnswerFile:
    answers: dict[str, frozenset[str]]
    offer: dict[str, str] = field(default_factory=dict)
    catalogue_version: int | None = None
    expected_level: str | None = None


def read_header(data: Any) -> int | None:
    """The catalogue version an answer file asks for, checked before the catalogue is loaded."""
    if not isinstance(data, dict):
        raise AnswerFileError("An answer file must be a JSON object.")
    unknown_keys = sorted(set(data) - _TOP_LEVEL_KEYS)
    if unknown_keys:
        raise AnswerFileError(f"Unknown field {unknown_keys[0]!r} at the top level of the answer file.")
    if "format" in data and data["format"] != FORMAT:
        raise AnswerFileError(f'"format" must be {FORMAT!r}.')
    version = data.get("catalogue_version")
    if version is not None and (isinstance(version, bool) or not isinstance(version, int) or version < 1):
        raise AnswerFileError('"catalogue_version" must be a whole number from 1.')
    return version


def parse_answer_file(data: Any, catalogue: Catalogue) -> AnswerFile:
    version = read_header(data)
    expected = data.get("expected_level")
    if expected is not None and expected not in LEVELS:
        raise AnswerFileError(f'"expected_level" must be one of {", ".join(LEVELS)}, not {expected!r}.')
    for key in ("title", "notes"):
        if key in data and not isinstance(data[key], str):
            raise AnswerFileError(f'"{key}" must be text.')
    return AnswerFile(
        answers=parse_answers(data.get("answers", {}), catalogue),
        offer=parse_offer(data.get("offer", {})),
        catalogue_version=version,
        expected_level=expected,
    )


def parse_offer(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise AnswerFileError('"offer" must be an object with text fields.')
    offer: dict[str, str] = {}
    for key, value in raw.items():
        if key not in OFFER_FIELDS:
            raise AnswerFileError(f"Unknown offer field {key!r}; the fields are {', '.join(OFFER_FIELDS)}.")
        if not isinstance(value, str):
            raise AnswerFileError(f"Offer field {key!r} must be text.")
        value = value.strip()
        if len(value) > OFFER_FIELDS[key]:
            raise AnswerFileError(f"Offer field {key!r} is longer than {OFFER_FIELDS[key]} characters.")
        if value:
            offer[key] = value
    return offer


def parse_answers(raw: Any, catalogue: Catalogue) -> dict[str, frozenset[str]]:
    """Check answers keyed by question code against the catalogue; return them normalised."""
    if not isinstance(raw, dict):
        raise AnswerFileError('"answers" must be an object: question code -> option code(s).')
    answers: dict[str, frozenset[str]] = {}
    for question_code, value in raw.items():
        question = catalogue.question(question_code)
        if question is None:
            raise AnswerFileError(f"Unknown question code {question_code!r}.")
        if question.kind == "single":
            if not isinstance(value, str):
                raise AnswerFileError(
                    f"Question {question_code!r} takes one option code (text), not {type(value).__name__}."
                )
            codes = [value]
        else:
            if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
                raise AnswerFileError(f"Question {question_code!r} takes a non-empty list of option codes.")
            codes = value
        for code in codes:
            if question.option(code) is None:
                raise AnswerFileError(f"Unknown option code {code!r} for question {question_code!r}.")
        if len(set(codes)) != len(codes):
            raise AnswerFileError(f"Question {question_code!r}: an option is given twice.")
        if len(codes) > 1:
            for code in codes:
                option = question.option(code)
                if option is not None and option.exclusive:
                    raise AnswerFileError(
                        f"Question {question_code!r}: option {code!r} cannot be combined with other options."
                    )
        answers[question_code] = frozenset(codes)
    return answers


def answers_to_json(answers: Mapping[str, frozenset[str]], catalogue: Catalogue) -> dict[str, Any]:
    """The inverse of :func:`parse_answers`, in questionnaire and option order."""
    out: dict[str, Any] = {}
    for question in catalogue.questions:
        chosen = answers.get(question.code)
        if not chosen:
            continue
        ordered = [o.code for o in question.options if o.code in chosen]
        out[question.code] = ordered[0] if question.kind == "single" else ordered
    return out
