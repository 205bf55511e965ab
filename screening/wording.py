"""The words for what the domain says in codes: problems, changes, and the offer's fields.

The domain (``screening/domain/``) returns codes and parameters; this module and the templates
say them in words, marked for translation. The admin, the command line and the forms all take
their sentences from here, so one problem reads the same wherever it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from screening.domain.answers import OFFER_FIELDS
from screening.domain.diff import Change
from screening.domain.problems import Problem

# Each problem code the domain (and publishing) can report, as a sentence with its parameters.
PROBLEM_TEXTS: dict[str, str] = {
    # The catalogue file
    "format-not-catalogue": gettext_lazy('This is not a catalogue file (expected "format": "{format}").'),
    "format-version": gettext_lazy("Unsupported format_version {version}."),
    "format-field": gettext_lazy("Missing or malformed field: {field}."),
    "format-number": gettext_lazy("{field}: {value} is not a finite number."),
    # The rule language
    "rule-syntax": gettext_lazy(
        "Line {line}: “{part}” is not of the form “question-code = option-code, option-code”."
    ),
    "rule-option-code": gettext_lazy("Line {line}: “{option}” is not a valid option code."),
    "rule-unknown-question": gettext_lazy("Its {rule} rule names unknown question “{question}”."),
    "rule-later-question": gettext_lazy(
        "Its {rule} rule names “{question}”, which is not an earlier question."
    ),
    "rule-unknown-option": gettext_lazy("Its {rule} rule: question “{question}” has no option “{option}”."),
    # Settings and bands
    "settings-partial-fraction": gettext_lazy("The partial fraction must be between 0 and 1 (not 0, not 1)."),
    "settings-offset-share": gettext_lazy("The share reassuring signs may offset must be between 0 and 1."),
    "settings-ceiling": gettext_lazy("The score ceiling must be more than 0."),
    "settings-weight": gettext_lazy("The {severity} weight must be more than 0."),
    "band-count": gettext_lazy("This band must be defined exactly once."),
    "band-unknown-level": gettext_lazy("This is not a known level."),
    "band-low-start": gettext_lazy("The low band must start at 0 points."),
    "band-order": gettext_lazy("This band must start above the “{lower}” band."),
    "band-text": gettext_lazy("This band needs a title and advice text."),
    # Codes
    "code-malformed": gettext_lazy("The code must be lowercase letters, digits and single hyphens."),
    "code-duplicate": gettext_lazy("The code is used more than once."),
    # Criteria, signs and escalations
    "unknown-severity": gettext_lazy("Unknown severity “{value}”."),
    "unknown-raised-severity": gettext_lazy("Unknown raised severity “{value}”."),
    "unknown-category": gettext_lazy("Unknown category “{value}”."),
    "unknown-level": gettext_lazy("Unknown level “{value}”."),
    "unknown-strength": gettext_lazy("The strength must be full or partial, not “{value}”."),
    "weight-not-positive": gettext_lazy("The weight must be more than 0."),
    "raised-severity-needs-rule": gettext_lazy(
        "A raised severity needs a “raised when” rule, and the other way round."
    ),
    "no-source": gettext_lazy("Active, so it needs at least one source."),
    "never-fired": gettext_lazy("Active, but no answer option fires it."),
    "no-criteria": gettext_lazy("Names no criteria."),
    "unknown-criterion": gettext_lazy("Names unknown criterion “{criterion}”."),
    "inactive-criterion": gettext_lazy("Names inactive criterion “{criterion}”."),
    "unknown-sign": gettext_lazy("Names unknown reassuring sign “{sign}”."),
    "inactive-sign": gettext_lazy("Names inactive reassuring sign “{sign}”."),
    # Sections and questions
    "section-empty": gettext_lazy("Has no questions."),
    "unknown-section": gettext_lazy("Unknown section “{value}”."),
    "unknown-kind": gettext_lazy("The kind must be single or multiple, not “{value}”."),
    "too-few-options": gettext_lazy("Needs at least two options."),
    "unknown-option-count": gettext_lazy("Needs exactly one “I don't know” option (has {count})."),
    "unknown-is-silent": gettext_lazy(
        "Its “I don't know” option must fire at least one red flag partly, with no only-if rule."
    ),
    "unknown-reassures": gettext_lazy("Its “I don't know” option cannot count as reassuring."),
    # Publishing
    "rule-unparseable": gettext_lazy("A stored rule does not parse: {error}"),
    "note-missing": gettext_lazy("Write a publication note: what changed and why."),
    "draft-changed": gettext_lazy(
        "The draft changed since you reviewed it. Look at the changes again, then publish."
    ),
    # Answer files and answers
    "file-not-object": gettext_lazy("An answer file must be a JSON object."),
    "file-unknown-field": gettext_lazy("Unknown field “{field}” at the top level of the answer file."),
    "file-format": gettext_lazy("“format” must be “{format}”."),
    "file-version": gettext_lazy("“catalogue_version” must be a whole number from 1."),
    "file-expected-level": gettext_lazy(
        "“expected_level” must be one of low, moderate, high, very high, not {value}."
    ),
    "file-not-text": gettext_lazy("“{field}” must be text."),
    "offer-not-object": gettext_lazy("“offer” must be an object with text fields."),
    "offer-unknown-field": gettext_lazy("Unknown offer field “{field}”; the fields are {fields}."),
    "offer-not-text": gettext_lazy("Offer field “{field}” must be text."),
    "offer-too-long": gettext_lazy("Offer field “{field}” is longer than {limit} characters."),
    "answers-not-object": gettext_lazy("“answers” must be an object: question code -> option code(s)."),
    "unknown-question": gettext_lazy("Unknown question code."),
    "single-not-text": gettext_lazy("Takes one option code (text), not {type}."),
    "multiple-not-list": gettext_lazy("Takes a non-empty list of option codes."),
    "no-answer": gettext_lazy("No option is given."),
    "single-takes-one": gettext_lazy("Takes one option only."),
    "unknown-option": gettext_lazy("Unknown option code “{option}”."),
    "repeated-option": gettext_lazy("Option “{option}” is given twice."),
    "exclusive-combined": gettext_lazy("Option “{option}” cannot be combined with other options."),
}

_KINDS = {
    "band": gettext_lazy("Band"),
    "criterion": gettext_lazy("Criterion"),
    "sign": gettext_lazy("Reassuring sign"),
    "section": gettext_lazy("Section"),
    "question": gettext_lazy("Question"),
    "option": gettext_lazy("option"),
    "escalation": gettext_lazy("Escalation"),
    "settings": gettext_lazy("Settings"),
}


def describe_problem(problem: Problem) -> str:
    """The problem as one sentence, prefixed with where it is ("Question route, option iv: ...")."""
    params = dict(problem.params)
    if problem.code == "offer-unknown-field":
        params["fields"] = ", ".join(f.name for f in OFFER_FIELDS)
    text = str(PROBLEM_TEXTS[problem.code]).format(**params)
    where = _where(problem.where)
    return f"{where}: {text}" if where else text


def _where(path: tuple[str, ...]) -> str:
    parts = [f"{_KINDS.get(kind, kind)} {code}" for kind, code in zip(path[::2], path[1::2], strict=False)]
    return ", ".join(parts)


def describe_change(change: Change) -> str:
    kind = _KINDS.get(change.kind, change.kind)
    if change.action == "first-version":
        return _("First version: everything is new.")
    if change.kind == "settings":
        old, new = change.fields
        return _("Settings: {name} changed from {old} to {new}.").format(name=change.code, old=old, new=new)
    if change.action == "reordered":
        return _("{kind}: the order changed.").format(kind=kind)
    if change.action == "changed":
        return _("{kind} {code}: changed ({fields}).").format(
            kind=kind, code=change.code, fields=", ".join(change.fields)
        )
    if change.action == "added":
        return _("{kind} {code}: added.").format(kind=kind, code=change.code)
    return _("{kind} {code}: removed.").format(kind=kind, code=change.code)


@dataclass(frozen=True)
class PreviewLines:
    changes: list[str]
    problems: list[str]


def preview_lines(preview) -> PreviewLines:
    """A publish preview in words: the admin's publish screen and `publish_catalogue --dry-run`."""
    return PreviewLines(
        changes=[describe_change(c) for c in preview.changes],
        problems=[describe_problem(p) for p in preview.problems],
    )


@dataclass(frozen=True)
class OfferText:
    question: str  # how the step asks for it
    help: str
    summary: str  # how the review and the report label it


OFFER_TEXTS: dict[str, OfferText] = {
    "condition": OfferText(
        gettext_lazy("What condition is the treatment for?"),
        gettext_lazy("For example: relapsing MS, autism, knee osteoarthritis."),
        gettext_lazy("Condition"),
    ),
    "treatment": OfferText(
        gettext_lazy("What does the clinic offer?"),
        gettext_lazy("In your own words, or as the clinic describes it."),
        gettext_lazy("What is offered"),
    ),
    "country": OfferText(
        gettext_lazy("In which country is the clinic?"), "", gettext_lazy("Clinic's country")
    ),
    "price": OfferText(
        gettext_lazy("What price did they quote?"),
        gettext_lazy("With the currency, for example: US$ 15,000."),
        gettext_lazy("Price quoted"),
    ),
}


if set(OFFER_TEXTS) != {f.name for f in OFFER_FIELDS}:
    raise ImproperlyConfigured(
        "OFFER_TEXTS must have the words for every field of domain.answers.OFFER_FIELDS"
    )


def offer_rows(
    offer: dict[str, str], *, label: str = "summary", blanks: bool = False
) -> list[tuple[str, str]]:
    """(label, value) for each offer field, in the defined order; ``blanks`` keeps empty ones."""
    rows = []
    for f in OFFER_FIELDS:
        value = offer.get(f.name, "")
        if value or blanks:
            rows.append((str(getattr(OFFER_TEXTS[f.name], label)), value))
    return rows
