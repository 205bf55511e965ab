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

from screening.domain.answers import OFFER_CHOICES, OFFER_FIELDS, OfferField
from screening.domain.catalogue import Jurisdiction
from screening.domain.diff import Change
from screening.domain.problems import Problem
from screening.domain.voice import speak, voice_of

# Each problem code the domain (and publishing) can report, as a sentence with its parameters.
PROBLEM_TEXTS: dict[str, str] = {
    # The catalogue file
    "format-not-catalogue": gettext_lazy('This is not a catalogue file (expected "format": "{format}").'),
    "format-version": gettext_lazy("Unsupported format_version {version}."),
    "format-field": gettext_lazy("Missing or malformed field: {field}."),
    "format-number": gettext_lazy("{field}: {value} is not a finite number."),
    # The rule language
    "rule-syntax": gettext_lazy(
        "Line {line}: “{part}” is not of the form “question-code = option-code, option-code” "
        "(or “!=” for “unless”)."
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
    "settings-rules": gettext_lazy("The scoring rules must be 1 or 2, not {value}."),
    "settings-partial-cap": gettext_lazy("The cap on partial points cannot be below 0."),
    "settings-completeness-threshold": gettext_lazy(
        "The completeness threshold must be a share from 0 to 100."
    ),
    "settings-weight": gettext_lazy("The {severity} weight must be more than 0."),
    "band-count": gettext_lazy("This band must be defined exactly once."),
    "band-unknown-level": gettext_lazy("This is not a known level."),
    "band-low-start": gettext_lazy("The low band must start at 0 points."),
    "band-order": gettext_lazy("This band must start above the “{lower}” band."),
    "band-text": gettext_lazy("This band needs a title and advice text."),
    # Codes
    "code-malformed": gettext_lazy("The code must be lowercase letters, digits and single hyphens."),
    "code-duplicate": gettext_lazy("The code is used more than once."),
    # The words page
    "word-text": gettext_lazy("This word needs a term and a meaning."),
    "jurisdiction-no-fallback": gettext_lazy(
        "The countries need a row with the code “{code}”, for any country without its own row."
    ),
    "jurisdiction-code": gettext_lazy(
        "A country's code is its two-letter ISO code in lower case (“jp”), “eu”, or “other”."
    ),
    "jurisdiction-text": gettext_lazy("This country needs a name and what “approved” means there."),
    "jurisdiction-part-of": gettext_lazy("“{part_of}” is not another country or block of the catalogue."),
    "jurisdiction-date": gettext_lazy("“{value}” is not a date written as YYYY-MM-DD."),
    # The offer-text assist's rules (issue 14)
    "phrase-rule-vocabulary": gettext_lazy("Unknown family “{family}” or kind “{kind}”."),
    "phrase-rule-language": gettext_lazy(
        "A rule's language is a two-letter code in lower case (“en”), not “{value}”."
    ),
    "phrase-rule-reason": gettext_lazy(
        "This rule needs a reason, in plain words, shown with what it suggests."
    ),
    "phrase-rule-question": gettext_lazy(
        "“{question}” is not a question this rule can suggest an answer to."
    ),
    "phrase-rule-no-option": gettext_lazy("This rule needs the answer (an option) it suggests."),
    "phrase-rule-option": gettext_lazy("Question “{question}” has no option “{option}”."),
    "phrase-rule-exclusive": gettext_lazy(
        "In “{question}” this option cannot be ticked with others (“none”, “I don't know yet”): "
        "a rule may not suggest it."
    ),
    "phrase-rule-one-option": gettext_lazy(
        "“{question}” takes one answer: the rule may suggest only one option."
    ),
    "phrase-rule-absent-suggests": gettext_lazy(
        "A rule for what a text does not say, or for reported words, suggests no answer: "
        "leave its question and options empty."
    ),
    "phrase-rule-count": gettext_lazy(
        "A counting rule needs how many of its phrases one text must name (two or more). "
        "Other rules need none."
    ),
    "phrase-empty": gettext_lazy("A phrase is empty (“{phrase}”): write at least one word."),
    "phrase-characters": gettext_lazy(
        "“{phrase}” has a sign the phrase language does not know. Use words, spaces, hyphens, "
        "apostrophes, currency signs, and * # ~ % | only."
    ),
    "phrase-no-word": gettext_lazy("“{phrase}” needs at least one word, not only signs."),
    "phrase-gap": gettext_lazy("In “{phrase}”, ~ goes between two words, and once."),
    "phrase-short-stem": gettext_lazy("In “{phrase}”, a * needs at least three letters before it."),
    "phrase-star": gettext_lazy("In “{phrase}”, a * goes only at the end of a word."),
    "currency-code": gettext_lazy("A currency's code is its ISO 4217 code in lower case (“jpy”)."),
    "currency-text": gettext_lazy("This currency needs a name, and a label for each of its answers."),
    "currency-unknown-option": gettext_lazy("Question “{question}” has no option “{option}”."),
    "currency-labels-differ": gettext_lazy(
        "Its labels are not for the same answers as those of {first}: each currency needs them all."
    ),
    "country-question-kind": gettext_lazy(
        "A country question is a single choice, and neither a key question nor a step."
    ),
    "country-question-scores": gettext_lazy(
        "A country question scores nothing: this option may not fire a warning sign or count a "
        "reassuring sign."
    ),
    "country-option-unknown": gettext_lazy(
        "This option's code is not a country of the catalogue (see Countries), nor “I don't know yet”."
    ),
    "signpost-kind": gettext_lazy("Signpost {number}: “{kind}” is not a kind of signpost."),
    "signpost-confidence": gettext_lazy(
        "Signpost {number}: “{value}” is not a confidence (confirmed, partly or not-confirmed)."
    ),
    "signpost-text": gettext_lazy("Signpost {number} needs a title and a text."),
    "signpost-address": gettext_lazy(
        "Signpost {number}: “{address}” is not a plain web address (https:// and a host name)."
    ),
    "signpost-number-name": gettext_lazy(
        "Signpost {number}: only a trial registry names a number to ask for."
    ),
    "word-form-repeated": gettext_lazy("“{form}” is also a way of writing the word {other}."),
    "word-form-blank": gettext_lazy(
        "“{form}” is blank, has spaces at an end or spans lines: one form per line."
    ),
    # Criteria, signs and escalations
    "unknown-severity": gettext_lazy("Unknown severity “{value}”."),
    "unknown-raised-severity": gettext_lazy("Unknown raised severity “{value}”."),
    "unknown-category": gettext_lazy("Unknown category “{value}”."),
    "unknown-level": gettext_lazy("Unknown level “{value}”."),
    "unknown-strength": gettext_lazy("The strength must be one of {allowed}, not “{value}”."),
    "weight-not-positive": gettext_lazy("The weight must be more than 0."),
    "lowered-severity-needs-rule": gettext_lazy(
        "A lawful route's severity needs its “lawful route when” rule, and the other way round."
    ),
    "lowered-severity-not-lower": gettext_lazy(
        "“{value}” is not a severity below the criterion's own: a lawful route can only lower it."
    ),
    "raised-severity-needs-rule": gettext_lazy(
        "A raised severity needs a “raised when” rule, and the other way round."
    ),
    "no-source": gettext_lazy("Active, so it needs at least one source."),
    "source-address": gettext_lazy(
        "The address must start with https:// or http:// and name a plain host, with nothing hidden in it."
    ),
    "never-fired": gettext_lazy("Active, but no answer option fires it."),
    "no-criteria": gettext_lazy("Names no criteria."),
    "unknown-criterion": gettext_lazy("Names unknown criterion “{criterion}”."),
    "inactive-criterion": gettext_lazy("Names inactive criterion “{criterion}”."),
    "unknown-sign": gettext_lazy("Names unknown reassuring sign “{sign}”."),
    "inactive-sign": gettext_lazy("Names inactive reassuring sign “{sign}”."),
    # Sections and questions
    "section-empty": gettext_lazy("Has no questions."),
    "unknown-section": gettext_lazy("Unknown section “{value}”."),
    "unknown-kind": gettext_lazy("The kind must be one of {allowed}, not “{value}”."),
    "too-few-options": gettext_lazy("Needs at least two options."),
    "unknown-option-count": gettext_lazy("Needs exactly one “I don't know” option (has {count})."),
    "unknown-is-silent": gettext_lazy(
        "Its “I don't know” option must fire at least one red flag partly, with no only-if rule."
    ),
    "refused-and-unknown": gettext_lazy("Cannot be both “I don't know yet” and “they would not say”."),
    "refused-is-silent": gettext_lazy(
        "A “they would not or could not say” answer is a warning sign: it must raise at least one."
    ),
    "key-and-step": gettext_lazy(
        "Cannot be both a key question (about the offer) and a step (for the person to do)."
    ),
    "answered-by-repeated": gettext_lazy("Names reassuring sign “{sign}” more than once as answering it."),
    "unknown-fires": gettext_lazy(
        "Its “I don't know yet” option must not raise a warning sign: not knowing yet is a question to ask."
    ),
    "unknown-reassures": gettext_lazy("Its “I don't know” option cannot count as reassuring."),
    # Publishing
    "rule-unparseable": gettext_lazy("A stored rule does not parse. {problem}"),
    # Import: what a draft row cannot hold (the messages are the models' own validation's)
    "row-invalid": gettext_lazy("{field}: {message}"),
    "row-refused": gettext_lazy("{message}"),
    "row-duplicate": gettext_lazy("The same {fields} is used more than once."),
    "note-missing": gettext_lazy("Write a publication note: what changed and why."),
    "draft-changed": gettext_lazy(
        "The draft changed since you reviewed it. Look at the changes again, then publish."
    ),
    # Answer files and answers
    "file-not-object": gettext_lazy("An answer file must be a JSON object."),
    "file-unknown-field": gettext_lazy("Unknown field “{field}” at the top level of the answer file."),
    "file-format": gettext_lazy("“format” must be “{format}”."),
    "file-version": gettext_lazy("“catalogue_version” must be a whole number from 1."),
    "file-expected-level": gettext_lazy("“expected_level” must be one of {levels}, not {value}."),
    "file-not-text": gettext_lazy("“{field}” must be text."),
    "file-acceptable-levels": gettext_lazy("“acceptable_levels” must be a list of levels: {levels}."),
    "file-sources": gettext_lazy("“sources” must be a list of texts (a source each)."),
    # Calibration
    "calibration-answers": gettext_lazy("Its answers no longer fit the catalogue. {problem}"),
    "calibration-outside": gettext_lazy(
        "The catalogue gives “{result}”, {distance} level(s) {direction} "
        "what the expert accepts ({acceptable})."
    ),
    "offer-not-object": gettext_lazy("“offer” must be an object with text fields."),
    "offer-unknown-field": gettext_lazy("Unknown offer field “{field}”; the fields are {fields}."),
    "offer-not-text": gettext_lazy("Offer field “{field}” must be text."),
    "offer-currency": gettext_lazy(
        "The offer's currency “{value}” is not an ISO 4217 code in lower case (“jpy”)."
    ),
    "offer-unknown-choice": gettext_lazy(
        "Offer field “{field}” cannot be “{value}”: it takes one of {allowed}."
    ),
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
    "source": gettext_lazy("source"),
    "case": gettext_lazy("Calibration case"),
    "word": gettext_lazy("Word"),
    "jurisdiction": gettext_lazy("Country"),
    "currency": gettext_lazy("Currency"),
    "phrase-rule": gettext_lazy("Offer-text rule"),
}

# What a person reads in the questionnaire when an answer is refused: the rule is
# domain.answers.check_choice, the same one that checks answer files; these are its words for the
# form, kinder than the file's. A dict value has one wording per kind of question.
ANSWER_TEXTS: dict[str, str | dict[str, str]] = {
    "no-answer": {
        "single": gettext_lazy("Choose an answer. If you are not sure, choose “I don't know”."),
        "multiple": gettext_lazy("Tick at least one answer. If you are not sure, tick “I don't know”."),
    },
    "single-takes-one": gettext_lazy("Choose only one answer."),
    "unknown-option": gettext_lazy("Choose one of the answers listed."),
    "repeated-option": gettext_lazy("Choose each answer only once."),
    "exclusive-combined": gettext_lazy("“{label}” cannot be ticked together with other answers."),
}


def describe_problem(problem: Problem) -> str:
    """The problem as one sentence, prefixed with where it is ("Question route, option iv: ...")."""
    params = {k: describe_problem(v) if isinstance(v, Problem) else v for k, v in problem.params.items()}
    text = str(PROBLEM_TEXTS[problem.code]).format(**params)
    where = _where(problem.where)
    return f"{where}: {text}" if where else text


def describe_answer_problem(problem: Problem, kind: str) -> str:
    """A refused answer in the questionnaire's words, for a question of ``kind``."""
    text = ANSWER_TEXTS[problem.code]
    if isinstance(text, dict):
        text = text[kind]
    return str(text).format(**problem.params)


def _where(path: tuple[str, ...]) -> str:
    """("question", "route", "option", "iv") -> "Question route, option iv"; a kind without a code
    ("settings", "") is its word alone."""
    pairs = zip(path[::2], path[1::2], strict=False)
    return ", ".join(f"{_KINDS.get(kind, kind)} {code}".strip() for kind, code in pairs)


def describe_change(change: Change) -> str:
    kind = _KINDS.get(change.kind, change.kind)
    if change.action == "first-version":
        return _("First version: everything is new.")
    if change.kind == "settings":
        return _("Settings: {name} changed from {old} to {new}.").format(
            name=change.code, old=change.before, new=change.after
        )
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
    hard_texts: list[str]
    past_review: list[str]


def preview_lines(preview) -> PreviewLines:
    """A publish preview in words: the admin's publish screen and `publish_catalogue --dry-run`."""
    return PreviewLines(
        changes=[describe_change(c) for c in preview.changes],
        problems=[describe_problem(p) for p in preview.problems],
        hard_texts=[describe_hard_text(t) for t in preview.hard_texts],
        past_review=[describe_past_review(item) for item in preview.past_review],
    )


def describe_past_review(item) -> str:
    """A criterion or a country whose review date has passed."""
    if isinstance(item, Jurisdiction):
        return _("Country {code}: due for review on {date}: “{name}”").format(
            code=item.code, date=item.review_by, name=item.name
        )
    return _("Criterion {code}: due for review on {date}: “{title}”").format(
        code=item.code, date=item.review_by, title=item.title
    )


def describe_hard_text(score) -> str:
    """A readability warning: where the text is, its grade, and its start."""
    text = score.text if len(score.text) <= 120 else score.text[:117] + "..."
    return _("{kind} {code}, {field}: grade {grade} ({words} words): “{text}”").format(
        kind=score.kind.capitalize(),
        code=score.code,
        field=score.field,
        grade=score.grade,
        words=score.words,
        text=text,
    )


@dataclass(frozen=True)
class OfferText:
    question: str  # how the step asks for it, and how the review lists it
    help: str
    summary: str  # how the report labels it
    lines: int = 1  # the size of its box on the step: several lines for a longer text


OFFER_TEXTS: dict[str, OfferText] = {
    "condition": OfferText(
        gettext_lazy("What condition is the treatment for?"),
        gettext_lazy("For example: relapsing MS, autism, knee osteoarthritis."),
        gettext_lazy("Condition"),
    ),
    "treatment": OfferText(
        gettext_lazy("What treatment is offered?"),
        gettext_lazy("In your own words, or as the offer describes it."),
        gettext_lazy("What is offered"),
        lines=3,
    ),
    "country": OfferText(
        gettext_lazy("In which country would the treatment be given?"), "", gettext_lazy("Clinic's country")
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


@dataclass(frozen=True)
class OfferChoiceText:
    question: str
    help: str
    summary: str
    labels: dict[str, str]  # option code -> label


OFFER_CHOICE_TEXTS: dict[str, OfferChoiceText] = {
    "answering_for": OfferChoiceText(
        gettext_lazy("Who are you answering for?"),
        gettext_lazy(
            "The questions and the report will then speak of your child, or of the person you care for."
        ),
        gettext_lazy("Answers about"),
        {
            "self": gettext_lazy("Myself"),
            "child": gettext_lazy("My child"),
            "cared-for": gettext_lazy("Someone I care for"),
        },
    ),
    "provider": OfferChoiceText(
        gettext_lazy("Who is offering the treatment?"),
        gettext_lazy("The questions will use the same word."),
        gettext_lazy("Offered by"),
        {
            "clinic": gettext_lazy("A clinic"),
            "hospital": gettext_lazy("A hospital"),
            "practice": gettext_lazy("A doctor's practice"),
            "company": gettext_lazy("A company or a website"),
        },
    ),
}


# The offer's currency (issue 13): its choices are the version's currencies, named by the catalogue.
# The clinic's text, pasted on the offer step for the assist to read (issue 14).
OFFER_TEXT_TEXT = OfferText(
    question=gettext_lazy("Paste the clinic's advert, e-mail or message (optional)"),
    help=gettext_lazy(
        "The app reads it to suggest answers on the next pages. Each one shows the words it came "
        "from, and you check it. We keep the text only with your answers, and delete it with them. "
        "Leave out names, phone numbers and addresses."
    ),
    summary="",
)


@dataclass(frozen=True)
class CurrencyText(OfferText):
    none: str = ""  # the choice that leaves the amounts without a currency


CURRENCY_TEXT = CurrencyText(
    question=gettext_lazy("In which currency did they quote the price?"),
    help=gettext_lazy("The question about the cost will then give its amounts in it."),
    summary=gettext_lazy("Currency"),
    none=gettext_lazy("Another currency, or not sure"),
)

if any(set(OFFER_CHOICE_TEXTS[c.name].labels) != set(c.options) for c in OFFER_CHOICES):
    raise ImproperlyConfigured("OFFER_CHOICE_TEXTS must label every option of domain.answers.OFFER_CHOICES")

# Whom the patient's words name on the pages, by domain.voice's "answering_for".
VOICE_NOTES: dict[str, str] = {
    "child": gettext_lazy("You are answering for your child."),
    "cared-for": gettext_lazy("You are answering for the person you care for."),
}


def voice_note(offer: dict[str, str]) -> str:
    """The line each page shows when the answers are about someone else, or ""."""
    return str(VOICE_NOTES.get(offer.get("answering_for", ""), ""))


# The report's own sentences that speak of the patient or the clinic, in the catalogue's voice.
# report_words() gives them in the screening's voice (domain.voice), as the catalogue's texts are.
REPORT_WORDS: dict[str, str] = {
    "ask_clinic": gettext_lazy("Ask the clinic"),
    "talk_to_doctor": gettext_lazy("Talk to your doctor"),
    "find_out_more": gettext_lazy("Find out more before you decide, and talk to your doctor."),
    "not_knowing_ask": gettext_lazy("Not knowing is not a warning sign. Ask the clinic:"),
    "unknown_is_a_question": gettext_lazy(
        "You do not know these yet. That is not a warning sign. It is a question to ask the clinic."
    ),
    "take_to_specialist": gettext_lazy(
        "Take this report to your own specialist, the doctor who knows your condition. "
        "Talk it through before you decide anything or pay anything."
    ),
    "feel_unwell": gettext_lazy(
        "If you have already had a treatment like this and feel unwell, get medical help now. "
        "This includes fever, headache, new weakness, eye pain or loss of sight. Say what you were given."
    ),
    # The text report's shorter forms (report.txt).
    "take_to_specialist_short": gettext_lazy(
        "Take it to your own specialist and talk it through before you decide or pay anything."
    ),
    "feel_unwell_short": gettext_lazy(
        "If you have already had a treatment like this and feel unwell, get medical help now. "
        "Say what you were given."
    ),
    "update_answers": gettext_lazy("I asked the clinic: update my answers"),
    "steps_intro": gettext_lazy(
        "You have not done these checks yet. They do not change the result. But they can turn up "
        "problems, such as warnings about the clinic. Your doctor or a patient charity can help."
    ),
    "check_it_first": gettext_lazy(
        "You have not checked it yet. "
        "With your doctor, first look up the trial or approval number on a public list."
    ),
    "doctor_notes": gettext_lazy("Notes from my doctor"),
    # On paper the open questions are listed without what to ask about each (print.css).
    "asks_on_screen": gettext_lazy("The report on screen says what to ask the clinic about each one."),
    # Rule 14, on a warning sign's card and in the text report.
    "lawful_route": gettext_lazy(
        "It may be legal where the clinic is, so this counts for less here. "
        "Being legal does not mean it works."
    ),
    # The signposts (issue 13): "Ask the clinic for the" + "jRCT number".
    "ask_clinic_for": gettext_lazy("Ask the clinic for the"),
    "signposts_not_checked": gettext_lazy("Our team has not checked all of these yet."),
    "signposts_check_first": gettext_lazy(
        "Things change: please check each one before you rely on it, and talk to your doctor."
    ),
}

# What each kind of signpost is for, as the report heads it (and the admin lists it).
SIGNPOST_KIND_WORDS: dict[str, str] = {
    "regulator": gettext_lazy("Who approves treatments"),
    "approval-check": gettext_lazy("Check an approval"),
    "trial-registry": gettext_lazy("Look up a trial"),
    "licence-register": gettext_lazy("Check a licence"),
    "report-clinic": gettext_lazy("Report a clinic"),
    "report-advert": gettext_lazy("Report an advert"),
    "report-harm": gettext_lazy("Report harm after a treatment"),
    "lawful-route": gettext_lazy("Legal there, but not proof that it works"),
}


def report_words(offer: dict[str, str]) -> dict[str, str]:
    """REPORT_WORDS in the voice the offer's choices ask for."""
    voice = voice_of(offer)
    return {key: speak(str(text), voice) for key, text in REPORT_WORDS.items()}


def offer_summary(offer: dict[str, str], currency_name: str = "") -> list[tuple[str, str]]:
    """The offer as the report shows it: (label, value) of each field given, in the defined order.
    A choice is shown only where it differs from what an offer without it means; the currency by
    its name in the version (``currency_name``), when one was chosen."""
    rows = [
        (str(OFFER_CHOICE_TEXTS[c.name].summary), str(OFFER_CHOICE_TEXTS[c.name].labels[offer[c.name]]))
        for c in OFFER_CHOICES
        if offer.get(c.name, c.options[0]) != c.options[0]
    ]
    if currency_name:
        rows.append((str(CURRENCY_TEXT.summary), currency_name))
    return rows + [
        (str(OFFER_TEXTS[f.name].summary), offer[f.name]) for f in OFFER_FIELDS if offer.get(f.name)
    ]


def offer_review(
    offer: dict[str, str],
    fields: tuple[OfferField, ...] = OFFER_FIELDS,
    currencies: tuple[tuple[str, str], ...] = (),
) -> list[tuple[str, str]]:
    """The offer as the "check your answers" page lists it: every field the step asks, as asked
    (the currency when the version has ``currencies``, as (code, name))."""
    choices = [
        (
            str(OFFER_CHOICE_TEXTS[c.name].question),
            str(OFFER_CHOICE_TEXTS[c.name].labels[offer.get(c.name, c.options[0])]),
        )
        for c in OFFER_CHOICES
    ]
    if currencies:
        code = offer.get("currency", "")
        name = dict(currencies).get(code, code.upper())  # an answer file's code the version lacks
        choices.append((str(CURRENCY_TEXT.question), name))
    return choices + [(str(OFFER_TEXTS[f.name].question), offer.get(f.name, "")) for f in fields]
