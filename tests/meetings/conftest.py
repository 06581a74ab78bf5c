from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from studygroup.groups.timeline import Week, load_timeline
from studygroup.library.models import Reading
from tests.factories import add_member, adopt, make_group, make_question, make_user


@dataclass
class Circle:
    group: object
    facilitator: object
    member: object  # a Membership
    other: object  # a Membership
    adoption: object

    def weeks(self) -> list[Week]:
        return load_timeline(self.group, with_sections=False, with_progress=False).weeks

    def reading(self, number: int) -> Reading:
        return self.adoption.readings.get(number=number)


@pytest.fixture
def circle(db) -> Circle:
    """A private group meeting on Tuesdays, its first meeting within the coming week."""
    facilitator = make_user(display_name="Frances F")
    group = make_group(facilitator=facilitator, name="Tuesday Circle")
    member = add_member(group, make_user(display_name="Nadia N"))
    other = add_member(group, make_user(display_name="Omar O"))
    adoption = adopt(group, start_date=group.today() + timedelta(days=1), weeks=4)
    reading = adoption.readings.get(number=1)
    make_question(reading, body="What is a study circle for?")
    return Circle(group, facilitator, member, other, adoption)
