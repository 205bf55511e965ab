"""Where the words of the glossary appear in a text, so a page can link their first mention to
the words page and a report can list the words it used.

A word is found by its term or any of its forms, as whole words, in any case; where two forms
overlap, the longer one wins ("stem cell transplant" before "stem cell").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from screening.domain.catalogue import Word


@dataclass(frozen=True)
class Piece:
    """A run of text; ``word`` is set when the run is a mention of that word."""

    text: str
    word: Word | None = None


@lru_cache(maxsize=8)
def _matcher(words: tuple[Word, ...]) -> tuple[re.Pattern[str] | None, dict[str, Word]]:
    """One pattern with a named group per form, longest first (so "stem cell transplant" wins
    over "stem cell"); a match names its form's group, so no second lookup can disagree with it."""
    forms: list[tuple[str, Word]] = []
    taken: set[str] = set()
    for word in words:
        for form in word.all_forms:
            if form.casefold() not in taken:  # validation refuses a form on two words
                taken.add(form.casefold())
                forms.append((form, word))
    if not forms:
        return None, {}
    forms.sort(key=lambda pair: -len(pair[0]))
    by_group = {f"f{i}": word for i, (_, word) in enumerate(forms)}
    alternation = "|".join(f"(?P<f{i}>{re.escape(form)})" for i, (form, _) in enumerate(forms))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE), by_group


def pieces(text: str, words: tuple[Word, ...], seen: set[str] | None = None) -> list[Piece]:
    """``text`` cut into plain runs and word mentions. With ``seen`` (the codes of words already
    mentioned on the page), only each word's first mention is marked, and ``seen`` is updated."""
    pattern, by_group = _matcher(words)
    if pattern is None:
        return [Piece(text)] if text else []
    result: list[Piece] = []
    at = 0
    for match in pattern.finditer(text):
        word = by_group[match.lastgroup or ""]
        if seen is not None:
            if word.code in seen:
                continue
            seen.add(word.code)
        if match.start() > at:
            result.append(Piece(text[at : match.start()]))
        result.append(Piece(match.group(0), word))
        at = match.end()
    if at < len(text):
        result.append(Piece(text[at:]))
    return result


def words_used(texts: Iterable[str], words: tuple[Word, ...]) -> tuple[Word, ...]:
    """The words the texts mention, in the glossary's order."""
    pattern, by_group = _matcher(words)
    if pattern is None:
        return ()
    found = {by_group[m.lastgroup or ""].code for text in texts for m in pattern.finditer(text)}
    return tuple(w for w in words if w.code in found)
