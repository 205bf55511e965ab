"""The admin as the staff use it: list, filter, search, edit options inline, and publish."""

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from screening.models import CatalogueVersion, Criterion, Option, Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(db, shipped_json):
    from screening.publishing import import_catalogue

    import_catalogue(shipped_json)


def test_staff_can_list_filter_and_search_criteria(admin_client, draft):
    url = reverse("admin:screening_criterion_changelist")
    assert admin_client.get(url).status_code == 200
    critical = admin_client.get(url, {"severity__exact": "critical"})
    assert "no-regulatory-approval" in critical.text and "travel-abroad" not in critical.text
    found = admin_client.get(url, {"q": "refund"})
    assert "non-refundable-terms" in found.text and "high-risk-route" not in found.text


def test_staff_can_list_filter_and_search_questions(admin_client, draft):
    url = reverse("admin:screening_question_changelist")
    assert admin_client.get(url, {"kind__exact": "multiple"}).status_code == 200
    found = admin_client.get(url, {"q": "licence"})
    assert "licence-check" in found.text and "offer-type" not in found.text


def test_every_admin_page_opens(admin_client, draft):
    criterion = Criterion.objects.get(code="high-risk-route")
    option = Option.objects.filter(question__code="route").first()
    for name, args in [
        ("admin:screening_criterion_change", [criterion.pk]),
        ("admin:screening_option_change", [option.pk]),
        ("admin:screening_reassuringsign_changelist", []),
        ("admin:screening_band_changelist", []),
        ("admin:screening_escalation_changelist", []),
        ("admin:screening_section_changelist", []),
        ("admin:screening_scoringsettings_changelist", []),
        ("admin:screening_catalogueversion_changelist", []),
        ("admin:screening_screening_changelist", []),
        ("admin:screening_criterion_add", []),
    ]:
        assert admin_client.get(reverse(name, args=args)).status_code == 200, name


def inline_formset_data(question):
    """The question's change form as the browser would post it, options inline."""
    data = {
        "code": question.code,
        "section": question.section_id,
        "position": question.position,
        "kind": question.kind,
        "text": question.text,
        "help_text": question.help_text,
        "show_if": question.show_if,
    }
    options = list(question.options.all())
    prefix = "options"
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": len(options),
            f"{prefix}-INITIAL_FORMS": len(options),
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }
    )
    for i, o in enumerate(options):
        data.update(
            {
                f"{prefix}-{i}-id": o.pk,
                f"{prefix}-{i}-question": question.pk,
                f"{prefix}-{i}-position": o.position,
                f"{prefix}-{i}-code": o.code,
                f"{prefix}-{i}-label": o.label,
            }
        )
        if o.is_unknown:
            data[f"{prefix}-{i}-is_unknown"] = "on"
        if o.is_exclusive:
            data[f"{prefix}-{i}-is_exclusive"] = "on"
    return data


def test_staff_can_edit_options_inline_on_the_question(admin_client, draft):
    question = Question.objects.get(code="travel")
    data = inline_formset_data(question)
    label_field = next(k for k, v in data.items() if v == "Yes, at a private clinic")
    data[label_field] = "Yes, at a private clinic or day-surgery centre"
    response = admin_client.post(reverse("admin:screening_question_change", args=[question.pk]), data)
    assert response.status_code == 302, response.text
    assert Option.objects.get(question=question, code="abroad-clinic").label.endswith("day-surgery centre")


def test_the_code_of_a_saved_criterion_is_read_only(admin_client, draft):
    criterion = Criterion.objects.get(code="travel-abroad")
    page = admin_client.get(reverse("admin:screening_criterion_change", args=[criterion.pk]))
    assert 'name="code"' not in page.text


def test_a_bad_show_if_rule_is_refused_in_the_form(admin_client, draft):
    question = Question.objects.get(code="travel")
    data = inline_formset_data(question)
    data["show_if"] = "this is not a rule"
    response = admin_client.post(reverse("admin:screening_question_change", args=[question.pk]), data)
    assert response.status_code == 200
    assert "is not of the form" in response.text


def reviewed_hash(page) -> str:
    return re.search(r'name="reviewed_sha256" value="([0-9a-f]{64})"', page.text).group(1)


def test_publish_page_shows_changes_and_publishes(admin_client, draft):
    url = reverse("admin:screening_catalogueversion_publish")
    first = admin_client.get(url)
    assert "First version: everything is new." in first.text
    response = admin_client.post(url, {"note": "Shipped catalogue", "reviewed_sha256": reviewed_hash(first)})
    assert response.status_code == 302
    assert CatalogueVersion.objects.get().note == "Shipped catalogue"

    Criterion.objects.filter(code="travel-abroad").update(title="Treatment in another country")
    changed = admin_client.get(url)
    assert "Criterion travel-abroad: changed (title)." in changed.text
    admin_client.post(url, {"note": "Clearer title", "reviewed_sha256": reviewed_hash(changed)})
    assert CatalogueVersion.objects.count() == 2


def test_publish_refuses_a_draft_that_changed_after_it_was_reviewed(admin_client, draft):
    url = reverse("admin:screening_catalogueversion_publish")
    reviewed = reviewed_hash(admin_client.get(url))
    Criterion.objects.filter(code="travel-abroad").update(title="Edited by a colleague meanwhile")
    response = admin_client.post(url, {"note": "Shipped", "reviewed_sha256": reviewed})
    assert response.status_code == 200
    assert "The draft changed since you reviewed it" in response.text
    assert not CatalogueVersion.objects.exists()
    assert admin_client.post(url, {"note": "Shipped"}).status_code == 200  # no hash: refused too
    assert not CatalogueVersion.objects.exists()


def test_publish_page_lists_what_blocks_publishing(admin_client, draft):
    Criterion.objects.filter(code="travel-abroad").update(is_active=False)
    url = reverse("admin:screening_catalogueversion_publish")
    page = admin_client.get(url)
    assert "What must be fixed first" in page.text and "inactive criterion" in page.text
    admin_client.post(url, {"note": "Try anyway"})
    assert not CatalogueVersion.objects.exists()


def test_published_versions_cannot_be_edited_or_deleted(admin_client, shipped_in_db):
    change = admin_client.post(
        reverse("admin:screening_catalogueversion_change", args=[shipped_in_db.pk]), {"note": "x"}
    )
    assert change.status_code == 403
    delete = admin_client.post(
        reverse("admin:screening_catalogueversion_delete", args=[shipped_in_db.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert CatalogueVersion.objects.get().note == "Shipped catalogue"


@pytest.fixture
def a_screening(shipped_in_db):
    from screening.services import save_answers, start_screening

    screening = start_screening()
    save_answers(screening, {"offer-type": "study"}, offer={"condition": "Private condition"})
    return screening


def test_staff_without_the_answers_permission_see_counts_only(client, a_screening):
    editor = User.objects.create_user("editor", password="pw-for-tests-only", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="view_screening"))
    client.force_login(editor)
    listing = client.get(reverse("admin:screening_screening_changelist"))
    assert listing.status_code == 200 and "counts only" in listing.text
    assert "Private condition" not in listing.text and a_screening.resume_code not in listing.text
    detail = client.get(reverse("admin:screening_screening_change", args=[a_screening.pk]))
    assert detail.status_code in (302, 403) and "Private condition" not in detail.text


def test_staff_with_the_answers_permission_can_read_answers_but_never_the_link_or_code(
    admin_client, a_screening
):
    listing = admin_client.get(reverse("admin:screening_screening_changelist")).text
    detail = admin_client.get(reverse("admin:screening_screening_change", args=[a_screening.pk])).text
    assert "Private condition" in detail
    for page in (listing, detail):
        assert a_screening.resume_code not in page and a_screening.token not in page


def form_as_posted(page) -> dict:
    """The admin change form's current values, as the browser would send them back."""
    data = {}
    forms = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update({f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
        forms += list(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False or name in form.Meta.__dict__.get("readonly_fields", ()):
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data


def test_catalogue_changes_are_kept_with_who_when_and_what(admin_client, draft):
    criterion = Criterion.objects.get(code="travel-abroad")
    page = admin_client.get(reverse("admin:screening_criterion_change", args=[criterion.pk]))
    data = form_as_posted(page)
    data["title"] = "Treatment in another country"
    response = admin_client.post(reverse("admin:screening_criterion_change", args=[criterion.pk]), data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )
    history = criterion.history.order_by("-history_date").first()
    assert history.history_user.username == "admin" and history.history_type == "~"
    delta = history.diff_against(history.prev_record)
    assert [change.field for change in delta.changes] == ["title"]
    listing = admin_client.get(reverse("admin:screening_criterion_history", args=[criterion.pk]))
    assert listing.status_code == 200 and "admin" in listing.text


def test_staff_without_the_publish_permission_cannot_publish(client, draft):
    editor = User.objects.create_user("editor", password="pw-for-tests-only", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="view_catalogueversion"))
    client.force_login(editor)
    assert client.post(reverse("admin:screening_catalogueversion_publish"), {"note": "x"}).status_code == 403


def test_a_non_staff_user_cannot_reach_the_admin(client, draft):
    user = User.objects.create_user("patient", password="pw-for-tests-only")
    client.force_login(user)
    for url in [
        reverse("admin:index"),
        reverse("admin:screening_criterion_changelist"),
        reverse("admin:screening_catalogueversion_publish"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse("admin:screening_criterion_changelist"))
    assert response.status_code == 302 and "/login/" in response["Location"]
