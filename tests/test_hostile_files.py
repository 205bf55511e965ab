"""`screen` and `import_catalogue` on hostile files: exit status 2 with a clear message, never a
traceback, whatever the file holds (huge, deep, not UTF-8, numbers too long, wrong types)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening.models import Criterion
from tests.conftest import CALIBRATION_DIR, CATALOGUE_FILE

pytestmark = pytest.mark.django_db

ANSWERS = json.loads((CALIBRATION_DIR / "s05-self-funded-ahsct-abroad.json").read_text())
CATALOGUE = json.loads(CATALOGUE_FILE.read_text())


def run(command: str, path, *args) -> tuple[int, str]:
    """The exit status and what the person reads (the CommandError's message, or the output)."""
    out = StringIO()
    try:
        call_command(command, str(path), *args, stdout=out)
    except CommandError as exc:
        return exc.returncode, str(exc)
    return 0, out.getvalue()


HOSTILE = {
    "empty": b"",
    "not json": b"{nope",
    "not utf-8": b"\xff\xfe\x00{",
    "a number too long to read": b'{"catalogue_version": ' + b"9" * 5000 + b"}",
    "deep nesting": b"[" * 100_000 + b"]" * 100_000,
    "moderate nesting": json.dumps(
        {
            "answers": {
                "route": [
                    [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["iv"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
                ]
            }
        }
    ).encode(),
    "a list": b"[1, 2]",
    "a string": b'"catalogue"',
    "null": b"null",
    "huge": b'{"notes": "' + b"x" * (6 * 1024 * 1024) + b'"}',
    "infinity": b'{"catalogue_version": Infinity}',
    "nan weight": json.dumps(
        {**CATALOGUE, "criteria": [{**CATALOGUE["criteria"][0], "weight": "NaN"}]}
    ).encode(),
    "huge weight": json.dumps(
        {
            **CATALOGUE,
            "criteria": [{**CATALOGUE["criteria"][0], "weight": "1E+999999999"}, *CATALOGUE["criteria"][1:]],
        }
    ).encode(),
    "wrong types": json.dumps({**CATALOGUE, "bands": {"low": 0}, "sections": "all"}).encode(),
    "150 MB of text": b"",  # made below, as a long title: refused by size before it is read
}


@pytest.mark.parametrize("command", ["screen", "import_catalogue"])
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_is_refused_with_exit_status_2(published, tmp_path, command, name):
    path = tmp_path / "hostile.json"
    if name == "150 MB of text":
        with path.open("wb") as handle:
            handle.write(b'{"title": "')
            handle.truncate(150 * 1024 * 1024)
    else:
        path.write_bytes(HOSTILE[name])
    status, message = run(command, path)
    assert status == 2, (status, message[:300])
    assert "Traceback" not in message and message.splitlines()[0].strip()
    assert not Criterion.objects.exists()


def junk():
    """Any JSON value, nested a few levels."""
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
        max_leaves=12,
    )


@st.composite
def damaged(draw, document):
    """The document with one value somewhere replaced by junk."""
    data = json.loads(json.dumps(document))
    node, path = data, []
    for _ in range(draw(st.integers(0, 6))):
        if isinstance(node, dict) and node:
            key = draw(st.sampled_from(sorted(node)))
        elif isinstance(node, list) and node:
            key = draw(st.integers(0, len(node) - 1))
        else:
            break
        path.append(key)
        node = node[key]
    replacement = draw(junk())
    if not path:
        return replacement
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = replacement
    return data


SETTINGS = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


@SETTINGS
@given(document=damaged(ANSWERS) | junk())
def test_screen_on_generated_junk_gives_a_report_or_exit_2(published, tmp_path, document):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(document))
    status, message = run("screen", path, "--format", "json")
    assert status in (0, 2), message[:300]
    if status == 0:
        assert json.loads(message)["level"] in ("low", "moderate", "high", "very high")


@SETTINGS
@given(document=damaged(CATALOGUE))
def test_import_of_a_damaged_catalogue_imports_or_exits_2(db, tmp_path, document):
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(document))
    status, message = run("import_catalogue", path, "--replace")
    assert status in (0, 2), message[:300]
