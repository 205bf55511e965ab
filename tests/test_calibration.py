"""The five expert calibration cases give the expert's level through `screen`, as text and JSON."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from tests.domain.test_calibration import CASES


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_screen_prints_the_expected_level(published, path):
    expected = json.loads(path.read_text())["expected_level"]
    out = StringIO()
    call_command("screen", str(path), "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["level"] == expected
    text = StringIO()
    call_command("screen", str(path), stdout=text)
    assert text.getvalue().startswith(f"Caution level: {expected.upper()}")
