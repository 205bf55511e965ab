"""Reading a JSON file a person gave a command: any file, however hostile, is data or one clear line.

A command that reads such a file stops with exit status 2 and a message naming the problem:
missing, too large, not UTF-8, not JSON, a number too long to read, nested too deeply.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

MAX_DEPTH = 40  # a catalogue is nested 9 deep; an answer file 3


def read_json_file(path: Path, *, max_bytes: int) -> Any:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise CommandError(f"No such file: {path}", returncode=2) from None
    except OSError as exc:
        raise CommandError(f"{path} cannot be read: {exc.strerror}", returncode=2) from None
    if size > max_bytes:
        message = f"{path} is larger than {max_bytes // 1024} KB: not a file of this kind."
        raise CommandError(message, returncode=2)
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        message = f"{path} is not a UTF-8 text file ({exc.__class__.__name__})."
        raise CommandError(message, returncode=2) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(f"{path} is not valid JSON: {exc}", returncode=2) from None
    except RecursionError:
        raise CommandError(f"{path} is nested too deeply to be a file of this kind.", returncode=2) from None
    except ValueError as exc:  # e.g. a number with more digits than Python reads
        raise CommandError(f"{path} has a value that cannot be read: {exc}", returncode=2) from None
    if _depth(data) > MAX_DEPTH:
        raise CommandError(f"{path} is nested too deeply to be a file of this kind.", returncode=2)
    return data


def _depth(value: Any) -> int:
    """How deeply lists and objects are nested, without recursion (a hostile file may be deep)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if depth > MAX_DEPTH:
                return depth
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest
