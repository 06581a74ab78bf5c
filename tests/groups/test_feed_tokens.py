"""Secret calendar and feed links belong to one member: leaving or removal ends them."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from studygroup.discussion import moderation
from studygroup.discussion import services as discussion
from tests.factories import add_member, adopt, make_group, make_user

pytestmark = pytest.mark.django_db
FEEDS = ("feed_token", "atom_token", "comments_atom_token")


@pytest.fixture
def circle():
    facilitator = make_user(display_name="Fran")
    group = make_group(facilitator=facilitator, is_public=False)
    adoption = adopt(group, start_date=date(2020, 1, 7), weeks=2)
    reading = adoption.readings.get(number=1)
    stays, leaves, removed = (add_member(group) for _ in range(3))
    return group, reading, facilitator, stays, leaves, removed


def feed_urls(group, membership) -> list[str]:
    return [
        reverse(f"groups:{name}", kwargs={"slug": group.slug, "token": membership.feed_token})
        for name in FEEDS
    ]


def test_leaving_or_removal_ends_a_members_feed_links_and_nobody_elses(client, circle):
    group, reading, facilitator, stays, leaves, removed = circle
    for membership in (stays, leaves, removed):
        assert [client.get(u).status_code for u in feed_urls(group, membership)] == [200] * 3
    client.force_login(leaves.user)
    assert client.post(reverse("groups:leave", kwargs={"slug": group.slug})).status_code == 302
    client.force_login(facilitator)
    response = client.post(
        reverse("moderation:remove", kwargs={"slug": group.slug, "user_id": removed.user_id}),
        {"reason": "Spam"},
    )
    assert response.status_code == 302
    client.logout()
    # Comments after the removal must not reach them either: the links are simply gone.
    discussion.post_comment(author=facilitator, group=group, reading=reading, body="After")
    for gone in (leaves, removed):
        assert [client.get(u).status_code for u in feed_urls(group, gone)] == [404] * 3
    assert [client.get(u).status_code for u in feed_urls(group, stays)] == [200] * 3
    assert "After" in client.get(feed_urls(group, stays)[2]).content.decode()


def test_rejoining_gives_a_new_link_not_the_old_one(client, circle):
    group, _, facilitator, _, leaves, _ = circle
    old = feed_urls(group, leaves)
    moderation.remove_member(actor=facilitator, group=group, user=leaves.user, reason="Oops")
    again = add_member(group, leaves.user)
    assert [client.get(u).status_code for u in old] == [404] * 3
    assert [client.get(u).status_code for u in feed_urls(group, again)] == [200] * 3


def test_a_deactivated_accounts_links_stop(client, circle):
    group, *_, stays, _, _ = circle
    stays.user.is_active = False
    stays.user.save()
    assert [client.get(u).status_code for u in feed_urls(group, stays)] == [404] * 3


def test_the_comments_feed_shows_what_its_member_may_read_now(client, circle):
    group, reading, facilitator, stays, _, _ = circle
    shown = discussion.post_comment(author=stays.user, group=group, reading=reading, body="Kept")
    hidden = discussion.post_comment(
        author=stays.user, group=group, reading=reading, body="Xylophonesecret"
    )
    moderation.hide_comment(actor=facilitator, comment=hidden, reason="Off topic")
    facilitators = group.memberships.get(user=facilitator)
    for membership in (stays, facilitators):
        html = client.get(feed_urls(group, membership)[2]).content.decode()
        assert shown.anchor in html
        assert "Xylophonesecret" not in html  # hidden text never travels to feed readers


def test_the_group_page_offers_each_member_their_own_links_only(client, circle):
    group, _, facilitator, stays, leaves, _ = circle
    client.force_login(stays.user)
    html = client.get(group.get_absolute_url()).content.decode()
    assert html.count(stays.feed_token) == 5  # calendar; two feeds, in <head> and on the page
    assert leaves.feed_token not in html
    admin = make_user(is_superuser=True, is_staff=True)
    client.force_login(admin)  # a site admin who is not a member has no secret link
    html = client.get(group.get_absolute_url()).content.decode()
    assert not any(m.feed_token in html for m in group.memberships.all())
