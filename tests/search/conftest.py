"""Fixtures for the search tests: a small world of texts, groups and comments."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from studygroup.accounts.models import User
from studygroup.discussion.models import Comment
from studygroup.groups.models import ReadingGroup
from studygroup.library.models import Reading, Text
from tests.factories import add_member, adopt, make_group, make_readings, make_text, make_user
from tests.library.conftest import shared_texts  # noqa: F401 - the real texts, shared


def make_comment(group: ReadingGroup, reading: Reading, *, body: str, author=None, **extra):
    """A comment saved directly: no rate limit, no Markdown (search reads `body`)."""
    return Comment.objects.create(
        group=group, reading=reading, author=author, body=body, html=body, path="", **extra
    )


@dataclass
class World:
    public_text: Text
    restricted_text: Text
    public_group: ReadingGroup
    private_group: ReadingGroup
    facilitator: User
    member: User
    outsider: User
    public_reading: Reading
    private_reading: Reading


@pytest.fixture
def world(db) -> World:
    facilitator, member, outsider = make_user(), make_user(), make_user()
    public_text = make_text(title="The Open Book")
    make_readings(public_text)
    restricted_text = make_text(title="The Closed Book", is_public=False)
    make_readings(restricted_text)
    public_group = make_group(is_public=True, name="Open Circle")
    private_group = make_group(facilitator=facilitator, name="Quiet Circle")
    add_member(private_group, member)
    public_adoption = adopt(public_group, public_text)
    private_adoption = adopt(private_group, restricted_text)
    return World(
        public_text=public_text,
        restricted_text=restricted_text,
        public_group=public_group,
        private_group=private_group,
        facilitator=facilitator,
        member=member,
        outsider=outsider,
        public_reading=public_adoption.readings.order_by("number").first(),
        private_reading=private_adoption.readings.order_by("number").first(),
    )
