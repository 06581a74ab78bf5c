"""A task worker killed mid-task loses nothing and sends nothing twice.

Real processes on one SQLite file (migrated in tmp_path): a seed queues many notification
emails, then `manage.py db_worker` is killed with SIGKILL again and again while it works,
and restarted. Emails go to files (EMAIL_FILE_PATH), so every process's mail can be counted.
Nothing here touches the test database.
"""

from __future__ import annotations

import email
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from studygroup.discussion.management.commands.db_worker import requeue_stale
from studygroup.discussion.tasks import send_notification_email

ROOT = Path(__file__).resolve().parents[2]
EMAILS = 60
KILLS = 6
SEED = f"""
from studygroup.discussion.models import Notification
from studygroup.discussion.tasks import send_notification_email
from tests.factories import add_member, make_group, make_user

ada, ben = make_user(username="ada"), make_user(username="ben")
group = make_group(facilitator=ada)
add_member(group, ben)
for i in range({EMAILS}):
    n = Notification.objects.create(
        recipient=ben, actor=ada, kind="mention", group=group, url=f"/mail-check/{{i}}/"
    )
    send_notification_email.enqueue(notification_id=n.pk)
"""


def statuses(db: Path) -> dict[str, int]:
    with sqlite3.connect(db, timeout=20) as conn:
        rows = conn.execute(
            "SELECT status, COUNT(*) FROM django_tasks_database_dbtaskresult GROUP BY status"
        ).fetchall()
    return dict(rows)


def sent_emails(outbox: Path) -> list[tuple[int, str]]:
    """(notification number, Message-ID) of every complete email written to the outbox.

    The file backend ends each message with a line of dashes: a message cut short by the
    kill has none, as an SMTP transfer cut before its final "." is never delivered.
    """
    sent = []
    for path in outbox.iterdir():
        for chunk in path.read_bytes().split(b"-" * 79 + b"\n")[:-1]:
            message = email.message_from_bytes(chunk.strip())
            body = message.get_payload(decode=True).decode()
            for number in re.findall(r"/mail-check/(\d+)/", body):
                sent.append((int(number), message["Message-ID"]))
    return sent


def test_a_killed_worker_loses_no_email_and_sends_none_twice(tmp_path):
    db, outbox = tmp_path / "queue.sqlite3", tmp_path / "outbox"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "studygroup.settings",
        "DATABASE_URL": f"sqlite:///{db}",
        "SECRET_KEY": "worker-test-" + "k" * 50,
        "DEBUG": "false",
        "TASKS_BACKEND": "database",
        "EMAIL_FILE_PATH": str(outbox),
        "TASK_STALE_AFTER": "1",
        "PYTHONPATH": str(ROOT),
    }
    for name in ("REDIS_URL", "EMAIL_BACKEND"):
        env.pop(name, None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput"], ["createcachetable"], ["shell", "-c", SEED]):
        subprocess.run(manage + command, env=env, cwd=ROOT, check=True, capture_output=True)
    assert statuses(db) == {"READY": EMAILS}

    worker = manage + ["db_worker", "--no-startup-delay", "--interval", "0.05", "--no-reload"]

    def start() -> subprocess.Popen:
        return subprocess.Popen(
            worker, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )

    left_running = 0
    rng = random.Random(11)
    for _ in range(KILLS):
        proc = start()
        done_before = statuses(db).get("SUCCESSFUL", 0)
        deadline = time.monotonic() + 30
        # Kill it at a random moment once it is at work (unless the work is all done).
        while (
            done_before == statuses(db).get("SUCCESSFUL", 0) < EMAILS
            and time.monotonic() < deadline
        ):
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.15))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        left_running += statuses(db).get("RUNNING", 0)

    proc = start()
    try:
        deadline = time.monotonic() + 60
        while statuses(db).get("SUCCESSFUL", 0) < EMAILS and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    # The kills did land mid-task, and every task ran to the end anyway.
    assert left_running > 0
    assert statuses(db) == {"SUCCESSFUL": EMAILS}
    sent = sent_emails(outbox)
    # Every notification was emailed: none lost.
    assert sorted({number for number, _ in sent}) == list(range(EMAILS))
    # Exactly once as the reader sees it: each notification has one Message-ID of its own.
    # A kill in the instant between the mail server taking a message and our COMMIT sends
    # it again on retry, under the same id, which mail clients show once.
    ids = {number: {message_id for n, message_id in sent if n == number} for number, _ in sent}
    assert all(len(message_ids) == 1 for message_ids in ids.values())
    assert len({next(iter(m)) for m in ids.values()}) == EMAILS


@pytest.mark.django_db
def test_the_sweeper_requeues_stale_tasks_and_gives_up_on_poisonous_ones(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    rows = {}
    for name, age, attempts in (("fresh", 1, 1), ("stale", 600, 1), ("poison", 600, 5)):
        result = send_notification_email.enqueue(notification_id=0)
        rows[name] = result.id
        DBTaskResult.objects.filter(pk=result.id).update(
            status="RUNNING",
            started_at=timezone.now() - timedelta(seconds=age),
            worker_ids=[f"w{i}" for i in range(attempts)],
        )

    assert requeue_stale(backend_name="default", stale_after=300) == 1

    status = {str(pk): s for pk, s in DBTaskResult.objects.values_list("pk", "status")}
    assert [status[rows[name]] for name in ("fresh", "stale", "poison")] == [
        "RUNNING",  # its worker may well be alive
        "READY",
        "FAILED",  # five workers died running it: not a sixth
    ]
