"""A populated site for admin tests: `populate(n)` adds n of every kind of row."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.utils import timezone

from studygroup.accounts.models import AccountDeletion, HandleHistory
from studygroup.discussion.models import (
    Comment,
    CommentRevision,
    ModerationEntry,
    Notification,
    ParagraphFlag,
    QuestionDiscussed,
    Reaction,
    Report,
)
from studygroup.groups.models import (
    Ballot,
    GroupUpload,
    Invitation,
    JoinRequest,
    Progress,
    Proposal,
    SpoilerReveal,
    Vote,
    VoteCast,
)
from studygroup.library.editing import edit_paragraph
from studygroup.library.models import PageStart, Paragraph, Reading
from tests.factories import add_member, adopt, make_group, make_question, make_text, make_user

_seq = itertools.count(1)


def comment(*, group, reading, author, body: str = "A thought.", parent=None) -> Comment:
    """A comment row as post_comment leaves it (path included), without its side effects."""
    made = Comment.objects.create(
        group=group, reading=reading, author=author, body=body, html=f"<p>{body}</p>", parent=parent
    )
    made.path = (f"{parent.path}/" if parent else "") + f"{made.pk:010d}"
    made.save(update_fields=["path"])
    return made


def populate(n: int) -> None:
    """n groups, each reading its own text with a full set of discussion rows."""
    for _ in range(n):
        k = next(_seq)
        facilitator = make_user()
        group = make_group(facilitator=facilitator, name=f"Circle {k}")
        member = add_member(group)
        adoption = adopt(group, weeks=2)
        adoption.text.tags.add(f"topic{k}", "shared")
        reading = Reading.objects.filter(text=adoption.text).order_by("number").first()
        reading.tags.add(f"week{k}")
        question = make_question(reading, body=f"Question {k}?")
        question.tags.add("shared")
        paragraph = Paragraph.objects.filter(section__text=adoption.text).first()
        edit_paragraph(paragraph, text=f"{paragraph.text} Corrected.", editor=facilitator)
        PageStart.objects.create(text=adoption.text, paragraph=paragraph, label=str(k))
        Invitation.objects.create(
            group=group, created_by=facilitator, expires_at=timezone.now() + timedelta(days=7)
        )
        JoinRequest.objects.create(group=group, user=make_user())
        Progress.objects.create(membership=member, reading=reading)
        SpoilerReveal.objects.create(membership=member, reading=reading)
        first = comment(group=group, reading=reading, author=member.user)
        reply = comment(group=group, reading=reading, author=facilitator, parent=first)
        CommentRevision.objects.create(comment=first, body="Before.", html="<p>Before.</p>")
        Reaction.objects.create(comment=first, user=facilitator, kind=Reaction.Kind.AGREE)
        ParagraphFlag.objects.create(group=group, paragraph=paragraph, user=member.user)
        Report.objects.create(comment=reply, reporter=member.user, reason="Off topic.")
        ModerationEntry.objects.create(
            group=group,
            actor=facilitator,
            action=ModerationEntry.Action.HIDE,
            comment=reply,
            reason="Off topic.",
        )
        Notification.objects.create(
            recipient=member.user,
            kind=Notification.Kind.REPLY,
            group=group,
            actor=facilitator,
            comment=reply,
            url="/",
        )
        QuestionDiscussed.objects.create(group=group, question=question, marked_by=facilitator)
        GroupUpload.objects.create(
            group=group, text=make_text(is_public=False), size=100, uploaded_by=facilitator
        )
        HandleHistory.objects.create(user=member.user, handle=f"before{k}")
        AccountDeletion.objects.create(
            user=member.user, purge_after=timezone.now(), comments=AccountDeletion.Comments.KEEP
        )
        vote = Vote.objects.create(group=group, opened_by=facilitator, closes_at=timezone.now())
        for title in ("One", "Two"):
            Proposal.objects.create(group=group, vote=vote, title=title, proposed_by=member.user)
        VoteCast.objects.create(vote=vote, user=member.user)
        Ballot.objects.create(vote=vote, ranking=[])
