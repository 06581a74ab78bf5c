"""Marking a week done where you finish reading it, and facilitators seeing who read what,
except the names of members who chose to keep their progress to themselves."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from studygroup.groups.models import Membership, Progress
from tests.factories import add_member, adopt, make_group, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def circle():
    """A public group a week into its text: Fac facilitates; Ann and Bo are members."""
    fac = make_user(display_name="Fac")
    group = make_group(facilitator=fac, is_public=True)
    adoption = adopt(group, start_date=group.today() - timedelta(days=1), weeks=3)
    ann = add_member(group, make_user(display_name="Ann Reader"))
    bo = add_member(group, make_user(display_name="Bo Private"))
    week1 = adoption.readings.get(number=1)
    return {"group": group, "fac": fac, "ann": ann, "bo": bo, "week1": week1, "text": adoption.text}


def reading_page(c) -> str:
    kwargs = {"slug": c["group"].slug, "text": c["text"].slug, "number": 1}
    return reverse("discussion:reading_in_text", kwargs=kwargs)


def test_a_member_marks_the_week_done_at_the_end_of_the_reading_page(client, circle):
    c = circle
    progress = reverse(
        "groups:progress", kwargs={"slug": c["group"].slug, "reading": c["week1"].pk}
    )
    client.force_login(c["ann"].user)
    html = client.get(reading_page(c)).content.decode()
    # After the text, inside it: the form has a real action and an HTMX post.
    assert html.index('id="week-done"') > html.index('aria-label="This week\'s text"')
    assert f'action="{progress}"' in html and f'hx-post="{progress}"' in html
    assert "Mark week 1 done" in html
    # Without JavaScript: back to the same place on the reading page.
    response = client.post(progress, {"done": "1", "place": "reading"})
    assert response.status_code == 302
    assert response["Location"] == f"{reading_page(c)}#week-done"
    assert Progress.objects.filter(membership=c["ann"], reading=c["week1"]).exists()
    assert "You marked this week done." in client.get(reading_page(c)).content.decode()
    # With HTMX: the section alone, toggled back.
    fragment = client.post(
        progress, {"done": "0", "place": "reading"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert fragment.lstrip().startswith('<section id="week-done"') and "<html" not in fragment
    assert "Mark week 1 done" in fragment
    assert not Progress.objects.filter(membership=c["ann"], reading=c["week1"]).exists()


def test_visitors_and_outsiders_get_no_done_form(client, circle):
    assert 'id="week-done"' not in client.get(reading_page(circle)).content.decode()
    client.force_login(make_user())
    assert 'id="week-done"' not in client.get(reading_page(circle)).content.decode()


def test_facilitators_see_who_read_each_week_except_who_opted_out(client, circle):
    c = circle
    for membership in (c["ann"], c["bo"]):
        Progress.objects.create(membership=membership, reading=c["week1"])
    # Bo keeps his progress to himself, from the Members page.
    client.force_login(c["bo"].user)
    members = reverse("groups:members", kwargs={"slug": c["group"].slug})
    assert 'name="progress_visible" checked' in client.get(members).content.decode()
    privacy = reverse("groups:progress_privacy", kwargs={"slug": c["group"].slug})
    assert client.post(privacy, {}).status_code == 302
    assert not Membership.objects.get(pk=c["bo"].pk).progress_visible
    assert 'name="progress_visible" checked' not in client.get(members).content.decode()
    # The facilitator sees Ann's name, not Bo's; the count still includes both.
    client.force_login(c["fac"])
    html = client.get(c["group"].get_absolute_url()).content.decode()
    assert "Read by Ann Reader</span>" in html
    assert "2 of 3 done" in html
    # The HTMX progress fragment follows the same rule.
    progress = reverse(
        "groups:progress", kwargs={"slug": c["group"].slug, "reading": c["week1"].pk}
    )
    fragment = client.post(progress, {"done": "1"}, headers={"HX-Request": "true"}).content.decode()
    assert "Read by Ann Reader, Fac" in fragment and "Bo Private" not in fragment
    # Members see counts only, no names.
    client.force_login(c["ann"].user)
    html = client.get(c["group"].get_absolute_url()).content.decode()
    assert "Read by" not in html and "3 of 3 done" in html
    # Ticking the box again shows the name again.
    client.force_login(c["bo"].user)
    client.post(privacy, {"progress_visible": "on"})
    client.force_login(c["fac"])
    html = client.get(c["group"].get_absolute_url()).content.decode()
    assert "Read by Ann Reader, Bo Private, Fac" in html
