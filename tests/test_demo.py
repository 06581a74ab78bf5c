from __future__ import annotations

import pytest
from django.core.management import call_command
from icalendar import Calendar

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
    assert text.readings.curated().count() == 6
    assert text.sections.filter(level=1, kind="body").count() >= 7
    assert text.footnotes.count() == 16
    public = ReadingGroup.objects.get(is_public=True)
    client.login(username="rosa@example.org", password="studygroup-demo")
    page = client.get(f"/groups/{public.slug}/")
    assert page.status_code == 200
    assert "Tuesday Study Circle" in page.content.decode()


def test_demo_week_titles_read_naturally_everywhere(client):
    """ "Week 3: Choosing and Pacing a Text", never "Week 3: 3 Choosing …" (issue 14)."""
    call_command("seed_demo")
    public = ReadingGroup.objects.get(is_public=True)
    text = Text.objects.get()
    titles = list(text.readings.curated().order_by("number").values_list("title", flat=True))
    assert titles[2] == "Choosing and Pacing a Text"
    assert not any(t[:1].isdigit() for t in titles)

    client.login(username="facilitator@example.org", password="studygroup-demo")
    schedule = client.get(f"/groups/{public.slug}/schedule/").content.decode()
    assert "Choosing and Pacing a Text" in schedule
    assert "3 Choosing" not in schedule

    # The text itself keeps its printed heading ("3 Choosing …"); the week's name does not.
    week = client.get(f"/groups/{public.slug}/weeks/3/", follow=True).content.decode()
    heading = week.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert "Choosing and Pacing a Text" in heading and "3 Choosing" not in heading
    title = week.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "Choosing and Pacing a Text" in title

    calendar = Calendar.from_ical(client.get(f"/groups/{public.slug}/calendar.ics").content)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert "Tuesday Study Circle: week 3, Choosing and Pacing a Text" in summaries
    assert not any("3 Choosing" in summary for summary in summaries)
