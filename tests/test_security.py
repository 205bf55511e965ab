"""Production settings fail closed; every page carries the security and privacy headers."""

import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from screening.models import Screening
from tests.conftest import CALIBRATION_DIR, ROOT
from tests.journey import answers_from, walk

pytestmark = pytest.mark.django_db

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "DJANGO_ALLOWED_HOSTS": "offercheck.example.org",
    "DATABASE_URL": "postgres://offercheck@db.example.internal:5432/offercheck",
}


def test_check_deploy_is_clean_with_production_settings():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env={**env, **PRODUCTION_ENV},
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.fixture
def every_page(client, published):
    client.post(reverse("screening:begin"))
    screening = Screening.objects.get()
    walk(client, screening.token, answers_from(CALIBRATION_DIR / "s05-self-funded-ahsct-abroad.json"))
    token = screening.token
    return [
        "/",
        "/privacy/",
        "/resume/",
        f"/s/{token}/",
        f"/s/{token}/step/1/",
        f"/s/{token}/step/4/",
        f"/s/{token}/review/",
        f"/s/{token}/report/",
        f"/s/{token}/report.json",
        f"/s/{token}/delete/",
        "/healthz",
        "/no-such-page/",
        reverse("admin:login"),
    ]


def test_security_headers_on_every_page(client, every_page):
    for path in every_page:
        response = client.get(path)
        csp = response.get("Content-Security-Policy", "")
        assert (
            "default-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        ), path
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert response["Referrer-Policy"] == "same-origin", path
        assert "camera=()" in response["Permissions-Policy"], path
        assert response["X-Frame-Options"] == "DENY", path
        assert response["Cache-Control"] == "no-store", path


def test_reports_and_questionnaire_pages_are_not_indexed(client, every_page):
    """One rule (ops.is_indexable) decides both the header and the page's robots tag."""
    meta = '<meta name="robots" content="noindex">'
    for path in every_page:
        response = client.get(path)
        if path in ("/", "/privacy/"):
            assert "X-Robots-Tag" not in response and meta not in response.text, path
        else:
            assert response["X-Robots-Tag"] == "noindex, nofollow", path
            if 'class="skip-link"' in response.text:  # a page of ours (base.html), not the admin's
                assert meta in response.text, path


def test_no_page_refers_to_another_host(client, every_page):
    import re

    for path in every_page:
        body = client.get(path).content.decode()
        for target in re.findall(r'(?:src|href|action)="([^"]+)"', body):
            if target.startswith(("http:", "https:", "//")):
                # Only source links on the report, which the person chooses to follow.
                assert path.endswith("/report/"), (path, target)
        assert "<script>" not in body and " style=" not in body, path  # nothing inline for the CSP to block


def test_admin_text_is_escaped_in_the_report(client, shipped_json):
    import json

    from screening.publishing import publish
    from tests.conftest import import_json

    data = json.loads(json.dumps(shipped_json))
    data["criteria"][0]["title"] = '<script>alert("x")</script> Not approved'
    import_json(data)
    publish("Hostile title")
    client.post(reverse("screening:begin"))
    screening = Screening.objects.get()
    walk(client, screening.token, answers_from(CALIBRATION_DIR / "s09-patient-funded-fat-cell-study-ms.json"))
    page = client.get(reverse("screening:report", args=[screening.token])).text
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Not approved" in page


def test_the_admin_url_is_configurable():
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_DEBUG": "true",
        "DJANGO_ADMIN_URL": "staff-only-7f3a",
    }
    code = "import django; django.setup(); from django.urls import reverse; print(reverse('admin:index'))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
    )
    assert result.stdout.strip() == "/staff-only-7f3a/"


def test_starting_screenings_is_rate_limited_with_a_friendly_page(client, published, settings):
    settings.RATELIMIT_ENABLE = True
    cache.clear()
    statuses = [client.post(reverse("screening:begin")).status_code for _ in range(32)]
    assert statuses[:30] == [302] * 30
    assert statuses[30:] == [429, 429]
    page = client.post(reverse("screening:begin"))
    assert "Please wait a moment" in page.text and page["Content-Type"].startswith("text/html")
    assert Screening.objects.count() == 30


def test_resume_code_guessing_is_throttled_and_logged_without_the_code(client, published, settings, caplog):
    settings.RATELIMIT_ENABLE = True
    cache.clear()
    statuses = [
        client.post(reverse("screening:resume"), {"code": f"ABCDE-FGHJK-{n:05d}"}).status_code
        for n in range(12)
    ]
    assert statuses[:10] == [200] * 10 and statuses[10:] == [429, 429]
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "resume code was tried" in logged
    assert "ABCD" not in logged and "127.0.0.1" not in logged


def test_admin_login_locks_after_repeated_failures(published, admin_user):
    cache.clear()
    client = Client()
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": "admin", "password": "wrong"})
    locked = client.post(url, {"username": "admin", "password": "password"})  # the right one, too late
    assert locked.status_code == 429 and "locked" in locked.text
    assert "_auth_user_id" not in client.session
    cache.clear()


def test_a_stranger_cannot_lock_a_staff_member_out(published, admin_user):
    """Locking by account name alone let anyone lock any staff account with five requests."""
    cache.clear()
    url = reverse("admin:login")
    stranger = Client(REMOTE_ADDR="203.0.113.66")
    for _ in range(6):
        stranger.post(url, {"username": "admin", "password": "wrong"})
    assert stranger.post(url, {"username": "admin", "password": "password"}).status_code == 429
    colleague = Client(REMOTE_ADDR="198.51.100.20")
    assert colleague.post(url, {"username": "admin", "password": "password"}).status_code == 302
    stored = " ".join(f"{key} {value!r}" for key, value in cache._cache.items())  # LocMemCache in tests
    assert "axes" in stored
    assert "203.0.113.66" not in stored and "198.51.100.20" not in stored


def test_form_fields_have_length_limits():
    """Every free-text field has a length limit; a choice takes only its own option codes."""
    from django import forms

    from screening.forms import OfferForm, ResumeForm

    for form in (OfferForm(), ResumeForm()):
        for name, field in form.fields.items():
            if isinstance(field, forms.ChoiceField):
                assert field.choices and not field.valid_value("x" * 101), name
            else:
                assert field.max_length, name


def test_oversized_requests_are_refused_politely(client, published):
    client.post(reverse("screening:begin"))
    screening = Screening.objects.get()
    url = reverse("screening:step", args=[screening.token, 1])
    quiet = Client(raise_request_exception=False)
    response = quiet.post(url, {"condition": "x" * 70_000})
    assert response.status_code == 413 and "Too much was sent" in response.text
    many = quiet.post(url, {f"field{i}": "x" for i in range(300)})
    assert many.status_code == 400 and "Something went wrong with that request" in many.text


def test_a_huge_body_is_refused_before_it_is_read(published):
    """Any anonymous POST, even to an unknown token, accepted a 300 MB file and wrote it to disk."""
    quiet = Client(raise_request_exception=False)
    for path in ("/s/" + "u" * 32 + "/step/1/", reverse("screening:resume"), reverse("screening:begin")):
        # The body holds 1 KB but claims 300 MB: reading past the first KB would fail the test (500).
        response = quiet.generic(
            "POST",
            path,
            data=b"x" * 1024,
            content_type="multipart/form-data; boundary=x",
            CONTENT_LENGTH=str(300 * 2**20),
        )
        assert response.status_code == 413, path
        assert "Too much was sent" in response.text and response["X-Content-Type-Options"] == "nosniff"


def test_a_file_sent_to_a_public_page_is_neither_kept_nor_written(client, published, tmp_path, settings):
    from unittest import mock

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler

    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    upload = SimpleUploadedFile("notes.txt", b"y" * 30_000)
    with (
        mock.patch.object(MemoryFileUploadHandler, "new_file", side_effect=AssertionError("kept in memory")),
        mock.patch.object(
            TemporaryFileUploadHandler, "new_file", side_effect=AssertionError("written to disk")
        ),
    ):
        response = client.post(reverse("screening:resume"), {"code": "ABCDE-FGHJK-MNPQR", "file": upload})
    assert response.status_code == 200 and "could not find that code" in response.text
    assert list(tmp_path.iterdir()) == []


SCREENING_PATHS = ["", "step/1/", "step/2/", "review/", "report/", "report.json", "report.pdf", "delete/"]


@pytest.mark.parametrize("tail", SCREENING_PATHS)
@pytest.mark.parametrize("token", ["a%00" + "b" * 31, "x" * 31, "x" * 33, "%2e%2e", "<script>" + "y" * 24])
def test_a_token_that_is_not_one_is_a_404_without_a_query(client, db, django_assert_num_queries, tail, token):
    """A NUL byte in the token gave a 500 on all 8 screening addresses."""
    quiet = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = quiet.get(f"/s/{token}/{tail}")
    assert response.status_code == 404 and "Page not found" in response.text


def test_resume_guessing_from_many_addresses_meets_a_ceiling_and_an_alert(published, settings, caplog):
    """Ten tries a minute per address left a /48 of IPv6 addresses free to find a code in 13 minutes."""
    import logging
    from unittest import mock

    settings.RATELIMIT_ENABLE = True
    settings.RESUME_FAILURES_PER_MINUTE = 25
    cache.clear()
    caplog.set_level(logging.WARNING, logger="screening.ceilings")

    def tries(code: str, count: int, first: int = 0) -> list[int]:
        return [  # each try from another address: no per-client limit is reached
            Client(REMOTE_ADDR=f"203.0.{first + n}.7")
            .post(reverse("screening:resume"), {"code": code})
            .status_code
            for n in range(count)
        ]

    with mock.patch("screening.ceilings.time.time", return_value=1_800_000_000.0):  # within one minute
        assert tries("ZZZZZ-ZZZZZ-ZZZZZ", 30) == [200] * 30  # today's codes: counted, never paused
        assert tries("ZZZZ-ZZZZ", 5, first=100) == [429] * 5  # the short codes of before: paused
    alerts = [r.getMessage() for r in caplog.records if r.getMessage().startswith("CEILING resume")]
    assert len(alerts) == 1 and "203.0." not in alerts[0]
    with mock.patch("screening.ceilings.time.time", return_value=1_800_000_000.0 + 60):  # the next minute
        assert tries("ZZZZ-ZZZZ", 1, first=200) == [200]


def test_ipv6_clients_share_one_limit_per_48(published, settings):
    settings.RATELIMIT_ENABLE = True
    cache.clear()
    statuses = [
        Client(REMOTE_ADDR=f"2001:db8:7:{n:x}::1")
        .post(reverse("screening:resume"), {"code": "x"})
        .status_code
        for n in range(12)
    ]
    assert statuses[:10] == [200] * 10 and statuses[10:] == [429, 429]


def test_error_pages_and_static_files_carry_the_headers(published, settings):
    """Every error page has the page headers; static files have theirs and never a cookie."""
    from unittest import mock

    settings.RATELIMIT_ENABLE = True
    cache.clear()
    quiet = Client(raise_request_exception=False)
    errors = {
        404: lambda: quiet.get("/no-such-page/"),
        405: lambda: quiet.put(reverse("screening:begin")),
        413: lambda: quiet.post(reverse("screening:resume"), {"code": "x" * 70_000}),
        403: lambda: Client(enforce_csrf_checks=True).post(reverse("screening:resume"), {"code": "x"}),
    }
    with mock.patch("screening.views.latest_version", side_effect=RuntimeError("boom")):
        errors[500] = (lambda response: lambda: response)(quiet.get("/"))
    for _ in range(30):
        quiet.post(reverse("screening:begin"))
    errors[429] = lambda: quiet.post(reverse("screening:begin"))
    for status, make in errors.items():
        response = make()
        assert response.status_code == status, (status, response.status_code)
        assert "default-src 'self'" in response["Content-Security-Policy"], status
        assert response["X-Content-Type-Options"] == "nosniff" and response["Cache-Control"] == "no-store", (
            status
        )
        assert response.get("X-Robots-Tag") == "noindex, nofollow", status
        assert "camera=()" in response["Permissions-Policy"], status
    for path in ("/static/css/app.css", "/static/fonts/atkinson-hyperlegible-latin-400-normal.woff"):
        static = quiet.get(path)
        assert static.status_code == 200 and static["X-Content-Type-Options"] == "nosniff", path
        assert static["Referrer-Policy"] == "same-origin" and "Set-Cookie" not in static, path
        static.close()  # a file response: let go of the file


def test_counters_outlive_many_clients_on_the_database_cache(published, settings, monkeypatch):
    """With the database cache's default 300 entries, 320 clients' keys wiped the ceiling and the lockouts."""
    from django.conf import settings as live
    from django.core.cache import caches

    from screening import ceilings

    # One fixed minute: a run that crosses a minute boundary would read the next minute's empty counter.
    monkeypatch.setattr(ceilings.time, "time", lambda: 1_800_000_000.0)

    settings.CACHES = live.CACHES | {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cache_table",
            "OPTIONS": {"MAX_ENTRIES": 500_000},
        }
    }
    from django.core.management import call_command

    from config import settings as production

    assert production.CACHES["default"]["OPTIONS"]["MAX_ENTRIES"] >= 100_000
    call_command("createcachetable", verbosity=0)
    database_cache = caches["default"]
    for _ in range(30):
        ceilings.count("resume", 1000)
    for n in range(400):  # what 400 clients' rate-limit counters add
        database_cache.set(f"rl:client-{n}", 1, 3600)
    assert database_cache.get(ceilings._key("resume")) == 30


def test_a_bad_link_in_an_already_published_version_is_shown_as_text(client, published, shipped_json):
    """Versions published before the address rule keep their content; the report still never links it."""
    import json

    from screening.domain.codec import sha256_of
    from screening.models import CatalogueVersion

    data = json.loads(json.dumps(shipped_json))
    for criterion in data["criteria"]:
        for source in criterion["sources"]:
            source["url"] = "javascript:alert(1)"
    CatalogueVersion.objects.create(
        number=2, note="old", published_by_name="x", content=data, sha256=sha256_of(data)
    )
    client.post(reverse("screening:begin"))
    screening = Screening.objects.order_by("-pk").first()
    walk(client, screening.token, answers_from(CALIBRATION_DIR / "s09-patient-funded-fat-cell-study-ms.json"))
    page = client.get(reverse("screening:report", args=[screening.token])).text
    assert "javascript:alert(1)" in page and 'href="javascript:' not in page
