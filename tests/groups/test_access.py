"""Who gets what: every group endpoint × every kind of user × private and public groups."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from studygroup.discussion import services
from studygroup.discussion.moderation import hide_comment
from studygroup.discussion.services import post_comment
from studygroup.groups import votes
from studygroup.groups.models import GroupUpload, Invitation, JoinRequest
from studygroup.groups.services import leave_group
from studygroup.library.models import Reading
from tests.builders import make_circle
from tests.factories import (
    add_member,
    make_group,
    make_question,
    make_readings,
    make_text,
    make_user,
)

pytestmark = pytest.mark.django_db

USERS = ["anonymous", "outsider", "member", "facilitator", "curator", "admin"]

# The single table. Columns follow USERS. 302 from an anonymous user is a redirect to sign in;
# 302 from anyone else is the success redirect of a form post. A curator (library staff, not
# a member) is an outsider to every group, except for curated questions.
EXPECTED = {
    # kind:        private                          public
    "view": ([404, 404, 200, 200, 404, 200], [200, 200, 200, 200, 200, 200]),
    "token": ([200, 200, 200, 200, 200, 200], [200, 200, 200, 200, 200, 200]),
    "gone_token": ([404, 404, 404, 404, 404, 404], [404, 404, 404, 404, 404, 404]),
    "manage_get": ([404, 404, 403, 200, 404, 200], [302, 403, 403, 200, 403, 200]),
    "manage_post": ([404, 404, 403, 302, 404, 302], [302, 403, 403, 302, 403, 302]),
    "participate": ([404, 404, 302, 302, 404, 403], [302, 403, 302, 302, 403, 403]),
    "participate_get": ([404, 404, 200, 200, 404, 403], [302, 403, 200, 200, 403, 403]),
    "participate_htmx": ([404, 404, 200, 200, 404, 403], [302, 403, 200, 200, 403, 403]),
    "request": ([404, 404, 403, 403, 404, 403], [302, 302, 403, 403, 302, 302]),
    # "@" suggestions list a group's members to those who write there: 404 to anyone else.
    "members_only": ([404, 404, 200, 200, 404, 200], [404, 404, 200, 200, 404, 200]),
    # A hidden comment's text: its author (not in the table) and facilitators only.
    "hidden_text": ([404, 404, 404, 200, 404, 200], [404, 404, 404, 200, 404, 200]),
    # Replying to a hidden comment: nobody may; outsiders learn no more than before.
    "hidden_reply": ([404, 404, 404, 404, 404, 403], [302, 403, 404, 404, 403, 403]),
    # A curated question is shared: curators change it (a site admin is one), not facilitators.
    "curated_post": ([404, 404, 403, 403, 404, 302], [302, 403, 403, 403, 403, 302]),
    # Rewording a curated question from a group page: curators (it is theirs), whoever sees it.
    "curated_reword": ([404, 404, 403, 403, 404, 302], [302, 403, 403, 403, 302, 302]),
    # A curated question is removed in the library, never from a group's page.
    "curated_delete": ([404, 404, 403, 403, 404, 403], [302, 403, 403, 403, 403, 403]),
    # A member's proposal, while it waits: its proposer and the facilitators; to everyone
    # else it does not exist.
    "proposal_post": ([404, 404, 302, 302, 404, 302], [302, 404, 302, 302, 404, 302]),
    # Opening a vote while one is open: facilitators get through to the form's message (400).
    "manage_form": ([404, 404, 403, 400, 404, 400], [302, 403, 403, 400, 403, 400]),
    # A group's own upload is private to the group, even when the group is public; curators
    # (library staff) see it to review and publish it.
    "group_text": ([404, 404, 200, 200, 200, 200], [404, 404, 200, 200, 200, 200]),
    # The group's own split: its facilitators (and site admins); members are told no, and
    # everyone outside the group gets 404, even for a public group.
    "split_get": ([404, 404, 403, 200, 404, 200], [302, 404, 403, 200, 404, 200]),
    "split_save": ([404, 404, 403, 302, 404, 302], [302, 404, 403, 302, 404, 302]),
    # A meeting's record and handover note: facilitators and the meeting's rota (not in the
    # table: the member here is not on it); meeting pages are for members only.
    "notes_get": ([404, 404, 403, 200, 404, 403], [302, 403, 403, 200, 403, 403]),
    "notes_post": ([404, 404, 403, 302, 404, 403], [302, 403, 403, 302, 403, 403]),
}


@dataclass
class World:
    group: object
    users: dict
    adoption: object
    reading: Reading
    invitation: Invitation
    join_request: JoinRequest
    extra_member: object
    other_text: object
    comment: object
    hidden: object
    own_question: object
    curated_question: object
    gone_token: str
    proposed_question: object = None  # the member's, waiting for a facilitator
    open_vote: object = None
    closed_vote: object = None  # won by a library text
    waiting_proposal: object = None  # the member's, for the next vote
    uploaded: object = None  # a text the group uploaded (GroupUpload), private to it


_builds = itertools.count()


def build(is_public: bool) -> World:
    """The discussion domain's circle (tests/builders.py), with what the group pages add."""
    circle = make_circle(
        is_public=is_public,
        suffix=f"-{next(_builds)}",  # a test may build two
        start_date=date(2030, 1, 1),
        weeks=3,
        curator=True,
    )
    group, facilitator, member = circle.group, circle.facilitator, circle.member
    extra = group.memberships.get(user=circle.other)
    adoption = group.adoptions.get()
    other = make_text(title="Another Text")
    make_readings(other)
    invitation = Invitation.objects.create(
        group=group, created_by=facilitator, expires_at="2099-01-01T00:00Z"
    )
    join_request = JoinRequest.objects.create(group=group, user=make_user())
    users = {kind: circle.users[kind] for kind in USERS}
    reading = adoption.readings.get(number=1)
    comment = post_comment(author=extra.user, group=group, reading=reading, body="Visible")
    services.edit_comment(comment=comment, body="Visible, edited")
    hidden = post_comment(author=extra.user, group=group, reading=reading, body="Hidden")
    services.edit_comment(comment=hidden, body="Hidden, edited")
    hide_comment(actor=facilitator, comment=hidden, reason="Off topic")
    gone = add_member(group)
    leave_group(group=group, user=gone.user)
    closed_vote, open_vote, waiting = build_votes(group, facilitator, member)
    return World(
        group=group,
        users=users,
        adoption=adoption,
        reading=reading,
        invitation=invitation,
        join_request=join_request,
        extra_member=extra,
        other_text=other,
        comment=comment,
        hidden=hidden,
        own_question=make_question(reading, body="Ours", group=group, status="approved"),
        curated_question=make_question(reading, body="Everyone's"),
        gone_token=gone.feed_token,
        proposed_question=make_question(
            reading, body="Mine?", group=group, status="proposed", proposed_by=member
        ),
        open_vote=open_vote,
        closed_vote=closed_vote,
        waiting_proposal=waiting,
        uploaded=GroupUpload.objects.create(
            group=group, text=make_text(title="Our Own", is_public=False), size=100
        ),
    )


def build_votes(group, facilitator, member):
    """A closed vote that a library text won, an open one, and a proposal for the next."""
    closes = timezone.now() + timedelta(days=7)
    winner = make_text(title="The Winner")
    make_readings(winner)
    votes.propose(group=group, by=member, text=winner)
    votes.propose(group=group, by=member, title="To import")
    closed = votes.open_vote(group=group, by=facilitator, closes_at=closes)
    votes.cast_ballot(vote=closed, user=member, ranking=[closed.candidates.first().pk])
    votes.close_vote(vote=closed, by=facilitator)
    votes.propose(group=group, by=member, title="Next A")
    votes.propose(group=group, by=facilitator, title="Next B")
    opened = votes.open_vote(group=group, by=facilitator, closes_at=closes)
    waiting = votes.propose(group=group, by=member, title="Later")
    votes.propose(group=group, by=facilitator, title="Later still")
    return closed, opened, waiting


def ballot(w: World) -> dict:
    return {f"rank-{w.open_vote.candidates.first().pk}": "1"}


def member_token(w: World) -> str:
    return w.group.memberships.get(user=w.users["member"]).feed_token


def url(name: str, w: World, **kwargs) -> str:
    return reverse(f"groups:{name}", kwargs={"slug": w.group.slug, **kwargs})


def moderate(name: str, w: World, **kwargs) -> str:
    return reverse(f"moderation:{name}", kwargs={"slug": w.group.slug, **kwargs})


def talk(name: str, w: World, **kwargs) -> str:
    return reverse(f"discussion:{name}", kwargs={"slug": w.group.slug, **kwargs})


def meet(name: str, w: World, **kwargs) -> str:
    return reverse(f"meetings:{name}", kwargs={"slug": w.group.slug, **kwargs})


# (label, kind, method, url, data); callables take the World.
ENDPOINTS = [
    # Meetings: answers, the rota, records and handover notes.
    ("meetings", "participate_get", "get", lambda w: meet("list", w), None),
    (
        "meeting",
        "participate_get",
        "get",
        lambda w: meet("detail", w, reading=w.reading.pk),
        None,
    ),
    (
        "rsvp",
        "participate",
        "post",
        lambda w: meet("rsvp", w, reading=w.reading.pk),
        lambda w: {"answer": "coming"},
    ),
    (
        "rsvp_htmx",
        "participate_htmx",
        "post",
        lambda w: meet("rsvp", w, reading=w.reading.pk),
        lambda w: {"answer": "maybe"},
    ),
    ("rota", "manage_get", "get", lambda w: meet("rota", w), None),
    (
        "rota_post",
        "manage_post",
        "post",
        lambda w: meet("rota", w),
        lambda w: {f"week-{w.reading.pk}": w.extra_member.pk},
    ),
    (
        "rota_fill",
        "manage_post",
        "post",
        lambda w: meet("rota_fill", w),
        lambda w: {"volunteers": w.extra_member.pk},
    ),
    ("record_form", "notes_get", "get", lambda w: meet("record", w, reading=w.reading.pk), None),
    (
        "record",
        "notes_post",
        "post",
        lambda w: meet("record", w, reading=w.reading.pk),
        lambda w: {"decisions": "We go on."},
    ),
    (
        "handover_form",
        "notes_get",
        "get",
        lambda w: meet("handover", w, reading=w.reading.pk),
        None,
    ),
    (
        "handover",
        "notes_post",
        "post",
        lambda w: meet("handover", w, reading=w.reading.pk),
        lambda w: {"body": "Start at thesis two."},
    ),
    ("detail", "view", "get", lambda w: url("detail", w), None),
    ("members", "view", "get", lambda w: url("members", w), None),
    ("mention_suggestions", "members_only", "get", lambda w: url("mention_suggestions", w), None),
    ("feed", "view", "get", lambda w: url("feed", w), None),
    ("feed_token", "token", "get", lambda w: url("feed_token", w, token=member_token(w)), None),
    ("edit", "manage_get", "get", lambda w: url("edit", w), None),
    ("invitations", "manage_get", "get", lambda w: url("invitations", w), None),
    ("requests", "manage_get", "get", lambda w: url("requests", w), None),
    ("schedule", "manage_get", "get", lambda w: url("schedule", w), None),
    ("texts", "manage_get", "get", lambda w: url("texts", w), None),
    ("text_edit", "manage_get", "get", lambda w: url("text_edit", w, pk=w.uploaded.text_id), None),
    (
        "text_details",
        "manage_post",
        "post",
        lambda w: url("text_details", w, pk=w.uploaded.text_id),
        lambda w: {"title": "Renamed", "author": ""},
    ),
    (
        "text_fix",
        "manage_post",
        "post",
        lambda w: url("text_fix", w, pk=w.uploaded.text_id),
        lambda w: {"section": w.uploaded.text.sections.first().pk, "fix": "level 2"},
    ),
    # A token that is not (or no longer) the user's: facilitators are told it expired.
    (
        "upload_save",
        "manage_post",
        "post",
        lambda w: url("upload_save", w, token="not-mine"),
        lambda w: {"title": "", "author": ""},
    ),
    (
        "upload_fix",
        "manage_post",
        "post",
        lambda w: url("upload_fix", w, token="not-mine"),
        lambda w: {"section": 0, "fix": "rename", "title": "x"},
    ),
    ("upload_preview", "manage_post", "get", lambda w: url("upload_preview", w, token="x"), None),
    ("group_text", "group_text", "get", lambda w: w.uploaded.text.get_absolute_url(), None),
    (
        "group_text_reading",
        "group_text",
        "get",
        lambda w: reverse("library:readings", kwargs={"slug": w.uploaded.text.slug}),
        None,
    ),
    ("split_editor", "split_get", "get", lambda w: url("split", w, pk=w.adoption.pk), None),
    (
        "split_preview",
        "split_get",
        "post",
        lambda w: url("split", w, pk=w.adoption.pk),
        lambda w: {"action": "merge", "week": 1},
    ),
    (
        "split_save",
        "split_save",
        "post",
        lambda w: url("split", w, pk=w.adoption.pk),
        lambda w: {"action": "rename", "week": 1, "title": "Ours", "confirm": "1"},
    ),
    (
        "edit_post",
        "manage_post",
        "post",
        lambda w: url("edit", w),
        lambda w: {
            "name": "Renamed",
            "timezone": "UTC",
            "meeting_weekday": 2,
            "meeting_time": "18:30",
            "meeting_minutes": 60,
            "is_public": "on" if w.group.is_public else "",
        },
    ),
    ("feed_reset", "participate", "post", lambda w: url("feed_reset", w), None),
    (
        "invitation_create",
        "manage_post",
        "post",
        lambda w: url("invitation_create", w),
        lambda w: {"days": 7},
    ),
    (
        "invitation_email",
        "manage_post",
        "post",
        lambda w: url("invitation_email", w),
        lambda w: {"email": "new@example.org"},
    ),
    (
        "invitation_revoke",
        "manage_post",
        "post",
        lambda w: url("invitation_revoke", w, pk=w.invitation.pk),
        None,
    ),
    (
        "request_decide",
        "manage_post",
        "post",
        lambda w: url("request_decide", w, pk=w.join_request.pk),
        lambda w: {"decision": "approve"},
    ),
    (
        "adopt",
        "manage_post",
        "post",
        lambda w: url("adopt", w),
        lambda w: {"text": w.other_text.pk},
    ),
    (
        "skip",
        "manage_post",
        "post",
        lambda w: url("skip", w, pk=w.adoption.pk),
        lambda w: {f"a{w.adoption.pk}-date": "2030-01-08"},
    ),
    (
        "unskip",
        "manage_post",
        "post",
        lambda w: url("unskip", w, pk=w.adoption.pk),
        lambda w: {"date": "2030-01-08"},
    ),
    (
        "shift",
        "manage_post",
        "post",
        lambda w: url("shift", w, pk=w.adoption.pk),
        lambda w: {f"a{w.adoption.pk}-week": 2, f"a{w.adoption.pk}-weeks": 1},
    ),
    (
        "adoption_remove",
        "manage_post",
        "post",
        lambda w: url("adoption_remove", w, pk=w.adoption.pk),
        None,
    ),
    (
        "member_role",
        "manage_post",
        "post",
        lambda w: url("member_role", w, pk=w.extra_member.pk),
        lambda w: {"role": "facilitator"},
    ),
    # Removing a member: one reasoned, logged page (the moderation log's).
    (
        "member_remove_form",
        "manage_get",
        "get",
        lambda w: moderate("remove", w, user_id=w.extra_member.user_id),
        None,
    ),
    (
        "member_remove",
        "manage_post",
        "post",
        lambda w: moderate("remove", w, user_id=w.extra_member.user_id),
        lambda w: {"reason": "Spam"},
    ),
    (
        "progress",
        "participate",
        "post",
        lambda w: url("progress", w, reading=w.reading.pk),
        lambda w: {"done": "1"},
    ),
    (
        "progress_htmx",
        "participate_htmx",
        "post",
        lambda w: url("progress", w, reading=w.reading.pk),
        lambda w: {"done": "1"},
    ),
    (
        "progress_from_reading_page",
        "participate",
        "post",
        lambda w: url("progress", w, reading=w.reading.pk),
        lambda w: {"done": "1", "place": "reading"},
    ),
    (
        "progress_privacy",
        "participate",
        "post",
        lambda w: url("progress_privacy", w),
        lambda w: {"progress_visible": "on"},
    ),
    ("leave", "participate", "post", lambda w: url("leave", w), None),
    ("join", "request", "post", lambda w: url("join", w), lambda w: {"message": "Hi"}),
    # Secret feeds: a member's own token works for whoever holds it; a leaver's never.
    ("atom_token", "token", "get", lambda w: url("atom_token", w, token=member_token(w)), None),
    (
        "comments_atom_token",
        "token",
        "get",
        lambda w: url("comments_atom_token", w, token=member_token(w)),
        None,
    ),
    ("gone_feed", "gone_token", "get", lambda w: url("feed_token", w, token=w.gone_token), None),
    (
        "gone_atom",
        "gone_token",
        "get",
        lambda w: url("comments_atom_token", w, token=w.gone_token),
        None,
    ),
    # Discussion pages that can show a comment's text.
    ("history", "view", "get", lambda w: talk("history", w, pk=w.comment.pk), None),
    ("history_hidden", "hidden_text", "get", lambda w: talk("history", w, pk=w.hidden.pk), None),
    ("reply", "participate_get", "get", lambda w: talk("reply", w, pk=w.comment.pk), None),
    ("reply_hidden", "hidden_reply", "get", lambda w: talk("reply", w, pk=w.hidden.pk), None),
    # Question tags: the group's own question is its facilitators'; a curated one, curators'.
    (
        "own_question_tags",
        "manage_post",
        "post",
        lambda w: talk("question_action", w, pk=w.own_question.pk, action="tags"),
        lambda w: {"tags": "ours"},
    ),
    (
        "curated_question_tags",
        "curated_post",
        "post",
        lambda w: talk("question_action", w, pk=w.curated_question.pk, action="tags"),
        lambda w: {"tags": "retagged"},
    ),
    # Rewording and deleting questions (access.can_reword_question, can_delete_question).
    (
        "own_question_edit_form",
        "manage_get",
        "get",
        lambda w: talk("question_edit", w, pk=w.own_question.pk),
        None,
    ),
    (
        "own_question_edit",
        "manage_post",
        "post",
        lambda w: talk("question_edit", w, pk=w.own_question.pk),
        lambda w: {"body": "Ours, reworded"},
    ),
    (
        "own_question_delete",
        "manage_post",
        "post",
        lambda w: talk("question_delete", w, pk=w.own_question.pk),
        None,
    ),
    (
        "proposal_edit",
        "proposal_post",
        "post",
        lambda w: talk("question_edit", w, pk=w.proposed_question.pk),
        lambda w: {"body": "Mine, reworded?"},
    ),
    (
        "proposal_withdraw",
        "proposal_post",
        "post",
        lambda w: talk("question_delete", w, pk=w.proposed_question.pk),
        None,
    ),
    (
        "curated_question_edit",
        "curated_reword",
        "post",
        lambda w: talk("question_edit", w, pk=w.curated_question.pk),
        lambda w: {"body": "Everyone's, reworded"},
    ),
    # Choosing the next text together (vote_views.py).
    ("next_text", "view", "get", lambda w: url("next_text", w), None),
    ("vote_open_page", "view", "get", lambda w: url("vote", w, pk=w.open_vote.pk), None),
    ("vote_result_page", "view", "get", lambda w: url("vote", w, pk=w.closed_vote.pk), None),
    ("propose", "participate", "post", lambda w: url("propose", w), lambda w: {"title": "X"}),
    (
        "withdraw",
        "participate",
        "post",
        lambda w: url("withdraw", w, pk=w.waiting_proposal.pk),
        None,
    ),
    (
        "open_vote",
        "manage_form",
        "post",
        lambda w: url("open_vote", w),
        lambda w: {"closes_on": "2030-01-01", "closes_at": "20:00"},
    ),
    (
        "ballot_review",
        "participate_get",
        "post",
        lambda w: url("ballot", w, pk=w.open_vote.pk),
        ballot,
    ),
    (
        "ballot_cast",
        "participate",
        "post",
        lambda w: url("ballot", w, pk=w.open_vote.pk),
        lambda w: {**ballot(w), "step": "cast"},
    ),
    ("vote_close", "manage_post", "post", lambda w: url("vote_close", w, pk=w.open_vote.pk), None),
    # How long the group keeps its comments (policy.may_set_comment_retention).
    (
        "retention_set",
        "manage_post",
        "post",
        lambda w: reverse("retention:set", kwargs={"slug": w.group.slug}),
        lambda w: {"days": "90"},
    ),
    (
        "vote_adopt",
        "manage_post",
        "post",
        lambda w: url("vote_adopt", w, pk=w.closed_vote.pk),
        None,
    ),
    (
        "curated_question_delete",
        "curated_delete",
        "post",
        lambda w: talk("question_delete", w, pk=w.curated_question.pk),
        None,
    ),
]


@pytest.mark.parametrize("visibility", ["private", "public"])
@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize(
    ("label", "kind", "method", "make_url", "make_data"), ENDPOINTS, ids=[e[0] for e in ENDPOINTS]
)
def test_access_matrix(client, visibility, who, label, kind, method, make_url, make_data):
    w = build(is_public=visibility == "public")
    user = w.users[who]
    if user is not None:
        client.force_login(user)
    headers = {"HX-Request": "true"} if kind.endswith("htmx") else {}
    data = make_data(w) if make_data else {}
    response = getattr(client, method)(make_url(w), data, headers=headers)
    private, public = EXPECTED[kind]
    expected = (private if visibility == "private" else public)[USERS.index(who)]
    assert response.status_code == expected, (label, who, visibility)
    if expected == 302 and who == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))


def test_unknown_group_is_404(client):
    assert client.get("/groups/no-such-group/").status_code == 404


@pytest.mark.parametrize("who", USERS)
def test_group_list_shows_public_groups_and_mine_only(client, who):
    w = build(is_public=False)
    public = make_group(is_public=True, name="Open Circle")
    if w.users[who]:
        client.force_login(w.users[who])
    html = client.get(reverse("groups:list")).content.decode()
    assert public.name in html
    assert (w.group.name in html) == (who in {"member", "facilitator"})


def test_a_wrong_or_old_token_finds_no_feed(client):
    w = build(is_public=False)
    assert client.get(url("feed_token", w, token="guess")).status_code == 404
    other = make_group(facilitator=make_user())
    # A token only opens its own group's feed.
    theirs = other.memberships.get().feed_token
    assert client.get(url("feed_token", w, token=theirs)).status_code == 404


def test_objects_of_another_group_are_404_for_its_facilitator(client):
    w = build(is_public=True)
    mine = make_group(facilitator=w.users["facilitator"])
    client.force_login(w.users["facilitator"])
    for name, pk in [
        ("invitation_revoke", w.invitation.pk),
        ("request_decide", w.join_request.pk),
        ("skip", w.adoption.pk),
    ]:
        response = client.post(reverse(f"groups:{name}", kwargs={"slug": mine.slug, "pk": pk}))
        assert response.status_code == 404, name
    remove = moderate("remove", w, user_id=w.extra_member.user_id).replace(w.group.slug, mine.slug)
    assert client.post(remove, {"reason": "Spam"}).status_code == 404
    assert w.extra_member.user.memberships.filter(group=w.group).exists()
