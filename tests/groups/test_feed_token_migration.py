"""Migration 0004: every existing membership gets its own feed token; the group's is dropped."""

from __future__ import annotations

import pytest

from tests.migrations import migration_step

BEFORE = [("groups", "0003_progress_plural")]
AFTER = [("groups", "0004_membership_feed_token")]


@pytest.mark.django_db(transaction=True)
def test_existing_memberships_get_tokens_of_their_own():
    with migration_step("groups", BEFORE, AFTER) as step:
        old = step.before
        user_model = old.get_model("accounts", "User")
        group = old.get_model("groups", "ReadingGroup").objects.create(
            name="Old Circle", slug="old-circle", feed_token="the-shared-group-token"
        )
        membership_model = old.get_model("groups", "Membership")
        for n in range(3):
            user = user_model.objects.create(username=f"old{n}", email=f"old{n}@example.org")
            membership_model.objects.create(group=group, user=user, role="member")

        new = step.forward()
        tokens = list(
            new.get_model("groups", "Membership").objects.values_list("feed_token", flat=True)
        )
        assert len(tokens) == len(set(tokens)) == 3
        assert all(len(t) >= 32 for t in tokens)
        assert "the-shared-group-token" not in tokens
        group_fields = {f.name for f in new.get_model("groups", "ReadingGroup")._meta.fields}
        assert "feed_token" not in group_fields
