"""The search index's eraser for "Delete my account" (studygroup/accounts/deletion.py)."""

from __future__ import annotations

from django.db import connection, transaction

from studygroup.accounts.deletion import Identity
from studygroup.search import backends


def erase(identity: Identity, keep_comments: bool) -> None:
    # The other erasers rewrite comments and questions first; the index follows on commit.
    transaction.on_commit(lambda: backends.forget_erased(connection))
