"""/healthz: the database, Redis and the task queue's backlog, each in every state it can be in.

The queue is the real one (django-tasks-db's table in the test database); Redis is a real
redis-server on a spare port (tests/test_faults.py's fixtures); the database-down case is a
real process whose database cannot be reached.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from studygroup.discussion.tasks import send_notification_email
from tests.test_faults import redis_server, with_redis  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(settings):
    """The real database queue, as production runs it; nothing works through it here."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_BACKLOG_MAX_AGE = 60


def enqueue(*, waited: float = 0, **changes) -> DBTaskResult:
    """A queued email task, as if it had been queued `waited` seconds ago."""
    result = send_notification_email.enqueue(notification_id=1)
    rows = DBTaskResult.objects.filter(pk=result.id)
    rows.update(enqueued_at=timezone.now() - timedelta(seconds=waited), **changes)
    return rows.get()


def health(client) -> tuple[int, dict]:
    response = client.get("/healthz")
    assert response["Cache-Control"].startswith("max-age=0")
    return response.status_code, response.json()


def test_an_empty_queue_is_ok(client, queue):
    status, body = health(client)
    assert status == 200 and body["status"] == "ok" and "detail" not in body
    assert body["queue"] == {
        "backend": "database",
        "ready": 0,
        "late": 0,
        "oldest_seconds": None,
        "max_age_seconds": 60,
    }


def test_tasks_waiting_a_moment_are_ok(client, queue):
    enqueue(waited=5)
    enqueue(waited=20)
    status, body = health(client)
    assert status == 200 and body["status"] == "ok"
    assert body["queue"]["ready"] == 2 and body["queue"]["late"] == 0
    assert 20 <= body["queue"]["oldest_seconds"] < 30


def test_a_task_waiting_past_the_threshold_is_degraded_not_down(client, queue):
    enqueue(waited=5)
    enqueue(waited=61)
    enqueue(waited=600)
    status, body = health(client)
    # The proxy keeps sending readers here: the site serves; the emails are late.
    assert status == 200 and body["status"] == "degraded"
    assert body["queue"]["ready"] == 3 and body["queue"]["late"] == 2
    assert 600 <= body["queue"]["oldest_seconds"] < 610
    assert "2 tasks have waited more than 60 seconds" in body["detail"]


def test_the_threshold_is_a_setting(client, queue, settings):
    enqueue(waited=90)
    assert health(client)[1]["status"] == "degraded"
    settings.TASK_BACKLOG_MAX_AGE = 120
    status, body = health(client)
    assert body["status"] == "ok" and body["queue"]["late"] == 0
    assert body["queue"]["max_age_seconds"] == 120


def test_only_tasks_due_and_waiting_count(client, queue):
    # Running, finished and failed tasks are not waiting; a deferred one is not due yet.
    enqueue(waited=600, status="RUNNING", started_at=timezone.now())
    enqueue(waited=600, status="SUCCESSFUL", finished_at=timezone.now())
    enqueue(waited=600, status="FAILED", finished_at=timezone.now())
    enqueue(waited=600, run_after=timezone.now() + timedelta(hours=1))
    status, body = health(client)
    assert body["status"] == "ok" and body["queue"]["ready"] == 0
    # A deferred task is due from its run_after, not from when it was queued.
    enqueue(waited=3600, run_after=timezone.now() - timedelta(seconds=10))
    status, body = health(client)
    assert body["status"] == "ok" and body["queue"]["ready"] == 1
    assert 10 <= body["queue"]["oldest_seconds"] < 20


def test_the_backlog_costs_one_query(client, queue, django_assert_num_queries):
    for waited in (1, 100, 1000):
        enqueue(waited=waited)
    with django_assert_num_queries(2):  # SELECT 1, then the backlog's aggregate
        assert health(client)[1]["queue"]["late"] == 2


def test_with_tasks_run_inline_there_is_no_queue(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    status, body = health(client)
    assert status == 200 and body["status"] == "ok" and body["queue"] == {"backend": "immediate"}


def test_redis_down_and_a_late_queue_are_both_named(client, queue, with_redis):  # noqa: F811
    status, body = health(client)
    assert status == 200 and body["cache"] == "up" and body["status"] == "ok"
    with_redis.kill()
    enqueue(waited=3600)
    status, body = health(client)
    assert status == 200 and body["status"] == "degraded"
    assert body["cache"] == "down" and body["queue"]["late"] == 1
    assert "Redis is down" in body["detail"] and "1 task has waited" in body["detail"]


def test_the_database_down_is_503_whatever_the_queue(tmp_path):
    """A real process with the production settings and the database queue, whose database is
    a SQLite file in a directory that does not exist."""
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(r.status_code, r.json()['status'], r.json()['database'], 'queue' in r.json())"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "studygroup.settings",
        "DEBUG": "true",
        "TASKS_BACKEND": "database",
        "DATABASE_URL": f"sqlite:///{tmp_path}/missing/dir/db.sqlite3",
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["503", "unavailable", "down", "False"]
