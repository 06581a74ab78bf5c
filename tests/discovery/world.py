"""A small world for discovery tests: a group mid-way through a text, with every kind of viewer,
tagged texts, readings and questions, and a discussion with replies, quotes, a hidden and a
deleted comment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from studygroup.discussion import moderation, services
from studygroup.discussion.models import Comment
from studygroup.groups.models import ReadingGroup
from studygroup.library.models import Paragraph, Question, Reading
from tests.factories import add_member, adopt, make_group, make_question, make_user

USERS = ["anonymous", "outsider", "member", "facilitator", "admin"]


@dataclass
class World:
    group: ReadingGroup
    readings: list[Reading]
    users: dict
    comments: dict[str, Comment] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)

    @property
    def reading(self) -> Reading:
        return self.readings[0]

    @property
    def facilitator(self):
        return self.users["facilitator"]

    @property
    def member(self):
        return self.users["member"]

    def paragraphs(self, reading: Reading | None = None) -> list[Paragraph]:
        return [p for _, ps in services.reading_content(reading or self.reading) for p in ps]

    def post(self, author=None, body: str = "A thought.", reading=None, **kwargs) -> Comment:
        return services.post_comment(
            author=author or self.member,
            group=self.group,
            reading=reading or self.reading,
            body=body,
            **kwargs,
        )


def make_world(*, is_public: bool = False, suffix: str = "", discussion: bool = True) -> World:
    facilitator = make_user(username=f"fran{suffix}", display_name="Fran")
    member = make_user(username=f"mo{suffix}", display_name="Mo")
    group = make_group(
        facilitator=facilitator,
        is_public=is_public,
        name=f"Tuesday Circle{suffix}",
        timezone_name="Europe/Berlin",
    )
    add_member(group, member)
    # Five weekly meetings on Tuesdays: 1-3 fall on or before today, 4 within the coming
    # week, 5 at least eight days ahead (so it has not "come up" in the feeds yet).
    today = group.today()
    last_tuesday = today - timedelta(days=(today.weekday() - 1) % 7)
    adoption = adopt(group, start_date=last_tuesday - timedelta(days=14), weeks=5)
    readings = list(adoption.readings.all().order_by("number"))
    users = {
        "anonymous": None,
        "outsider": make_user(username=f"out{suffix}", display_name="Outsider"),
        "member": member,
        "facilitator": facilitator,
        "admin": make_user(
            username=f"root{suffix}", display_name="Root", is_superuser=True, is_staff=True
        ),
    }
    world = World(group=group, readings=readings, users=users)
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


def add_discussion(world: World) -> None:
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
