"""An RSVP followed by a reminder, then the rota and a meeting record: a member says she is
coming, the reminder command runs (tasks run inline here, as with TASKS_BACKEND=immediate)
and she finds the reminder in the app and in her email; the facilitator fills in the rota in
turn and writes the record. axe checks every meeting page at phone and desktop widths."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from studygroup.groups.timeline import load_timeline
from tests.browser.test_group_life_journey import as_user, check_axe
from tests.factories import add_member, adopt, make_group, make_question, make_user


@pytest.mark.django_db(transaction=True)
def test_an_rsvp_then_a_reminder_then_the_rota_and_a_record(new_page, live_server, axe, screenshot):
    frances = make_user(display_name="Frances F", email_notifications="never")
    tomorrow = make_group(facilitator=frances).today() + timedelta(days=1)
    group = make_group(
        facilitator=frances,
        name="Thursday Circle",
        meeting_weekday=tomorrow.weekday(),
        location="Union hall",
    )
    nadia = make_user(display_name="Nadia N", email="nadia@example.org")
    add_member(group, nadia)
    add_member(group, make_user(display_name="Omar O"))
    adopt(group, start_date=tomorrow, weeks=3)
    week = load_timeline(group, with_progress=False).weeks[0]
    make_question(week.reading, body="What is the circle for?")
    meetings = reverse("meetings:list", args=[group.slug])
    meeting = reverse("meetings:detail", args=[group.slug, week.reading.pk])

    # Nadia says she is coming; HTMX swaps in the new counts without a reload.
    member = as_user(new_page, live_server, nadia)
    member.goto(group.get_absolute_url())
    member.get_by_role("navigation", name="Group").get_by_role("link", name="Meetings").click()
    # A click before the scripts have run submits the form natively (a full page and a flash
    # message, which works too); this journey is about the HTMX answer, so wait for them.
    member.wait_for_load_state("load")
    first = member.locator(f"#meeting-{week.reading.pk}")
    first.get_by_role("button", name="Coming", exact=True).click()
    expect(first.get_by_text("Your answer is saved.")).to_be_visible()
    expect(first).to_contain_text("1 coming")
    expect(first).to_contain_text("Coming: Nadia N")
    expect(first.get_by_role("button", name="Coming", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    screenshot(member, "meetings-list")

    # The day before: cron runs the command, the queue sends the reminders.
    mail.outbox.clear()
    call_command("send_meeting_reminders")
    to_nadia = [m for m in mail.outbox if m.to == ["nadia@example.org"]]
    assert len(to_nadia) == 1 and "Thursday Circle meets tomorrow" in to_nadia[0].subject
    assert "Union hall" in to_nadia[0].body and meeting in to_nadia[0].body

    member.goto(reverse("notifications:list"))
    member.get_by_role("link", name="Reminder: your group meets tomorrow").click()
    expect(member.get_by_role("heading", level=1)).to_contain_text("Meeting on")
    expect(member.locator(f"#meeting-{week.reading.pk}")).to_contain_text("1 coming")

    # Frances fills in the rota in turn and writes the record, prefilled from the answers.
    facilitator = as_user(new_page, live_server, frances)
    facilitator.goto(reverse("meetings:rota", args=[group.slug]))
    facilitator.get_by_role("button", name="Fill in turn").click()
    expect(facilitator.locator(".message-success")).to_contain_text(
        "3 meetings now have a facilitator"
    )
    screenshot(facilitator, "meetings-rota")
    facilitator.goto(meeting)
    expect(facilitator.locator(".meeting-rota")).to_contain_text("Facilitating:")
    facilitator.get_by_role("link", name="Write the record").click()
    expect(facilitator.get_by_label("Nadia N")).to_be_checked()
    expect(facilitator.get_by_label("Omar O")).not_to_be_checked()
    facilitator.get_by_label("What was decided").fill("Read **chapter 2** next week.")
    facilitator.get_by_label("What is the circle for?").check()
    facilitator.get_by_role("button", name="Save the record").click()
    expect(facilitator.locator("#record")).to_contain_text("chapter 2")

    # Nadia reads the record on the meeting's page.
    member.goto(meeting)
    record = member.locator("#record")
    expect(record).to_contain_text("Nadia N")
    expect(record.locator("strong")).to_have_text("chapter 2")
    expect(record).to_contain_text("What is the circle for?")
    screenshot(member, "meeting-record")

    failures: list[str] = []
    for url in (meetings, meeting, reverse("notifications:list")):
        check_axe(new_page, live_server, axe, nadia, url, failures)
    for url in (
        reverse("meetings:rota", args=[group.slug]),
        reverse("meetings:record", args=[group.slug, week.reading.pk]),
        reverse("meetings:handover", args=[group.slug, week.reading.pk]),
        reverse("groups:schedule", args=[group.slug]),
    ):
        check_axe(new_page, live_server, axe, frances, url, failures)
    assert not failures, "\n\n".join(failures)
