"""The discovery scene: a circle (tests/builders.py) mid-way through a five-week text, with
questions of every kind and a discussion with replies, quotes, a hidden and a deleted comment."""

from __future__ import annotations

import zoneinfo
from datetime import timedelta

from django.utils import timezone

from studygroup.discussion import moderation, services
from tests.builders import Circle, make_circle
from tests.factories import make_question

USERS = ["anonymous", "outsider", "member", "facilitator", "admin"]


def make_world(*, is_public: bool = False, suffix: str = "", discussion: bool = True) -> Circle:
    # Five weekly meetings on Tuesdays: 1-3 fall on or before today, 4 within the coming
    # week, 5 at least eight days ahead (so it has not "come up" in the feeds yet).
    tz = "Europe/Berlin"
    today = timezone.now().astimezone(zoneinfo.ZoneInfo(tz)).date()
    last_tuesday = today - timedelta(days=(today.weekday() - 1) % 7)
    world = make_circle(
        is_public=is_public,
        suffix=suffix,
        weeks=5,
        start_date=last_tuesday - timedelta(days=14),
        others=0,
        name=f"Tuesday Circle{suffix}",
        timezone_name=tz,
    )
    group, readings, member = world.group, world.readings, world.member
    world.questions["curated"] = make_question(
        readings[0], body="What is a *circle*, for the author?", position=1
    )
    world.questions["group"] = services.propose_question(
        group=group, reading=readings[0], body="Who chairs the meeting?", by=member, approved=True
    )
    world.questions["proposed"] = services.propose_question(
        group=group, reading=readings[0], body="Should we read faster?", by=member
    )
    if discussion:
        add_discussion(world)
    return world


def add_discussion(world: Circle) -> None:
    fran, mo = world.facilitator, world.member
    paragraph = world.paragraphs()[1]
    c = world.comments
    c["root"] = world.post(
        mo,
        "The circle is **not** a class.\n\nIt has no teacher.",
        paragraph=paragraph,
        quote="the circle meets weekly",
    )
    c["reply"] = world.post(fran, f"Agreed, @{mo.username}. Nobody lectures.", parent=c["root"])
    c["reply2"] = world.post(mo, "Then who keeps time?", parent=c["reply"])
    c["question"] = world.post(fran, "A rotating chair.", question=world.questions["group"])
    c["hidden"] = world.post(mo, "Something rude.")
    moderation.hide_comment(actor=fran, comment=c["hidden"], reason="Off topic.")
    c["deleted"] = world.post(mo, "Never mind.")
    services.delete_comment(comment=c["deleted"], actor=mo)
    c["week2"] = world.post(fran, "Week two already.", reading=world.readings[1])
    services.toggle_reaction(comment=c["root"], user=fran, kind="agree")
    services.toggle_reaction(comment=c["root"], user=mo, kind="insightful")
    for comment in c.values():
        comment.refresh_from_db()
