"""Migration 0004: every existing membership gets its own feed token; the group's is dropped."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.migrations import models_at

BEFORE = [("groups", "0003_progress_plural")]
AFTER = [("groups", "0004_membership_feed_token")]


@pytest.mark.django_db(transaction=True)
def test_existing_memberships_get_tokens_of_their_own():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = models_at(executor, "groups", BEFORE)
        user_model = old.get_model("accounts", "User")
        group = old.get_model("groups", "ReadingGroup").objects.create(
            name="Old Circle", slug="old-circle", feed_token="the-shared-group-token"
        )
        membership_model = old.get_model("groups", "Membership")
        for n in range(3):
            user = user_model.objects.create(username=f"old{n}", email=f"old{n}@example.org")
            membership_model.objects.create(group=group, user=user, role="member")

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = models_at(executor, "groups", AFTER)
        tokens = list(
            new.get_model("groups", "Membership").objects.values_list("feed_token", flat=True)
        )
        assert len(tokens) == len(set(tokens)) == 3
        assert all(len(t) >= 32 for t in tokens)
        assert "the-shared-group-token" not in tokens
        group_fields = {f.name for f in new.get_model("groups", "ReadingGroup")._meta.fields}
        assert "feed_token" not in group_fields
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
