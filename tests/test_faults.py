"""Faults: Redis dies or restarts empty, the database is unreachable, many processes post at
once. Each against the real thing: a redis-server this test starts on a spare port (never the
machine's own), a database file that is not there, concurrent OS processes.
"""

from __future__ import annotations

import os
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client

from studygroup import cache as versions
from studygroup import ratelimit
from tests.factories import PASSWORD, make_user

ROOT = Path(__file__).resolve().parents[1]
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """A throwaway redis-server without persistence: a restart comes back empty."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.workdir = workdir
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(timeout=10)
            self.proc = None


@pytest.fixture
def redis_server(tmp_path):
    if not os.path.exists(REDIS_SERVER):
        pytest.skip("needs redis-server (apt-get install -y redis-server)")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.kill()


@pytest.fixture
def with_redis(redis_server, settings, monkeypatch):
    """The site as settings.py configures it when REDIS_URL is set (cache and sessions)."""
    monkeypatch.setenv("REDIS_URL", redis_server.url)
    production = runpy.run_path(str(ROOT / "studygroup" / "settings.py"))
    settings.CACHES = {**settings.CACHES, "default": production["CACHES"]["default"]}
    settings.SESSION_ENGINE = production["SESSION_ENGINE"]
    return redis_server


# --- Redis ------------------------------------------------------------------------------


def signed_in_as(response, user) -> bool:
    return f"Signed in as <strong>{user.name}</strong>" in response.content.decode()


@pytest.mark.django_db
def test_without_redis_pages_serve_uncached_and_healthz_says_degraded(client, with_redis):
    user = make_user()
    client.force_login(user)
    assert signed_in_as(client.get("/"), user)
    health = client.get("/healthz").json()
    assert (health["status"], health["database"], health["cache"]) == ("ok", "up", "up")

    with_redis.kill()
    started = time.monotonic()
    page = client.get("/")
    assert page.status_code == 200 and signed_in_as(page, user)
    health = client.get("/healthz")
    assert health.status_code == 200  # the site still serves: degraded, not down
    assert health.json()["status"] == "degraded" and health.json()["cache"] == "down"
    # Rate limits fail open: a write still goes through, and so does signing in (allauth
    # counts sign-ins in the cache).
    write = client.post("/accounts/reader-size/", {"size": "larger"})
    assert write.status_code in {200, 302}
    other = make_user()
    browser = Client()
    signing_in = browser.post("/accounts/login/", {"login": other.email, "password": PASSWORD})
    assert signing_in.status_code == 302 and signed_in_as(browser.get("/"), other)
    assert time.monotonic() - started < 2  # a dead Redis costs milliseconds, not seconds


@pytest.mark.django_db
def test_a_session_survives_a_redis_restart_without_persistence(client, with_redis):
    user = make_user()
    client.force_login(user)
    assert signed_in_as(client.get("/"), user)

    with_redis.kill()
    with_redis.start()  # empty: every cached session is gone
    time.sleep(1.1)  # past the back-off after a failed call
    assert signed_in_as(client.get("/"), user)
    assert client.get("/healthz").json()["cache"] == "up"


@pytest.mark.django_db
def test_a_frozen_redis_costs_one_short_timeout_not_the_page(client, with_redis):
    """A server that accepts connections but never answers (stopped, or a lost network)."""
    user = make_user()
    client.force_login(user)
    assert signed_in_as(client.get("/"), user)
    with_redis.proc.send_signal(signal.SIGSTOP)
    thaw = threading.Timer(10, with_redis.proc.send_signal, [signal.SIGCONT])  # never hang
    thaw.start()
    try:
        started = time.monotonic()
        pages = [client.get("/") for _ in range(3)]
        elapsed = time.monotonic() - started
    finally:
        thaw.cancel()
        with_redis.proc.send_signal(signal.SIGCONT)
    assert all(p.status_code == 200 and signed_in_as(p, user) for p in pages)
    assert elapsed < 2  # REDIS_TIMEOUT (0.25 s) once, then the back-off skips Redis


# --- The database ---------------------------------------------------------------------


def test_an_unreachable_database_gets_a_503_back_soon_page_and_recovers(tmp_path):
    """A real process whose SQLite file sits in a folder that is not there yet; then it is."""
    ready = tmp_path / "ready.sqlite3"
    missing = tmp_path / "missing" / "db.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{ready}",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    script = f"""
import django, shutil
django.setup()
from django.test import Client
client = Client()
down = client.get("/library/")
print(down.status_code, down["Retry-After"], "Back soon" in down.content.decode())
htmx = client.get("/library/", headers={{"HX-Request": "true"}})
print(htmx.status_code, htmx["Content-Type"], htmx["Retry-After"])
shutil.copytree({str(ready.parent)!r}, {str(missing.parent)!r})
shutil.copy({str(ready)!r}, {str(missing)!r})
print(client.get("/library/").status_code)
"""
    env["DATABASE_URL"] = f"sqlite:///{missing}"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    down, htmx, back = result.stdout.strip().splitlines()
    assert down == "503 30 True"
    assert htmx == "503 text/plain; charset=utf-8 30"  # shown inline by site.js
    assert back == "200"  # reconnected on its own, no restart


# --- Rate limits under concurrent writers --------------------------------------------

HAMMER = """
import sys, time, django
django.setup()
from studygroup import ratelimit
print("ready", flush=True)
while not __import__("os").path.exists(sys.argv[1]):
    time.sleep(0.001)
print(sum(ratelimit.hit("hammer", limit=sys.argv[2]) for _ in range(int(sys.argv[3]))))
"""
PROCESSES, HITS_EACH, LIMIT = 6, 30, 40


def hammer(env: dict[str, str], tmp_path: Path) -> int:
    """PROCESSES real processes hit one key HITS_EACH times each, all at once: admitted hits."""
    go = tmp_path / "go"
    window = int(time.time()) // 86400
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", HAMMER, str(go), f"{LIMIT}/d", str(HITS_EACH)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    for proc in procs:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    go.touch()
    admitted = 0
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        admitted += int(out.strip())
    if int(time.time()) // 86400 != window:
        pytest.skip("the day's window closed during the test")
    return admitted


def hammer_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "studygroup.settings",
        "SECRET_KEY": "hammer-" + "k" * 50,
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
        **extra,
    }
    if "REDIS_URL" not in extra:
        env.pop("REDIS_URL", None)
    return env


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_get_exactly_the_limit_from_the_database(tmp_path):
    """Without Redis: the count is one atomic upsert, on SQLite and on PostgreSQL."""
    if connection.vendor == "postgresql":  # the test database, committed (transaction=True)
        s = connection.settings_dict
        url = f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
        commands = [["createcachetable"]]  # real settings: the database cache, not locmem
    else:
        url = f"sqlite:///{tmp_path / 'limits.sqlite3'}"
        commands = [["migrate", "--noinput"], ["createcachetable"]]
    for command in commands:
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=hammer_env(url),
            check=True,
            capture_output=True,
        )
    assert hammer(hammer_env(url), tmp_path) == LIMIT


def test_concurrent_writers_get_exactly_the_limit_from_redis(tmp_path, redis_server):
    url = f"sqlite:///{tmp_path / 'unused.sqlite3'}"  # Redis counts; the database is not asked
    env = hammer_env(url, REDIS_URL=redis_server.url)
    assert hammer(env, tmp_path) == LIMIT


@pytest.mark.django_db
def test_counting_a_hit_drops_no_kept_page():
    """A flood of refused posts must not keep dropping every reader's kept pages."""
    user = make_user()
    keys = [versions.LIBRARY, versions.viewer_version_key(user.pk)]
    versions.bump(keys)
    before = cache.get_many(keys)
    assert [ratelimit.hit(f"flood:{user.pk}", limit="1/m") for _ in range(3)] == [
        True,
        False,
        False,
    ]
    assert cache.get_many(keys) == before


@pytest.mark.django_db(transaction=True)
def test_a_write_while_redis_is_unreachable_is_on_the_page_once_it_is_back(with_redis):
    """The write's version move is lost while Redis does not answer; Redis comes back with the
    old versions, under which copies of the page are kept. The page must not go stale."""
    from tests.builders import make_circle

    circle = make_circle(is_public=True)
    reader = Client()
    for _ in range(2):  # rendered, then kept
        assert reader.get(circle.page).status_code == 200
    with_redis.proc.send_signal(signal.SIGSTOP)
    thaw = threading.Timer(10, with_redis.proc.send_signal, [signal.SIGCONT])  # never hang
    thaw.start()
    try:
        circle.post(body="Said while Redis was away.")
        assert "Said while Redis was away." in reader.get(circle.page).content.decode()
    finally:
        thaw.cancel()
        with_redis.proc.send_signal(signal.SIGCONT)
    time.sleep(versions.BACKOFF + 0.1)
    for _ in range(2):
        assert "Said while Redis was away." in reader.get(circle.page).content.decode()
