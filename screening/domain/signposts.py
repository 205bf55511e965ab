"""Where to check this offer and where to get help: the catalogue's signposts for the country of
treatment and the person's home country (issue 13).

The two country questions say where; this module says what a person can do there. It scores
nothing. A catalogue version without countries gives no blocks, so reports given before them read
as they did.
"""

from __future__ import annotations

from dataclasses import dataclass

from screening.domain.catalogue import Catalogue, Jurisdiction, Signpost
from screening.domain.conditions import Answers
from screening.domain.vocabulary import OTHER_COUNTRY, SIGNPOST_KINDS

TREATMENT_COUNTRY = "treatment-country"
HOME_COUNTRY = "home-country"
COUNTRY_QUESTIONS = (TREATMENT_COUNTRY, HOME_COUNTRY)
# What page one of the printout names for each country, to take to the doctor: whom to ask,
# where to look it up, where to report harm. The screen has every signpost, with its address.
ON_PAPER = ("regulator", "approval-check", "trial-registry", "report-harm", "lawful-route")


@dataclass(frozen=True)
class SignpostBlock:
    """One country's signposts as a report shows them."""

    role: str  # "treatment", "home" or "both" (treated where they live)
    code: str
    name: str
    approval_meaning: str
    signposts: tuple[Signpost, ...]  # the country's own, then its block's (the EU's), by kind
    # The day the oldest of its signposts was last opened by a person; None while any one has not
    # been checked (each of those carries a "please check" note).
    last_checked: str | None
    asks: tuple[str, ...]  # the numbers to ask the clinic for, e.g. "jRCT number"

    @property
    def by_kind(self) -> tuple[tuple[str, tuple[Signpost, ...]], ...]:
        """The signposts under their kinds, in the kinds' order: one heading for two trial registers."""
        kinds = dict.fromkeys(p.kind for p in self.signposts)
        return tuple((kind, tuple(p for p in self.signposts if p.kind == kind)) for kind in kinds)

    @property
    def on_paper(self) -> tuple[tuple[str, tuple[Signpost, ...]], ...]:
        return tuple((kind, posts) for kind, posts in self.by_kind if kind in ON_PAPER)


def country_answer(
    catalogue: Catalogue, answers: Answers, question: str, legacy_text: str = ""
) -> str | None:
    """The jurisdiction code a country question was answered with, or None when it was not answered
    (or "I don't know yet"). An answer file from before the country questions named the country of
    treatment in free text: a country's name or code, written exactly, still finds its row."""
    chosen = answers.get(question)
    if chosen:
        return next((code for code in sorted(chosen) if catalogue.jurisdiction(code)), None)
    text = legacy_text.strip().casefold()
    if text:
        for j in catalogue.jurisdictions:
            if text in (j.name.casefold(), j.code) and j.code != OTHER_COUNTRY:
                return j.code
    return None


def signposts_for(catalogue: Catalogue, answers: Answers, offer: dict[str, str]) -> tuple[SignpostBlock, ...]:
    """The blocks a report shows: the country of treatment (the fallback row when it is not known
    yet), then the home country when it is another one. The fallback speaks of where the clinic
    is, so it is never a home block: "another country" at home adds nothing to it."""
    if not catalogue.jurisdictions:
        return ()
    treatment = country_answer(catalogue, answers, TREATMENT_COUNTRY, offer.get("country", ""))
    home = country_answer(catalogue, answers, HOME_COUNTRY)
    if home == OTHER_COUNTRY:
        home = None
    blocks = []
    first = catalogue.jurisdiction(treatment or OTHER_COUNTRY)
    if first is not None:
        role = "both" if home is not None and treatment == home else "treatment"
        blocks.append(_block(catalogue, first, role))
    if home is not None and home != treatment:
        second = catalogue.jurisdiction(home)
        if second is not None:
            blocks.append(_block(catalogue, second, "home"))
    return tuple(blocks)


def _block(catalogue: Catalogue, country: Jurisdiction, role: str) -> SignpostBlock:
    region = catalogue.jurisdiction(country.part_of) if country.part_of else None
    own = {(p.kind, p.title) for p in country.signposts}
    # The block's (the EU's) signposts too, unless the country names the same one itself.
    posts = (
        *country.signposts,
        *(p for p in (region.signposts if region else ()) if (p.kind, p.title) not in own),
    )
    posts = tuple(sorted(posts, key=lambda p: SIGNPOST_KINDS.index(p.kind)))  # validated kinds
    opened = [p.last_opened for p in posts if p.is_checked and p.last_opened]
    return SignpostBlock(
        role=role,
        code=country.code,
        name=country.name,
        approval_meaning=country.approval_meaning,
        signposts=posts,
        last_checked=min(opened) if opened and len(opened) == len(posts) else None,
        asks=tuple(dict.fromkeys(p.number_name for p in posts if p.number_name)),
    )
