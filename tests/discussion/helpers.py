"""A small world for discussion tests: a group reading a text, with every kind of viewer."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from studygroup.discussion import services
from studygroup.groups.models import ReadingGroup
from studygroup.library.models import Paragraph, Reading
from tests.factories import add_member, adopt, make_group, make_user


@dataclass
class World:
    group: ReadingGroup
    reading: Reading
    facilitator: object
    member: object
    other: object  # a second member
    outsider: object
    admin: object

    @property
    def page(self) -> str:
        return reverse("discussion:reading", kwargs={"slug": self.group.slug, "number": 1})

    def url(self, name: str, **kwargs) -> str:
        if name in {"discussion", "thread", "poll", "post", "heatmap", "propose"}:
            kwargs.setdefault("reading", self.reading.pk)
        return reverse(f"discussion:{name}", kwargs={"slug": self.group.slug, **kwargs})

    def paragraphs(self) -> list[Paragraph]:
        return [p for _, ps in services.reading_content(self.reading) for p in ps]

    def post(self, author=None, body: str = "A thought.", **kwargs):
        return services.post_comment(
            author=author or self.member,
            group=self.group,
            reading=self.reading,
            body=body,
            **kwargs,
        )


def make_world(*, is_public: bool = False, suffix: str = "") -> World:
    facilitator = make_user(username=f"fran{suffix}", display_name="Fran")
    member = make_user(username=f"mo{suffix}", display_name="Mo")
    other = make_user(username=f"ola{suffix}", display_name="Ola")
    group = make_group(facilitator=facilitator, is_public=is_public)
    add_member(group, member)
    add_member(group, other)
    adoption = adopt(group, weeks=3)
    reading = adoption.readings.order_by("number").first()
    return World(
        group=group,
        reading=reading,
        facilitator=facilitator,
        member=member,
        other=other,
        outsider=make_user(username=f"out{suffix}", display_name="Outsider"),
        admin=make_user(
            username=f"root{suffix}", display_name="Root", is_superuser=True, is_staff=True
        ),
    )
