""" "Delete my account" (accounts/deletion.py): a request with a confirmation, a grace period
that signing in cancels, and a purge that leaves no name, email or handle anywhere."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from studygroup.accounts.deletion import Identity, purge_due
from studygroup.accounts.handles import change_handle
from studygroup.accounts.models import AccountDeletion, User
from studygroup.api import tokens
from studygroup.discussion import services
from studygroup.discussion.models import Comment, ModerationEntry, Notification, Report
from studygroup.discussion.moderation import hide_comment
from studygroup.groups import votes
from studygroup.groups.models import Membership, Progress, Role, VoteCast
from studygroup.meetings import records
from studygroup.meetings import services as meetings
from studygroup.meetings.models import Meeting, Rsvp
from tests.builders import make_circle
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

URL = reverse("delete_account")
NAME = "Zephyrine Quillfeather"
EMAIL = "zq-secret@quill.example"
HANDLE = "zquill"
OLD_HANDLE = "zephyq"


@pytest.fixture(autouse=True)
def _quick_posts(settings):
    settings.COMMENT_RATE_LIMIT = "1000/m"


def test_the_profile_links_to_deletion(client):
    client.force_login(make_circle().member)
    assert f'href="{URL}"' in client.get(reverse("profile")).content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for method in (client.get, client.post):
        response = method(URL)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_a_wrong_confirmation_deletes_nothing(client):
    member = make_circle().member
    client.force_login(member)
    response = client.post(URL, {"comments": "keep", "confirmation": "not it"})
    assert response.status_code == 400
    assert "neither your password nor your handle" in response.content.decode()
    member.refresh_from_db()
    assert member.is_active
    assert not AccountDeletion.objects.exists()


@pytest.mark.parametrize("confirmation", ["password", "handle"])
def test_a_confirmed_request_closes_the_account_for_the_grace_period(
    client, settings, confirmation
):
    settings.ACCOUNT_DELETION_GRACE_DAYS = 10
    member = make_circle().member
    client.force_login(member)
    typed = PASSWORD if confirmation == "password" else f"@{member.username}"
    response = client.post(URL, {"comments": "tombstone", "confirmation": typed}, follow=True)
    assert "Sign in before then and it is yours again" in response.content.decode()
    assert not response.context["user"].is_authenticated
    member.refresh_from_db()
    assert not member.is_active
    deletion = AccountDeletion.objects.get(user=member)
    assert deletion.comments == "tombstone"
    expected = timezone.now() + timedelta(days=10)
    assert abs(deletion.purge_after - expected) < timedelta(minutes=1)


def test_the_only_facilitator_is_asked_to_hand_over_first(client):
    circle = make_circle()
    client.force_login(circle.facilitator)
    page = client.get(URL).content.decode()
    assert "only facilitator" in page
    assert circle.group.name in page
    response = client.post(URL, {"comments": "keep", "confirmation": PASSWORD})
    assert response.status_code == 409
    circle.facilitator.refresh_from_db()
    assert circle.facilitator.is_active
    assert not AccountDeletion.objects.exists()
    # Once another member facilitates too, the request goes through.
    Membership.objects.filter(user=circle.member).update(role=Role.FACILITATOR)
    response = client.post(URL, {"comments": "keep", "confirmation": PASSWORD})
    assert response.status_code == 302
    assert AccountDeletion.objects.filter(user=circle.facilitator).exists()


def test_signing_in_during_the_grace_period_cancels_the_deletion(client):
    member = make_circle().member
    client.force_login(member)
    client.post(URL, {"comments": "keep", "confirmation": PASSWORD})
    assert not User.objects.get(pk=member.pk).is_active

    response = client.post(
        reverse("account_login"), {"login": member.email, "password": PASSWORD}, follow=True
    )
    assert response.context["user"] == member
    assert "it is no longer going to be deleted" in response.content.decode()
    assert User.objects.get(pk=member.pk).is_active
    assert not AccountDeletion.objects.exists()


def test_the_purge_waits_for_the_grace_period(settings):
    member = make_circle().member
    AccountDeletion.objects.create(
        user=member, purge_after=timezone.now() + timedelta(hours=1), comments="keep"
    )
    out = io.StringIO()
    call_command("purge_deleted_accounts", stdout=out)
    assert "Accounts erased: 0." in out.getvalue()
    assert User.objects.filter(pk=member.pk).exists()
    assert purge_due(now=timezone.now() + timedelta(hours=2)) == 1
    assert not User.objects.filter(pk=member.pk).exists()


# --- No trace ----------------------------------------------------------------------------


def _member_who_did_everything(circle, django_capture_on_commit_callbacks):
    """A member with a distinctive name, email and handle (and an old handle) who comments,
    is mentioned, is moderated, reacts, reports, RSVPs, proposes, votes and writes notes."""
    group, facilitator = circle.group, circle.facilitator
    zeph = make_user(username=OLD_HANDLE, display_name=NAME, email=EMAIL)
    change_handle(zeph, HANDLE)
    Membership.objects.create(group=group, user=zeph)
    membership = Membership.objects.get(group=group, user=zeph)
    with django_capture_on_commit_callbacks(execute=True):
        first = circle.post(author=zeph, body=f"I am {NAME}; write to {EMAIL}.")
        services.edit_comment(comment=first, body=f"I am {NAME} (@{HANDLE}), {EMAIL}.")
        circle.post(author=zeph, body="A quiet second thought.", parent=first)
        rude = circle.post(author=zeph, body="Something rude.")
        reply = circle.post(
            author=facilitator,
            body=f"Thanks @{HANDLE} and @{OLD_HANDLE}! {NAME} is right.",
            parent=first,
        )
        services.toggle_reaction(comment=reply, user=zeph, kind="agree")
        circle.post(author=zeph, body=f"@{facilitator.username}, see this.")
        hide_comment(actor=facilitator, comment=rude, reason=f"{NAME} knows why.")
        Report.objects.create(comment=reply, reporter=zeph, reason="I, zquill, disagree.")
        Progress.objects.create(membership=membership, reading=circle.reading)
        meeting = Meeting.objects.create(
            group=group, reading=circle.reading, decisions=f"@{HANDLE} leads next time."
        )
        meeting.attended.add(membership)
        meeting.facilitators.add(membership)
        Rsvp.objects.create(
            meeting=meeting, membership=membership, answer="coming", for_date="2026-01-05"
        )
        meetings.save_handover(meeting=meeting, author=zeph, body=f"From {NAME}: read ahead.")
        proposal = votes.propose(group=group, by=zeph, title="Capital, volume two")
        votes.propose(group=group, by=facilitator, title="Grundrisse")
        vote = votes.open_vote(
            group=group, by=facilitator, closes_at=timezone.now() + timedelta(days=2)
        )
        votes.cast_ballot(vote=vote, user=zeph, ranking=[proposal.pk])
        tokens.create_token(user=zeph, name=f"{HANDLE}'s reader")
    assert Notification.objects.filter(actor=zeph).exists()  # the facilitator was notified
    assert (
        ModerationEntry.objects.filter(subject=zeph).exists()
        or ModerationEntry.objects.filter(comment=rude).exists()
    )
    assert VoteCast.objects.filter(user=zeph).exists()
    return zeph, first


def _traces(text: str) -> list[str]:
    lowered = text.lower()
    return [s for s in (NAME, EMAIL, HANDLE, OLD_HANDLE, "Quillfeather") if s.lower() in lowered]


def _dump() -> str:
    """The whole database, as `dumpdata` writes it."""
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue()


def _hits(client, term: str) -> int:
    """How many things search finds for `term` (the page itself repeats the query)."""
    response = client.get(reverse("search:search"), {"q": term})
    return response.context["results"].total


def _group_pages(circle, comment) -> list[str]:
    slug = circle.group.slug
    group = lambda name, **kw: reverse(f"groups:{name}", kwargs={"slug": slug, **kw})  # noqa: E731
    pages = [
        group("detail"),
        group("members"),
        group("schedule"),
        group("next_text"),
        group("feed"),
        reverse("moderation:log", kwargs={"slug": slug}),
        reverse("moderation:reports", kwargs={"slug": slug}),
        reverse("moderation:comment", kwargs={"slug": slug, "pk": comment.pk}),
        reverse("meetings:list", kwargs={"slug": slug}),
        reverse("meetings:rota", kwargs={"slug": slug}),
        reverse("meetings:detail", kwargs={"slug": slug, "reading": circle.reading.pk}),
        reverse("export:group", kwargs={"slug": slug}),
        reverse("export:group_file", kwargs={"slug": slug, "fmt": "json"}),
        reverse("export:group_file", kwargs={"slug": slug, "fmt": "md"}),
        circle.url("thread"),
        circle.url("history", pk=comment.pk),
    ]
    pages += [
        reverse("discussion:reading", kwargs={"slug": slug, "number": week.number})
        for week in circle.readings
    ]
    pages += [group("vote", pk=vote.pk) for vote in circle.group.votes.all()]
    return pages


@pytest.mark.parametrize("choice", ["keep", "tombstone"])
def test_after_the_purge_no_name_email_or_handle_remains_anywhere(
    client, django_capture_on_commit_callbacks, choice
):
    circle = make_circle()
    zeph, first = _member_who_did_everything(circle, django_capture_on_commit_callbacks)
    client.force_login(circle.facilitator)
    pages_before = "".join(
        client.get(page, follow=True).content.decode() for page in _group_pages(circle, first)
    )
    # The traces are there to be found before: so the checks below can fail.
    assert len(_traces(pages_before)) == 5
    assert len(_traces(_dump())) == 5
    assert _hits(client, HANDLE) and _hits(client, "Quillfeather")

    client.force_login(zeph)
    client.post(URL, {"comments": choice, "confirmation": PASSWORD})
    AccountDeletion.objects.filter(user=zeph).update(purge_after=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_deleted_accounts", stdout=io.StringIO())

    assert not User.objects.filter(pk=zeph.pk).exists()
    client.force_login(circle.facilitator)
    for page in _group_pages(circle, first):
        response = client.get(page, follow=True)
        gone = choice == "tombstone" and page == circle.url("history", pk=first.pk)
        assert response.status_code == (404 if gone else 200), page  # a tombstone has no past
        assert _traces(response.content.decode()) == [], page
    for term in (HANDLE, OLD_HANDLE, "Quillfeather", "Zephyrine", EMAIL):
        assert _hits(client, term) == 0, term
    # Whatever search finds in the group shows none of it either.
    for term in ("thought", "former", "read"):
        results = client.get(reverse("search:search"), {"q": term}).content.decode()
        assert _traces(results) == [], term
    assert _traces(_dump()) == []

    first.refresh_from_db()
    assert first.author is None
    assert first.replies.exists()  # the thread keeps its shape either way
    if choice == "keep":
        assert first.body == "I am a former member (@former-member), former-member."
    else:
        assert first.is_deleted and first.body == ""
    reply = Comment.objects.get(author=circle.facilitator)
    assert "@former-member" in reply.body and 'class="mention"' not in reply.html
    assert ModerationEntry.objects.filter(action=ModerationEntry.Action.HIDE).exists()


@pytest.mark.parametrize("frequency", ["immediate", "daily"])
def test_a_closed_account_gets_no_email(
    client, mailoutbox, django_capture_on_commit_callbacks, frequency
):
    circle = make_circle()
    member = circle.member
    User.objects.filter(pk=member.pk).update(email_notifications=frequency)
    comment = circle.post(author=member, body="Mine.")
    client.force_login(member)
    client.post(URL, {"comments": "keep", "confirmation": PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        circle.post(author=circle.facilitator, body="A reply.", parent=comment)
    call_command("send_digests", stdout=io.StringIO())
    assert Notification.objects.filter(recipient=member).exists()
    assert [m for m in mailoutbox if member.email in m.to] == []


def test_a_meeting_record_still_counts_a_former_member_who_attended(client):
    circle = make_circle()
    meeting = Meeting.objects.create(
        group=circle.group, reading=circle.reading, decisions="Read on.", recorded_at=timezone.now()
    )
    meeting.attended.add(*Membership.objects.filter(user__in=[circle.member, circle.other]))
    AccountDeletion.objects.create(user=circle.member, purge_after=timezone.now(), comments="keep")
    purge_due()
    client.force_login(circle.facilitator)
    page = client.get(
        reverse("meetings:detail", kwargs={"slug": circle.group.slug, "reading": circle.reading.pk})
    ).content.decode()
    assert "Ola, a former member" in page
    assert records.meeting_records(circle.group)[circle.reading.pk].attended == [
        "Ola",
        "a former member",
    ]


def test_a_group_left_with_no_other_facilitator_passes_to_its_longest_standing_member():
    """Handed over at the request, the group went back to them alone during the grace
    period: the purge never leaves it without a facilitator."""
    circle = make_circle()
    AccountDeletion.objects.create(
        user=circle.facilitator, purge_after=timezone.now(), comments="keep"
    )
    purge_due()
    assert list(
        Membership.objects.filter(group=circle.group, role=Role.FACILITATOR).values_list(
            "user", flat=True
        )
    ) == [circle.member.pk]


def test_the_scrub_takes_whole_names_handles_and_emails_and_leaves_other_words():
    identity = Identity(
        user=None, names=("Rosa Lux", "Al"), handles=("rosa", "jo"), emails=("r@x.example",)
    )
    text = (
        '<a href="/g/members/#member-7" class="mention">@rosa</a> and @Rosa, rosa, @jo: '
        "Rosa Lux wrote to r@x.example. Rosalind, al, Al and jo stay; so do @rosalind and @joe."
    )
    assert identity.scrub(text) == (
        "@former-member and @former-member, former-member, @former-member: "
        "a former member wrote to former-member. Rosalind, al, Al and jo stay; so do @rosalind "
        "and @joe."
    )
