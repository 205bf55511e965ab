"""Who the questions speak to and of: the person answering may be the patient, a parent, or a carer,
and the treatment may be offered by a clinic, a hospital, a doctor's practice or a company.

The catalogue is written for a patient answering about their own offer, from a clinic: "my
condition", "your doctor", "the clinic". :func:`catalogue_spoken` gives the same catalogue in
another voice: "my child's condition", "your child's doctor", "the hospital". Codes, rules and
weights are untouched, so scoring is the same in every voice.

"You" stays the person answering: a parent asks the clinic, pays and signs. Only the words that
mean the patient (their body, condition, doctors and care, and the phrases where they are the
one treated) change. The phrases are listed here, once; ``tests/domain/test_voice.py`` checks that
no patient word of the shipped catalogue is left in the patient's voice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from screening.domain.catalogue import TEXT_FIELDS, Catalogue

SELF, CHILD, CARED_FOR = "self", "child", "cared-for"
ANSWERING_FOR: tuple[str, ...] = (SELF, CHILD, CARED_FOR)
PROVIDERS: tuple[str, ...] = ("clinic", "hospital", "practice", "company")


@dataclass(frozen=True)
class Voice:
    answering_for: str = SELF
    provider: str = "clinic"
    # The currency the person was quoted in (issue 13): the cost answers read in its amounts.
    currency: str = ""

    @property
    def is_plain(self) -> bool:
        """The catalogue's own voice: nothing to change."""
        return self.answering_for == SELF and self.provider == "clinic" and not self.currency


def voice_of(offer: dict[str, str]) -> Voice:
    """The voice an offer's details ask for (the offer step's choices; absent: the patient, a
    clinic, the catalogue's own amounts)."""
    return Voice(offer.get("answering_for", SELF), offer.get("provider", "clinic"), offer.get("currency", ""))


# The patient's things, written after "your", "my", "your own" or "my own".
_PATIENT_NOUNS = (
    "age|batch|blood|body|bone|care|case|cells|chances|choices|condition|current|diagnosis|doctors?|"
    "eye|GP|health|illness|medical|medicines|MS|records|situation|specialist|stage"
)
_TREATED = "bring|examined?|referred|treat|treating|accepted|look after|checking on|checks on|stop|keep|rule"
# Where the patient is meant: (pattern, replacement). {your}, {my}, {you} and {me} are the
# patient's words in the voice (a child and a cared-for person both take "is" and "meets").
# Matched in this order, ignoring case; a replacement that starts a sentence keeps its capital.
_PATIENT_PHRASES: tuple[tuple[str, str], ...] = (
    # Whole phrases first, where the words around the patient change too.
    (r"\bwho knows you and your condition\b", "who knows {you} and {your} condition"),
    (
        r"\bif you are later found unsuitable, become unwell or change your mind\b",
        "if {you} is later found unsuitable or becomes unwell, or if you change your mind",
    ),
    (r"\bif I am turned down or change my mind\b", "if {me} is turned down or I change my mind"),
    (
        r"\bif you have already had (this treatment|a treatment like this) and feel unwell\b",
        r"if {you} has already had \1 and feels unwell",
    ),
    (r"\bgiven back to you\b", "given back to {you}"),
    (r"\byou have chemotherapy\b", "{you} has chemotherapy"),
    (r"\bif you have MS\b", "if {you} has MS"),
    (r"\bwhich kind you have\b", "which kind {you} has"),
    (r"\bwhether you would meet\b", "whether {you} would meet"),
    (r"\bwhether you meet\b", "whether {you} meets"),
    (r"\byou would (be treated|need)\b", r"{you} would \1"),
    (r"\bI would get\b", "{me} would get"),
    (r"\bwhere you would have (it|them)\b", r"where {you} would have \1"),
    (r"\bwhere I would have (it|them)\b", r"where {me} would have \1"),
    (r"\bsay what you were given\b", "say what {you} was given"),
    (r"\btook you with\b", "took {you} with"),
    (r"\byour other treatment options\b", "{your} other treatment options"),
    (r"\b(are|not) your own\b", r"\1 {your} own"),
    (r"\b(are|not) my own\b", r"\1 {my} own"),
    (rf"\byour( own)? ({_PATIENT_NOUNS})\b", r"{your}\1 \2"),
    (rf"\bmy( own)? ({_PATIENT_NOUNS})\b", r"{my}\1 \2"),
    (r"\bif I am (harmed|found unsuitable|turned down)\b", r"if {me} is \1"),
    (r"\bif you are (harmed|later found unsuitable|older)\b", r"if {you} is \1"),
    (r"\bdo I meet\b", "does {me} meet"),
    (r"\bI meet\b", "{me} meets"),
    (r"\bwhether you fit\b", "whether {you} fits"),
    (r"\bor you are examined\b", "or {you} is examined"),
    (rf"\b({_TREATED}) me\b", r"\1 {me}"),
    (rf"\b({_TREATED}) you\b", r"\1 {you}"),
    (r"\b(people|patients|someone) like me\b", r"\1 like {me}"),
    (r"\b(people|patients|someone) like you\b", r"\1 like {you}"),
    (r"\b(work|right|risks?|mean|most|carry|add|route|made|travel) for you\b", r"\1 for {you}"),
    (r"\b(not help|might suit|apply to) you\b", r"\1 {you}"),
)
_PATIENT_WORDS = {
    CHILD: {"your": "your child's", "my": "my child's", "you": "your child", "me": "my child"},
    CARED_FOR: {
        "your": "the person's",
        "my": "the person's",
        "you": "the person you care for",
        "me": "the person I care for",
    },
}
_COMPILED = tuple((re.compile(pattern, re.IGNORECASE), template) for pattern, template in _PATIENT_PHRASES)
_THE_CLINIC = re.compile(r"\b(the|The|your|Your) clinic('s)?\b")
_SENTENCE_START = re.compile(r"[.?!:(“‘\"]\s*$")


def _replacer(template: str, words: dict[str, str]) -> Callable[[re.Match[str]], str]:
    filled = template.format(**words)

    def replace_match(match: re.Match[str]) -> str:
        out = match.expand(filled)
        starts_sentence = _SENTENCE_START.search(match.string, 0, match.start()) or match.start() == 0
        return out[0].upper() + out[1:] if starts_sentence else out

    return replace_match


def speak(text: str, voice: Voice) -> str:
    """``text`` in ``voice``: the patient's words for a child or a cared-for person, and the
    provider's own word for "the clinic"."""
    words = _PATIENT_WORDS.get(voice.answering_for)
    if words is not None:
        for pattern, template in _COMPILED:
            text = pattern.sub(_replacer(template, words), text)
    word = voice.provider if voice.provider in PROVIDERS else "clinic"
    if word != "clinic":
        text = _THE_CLINIC.sub(lambda m: f"{m.group(1)} {word}{m.group(2) or ''}", text)
    return text


def catalogue_spoken(catalogue: Catalogue, voice: Voice) -> Catalogue:
    """The catalogue with every text a person reads in ``voice``; codes, rules and weights as they were."""
    if voice.is_plain:
        return catalogue
    amounts = catalogue.currency(voice.currency)
    in_currency = {(a.question, a.option): a.label for a in amounts.labels} if amounts else {}

    def say(text: str) -> str:
        return speak(text, voice)

    def label(question: str, option) -> str:
        return in_currency.get((question, option.code)) or say(option.label)

    return replace(
        catalogue,
        bands=tuple(replace(b, title=say(b.title), advice=say(b.advice)) for b in catalogue.bands),
        escalations=tuple(replace(e, explanation=say(e.explanation)) for e in catalogue.escalations),
        criteria=tuple(
            replace(c, **{name: say(getattr(c, name)) for name in TEXT_FIELDS}) for c in catalogue.criteria
        ),
        signs=tuple(
            replace(s, **{name: say(getattr(s, name)) for name in TEXT_FIELDS}) for s in catalogue.signs
        ),
        sections=tuple(replace(s, title=say(s.title), intro=say(s.intro)) for s in catalogue.sections),
        words=tuple(replace(w, meaning=say(w.meaning)) for w in catalogue.words),
        phrase_rules=tuple(replace(r, reason=say(r.reason)) for r in catalogue.phrase_rules),
        jurisdictions=tuple(
            replace(
                j,
                approval_meaning=say(j.approval_meaning),
                signposts=tuple(replace(p, title=say(p.title), text=say(p.text)) for p in j.signposts),
            )
            for j in catalogue.jurisdictions
        ),
        questions=tuple(
            replace(
                q,
                text=say(q.text),
                help_text=say(q.help_text),
                options=tuple(
                    replace(o, label=label(q.code, o), report_note=say(o.report_note)) for o in q.options
                ),
            )
            for q in catalogue.questions
        ),
    )
