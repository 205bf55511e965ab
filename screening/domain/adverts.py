"""The offer-text assist (issue 14): read the text of a clinic's offer and suggest answers, with
the words that suggest them, for the person to confirm.

The rules are catalogue data (``PhraseRule``), written in a small phrase language, never in
regular expressions:

- words are matched whole, in any case, but a word written in capitals (an abbreviation: "MS",
  "FDA") matches only in capitals, so "MS" is not "Ms"; a hyphen and spaces between words are the same
  ("FDA-registered" finds "FDA registered"); a line break ends a sentence, as a heading does;
- ``word*`` matches any word that starts so ("cure*": cure, cured, cures);
- ``#`` matches a number ("# %" or "#%" finds "85%", "1,000");
- ``~`` stands for up to three words ("no ~ side effects" finds "no known side effects");
- ``|`` separates variants of one phrase ("FDA registered | registered with the FDA").

A phrase does not run across the end of a sentence. A rule's negations undo a match when they
end within three words before it, in the same sentence ("not FDA approved", "there is no cure");
its disclosures undo a match anywhere in its sentence ("this experimental treatment may...").
Three things hold for every rule, because an expert reader reads so:

- a question claims nothing: nothing counts in a sentence that ends with a question mark ("Is
  it a cure?" in a clinic's questions and answers);
- words reported in order to warn claim nothing: nothing counts in a sentence that a "reported"
  rule's phrases mark ("some clinics say", "be wary of"), as in a charity's or a regulator's page;
- at one place the longest match wins, among the rules for one question ("no risk of rejection"
  is the safe-because-your-own-cells claim, not "no risk").

Deterministic and pure: no network, no model, no Django. A suggestion is only a suggestion: the
journey shows it with its words, and nothing counts until the person confirms it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from screening.domain.catalogue import Catalogue, PhraseRule
from screening.domain.problems import Problem

# An abbreviation with dots ("F.D.A.", "U.S."), read as one word ("fda"); a number, with its
# separators ("1,000", "2.5"); a word, with apostrophes inside ("don't"); "%" and currency signs.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*|[^\W_]+|[%$€£¥₹]")
# Where a sentence ends: its punctuation before a space, a line break, a bullet. Not the dot of a
# title before a name ("Dr. Lopez") or of an abbreviation ("F.D.A. registered").
_SENTENCE_END = re.compile(r"[.!?;…]+[\"'”’)\]»]*(?=\s|$)|[\n\u2028\u2029•]")
# Where a clause ends inside a sentence: a negation before it does not reach past it ("No surgery,
# cures MS"; "✅ No surgery ✅ Cures MS").
_CLAUSE_BREAK = re.compile(r"[,:;–—()\[\]\"“”«»]|\s-\s|[^\w\s'’.%$€£¥₹#*&/+-]")
# Words that look like a negation and are not one ("no doubt", "no other clinic can", "not only").
NOT_NEGATIONS = ("no doubt | no other | not only | nothing else | no wonder | no matter | no more",)
_TITLES = frozenset({"dr", "dra", "mr", "mrs", "prof", "sr", "sra"})
# Number words, for "#" ("within two weeks", "nine out of ten"), in the rules' languages.
NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "thousand",
        "few",
        "several",
        "couple",
        "dozen",
        "uno",
        "dos",
        "tres",
        "cuatro",
        "cinco",
        "seis",
        "siete",
        "ocho",
        "nueve",
        "diez",
        "veinte",
        "cien",
        "mil",
    ]
)
GAP = "~"
NUMBER = "#"
CAPITALS = "^"  # marks a part written in capitals (an abbreviation): it matches only in capitals
MAX_GAP = 3
NEGATION_WINDOW = 3  # a negation ending at most this many words before a match undoes it
# What a phrase may hold: letters, digits, spaces, hyphens, apostrophes, and the signs above.
_PHRASE_CHARACTERS = re.compile(r"^[^\W_]*(?:[\s'’\-*#~%$€£¥₹|][^\W_]*)*\Z")
MIN_STEM = 3  # letters before a "*"
TEXT_LIMIT = 20_000  # characters of an offer's text the assist reads (the journey's, the admin's)


@dataclass(frozen=True)
class Passage:
    """Words in the text that a rule matched: where they are (character offsets) and what they say."""

    start: int
    end: int
    text: str
    rule: str


@dataclass(frozen=True)
class Evidence:
    option: str
    passage: Passage


@dataclass(frozen=True)
class Suggestion:
    """A suggested answer to one question: the options, the passages and the rules behind them."""

    question: str
    options: tuple[str, ...]  # in the question's order
    evidence: tuple[Evidence, ...]  # in the text's order
    rules: tuple[PhraseRule, ...]  # in catalogue order; each has its reason in plain words

    def quotes(self, limit: int = 3) -> tuple[str, ...]:
        """The matched words, each once, as the text has them: what the step quotes."""
        seen: dict[str, str] = {}
        for e in self.evidence:
            seen.setdefault(" ".join(e.passage.text.casefold().split()), e.passage.text)
        return tuple(seen.values())[:limit]


@dataclass(frozen=True)
class Reading:
    """What the assist made of a text: its suggestions, and what it looked for and did not find."""

    suggestions: tuple[Suggestion, ...]  # in questionnaire order
    not_found: tuple[PhraseRule, ...]  # the "absent" rules none of whose phrases the text has

    def suggestion(self, question: str) -> Suggestion | None:
        return next((s for s in self.suggestions if s.question == question), None)

    def to_json(self) -> dict[str, dict[str, list]]:
        """Keyed by question code: the options suggested, and each passage behind them (what
        ``suggest_answers --format json`` prints)."""
        return {
            s.question: {
                "options": list(s.options),
                "evidence": [
                    {
                        "option": e.option,
                        "rule": e.passage.rule,
                        "start": e.passage.start,
                        "end": e.passage.end,
                        "text": e.passage.text,
                    }
                    for e in s.evidence
                ],
            }
            for s in self.suggestions
        }


# --- The phrase language ---------------------------------------------------------------------


def phrase_problems(phrase: str) -> tuple[Problem, ...]:
    """What is wrong with a phrase line (empty when it is well formed), each with the phrase."""
    found = []
    params = {"phrase": phrase}
    if not phrase.strip():
        found.append(Problem("phrase-empty", params=params))
    elif not _PHRASE_CHARACTERS.match(phrase):
        found.append(Problem("phrase-characters", params=params))
    else:
        for variant in phrase.split("|"):
            parts = _parts(variant)
            if not parts:
                found.append(Problem("phrase-empty", params=params))
            elif not any(_is_word(p) for p in parts):
                found.append(Problem("phrase-no-word", params=params))
            elif GAP in (parts[0], parts[-1]) or any(
                a == b == GAP for a, b in zip(parts, parts[1:], strict=False)
            ):
                found.append(Problem("phrase-gap", params=params))
            elif any(p.endswith("*") and len(p) - 1 < MIN_STEM for p in parts if p not in (GAP, NUMBER)):
                found.append(Problem("phrase-short-stem", params=params))
            elif any("*" in word[:-1] for word in variant.split()):
                found.append(Problem("phrase-star", params=params))
    return tuple(p for n, p in enumerate(found) if p.code not in {q.code for q in found[:n]})


def _is_word(part: str) -> bool:
    """A part that matches one given word or sign (not "~" or "#")."""
    return part not in (GAP, NUMBER)


@lru_cache(maxsize=4096)
def _parts(variant: str) -> tuple[str, ...]:
    """A phrase variant as its parts: words in lower case, ``word*``, ``#``, ``~``, ``%``."""
    parts: list[str] = []
    for written in variant.replace("-", " ").split():
        raw = _normal(written)
        if raw in (GAP, NUMBER):
            parts.append(raw)
            continue
        star = raw.endswith("*")
        for piece in re.split(r"([#%$€£¥₹])", raw.rstrip("*")):
            if piece in (NUMBER, "%", "$", "€", "£", "¥", "₹"):
                parts.append(piece)
            elif piece:
                words = [t.group() for t in _TOKEN.finditer(piece)]
                parts.extend(words)
        if star and parts and parts[-1].isalpha():
            parts[-1] += "*"
        if _is_capitals(written.rstrip("*")) and parts:
            parts[-1] = CAPITALS + parts[-1]
    return tuple(parts)


def _is_capitals(word: str) -> bool:
    """An abbreviation written in capitals ("MS", "FDA", "F.D.A."): it matches only in capitals,
    so "MS" is not "Ms" and "ED" is not "ed"."""
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _normal(word: str) -> str:
    """A word as rules match it: in lower case, apostrophes straight, an abbreviation's dots gone."""
    word = word.casefold().replace("’", "'")
    return word.replace(".", "") if "." in word and not word[:1].isdigit() else word


@lru_cache(maxsize=4096)
def _variants(line: str) -> tuple[tuple[str, ...], ...]:
    return tuple(p for p in (_parts(v) for v in line.split("|")) if p)


# --- The text -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Text:
    source: str
    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    sentences: tuple[int, ...]
    at: dict[str, tuple[int, ...]]  # each word's places, for the first part of a pattern

    questions: frozenset[int]  # the sentences that end with a question mark
    capitals: tuple[bool, ...]  # each word as written: in capitals ("MS", "F.D.A.", "NCT0123")
    clauses: tuple[int, ...]  # each word's clause: a comma, a dash or a symbol (an emoji) ends one
    # Each phrase line's matches, found once per text: many rules share negations ("not", "no").
    _matches: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict, compare=False)

    def matches(self, line: str) -> tuple[tuple[int, int], ...]:
        """Every (first word, word after the last) where a variant of ``line`` matches."""
        if line not in self._matches:
            found = []
            for parts in _variants(line):
                offset, anchor = _anchor(parts, self)
                for place in self.places(anchor):
                    i = place - offset
                    if i >= 0:
                        end = self.match_at(parts, i, self.sentences[i])
                        if end is not None:
                            found.append((i, end))
            self._matches[line] = tuple(found)
        return self._matches[line]

    @classmethod
    def of(cls, source: str) -> _Text:
        found = list(_TOKEN.finditer(source))
        breaks = _sentence_breaks(source, found)
        words, starts, ends, sentences = [], [], [], []
        sentence = 0
        at: dict[str, list[int]] = defaultdict(list)
        for match in found:
            while sentence < len(breaks) and breaks[sentence][0] < match.start():
                sentence += 1
            word = _normal(match.group())
            at[word].append(len(words))
            words.append(word)
            starts.append(match.start())
            ends.append(match.end())
            sentences.append(sentence)
        return cls(
            source,
            tuple(words),
            tuple(starts),
            tuple(ends),
            tuple(sentences),
            {w: tuple(p) for w, p in at.items()},
            frozenset(n for n, (_, mark) in enumerate(breaks) if "?" in mark),
            tuple(_is_capitals(m.group()) for m in found),
            _clauses(source, found, sentences),
        )

    def fits(self, part: str, i: int) -> bool:
        if part.startswith(CAPITALS):
            return self.capitals[i] and _fits(part[1:], self.words[i])
        return _fits(part, self.words[i])

    def sentence_at(self, offset: int) -> int:
        """The sentence of the word that starts at ``offset``."""
        return self.sentences[bisect_left(self.starts, offset)]

    def places(self, part: str) -> tuple[int, ...]:
        """Where a pattern's first part can match: one word's places, or every word with a stem."""
        if part.startswith(CAPITALS):
            return tuple(i for i in self.places(part[1:]) if self.capitals[i])
        if part.endswith("*"):
            stem = part[:-1]
            return tuple(sorted(i for w, p in self.at.items() if w.startswith(stem) for i in p))
        if part == NUMBER:
            return tuple(i for i, w in enumerate(self.words) if _is_number(w))
        return self.at.get(part, ())

    def match_at(self, parts: tuple[str, ...], i: int, sentence: int) -> int | None:
        """The index after the last word ``parts`` match from word ``i``, or None."""
        if not parts:
            return i
        part, rest = parts[0], parts[1:]
        if part == GAP:
            for skip in range(MAX_GAP + 1):
                end = self.match_at(rest, i + skip, sentence)
                if end is not None:
                    return end
            return None
        if i >= len(self.words) or self.sentences[i] != sentence or not self.fits(part, i):
            return None
        return self.match_at(rest, i + 1, sentence)


def _sentence_breaks(source: str, tokens: list[re.Match[str]]) -> list[tuple[int, str]]:
    """Where each sentence ends, with its punctuation: not inside an abbreviation's dots, nor
    after a title."""
    inside = {
        i
        for t in tokens
        if "." in t.group() and not t.group()[:1].isdigit()
        for i in range(t.start(), t.end())
    }
    by_end = {t.end(): t.group() for t in tokens}
    breaks = []
    for match in _SENTENCE_END.finditer(source):
        if match.start() in inside:
            continue
        if match.group() == "." and _normal(by_end.get(match.start(), "")) in _TITLES:
            continue
        breaks.append((match.start(), match.group()))
    return breaks


def _clauses(source: str, tokens: list[re.Match[str]], sentences: list[int]) -> tuple[int, ...]:
    clauses = []
    clause = 0
    for n, token in enumerate(tokens):
        if n and (
            sentences[n] != sentences[n - 1]
            or _CLAUSE_BREAK.search(source[tokens[n - 1].end() : token.start()])
        ):
            clause += 1
        clauses.append(clause)
    return tuple(clauses)


def _is_number(word: str) -> bool:
    return word[:1].isdigit() or word in NUMBER_WORDS


def _anchor(parts: tuple[str, ...], text: _Text) -> tuple[int, str]:
    """The part to look a pattern up by, and its offset: of the parts before the first "~" (their
    offset is fixed), the plain word the text has fewest of, else the first part. "# out of #"
    is looked up by "out", not by every number of the text."""
    fixed = parts[: parts.index(GAP)] if GAP in parts else parts
    words = [
        (len(text.at.get(p.lstrip(CAPITALS), ())), n, p)
        for n, p in enumerate(fixed)
        if p != NUMBER and not p.endswith("*")
    ]
    if not words:
        return 0, parts[0]
    _, offset, word = min(words)
    return offset, word


def _fits(part: str, word: str) -> bool:
    if part == NUMBER:
        return _is_number(word)
    if part.endswith("*"):
        return word.startswith(part[:-1])
    return word == part


def _find(lines: tuple[str, ...], text: _Text) -> list[tuple[int, int, int]]:
    """Every match of any of ``lines``: (first word, word after the last, line), in the text's
    order, without overlaps (at one place the longest match wins)."""
    found = []
    for number, line in enumerate(lines):
        found += [(start, end, number) for start, end in text.matches(line)]
    found.sort(key=lambda m: (m[0], -(m[1] - m[0]), m[2]))
    kept: list[tuple[int, int, int]] = []
    for match in found:
        if not kept or match[0] >= kept[-1][1]:
            kept.append(match)
    return kept


# --- Rules ---------------------------------------------------------------------------------------


def rule_matches(rule: PhraseRule, source: str) -> tuple[Passage, ...]:
    """The passages a rule matches in ``source`` that no negation or disclosure undoes (for an
    "absent" rule: the passages that show the text does say it)."""
    return tuple(p for p, _ in _rule_matches(rule, _Text.of(source)))


def every_rule_matches(catalogue: Catalogue, source: str) -> list[tuple[PhraseRule, tuple[Passage, ...]]]:
    """What each active rule matches in ``source`` (before questions, reported words and the
    longest match are taken into account): for staff trying the rules on a sample."""
    text = _Text.of(source)
    return [
        (rule, tuple(p for p, _ in _rule_matches(rule, text)))
        for rule in catalogue.phrase_rules
        if rule.active
    ]


def _rule_matches(rule: PhraseRule, text: _Text) -> list[tuple[Passage, int]]:
    """Each passage, with the number of the phrase line it matched."""
    matches = _find(rule.phrases, text)
    if not matches:
        return []
    negations = _negations(rule, text)
    disclosed = {text.sentences[m[0]] for m in _find(rule.disclosures, text)} if rule.disclosures else set()
    required = {text.sentences[m[0]] for m in _find(rule.requires, text)} if rule.requires else None
    passages = []
    for start, end, line in matches:
        sentence = text.sentences[start]
        if sentence in disclosed or (required is not None and sentence not in required):
            continue
        low, high = bisect_left(negations, start - NEGATION_WINDOW), bisect_right(negations, start)
        if any(text.clauses[n_end - 1] == text.clauses[start] for n_end in negations[low:high]):
            continue
        begin, finish = text.starts[start], text.ends[end - 1]
        passages.append((Passage(begin, finish, text.source[begin:finish], rule.code), line))
    return passages


def _negations(rule: PhraseRule, text: _Text) -> list[int]:
    """Where each of a rule's negations ends (the word after its last), in order; not the words
    that only look like one ("no doubt")."""
    if not rule.negations:
        return []
    not_really = {start for start, _, _ in _find(NOT_NEGATIONS, text)}
    return sorted(end for start, end, _ in _find(rule.negations, text) if start not in not_really)


def _passages(rule: PhraseRule, text: _Text, silent: set[int], reported: set[int]) -> tuple[Passage, ...]:
    """A rule's passages outside the ``silent`` sentences (questions, reported words). A "count"
    rule has them only when the text names at least ``at_least`` of its lines (each line one
    thing, such as a condition, with its variants): then the first mention of each."""
    # A count rule counts what a text names, in a question too ("Living with MS, COPD or ...?"),
    # but not what it reports to warn.
    if rule.kind == "count":
        silent = silent - (text.questions - reported)
    matches = [(p, line) for p, line in _rule_matches(rule, text) if text.sentence_at(p.start) not in silent]
    if rule.kind != "count":
        return tuple(p for p, _ in matches)
    first: dict[int, Passage] = {}
    for passage, line in matches:
        first.setdefault(line, passage)
    return tuple(sorted(first.values(), key=lambda p: p.start)) if len(first) >= rule.at_least else ()


def read_offer_text(catalogue: Catalogue, source: str) -> Reading:
    """The suggestions the catalogue's rules make for a text, and what it does not say."""
    text = _Text.of(source)
    rules = [r for r in catalogue.phrase_rules if r.active and _can_suggest(catalogue, r)]
    reported = {
        text.sentences[start]
        for rule in rules
        if rule.kind == "reported"
        for start, _, _ in _find(rule.phrases, text)
    }
    silent = set(text.questions) | reported
    by_question: dict[str, list[tuple[PhraseRule, tuple[Passage, ...]]]] = defaultdict(list)
    not_found = []
    for rule in rules:
        if rule.kind == "reported":
            continue
        if rule.kind == "absent":
            if not _rule_matches(rule, text):
                not_found.append(rule)
            continue
        passages = _passages(rule, text, silent, reported)
        if passages:
            by_question[rule.question].append((rule, passages))
    suggestions = []
    for question in catalogue.questions:
        fired = _longest_wins(by_question.get(question.code, []))
        if not fired:
            continue
        chosen = _chosen(question.kind, fired)
        order = [o.code for o in question.options]
        evidence = sorted(
            (
                Evidence(option, passage)
                for rule, passages in fired
                for option in rule.options
                if option in chosen
                for passage in passages
            ),
            key=lambda e: (e.passage.start, order.index(e.option) if e.option in order else 0),
        )
        suggestions.append(
            Suggestion(
                question=question.code,
                options=tuple(o for o in order if o in chosen),
                evidence=tuple(evidence),
                rules=tuple(r for r, _ in fired if set(r.options) & chosen),
            )
        )
    return Reading(tuple(suggestions), tuple(not_found))


def _can_suggest(catalogue: Catalogue, rule: PhraseRule) -> bool:
    """A draft may hold a rule not checked yet (publishing refuses it): one that suggests no
    option of its question is not read."""
    if rule.kind in ("absent", "reported"):
        return True
    question = catalogue.question(rule.question)
    return question is not None and bool(rule.options) and all(question.option(o) for o in rule.options)


def _longest_wins(
    fired: list[tuple[PhraseRule, tuple[Passage, ...]]],
) -> list[tuple[PhraseRule, tuple[Passage, ...]]]:
    """Among the rules for one question, a passage inside a longer one another rule matched does
    not count: "no risk of rejection" is one claim, not also "no risk"."""
    if len(fired) < 2:
        return fired
    kept = []
    for rule, passages in fired:
        others = sorted((p.start, p.end) for other, ps in fired if other is not rule for p in ps)
        starts = [start for start, _ in others]
        furthest = list(accumulate((end for _, end in others), max))
        own = tuple(p for p in passages if not _inside_longer(p, starts, furthest))
        if own:
            kept.append((rule, own))
    return kept


def _inside_longer(p: Passage, starts: list[int], furthest: list[int]) -> bool:
    """Another passage starts earlier and reaches as far, or starts here and reaches further."""
    earlier = bisect_left(starts, p.start)
    here = bisect_right(starts, p.start)
    return (earlier > 0 and furthest[earlier - 1] >= p.end) or (here > 0 and furthest[here - 1] > p.end)


def _chosen(kind: str, fired: list[tuple[PhraseRule, tuple[Passage, ...]]]) -> set[str]:
    """The options suggested: all of them for a "tick all that apply" question; for a single
    choice, the one with the most matches (the first rule's, when two have as many)."""
    if kind == "multiple":
        return {option for rule, _ in fired for option in rule.options}  # validation refuses exclusive ones
    counts: dict[str, int] = defaultdict(int)
    for rule, passages in fired:
        for option in rule.options:
            counts[option] += len(passages)
    best = max(counts.values())
    first = next(o for rule, _ in fired for o in rule.options if counts[o] == best)
    return {first}


def marked(source: str, passages: tuple[Passage, ...] | list[Passage]) -> tuple[tuple[str, bool], ...]:
    """The text in pieces, each marked True where a passage covers it: for a page that shows the
    matched words in place (overlapping passages are one marked piece)."""
    spans: list[list[int]] = []
    for p in sorted(passages, key=lambda p: p.start):
        if spans and p.start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], p.end)
        else:
            spans.append([p.start, p.end])
    pieces: list[tuple[str, bool]] = []
    at = 0
    for start, end in spans:
        if start > at:
            pieces.append((source[at:start], False))
        pieces.append((source[start:end], True))
        at = end
    if at < len(source):
        pieces.append((source[at:], False))
    return tuple(pieces)
