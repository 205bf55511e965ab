"""A problem found in a catalogue, an answer file or a rule: a code, where, and parameters.

Problems carry no sentences. ``screening/wording.py`` turns each code into words, in one place,
for the admin, the command line and the forms alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    code: str
    # Where it is, as (kind, code) pairs from the outside in: ("question", "route", "option", "iv").
    where: tuple[str, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)


class ProblemError(ValueError):
    """Raised with one problem; ``str()`` gives the code, for logs and tracebacks only."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem
