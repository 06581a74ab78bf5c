"""deploy/: the local cluster script, the scheduled jobs' list and the proxy's configuration.

The full run of deploy/local-cluster (two gunicorn servers behind haproxy, two task workers,
PostgreSQL, Redis) takes a minute and a half and needs the machine's PostgreSQL and Redis:
opt in with CLUSTER_SMOKE=1, as .ci/run does on its PostgreSQL leg.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "deploy" / "local-cluster"
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
# Its own database and Redis db: never the suite's, nor those of a run by hand.
CLUSTER_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/studygroup_cluster_pytest"
CLUSTER_REDIS_URL = "redis://127.0.0.1:6379/12"


def run_script(tmp_path: Path, timeout: float, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    environment.update(TMPDIR=str(tmp_path), **env)  # where it makes (and must remove) its dir
    return subprocess.run(
        [sys.executable, str(SCRIPT)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.skipif(
    os.environ.get("CLUSTER_SMOKE") != "1",
    reason="starts the whole layout for ~90 s on the machine's PostgreSQL and Redis; "
    "run with CLUSTER_SMOKE=1",
)
def test_the_local_cluster_passes_its_journey_and_leaves_nothing_behind(tmp_path):
    import psycopg

    done = run_script(
        tmp_path,
        timeout=600,
        CLUSTER_DATABASE_URL=CLUSTER_DATABASE_URL,
        CLUSTER_REDIS_URL=CLUSTER_REDIS_URL,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-6000:]
    for step in (
        "through the proxy: served by ['app1', 'app2']",
        "the app servers see the reader's own address",
        "posted through B is on A's page",
        "Karl's email sent",
        "manage.py send_digests: Digests sent:",
        "every request through the proxy answered 200 from B",
        # How many tasks wait depends on the day (the meeting reminders job may queue some).
        "200 degraded: ",
        "waited more than 3 seconds: are the task workers running?",
        "the waiting email went out; 200 {'status': 'ok'",
        "local-cluster: every step passed",
    ):
        assert step in done.stdout, output[-6000:]

    # Everything stopped: no port answers; the database is dropped; the temp dir is gone.
    ports = re.search(r"app servers on :(\d+) and :(\d+), proxy on http://127.0.0.1:(\d+)", output)
    for port in map(int, ports.groups()):
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still answers"
    parsed = urllib.parse.urlsplit(CLUSTER_DATABASE_URL)
    with psycopg.connect(parsed._replace(path="/postgres").geturl()) as connection:
        name = parsed.path.lstrip("/")
        row = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    assert row is None, "the cluster's database was not dropped"
    assert not [p for p in tmp_path.glob("studygroup-cluster-*") if p.is_dir()]


def test_a_step_that_fails_exits_non_zero_saying_what(tmp_path):
    # A PostgreSQL that is not there: nothing can start, and the script says so.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    done = run_script(
        tmp_path,
        timeout=120,
        CLUSTER_DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed}/studygroup_cluster_none",
        CLUSTER_REDIS_URL=CLUSTER_REDIS_URL,
    )
    assert done.returncode == 1
    assert "local-cluster: " in done.stdout
    if os.path.exists(HAPROXY):
        assert "FAILED: OperationalError" in done.stdout and str(closed) in done.stdout
        assert "everything stopped" in done.stdout
    assert not [p for p in tmp_path.glob("studygroup-cluster-*") if p.is_dir()]


def timer_jobs() -> set[str]:
    jobs = set()
    for timer in (ROOT / "deploy" / "systemd").glob("studygroup-*.timer"):
        unit = re.search(r"^Unit=studygroup-job@(\w+)\.service$", timer.read_text(), re.M)
        assert unit, f"{timer.name} names no studygroup-job@<command>.service"
        assert timer.name == f"studygroup-{unit.group(1)}.timer"
        jobs.add(unit.group(1))
    return jobs


def test_every_scheduled_job_is_a_command_and_cron_runs_the_same_ones():
    jobs = timer_jobs()
    assert "send_digests" in jobs
    assert jobs <= set(get_commands()), "a timer names a management command that is not there"
    cron = {
        match.group(1)
        for line in (ROOT / "deploy" / "crontab").read_text().splitlines()
        if not line.startswith("#") and (match := re.search(r"manage\.py (\w+)", line))
    }
    assert cron == jobs, "deploy/crontab and deploy/systemd/*.timer list different jobs"


def test_the_proxy_configuration_is_valid(tmp_path):
    if not os.path.exists(HAPROXY):
        if os.environ.get("CI") == "true":
            pytest.fail("haproxy is missing (apt-get install -y haproxy)")
        pytest.skip("needs haproxy (apt-get install -y haproxy)")
    env = {
        **os.environ,
        "PROXY_BIND": "127.0.0.1:1",
        "HEALTH_HOST": "study.example.org",
        "APP1": "10.0.0.11:8000",
        "APP2": "10.0.0.12:8000",
    }
    done = subprocess.run(
        [HAPROXY, "-c", "-f", "deploy/haproxy.cfg"], cwd=ROOT, env=env, capture_output=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
