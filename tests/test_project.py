"""Project-wide guards: migrations, settings that fail closed, database selection, pages."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_no_pending_migrations(db):
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def test_the_suite_runs_on_the_database_ci_asked_for(db):
    # .ci/run sets EXPECT_DATABASE, so a suite silently run on the wrong engine fails.
    expected = os.environ.get("EXPECT_DATABASE")
    if expected is None:
        assert connection.vendor in {"sqlite", "postgresql"}
    else:
        assert connection.vendor == expected


def settings_in_subprocess(env: dict, expression: str) -> subprocess.CompletedProcess:
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; django.setup(); "
        f"from django.conf import settings; print({expression})"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**clean, **env}, cwd=ROOT
    )


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off():
    result = settings_in_subprocess({}, "settings.DEBUG")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_debug_is_off_by_default_and_production_security_is_on():
    result = settings_in_subprocess(
        {"DJANGO_SECRET_KEY": "x" * 50},
        "settings.DEBUG, settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE, "
        "settings.SECURE_HSTS_SECONDS",
    )
    assert result.stdout.strip() == "False True True 31536000"


def test_junk_in_a_boolean_setting_is_an_error():
    result = settings_in_subprocess({"DJANGO_DEBUG": "yes please"}, "settings.DEBUG")
    assert result.returncode != 0 and "must be true or false" in result.stderr


def test_sqlite_by_default_and_postgresql_when_database_url_says_so():
    sqlite = settings_in_subprocess({"DJANGO_DEBUG": "true"}, "settings.DATABASES['default']['ENGINE']")
    assert sqlite.stdout.strip() == "django.db.backends.sqlite3"
    postgres = settings_in_subprocess(
        {"DJANGO_DEBUG": "true", "DATABASE_URL": "postgres://u@127.0.0.1:5432/x"},
        "settings.DATABASES['default']['ENGINE']",
    )
    assert postgres.stdout.strip() == "django.db.backends.postgresql"


def test_start_page_has_one_h1_and_names_the_published_version(client, published):
    response = client.get(reverse("screening:start"))
    assert response.status_code == 200
    assert response.text.count("<h1") == 1
    assert "version 1 of our criteria (41 warning signs and 10 reassuring signs)" in response.text
    assert 'action="/start/"' in response.text


def test_start_page_without_a_published_catalogue(client, db):
    response = client.get(reverse("screening:start"))
    assert response.status_code == 200 and "no criteria have been published" in response.text


@pytest.mark.parametrize("path", ["/static/vendor/bootstrap/bootstrap.min.css", "/static/css/app.css"])
def test_css_is_served_by_the_app_itself(client, db, path):
    response = client.get(path)
    body = b"".join(response.streaming_content)
    response.close()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert len(body) > 100


def test_pages_request_nothing_from_other_hosts(client, published):
    page = client.get(reverse("screening:start")).text
    for attribute in ("src=", "href="):
        for chunk in page.split(attribute)[1:]:
            target = chunk[1:].split(chunk[0])[0]
            assert not target.startswith(("http:", "https:", "//")), target
