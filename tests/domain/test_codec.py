"""The catalogue file: JSON in and out, lossless, and the SHA-256 that names a version."""

import json
from dataclasses import replace
from decimal import Decimal

import pytest

from screening.domain import codec
from screening.domain.catalogue import Escalation
from tests.conftest import CATALOGUE_FILE
from tests.domain.test_validation import valid

# The SHA-256 of valid() as the codec wrote it before the domain package existed (computed with
# that code): the format and the hash are a public interface, and must not move by accident.
VALID_SHA256 = "615ba510bd3ec5ea33ff6ab8aa3aa080f70b27f07c7a402d169d748e35b2c94c"


def test_json_round_trip_is_lossless():
    data = codec.to_json(valid())
    assert codec.to_json(codec.from_json(json.loads(json.dumps(data)))) == data


def test_the_shipped_file_is_the_catalogues_own_export_byte_for_byte(shipped):
    text = json.dumps(codec.to_json(shipped), indent=2, ensure_ascii=False) + "\n"
    assert text == CATALOGUE_FILE.read_text(encoding="utf-8")


def test_the_format_and_the_hash_have_not_moved(shipped, shipped_json):
    assert codec.sha256_of(codec.to_json(valid())) == VALID_SHA256
    assert codec.sha256_of(codec.to_json(shipped)) == codec.sha256_of(shipped_json)


def test_sha256_is_stable_and_content_sensitive():
    data = codec.to_json(valid())
    assert codec.sha256_of(data) == codec.sha256_of(json.loads(json.dumps(data)))
    changed = codec.to_json(
        replace(valid(), criteria=(replace(valid().criteria[0], weight=Decimal(9)), valid().criteria[1]))
    )
    assert codec.sha256_of(changed) != codec.sha256_of(data)


def test_numbers_are_written_in_one_canonical_form():
    assert codec.decimal_text(Decimal("8.00")) == "8"
    assert codec.decimal_text(Decimal("0.50")) == "0.5"
    assert codec.decimal_text(Decimal("1E+1")) == "10"


def test_an_escalations_criteria_are_written_in_catalogue_order():
    cat = replace(valid(), escalations=(Escalation("e1", "very high", ("c2", "c1"), "Why."),))
    assert codec.to_json(cat)["escalations"][0]["criteria"] == ["c1", "c2"]


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ({}, "format-not-catalogue"),
        ({"format": "other"}, "format-not-catalogue"),
        ({"format": codec.FORMAT, "format_version": 99}, "format-version"),
        ({"format": codec.FORMAT, "format_version": 1}, "format-field"),
    ],
)
def test_from_json_rejects_other_files(bad, code):
    with pytest.raises(codec.CatalogueFormatError) as raised:
        codec.from_json(bad)
    assert raised.value.problem.code == code


@pytest.mark.parametrize(
    ("path", "value", "field", "code"),
    [
        (("criteria", 0, "weight"), "heavy", "criteria[0].weight", "format-number"),
        (("criteria", 0, "weight"), "NaN", "criteria[0].weight", "format-number"),
        (("criteria", 0, "title"), 7, "criteria[0].title", "format-field"),
        (("criteria", 0, "active"), "yes", "criteria[0].active", "format-field"),
        (("criteria", 0, "sources"), {}, "criteria[0].sources", "format-field"),
        (
            ("sections", 0, "questions", 0, "show_if"),
            "q1 = yes",
            "sections[0].questions[0].show_if",
            "format-field",
        ),
    ],
)
def test_a_malformed_field_is_named_by_its_place_in_the_file(path, value, field, code):
    data = json.loads(json.dumps(codec.to_json(valid())))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(codec.CatalogueFormatError) as raised:
        codec.from_json(data)
    assert raised.value.problem.code == code and raised.value.problem.params["field"] == field


def test_a_missing_required_field_is_named():
    data = json.loads(json.dumps(codec.to_json(valid())))
    del data["signs"][0]["why_it_matters"]
    with pytest.raises(codec.CatalogueFormatError) as raised:
        codec.from_json(data)
    assert raised.value.problem.params["field"] == "signs[0].why_it_matters"


def test_an_options_only_this_flag_and_note_may_be_left_out():
    data = json.loads(json.dumps(codec.to_json(valid())))
    option = data["sections"][0]["questions"][0]["options"][0]
    del option["is_exclusive"], option["report_note"]
    parsed = codec.from_json(data).questions[0].options[0]
    assert parsed.is_exclusive is False and parsed.report_note == ""


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda d: d.update(settings={}), "settings.partial_fraction"),
        (lambda d: d["criteria"][0].pop("active"), "criteria[0].active"),
        (lambda d: d["criteria"][0].pop("sources"), "criteria[0].sources"),
        (lambda d: d["sections"][0]["questions"][0]["options"][0].pop("fires"), "options[0].fires"),
        (lambda d: d["sections"][0]["questions"][0]["options"][0]["fires"][0].pop("strength"), "strength"),
    ],
)
def test_a_key_the_file_always_has_cannot_be_left_out(edit, field):
    """No silent default may change a score: only the keys older files did not write are optional."""
    data = json.loads(json.dumps(codec.to_json(valid())))
    edit(data)
    with pytest.raises(codec.CatalogueFormatError) as raised:
        codec.from_json(data)
    assert raised.value.problem.params["field"].endswith(field)


def test_the_keys_older_files_left_out_may_still_be_left_out():
    data = json.loads(json.dumps(codec.to_json(valid())))
    for criterion in data["criteria"]:
        del criterion["raised_severity"], criterion["raised_when"]
    del data["sections"][0]["questions"][1]["show_if"]
    effect = data["sections"][0]["questions"][0]["options"][0]["fires"][0]
    del effect["severity"], effect["only_if"]
    parsed = codec.from_json(data)
    assert parsed.criteria[0].raised_when is None and parsed.questions[1].show_if is None
    assert parsed.questions[0].options[0].fires[0].severity is None


def test_the_fields_of_scoring_rules_2_are_written_only_when_set(shipped):
    from dataclasses import replace

    data = codec.to_json(shipped)
    questions = {q["code"]: q for s in data["sections"] for q in s["questions"]}
    assert data["settings"]["rules"] == 2 and "is_key" in questions["cell-source"]
    assert questions["treatment-country"]["is_country"] is True
    assert codec.from_json(data) == shipped
    plain = replace(
        shipped,
        settings=replace(shipped.settings, rules=1, partial_cap=None, completeness_threshold=0),
        criteria=tuple(replace(c, answered_by=()) for c in shipped.criteria),
        questions=tuple(replace(q, is_key=False, is_step=False, is_country=False) for q in shipped.questions),
    )
    text = json.dumps(codec.to_json(plain))
    for key in (
        '"rules"',
        '"partial_cap"',
        '"completeness_threshold"',
        '"answered_by"',
        '"is_key"',
        '"is_step"',
        '"is_country"',
    ):
        assert key not in text


def test_source_dates_review_dates_and_unless_rules_are_written_only_when_set():
    from screening.domain.catalogue import Source
    from screening.domain.conditions import parse_condition

    plain = Source("T", "P", "https://example.org/", "2026-11-21")
    assert codec.source_json(plain) == {
        "title": "T",
        "publisher": "P",
        "url": "https://example.org/",
        "last_checked": "2026-11-21",  # the compiled date keeps the key the first versions wrote
    }
    dated = replace(plain, year=2024, primary=True, last_opened="2026-12-02")
    assert codec.source_json(dated) == codec.source_json(plain) | {
        "year": 2024,
        "primary": True,
        "last_opened": "2026-12-02",
    }
    base = valid()
    criterion = replace(base.criteria[0], sources=(dated,), review_by="2027-12-02")
    catalogue = replace(base, criteria=(criterion, *base.criteria[1:]))
    data = json.loads(json.dumps(codec.to_json(catalogue)))
    assert data["criteria"][0]["review_by"] == "2027-12-02"
    assert codec.to_json(codec.from_json(data)) == data
    assert codec.from_json(data).criteria[0].sources == (dated,)
    assert "review_by" not in json.dumps(codec.to_json(base))
    unless = parse_condition("route != eye")
    assert codec._out(unless) == [[{"question": "route", "options": ["eye"], "negated": True}]]
    assert codec._out(parse_condition("route = eye")) == [[{"question": "route", "options": ["eye"]}]]
