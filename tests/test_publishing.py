"""Versioned publishing: validate, freeze, and never change a report already given."""

import json
from decimal import Decimal

import pytest

from screening import catalogue as domain
from screening.answers import AnswerFileError
from screening.models import CatalogueVersion, Criterion, CriterionSource, Option, OptionCriterion, Question
from screening.publishing import (
    CatalogueImportError,
    PublishError,
    catalogue_of,
    draft_json,
    import_catalogue,
    publish,
)
from screening.services import NoPublishedCatalogue, report_for, save_answers, start_screening
from tests.conftest import CALIBRATION_DIR

pytestmark = pytest.mark.django_db

S09 = CALIBRATION_DIR / "s09-patient-funded-fat-cell-study-ms.json"


def answers_of(path):
    return json.loads(path.read_text())["answers"]


def test_publish_freezes_the_draft_with_number_note_author_and_hash(shipped_json, admin_user):
    import_catalogue(shipped_json)
    version = publish("First", admin_user)
    assert version.number == 1
    assert version.published_by == admin_user and version.published_by_name == admin_user.username
    assert version.content == shipped_json
    assert version.sha256 == domain.sha256_of(shipped_json)
    assert publish("Second").number == 2


def test_publish_refuses_an_invalid_draft_and_says_why(shipped_json):
    import_catalogue(shipped_json)
    Criterion.objects.filter(code="travel-abroad").update(is_active=False)
    with pytest.raises(PublishError) as caught:
        publish("Broken")
    assert any("inactive criterion 'travel-abroad'" in e for e in caught.value.errors)
    assert not CatalogueVersion.objects.exists()


def test_publish_refuses_a_show_if_rule_naming_an_unknown_option(shipped_json):
    import_catalogue(shipped_json)
    Question.objects.filter(code="pay-for-study").update(show_if="offer-type = maybe")
    with pytest.raises(PublishError, match="has no option 'maybe'"):
        publish("Broken")


def test_publish_needs_a_note(shipped_json):
    import_catalogue(shipped_json)
    with pytest.raises(PublishError, match="publication note"):
        publish("   ")


def test_no_screening_before_anything_is_published():
    with pytest.raises(NoPublishedCatalogue):
        start_screening()


def test_editing_and_publishing_version_2_leaves_a_version_1_report_identical(shipped_in_db):
    screening = start_screening()
    save_answers(screening, answers_of(S09), offer={"condition": "MS"})
    before = report_for(screening)
    assert before.catalogue_version == 1 and before.level == "high"

    # Staff edit a criterion's weight and texts, and publish version 2.
    criterion = Criterion.objects.get(code="no-regulatory-approval")
    criterion.weight = Decimal(20)
    criterion.title = "A new title"
    criterion.why_it_matters = "New words."
    criterion.save()
    CriterionSource.objects.filter(criterion=criterion).update(title="Renamed source")
    version_2 = publish("Heavier weight for approval")

    screening.refresh_from_db()
    after = report_for(screening)
    assert after == before  # same level, score and every text

    newer = start_screening()
    assert newer.version == version_2
    save_answers(newer, answers_of(S09))
    new_report = report_for(newer)
    assert new_report.catalogue_version == 2
    assert new_report.level == "very high"  # 38.5 - 8 + 20 points
    assert new_report.flags[0].title == "A new title"


def test_reports_are_recomputed_from_the_frozen_content_not_the_rows(shipped_in_db):
    screening = start_screening()
    save_answers(screening, answers_of(S09))
    before = report_for(screening)
    OptionCriterion.objects.all().delete()
    Option.objects.filter(question__code="regulator-approval").update(label="Changed")
    assert report_for(screening) == before


def test_published_content_parses_back_to_the_same_catalogue(shipped_in_db, shipped):
    assert catalogue_of(shipped_in_db) == shipped


def test_export_then_import_into_an_empty_database_gives_the_same_catalogue(shipped_in_db, django_db_blocker):
    exported = draft_json()
    original_sha = shipped_in_db.sha256
    # Empty the database, as on a fresh install, and import what was exported.
    from screening.publishing import _clear_draft

    CatalogueVersion.objects.all().delete()
    _clear_draft()
    import_catalogue(json.loads(json.dumps(exported)))
    assert draft_json() == exported
    assert publish("Imported").sha256 == original_sha


def test_import_refuses_a_non_empty_draft_unless_replace(shipped_in_db, shipped_json):
    with pytest.raises(CatalogueImportError, match="not empty"):
        import_catalogue(shipped_json)
    import_catalogue(shipped_json, replace=True)
    assert draft_json() == shipped_json


def test_import_is_all_or_nothing(shipped_in_db, shipped_json):
    broken = json.loads(json.dumps(shipped_json))
    broken["sections"][0]["questions"][0]["options"][0]["fires"] = [
        {"criterion": "does-not-exist", "strength": "full", "severity": None, "only_if": None}
    ]
    with pytest.raises(CatalogueImportError, match="does-not-exist"):
        import_catalogue(broken, replace=True)
    assert draft_json() == shipped_json


def test_save_answers_merges_and_keeps_earlier_answers(shipped_in_db):
    screening = start_screening()
    save_answers(screening, {"offer-type": "study"})
    save_answers(screening, {"route": ["joint", "iv"]})
    assert screening.answers == {"offer-type": "study", "route": ["iv", "joint"]}


@pytest.mark.parametrize(
    "bad",
    [
        {"route": ["iv", "dont-know"]},
        {"offer-type": ["study", "routine-treatment"]},
        {"offer-type": "no-such-option"},
        {"no-such-question": "yes"},
    ],
)
def test_save_answers_refuses_invalid_answers_and_changes_nothing(shipped_in_db, bad):
    screening = start_screening()
    save_answers(screening, {"offer-type": "study"}, offer={"country": "Spain"})
    with pytest.raises(AnswerFileError):
        save_answers(screening, bad)
    screening.refresh_from_db()
    assert screening.answers == {"offer-type": "study"} and screening.offer == {"country": "Spain"}
    assert report_for(screening).catalogue_version == 1


def test_save_answers_enforces_offer_length_limits(shipped_in_db):
    screening = start_screening()
    with pytest.raises(AnswerFileError, match="longer than 100"):
        save_answers(screening, {}, offer={"price": "9" * 101})


def test_screening_links_are_unguessable_and_resume_codes_are_short(shipped_in_db):
    first, second = start_screening(), start_screening()
    assert len(first.token) >= 32 and first.token != second.token
    assert len(first.resume_code) == 9 and first.resume_code[4] == "-"


def test_the_order_validated_is_the_order_frozen_even_when_sections_share_a_position(shipped_json):
    from screening.models import Section

    import_catalogue(shipped_json)
    # Same position: "approval" now sorts before "treatment", so its show-if rules would name a
    # later question. Publishing must see the order patients would get, and refuse.
    Section.objects.filter(code__in=["treatment", "approval"]).update(position=0)
    with pytest.raises(PublishError, match="'offer-type', which is not an earlier question"):
        publish("Same positions")
    Section.objects.filter(code="approval").update(position=1)
    frozen = catalogue_of(publish("Fixed order"))
    assert domain.validate(frozen) == []
    assert [s.code for s in frozen.sections][:2] == ["treatment", "approval"]


def test_a_published_version_cannot_be_saved_again(shipped_in_db):
    shipped_in_db.note = "Rewritten"
    with pytest.raises(ValueError, match="frozen"):
        shipped_in_db.save()


def test_a_tampered_version_is_refused_rather_than_scored(shipped_in_db):
    from screening.publishing import CorruptVersion, _parsed_versions

    _parsed_versions.clear()  # as in a freshly started process
    content = dict(shipped_in_db.content, bands=[])
    CatalogueVersion.objects.filter(pk=shipped_in_db.pk).update(content=content)
    tampered = CatalogueVersion.objects.get(pk=shipped_in_db.pk)
    with pytest.raises(CorruptVersion):
        catalogue_of(tampered)


def changed(shipped_json, edit):
    data = json.loads(json.dumps(shipped_json))
    edit(data)
    return data


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda d: d["criteria"].append(dict(d["criteria"][0])),
            "criterion code 'no-regulatory-approval' is used",
        ),
        (lambda d: d["criteria"][0].update(weight="0"), "weight must be more than 0"),
        (lambda d: d["criteria"][0].update(weight="8.125"), "at most 2 decimal places"),
        (
            lambda d: d["sections"][0]["questions"][0]["options"].append(
                dict(d["sections"][0]["questions"][0]["options"][0])
            ),
            "option code is used twice",
        ),
        (lambda d: d["criteria"][0].update(title=None), "title"),
    ],
)
def test_import_refuses_what_the_draft_cannot_hold_with_a_clear_message(db, shipped_json, edit, message):
    with pytest.raises((CatalogueImportError, domain.CatalogueFormatError), match=message):
        import_catalogue(changed(shipped_json, edit))
    assert not Criterion.objects.exists()


def test_a_draft_holding_only_bands_is_not_empty(db, shipped_json):
    from screening.models import Band

    Band.objects.create(level="low", min_points=0, title="Low", advice="Advice")
    with pytest.raises(CatalogueImportError, match="not empty"):
        import_catalogue(shipped_json)
