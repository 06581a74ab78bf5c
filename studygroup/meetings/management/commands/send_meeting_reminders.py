"""Remind members of tomorrow's meeting: one reminder each, through the task queue.

Run it from cron every hour, so each group's "tomorrow" is reached soon after midnight in its
own time zone, for example:

    5 * * * *  cd /srv/studygroup && .venv/bin/python manage.py send_meeting_reminders

Each reminder is recorded (one per member and meeting date), so re-runs send nothing twice;
the task queue (`manage.py db_worker`) writes the in-app notification and, for members who
want email right away, the email. Daily-digest readers find it in their digest. `--dry-run`
reports who would be reminded and records nothing.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from studygroup.meetings.reminders import queue_reminders


class Command(BaseCommand):
    help = "Queue reminders of tomorrow's meetings (in each group's time zone)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Record nothing; report only.")

    def handle(self, *, dry_run: bool, **options) -> None:
        queued = queue_reminders(dry_run=dry_run)
        for q in queued:
            verb = "would remind" if dry_run else "queued"
            self.stdout.write(
                f"{q.group.name}, {q.week.date.isoformat()}: {verb} {q.enqueued}"
                + ("" if dry_run else f" (new {q.created})")
            )
        self.stdout.write(f"Groups meeting tomorrow: {len(queued)}.")
