"""Live updates across app processes: a comment posted through server A reaches a poll on B.

Two real gunicorn servers run against one SQLite file (migrated in tmp_path) and share the
default database cache, as two stateless app servers share PostgreSQL and Redis in
production. Nothing here touches the test database.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
SEED = """
import json, secrets
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from studygroup.library.models import Reading
from tests.factories import add_member, adopt, make_group, make_user

ada, ben = make_user(username="ada"), make_user(username="ben")
group = make_group(facilitator=ada)
add_member(group, ben)
adoption = adopt(group, weeks=2)
reading = adoption.readings.all().order_by("number").first()
sessions = {}
for user in (ada, ben):
    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s.create()
    sessions[user.username] = s.session_key
print(json.dumps({"slug": group.slug, "reading": reading.pk, "sessions": sessions}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def servers(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "studygroup.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'live.sqlite3'}",
        "SECRET_KEY": "live-test-" + "k" * 50,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "TASKS_BACKEND": "immediate",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    # Full pages need the static manifest, as in production.
    for command in (["migrate", "--noinput"], ["createcachetable"], ["collectstatic", "--noinput"]):
        subprocess.run(manage + command, env=env, cwd=ROOT, check=True, capture_output=True)
    seeded = subprocess.run(
        manage + ["shell", "-c", SEED],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    import json

    world = json.loads(seeded.stdout.strip().splitlines()[-1])
    procs, urls = [], []
    for _ in range(2):
        port = free_port()
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "studygroup.wsgi",
                    "-b",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "1",
                    "--log-level",
                    "warning",
                ],  # fmt: skip
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            deadline = time.monotonic() + 20
            while True:
                try:
                    urllib.request.urlopen(f"{url}/healthz", timeout=5)
                    break
                except OSError:  # refused while booting, or a slow first answer
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
        yield world, urls
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=10)


def opener(session_key: str, csrf: str, host: str):
    jar = http.cookiejar.CookieJar()
    for name, value in (("sessionid", session_key), ("csrftoken", csrf)):
        jar.set_cookie(
            http.cookiejar.Cookie(
                0,
                name,
                value,
                None,
                False,
                host,
                False,
                False,
                "/",
                True,
                False,
                None,
                True,
                None,
                None,
                {},
            )  # fmt: skip
        )
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def request(open_, url: str, *, data: bytes | None = None, csrf: str = "", htmx: bool = True):
    headers = {"HX-Request": "true"} if htmx else {}
    if csrf:
        headers["X-CSRFToken"] = csrf
    req = urllib.request.Request(url, data=data, headers=headers)
    with open_.open(req, timeout=10) as response:
        return response.status, response.read().decode()


def test_comment_posted_on_one_server_reaches_a_poll_on_the_other(servers):
    world, (a, b) = servers
    csrf = "c" * 32
    base = f"/groups/{world['slug']}/readings/{world['reading']}"
    ada = opener(world["sessions"]["ada"], csrf, "127.0.0.1")
    ben = opener(world["sessions"]["ben"], csrf, "127.0.0.1")

    status, html = request(ben, f"{b}{base}/thread/")
    assert status == 200
    version = re.search(r'data-version="([^"]+)"', html).group(1)
    assert request(ben, f"{b}{base}/poll/?v={version}&n=0")[0] == 204

    body = b"body=Posted+through+server+A&client_token=live-1&form_id=compose"
    status, _ = request(ada, f"{a}{base}/comments/", data=body, csrf=csrf)
    assert status == 200

    started = time.monotonic()
    while True:
        status, html = request(ben, f"{b}{base}/poll/?v={version}&n=0")
        if status == 200 or time.monotonic() - started > 10:
            break
        time.sleep(0.5)
    assert status == 200, "server B never saw the new version"
    assert "Posted through server A" in html
    assert "1 new comment" in html
    new_version = re.search(r'data-version="([^"]+)"', html).group(1)
    assert request(ben, f"{b}{base}/poll/?v={new_version}&n=1")[0] == 204


def test_a_page_kept_on_one_server_is_dropped_by_a_write_through_the_other(servers):
    """Each server keeps whole pages in its memory; a write on either drops them on both."""
    world, (a, b) = servers
    csrf = "c" * 32
    page = reverse("discussion:reading", kwargs={"slug": world["slug"], "number": 1})
    base = f"/groups/{world['slug']}/readings/{world['reading']}"
    ada = opener(world["sessions"]["ada"], csrf, "127.0.0.1")
    ben = opener(world["sessions"]["ben"], csrf, "127.0.0.1")
    for _ in range(2):  # rendered, then kept
        status, html = request(ben, f"{b}{page}", htmx=False)
        assert status == 200 and "Signed in as <strong>" in html
    assert "Kept pages drop" not in html

    body = b"body=Kept+pages+drop&client_token=live-2&form_id=compose"
    assert request(ada, f"{a}{base}/comments/", data=body, csrf=csrf)[0] == 200
    assert "Kept pages drop" in request(ben, f"{b}{page}", htmx=False)[1]

    # A write outside any transaction (the reader's text size), through server A.
    size = f"size=larger&next={page}".encode()
    assert request(ben, f"{a}/accounts/reader-size/", data=size, csrf=csrf)[0] == 200
    html = request(ben, f"{b}{page}", htmx=False)[1]
    assert "reader-at-115" in html
