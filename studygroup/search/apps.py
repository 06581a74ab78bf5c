from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy


class SearchConfig(AppConfig):
    name = "studygroup.search"
    label = "search"
    verbose_name = gettext_lazy("Search")

    def ready(self) -> None:
        from studygroup.search import backends

        # Schema upkeep, not business logic: on SQLite, a later migration that rebuilds
        # library_paragraph (or comment, question) drops our triggers with the old table.
        post_migrate.connect(backends.repair_after_migrate, sender=self)

        # Its eraser for "Delete my account" (accounts/deletion.py).
        from studygroup.accounts.deletion import register_eraser
        from studygroup.search import deletion

        register_eraser("search", deletion.erase)
