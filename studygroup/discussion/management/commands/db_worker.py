"""Run the task queue: django-tasks-db's `db_worker`, but a crashed worker's tasks run again.

A worker killed mid-task (kill -9, out of memory, a lost machine) leaves its task RUNNING,
and django-tasks-db never looks at it again: the email is lost. Here each worker also runs
a sweeper thread that puts every task RUNNING for longer than settings.TASK_STALE_AFTER
seconds back in the queue, at start and then every few seconds. So every task must be safe
to run twice, and ours are: an email is claimed, in the transaction that sends it, before it
goes out (see discussion/tasks.py). A task that kept killing its worker is given up after
MAX_ATTEMPTS, so one poisonous task cannot keep the queue busy forever.

Same options as django-tasks-db's command (`--batch`, `--interval`, `--worker-id`...).
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


class GaveUp(Exception):
    """Recorded as a failed task's error when its workers kept dying."""


def requeue_stale(*, backend_name: str, stale_after: float) -> int:
    """Put tasks RUNNING for longer than `stale_after` seconds back to READY; how many."""
    cutoff = timezone.now() - timedelta(seconds=stale_after)
    stale = DBTaskResult.objects.running().filter(backend_name=backend_name, started_at__lt=cutoff)
    requeued = 0
    for task in stale:
        # Only if nobody has claimed it again since we looked (started_at would have moved).
        unchanged = DBTaskResult.objects.running().filter(pk=task.pk, started_at=task.started_at)
        if len(task.worker_ids) >= MAX_ATTEMPTS:
            gave_up = unchanged.update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path=f"{GaveUp.__module__}.{GaveUp.__qualname__}",
                traceback=f"Its worker died {len(task.worker_ids)} times.",
            )
            if gave_up:
                logger.error("Task %s gave up after %d attempts", task.pk, len(task.worker_ids))
            continue
        if unchanged.update(status=TaskResultStatus.READY):
            requeued += 1
            logger.warning("Task %s was left running by a dead worker: queued again", task.pk)
    return requeued


class Worker(db_worker.Worker):
    def run(self) -> None:
        stale_after = settings.TASK_STALE_AFTER
        stop = threading.Event()
        sweeper = threading.Thread(
            target=self.sweep_forever,
            kwargs={
                "stale_after": stale_after,
                "every": min(60.0, max(0.5, stale_after / 2)),
                "stop": stop,
            },
            daemon=True,
        )
        sweeper.start()
        try:
            super().run()
        finally:
            stop.set()

    def sweep_forever(self, *, stale_after: float, every: float, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                requeue_stale(backend_name=self.backend_name, stale_after=stale_after)
            except Exception:  # the database is away for a moment: try again next round
                logger.exception("Could not sweep stale tasks")
            finally:
                close_old_connections()
            stop.wait(every)
        connection.close()


class Command(db_worker.Command):
    help = "Run the background task queue; tasks left running by a dead worker run again."

    def handle(self, **options) -> None:
        # The parent's handle() builds the worker from its module's `Worker`: make that ours.
        db_worker.Worker = Worker
        super().handle(**options)
