"""The rule language of show-if rules, "raised when" rules and an answer's "only if" rule.

One alternative per line::

    route = spinal-fluid, eye
    cell-source = own-blood and offer-type = standard-care

A clause ``question = a, b`` holds when the answer to ``question`` includes option ``a`` or
``b``; ``question != a, b`` holds when it includes neither (so also when the question is
unanswered or hidden: "unless the answer is a or b"). Clauses on one line joined by ``and`` must
all hold; the condition holds when any line holds. An unanswered or hidden question satisfies no
``=`` clause.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from screening.domain.problems import Problem, ProblemError
from screening.domain.vocabulary import CODE_PATTERN

# An answer set as the domain sees it: question code -> the option codes chosen.
Answers = Mapping[str, frozenset[str]]


class ConditionError(ProblemError):
    """The rule text does not parse; the problem names the line and the faulty part."""


@dataclass(frozen=True)
class Clause:
    question: str
    options: tuple[str, ...]
    negated: bool = False  # "question != a, b"

    def holds(self, answers: Answers) -> bool:
        chosen = answers.get(self.question, frozenset())
        return any(option in chosen for option in self.options) != self.negated

    def to_text(self) -> str:
        return f"{self.question} {'!=' if self.negated else '='} {', '.join(self.options)}"


@dataclass(frozen=True)
class Condition:
    """Any of ``alternatives`` holds; an alternative holds when all its clauses hold."""

    alternatives: tuple[tuple[Clause, ...], ...]

    def holds(self, answers: Answers) -> bool:
        return any(all(clause.holds(answers) for clause in group) for group in self.alternatives)

    def clauses(self) -> tuple[Clause, ...]:
        return tuple(clause for group in self.alternatives for clause in group)

    def to_text(self) -> str:
        return "\n".join(" and ".join(c.to_text() for c in group) for group in self.alternatives)


def parse_condition(text: str) -> Condition | None:
    """Parse the rule language. Blank text means no rule. Raises ConditionError."""
    alternatives = []
    for line_number, line in enumerate(text.strip().splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        clauses = []
        for part in re.split(r"\s+and\s+", line):
            question, sep, options_text = part.partition("=")
            negated = question.rstrip().endswith("!")
            question = question.strip().removesuffix("!").strip()
            options = tuple(o.strip() for o in options_text.split(",") if o.strip())
            if not sep or not CODE_PATTERN.match(question) or not options:
                raise ConditionError(
                    Problem("rule-syntax", params={"line": line_number, "part": part.strip()})
                )
            for option in options:
                if not CODE_PATTERN.match(option):
                    raise ConditionError(
                        Problem("rule-option-code", params={"line": line_number, "option": option})
                    )
            clauses.append(Clause(question, options, negated))
        alternatives.append(tuple(clauses))
    return Condition(tuple(alternatives)) if alternatives else None
