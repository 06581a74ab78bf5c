"""Email the daily digest: one email per reader who chose "daily", then mark it sent.

Run it once a day from cron, for example at 07:00 server time:

    0 7 * * *  cd /srv/studygroup && .venv/bin/python manage.py send_digests

Each digest lists the reader's notifications of the last 24 hours (or `--hours`) that no
email has covered yet. A reader's notifications are marked emailed in the same transaction
that sends their digest, so a failure for one reader leaves theirs for the next run and
does not stop the others. `--dry-run` reports who would get what and sends nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from studygroup import policy
from studygroup.accounts.models import EmailFrequency, User
from studygroup.discussion.models import Notification
from studygroup.discussion.tasks import digest_email


class Command(BaseCommand):
    help = "Send the daily notification digest to readers who chose it."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--hours", type=int, default=24, help="How far back (default 24).")
        parser.add_argument("--dry-run", action="store_true", help="Send nothing; report only.")

    def handle(self, *, hours: int, dry_run: bool, **options) -> None:
        since = timezone.now() - timedelta(hours=hours)
        pending = Notification.objects.filter(
            emailed_at__isnull=True,
            created_at__gte=since,
            recipient__email_notifications=EmailFrequency.DAILY,
            recipient__is_active=True,  # a closed account (deletion pending) gets no email
        )
        recipient_ids = sorted(set(pending.values_list("recipient_id", flat=True)))
        sent = failed = 0
        for user in User.objects.filter(pk__in=recipient_ids).order_by("pk"):
            notifications = list(
                pending.filter(pk__in=policy.readable_notifications(user).values("pk"))
                .select_related("actor", "group")
                .annotate(comment_reading_id=F("comment__reading_id"))
                .order_by("created_at", "pk")
            )
            if not notifications:  # all of it hidden, deleted, or in a group they left
                continue
            if dry_run:
                self.stdout.write(f"{user.email}: {len(notifications)} notification(s)")
                sent += 1
                continue
            try:
                with transaction.atomic():
                    marked = Notification.objects.filter(
                        pk__in=[n.pk for n in notifications], emailed_at__isnull=True
                    ).update(emailed_at=timezone.now())
                    if marked != len(notifications):
                        # Another run got here first; leave this reader to it.
                        raise _Skipped
                    digest_email(user, notifications).send()
            except _Skipped:
                continue
            except Exception as error:  # one bad address must not stop everyone's digest
                failed += 1
                self.stderr.write(f"{user.email}: not sent ({error})")
            else:
                sent += 1
        verb = "would send" if dry_run else "sent"
        self.stdout.write(f"Digests {verb}: {sent}; failed: {failed}.")


class _Skipped(Exception):
    pass
