"""Every calibration case gives, through `screen` (text and JSON), the level the engine gives it
(tests/domain/test_calibration.py holds that level against the expert's)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from screening.domain.answers import parse_answer_file
from screening.domain.scoring import score
from tests.domain.test_calibration import CASES


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_screen_prints_the_level_of_the_engine(published, shipped, path):
    answer_file = parse_answer_file(json.loads(path.read_text()), shipped)
    level = score(shipped, answer_file.answers).level
    out = StringIO()
    call_command("screen", str(path), "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["level"] == level
    text = StringIO()
    call_command("screen", str(path), stdout=text)
    assert f"Caution level: {level.upper()} — " in text.getvalue()
