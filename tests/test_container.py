"""The Dockerfile: lint-clean (hadolint), non-root, a HEALTHCHECK, migrations left to an explicit step."""

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text()


def test_hadolint_finds_nothing():
    hadolint = Path(sys.executable).with_name("hadolint")
    result = subprocess.run([str(hadolint), str(ROOT / "Dockerfile")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_runs_as_a_non_root_user_with_a_healthcheck():
    users = [line.split()[1] for line in DOCKERFILE.splitlines() if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    assert "HEALTHCHECK" in DOCKERFILE and "config/healthcheck.py" in DOCKERFILE
    assert "migrate" not in DOCKERFILE.split("CMD")[-1]  # migrations are an explicit deployment step


def test_the_healthcheck_script_reports_the_apps_health(live_server, monkeypatch):
    import urllib.request

    from config import healthcheck

    real_request = urllib.request.Request

    def to_live_server(url, headers=None):
        return real_request(url.replace("http://127.0.0.1:8000", live_server.url), headers=headers or {})

    monkeypatch.setattr(urllib.request, "Request", to_live_server)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
    assert healthcheck.main() == 0
    monkeypatch.setattr(
        urllib.request, "Request", lambda url, headers=None: real_request("http://127.0.0.1:9/healthz")
    )
    assert healthcheck.main() == 1
    assert os.path.exists(ROOT / "config" / "healthcheck.py")
