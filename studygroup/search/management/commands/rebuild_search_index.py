"""Rebuild the full-text search index from the paragraphs, questions and comments.

The index keeps itself current (triggers on SQLite, generated columns on PostgreSQL), so this
is for repairs: after restoring a backup made without the index, or when `--dry-run` reports a
problem.

    manage.py rebuild_search_index [--dry-run]
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from studygroup.search import backends


class Command(BaseCommand):
    help = "Rebuild the full-text search index (--dry-run: only check it)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the index and change nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        if dry_run:
            for kind, state in backends.check(connection).items():
                self.stdout.write(f"{kind}: {state}")
            return
        with transaction.atomic():
            backends.rebuild(connection)
        for kind, state in backends.check(connection).items():
            self.stdout.write(f"{kind}: rebuilt, {state}")
