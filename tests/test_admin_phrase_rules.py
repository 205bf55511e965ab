"""The offer-text rules in the admin (issue 14): listed, edited, and tried on a sample."""

from django.urls import reverse

from screening.models import PhraseRule

TRY = "admin:screening_phraserule_try"


def test_staff_list_the_rules_by_family_and_open_the_try_page(admin_client, draft):
    listing = admin_client.get(reverse("admin:screening_phraserule_changelist"), {"family__exact": "safety"})
    assert (
        listing.status_code == 200
        and "no-side-effects" in listing.text
        and "fda-registered" not in listing.text
    )
    assert reverse(TRY) in listing.text
    page = admin_client.get(reverse(TRY))
    assert page.status_code == 200 and 'name="sample"' in page.text and "csrfmiddlewaretoken" in page.text


def test_trying_a_sample_shows_what_every_rule_matches_and_the_suggestions(admin_client, draft):
    sample = "Our FDA-registered lab. No side effects! <script>alert(1)</script> Is it a cure?"
    page = admin_client.post(reverse(TRY), {"sample": sample}).text
    assert "<mark>FDA-registered</mark>" in page and "<mark>No side effects</mark>" in page
    assert "<strong>fda-registered</strong>" in page and "legal-status-claims" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    # "cure" matched, in a question: marked and listed, but not suggested.
    assert "<mark>cure</mark>" in page
    suggestions = page[
        page.index("The answers it would suggest") : page.index("The sample, with every match")
    ]
    assert '<th scope="row">claims</th>' not in suggestions


def test_an_edited_rule_is_tried_as_the_draft_now_has_it(admin_client, draft):
    rule = PhraseRule.objects.get(code="hype-words")
    rule.phrases += "\nsupercharged"
    rule.save()
    page = admin_client.post(reverse(TRY), {"sample": "Supercharged cells for your knees."}).text
    assert "<mark>Supercharged</mark>" in page and "marketing-seen" in page


def test_a_sample_longer_than_the_limit_is_refused_with_a_message(admin_client, draft):
    page = admin_client.post(reverse(TRY), {"sample": "x" * 20_001})
    assert page.status_code == 200 and "This is longer than 20000 characters." in page.text


def test_the_try_page_needs_a_staff_login(client, draft):
    response = client.get(reverse(TRY))
    assert response.status_code == 302 and "/login/" in response["Location"]
