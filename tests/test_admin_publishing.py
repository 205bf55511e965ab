"""Publishing from the admin: the preview's changes and problems, the reviewed hash, permissions;
and `publish_catalogue --dry-run`, which prints what the admin shows."""

import re
from html import unescape
from io import StringIO

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from screening.models import CatalogueVersion, Criterion, Question
from screening.publishing import preview

pytestmark = pytest.mark.django_db


def reviewed_hash(page) -> str:
    return re.search(r'name="reviewed_sha256" value="([0-9a-f]{64})"', page.text).group(1)


def test_publish_page_shows_changes_and_publishes(admin_client, draft):
    url = reverse("admin:screening_catalogueversion_publish")
    first = admin_client.get(url)
    assert "First version: everything is new." in first.text
    response = admin_client.post(url, {"note": "Shipped catalogue", "reviewed_sha256": reviewed_hash(first)})
    assert response.status_code == 302
    assert CatalogueVersion.objects.get().note == "Shipped catalogue"

    old_title = Criterion.objects.get(code="travel-abroad").title
    Criterion.objects.filter(code="travel-abroad").update(title="Treatment in <another> country")
    changed = admin_client.get(url)
    assert "Criterion travel-abroad: changed (title)." in changed.text
    # The old and the new text side by side, escaped.
    row = re.search(r'<tr><th scope="row">title</th><td>(.*?)</td><td>(.*?)</td></tr>', changed.text)
    assert row and unescape(row.group(1)) == old_title
    assert row.group(2) == "Treatment in &lt;another&gt; country"
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
    no_hash = admin_client.post(url, {"note": "Shipped"})  # nobody reviewed anything: refused too
    assert no_hash.status_code == 200 and "The draft changed since you reviewed it" in no_hash.text
    assert not CatalogueVersion.objects.exists()


def test_publish_page_lists_what_blocks_publishing(admin_client, draft):
    Criterion.objects.filter(code="travel-abroad").update(is_active=False)
    url = reverse("admin:screening_catalogueversion_publish")
    page = admin_client.get(url)
    assert "What must be fixed first" in page.text and "inactive criterion" in page.text
    # Each problem links to the row that causes it.
    problems = re.search(r'<ul class="errorlist publish-problems">(.*?)</ul>', page.text, re.S).group(1)
    addresses = re.findall(r'<a href="([^"]+)">', problems)
    assert addresses and all(admin_client.get(a).status_code == 200 for a in addresses)
    assert 'value="Publish"' not in page.text  # nothing to press
    tried = admin_client.post(url, {"note": "Try anyway", "reviewed_sha256": preview().sha256})
    assert tried.status_code == 200 and "Names inactive criterion" in tried.text
    assert not CatalogueVersion.objects.exists()


def test_a_problem_with_a_country_links_to_the_country(admin_client, draft):
    from screening.models import Jurisdiction

    Jurisdiction.objects.filter(code="th").update(part_of="zz")
    page = admin_client.get(reverse("admin:screening_catalogueversion_publish")).text
    problems = re.search(r'<ul class="errorlist publish-problems">(.*?)</ul>', page, re.S).group(1)
    thailand = reverse("admin:screening_jurisdiction_change", args=[Jurisdiction.objects.get(code="th").pk])
    assert f'<a href="{thailand}">Country th: “zz” is not another country' in problems


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


def test_staff_without_the_publish_permission_cannot_publish(client, draft):
    editor = User.objects.create_user("editor", password="pw-for-tests-only", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="view_catalogueversion"))
    client.force_login(editor)
    assert client.post(reverse("admin:screening_catalogueversion_publish"), {"note": "x"}).status_code == 403


def listed(page_text: str, css_class: str) -> list[str]:
    block = re.search(rf'<ul class="[^"]*{css_class}[^"]*">(.*?)</ul>', page_text, re.S)
    items = re.findall(r"<li>(.*?)</li>", block.group(1), re.S) if block else []
    # The line itself: without its link, and without the table of old and new text under it.
    return [
        unescape(re.sub(r"<[^>]+>", "", re.sub(r"<table.*?</table>", "", i, flags=re.S)).strip())
        for i in items
    ]


def dry_run() -> tuple[list[str], list[str], bool]:
    out = StringIO()
    try:
        call_command("publish_catalogue", "--dry-run", stdout=out)
        blocked = False
    except CommandError:
        blocked = True
    changes, _, problems = dry_run_sections(out.getvalue())
    return changes, problems, blocked


def dry_run_sections(text: str) -> tuple[list[str], list[str], list[str]]:
    """The dry run's three lists: what changed, what is hard to read, what must be fixed."""
    lines = text.splitlines()
    hard_at = next(i for i, line in enumerate(lines) if line.startswith("Hard to read"))
    review_at = next(i for i, line in enumerate(lines) if line.startswith("Past their review date"))
    problems_at = next(i for i, line in enumerate(lines) if line.startswith("What must be fixed first"))

    def items(part):
        return [line[2:] for line in part if line.startswith("- ")]

    return items(lines[1:hard_at]), items(lines[hard_at:review_at]), items(lines[problems_at:])


def test_the_dry_run_prints_the_same_changes_and_problems_as_the_admin(admin_client, shipped_in_db):
    Criterion.objects.filter(code="travel-abroad").update(is_active=False, title="Abroad")
    Question.objects.filter(code="pay-for-study").update(show_if="offer-type = maybe")
    page = admin_client.get(reverse("admin:screening_catalogueversion_publish")).text
    changes, problems, blocked = dry_run()
    assert blocked
    assert (
        changes == listed(page, "publish-changes")
        and "Criterion travel-abroad: changed (active, title)." in changes
    )
    assert problems == listed(page, "publish-problems") and len(problems) >= 2
    assert any("has no option “maybe”" in p for p in problems)
    assert not CatalogueVersion.objects.filter(number=2).exists()


def test_the_dry_run_of_a_publishable_draft_exits_0_and_publishes_nothing(shipped_in_db):
    changes, problems, blocked = dry_run()
    assert (changes, problems, blocked) == ([], [], False)
    assert CatalogueVersion.objects.count() == 1


def test_hard_texts_are_warnings_in_the_admin_and_the_dry_run_and_publishing_goes_on(
    admin_client, shipped_in_db
):
    Criterion.objects.filter(code="travel-abroad").update(
        explanation="Intercontinental medical tourism necessitates comprehensive preoperative "
        "multidisciplinary evaluation, postoperative surveillance and contingency arrangements."
    )
    page = admin_client.get(reverse("admin:screening_catalogueversion_publish")).text
    out = StringIO()
    call_command("publish_catalogue", "--dry-run", stdout=out)  # warnings do not block
    _, hard, problems = dry_run_sections(out.getvalue())
    assert hard == listed(page, "publish-hard-texts") and problems == []
    assert hard[0].startswith("Criterion travel-abroad, explanation: grade ")
    assert len(hard) == len(preview().hard_texts) <= 10
    assert 'type="submit"' in page  # staff may still publish


def test_criteria_past_their_review_date_are_warnings_in_the_admin_and_the_dry_run(
    admin_client, shipped_in_db
):
    from datetime import date, timedelta

    from screening.models import Jurisdiction

    Criterion.objects.update(review_by=date.today() + timedelta(days=400))  # whatever day the test runs
    Jurisdiction.objects.update(review_by=date.today() + timedelta(days=400))
    Criterion.objects.filter(code="travel-abroad").update(review_by=date.today() - timedelta(days=1))
    Jurisdiction.objects.filter(code="th").update(review_by=date.today() - timedelta(days=1))
    page = admin_client.get(reverse("admin:screening_catalogueversion_publish")).text
    past = listed(page, "publish-past-review")
    assert len(past) == 2 and past[0].startswith("Criterion travel-abroad: due for review on ")
    assert past[1].startswith("Country th: due for review on ") and past[1].endswith("“Thailand”")
    out = StringIO()
    call_command("publish_catalogue", "--dry-run", stdout=out)  # a warning: it does not block
    assert "- " + past[0] in out.getvalue().splitlines()
    assert 'type="submit"' in page
    # The criteria list finds them too.
    listing = admin_client.get(reverse("admin:screening_criterion_changelist") + "?review=past").text
    assert "travel-abroad" in listing and "no-regulatory-approval" not in listing
    Criterion.objects.filter(code="pressure-tactics").update(review_by=date.today() + timedelta(days=10))
    Criterion.objects.filter(code="crowdfunding-encouraged").update(review_by=None)
    soon = admin_client.get(reverse("admin:screening_criterion_changelist") + "?review=soon").text
    undated = admin_client.get(reverse("admin:screening_criterion_changelist") + "?review=none").text
    assert "pressure-tactics" in soon and "travel-abroad" not in soon
    assert "crowdfunding-encouraged" in undated and "pressure-tactics" not in undated
