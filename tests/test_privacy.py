"""Privacy: the privacy page, deleting one's own report, the purge command, no addresses stored."""

from datetime import timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from screening.models import Screening, ScreeningResult
from screening.services import screening_finish, screening_save_answers, screening_start
from tests.conftest import CALIBRATION_DIR
from tests.journey import answers_from

pytestmark = pytest.mark.django_db


def test_privacy_page_says_what_is_kept_and_for_how_long(client, settings):
    settings.SCREENING_RETENTION_DAYS = 120
    page = client.get(reverse("screening:privacy")).text
    for words in (
        "We do not store your internet address (IP address)",
        "deleted 120 days after it was started",
        "30 days after they were last changed",
        "Delete this report",
        "special permission",
    ):
        assert words in page
    assert page.count("<h1") == 1


def test_the_start_page_links_to_the_privacy_page(client, db):
    assert 'href="/privacy/"' in client.get("/").text


def aged(days: int, *, finished: bool) -> Screening:
    screening = screening_start()
    screening_save_answers(
        screening, answers_from(CALIBRATION_DIR / "s05-self-funded-ahsct-abroad.json")["answers"]
    )
    if finished:
        screening_finish(screening)
    moment = timezone.now() - timedelta(days=days)
    Screening.objects.filter(pk=screening.pk).update(created=moment, updated=moment)
    return screening


def test_purge_deletes_old_reports_and_stale_unfinished_answers(published):
    keep_recent_report = aged(10, finished=True)
    keep_recent_unfinished = aged(29, finished=False)
    keep_old_report = aged(179, finished=True)
    gone_report = aged(181, finished=True)
    gone_unfinished = aged(31, finished=False)
    out = StringIO()
    call_command("purge_screenings", "--dry-run", stdout=out)
    assert "2 screenings would be deleted" in out.getvalue() and Screening.objects.count() == 5
    call_command("purge_screenings", stdout=out)
    remaining = set(Screening.objects.values_list("pk", flat=True))
    assert remaining == {keep_recent_report.pk, keep_recent_unfinished.pk, keep_old_report.pk}
    assert not ScreeningResult.objects.filter(screening_id__in=[gone_report.pk, gone_unfinished.pk]).exists()


def test_purge_retention_is_configurable(published, settings):
    aged(100, finished=True)
    call_command("purge_screenings", "--days", "90", stdout=StringIO())
    assert not Screening.objects.exists()


def test_no_model_has_a_field_for_an_address_or_user_agent():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            name = field.name.lower()
            if model._meta.app_label == "axes":
                continue  # axes' own tables are unused: its cache handler keeps counters by account name
            assert "ip_address" not in name and "user_agent" not in name and "remote_addr" not in name, (
                model,
                name,
            )


def test_no_address_or_user_agent_is_written_anywhere_by_a_journey(client, published, caplog):
    from django.db import connection

    from tests.journey import walk

    caplog.set_level("DEBUG")
    client.post(reverse("screening:begin"), HTTP_USER_AGENT="UniqueAgent/9.9", REMOTE_ADDR="203.0.113.77")
    screening = Screening.objects.get()
    walk(client, screening.token, answers_from(CALIBRATION_DIR / "s09-patient-funded-fat-cell-study-ms.json"))
    client.post(reverse("screening:resume"), {"code": "ZZZZ-ZZZZ"}, REMOTE_ADDR="203.0.113.77")
    logs = " ".join(r.getMessage() for r in caplog.records)
    assert "203.0.113.77" not in logs and "UniqueAgent" not in logs and screening.token not in logs
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            dump = repr(cursor.fetchall())
            assert "203.0.113.77" not in dump and "UniqueAgent" not in dump, table


def test_the_person_can_delete_their_report_at_once(client, published):
    screening = aged(1, finished=True)
    client.post(reverse("screening:delete", args=[screening.token]), {"code": screening.resume_code})
    assert not Screening.objects.filter(pk=screening.pk).exists()
    assert not ScreeningResult.objects.exists()


def test_the_printed_report_carries_the_code_but_never_its_own_address(client, published):
    screening = aged(1, finished=True)
    page = client.get(reverse("screening:report", args=[screening.token])).text
    header = page.split('<div class="print-header">')[1].split("</div>")[0]
    assert screening.resume_code in header and "/resume/" in header
    assert screening.token not in header and "/delete/" not in header
    assert "Keep the code private" in header


def test_the_report_link_alone_cannot_delete_a_report(client, published):
    screening = aged(1, finished=True)
    refused = client.post(reverse("screening:delete", args=[screening.token]), {"code": "ABCDE-FGHJK-MNPQR"})
    assert refused.status_code == 200 and "not the code of this report" in refused.text
    assert client.post(reverse("screening:delete", args=[screening.token])).status_code == 200
    assert Screening.objects.filter(pk=screening.pk).exists()
