"""Versioned publishing: validate, freeze, and never change a report already given."""

import json
import math
import re
from decimal import Decimal

import pytest

from screening.domain import codec
from screening.domain.answers import AnswerFileError
from screening.domain.problems import Problem
from screening.domain.validation import validate
from screening.models import CatalogueVersion, Criterion, CriterionSource, Option, OptionCriterion, Question
from screening.publishing import PublishError, catalogue_of, preview, publish
from screening.selectors import screening_report
from screening.services import (
    NoPublishedCatalogue,
    screening_save_answers,
    screening_save_offer,
    screening_start,
)
from tests.conftest import CALIBRATION_DIR, import_json

pytestmark = pytest.mark.django_db

S09 = CALIBRATION_DIR / "s09-patient-funded-fat-cell-study-ms.json"


def answers_of(path):
    return json.loads(path.read_text())["answers"]


def test_publish_freezes_the_draft_with_number_note_author_and_hash(shipped_json, admin_user):
    import_json(shipped_json)
    version = publish("First", admin_user)
    assert version.number == 1
    assert version.published_by == admin_user and version.published_by_name == admin_user.username
    assert version.content == shipped_json
    assert version.sha256 == codec.sha256_of(shipped_json)
    assert publish("Second").number == 2


def test_publish_refuses_an_invalid_draft_and_says_why(shipped_json):
    import_json(shipped_json)
    Criterion.objects.filter(code="travel-abroad").update(is_active=False)
    with pytest.raises(PublishError) as caught:
        publish("Broken")
    assert caught.value.problems
    assert all(p.code == "inactive-criterion" and p.where[0] == "question" for p in caught.value.problems)
    assert {p.params["criterion"] for p in caught.value.problems} == {"travel-abroad"}
    assert not CatalogueVersion.objects.exists()


def test_publish_refuses_a_show_if_rule_naming_an_unknown_option(shipped_json):
    import_json(shipped_json)
    Question.objects.filter(code="pay-for-study").update(show_if="offer-type = maybe")
    with pytest.raises(PublishError) as caught:
        publish("Broken")
    assert (
        Problem(
            "rule-unknown-option",
            ("question", "pay-for-study"),
            {"rule": "show-if", "question": "offer-type", "option": "maybe"},
        )
        in caught.value.problems
    )


def test_publish_needs_a_note(shipped_json):
    import_json(shipped_json)
    with pytest.raises(PublishError) as caught:
        publish("   ")
    assert caught.value.problems == [Problem("note-missing")]


def test_no_screening_before_anything_is_published():
    with pytest.raises(NoPublishedCatalogue):
        screening_start()


def test_editing_and_publishing_version_2_leaves_a_version_1_report_identical(shipped_in_db):
    screening = screening_start()
    screening_save_answers(screening, answers_of(S09))
    screening_save_offer(screening, {"condition": "MS"})
    before = screening_report(screening)
    assert before.catalogue_version == 1 and before.level == "high"

    # Staff edit a criterion's weight and texts, and publish version 2.
    criterion = Criterion.objects.get(code="no-regulatory-approval")
    criterion.weight = Decimal(40)
    criterion.title = "A new title"
    criterion.why_it_matters = "New words."
    criterion.save()
    CriterionSource.objects.filter(criterion=criterion).update(title="Renamed source")
    version_2 = publish("Heavier weight for approval")

    screening.refresh_from_db()
    after = screening_report(screening)
    assert after == before  # same level, score and every text

    newer = screening_start()
    assert newer.version == version_2
    screening_save_answers(newer, answers_of(S09))
    new_report = screening_report(newer)
    assert new_report.catalogue_version == 2
    assert new_report.level == "very high"  # 32.5 - 8 + 40 points
    assert new_report.flags[0].title == "A new title"


def test_reports_are_recomputed_from_the_frozen_content_not_the_rows(shipped_in_db):
    screening = screening_start()
    screening_save_answers(screening, answers_of(S09))
    before = screening_report(screening)
    OptionCriterion.objects.all().delete()
    Option.objects.filter(question__code="regulator-approval").update(label="Changed")
    assert screening_report(screening) == before


def test_published_content_parses_back_to_the_same_catalogue(shipped_in_db, shipped):
    assert catalogue_of(shipped_in_db) == shipped


def test_save_answers_merges_and_keeps_earlier_answers(shipped_in_db):
    screening = screening_start()
    screening_save_answers(screening, {"offer-type": "study"})
    screening_save_answers(screening, {"route": ["joint", "iv"]})
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
    screening = screening_start()
    screening_save_answers(screening, {"offer-type": "study"})
    screening_save_offer(screening, {"country": "Spain"})
    with pytest.raises(AnswerFileError):
        screening_save_answers(screening, bad)
    screening.refresh_from_db()
    assert screening.answers == {"offer-type": "study"} and screening.offer == {"country": "Spain"}
    assert screening_report(screening).catalogue_version == 1


def test_save_answers_enforces_offer_length_limits(shipped_in_db):
    screening = screening_start()
    with pytest.raises(AnswerFileError) as caught:
        screening_save_offer(screening, {"price": "9" * 101})
    assert caught.value.problem.code == "offer-too-long"


def test_screening_links_are_unguessable_and_resume_codes_are_grouped(shipped_in_db):
    first, second = screening_start(), screening_start()
    assert len(first.token) >= 32 and first.token != second.token
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}", first.resume_code)
    bits = math.log2(31) * 15
    assert bits >= 60 and first.resume_code != second.resume_code


def test_the_order_validated_is_the_order_frozen_even_when_sections_share_a_position(shipped_json):
    from screening.models import Section

    import_json(shipped_json)
    # Same position: "approval" now sorts before "treatment", so its show-if rules would name a
    # later question. Publishing must see the order patients would get, and refuse.
    Section.objects.filter(code__in=["treatment", "approval"]).update(position=0)
    with pytest.raises(PublishError) as caught:
        publish("Same positions")
    assert any(
        p.code == "rule-later-question" and p.params["question"] == "offer-type"
        for p in caught.value.problems
    )
    Section.objects.filter(code="approval").update(position=1)
    frozen = catalogue_of(publish("Fixed order"))
    assert validate(frozen) == []
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


def test_the_preview_shows_the_hash_the_changes_and_the_problems(shipped_in_db):
    fresh = preview()
    assert fresh.content == shipped_in_db.content and fresh.sha256 == shipped_in_db.sha256
    assert fresh.changes == () and fresh.problems == () and fresh.next_number == 2
    Criterion.objects.filter(code="no-regulatory-approval").update(title="Not approved")
    Criterion.objects.filter(code="travel-abroad").update(is_active=False)
    edited = preview()
    title = next(c for c in edited.changes if c.code == "no-regulatory-approval")
    assert (title.kind, title.action, title.fields) == ("criterion", "changed", ("title",))
    assert title.texts[0][0] == "title" and title.texts[0][2] == "Not approved"
    assert {p.code for p in edited.problems} == {"inactive-criterion"}
    assert edited.sha256 == codec.sha256_of(edited.content) != shipped_in_db.sha256


def test_a_stored_rule_that_no_longer_parses_blocks_publishing(shipped_in_db):
    Question.objects.filter(code="pay-for-study").update(show_if="offer-type")
    broken = preview()
    assert broken.content is None and [p.code for p in broken.problems] == ["rule-unparseable"]
    assert broken.problems[0].where == ("question", "pay-for-study")
    with pytest.raises(PublishError):
        publish("Broken rule")


def test_a_draft_changed_after_it_was_reviewed_is_not_published(shipped_in_db):
    reviewed = preview().sha256
    Criterion.objects.filter(code="travel-abroad").update(title="Going abroad")
    with pytest.raises(PublishError) as caught:
        publish("Reviewed", expected_sha256=reviewed)
    assert caught.value.problems == [Problem("draft-changed")]
    assert publish("Reviewed again", expected_sha256=preview().sha256).number == 2
