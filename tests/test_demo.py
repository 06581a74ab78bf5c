from __future__ import annotations

import pytest
from django.core.management import call_command

from studygroup.accounts.models import User
from studygroup.discussion.models import Comment, ModerationEntry
from studygroup.groups.models import ReadingGroup
from studygroup.library.models import Text

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "texts": Text.objects.count(),
        "groups": ReadingGroup.objects.count(),
        "comments": Comment.objects.count(),
        "log": ModerationEntry.objects.count(),
    }


def test_seed_demo_builds_a_lively_group_and_is_idempotent(client, capsys):
    call_command("seed_demo")
    first = counts()
    assert first["texts"] == 1 and first["groups"] == 2
    assert first["comments"] >= 8 and first["log"] == 1
    assert "facilitator@example.org" in capsys.readouterr().out

    call_command("seed_demo")
    assert counts() == first

    text = Text.objects.get()
    assert text.readings.count() == 6
    assert text.sections.filter(level=1, kind="body").count() >= 7
    assert text.footnotes.count() == 16
    public = ReadingGroup.objects.get(is_public=True)
    client.login(username="rosa@example.org", password="studygroup-demo")
    page = client.get(f"/groups/{public.slug}/")
    assert page.status_code == 200
    assert "Tuesday Study Circle" in page.content.decode()
