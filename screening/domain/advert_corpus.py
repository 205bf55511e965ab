"""How well the offer-text assist reads: its suggestions against a labelled corpus (issue 14).

Each corpus text carries the answers a careful reader takes from it, within the assist's scope
(``fixtures/adverts/scope.json``: the question and option codes of each family of markers). A
suggestion is right when the labels have it; a label is found when the assist suggests it.
Precision and recall are counted over (text, question, option), per family and overall.

The corpus is split once, by the text's number: those divisible by three are held out (never
read while the rules are tuned), the rest are for tuning. Both are reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from screening.domain.adverts import read_offer_text
from screening.domain.catalogue import Catalogue

SPLITS = ("tuning", "held-out", "all")


@dataclass(frozen=True)
class CorpusText:
    id: str
    kind: str  # "advert" or "control" (not marketing: a negative control)
    text: str
    answers: frozenset[tuple[str, str]]  # (question, option) a careful reader takes from it
    not_said: frozenset[str]

    @property
    def split(self) -> str:
        return "held-out" if int("".join(ch for ch in self.id if ch.isdigit()) or 0) % 3 == 0 else "tuning"


def corpus_text(data: Mapping[str, Any]) -> CorpusText:
    return CorpusText(
        id=data["id"],
        kind=data["kind"],
        text=data["text"],
        answers=frozenset((q, o) for q, options in data["answers"].items() for o in options),
        not_said=frozenset(data.get("not_said", ())),
    )


@dataclass
class Tally:
    right: int = 0  # suggested and labelled
    wrong: int = 0  # suggested, not labelled
    missed: int = 0  # labelled, not suggested

    @property
    def precision(self) -> float | None:
        suggested = self.right + self.wrong
        return self.right / suggested if suggested else None

    @property
    def recall(self) -> float | None:
        labelled = self.right + self.missed
        return self.right / labelled if labelled else None


@dataclass
class Score:
    families: dict[str, Tally]
    overall: Tally
    # Per text: what was suggested but not labelled, and labelled but not suggested.
    wrong: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    missed: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # Suggestions of a warning sign (an option that fires a criterion) in negative controls.
    control_warnings: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # What the texts do not say ("absent" rules against the labels' not_said), apart from the rest.
    not_said: Tally = field(default_factory=Tally)


def score_corpus(
    catalogue: Catalogue,
    scope: Mapping[str, Iterable[Iterable[str]]],
    texts: Iterable[CorpusText],
    not_said_rules: Mapping[str, str] | None = None,
) -> Score:
    """``not_said_rules``: for each not_said label ("risks"), the code of the absent rule that
    says it ("says-nothing-about-risks")."""
    family_of = {(q, o): family for family, pairs in scope.items() for q, o in pairs}
    families = {family: Tally() for family in scope}
    overall = Tally()
    result = Score(families, overall)
    for text in texts:
        reading = read_offer_text(catalogue, text.text)
        suggested = {
            (s.question, o) for s in reading.suggestions for o in s.options if (s.question, o) in family_of
        }
        for pair in suggested | text.answers:
            tally = families[family_of[pair]]
            if pair in suggested and pair in text.answers:
                tally.right += 1
                overall.right += 1
            elif pair in suggested:
                tally.wrong += 1
                overall.wrong += 1
                result.wrong.setdefault(text.id, []).append(pair)
            else:
                tally.missed += 1
                overall.missed += 1
                result.missed.setdefault(text.id, []).append(pair)
        if not_said_rules:
            said = {
                label for label, code in not_said_rules.items() if code in {r.code for r in reading.not_found}
            }
            result.not_said.right += len(said & text.not_said)
            result.not_said.wrong += len(said - text.not_said)
            result.not_said.missed += len(text.not_said - said)
        if text.kind == "control":
            warnings = [
                (s.question, o)
                for s in reading.suggestions
                for o in s.options
                if (s.question, o) not in text.answers and _fires(catalogue, s.question, o)
            ]
            if warnings:
                result.control_warnings[text.id] = warnings
    return result


def _fires(catalogue: Catalogue, question: str, option: str) -> bool:
    found = catalogue.question(question)
    chosen = found.option(option) if found else None
    return bool(chosen and chosen.fires)
