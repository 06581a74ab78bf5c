"""The reminders through the real task queue: `send_meeting_reminders` run twice by "cron"
queues tasks in the database, and `manage.py db_worker` (a real process) sends them: every
member who did not say no is reminded once, in the app and, as they chose, by email.

Real processes on one SQLite file in tmp_path; nothing here touches the test database.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = """
from datetime import timedelta
from studygroup.groups.timeline import load_timeline
from studygroup.meetings import services
from tests.factories import add_member, adopt, make_group, make_user

probe = make_group(facilitator=make_user(email_notifications="never"))
tomorrow = probe.today() + timedelta(days=1)
group = make_group(
    facilitator=make_user(email_notifications="never"),
    name="Worker Circle",
    meeting_weekday=tomorrow.weekday(),
)
adopt(group, start_date=tomorrow, weeks=2)
week = load_timeline(group, with_progress=False).weeks[0]
for n in range(3):
    add_member(group, make_user(email=f"yes{n}@example.org"))
no = add_member(group, make_user(email="no@example.org"))
services.answer(membership=no, week=week, answer="not_coming")
"""


def count(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db, timeout=20) as conn:
        return conn.execute(sql).fetchall()


def test_cron_twice_then_the_worker_reminds_each_member_once(tmp_path):
    db, outbox = tmp_path / "queue.sqlite3", tmp_path / "outbox"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "studygroup.settings",
        "DATABASE_URL": f"sqlite:///{db}",
        "SECRET_KEY": "worker-test-" + "k" * 50,
        "DEBUG": "false",
        "TASKS_BACKEND": "database",
        "EMAIL_FILE_PATH": str(outbox),
        "PYTHONPATH": str(ROOT),
    }
    for name in ("REDIS_URL", "EMAIL_BACKEND"):
        env.pop(name, None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "--noinput"],
        ["createcachetable"],
        ["shell", "-c", SEED],
        ["send_meeting_reminders"],
        ["send_meeting_reminders"],  # cron again before the worker ran: nothing new queued
    ):
        subprocess.run(manage + command, env=env, cwd=ROOT, check=True, capture_output=True)
    queued = count(db, "SELECT status, COUNT(*) FROM django_tasks_database_dbtaskresult GROUP BY 1")
    assert queued == [("READY", 4)]
    subprocess.run(
        manage + ["db_worker", "--batch", "--no-startup-delay", "--interval", "0.05"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert count(
        db, "SELECT status, COUNT(*) FROM django_tasks_database_dbtaskresult GROUP BY 1"
    ) == [("SUCCESSFUL", 4)]
    reminded = count(
        db,
        "SELECT u.email FROM discussion_notification n JOIN accounts_user u"
        " ON u.id = n.recipient_id WHERE n.kind = 'meeting' ORDER BY u.email",
    )
    assert len(reminded) == 4 and ("no@example.org",) not in reminded
    mails = "".join(p.read_text() for p in outbox.iterdir())
    recipients = sorted(line[4:] for line in mails.splitlines() if line.startswith("To: "))
    assert recipients == ["yes0@example.org", "yes1@example.org", "yes2@example.org"]
    subjects = [line for line in mails.splitlines() if line.startswith("Subject: ")]
    assert len(subjects) == 3 and all("Worker Circle meets tomorrow" in s for s in subjects)
