"""The app served as the image serves it: gunicorn with config/gunicorn.conf.py. Its logs carry no
client address and no token, whatever a client sends."""

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from http.cookiejar import CookieJar, DefaultCookiePolicy

import pytest

from tests.conftest import CATALOGUE_FILE, ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"},
        "DJANGO_SECRET_KEY": "serving-test-only",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_RATELIMIT_ENABLE": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'served.sqlite3'}",
    }
    manage = [sys.executable, "manage.py"]
    for args in (
        ["migrate", "-v0"],
        ["import_catalogue", str(CATALOGUE_FILE)],
        ["publish_catalogue", "--note", "x"],
    ):
        subprocess.run(manage + args, cwd=ROOT, env=env, check=True, capture_output=True)
    port = free_port()
    log = tmp_path / "gunicorn.log"
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    command = [
        gunicorn,
        "--config",
        "config/gunicorn.conf.py",
        "--bind",
        f"127.0.0.1:{port}",
        "--access-logfile",
        "-",
    ]
    with log.open("w") as out:
        process = subprocess.Popen(
            [*command, "config.wsgi"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base, port, log
    process.terminate()
    process.wait(timeout=10)


class AnyScheme(DefaultCookiePolicy):
    """Send the Secure CSRF cookie over this local plain-HTTP server too, as a browser would over TLS."""

    def return_ok_secure(self, cookie, request):
        return True


def test_the_logs_carry_no_address_and_no_token_after_a_journey(served):
    base, port, log = served
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar(AnyScheme())))
    start = opener.open(base + "/").read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', start).group(1)
    step = opener.open(
        urllib.request.Request(
            base + "/start/", data=f"csrfmiddlewaretoken={csrf}".encode(), headers={"Referer": base + "/"}
        )
    )
    token = re.search(r"/s/([A-Za-z0-9_-]{32})/", step.geturl()).group(1)
    for path in (f"/s/{token}/review/", f"/s/{token}/report/", f"/s/{token}/nope/", f"/s/{token}/step/99/"):
        with contextlib.suppress(urllib.error.HTTPError):  # a 404 is logged too
            opener.open(base + path)
    for raw in (
        b"GARBAGE\r\n\r\n",
        f"GET /s/{token}/ HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n".encode(),
    ):
        with socket.create_connection(
            ("127.0.0.1", port)
        ) as s:  # gunicorn logs "Invalid request from ip=..."
            s.sendall(raw)
            s.recv(1024)
    time.sleep(0.5)
    text = log.read_text()
    assert "GET /" in text and "Invalid request" in text  # the logs did record these
    assert token not in text and "127.0.0.1" not in text, text
