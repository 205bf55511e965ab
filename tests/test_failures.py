"""Failing politely: error pages, a database outage (503, then recovery), atomic saves, /healthz."""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import DEFAULT_DB_ALIAS, DatabaseError, OperationalError, connection, connections
from django.test import Client
from django.urls import reverse

from screening.models import Screening
from tests.journey import STEP_2_ANSWERS

quiet = pytest.fixture(lambda: Client(raise_request_exception=False))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "status", "words"),
    [("/no-such-page/", 404, "Page not found"), ("/s/not-a-token/report/", 404, "Page not found")],
)
def test_not_found_pages_are_friendly(quiet, path, status, words):
    response = quiet.get(path)
    assert response.status_code == status and words in response.text and "Traceback" not in response.text


@pytest.mark.django_db
def test_an_unexpected_error_gives_a_friendly_500_without_a_stack_trace(quiet, published):
    with mock.patch("screening.views.latest_version", side_effect=RuntimeError("boom")):
        response = quiet.get("/")
    assert response.status_code == 500
    assert (
        "Sorry, something went wrong" in response.text
        and "boom" not in response.text
        and "Traceback" not in response.text
    )


@pytest.mark.django_db
def test_wrong_method_and_missing_csrf_get_worded_pages(shipped_in_db):
    client = Client(enforce_csrf_checks=True)
    assert "Please go back and try again" in client.post(reverse("screening:begin")).text
    wrong = client.get(reverse("screening:begin"))
    assert wrong.status_code == 405 and "That does not work here" in wrong.text


@contextmanager
def database_down():
    """A real outage where we can make one (PostgreSQL: connect to a closed port), else failing queries."""
    connection.close()
    if connection.vendor == "postgresql":
        saved = connection.settings_dict["PORT"]
        connection.settings_dict["PORT"] = 1  # nothing listens there
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict["PORT"] = saved
    else:
        # The in-memory test database cannot really be closed, so every query fails instead.
        wrapper = type(connections[DEFAULT_DB_ALIAS])
        with mock.patch.object(wrapper, "create_cursor", side_effect=OperationalError("database is down")):
            yield
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_database_outage_gives_503_and_the_app_recovers_by_itself(quiet, shipped_json):
    from tests.conftest import publish_shipped_version

    publish_shipped_version(shipped_json)
    assert quiet.get("/").status_code == 200
    with database_down():
        for path in ("/", "/healthz", "/s/" + "t" * 32 + "/report/"):
            response = quiet.get(path)
            assert response.status_code == 503, path
            assert "not available right now" in response.text or response.json()["database"] == "unreachable"
            assert "Traceback" not in response.text
        assert quiet.post(reverse("screening:begin")).status_code == 503
        assert quiet.get(reverse("screening:resume")).status_code == 200  # needs no database
    assert quiet.get("/").status_code == 200
    assert quiet.get("/healthz").json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_healthz_checks_the_database(client):
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_a_failure_while_saving_a_step_leaves_the_previous_answers_intact(quiet, published):
    quiet.post(reverse("screening:begin"))
    screening = Screening.objects.get()
    step = reverse("screening:step", args=[screening.token, 2])
    first = dict(STEP_2_ANSWERS)
    quiet.post(step, first)
    before = Screening.objects.get().answers
    changed = dict(first, **{"offer-type": "routine-treatment", "condition-count": "many-unrelated"})
    with mock.patch.object(Screening, "save", side_effect=DatabaseError("disk full")):
        response = quiet.post(step, changed)
    assert response.status_code == 500 and "Your saved answers are safe" in response.text
    assert Screening.objects.get().answers == before


@pytest.mark.django_db(transaction=True)
def test_an_outage_writes_one_line_a_minute_not_a_traceback_per_request(quiet, shipped_json):
    import io
    import logging

    from screening import ops
    from tests.conftest import publish_shipped_version

    publish_shipped_version(shipped_json)
    ops._outage_said.clear()
    ops._outage_unsaid.clear()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    for name in ("django.request", "screening"):
        logging.getLogger(name).addHandler(handler)
    try:
        with database_down():
            for _ in range(30):
                assert quiet.get("/").status_code == 503
        a_minute_later = ops.time.monotonic() + 61
        with mock.patch("screening.ops.time.monotonic", return_value=a_minute_later), database_down():
            quiet.get("/")
    finally:
        for name in ("django.request", "screening"):
            logging.getLogger(name).removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert "Traceback" not in stream.getvalue()
    said = [line for line in lines if line.startswith("Database error")]
    assert [line.split("; ")[-1] for line in said] == [
        "0 more such failures since the last line.",
        "29 more such failures since the last line.",
    ]
    assert all(line.startswith("Database error (OperationalError: ") for line in said)
    assert len(lines) == 2


@pytest.mark.django_db(transaction=True)
def test_healthz_asks_to_retry_during_an_outage(quiet):
    with database_down():
        response = quiet.get("/healthz")
    assert response.status_code == 503 and response["Retry-After"] == "60"
