"""The catalogue's admin as the staff use it: list, filter, search, edit options inline, history."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from screening.models import Criterion, Option, Question

pytestmark = pytest.mark.django_db


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


def test_the_criteria_list_can_be_saved_with_400_criteria(admin_client, draft, settings):
    """With every row on one page, 98 criteria already passed Django's 200-field limit."""
    template = Criterion.objects.get(code="travel-abroad")
    Criterion.objects.bulk_create(
        Criterion(**{**_fields_of(template), "code": f"extra-{i}", "position": 1000 + i})
        for i in range(400 - Criterion.objects.count())
    )
    assert Criterion.objects.count() == 400
    url = reverse("admin:screening_criterion_changelist")
    page = admin_client.get(url)
    formset = page.context["cl"].formset
    data = {f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()}
    for i, form in enumerate(formset.forms):
        data[f"{formset.prefix}-{i}-id"] = form.instance.pk
        data[f"{formset.prefix}-{i}-position"] = form.instance.position + (1 if i == 0 else 0)
    data["_save"] = "Save"
    assert len(data) <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.status_code
    first = formset.forms[0].instance
    first.refresh_from_db()
    assert first.position == formset.forms[0].initial["position"] + 1


def _fields_of(criterion) -> dict:
    return {
        f.name: getattr(criterion, f.name)
        for f in Criterion._meta.concrete_fields
        if f.name not in ("id", "code", "position")
    }


def test_the_admin_refuses_a_source_address_with_a_hidden_direction_mark(admin_client, draft):
    criterion = Criterion.objects.get(code="travel-abroad")
    url = reverse("admin:screening_criterion_change", args=[criterion.pk])
    data = form_as_posted(admin_client.get(url))
    data["sources-0-url"] = "https://example.org/\u202egnp.exe"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "must start with https:// or http:// and name a plain host" in response.text


def test_staff_see_and_edit_what_answers_a_criterion_and_the_key_questions(admin_client, draft):
    from screening.models import Question, ReassuringSign
    from screening.storage import read_draft

    criterion = Criterion.objects.get(code="birth-tissue-or-donor-product")
    page = admin_client.get(reverse("admin:screening_criterion_change", args=[criterion.pk])).text
    assert 'name="answered_by"' in page and "g-authorised-registered-trial" in page
    assert (
        'name="is_key"'
        in admin_client.get(
            reverse("admin:screening_question_change", args=[Question.objects.get(code="cell-source").pk])
        ).text
    )
    before = criterion.history.count()
    criterion.answered_by.set([ReassuringSign.objects.get(code="g-no-charge")])
    assert read_draft().criterion("birth-tissue-or-donor-product").answered_by == ("g-no-charge",)
    assert criterion.history.count() > before  # the change is in the audit history
    latest = criterion.history.latest()
    assert [row.reassuringsign.code for row in latest.answered_by.all()] == ["g-no-charge"]


def test_a_source_keeps_its_year_and_compiled_date_and_is_marked_opened_only_when_ticked(admin_client, draft):
    from datetime import date

    criterion = Criterion.objects.get(code="travel-abroad")
    url = reverse("admin:screening_criterion_change", args=[criterion.pk])
    page = admin_client.get(url)
    assert 'name="sources-0-year"' in page.text and 'name="sources-0-opened_today"' in page.text
    assert criterion.review_by is not None
    data = form_as_posted(page)
    data["sources-0-year"] = "2019"
    assert admin_client.post(url, data).status_code == 302
    first, *_ = criterion.sources.all()
    assert first.year == 2019 and first.last_opened is None  # edited, but nobody said they opened it
    data = form_as_posted(admin_client.get(url))
    data["sources-0-opened_today"] = "on"
    assert admin_client.post(url, data).status_code == 302
    first.refresh_from_db()
    assert first.last_opened == date.today()
    assert criterion.sources.exclude(pk=first.pk).filter(last_opened__isnull=False).count() == 0
    assert first.history.latest().history_user.username == "admin"  # who ticked it is kept
    # A new address is a new link: nobody has opened that one yet.
    data = form_as_posted(admin_client.get(url))
    data["sources-0-url"] = "https://example.org/another-page"
    assert admin_client.post(url, data).status_code == 302
    first.refresh_from_db()
    assert first.url == "https://example.org/another-page" and first.last_opened is None


def test_staff_edit_a_country_and_its_signposts_and_mark_one_opened_and_reviewed(admin_client, draft):
    from datetime import date

    from screening.models import Jurisdiction
    from screening.storage import read_draft

    japan = Jurisdiction.objects.get(code="jp")
    listing = admin_client.get(reverse("admin:screening_jurisdiction_changelist")).text
    assert "Japan" in listing and f"0 of {japan.signposts.count()}" in listing  # nothing checked yet
    url = reverse("admin:screening_jurisdiction_change", args=[japan.pk])
    page = admin_client.get(url)
    assert 'name="signposts-0-opened_today"' in page.text and "jRCT number" in page.text
    data = form_as_posted(page)
    registry = next(i for i, p in enumerate(japan.signposts.all()) if p.number_name == "jRCT number")
    data[f"signposts-{registry}-opened_today"] = "on"
    data[f"signposts-{registry}-reviewed_by"] = "A. Editor"
    assert admin_client.post(url, data).status_code == 302
    post = japan.signposts.get(number_name="jRCT number")
    assert post.last_opened == date.today() and post.reviewed_by == "A. Editor"
    assert post.history.latest().history_user.username == "admin"
    # The draft now holds one checked signpost for Japan, and only that one.
    checked = [p for p in read_draft().jurisdiction("jp").signposts if p.is_checked]
    assert [p.number_name for p in checked] == ["jRCT number"]
    # Its words edited: the check was of the old words, so it is not checked until done again.
    data = form_as_posted(admin_client.get(url))
    data[f"signposts-{registry}-text"] = post.text + " Search it by the clinic's name."
    assert admin_client.post(url, data).status_code == 302
    post.refresh_from_db()
    assert (post.last_opened, post.reviewed_by) == (None, "")
    assert not [p for p in read_draft().jurisdiction("jp").signposts if p.is_checked]
    # Opened again and a name put to it, with the edit, in one save: checked again.
    data = form_as_posted(admin_client.get(url))
    data[f"signposts-{registry}-confidence"] = "confirmed"
    data[f"signposts-{registry}-opened_today"] = "on"
    data[f"signposts-{registry}-reviewed_by"] = "B. Editor"
    assert admin_client.post(url, data).status_code == 302
    post.refresh_from_db()
    assert (post.last_opened, post.reviewed_by) == (date.today(), "B. Editor")


def test_the_countries_list_shows_those_past_their_review_date(admin_client, draft):
    from datetime import date

    from screening.models import Jurisdiction

    Jurisdiction.objects.filter(code="th").update(review_by=date(2026, 1, 1))
    past = admin_client.get(reverse("admin:screening_jurisdiction_changelist") + "?review=past").text
    assert "Thailand" in past and "Japan" not in past


def test_a_country_code_must_be_an_iso_code_in_lower_case(admin_client, draft):
    page = admin_client.post(
        reverse("admin:screening_jurisdiction_add"),
        {
            "code": "JPN",
            "name": "Japan again",
            "approval_meaning": "Text.",
            "position": 0,
            "signposts-TOTAL_FORMS": 0,
            "signposts-INITIAL_FORMS": 0,
            "signposts-MIN_NUM_FORMS": 0,
            "signposts-MAX_NUM_FORMS": 1000,
        },
    )
    assert page.status_code == 200 and "two-letter ISO code in lower case" in page.text
