"""No spoilers: comments on a week a member has not reached stay folded away, everywhere.

A week is open to a member when its meeting day has come (in the group's time zone), when
they marked it or a later week done, or when they chose "show anyway" for it. The setting is
on by default (`User.hide_spoilers`); the test factory turns it off for other tests, so here
each reader asks for it.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from studygroup import policy
from studygroup.accounts.models import EmailFrequency, User
from studygroup.discussion import services as discussion_services
from studygroup.discussion.models import Notification
from studygroup.groups import spoilers
from studygroup.groups.models import Adoption, Progress, SpoilerReveal
from studygroup.groups.timeline import find_week
from studygroup.library.models import Reading
from tests.builders import Circle, make_circle
from tests.factories import add_member, adopt, make_group, make_user

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}
FOLDED = "You haven't finished week 1"
SECRET = "Rosebud was the sled"


def start_in(world: Circle, days: int) -> None:
    """Move the group's schedule: its first meeting is on the meeting day `days` from today."""
    start = world.group.today() + timedelta(days=days)
    Adoption.objects.filter(group=world.group).update(start_date=start)


@pytest.fixture
def world():
    """A group whose week 1 is still to come (its meeting at least 8 days away)."""
    world = make_circle()
    start_in(world, 8)
    return world


@pytest.fixture
def reader(world):
    """A member with no spoilers on, as every new account has it."""
    user = make_user(username="rita", display_name="Rita", hide_spoilers=True)
    add_member(world.group, user)
    return user


def readings(world: Circle) -> list[Reading]:
    return list(Reading.objects.of_group(world.group).order_by("number"))


def mark_done(world: Circle, user, reading: Reading) -> None:
    Progress.objects.create(membership=world.group.memberships.get(user=user), reading=reading)


def week_page(world: Circle, number: int) -> str:
    return reverse("discussion:reading", kwargs={"slug": world.group.slug, "number": number})


# --- The rule -----------------------------------------------------------------------------


def test_new_accounts_hide_spoilers_by_default():
    user = User.objects.create_user(username="new", email="new@example.org", password="x")
    assert user.hide_spoilers is True


def test_a_week_opens_on_its_day_or_with_a_done_mark_on_it_or_a_later_week(world, reader):
    one, two, three = readings(world)
    g = world.group.pk
    mark_done(world, world.member, three)  # other people's marks open nothing for this reader
    assert spoilers.guard(reader).closed == {(g, one.pk): 1, (g, two.pk): 2, (g, three.pk): 3}
    mark_done(world, reader, two)  # done with week 2: weeks 1 and 2 are open, 3 is not
    assert spoilers.guard(reader).closed == {(g, three.pk): 3}
    SpoilerReveal.objects.create(membership=world.group.memberships.get(user=reader), reading=three)
    assert not spoilers.guard(reader)
    # With the setting off nothing is folded, and nothing is asked of the database.
    User.objects.filter(pk=reader.pk).update(hide_spoilers=False)
    reader.refresh_from_db()
    SpoilerReveal.objects.all().delete()
    assert spoilers.guard(reader) is spoilers.OPEN


def test_the_meeting_day_opens_the_week_in_the_groups_time_zone(world, reader):
    one = readings(world)[0]
    world.group.timezone = "Pacific/Kiritimati"  # UTC+14
    world.group.save()
    day = find_week(world.group, 1).date
    # Noon UTC the day before: already the meeting day in Kiritimati, not yet in UTC.
    eve = datetime.combine(day - timedelta(days=1), datetime.min.time(), tzinfo=UTC)
    eve += timedelta(hours=12)
    assert spoilers.guard(reader, now=eve).closed_week(world.group.pk, one.pk) is None
    world.group.timezone = "UTC"
    world.group.save()
    assert spoilers.guard(reader, now=eve).closed_week(world.group.pk, one.pk) == 1


def test_past_weeks_are_open(world, reader):
    start_in(world, -40)
    assert not spoilers.guard(reader)


def test_facilitators_are_not_exempt_and_non_members_never_folded(world, reader):
    world.facilitator.hide_spoilers = True
    world.facilitator.save()
    one = readings(world)[0]
    viewer = policy.viewer(world.facilitator, world.group)
    assert spoilers.closed_week(world.facilitator, world.group, one, viewer=viewer) == 1
    world.admin.hide_spoilers = True
    admin = policy.viewer(world.admin, world.group)
    assert spoilers.closed_week(world.admin, world.group, one, viewer=admin) is None


def test_two_groups_reading_one_text_each_keep_their_own_dates(world, reader):
    """One text, two schedules: the same reading is open in one group and not the other."""
    text = world.reading.text
    behind = make_group()
    add_member(behind, reader)
    adopt(behind, text, start_date=date.today() - timedelta(days=60))  # all met already
    one = readings(world)[0]
    guard = spoilers.guard(reader)
    assert guard.closed_week(world.group.pk, one.pk) == 1
    assert guard.closed_week(behind.pk, one.pk) is None
    assert len(guard.closed) == 3


def test_the_guard_costs_three_queries_whatever_the_groups(world, reader):
    for _ in range(3):
        group = make_group()
        add_member(group, reader)
        adopt(group, start_date=date.today() + timedelta(days=30))
    with CaptureQueriesContext(connection) as ctx:
        guard = spoilers.guard(reader)
    assert len(ctx.captured_queries) == 3
    assert len(guard.closed) == 4 * 3


# --- The reading page ---------------------------------------------------------------------


def test_the_thread_of_a_week_not_reached_is_folded_but_the_text_is_not(client, world, reader):
    world.post(author=world.other, body=SECRET)
    client.force_login(reader)
    html = client.get(world.page).content.decode()
    assert FOLDED in html and "show anyway" in html
    assert SECRET not in html
    assert "Chapter 1, paragraph 2: the circle meets weekly" in html  # the text is never hidden
    assert 'id="compose"' in html  # and the reader may still write
    # Every way to the thread is folded alike: the column, the thread, the poll.
    for url in (world.url("discussion"), world.url("thread"), world.url("poll") + "?v=old"):
        fragment = client.get(url, headers=HX).content.decode()
        assert SECRET not in fragment and FOLDED in fragment


@pytest.mark.parametrize("how", ["setting off", "week done", "later week done", "day come"])
def test_the_thread_is_shown_once_the_week_is_open(client, world, reader, how):
    world.post(author=world.other, body=SECRET)
    if how == "setting off":
        User.objects.filter(pk=reader.pk).update(hide_spoilers=False)
    elif how == "week done":
        mark_done(world, reader, readings(world)[0])
    elif how == "later week done":
        mark_done(world, reader, readings(world)[2])
    else:
        start_in(world, -6)  # week 1 met within the last six days, or meets today
    client.force_login(reader)
    html = client.get(world.page).content.decode()
    assert SECRET in html and FOLDED not in html


def test_show_anyway_without_javascript_is_remembered_for_that_week(client, world, reader):
    world.post(author=world.other, body=SECRET)
    client.force_login(reader)
    response = client.post(reverse("discussion:show_anyway", kwargs={
        "slug": world.group.slug, "reading": world.reading.pk}))  # fmt: skip
    assert response.status_code == 302 and response.url.endswith("/weeks/1/#thread")
    html = client.get(world.page).content.decode()
    assert SECRET in html and FOLDED not in html
    # Only that week: week 2 is still folded.
    assert "You haven't finished week 2" in client.get(week_page(world, 2)).content.decode()


def test_show_anyway_can_be_taken_back(client, world, reader):
    world.post(author=world.other, body=SECRET)
    client.force_login(reader)
    show = reverse(
        "discussion:show_anyway", kwargs={"slug": world.group.slug, "reading": world.reading.pk}
    )
    assert "Fold them away again" not in client.get(world.page).content.decode()
    client.post(show)
    html = client.get(world.page).content.decode()
    assert SECRET in html and "Fold them away again" in html
    response = client.post(show, {"fold": "1"})
    assert response.status_code == 302 and response.url.endswith("#thread")
    assert not SpoilerReveal.objects.exists()
    html = client.get(world.page).content.decode()
    assert SECRET not in html and FOLDED in html
    # Once the week is done there is nothing to take back.
    client.post(show)
    mark_done(world, reader, world.reading)
    assert "Fold them away again" not in client.get(world.page).content.decode()


def test_show_anyway_with_htmx_swaps_the_thread_in_place(client, world, reader):
    world.post(author=world.other, body=SECRET)
    client.force_login(reader)
    html = client.get(world.page).content.decode()
    form = re.search(r'<form class="spoiler-guard"[^>]*hx-post="([^"]+)"', html)
    assert form is not None
    response = client.post(form.group(1), headers=HX)
    thread = response.content.decode()
    assert '<section id="thread"' in thread
    assert "Showing the comments on week 1." in thread  # told to screen readers
    assert SECRET in thread and FOLDED not in thread


def test_the_reply_page_does_not_quote_a_week_not_reached(client, world, reader):
    parent = world.post(author=world.other, body=SECRET)
    client.force_login(reader)
    url = reverse("discussion:reply", kwargs={"slug": world.group.slug, "pk": parent.pk})
    html = client.get(url).content.decode()
    assert "Replying to Ola" in html and "Rosebud" not in html
    mark_done(world, reader, world.reading)
    assert "Rosebud" in client.get(url).content.decode()


def test_marking_the_week_done_below_the_text_tells_the_folded_thread(client, world, reader):
    client.force_login(reader)
    url = reverse("groups:progress", kwargs={"slug": world.group.slug, "reading": world.reading.pk})
    response = client.post(url, {"done": "1", "place": "reading"}, headers=HX)
    assert "week-done" in response["HX-Trigger"]
    html = client.get(world.page).content.decode()
    assert 'hx-trigger="week-done from:body"' not in html  # open now: nothing to ask again


def test_a_kept_page_never_shows_comments_to_a_reader_who_should_see_them_folded(
    client, world, reader
):
    """The page is kept per viewer until the next write: done marks, "show anyway" and the
    setting are writes, and the date is part of the key, so a kept copy never crosses over."""
    world.post(author=world.other, body=SECRET)
    client.force_login(reader)
    progress = reverse(
        "groups:progress", kwargs={"slug": world.group.slug, "reading": world.reading.pk}
    )
    profile = {"display_name": "Rita", "handle": "rita"}
    steps = [
        (None, False),  # folded
        (None, False),  # the kept copy: still folded
        (lambda: client.post(progress, {"done": "1", "place": "reading"}), True),
        (None, True),  # kept, open
        (lambda: client.post(progress, {"done": "0", "place": "reading"}), False),
        (None, False),
        (lambda: client.post("/accounts/profile/", profile), True),  # setting off
        (None, True),
        (lambda: client.post("/accounts/profile/", {**profile, "hide_spoilers": "on"}), False),
        (None, False),
    ]
    for write, shown in steps:
        if write is not None:
            assert write().status_code == 302
        html = client.get(world.page).content.decode()
        assert (SECRET in html) is shown, (write, shown)
        assert (FOLDED in html) is not shown


def test_a_kept_frame_after_a_comment_folds_as_its_page_did(client, world, reader):
    """After a comment the page is the kept frame with the new thread: the frame is kept with
    whether its thread is folded, under a key that done marks and the setting move."""
    client.force_login(reader)
    progress = reverse(
        "groups:progress", kwargs={"slug": world.group.slug, "reading": world.reading.pk}
    )
    profile = {"display_name": "Rita", "handle": "rita"}
    steps = [
        (None, False),  # folded
        (lambda: client.post(progress, {"done": "1", "place": "reading"}), True),
        (lambda: client.post(progress, {"done": "0", "place": "reading"}), False),
        (lambda: client.post("/accounts/profile/", profile), True),  # setting off
        (lambda: client.post("/accounts/profile/", {**profile, "hide_spoilers": "on"}), False),
    ]
    for n, (write, shown) in enumerate(steps):
        if write is not None:
            assert write().status_code == 302
        client.get(world.page)  # the frame, kept
        for m in range(2):  # then a comment, twice: each page is the kept frame filled
            world.post(author=world.other, body=f"{SECRET} {n}.{m}")
            html = client.get(world.page).content.decode()
            assert (f"{SECRET} {n}.{m}" in html) is shown, (n, shown)
            assert (FOLDED in html) is not shown


def test_the_thread_kept_in_memory_is_not_served_to_a_folded_reader(client, world, reader):
    world.post(author=world.other, body=SECRET)
    mark_done(world, reader, world.reading)
    client.force_login(reader)
    assert SECRET in client.get(world.url("thread"), headers=HX).content.decode()
    Progress.objects.filter(membership__user=reader).delete()  # the thread version stays
    html = client.get(world.url("thread"), headers=HX).content.decode()
    assert SECRET not in html and FOLDED in html


@pytest.mark.parametrize("n", [5, 200])
def test_no_spoilers_adds_no_query_to_the_reading_page(client, world, reader, n, settings):
    """The reader's marks come in the query that found their "done" mark: an open thread
    costs what it costs with the setting off, and a folded one less (no thread at all)."""
    settings.COMMENT_RATE_LIMIT = "10000/m"
    for i in range(n):
        world.post(author=world.other, body=f"Comment {i}")
    off = make_user(hide_spoilers=False)
    add_member(world.group, off)
    counts = {}
    for name, user in (("off", off), ("open", reader), ("folded", reader)):
        if name == "open":
            mark_done(world, reader, world.reading)
        if name == "folded":
            Progress.objects.filter(membership__user=reader).delete()
        client.force_login(user)
        client.get(world.page)  # the text's own cache, the CSRF cookie
        client.get(world.page)  # the page's frame, kept for this reader
        # As after a new comment: the thread is rendered again, in the kept frame.
        discussion_services.bump_version(group_id=world.group.pk, reading_id=world.reading.pk)
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(world.page).content.decode()
        counts[name] = len(ctx.captured_queries)
        assert (FOLDED in html) is (name == "folded")
    assert counts["open"] == counts["off"]
    assert counts["folded"] < counts["off"]


# --- Notifications ------------------------------------------------------------------------


def _reply_to(world: Circle, reader, *, body: str = SECRET):
    parent = world.post(author=reader, body="What does the sled mean?")
    return world.post(author=world.other, body=body, parent=parent)


def test_the_list_names_the_week_and_quotes_nothing(client, world, reader):
    _reply_to(world, reader)
    client.force_login(reader)
    html = client.get(reverse("notifications:list")).content.decode()
    assert "A new comment on week 1, which you haven't finished" in html
    assert "Ola replied to your comment" in html
    assert SECRET not in html
    assert 'aria-label="Notifications, 1 unread"' in html  # the badge counts it all the same
    mark_done(world, reader, world.reading)
    html = client.get(reverse("notifications:list")).content.decode()
    assert "which you haven't finished" not in html


def test_the_list_costs_three_more_queries_whatever_the_notifications(client, world, reader):
    for i in range(5):
        _reply_to(world, reader, body=f"Reply {i}")
    client.force_login(reader)
    client.get(reverse("notifications:list"))
    with CaptureQueriesContext(connection) as on:
        client.get(reverse("notifications:list"))
    User.objects.filter(pk=reader.pk).update(hide_spoilers=False)
    with CaptureQueriesContext(connection) as off:
        client.get(reverse("notifications:list"))
    assert len(on.captured_queries) == len(off.captured_queries) + 3


@pytest.mark.parametrize("hide", [True, False])
def test_the_email_right_away_quotes_the_comment_only_when_the_week_is_open(world, reader, hide):
    User.objects.filter(pk=reader.pk).update(hide_spoilers=hide)
    parent = world.post(author=reader, body="What does the sled mean?")
    mail.outbox.clear()
    reply = world.post(author=world.other, body=SECRET, parent=parent)
    [email] = mail.outbox
    assert email.to == [reader.email]
    assert (SECRET in email.body) is not hide
    assert ("A new comment on week 1, which you haven't finished" in email.body) is hide
    assert f"#c-{reply.pk}" in email.body  # the link is there either way
    assert SECRET not in email.subject


def test_the_daily_digest_names_the_weeks_not_reached(world, reader):
    User.objects.filter(pk=reader.pk).update(email_notifications=EmailFrequency.DAILY)
    one, two, three = readings(world)
    _reply_to(world, reader)  # on week 1
    later = discussion_services.post_comment(
        author=world.other, group=world.group, reading=three, body=f"@rita {SECRET}"
    )
    assert Notification.objects.filter(recipient=reader).count() == 2
    mark_done(world, reader, two)  # weeks 1 and 2 are open now; week 3 is not
    mail.outbox.clear()
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [email] = mail.outbox
    assert "A new comment on week 3, which you haven't finished" in email.body
    assert "week 1, which" not in email.body
    assert SECRET not in email.body
    assert f"#c-{later.pk}" in email.body


# --- Search -------------------------------------------------------------------------------


def _search(client, words: str) -> str:
    return client.get(reverse("search:search"), {"q": words}).content.decode()


def test_search_folds_comments_on_weeks_not_reached(client, world, reader):
    comment = world.post(author=world.other, body=f"Zanzibar: {SECRET}")
    client.force_login(reader)
    html = _search(client, "zanzibar")
    assert f"#c-{comment.pk}" in html  # the hit is there, with its week
    assert "Week 1" in html and FOLDED in html and "show anyway" in html
    assert "Rosebud" not in html  # no snippet
    # "Show anyway" remembers the week and leads to the comment.
    show = reverse(
        "discussion:show_anyway", kwargs={"slug": world.group.slug, "reading": world.reading.pk}
    )
    assert f'action="{show}"' in html
    response = client.post(show, {"comment": comment.pk})
    assert response.url.endswith(f"#c-{comment.pk}")
    assert "Rosebud" in _search(client, "zanzibar")


def test_search_shows_the_snippet_with_the_setting_off(client, world, reader):
    world.post(author=world.other, body=f"Zanzibar: {SECRET}")
    User.objects.filter(pk=reader.pk).update(hide_spoilers=False)
    client.force_login(reader)
    html = _search(client, "zanzibar")
    assert "Rosebud" in html and FOLDED not in html


# --- The member's own comments feed -------------------------------------------------------


def test_the_members_own_comments_feed_folds_weeks_not_reached(client, world, reader):
    world.post(author=world.other, body=SECRET)
    token = world.group.memberships.get(user=reader).feed_token
    url = reverse("groups:comments_atom_token", kwargs={"slug": world.group.slug, "token": token})
    feed = client.get(url).content.decode()
    assert "Ola on week 1" in feed and "Rosebud" not in feed
    assert "A new comment on week 1, which you haven" in feed
    mark_done(world, reader, world.reading)
    assert "Rosebud" in client.get(url).content.decode()


# --- The profile --------------------------------------------------------------------------


def test_the_profile_turns_it_off_and_on_without_javascript(client, reader):
    client.force_login(reader)
    page = client.get("/accounts/profile/").content.decode()
    assert 'name="hide_spoilers"' in page and "checked" in page
    client.post("/accounts/profile/", {"display_name": "Rita", "handle": "rita"})
    reader.refresh_from_db()
    assert reader.hide_spoilers is False
    client.post(
        "/accounts/profile/", {"display_name": "Rita", "handle": "rita", "hide_spoilers": "1"}
    )
    reader.refresh_from_db()
    assert reader.hide_spoilers is True
