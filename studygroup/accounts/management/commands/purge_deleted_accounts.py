"""Erase the accounts whose deletion grace period has passed (accounts/deletion.py).

Run it daily from cron or the systemd timer (deploy/crontab, deploy/systemd/); each account is
erased in its own transaction, so re-runs simply find less to do. `--dry-run` only counts.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from studygroup.accounts.deletion import purge_due
from studygroup.accounts.models import AccountDeletion


class Command(BaseCommand):
    help = "Erase the accounts whose deletion grace period has passed."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Erase nothing; count only.")

    def handle(self, *, dry_run: bool, **options) -> None:
        if dry_run:
            due = AccountDeletion.objects.filter(purge_after__lte=timezone.now()).count()
            self.stdout.write(f"Accounts due for erasure: {due} (dry run, none erased).")
            return
        self.stdout.write(f"Accounts erased: {purge_due()}.")
