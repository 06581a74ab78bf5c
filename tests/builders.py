"""Test data, one builder per domain, on top of the row factories in tests/factories.py.

* `make_circle`: a reading group mid-way through a text, with every kind of viewer the access
  matrices have (anonymous, outsider, member, facilitator, curator, admin), and helpers to
  post and to name its discussion pages. Discussion, discovery, feeds and export tests start
  here; `tests/discovery/world.py` adds a fuller discussion on top.
* The scenes of the other domains start from it too: the groups access matrix
  (`tests/groups/test_access.py`) adds invitations, requests and questions; search
  (`tests/search/conftest.py`) adds a public group and text beside a private circle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse

from studygroup.discussion import services
from studygroup.discussion.models import Comment
from studygroup.groups.models import ReadingGroup
from studygroup.library.models import Paragraph, Question, Reading, Text
from studygroup.library.roles import ensure_curator_group
from tests.factories import add_member, adopt, make_group, make_user

# The discussion pages that take the reading's id rather than its number.
READING_ID_PAGES = {"discussion", "thread", "poll", "post", "heatmap", "propose"}


@dataclass
class Circle:
    """A group reading a text, with its cast; `users` maps each kind of viewer to a user (the
    anonymous visitor is None)."""

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

    @property
    def other(self):
        """A second member (None when the circle was built with `others=0`)."""
        return self.users.get("other")

    @property
    def outsider(self):
        return self.users["outsider"]

    @property
    def admin(self):
        return self.users["admin"]

    @property
    def curator(self):
        return self.users["curator"]

    @property
    def page(self) -> str:
        """The first week's reading page."""
        return reverse("discussion:reading", kwargs={"slug": self.group.slug, "number": 1})

    def url(self, name: str, **kwargs) -> str:
        """A discussion URL of this group (`discussion:<name>`), for the first week by default."""
        if name in READING_ID_PAGES:
            kwargs.setdefault("reading", self.reading.pk)
        return reverse(f"discussion:{name}", kwargs={"slug": self.group.slug, **kwargs})

    def paragraphs(self, reading: Reading | None = None) -> list[Paragraph]:
        return [p for _, ps in services.reading_content(reading or self.reading) for p in ps]

    def post(self, author=None, body: str = "A thought.", reading=None, **kwargs) -> Comment:
        """A comment through the real service (the member's by default, on the first week)."""
        return services.post_comment(
            author=author or self.member,
            group=self.group,
            reading=reading or self.reading,
            body=body,
            **kwargs,
        )


def make_circle(
    *,
    is_public: bool = False,
    suffix: str = "",
    weeks: int = 3,
    start_date: date | None = None,
    text: Text | None = None,
    others: int = 1,
    curator: bool = False,
    **group_fields,
) -> Circle:
    """Fran facilitates; Mo (and, with `others`, Ola) are members; an outsider and a site
    admin (Root) stand by; with `curator`, so does a curator. `suffix` keeps usernames unique
    when a test builds two circles; the group reads `text` (a new `weeks`-week one when not
    given); `group_fields` go to the group (name, timezone_name...)."""
    facilitator = make_user(username=f"fran{suffix}", display_name="Fran")
    member = make_user(username=f"mo{suffix}", display_name="Mo")
    other = make_user(username=f"ola{suffix}", display_name="Ola") if others else None
    group = make_group(facilitator=facilitator, is_public=is_public, **group_fields)
    add_member(group, member)
    if other is not None:
        add_member(group, other)
    adoption = adopt(group, text, start_date=start_date, weeks=weeks)
    readings = list(adoption.readings.order_by("number"))
    users = {
        "anonymous": None,
        "outsider": make_user(username=f"out{suffix}", display_name="Outsider"),
        "member": member,
        "facilitator": facilitator,
        "admin": make_user(
            username=f"root{suffix}", display_name="Root", is_superuser=True, is_staff=True
        ),
    }
    if other is not None:
        users["other"] = other
    if curator:
        users["curator"] = make_user(username=f"cura{suffix}", display_name="Cura", is_staff=True)
        users["curator"].groups.add(ensure_curator_group())
    return Circle(group=group, readings=readings, users=users)
