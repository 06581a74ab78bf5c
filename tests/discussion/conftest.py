"""Fixtures shared by the discussion tests: a group reading a text, and a signed-in member."""

from __future__ import annotations

import pytest

from tests.builders import make_circle


@pytest.fixture
def world():
    return make_circle()


@pytest.fixture
def member_client(client, world):
    client.force_login(world.member)
    return client
