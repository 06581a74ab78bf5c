"""Meeting pages cost a fixed number of queries, however many meetings, members and answers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from studygroup.groups.timeline import load_timeline
from studygroup.meetings import services
from tests.factories import add_member, adopt, make_group, make_user

pytestmark = pytest.mark.django_db


def populate(members: int, weeks: int):
    """Every meeting with a pair on the rota, an answer from every member and a record."""
    facilitator = make_user()
    group = make_group(facilitator=facilitator)
    adopt(group, start_date=group.today() - timedelta(weeks=2), weeks=weeks)
    people = [group.memberships.get()] + [add_member(group) for _ in range(members - 1)]
    for i, week in enumerate(load_timeline(group, with_progress=False).weeks):
        pair = [people[i % members].pk, people[(i + 1) % members].pk]
        meeting = services.set_facilitators(group=group, week=week, membership_ids=pair)
        if week.is_past:
            services.save_record(
                meeting=meeting,
                by=facilitator,
                attended_ids=[p.pk for p in people],
                decisions="Go on.",
                question_ids=[],
                allowed_questions=[],
            )
            services.save_handover(meeting=meeting, author=facilitator, body="Note")
            continue
        for n, membership in enumerate(people):
            answer = ["coming", "maybe", "not_coming"][n % 3]
            services.answer(membership=membership, week=week, answer=answer)
    return group, facilitator


# Signed in: session and user (2) and the notifications badge (1) on every page, the group
# with the viewer's role (1), then each page's own.
PAGES = {
    # my membership, timeline (2), the next meetings with rota and answers (3), the others
    # with their rota (2)
    "list": (lambda g: reverse("meetings:list", args=[g.slug]), 4 + 8),
    # the same, handover notes (1), this meeting's attendees (1), questions (1) and notes (1)
    "detail": (lambda g: reverse("meetings:detail", args=[g.slug, _first(g)]), 4 + 10),
    # members for the selects, timeline (2), meetings with their rota (2), members again for
    # the volunteers' checkboxes (a form field runs its own query)
    "rota": (lambda g: reverse("meetings:rota", args=[g.slug]), 4 + 6),
    # the schedule's 9 (tests/groups/test_views.py): the rota's names and the page maps
    "schedule": (lambda g: reverse("groups:schedule", args=[g.slug]), 9),
}


def _first(group) -> int:
    return load_timeline(group, with_progress=False).weeks[0].reading.pk


@pytest.mark.parametrize(("members", "weeks"), [(3, 4), (25, 30)])
@pytest.mark.parametrize("page", PAGES)
def test_meeting_pages_cost_constant_queries(
    client, django_assert_num_queries, page, members, weeks
):
    group, facilitator = populate(members, weeks)
    client.force_login(facilitator)
    make_url, queries = PAGES[page]
    url = make_url(group)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    if page == "list":
        assert response.content.decode().count("rsvp-form") == min(weeks - 2, 6)
