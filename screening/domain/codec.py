"""The catalogue file: JSON in and out, and the SHA-256 that identifies a frozen version.

The mapping is read off the dataclasses in ``catalogue.py``: each field is a key of the same
name (a renamed field keeps its old key: ``_FILE_KEYS``), in the same order, converted by its
type (a ``Decimal`` is written as canonical text, a rule as a list of alternatives, a tuple as a
list). Every key is required on the way in, except the few listed in ``_MAY_BE_LEFT_OUT`` and
``_WRITTEN_WHEN_SET``. Three things are not keys of their own: questions are nested in their
section, a criterion's or sign's position is its place in its list, and an escalation's criteria
are written in catalogue order (they are a set). The format and the hash are a public
interface: a change here must leave the SHA-256 of a version already published unchanged.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from screening.domain.catalogue import (
    Band,
    Catalogue,
    Criterion,
    Currency,
    Effect,
    Escalation,
    Jurisdiction,
    Option,
    PhraseRule,
    Question,
    Reassurance,
    Section,
    Settings,
    Sign,
    Source,
    Word,
)
from screening.domain.conditions import Clause, Condition
from screening.domain.problems import Problem, ProblemError
from screening.domain.vocabulary import SEVERITIES

FORMAT = "stem-cell-offer-check/catalogue"
FORMAT_VERSION = 1

# Fields the file does not hold: they follow from where an item is in the file.
_PLACED: dict[type, frozenset[str]] = {
    Criterion: frozenset({"position"}),
    Sign: frozenset({"position"}),
    Question: frozenset({"section"}),
}
# Keys a file may leave out, and what they then mean (older files did not always write them).
_MAY_BE_LEFT_OUT: dict[type, dict[str, Any]] = {
    Criterion: {"raised_severity": None, "raised_when": None},
    Question: {"show_if": None},
    Option: {"is_exclusive": False, "report_note": ""},
    Effect: {"severity": None, "only_if": None},
}
# Fields added after the first versions (scoring rules 2, "unless" rules, source dates): written
# only when set, so that a version made before them keeps its content and its SHA-256 (they may
# be left out on the way in, too).
_WRITTEN_WHEN_SET: dict[type, dict[str, Any]] = {
    Settings: {"rules": 1, "partial_cap": None, "completeness_threshold": 0},
    Criterion: {"answered_by": (), "review_by": None, "lowered_severity": None, "lowered_when": None},
    Question: {"is_key": False, "is_step": False, "is_country": False},
    Option: {"is_refused": False},
    Reassurance: {"verified": False},
    Clause: {"negated": False},
    Source: {"year": None, "primary": False, "last_opened": None},
}
# Fields whose key in the file is not their name (the name changed; the file keeps its key).
_FILE_KEYS: dict[type, dict[str, str]] = {Source: {"compiled": "last_checked"}}


class CatalogueFormatError(ProblemError):
    """The data is not a catalogue file of this format; the problem says where."""


# --- Out ----------------------------------------------------------------------------------------


def decimal_text(value: Decimal) -> str:
    """A canonical text form, so the same number always reads and hashes the same ("8", "0.5")."""
    return format(value.normalize(), "f")


def to_json(catalogue: Catalogue) -> dict[str, Any]:
    """The catalogue as JSON-ready data: the export format and the frozen version content."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "settings": _out(catalogue.settings),
        "bands": _out(catalogue.bands),
        "escalations": [
            {**_out(e), "criteria": _in_catalogue_order(e.criteria, catalogue.criteria)}
            for e in catalogue.escalations
        ],
        "criteria": [
            {**data, "answered_by": _in_catalogue_order(c.answered_by, catalogue.signs)}
            if "answered_by" in data
            else data
            for c, data in zip(catalogue.criteria, _out(catalogue.criteria), strict=True)
        ],
        "signs": _out(catalogue.signs),
        "sections": [
            {**_out(s), "questions": _out(catalogue.questions_in(s.code))} for s in catalogue.sections
        ],
        # Added with the glossary and with the countries: written only when there are some, like
        # the fields below.
        **({"words": _out(catalogue.words)} if catalogue.words else {}),
        **({"jurisdictions": _out(catalogue.jurisdictions)} if catalogue.jurisdictions else {}),
        **({"currencies": _out(catalogue.currencies)} if catalogue.currencies else {}),
        **({"phrase_rules": _out(catalogue.phrase_rules)} if catalogue.phrase_rules else {}),
    }


def source_json(source: Source) -> dict[str, Any]:
    """A source as the file writes it (a report's JSON cites its sources the same way)."""
    return _out(source)


def _in_catalogue_order(codes: tuple[str, ...], items: tuple[Any, ...]) -> list[str]:
    """A set of codes (an escalation's criteria, the signs that answer a criterion), written in the
    order of the catalogue's own list, so the same content always has the same hash."""
    order = {item.code: i for i, item in enumerate(items)}
    return sorted(codes, key=lambda code: (order.get(code, len(order)), code))


def _out(value: Any) -> Any:
    if isinstance(value, Condition):
        return [[_out(clause) for clause in group] for group in value.alternatives]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        placed = _PLACED.get(type(value), frozenset())
        unset = _WRITTEN_WHEN_SET.get(type(value), {})
        keys = _FILE_KEYS.get(type(value), {})
        return {
            keys.get(f.name, f.name): _out(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in placed and not (f.name in unset and getattr(value, f.name) == unset[f.name])
        }
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, tuple | list):
        return [_out(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _out(item) for key, item in value.items()}
    return value


def canonical_bytes(data: Mapping[str, Any]) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def sha256_of(data: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(data)).hexdigest()


# --- In -----------------------------------------------------------------------------------------


def from_json(data: Any) -> Catalogue:
    """Build a catalogue from :func:`to_json` data. Raises CatalogueFormatError on a bad shape."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CatalogueFormatError(Problem("format-not-catalogue", params={"format": FORMAT}))
    if data.get("format_version") != FORMAT_VERSION:
        raise CatalogueFormatError(
            Problem("format-version", params={"version": repr(data.get("format_version"))})
        )
    sections, questions = [], []
    for i, raw in enumerate(_list(data, "sections", "sections")):
        where = f"sections[{i}]"
        section = _in(Section, raw, where)
        sections.append(section)
        for j, q in enumerate(_list(raw, "questions", where)):
            questions.append(_in(Question, q, f"{where}.questions[{j}]", section=section.code))
    return Catalogue(
        settings=_in(Settings, _item(data, "settings", "settings"), "settings"),
        bands=_in_list(data, "bands"),
        escalations=_in_list(data, "escalations"),
        criteria=_in_list(data, "criteria"),
        signs=_in_list(data, "signs"),
        sections=tuple(sections),
        questions=tuple(questions),
        words=_in_list(data, "words") if "words" in data else (),
        jurisdictions=_in_list(data, "jurisdictions") if "jurisdictions" in data else (),
        currencies=_in_list(data, "currencies") if "currencies" in data else (),
        phrase_rules=_in_list(data, "phrase_rules") if "phrase_rules" in data else (),
    )


_LISTS: dict[str, type] = {
    "bands": Band,
    "escalations": Escalation,
    "criteria": Criterion,
    "signs": Sign,
    "words": Word,
    "jurisdictions": Jurisdiction,
    "currencies": Currency,
    "phrase_rules": PhraseRule,
}


def _in_list(data: Mapping[str, Any], key: str) -> tuple[Any, ...]:
    cls = _LISTS[key]
    return tuple(_in(cls, raw, f"{key}[{i}]", position=i + 1) for i, raw in enumerate(_list(data, key, key)))


def _in(cls: type, raw: Any, where: str, **placed: Any) -> Any:
    if not isinstance(raw, dict):
        raise _format_error(where)
    values: dict[str, Any] = {name: placed[name] for name in _PLACED.get(cls, ()) if name in placed}
    optional = {**_MAY_BE_LEFT_OUT.get(cls, {}), **_WRITTEN_WHEN_SET.get(cls, {})}
    keys = _FILE_KEYS.get(cls, {})
    for f in dataclasses.fields(cls):
        if f.name in _PLACED.get(cls, ()):
            continue
        key = keys.get(f.name, f.name)
        if key in raw:
            values[f.name] = _value(_hints(cls)[f.name], raw[key], f"{where}.{key}")
        elif f.name in optional:
            values[f.name] = optional[f.name]
        else:
            raise _format_error(f"{where}.{key}")
    return cls(**values)


def _value(kind: Any, raw: Any, where: str) -> Any:
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        return None if raw is None else _value(next(a for a in args if a is not type(None)), raw, where)
    if kind is Condition:
        return _condition(raw, where)
    if kind is Decimal:
        return _decimal(raw, where)
    if kind is str:
        if not isinstance(raw, str):
            raise _format_error(where)
        return raw
    if kind is bool:
        if not isinstance(raw, bool):
            raise _format_error(where)
        return raw
    if kind is int:
        if not isinstance(raw, int) or isinstance(raw, bool):
            raise _format_error(where)
        return raw
    if origin is tuple:
        if not isinstance(raw, list):
            raise _format_error(where)
        return tuple(_value(args[0], item, f"{where}[{i}]") for i, item in enumerate(raw))
    if origin is Mapping:  # the only mapping in a catalogue: the severity weights, one per severity
        if not isinstance(raw, dict):
            raise _format_error(where)
        return {key: _decimal(_item(raw, key, f"{where}.{key}"), f"{where}.{key}") for key in SEVERITIES}
    if dataclasses.is_dataclass(kind):
        return _in(kind, raw, where)
    raise TypeError(f"the codec cannot read a field of type {kind!r}")  # a programming error


def _condition(raw: Any, where: str) -> Condition:
    if not isinstance(raw, list) or not all(isinstance(group, list) for group in raw):
        raise _format_error(where)
    return Condition(
        tuple(
            tuple(_in(Clause, clause, f"{where}[{i}][{j}]") for j, clause in enumerate(group))
            for i, group in enumerate(raw)
        )
    )


def _decimal(raw: Any, where: str) -> Decimal:
    try:
        value = (
            Decimal(str(raw)) if isinstance(raw, str | int | float) and not isinstance(raw, bool) else None
        )
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise CatalogueFormatError(Problem("format-number", params={"field": where, "value": repr(raw)}))
    return value


def _item(data: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise _format_error(where)
    return data[key]


def _list(data: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = _item(data, key, where)
    if not isinstance(value, list):
        raise _format_error(where)
    return value


def _format_error(where: str) -> CatalogueFormatError:
    return CatalogueFormatError(Problem("format-field", params={"field": where}))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)
