"""gunicorn alone serves the site: whitenoise hands out hashed, compressed static files."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, **headers: str):
    request = urllib.request.Request(url, headers={"Host": "localhost", **headers})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, dict(response.headers), response.read()


@pytest.fixture
def production_server(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "SECURE_SSL_REDIRECT",
            "SECURE_COOKIES",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "CSP_ENFORCE",
        }
    }
    env.update(
        DJANGO_SETTINGS_MODULE="studygroup.settings",
        SECRET_KEY="production-like-secret-" + "z" * 40,
        ALLOWED_HOSTS="localhost",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
        SECURE_SSL_REDIRECT="false",
    )
    env.pop("REDIS_URL", None)
    python = sys.executable
    for command in (
        ["migrate", "-v0"],
        ["createcachetable"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True)
    port = free_port()
    gunicorn = Path(python).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "studygroup.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            get(base + "/healthz")
            break
        except OSError:
            if time.monotonic() > deadline:
                server.kill()
                raise
            time.sleep(0.2)
    yield base
    server.terminate()
    server.wait(timeout=10)


def test_gunicorn_serves_pages_and_hashed_compressed_static(production_server):
    status, _, body = get(production_server + "/")
    assert status == 200
    css_path = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body)
    assert css_path, "the page links the hashed stylesheet"
    status, headers, _ = get(
        production_server + css_path.group(1).decode(), **{"Accept-Encoding": "gzip"}
    )
    assert status == 200
    assert headers.get("Content-Encoding") == "gzip"
    assert "immutable" in headers.get("Cache-Control", "")


def test_production_reports_csp_violations_by_default_and_refuses_framing(production_server):
    status, headers, _ = get(production_server + "/")
    assert status == 200
    assert "Content-Security-Policy" not in headers  # enforcing is opt-in (CSP_ENFORCE)
    policy = headers["Content-Security-Policy-Report-Only"]
    assert "script-src 'self';" in policy and "report-uri /csp-report" in policy
    # Report-Only headers cannot refuse framing, so X-Frame-Options still does.
    assert headers["X-Frame-Options"] == "DENY"
