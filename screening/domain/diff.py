"""What changed between two catalogue files (both :func:`codec.to_json` data), item by item."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    kind: str  # "settings", "band", "escalation", "criterion", "sign", "section", "question", "word",
    # "jurisdiction", "currency", "phrase-rule", "all"
    code: str  # the item's code (a band's level; a setting's name); "" for an order or "all" change
    action: str  # "added", "changed", "removed", "reordered", "first-version"
    fields: tuple[str, ...] = ()  # for "changed": which fields changed
    before: str = ""  # for a setting: its old and new value
    after: str = ""
    # For "changed": each changed field's old and new value as text, side by side in the
    # publish preview. A list of items with codes (options, sources) shows only the items that
    # differ.
    texts: tuple[tuple[str, str, str], ...] = ()  # (field, before, after)


def diff(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> list[Change]:
    if old is None:
        return [Change("all", "", "first-version")]
    changes: list[Change] = []
    for key, value in new["settings"].items():
        before = old["settings"].get(key)
        if before != value:
            changes.append(Change("settings", key, "changed", before=_text(before), after=_text(value)))
    changes += _diff_list("band", old["bands"], new["bands"], key="level")
    changes += _diff_list("escalation", old["escalations"], new["escalations"])
    changes += _diff_list("criterion", old["criteria"], new["criteria"])
    changes += _diff_list("sign", old["signs"], new["signs"])
    changes += _diff_list("section", _sections(old), _sections(new))
    changes += _diff_list("question", _questions(old), _questions(new))
    changes += _diff_list("word", old.get("words", []), new.get("words", []))
    changes += _diff_list("jurisdiction", old.get("jurisdictions", []), new.get("jurisdictions", []))
    changes += _diff_list("currency", old.get("currencies", []), new.get("currencies", []))
    changes += _diff_list("phrase-rule", old.get("phrase_rules", []), new.get("phrase_rules", []))
    return changes


def _sections(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [{k: v for k, v in s.items() if k != "questions"} for s in data["sections"]]


def _questions(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [dict(q, section=s["code"]) for s in data["sections"] for q in s["questions"]]


def _text(value: Any) -> str:
    if isinstance(value, Mapping):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return str(value)


def _diff_list(kind: str, old: list[dict], new: list[dict], key: str = "code") -> list[Change]:
    old_by = {item[key]: item for item in old}
    new_by = {item[key]: item for item in new}
    changes = []
    for code, item in new_by.items():
        if code not in old_by:
            changes.append(Change(kind, code, "added"))
        elif item != old_by[code]:
            fields = sorted(f for f in set(item) | set(old_by[code]) if item.get(f) != old_by[code].get(f))
            texts = tuple((f, *_side_by_side(old_by[code].get(f), item.get(f))) for f in fields)
            changes.append(Change(kind, code, "changed", tuple(fields), texts=texts))
    for code in old_by:
        if code not in new_by:
            changes.append(Change(kind, code, "removed"))
    if [i[key] for i in old if i[key] in new_by] != [i[key] for i in new if i[key] in old_by]:
        changes.append(Change(kind, "", "reordered"))
    return changes


def _side_by_side(before: Any, after: Any) -> tuple[str, str]:
    """A changed field's old and new value as text."""
    if isinstance(before, list) and isinstance(after, list):
        before, after = _differing_items(before, after)
    return _shown(before), _shown(after)


def _differing_items(before: list, after: list) -> tuple[list, list]:
    """Of two lists of items with codes (or titles, for sources), the items that differ."""

    def key(item: Any) -> str:
        if isinstance(item, Mapping) and any(k in item for k in ("code", "url", "title")):
            return str(item.get("code", item.get("url", item.get("title"))))
        return json.dumps(item, sort_keys=True)

    old_by = {key(i): i for i in before}
    new_by = {key(i): i for i in after}
    if len(old_by) != len(before) or len(new_by) != len(after):
        return before, after  # no unique key: show it all
    return (
        [i for k, i in old_by.items() if new_by.get(k) != i],
        [i for k, i in new_by.items() if old_by.get(k) != i],
    )


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, indent=1)
