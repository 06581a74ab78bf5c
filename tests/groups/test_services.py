"""Group services: every rule that holds whoever calls them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from studygroup.groups import services
from studygroup.groups.models import Adoption, Invitation, JoinRequest, Membership, Progress, Role
from studygroup.groups.services import GroupError
from studygroup.groups.timeline import load_timeline
from studygroup.library.models import Reading
from studygroup.policy import readable_texts
from tests.factories import add_member, adopt, make_group, make_readings, make_text, make_user

pytestmark = pytest.mark.django_db

TUESDAY = 1
START = date(2030, 1, 1)  # a Tuesday, safely in the future


def dates(group) -> list[tuple[str, int, date]]:
    return [(w.adoption.text.title, w.number, w.date) for w in load_timeline(group).weeks]


def assert_consistent(group) -> None:
    timeline = load_timeline(group)
    all_dates = [w.date for w in timeline.weeks]
    assert len(all_dates) == len(set(all_dates)), "two readings on one date"
    for adoption in timeline.adoptions:
        expected = list(
            Reading.objects.published()
            .filter(adoption=adoption)
            .order_by("number")
            .values_list("number", flat=True)
        )
        assert [w.number for w in timeline.for_adoption(adoption)] == expected, "reading lost"
    assert all(d.weekday() == group.meeting_weekday for d in all_dates)
    assert all_dates == sorted(all_dates)


# --- Groups and roles --------------------------------------------------------


def test_creator_becomes_the_first_facilitator():
    creator = make_user()
    group = services.create_group(creator=creator, name="Capital, Volume One")
    assert group.slug == "capital-volume-one"
    assert Membership.objects.get(group=group).role == Role.FACILITATOR
    assert services.create_group(creator=creator, name="Capital, Volume One").slug == (
        "capital-volume-one-2"
    )
    assert services.create_group(creator=creator, name="New").slug == "new-2"


def test_update_group_validates_the_timezone():
    group = make_group()
    services.update_group(group=group, timezone="Europe/Berlin", meeting_weekday=3)
    group.refresh_from_db()
    assert (group.timezone, group.meeting_weekday) == ("Europe/Berlin", 3)
    with pytest.raises(Exception, match="time zone"):
        services.update_group(group=group, timezone="Mars/Olympus")
    with pytest.raises(TypeError):
        services.update_group(group=group, feed_token="x")


def test_a_group_always_keeps_one_facilitator():
    facilitator = make_user()
    group = make_group(facilitator=facilitator)
    only = Membership.objects.get(group=group, user=facilitator)
    with pytest.raises(GroupError, match="at least one facilitator"):
        services.set_role(membership=only, role=Role.MEMBER)
    with pytest.raises(GroupError, match="at least one facilitator"):
        services.remove_member(membership=only)
    with pytest.raises(GroupError, match="at least one facilitator"):
        services.leave_group(group=group, user=facilitator)

    other = add_member(group)
    services.set_role(membership=other, role=Role.FACILITATOR)
    services.set_role(membership=only, role=Role.MEMBER)  # now allowed
    other.refresh_from_db()
    with pytest.raises(GroupError):
        services.remove_member(membership=other)
    assert Membership.objects.filter(group=group, role=Role.FACILITATOR).count() == 1


def test_members_can_leave():
    group = make_group()
    member = add_member(group)
    services.leave_group(group=group, user=member.user)
    assert not Membership.objects.filter(pk=member.pk).exists()
    with pytest.raises(GroupError):
        services.leave_group(group=group, user=member.user)


# --- Invitations -------------------------------------------------------------


def test_invitation_link_adds_a_member():
    group = make_group()
    invitation = services.create_invitation(group=group, created_by=None)
    user = make_user()
    membership = services.accept_invitation(token=invitation.token, user=user)
    assert membership.role == Role.MEMBER
    invitation.refresh_from_db()
    assert invitation.uses == 1


def test_invitation_expires():
    group = make_group()
    invitation = services.create_invitation(group=group, created_by=None, days=1)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(GroupError, match="expired"):
        services.accept_invitation(token=invitation.token, user=make_user())
    assert not Membership.objects.filter(group=group, role=Role.MEMBER).exists()


def test_revoked_invitation_stops_working():
    group = make_group()
    invitation = services.create_invitation(group=group, created_by=None)
    services.revoke_invitation(invitation=invitation)
    with pytest.raises(GroupError, match="revoked"):
        services.accept_invitation(token=invitation.token, user=make_user())


def test_invitation_max_uses():
    group = make_group()
    invitation = services.create_invitation(group=group, created_by=None, max_uses=2)
    services.accept_invitation(token=invitation.token, user=make_user())
    services.accept_invitation(token=invitation.token, user=make_user())
    with pytest.raises(GroupError, match="used up"):
        services.accept_invitation(token=invitation.token, user=make_user())
    invitation.refresh_from_db()
    assert invitation.uses == 2
    assert not Invitation.objects.usable().filter(pk=invitation.pk).exists()


def test_members_reusing_a_link_use_nothing_up():
    group = make_group()
    member = add_member(group)
    invitation = services.create_invitation(group=group, created_by=None, max_uses=1)
    assert services.accept_invitation(token=invitation.token, user=member.user) == member
    invitation.refresh_from_db()
    assert invitation.uses == 0


def test_invitation_rules_are_checked():
    group = make_group()
    with pytest.raises(GroupError):
        services.create_invitation(group=group, created_by=None, days=0)
    with pytest.raises(GroupError):
        services.create_invitation(group=group, created_by=None, max_uses=0)
    with pytest.raises(GroupError, match="does not exist"):
        services.accept_invitation(token="nope", user=make_user())


def test_email_invitation_goes_through_the_task_queue():
    facilitator = make_user(display_name="Rosa L.")
    group = make_group(facilitator=facilitator, name="Grundrisse")
    invitation = services.invite_by_email(
        group=group, created_by=facilitator, email="ada@example.org", base_url="https://sg.test/"
    )
    assert invitation.max_uses == 1 and invitation.email == "ada@example.org"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.org"]
    assert "Grundrisse" in message.subject
    assert f"https://sg.test/groups/join/{invitation.token}/" in message.body
    assert "Rosa L." in message.body


# --- Join requests -----------------------------------------------------------


def test_join_requests_for_public_groups_are_approved_by_facilitators():
    facilitator = make_user()
    group = make_group(facilitator=facilitator, is_public=True)
    user = make_user()
    request = services.request_to_join(group=group, user=user, message=" Hello ")
    assert request.message == "Hello"
    assert services.request_to_join(group=group, user=user) == request  # no duplicate
    services.decide_join_request(join_request=request, approve=True, by=facilitator)
    assert Membership.objects.filter(group=group, user=user, role=Role.MEMBER).exists()
    with pytest.raises(GroupError, match="already answered"):
        services.decide_join_request(join_request=request, approve=False, by=facilitator)
    with pytest.raises(GroupError, match="already a member"):
        services.request_to_join(group=group, user=user)


def test_declined_request_adds_no_one_and_private_groups_take_no_requests():
    group = make_group(is_public=True)
    request = services.request_to_join(group=group, user=make_user())
    services.decide_join_request(join_request=request, approve=False, by=make_user())
    assert request.status == JoinRequest.Status.DECLINED
    assert group.memberships.count() == 1
    with pytest.raises(GroupError, match="invitation only"):
        services.request_to_join(group=make_group(is_public=False), user=make_user())


# --- Schedule ----------------------------------------------------------------


def test_adopting_dates_readings_weekly_on_the_meeting_day():
    group = make_group(meeting_weekday=TUESDAY)
    adoption = adopt(group, start_date=date(2029, 12, 28), weeks=3)  # a Friday
    assert dates(group) == [
        (adoption.text.title, 1, date(2030, 1, 1)),
        (adoption.text.title, 2, date(2030, 1, 8)),
        (adoption.text.title, 3, date(2030, 1, 15)),
    ]


def test_a_later_text_follows_the_earlier_one():
    group = make_group(meeting_weekday=TUESDAY)
    adopt(group, start_date=START, weeks=3)
    second = adopt(group, weeks=2)  # no date: after the first text
    third = adopt(group, start_date=START, weeks=1)  # asks too early: still after
    assert [w.date for w in load_timeline(group).for_adoption(second)] == [
        date(2030, 1, 22),
        date(2030, 1, 29),
    ]
    assert [w.date for w in load_timeline(group).for_adoption(third)] == [date(2030, 2, 5)]
    assert_consistent(group)


def test_a_text_is_adopted_once_per_group():
    group = make_group()
    adoption = adopt(group, start_date=START)
    with pytest.raises(GroupError, match="already reads"):
        services.adopt_text(group=group, text=adoption.text)


def test_a_text_without_readings_is_split_on_adoption():
    text = make_text(chapters=4, paragraphs=6)
    assert not Reading.objects.filter(text=text).exists()
    group = make_group()
    adoption = services.adopt_text(group=group, text=text, start_date=START, weeks=3)
    curated = list(Reading.objects.curated().filter(text=text).order_by("number"))
    readings = list(adoption.readings.order_by("number"))
    assert len(readings) == len(curated) == 3
    assert [r.number for r in readings] == list(range(1, len(readings) + 1))
    assert readings[0].start_section.title == "Chapter 1"  # front matter left out
    assert readings[-1].end_section is None
    assert sum(r.words for r in readings) == sum(s.words for s in text.sections.filter(kind="body"))
    assert_consistent(group)


def test_unpublished_readings_are_not_scheduled():
    text = make_text(chapters=3)
    readings = make_readings(text)
    Reading.objects.filter(pk=readings[1].pk).update(is_published=False)
    group = make_group()
    services.adopt_text(group=group, text=text, start_date=START)
    assert [w.number for w in load_timeline(group).weeks] == [1, 3]


def test_skip_a_date_moves_that_week_and_later_ones():
    group = make_group(meeting_weekday=TUESDAY)
    first = adopt(group, start_date=START, weeks=3)
    second = adopt(group, weeks=2)
    services.skip_date(adoption=first, on=date(2030, 1, 8))
    assert [w.date for w in load_timeline(group).weeks] == [
        date(2030, 1, 1),
        date(2030, 1, 15),
        date(2030, 1, 22),
        # the second text moves along with the first
        date(2030, 1, 29),
        date(2030, 2, 5),
    ]
    assert_consistent(group)
    with pytest.raises(GroupError, match="already skipped"):
        services.skip_date(adoption=first, on=date(2030, 1, 8))
    with pytest.raises(GroupError, match="not a meeting day"):
        services.skip_date(adoption=first, on=date(2030, 1, 9))
    with pytest.raises(GroupError, match="not in the schedule"):
        services.skip_date(adoption=first, on=date(2030, 1, 29))
    services.unskip_date(adoption=first, on=date(2030, 1, 8))
    assert [w.date for w in load_timeline(group).for_adoption(second)] == [
        date(2030, 1, 22),
        date(2030, 1, 29),
    ]
    with pytest.raises(GroupError, match="not skipped"):
        services.unskip_date(adoption=first, on=date(2030, 1, 8))


def test_shift_from_week_n():
    group = make_group(meeting_weekday=TUESDAY)
    first = adopt(group, start_date=START, weeks=2)
    second = adopt(group, weeks=4)
    # The second text really starts on 15 January, after the first: shift from there.
    services.shift_from_week(adoption=second, week=3, weeks=2)
    weeks = load_timeline(group).for_adoption(second)
    assert [(w.number, w.date) for w in weeks] == [
        (1, date(2030, 1, 15)),
        (2, date(2030, 1, 22)),
        (3, date(2030, 2, 12)),
        (4, date(2030, 2, 19)),
    ]
    assert [w.date for w in load_timeline(group).for_adoption(first)] == [
        date(2030, 1, 1),
        date(2030, 1, 8),
    ]
    assert_consistent(group)
    with pytest.raises(GroupError):
        services.shift_from_week(adoption=second, week=9)


def test_every_change_keeps_the_schedule_consistent():
    group = make_group(meeting_weekday=TUESDAY)
    a = adopt(group, start_date=START, weeks=5)
    b = adopt(group, weeks=3)
    c = adopt(group, start_date=date(2030, 6, 4), weeks=2)
    services.shift_from_week(adoption=a, week=2)
    services.skip_date(adoption=b, on=load_timeline(group).for_adoption(b)[1].date)
    services.shift_from_week(adoption=a, week=5, weeks=3)
    services.set_start_date(adoption=c, start_date=START)  # clash requested: c still follows b
    services.shift_from_week(adoption=c, week=1)
    assert_consistent(group)
    services.update_group(group=group, meeting_weekday=4)  # meet on Fridays now
    assert_consistent(group)
    services.remove_adoption(adoption=b)
    assert Adoption.objects.filter(group=group).count() == 2
    assert_consistent(group)


# --- Progress ----------------------------------------------------------------


def test_members_mark_readings_done():
    group = make_group()
    adoption = adopt(group, start_date=START)
    member = add_member(group)
    reading = adoption.readings.get(number=1)
    services.set_done(membership=member, reading=reading, done=True)
    services.set_done(membership=member, reading=reading, done=True)  # idempotent
    assert Progress.objects.filter(membership=member).count() == 1
    week = load_timeline(group, membership=member).weeks[0]
    assert (week.done, week.members, week.done_by_me, week.done_percent) == (1, 2, True, 50)
    services.set_done(membership=member, reading=reading, done=False)
    assert not Progress.objects.filter(membership=member).exists()
    other = make_text(title="Other")
    with pytest.raises(GroupError):
        services.set_done(membership=member, reading=make_readings(other)[0], done=True)


def test_reset_feed_token_changes_only_that_members_token():
    group = make_group(facilitator=make_user())
    mine, theirs = add_member(group), group.memberships.get(role="facilitator")
    old = mine.feed_token
    assert services.reset_feed_token(membership=mine) != old
    mine.refresh_from_db()
    assert mine.feed_token != old
    assert group.memberships.get(pk=theirs.pk).feed_token == theirs.feed_token


# --- Restricted texts ----------------------------------------------------------


def test_restricted_text_is_readable_by_members_of_an_adopting_group(client):
    text = make_text(is_public=False, title="Closed Book")
    make_readings(text)
    group = make_group()
    member = add_member(group).user
    outsider = make_user()
    assert text not in readable_texts(member)
    services.adopt_text(group=group, text=text, start_date=START)
    add_member(make_group(), user=member)  # more memberships must not duplicate rows
    assert list(readable_texts(member).filter(pk=text.pk)) == [text]
    assert text not in readable_texts(outsider)
    client.force_login(member)
    assert client.get(text.get_absolute_url()).status_code == 200
    assert "Closed Book" in client.get("/library/").content.decode()
    client.force_login(outsider)
    assert client.get(text.get_absolute_url()).status_code == 404
