"""User-written fields cannot add lines to a calendar feed or headers to an email."""

from __future__ import annotations

import pytest
from django.core import mail
from icalendar import Calendar

from studygroup.groups import services
from studygroup.groups.models import ReadingGroup
from studygroup.library.models import Reading, Section
from tests.discovery.world import make_world
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "Evil\r\nBEGIN:VEVENT\r\nSUMMARY:Injected\r\nEND:VEVENT",
    "Evil\nATTENDEE:mailto:victim@example.org",
    "Evil\rX-INJECTED:1",
    "Evil\r\n END:VCALENDAR",
]
MAIL_HEADERS = {
    "Content-Type",
    "MIME-Version",
    "Content-Transfer-Encoding",
    "Subject",
    "From",
    "To",
    "Date",
    "Message-ID",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
}
EVENT_PROPERTIES = {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION"}


@pytest.fixture(autouse=True)
def _generous_limits(settings):
    settings.COMMENT_RATE_LIMIT = "1000/m"
    settings.WRITE_RATE_LIMIT = "1000/m"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_field_can_add_an_event_or_a_property_to_the_calendar(client, payload):
    world = make_world(is_public=True, discussion=False)
    group = world.group
    ReadingGroup.objects.filter(pk=group.pk).update(
        name=payload, description=payload, location=payload
    )
    text = world.reading.text
    type(text).objects.filter(pk=text.pk).update(title=payload)
    Reading.objects.filter(text=text).update(title=payload)
    Section.objects.filter(text=text).update(title=payload)
    world.facilitator.display_name = payload
    world.facilitator.save()

    response = client.get(f"/groups/{group.slug}/calendar.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == len(world.readings)
    # iCalendar has one line break, written \n: a CR, LF or CRLF comes back as LF.
    text = payload.replace("\r\n", "\n").replace("\r", "\n")
    for event in events:
        assert set(event.keys()) == EVENT_PROPERTIES | {"LOCATION", "URL"}
        assert text in str(event["SUMMARY"]) and text in str(event["DESCRIPTION"])
        assert str(event["LOCATION"]) == text
    assert str(calendar["X-WR-CALNAME"]) == " ".join(payload.split())
    assert [c.name for c in calendar.subcomponents].count("VEVENT") == len(world.readings)
    # Every physical line is a property, a component boundary or a folded continuation.
    lines = response.content.decode().split("\r\n")
    assert lines.count("BEGIN:VEVENT") == len(world.readings)
    assert not any(
        line.startswith(("X-INJECTED", "ATTENDEE", "SUMMARY:Injected")) for line in lines
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_invitation_email_survives_a_group_name_with_line_breaks(
    client, payload, django_capture_on_commit_callbacks
):
    world = make_world(is_public=False, discussion=False)
    ReadingGroup.objects.filter(pk=world.group.pk).update(name=payload)
    client.force_login(world.facilitator)
    mail.outbox.clear()  # the world's own question already notified its members
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/groups/{world.group.slug}/invitations/email/", {"email": "new@example.org"}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    [email] = mail.outbox
    assert "\n" not in email.subject and "\r" not in email.subject
    assert email.subject.startswith("[127.0.0.1:8000] You're invited to read with Evil")
    assert set(email.message().keys()) <= MAIL_HEADERS


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_notification_email_survives_names_with_line_breaks(
    payload, django_capture_on_commit_callbacks
):
    world = make_world(is_public=False, discussion=False)
    ReadingGroup.objects.filter(pk=world.group.pk).update(name=payload)
    world.group.refresh_from_db()
    author = world.facilitator
    author.display_name = payload
    author.save()
    member = world.member
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        world.post(author, f"Over to you, @{member.username}.")
    [email] = [m for m in mail.outbox if member.email in m.to]
    assert "\n" not in email.subject and "\r" not in email.subject and "Evil" in email.subject
    assert set(email.message().keys()) <= MAIL_HEADERS


def test_a_group_created_with_a_line_break_in_its_name_still_invites_by_email(
    client, django_capture_on_commit_callbacks
):
    facilitator = make_user()
    client.force_login(facilitator)
    client.post(
        "/groups/new/",
        {
            "name": "Tuesday\r\nBcc: everyone@example.org",
            "timezone": "UTC",
            "meeting_weekday": "1",
            "meeting_time": "19:00",
            "meeting_minutes": "90",
        },
    )
    group = ReadingGroup.objects.get(memberships__user=facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_by_email(
            group=group,
            email="new@example.org",
            created_by=facilitator,
            base_url="http://testserver/",
        )
    [email] = mail.outbox
    assert email.bcc == [] and set(email.message().keys()) <= MAIL_HEADERS
