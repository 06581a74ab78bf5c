"""Fixtures for the search tests: a small world of texts, groups and comments."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from studygroup.accounts.models import User
from studygroup.discussion.models import Comment
from studygroup.groups.models import ReadingGroup
from studygroup.library.models import Reading, Text
from tests.builders import Circle, make_circle
from tests.factories import adopt, make_group, make_readings, make_text
from tests.library.conftest import shared_texts  # noqa: F401 - the real texts, shared


def make_comment(group: ReadingGroup, reading: Reading, *, body: str, author=None, **extra):
    """A comment saved directly: no rate limit, no Markdown (search reads `body`)."""
    return Comment.objects.create(
        group=group, reading=reading, author=author, body=body, html=body, path="", **extra
    )


@dataclass
class SearchScene:
    """A private circle reading a restricted text, beside a public group reading a public
    one: who may find what differs in every row."""

    circle: Circle
    public_text: Text
    public_group: ReadingGroup

    @property
    def restricted_text(self) -> Text:
        return self.circle.reading.text

    @property
    def private_group(self) -> ReadingGroup:
        return self.circle.group

    @property
    def facilitator(self) -> User:
        return self.circle.facilitator

    @property
    def member(self) -> User:
        return self.circle.member

    @property
    def outsider(self) -> User:
        return self.circle.outsider

    @property
    def public_reading(self) -> Reading:
        # The public group's own week 1 (each group has its own weeks).
        return self.public_group.adoptions.get().readings.order_by("number").first()

    @property
    def private_reading(self) -> Reading:
        return self.circle.reading


@pytest.fixture
def world(db) -> SearchScene:
    public_text = make_text(title="The Open Book")
    make_readings(public_text)
    restricted_text = make_text(title="The Closed Book", is_public=False)
    make_readings(restricted_text)
    public_group = make_group(is_public=True, name="Open Circle")
    adopt(public_group, public_text)
    circle = make_circle(text=restricted_text, others=0, name="Quiet Circle")
    return SearchScene(circle=circle, public_text=public_text, public_group=public_group)
