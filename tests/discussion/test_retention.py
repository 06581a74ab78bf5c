"""Per-group comment retention: the facilitators' setting, the notice members see before
they post, and the daily removal of the comments whose time has passed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone

from studygroup.discussion import retention
from studygroup.discussion.models import Comment, ModerationEntry, Reaction
from studygroup.groups.models import ReadingGroup
from studygroup.groups.timeline import load_timeline
from tests.builders import make_circle
from tests.factories import adopt, make_readings, make_text

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now().date() - timedelta(days=200)  # three weeks, long finished


@pytest.fixture(autouse=True)
def _generous_limits(settings):
    settings.WRITE_RATE_LIMIT = "1000/m"
    settings.COMMENT_RATE_LIMIT = "1000/m"


def set_days(client, group, days) -> object:
    return client.post(reverse("retention:set", args=[group.slug]), {"days": days})


def test_facilitators_set_it_the_log_says_so_and_members_read_it(client):
    circle = make_circle()
    client.force_login(circle.facilitator)
    assert set_days(client, circle.group, "90").status_code == 302
    circle.group.refresh_from_db()
    assert circle.group.comment_retention_days == 90
    entry = ModerationEntry.objects.get(group=circle.group)
    assert entry.action == ModerationEntry.Action.SET_RETENTION
    assert entry.actor == circle.facilitator
    assert "90 days" in entry.reason and "Keep them" in entry.reason
    # The same value again changes and logs nothing.
    set_days(client, circle.group, "90")
    assert ModerationEntry.objects.filter(group=circle.group).count() == 1
    # Back to keeping them.
    set_days(client, circle.group, "")
    circle.group.refresh_from_db()
    assert circle.group.comment_retention_days is None

    client.force_login(circle.member)
    log = client.get(reverse("moderation:log", args=[circle.group.slug])).content.decode()
    assert "changed how long comments are kept" in log and "Fran" in log


@pytest.mark.parametrize("days", ["7", "abc", "-30", "99999999999999999999999"])
def test_only_the_listed_times(client, days):
    circle = make_circle()
    client.force_login(circle.facilitator)
    response = set_days(client, circle.group, days)
    assert response.status_code == 302
    circle.group.refresh_from_db()
    assert circle.group.comment_retention_days is None
    assert not ModerationEntry.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Choose one of the listed times." in page


def test_members_and_outsiders_cannot_change_it(client):
    circle = make_circle()
    client.force_login(circle.member)
    assert set_days(client, circle.group, "30").status_code == 403
    client.force_login(circle.outsider)
    assert set_days(client, circle.group, "30").status_code == 404
    circle.group.refresh_from_db()
    assert circle.group.comment_retention_days is None


def test_the_group_page_and_the_comment_form_say_when(client):
    start = timezone.now().date() - timedelta(days=7)
    circle = make_circle(start_date=start)
    ReadingGroup.objects.filter(pk=circle.group.pk).update(comment_retention_days=30)
    circle.group.refresh_from_db()
    timeline = load_timeline(circle.group, with_sections=False, with_progress=False)
    last = max(w.date for w in timeline.weeks)
    removed_on = formats.date_format(last + timedelta(days=30), "DATE_FORMAT")

    client.force_login(circle.member)
    group_page = client.get(circle.group.get_absolute_url()).content.decode()
    assert "removes its comments on a text 30 days after its last week" in group_page
    assert f"removed on {removed_on}" in group_page
    assert 'id="retention-form"' not in group_page  # members are told, not asked

    reading_page = client.get(circle.page).content.decode()
    notice = reading_page.index('id="retention-notice"')
    assert notice < reading_page.index('class="comment-form"')  # before they post
    assert f"on {removed_on}, 30 days after" in reading_page

    client.force_login(circle.facilitator)
    assert 'id="retention-form"' in client.get(circle.group.get_absolute_url()).content.decode()


def test_a_group_that_keeps_comments_shows_no_notice_by_the_form(client):
    circle = make_circle()
    client.force_login(circle.member)
    page = client.get(circle.page).content.decode()
    assert 'class="comment-form"' in page and "retention-notice" not in page
    assert (
        "This group keeps its comments."
        in client.get(circle.group.get_absolute_url()).content.decode()
    )


def _scene():
    """Two groups finished the same text long ago; the first removes comments after 30 days
    and is now reading a second text; the second keeps its comments."""
    text = make_text(title="The Shared Book")
    make_readings(text)
    removing = make_circle(text=text, start_date=LONG_AGO, name="Removing")
    keeping = make_circle(text=text, start_date=LONG_AGO, suffix="k", name="Keeping")
    ReadingGroup.objects.filter(pk=removing.group.pk).update(comment_retention_days=30)
    removing.group.refresh_from_db()
    first = removing.post(body="A thought on the shared book.")
    removing.post(author=removing.facilitator, body="A reply.", parent=first)
    Reaction.objects.create(comment=first, user=removing.facilitator, kind="agree")
    kept = keeping.post(body="Their own thought on the same book.")
    later = adopt(removing.group, start_date=timezone.now().date())
    current = later.readings.order_by("number").first()
    ongoing = removing.post(body="On the new book.", reading=current)
    return removing, keeping, first, kept, ongoing


def test_purge_removes_only_the_expired_comments_of_that_group():
    removing, keeping, first, kept, ongoing = _scene()
    assert retention.purge_expired() == 2
    assert not Comment.objects.filter(group=removing.group, reading__text=first.reading.text)
    assert not Reaction.objects.exists()
    assert Comment.objects.filter(pk=kept.pk).exists()  # the other group's, same text
    assert Comment.objects.filter(pk=ongoing.pk).exists()  # the same group's, not finished
    entry = ModerationEntry.objects.get(group=removing.group)
    assert entry.action == ModerationEntry.Action.RETENTION and entry.actor is None
    assert "2 comments on “The Shared Book” removed" in entry.reason


def test_purge_is_idempotent():
    _scene()
    assert retention.purge_expired() == 2
    assert retention.purge_expired() == 0
    assert ModerationEntry.objects.count() == 1


def test_not_yet_due_is_kept():
    removing, *_ = _scene()
    ReadingGroup.objects.filter(pk=removing.group.pk).update(comment_retention_days=365)
    assert retention.purge_expired() == 0
    assert Comment.objects.count() == 4


def test_purge_is_all_or_nothing_per_text(monkeypatch):
    removing, *_ = _scene()

    def refuse(*args, **kwargs):
        raise RuntimeError("the log is unavailable")

    monkeypatch.setattr(ModerationEntry.objects, "create", refuse)
    with pytest.raises(RuntimeError):
        retention.purge_expired()
    assert Comment.objects.filter(group=removing.group).count() == 3  # nothing removed


def test_the_scheduled_command_runs_it_through_the_task_queue(capsys):
    _scene()
    call_command("purge_expired_comments")
    assert "Queued the removal" in capsys.readouterr().out
    assert Comment.objects.count() == 2  # tests run tasks at once (ImmediateBackend)
    call_command("purge_expired_comments", "--now")
    assert "Comments removed: 0." in capsys.readouterr().out


def test_the_log_names_no_person_for_a_removal(client):
    removing, *_ = _scene()
    retention.purge_expired()
    client.force_login(removing.member)
    log = client.get(reverse("moderation:log", args=[removing.group.slug])).content.decode()
    assert "The group's keeping rule" in log
    assert "removed comments past the group" in log


def test_the_notice_costs_nothing_for_groups_that_keep_comments():
    circle = make_circle()
    from django.template.loader import render_to_string

    with CaptureQueriesContext(connection) as queries:
        html = render_to_string(
            "discussion/_retention_notice.html", {"group": circle.group, "reading": circle.reading}
        )
    assert html.strip() == "" and len(queries) == 0


def test_the_privacy_page_mentions_retention(client):
    page = client.get(reverse("privacy")).content.decode()
    assert "removed 30 days, 90 days or a year after" in page
