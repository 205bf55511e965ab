"""The catalogue as plain, frozen data: what a published catalogue version contains.

A catalogue is the whole questionnaire and its scoring content: sections (the steps), questions
and their answer options, the warning criteria (red flags) and reassuring signs (green flags)
the options fire, the caution bands, the escalation rules and the scoring settings. Staff edit
it as database rows; publishing turns the rows into one of these objects (``storage.py``),
checks it (``validation.py``) and freezes its JSON (``codec.py``). Everything a patient sees,
and every score, comes from such a frozen object, never from the live rows.

The order of the fields is the order of the keys in the catalogue file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from screening.domain.conditions import Condition

# The texts a person reads about a criterion or a reassuring sign, in the order they appear.
TEXT_FIELDS: tuple[str, ...] = ("title", "explanation", "why_it_matters", "ask_clinic", "discuss_with_doctor")


@dataclass(frozen=True)
class Source:
    """Where a claim comes from, with honest dates: when the entry was written, the source's own
    year, and when a person last opened the link (empty until somebody does)."""

    title: str
    publisher: str
    url: str
    compiled: str  # ISO date the entry was written into the catalogue (the file calls it last_checked)
    year: int | None = None  # the page's or paper's own year of publication or last update
    # A regulator or other government body, ISSCR, a court, or a peer-reviewed paper.
    primary: bool = False
    last_opened: str | None = None  # ISO date a person at the charity opened the link and ticked it


@dataclass(frozen=True)
class Criterion:
    """A red flag. ``weight`` is the points it adds when it fires fully at its own severity."""

    code: str
    category: str
    severity: str
    weight: Decimal
    raised_severity: str | None
    raised_when: Condition | None
    title: str
    explanation: str
    why_it_matters: str
    ask_clinic: str
    discuss_with_doctor: str
    sources: tuple[Source, ...] = ()
    active: bool = True
    # Reassuring signs that answer this concern when they count fully (scoring rules 2, rule 10):
    # then it no longer forces "at least high" nor counts towards an escalation; checked, it adds
    # no points either.
    answered_by: tuple[str, ...] = ()
    review_by: str | None = None  # ISO date by which staff should read it and its sources again
    # A lawful route that is not proof (issue 13): where this rule holds (it names the countries
    # of treatment with such a route, and the answer that points to it), the criterion fires at
    # most at this severity, and the report says that it may be legal there but does not prove
    # that the treatment works.
    lowered_severity: str | None = None
    lowered_when: Condition | None = None
    position: int = 0  # its place in the catalogue, from 1; not written to the file

    def needs_review(self, today: str) -> bool:
        """Its review date has passed (``today`` is an ISO date)."""
        return self.review_by is not None and self.review_by < today


@dataclass(frozen=True)
class Sign:
    """A reassuring sign (green flag). ``weight`` is the points it can offset when it counts fully."""

    code: str
    weight: Decimal
    title: str
    explanation: str
    why_it_matters: str
    ask_clinic: str
    discuss_with_doctor: str
    sources: tuple[Source, ...] = ()
    active: bool = True
    position: int = 0


@dataclass(frozen=True)
class Effect:
    """An option fires a criterion, fully or partly; ``severity`` overrides the criterion's."""

    criterion: str
    strength: str = "full"
    severity: str | None = None
    only_if: Condition | None = None


@dataclass(frozen=True)
class Reassurance:
    sign: str
    strength: str = "full"
    # The answer says the person or their doctor checked it (a registry or approval number).
    verified: bool = False


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    is_unknown: bool = False
    is_exclusive: bool = False
    # Shown in the report whenever this answer is given, e.g. the known risks of a procedure.
    report_note: str = ""
    fires: tuple[Effect, ...] = ()
    reassures: tuple[Reassurance, ...] = ()
    # "I asked; they would not or could not say" (scoring rules 2): a known answer, and a warning
    # sign; on a key question it keeps the level above "low".
    is_refused: bool = False

    @property
    def excludes_others(self) -> bool:
        """Cannot be chosen together with another option: "None of these", "I don't know" and
        "they would not say"."""
        return self.is_exclusive or self.is_unknown or self.is_refused


@dataclass(frozen=True)
class Question:
    code: str
    section: str  # the section's code; in the file, questions are nested in their section
    kind: str
    text: str
    help_text: str
    show_if: Condition | None
    options: tuple[Option, ...]
    # Scoring rules 2: a key question (approval, trial, who pays, evidence, where the cells come
    # from) left unknown keeps the level above "low"; a step is due diligence for the person to do.
    is_key: bool = False
    is_step: bool = False
    # Its options are countries (jurisdiction codes): it says where, not how sound the offer is,
    # so it is not scored (rule 1) and it picks the report's signposts (signposts.py).
    is_country: bool = False

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)

    @property
    def unknown_option(self) -> Option | None:
        return next((o for o in self.options if o.is_unknown), None)

    @property
    def criteria_fired(self) -> tuple[str, ...]:
        """The criteria its answers can fire, each once, in option order."""
        return tuple(dict.fromkeys(e.criterion for o in self.options for e in o.fires))

    @property
    def signs_counted(self) -> tuple[str, ...]:
        """The reassuring signs its answers can count, each once, in option order."""
        return tuple(dict.fromkeys(r.sign for o in self.options for r in o.reassures))


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    intro: str


@dataclass(frozen=True)
class Band:
    level: str
    min_points: Decimal
    title: str
    advice: str


@dataclass(frozen=True)
class Escalation:
    """When every listed criterion fires fully, the level is at least ``level``."""

    code: str
    level: str
    criteria: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class Word:
    """A word a person meets in the questions or the report, and what it means in plain words."""

    code: str  # its place on the words page (/words/#code)
    term: str  # as the words page heads it, e.g. "Drip (IV)"
    meaning: str
    # How texts write it (matched as whole words, in any case), e.g. "IV", "drip". The longest
    # form wins where two overlap ("stem cell transplant" before "stem cell").
    forms: tuple[str, ...] = ()

    @property
    def all_forms(self) -> tuple[str, ...]:
        """The term and its forms, each once, as written (validation refuses blank or padded ones)."""
        return tuple(dict.fromkeys(f for f in (self.term, *self.forms) if f))


@dataclass(frozen=True)
class Signpost:
    """One thing a person can do about a country: whom to ask, where to look up an approval or a
    trial number, where to report harm. Shown as fact only once confirmed and reviewed."""

    kind: str  # vocabulary.SIGNPOST_KINDS
    title: str  # the body's or the tool's name, e.g. "Trial register (jRCT)"
    text: str  # what the person can do there, in plain words
    url: str = ""  # the place itself; empty when no address is confirmed
    number_name: str = ""  # a trial registry's number, as in "Ask for the jRCT number"
    source_url: str = ""  # where the research found this
    confidence: str = "not-confirmed"  # vocabulary.CONFIDENCES
    last_opened: str | None = None  # ISO date a person at the charity last opened the links
    reviewed_by: str = ""  # who at the charity checked this row

    @property
    def is_checked(self) -> bool:
        """Confirmed, opened and reviewed by a person: the only rows shown without "please check"."""
        return self.confidence == "confirmed" and bool(self.last_opened) and bool(self.reviewed_by.strip())


@dataclass(frozen=True)
class Jurisdiction:
    """A country or region (the EU) people are treated in or live in, with its signposts."""

    code: str  # ISO 3166 alpha-2 in lower case, "eu", or vocabulary.OTHER_COUNTRY
    name: str
    approval_meaning: str  # what "approved" means for cell treatments there
    signposts: tuple[Signpost, ...] = ()
    part_of: str = ""  # "eu" for a member state: the EU's signposts apply there too
    review_by: str | None = None  # ISO date by which staff should check it again

    def needs_review(self, today: str) -> bool:
        return self.review_by is not None and self.review_by < today


@dataclass(frozen=True)
class AmountLabel:
    """How one answer about an amount reads in a currency: "¥150,000 to ¥1,500,000"."""

    question: str
    option: str
    label: str


@dataclass(frozen=True)
class Currency:
    """A currency a person may be quoted in (issue 13), with the cost answers in its amounts. The
    answers' codes, and so the scoring, are the same in every currency: only the words change."""

    code: str  # ISO 4217 in lower case: "jpy"
    name: str  # as the offer step lists it: "Japanese yen (¥)"
    labels: tuple[AmountLabel, ...] = ()


@dataclass(frozen=True)
class PhraseRule:
    """A rule of the offer-text assist (issue 14): the words in a clinic's text that suggest an
    answer, for the person to confirm. Its phrases are in the phrase language of domain.adverts
    (plain words; no regular expressions)."""

    code: str
    family: str  # vocabulary.ADVERT_FAMILIES
    reason: str  # in plain words, why these words suggest the answer ("absent": what is missing)
    phrases: tuple[str, ...]  # one per line; "|" between variants of one ("count": one per condition)
    question: str = ""  # the answer it suggests; none for an "absent" or a "reported" rule
    options: tuple[str, ...] = ()
    kind: str = "phrase"  # vocabulary.PHRASE_RULE_KINDS
    language: str = "en"
    # Words that undo a match: negations when they come just before it in the same sentence ("not
    # FDA approved"), disclosures anywhere in the sentence ("experimental", "no guarantee").
    negations: tuple[str, ...] = ()
    disclosures: tuple[str, ...] = ()
    # When set, a match counts only when one of these is in its sentence too ("FDA approval is not
    # required" suggests "because they are my own cells" only with "your own" beside it).
    requires: tuple[str, ...] = ()
    at_least: int = 0  # "count": how many different phrases (conditions) one text must name
    active: bool = True


def _default_severity_weights() -> dict[str, Decimal]:
    return {"minor": Decimal(1), "major": Decimal(3), "critical": Decimal(8)}


@dataclass(frozen=True)
class Settings:
    partial_fraction: Decimal = Decimal("0.5")
    max_offset_share: Decimal = Decimal("0.5")
    score_ceiling: Decimal = Decimal("80")
    severity_weights: Mapping[str, Decimal] = field(default_factory=_default_severity_weights)
    # Which scoring rules the version is scored by (see ``scoring.py``). A version keeps its rules,
    # so a report already given never changes when the rules move on.
    rules: int = 1
    partial_cap: Decimal | None = None  # rules 2: the most points partial firings can add together
    completeness_threshold: int = 0  # rules 2: below this, "too little is known yet to judge"


@dataclass(frozen=True)
class Catalogue:
    settings: Settings
    bands: tuple[Band, ...]
    escalations: tuple[Escalation, ...]
    criteria: tuple[Criterion, ...]
    signs: tuple[Sign, ...]
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]  # in questionnaire order: by section, then position
    words: tuple[Word, ...] = ()  # the glossary, in the words page's order
    jurisdictions: tuple[Jurisdiction, ...] = ()  # per-country signposting (issue 13)
    currencies: tuple[Currency, ...] = ()  # the cost answers in a person's currency (issue 13)
    phrase_rules: tuple[PhraseRule, ...] = ()  # the offer-text assist (issue 14)

    def criterion(self, code: str) -> Criterion | None:
        return self._criteria_by_code.get(code)

    def sign(self, code: str) -> Sign | None:
        return self._signs_by_code.get(code)

    def question(self, code: str) -> Question | None:
        return self._questions_by_code.get(code)

    def escalation(self, code: str) -> Escalation | None:
        return next((e for e in self.escalations if e.code == code), None)

    def currency(self, code: str) -> Currency | None:
        return next((c for c in self.currencies if c.code == code), None)

    def phrase_rule(self, code: str) -> PhraseRule | None:
        return next((r for r in self.phrase_rules if r.code == code), None)

    def jurisdiction(self, code: str) -> Jurisdiction | None:
        return next((j for j in self.jurisdictions if j.code == code), None)

    def questions_in(self, section_code: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.section == section_code)

    def band(self, level: str) -> Band | None:
        return next((b for b in self.bands if b.level == level), None)

    # cached_property writes to the instance's __dict__ directly, so it works on a frozen dataclass.
    @cached_property
    def _criteria_by_code(self) -> dict[str, Criterion]:
        return {c.code: c for c in self.criteria}

    @cached_property
    def _signs_by_code(self) -> dict[str, Sign]:
        return {s.code: s for s in self.signs}

    @cached_property
    def _questions_by_code(self) -> dict[str, Question]:
        return {q.code: q for q in self.questions}


def texts_of(item: Criterion | Sign) -> dict[str, str]:
    """The reader-facing texts of a criterion or sign."""
    return {name: getattr(item, name) for name in TEXT_FIELDS}
