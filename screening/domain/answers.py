"""The answer format: a person's answers about one offer, by stable codes.

An answer file is a JSON object::

    {
      "format": "stem-cell-offer-check/answers",      (optional)
      "catalogue_version": 1,                          (optional: the latest published if absent)
      "offer": {                                       (optional; free text, each with a length limit,
        "answering_for": "child",                        and two choices: who the answers are about,
        "provider": "hospital",                          and who offers it; see domain.voice)
        "currency": "jpy",                               (the cost answers' currency: ISO 4217)
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
      "expected_level": "high",                        (optional: the calibration library's)
      "acceptable_levels": ["moderate", "high"]        (optional: where a case is borderline)
    }

The rules, checked by :func:`parse_answer_file` and, for the web form, by the same
:func:`check_choice`: every question and option code must exist in the catalogue version; a
single-choice question takes one option; a multiple-choice question takes a non-empty list with
no repeats; "I don't know" and other "only this" options cannot be combined with another
option. Answers to questions that the show-if rules hide are accepted and ignored by scoring.
Questions may be left out. Every refusal is an AnswerFileError carrying a Problem.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from screening.domain.catalogue import Catalogue, Question
from screening.domain.problems import Problem, ProblemError
from screening.domain.vocabulary import CURRENCY_CODE, LEVELS
from screening.domain.voice import ANSWERING_FOR, PROVIDERS

FORMAT = "stem-cell-offer-check/answers"


@dataclass(frozen=True)
class OfferField:
    name: str
    max_length: int


# The free-text details of the offer, in the order they are asked and shown: defined here only.
OFFER_FIELDS: tuple[OfferField, ...] = (
    OfferField("condition", 200),
    OfferField("treatment", 500),
    OfferField("country", 100),
    OfferField("price", 100),
)
_OFFER_LIMITS = {f.name: f.max_length for f in OFFER_FIELDS}


@dataclass(frozen=True)
class OfferChoice:
    name: str
    options: tuple[str, ...]  # the first is what an offer without this choice means


# The offer's two choices, asked before its free text: who the answers are about and who offers
# the treatment. They change the words the questions and the report use, never the scoring.
OFFER_CHOICES: tuple[OfferChoice, ...] = (
    OfferChoice("answering_for", ANSWERING_FOR),
    OfferChoice("provider", PROVIDERS),
)
_OFFER_CHOICE_OPTIONS = {c.name: c.options for c in OFFER_CHOICES}
# The currency the cost answers are given in: any ISO 4217 code; one the version does not hold
# leaves the answers in the catalogue's own words (domain.voice).
OFFER_CURRENCY = "currency"
_TOP_LEVEL_KEYS = {
    "format",
    "catalogue_version",
    "offer",
    "answers",
    "title",
    "notes",
    "expected_level",
    "acceptable_levels",
    "sources",
}


class AnswerFileError(ProblemError):
    """The answers are invalid; the problem names the bad code."""


@dataclass(frozen=True)
class AnswerFile:
    answers: dict[str, frozenset[str]]
    offer: dict[str, str] = field(default_factory=dict)
    catalogue_version: int | None = None
    expected_level: str | None = None
    acceptable_levels: tuple[str, ...] = ()


def read_header(data: Any) -> int | None:
    """The catalogue version an answer file asks for, checked before the catalogue is loaded."""
    if not isinstance(data, dict):
        raise AnswerFileError(Problem("file-not-object"))
    unknown_keys = sorted(set(data) - _TOP_LEVEL_KEYS)
    if unknown_keys:
        raise AnswerFileError(Problem("file-unknown-field", params={"field": unknown_keys[0]}))
    if "format" in data and data["format"] != FORMAT:
        raise AnswerFileError(Problem("file-format", params={"format": FORMAT}))
    version = data.get("catalogue_version")
    if version is not None and (isinstance(version, bool) or not isinstance(version, int) or version < 1):
        raise AnswerFileError(Problem("file-version"))
    return version


def parse_answer_file(data: Any, catalogue: Catalogue) -> AnswerFile:
    version = read_header(data)
    expected = data.get("expected_level")
    if expected is not None and expected not in LEVELS:
        raise AnswerFileError(
            Problem("file-expected-level", params={"value": repr(expected), "levels": ", ".join(LEVELS)})
        )
    acceptable = data.get("acceptable_levels", [])
    if not isinstance(acceptable, list) or any(level not in LEVELS for level in acceptable):
        raise AnswerFileError(Problem("file-acceptable-levels", params={"levels": ", ".join(LEVELS)}))
    for key in ("title", "notes"):
        if key in data and not isinstance(data[key], str):
            raise AnswerFileError(Problem("file-not-text", params={"field": key}))
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise AnswerFileError(Problem("file-sources"))
    return AnswerFile(
        answers=parse_answers(data.get("answers", {}), catalogue),
        offer=parse_offer(data.get("offer", {})),
        catalogue_version=version,
        expected_level=expected,
        acceptable_levels=tuple(acceptable),
    )


def parse_offer(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise AnswerFileError(Problem("offer-not-object"))
    offer: dict[str, str] = {}
    for key, value in raw.items():
        if key not in _OFFER_LIMITS and key not in _OFFER_CHOICE_OPTIONS and key != OFFER_CURRENCY:
            fields = ", ".join(
                [*(c.name for c in OFFER_CHOICES), OFFER_CURRENCY, *(f.name for f in OFFER_FIELDS)]
            )
            raise AnswerFileError(Problem("offer-unknown-field", params={"field": key, "fields": fields}))
        if not isinstance(value, str):
            raise AnswerFileError(Problem("offer-not-text", params={"field": key}))
        value = value.strip()
        if key == OFFER_CURRENCY:
            # "JPY" as ISO 4217 writes it, or "jpy" as answer files do; "Yen" is a word, not a code.
            if value.isupper():
                value = value.lower()
            if value and not CURRENCY_CODE.match(value):
                raise AnswerFileError(Problem("offer-currency", params={"value": value}))
        elif key in _OFFER_CHOICE_OPTIONS:
            if value and value not in _OFFER_CHOICE_OPTIONS[key]:
                allowed = ", ".join(_OFFER_CHOICE_OPTIONS[key])
                raise AnswerFileError(
                    Problem("offer-unknown-choice", params={"field": key, "value": value, "allowed": allowed})
                )
        elif len(value) > _OFFER_LIMITS[key]:
            raise AnswerFileError(
                Problem("offer-too-long", params={"field": key, "limit": _OFFER_LIMITS[key]})
            )
        if value:
            offer[key] = value
    # Always in the order the fields are defined, whatever order they came in.
    names = [*(c.name for c in OFFER_CHOICES), OFFER_CURRENCY, *(f.name for f in OFFER_FIELDS)]
    return {name: offer[name] for name in names if name in offer}


def check_choice(question: Question, codes: Sequence[str]) -> Problem | None:
    """Why these option codes are not a valid answer to ``question``, or None if they are.

    The one check of a chosen answer: answer files, saved answers and the step form all use it.
    """
    where = ("question", question.code)
    if not codes:
        return Problem("no-answer", where, {"kind": question.kind})
    if question.kind == "single" and len(codes) > 1:
        return Problem("single-takes-one", where)
    for code in codes:
        if question.option(code) is None:
            return Problem("unknown-option", where, {"option": code})
    for code in codes:
        if codes.count(code) > 1:
            return Problem("repeated-option", where, {"option": code})
    if len(codes) > 1:
        for code in codes:
            option = question.option(code)
            if option is not None and option.excludes_others:
                return Problem("exclusive-combined", where, {"option": code, "label": option.label})
    return None


def parse_answers(raw: Any, catalogue: Catalogue) -> dict[str, frozenset[str]]:
    """Check answers keyed by question code against the catalogue; return them normalised."""
    if not isinstance(raw, dict):
        raise AnswerFileError(Problem("answers-not-object"))
    answers: dict[str, frozenset[str]] = {}
    for question_code, value in raw.items():
        question = catalogue.question(question_code)
        if question is None:
            raise AnswerFileError(Problem("unknown-question", ("question", str(question_code))))
        if question.kind == "single":
            if not isinstance(value, str):
                raise AnswerFileError(
                    Problem("single-not-text", ("question", question_code), {"type": type(value).__name__})
                )
            codes = [value]
        else:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise AnswerFileError(Problem("multiple-not-list", ("question", question_code)))
            codes = value
        problem = check_choice(question, codes)
        if problem is not None:
            raise AnswerFileError(problem)
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
