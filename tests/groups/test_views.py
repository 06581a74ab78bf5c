"""Group pages through the client: fragments, the calendar feed, invitations, query counts."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.test.utils import override_settings
from django.urls import reverse
from icalendar import Calendar

from studygroup.discussion.models import ModerationEntry
from studygroup.groups import services
from studygroup.groups.models import Invitation, JoinRequest, Membership, Progress
from studygroup.groups.timeline import load_timeline
from tests.factories import PASSWORD, add_member, adopt, make_group, make_user

pytestmark = pytest.mark.django_db

START = date(2030, 1, 1)


def group_url(name: str, group, **kwargs) -> str:
    return reverse(f"groups:{name}", kwargs={"slug": group.slug, **kwargs})


# --- Group page --------------------------------------------------------------


def test_group_page_shows_this_week_then_schedule_then_members(client):
    facilitator = make_user(display_name="Rosa L.")
    group = make_group(facilitator=facilitator, is_public=True, name="Capital Readers")
    today = group.today()
    adopt(group, start_date=today - timedelta(days=14), weeks=5)
    add_member(group, make_user(display_name="Karl M."))
    client.force_login(facilitator)
    html = client.get(group.get_absolute_url()).content.decode()
    this_week = html.index("This week")
    assert this_week < html.index('id="schedule-heading"') < html.index('id="members-heading"')
    assert html.count("week-past") == 2
    assert html.count("week-current") == 1
    assert "Rosa L." in html and "Karl M." in html and "facilitator" in html
    assert "0 of 2 done" in html


def test_creating_a_group_makes_me_its_facilitator(client):
    user = make_user()
    client.force_login(user)
    assert client.get(reverse("groups:create")).status_code == 200
    response = client.post(
        reverse("groups:create"),
        {
            "name": "Grundrisse Circle",
            "description": "Slowly.",
            "timezone": "Europe/Berlin",
            "meeting_weekday": 3,
            "meeting_time": "19:30",
            "meeting_minutes": 90,
            "location": "Library, room 2",
            "video_url": "",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=user)
    assert membership.is_facilitator and membership.group.timezone == "Europe/Berlin"
    assert not membership.group.is_public
    home = client.get("/").content.decode()
    assert "Your groups" in home and "Grundrisse Circle" in home


def test_progress_toggle_returns_a_fragment_to_htmx_and_redirects_without_js(client):
    group = make_group()
    adoption = adopt(group, start_date=START)
    member = add_member(group).user
    reading = adoption.readings.get(number=1)
    client.force_login(member)
    target = group_url("progress", group, reading=reading.pk)

    response = client.post(target, {"done": "1"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<div class="week-progress" id="progress-{reading.pk}">')
    assert "<html" not in html
    assert "1 of 2 done" in html and 'aria-pressed="true"' in html
    assert f'action="{target}"' in html and f'hx-post="{target}"' in html
    assert "HX-Request" in response["Vary"]

    response = client.post(target, {"done": "0"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#week-{reading.pk}")
    assert not Progress.objects.exists()


def test_each_member_sees_their_own_progress(client):
    group = make_group()
    adoption = adopt(group, start_date=START)
    one, two = add_member(group), add_member(group)
    reading = adoption.readings.get(number=1)
    services.set_done(membership=one, reading=reading, done=True)
    client.force_login(one.user)
    assert 'aria-pressed="true"' in client.get(group.get_absolute_url()).content.decode()
    client.force_login(two.user)
    html = client.get(group.get_absolute_url()).content.decode()
    assert 'aria-pressed="true"' not in html
    assert "1 of 3 done" in html


# --- Calendar feed -------------------------------------------------------------


def test_feed_parses_back_with_one_event_per_meeting(client):
    group = make_group(
        is_public=True,
        timezone_name="Europe/Berlin",
        meeting_weekday=1,
        location="Room 4",
        name="Feed Group",
    )
    adoption = adopt(group, start_date=START, weeks=3)
    response = client.get(group_url("feed", group))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = cal.walk("VEVENT")
    assert len(events) == 3
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    first = events[0]
    start = first.decoded("DTSTART")
    assert start.date() == START and (start.hour, start.minute) == (19, 0)
    assert str(start.tzinfo) == "Europe/Berlin"
    assert first.decoded("DTEND") - start == timedelta(minutes=90)
    assert first["DTSTAMP"] is not None
    assert "Chapter 1" in str(first["SUMMARY"])
    assert "Sections: Chapter 1" in str(first["DESCRIPTION"])
    assert str(first["LOCATION"]) == "Room 4"
    assert str(first["URL"]).endswith(group.get_absolute_url())
    uids = {str(e["UID"]) for e in events}
    assert len(uids) == 3
    assert all(f"text-{adoption.text_id}" in uid and "@127.0.0.1:8000" in uid for uid in uids)


def test_private_feed_works_by_a_members_own_token_and_their_reset_invalidates_it(client):
    facilitator = make_user()
    group = make_group(facilitator=facilitator, is_public=False)
    adopt(group, start_date=START, weeks=2)
    assert client.get(group_url("feed", group)).status_code == 404
    token = group.memberships.get(user=facilitator).feed_token
    old = group_url("feed_token", group, token=token)
    response = client.get(old)
    assert response.status_code == 200
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 2

    member = add_member(group)
    client.force_login(member.user)
    page = client.get(group.get_absolute_url()).content.decode()
    assert member.feed_token in page and token not in page  # each sees their own link
    assert client.post(group_url("feed_reset", group)).status_code == 302
    member.refresh_from_db()
    assert client.get(group_url("feed_token", group, token=member.feed_token)).status_code == 200
    assert client.get(old).status_code == 200  # the facilitator's link is untouched
    client.force_login(facilitator)
    assert client.post(group_url("feed_reset", group)).status_code == 302
    client.logout()
    assert client.get(old).status_code == 404


# --- Invitations -----------------------------------------------------------------


def test_invitation_link_leads_a_new_person_through_sign_up_and_back(client):
    group = make_group(name="Secret Circle", is_public=False)
    invitation = services.create_invitation(group=group, created_by=None)
    link = invitation.get_absolute_url()
    page = client.get(link).content.decode()
    signup = f"{reverse('account_signup')}?next={link}"
    assert signup in page
    response = client.post(
        signup,
        {
            "display_name": "New Reader",
            "email": "new@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    # The address is confirmed with the emailed code first; then on to the invitation.
    confirm = reverse("account_email_verification_sent")
    assert response.status_code == 302 and response["Location"] == confirm
    [message] = mail.outbox
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.M).group(1)
    response = client.post(confirm, {"code": code})
    assert response.status_code == 302 and response["Location"] == link
    assert "Join the group" in client.get(link).content.decode()
    response = client.post(link)
    assert response["Location"] == group.get_absolute_url()
    assert Membership.objects.filter(group=group, user__email="new@example.org").exists()
    # Coming back to the link later just opens the group.
    assert client.get(link)["Location"] == group.get_absolute_url()


@pytest.mark.parametrize("state", ["revoked", "expired", "used up"])
def test_unusable_invitation_says_why(client, state):
    group = make_group()
    invitation = services.create_invitation(group=group, created_by=None, max_uses=1)
    if state == "revoked":
        services.revoke_invitation(invitation=invitation)
    elif state == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(expires_at="2000-01-01T00:00Z")
    else:
        services.accept_invitation(token=invitation.token, user=make_user())
    client.force_login(make_user())
    response = client.post(invitation.get_absolute_url())
    assert response.status_code == 410
    assert state in response.content.decode()
    assert client.get("/groups/join/not-a-token/").status_code == 404


def test_facilitator_creates_copies_and_revokes_links_with_htmx(client):
    facilitator = make_user()
    group = make_group(facilitator=facilitator)
    client.force_login(facilitator)
    response = client.post(
        group_url("invitation_create", group),
        {"days": 3, "max_uses": 5},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="invitations"')
    invitation = Invitation.objects.get(group=group)
    assert f"http://127.0.0.1:8000/groups/join/{invitation.token}/" in html
    assert "used 0 of 5" in html
    response = client.post(
        group_url("invitation_revoke", group, pk=invitation.pk), headers={"HX-Request": "true"}
    )
    assert "This invitation was revoked." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_email_invitation_from_the_page_lands_in_the_outbox(client):
    facilitator = make_user()
    group = make_group(facilitator=facilitator, name="Mailing Circle")
    client.force_login(facilitator)
    response = client.post(group_url("invitation_email", group), {"email": "ada@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    token = Invitation.objects.get(group=group, email="ada@example.org").token
    assert f"http://127.0.0.1:8000/groups/join/{token}/" in mail.outbox[0].body
    bad = client.post(group_url("invitation_email", group), {"email": "not an email"})
    assert bad.status_code == 400 and len(mail.outbox) == 1


# --- Join requests, members, schedule forms --------------------------------------


def test_join_request_flow(client):
    facilitator = make_user()
    group = make_group(facilitator=facilitator, is_public=True)
    asker = make_user(display_name="Asker")
    client.force_login(asker)
    client.post(group_url("join", group), {"message": "May I?"})
    assert "You asked to join" in client.get(group.get_absolute_url()).content.decode()
    request = JoinRequest.objects.get(user=asker)
    client.force_login(facilitator)
    html = client.get(group_url("requests", group)).content.decode()
    assert "Asker" in html and "May I?" in html
    client.post(group_url("request_decide", group, pk=request.pk), {"decision": "approve"})
    assert Membership.objects.filter(group=group, user=asker).exists()


def test_the_members_page_removes_a_member_only_with_a_reason_in_the_log(client):
    facilitator = make_user()
    group = make_group(facilitator=facilitator)
    member = add_member(group, make_user(display_name="Removed Person"))
    client.force_login(facilitator)
    html = client.get(group_url("members", group)).content.decode()
    remove = reverse("moderation:remove", kwargs={"slug": group.slug, "user_id": member.user_id})
    assert f'href="{remove}"' in html
    # No unlogged way is left: no form on the page posts a removal, and the old URL is gone.
    assert f"{group_url('members', group)}{member.pk}/remove/" not in html
    assert client.post(f"{group_url('members', group)}{member.pk}/remove/").status_code == 404
    assert client.post(remove, {"reason": ""}).status_code == 400
    assert Membership.objects.filter(pk=member.pk).exists()
    assert client.post(remove, {"reason": "Spam, again"}).status_code == 302
    assert not Membership.objects.filter(pk=member.pk).exists()
    entry = ModerationEntry.objects.get(group=group)
    assert (entry.action, entry.subject, entry.reason) == (
        "remove_member",
        member.user,
        "Spam, again",
    )


def test_last_facilitator_cannot_step_down_through_the_page(client):
    facilitator = make_user()
    group = make_group(facilitator=facilitator)
    me = Membership.objects.get(user=facilitator)
    client.force_login(facilitator)
    response = client.post(
        group_url("member_role", group, pk=me.pk), {"role": "member"}, follow=True
    )
    assert "at least one facilitator" in response.content.decode()
    me.refresh_from_db()
    assert me.is_facilitator


def test_schedule_page_adopts_skips_and_shifts(client):
    facilitator = make_user()
    group = make_group(facilitator=facilitator, meeting_weekday=1)
    adoption = adopt(group, start_date=START, weeks=3)
    client.force_login(facilitator)
    prefix = f"a{adoption.pk}"
    client.post(group_url("skip", group, pk=adoption.pk), {f"{prefix}-date": "2030-01-08"})
    client.post(
        group_url("shift", group, pk=adoption.pk), {f"{prefix}-week": 3, f"{prefix}-weeks": 1}
    )
    html = client.get(group_url("schedule", group)).content.decode()
    assert "Tue 1 Jan 2030" in html and "Tue 15 Jan 2030" in html and "Tue 29 Jan 2030" in html
    assert "Meet after all" in html
    bad = client.post(group_url("adopt", group), {"text": adoption.text.pk})
    assert bad.status_code == 400  # not offered: already adopted


@override_settings(WRITE_RATE_LIMIT="3/m")
def test_writes_are_rate_limited(client):
    group = make_group()
    adoption = adopt(group, start_date=START)
    member = add_member(group)
    reading = adoption.readings.get(number=1)
    client.force_login(member.user)
    target = group_url("progress", group, reading=reading.pk)
    codes = [client.post(target, {"done": "1"}).status_code for _ in range(4)]
    assert codes == [302, 302, 302, 429]
    assert client.get(group.get_absolute_url()).status_code == 200  # reads are not limited


# --- Query counts -------------------------------------------------------------------


def populate(members: int, weeks: int):
    facilitator = make_user()
    group = make_group(facilitator=facilitator, is_public=True)
    adoption = adopt(group, start_date=group.today() - timedelta(weeks=2), weeks=weeks)
    adopt(group, weeks=weeks)
    readings = list(adoption.readings.all())
    for _ in range(members - 1):
        membership = add_member(group)
        for reading in readings[:2]:
            Progress.objects.create(membership=membership, reading=reading)
        services.create_invitation(group=group, created_by=facilitator)
        JoinRequest.objects.create(group=group, user=make_user())
    services.skip_date(adoption=adoption, on=load_timeline(group).for_adoption(adoption)[-1].date)
    return group, facilitator


# Signed in, every page starts with the session and the user and ends with the unread
# notifications badge (3 queries); the rest is the page's own work.
PAGES = {
    # name: (url, queries) for the facilitator
    # group (with my role), memberships, adoptions, readings, sections, progress counts,
    # my progress, pending requests, who read which week (facilitators only)
    "detail": (lambda g: g.get_absolute_url(), 12),
    "members": (lambda g: group_url("members", g), 5),  # group, memberships
    # group, adoptions, readings, texts, the texts' page maps (for "pp. 31–58"), the rota's names
    "schedule": (lambda g: group_url("schedule", g), 9),
    "invitations": (lambda g: group_url("invitations", g), 5),  # group, invitations
    "requests": (lambda g: group_url("requests", g), 5),  # group, requests
    "edit": (lambda g: group_url("edit", g), 4),  # group
    # no page, no badge: group + timeline (3) + the page maps (no rota: names are for members)
    "feed": (lambda g: group_url("feed", g), 7),
    "list": (lambda g: reverse("groups:list"), 4),  # groups
    "home": (lambda g: "/", 4),  # my groups
}


@pytest.mark.parametrize(("members", "weeks"), [(2, 3), (20, 30)])
@pytest.mark.parametrize("page", PAGES)
def test_pages_cost_constant_queries(client, django_assert_num_queries, page, members, weeks):
    group, facilitator = populate(members, weeks)
    client.force_login(facilitator)
    make_url, queries = PAGES[page]
    with django_assert_num_queries(queries):
        assert client.get(make_url(group)).status_code == 200


@pytest.mark.parametrize(("members", "weeks"), [(2, 3), (20, 30)])
def test_group_page_costs_constant_queries_for_members_and_anonymous(
    client, django_assert_num_queries, members, weeks
):
    group, _ = populate(members, weeks)
    with django_assert_num_queries(6):  # no session, no badge, no own progress, no requests
        assert client.get(group.get_absolute_url()).status_code == 200
    client.force_login(group.memberships.exclude(role="facilitator").first().user)
    # The facilitator's 12 less the pending requests and the readers' names.
    with django_assert_num_queries(10):
        assert client.get(group.get_absolute_url()).status_code == 200


def test_a_site_admin_may_read_and_discuss_the_week_of_a_private_group(client):
    """The group page offers the week's reading page to whoever the reading page lets in
    (policy.may_read_in_group), site admins of private groups included."""
    group = make_group(facilitator=make_user(), is_public=False)
    adopt(group, start_date=group.today(), weeks=2)
    admin = make_user(is_superuser=True, is_staff=True)
    client.force_login(admin)
    html = client.get(group.get_absolute_url()).content.decode()
    button = re.search(r'<a class="button" href="([^"]+)">Read and discuss week 1', html)
    assert button is not None
    assert client.get(button.group(1)).status_code == 200
