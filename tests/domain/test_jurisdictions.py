"""Per-country signposting as catalogue data (issue 13): frozen, validated, compared, measured."""

from dataclasses import replace

import pytest

from screening.domain import codec, readability
from screening.domain.catalogue import Jurisdiction, Signpost
from screening.domain.diff import Change, diff
from screening.domain.validation import validate
from tests.domain.test_validation import found, valid

JRCT = Signpost(
    "trial-registry",
    "Trial register (jRCT)",
    "Search it for the plan number the clinic gave you.",
    url="https://jrct.niph.go.jp",
    number_name="jRCT number",
    source_url="https://jrct.niph.go.jp",
    confidence="confirmed",
)


def japan(**changes) -> Jurisdiction:
    fields = {
        "code": "jp",
        "name": "Japan",
        "approval_meaning": "A clinic plan filed with the ministry is not an approval of the treatment.",
        "signposts": (JRCT,),
        "review_by": "2027-06-01",
    }
    return Jurisdiction(**{**fields, **changes})


OTHER = Jurisdiction(
    "other",
    "Another country",
    "Ask your doctor which body approves medicines there.",
    (
        Signpost(
            "trial-registry", "WHO trial search", "Search many registers at once.", confidence="confirmed"
        ),
    ),
)


def with_countries(*jurisdictions):
    return replace(valid(), jurisdictions=jurisdictions)


def test_countries_round_trip_through_the_file_with_the_same_hash():
    catalogue = with_countries(japan(), OTHER)
    data = codec.to_json(catalogue)
    again = codec.from_json(data)
    assert again.jurisdictions == catalogue.jurisdictions
    assert codec.sha256_of(codec.to_json(again)) == codec.sha256_of(data)
    assert again.jurisdiction("jp").signposts[0].number_name == "jRCT number"


def test_a_catalogue_without_countries_keeps_its_file_and_hash():
    """Versions published before issue 13 have no "jurisdictions" key and must keep their SHA-256."""
    data = codec.to_json(valid())
    assert "jurisdictions" not in data
    assert codec.from_json(data).jurisdictions == ()


def test_valid_countries_have_no_problems():
    assert validate(with_countries(japan(), OTHER)) == []


@pytest.mark.parametrize(
    ("jurisdictions", "expected"),
    [
        ((japan(),), ("jurisdiction-no-fallback", ())),
        ((japan(code="JP"), OTHER), ("jurisdiction-code", ("jurisdiction", "JP"))),
        ((japan(code="jpn"), OTHER), ("jurisdiction-code", ("jurisdiction", "jpn"))),
        ((japan(), japan(), OTHER), ("code-duplicate", ("jurisdiction", "jp"))),
        ((japan(name=" "), OTHER), ("jurisdiction-text", ("jurisdiction", "jp"))),
        ((japan(approval_meaning=""), OTHER), ("jurisdiction-text", ("jurisdiction", "jp"))),
        ((japan(part_of="eu"), OTHER), ("jurisdiction-part-of", ("jurisdiction", "jp"))),
        ((japan(part_of="jp"), OTHER), ("jurisdiction-part-of", ("jurisdiction", "jp"))),
        ((japan(review_by="1 June 2027"), OTHER), ("jurisdiction-date", ("jurisdiction", "jp"))),
        (
            (japan(signposts=(replace(JRCT, last_opened="2027-13-01"),)), OTHER),
            ("jurisdiction-date", ("jurisdiction", "jp")),
        ),
        (
            (japan(signposts=(replace(JRCT, kind="hotline"),)), OTHER),
            ("signpost-kind", ("jurisdiction", "jp")),
        ),
        (
            (japan(signposts=(replace(JRCT, confidence="sure"),)), OTHER),
            ("signpost-confidence", ("jurisdiction", "jp")),
        ),
        ((japan(signposts=(replace(JRCT, text=""),)), OTHER), ("signpost-text", ("jurisdiction", "jp"))),
        (
            (japan(signposts=(replace(JRCT, url="javascript:alert(1)"),)), OTHER),
            ("signpost-address", ("jurisdiction", "jp")),
        ),
        (
            (japan(signposts=(replace(JRCT, source_url="jrct.niph.go.jp"),)), OTHER),
            ("signpost-address", ("jurisdiction", "jp")),
        ),
        (
            (japan(signposts=(replace(JRCT, kind="regulator"),)), OTHER),
            ("signpost-number-name", ("jurisdiction", "jp")),
        ),
    ],
)
def test_each_mistake_in_the_countries_is_named_where_it_is(jurisdictions, expected):
    assert expected in {(code, where) for code, where in found(with_countries(*jurisdictions))}


def test_a_member_state_may_belong_to_a_block_of_the_catalogue():
    eu = Jurisdiction("eu", "European Union", "Approved by the EMA for the whole EU.", (JRCT,))
    germany = Jurisdiction("de", "Germany", "Approved by the EMA or the national body.", part_of="eu")
    assert validate(with_countries(eu, germany, OTHER)) == []


def test_a_row_is_shown_as_fact_only_once_confirmed_opened_and_reviewed():
    assert not JRCT.is_checked  # confirmed by research, but nobody at the charity has opened it
    assert not replace(JRCT, last_opened="2027-01-10").is_checked
    assert replace(JRCT, last_opened="2027-01-10", reviewed_by="A. Editor").is_checked
    assert not replace(
        JRCT, confidence="partly", last_opened="2027-01-10", reviewed_by="A. Editor"
    ).is_checked


def test_a_country_past_its_review_date_needs_review():
    assert japan().needs_review("2027-06-02") and not japan().needs_review("2027-06-01")
    assert not japan(review_by=None).needs_review("2030-01-01")


def test_the_diff_names_a_changed_country():
    old = codec.to_json(with_countries(japan(), OTHER))
    new = codec.to_json(with_countries(japan(name="Japan (MHLW)"), OTHER))
    assert Change(
        "jurisdiction", "jp", "changed", ("name",), texts=(("name", "Japan", "Japan (MHLW)"),)
    ) in diff(old, new)
    assert Change("jurisdiction", "jp", "added") in diff(codec.to_json(with_countries(OTHER)), old)


def test_every_country_text_is_measured_for_readability():
    texts = readability.reader_texts(with_countries(japan(), OTHER))
    assert ("jurisdiction", "jp", "approval_meaning", japan().approval_meaning) in texts
    assert ("signpost", "jp/1", "title", "Trial register (jRCT)") in texts
    assert ("signpost", "other/1", "text", "Search many registers at once.") in texts
