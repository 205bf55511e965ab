"""The app served as production serves it: gunicorn with config/gunicorn.conf.py, behind nginx with
deploy/nginx.conf. gunicorn's logs carry no client address and no token, whatever a client sends;
slow clients stall gunicorn's sync workers, and behind the buffering proxy they stall nothing.

The proxy tests need nginx (apt-get install nginx-light); without it they skip, unless
REQUIRE_PROXY=1 (as in CI), where a missing nginx is a failure.
"""

import contextlib
import os
import re
import shutil
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


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("served")
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
        ["collectstatic", "--noinput", "-v0"],  # as the image's build does: DEBUG off needs the manifest
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
            urllib.request.urlopen(base + "/healthz", timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.terminate()
        pytest.fail("gunicorn did not start: " + log.read_text()[-2000:])
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
        b"GET /ok HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-For: 2001:db8::7\r\nBad Header\r\n\r\n",
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


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture(scope="module")
def proxied(served, tmp_path_factory):
    """nginx with the shipped deploy/nginx.conf, listening on a free port, in front of ``served``."""
    if not os.path.exists(NGINX):
        if os.environ.get("REQUIRE_PROXY") == "1":
            pytest.fail("The proxy tests must run here but cannot: nginx is not installed")
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    base, app_port, _ = served
    tmp_path = tmp_path_factory.mktemp("proxy")
    port = free_port()
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    conf = conf.replace("listen 80;", f"listen 127.0.0.1:{port};").replace(
        "server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};"
    )
    assert f"127.0.0.1:{port}" in conf and f"127.0.0.1:{app_port}" in conf
    (tmp_path / "nginx.conf").write_text(conf)
    directives = f"daemon off; pid {tmp_path}/nginx.pid;" + (" user root;" if os.geteuid() == 0 else "")
    process = subprocess.Popen(
        [NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", "stderr", "-g", directives],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.terminate()
        pytest.fail("nginx did not start in front of the app")
    yield url, port
    process.terminate()
    process.wait(timeout=10)


def slow_clients(port: int, count: int) -> list[socket.socket]:
    """Connections that send the start of a request, then nothing: what stalled both workers."""
    held = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        held.append(s)
    time.sleep(0.3)  # let each reach a worker
    return held


def answers_within(url: str, seconds: float) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=seconds) as response:
            response.read()
    except OSError:
        return False
    return True


def test_without_a_buffering_proxy_two_slow_clients_stall_the_app(served):
    base, port, _ = served
    held = slow_clients(port, 2)
    try:
        assert not answers_within(base + "/healthz", 2)  # both sync workers wait on the slow two
    finally:
        for s in held:
            s.close()


def test_behind_the_proxy_slow_clients_stall_nothing(proxied):
    url, port = proxied
    held = slow_clients(port, 10)
    try:
        started = time.monotonic()
        for _ in range(20):
            assert answers_within(url + "/healthz", 1)
        assert time.monotonic() - started < 5
        with urllib.request.urlopen(url + "/", timeout=2) as page:
            assert page.status == 200 and page.headers["Server"] == "nginx"  # no version given away
    finally:
        for s in held:
            s.close()


def test_the_proxy_refuses_a_body_larger_than_the_admin_allows(proxied):
    _, port = proxied
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:  # the headers alone say 3 MB
        s.sendall(b"POST /resume/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3145728\r\n\r\n")
        assert s.recv(100).startswith(b"HTTP/1.1 413")
