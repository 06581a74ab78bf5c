"""Fixtures for the group tests."""

from __future__ import annotations

import pytest

from studygroup.library.readings import generate_readings
from tests.factories import make_book


@pytest.fixture
def book():
    """Six chapters of four 300-word paragraphs, in six curated weeks."""
    text = make_book(chapters=6, paragraphs=4, words=300)
    generate_readings(text, weeks=6)
    return text
