"""Remove the comments whose group's retention time has passed (discussion/retention/).

Run it daily from cron or the systemd timer (deploy/crontab, deploy/systemd/). It enqueues
the work on the task queue (`manage.py db_worker` runs it); `--now` runs it here instead.
Each text's removal is one transaction, so re-runs simply find less to do.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from studygroup.discussion import retention


class Command(BaseCommand):
    help = "Remove comments past their group's retention time (through the task queue)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--now", action="store_true", help="Run here, not on the queue.")

    def handle(self, *, now: bool, **options) -> None:
        if now:
            self.stdout.write(f"Comments removed: {retention.purge_expired()}.")
            return
        result = retention.purge_expired_comments.enqueue()
        self.stdout.write(f"Queued the removal of expired comments (task {result.id}).")
