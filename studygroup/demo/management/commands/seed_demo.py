"""Seed a living demo: a sample text, readers, two groups and a discussion mid-flow.

Idempotent: every piece is looked up by a stable key first, so running it twice creates
nothing new. The sample text (demo/primer.txt) is our own prose, deliberately messy, and
goes through the real import pipeline.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from studygroup.accounts.models import EmailFrequency, User
from studygroup.discussion import moderation
from studygroup.discussion import services as discussion
from studygroup.groups import services as groups
from studygroup.groups import votes
from studygroup.groups.models import ReadingGroup, Role
from studygroup.groups.timeline import load_timeline
from studygroup.library.importing.formats import read_path
from studygroup.library.models import Question, Reading, Text
from studygroup.library.readings import generate_readings, reading_content
from studygroup.library.services import save_imported_text
from studygroup.meetings import records as meeting_records
from studygroup.meetings import services as meetings
from studygroup.site import absolute_url

PRIMER = Path(__file__).resolve().parents[2] / "primer.txt"
DEMO_PASSWORD = "studygroup-demo"
DEMO_USERS = [
    # email, display name, handle, site admin
    ("admin@example.org", "Ada Admin", "ada", True),
    ("facilitator@example.org", "Frances Okafor", "frances", False),
    ("rosa@example.org", "Rosa Lindqvist", "rosa", False),
    ("karl@example.org", "Karl Mendes", "karl", False),
    ("amina@example.org", "Amina Haddad", "amina", False),
    ("tomas@example.org", "Tomás Ruiz", "tomas", False),
]
PUBLIC_GROUP = "Tuesday Study Circle"
PRIVATE_GROUP = "Union Education Committee"
WEEKS = 6

QUESTIONS = {
    1: [
        "What does the author mean by saying difficulty is easier in company?",
        "Which of the traditions described in chapter 1 is closest to how our group began?",
    ],
    2: [
        "Which facilitation habits would help our group most, and which would feel forced?",
        "How should a group decide together when it cannot reach consensus?",
    ],
    3: [
        "What makes a text worth a group's time, by the primer's account?",
        "How many pages a week is right for us? What does the pacing section suggest?",
    ],
    4: [
        "Try the close-reading method on one paragraph. What did you notice?",
        "What does disagreement done well look like in practice?",
    ],
    5: ["How could we keep a shared record of our meetings?"],
    6: ["What would make our group easier to join for a newcomer?"],
}


class Command(BaseCommand):
    help = "Create the demo: users, the sample text, two groups and a lively discussion."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            users = self._users()
            text = self._text()
            self._questions(text)
            public = self._public_group(users, text)
            self._private_group(users, text)
        self.stdout.write(
            self.style.SUCCESS(f"Demo ready: “{text.title}”, read by “{public.name}”.")
        )
        login = absolute_url(reverse("account_login"))
        self.stdout.write(f"Sign in at {login} with any of these:")
        for email, name, _handle, admin in DEMO_USERS:
            role = (
                "site admin" if admin else ("facilitator" if "facilitator" in email else "member")
            )
            self.stdout.write(f"  {email:26} {DEMO_PASSWORD}   {name} ({role})")

    def _users(self) -> dict[str, User]:
        users = {}
        for email, name, handle, admin in DEMO_USERS:
            user, created = User.objects.get_or_create(
                email=email,
                defaults={
                    "username": handle,
                    "display_name": name,
                    "is_staff": admin,
                    "is_superuser": admin,
                    # A demo should not flood the console with notification emails.
                    "email_notifications": EmailFrequency.DAILY,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            # Demo addresses cannot receive mail: count them as verified, or nobody signs in.
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"primary": True, "verified": True}
            )
            users[handle] = user
        return users

    def _text(self) -> Text:
        data = PRIMER.read_bytes()
        checksum = hashlib.sha256(data).hexdigest()
        existing = Text.objects.filter(checksum=checksum).first()
        if existing:
            return existing
        parsed = read_path(PRIMER, max_bytes=settings.IMPORT_MAX_BYTES)
        text = save_imported_text(
            parsed=parsed,
            filename=PRIMER.name,
            checksum=checksum,
            author="The studygroup Collective",
            tags=["study circles", "method", "demo"],
        ).text
        text.source = "Written for the studygroup demo. CC BY-SA 4.0."
        text.save(update_fields=["source"])
        generate_readings(text, weeks=WEEKS)
        return text

    def _questions(self, text: Text) -> None:
        for reading in text.readings.curated():
            for position, body in enumerate(QUESTIONS.get(reading.number, [])):
                Question.objects.get_or_create(
                    reading=reading, group=None, body=body, defaults={"position": position}
                )

    def _public_group(self, users: dict[str, User], text: Text) -> ReadingGroup:
        group = ReadingGroup.objects.filter(name=PUBLIC_GROUP).first()
        if group:
            return group
        today = timezone.localdate()
        # Meetings on Tuesdays; three of the six weeks are behind us.
        last_tuesday = today - timedelta(days=(today.weekday() - 1) % 7)
        group = groups.create_group(
            creator=users["frances"],
            name=PUBLIC_GROUP,
            description=(
                "An open study circle reading one text a term, a chapter or so a week. "
                "Newcomers welcome: read along, ask anything."
            ),
            is_public=True,
            timezone_name="Europe/London",
            meeting_weekday=1,
            location="Community library, room 2 — and online",
            video_url="https://meet.example.org/tuesday-circle",
        )
        for handle in ("rosa", "karl", "amina", "tomas"):
            groups.add_member(group=group, user=users[handle])
        adoption = groups.adopt_text(
            group=group, text=text, start_date=last_tuesday - timedelta(weeks=2)
        )
        readings = {r.number: r for r in adoption.readings.all()}
        memberships = {m.user.username: m for m in group.memberships.select_related("user")}
        done = {
            1: ["frances", "rosa", "karl", "amina"],
            2: ["frances", "rosa", "karl"],
            3: ["rosa"],
        }
        for number, handles in done.items():
            for handle in handles:
                groups.set_done(membership=memberships[handle], reading=readings[number], done=True)
        self._discussion(group, users, readings[3], readings[2])
        self._meetings(group, memberships)
        groups.create_invitation(group=group, created_by=users["frances"], days=30)
        # What to read next: two proposals wait for Frances to open a vote.
        votes.propose(group=group, by=users["rosa"], title="Pedagogy of the Oppressed")
        votes.propose(
            group=group, by=users["karl"], title="The Making of the English Working Class"
        )
        return group

    def _meetings(self, group: ReadingGroup, memberships: dict) -> None:
        """A rota taken in turn, answers for the next meeting, last meeting's record and its
        facilitator's handover note."""
        weeks = load_timeline(group, with_sections=False, with_progress=False).weeks
        meetings.fill_in_turn(
            group=group,
            weeks=weeks,
            current={},
            volunteers=[memberships[h].pk for h in ("frances", "rosa", "karl", "amina")],
        )
        upcoming = [w for w in weeks if not w.is_past]
        past = [w for w in weeks if w.is_past]
        if upcoming:
            answers = {"rosa": "coming", "karl": "coming", "amina": "maybe", "tomas": "not_coming"}
            for handle, answer in answers.items():
                meetings.answer(membership=memberships[handle], week=upcoming[0], answer=answer)
        if past:
            last = meetings.meeting_for(group=group, week=past[-1])
            questions = list(meeting_records.week_questions(group, past[-1].reading)[:1])
            meetings.save_record(
                meeting=last,
                by=memberships["frances"].user,
                attended_ids=[memberships[h].pk for h in ("frances", "rosa", "karl", "amina")],
                decisions="Next week we try **close reading** on one paragraph, aloud.",
                question_ids=[q.pk for q in questions],
                allowed_questions=questions,
            )
            for facilitator in last.facilitators.select_related("user"):
                meetings.save_handover(
                    meeting=last,
                    author=facilitator.user,
                    body="We stopped at the second section. Start with Amina's question.",
                )

    def _discussion(self, group, users, week, last_week: Reading) -> None:
        paragraphs = [p for _section, ps in reading_content(week) for p in ps if p.kind == "prose"]
        first, second = paragraphs[1], paragraphs[min(4, len(paragraphs) - 1)]
        question = discussion.group_questions(group=group, reading=week).filter(group=None).first()

        def post(handle: str, body: str, **kwargs):
            return discussion.post_comment(
                author=users[handle], group=group, reading=week, body=body, **kwargs
            )

        opening = post(
            "rosa",
            "This passage names something I have felt in every group I've been part of: "
            "the text is hard *alone* and only gets easier once we read it aloud together.",
            paragraph=first,
            quote=first.text[:120],
        )
        reply = post(
            "karl",
            "Agreed. Though I wonder whether the author underrates how much preparation "
            "matters. @rosa, did your old group set pages in advance?",
            parent=opening,
        )
        answer = post(
            "rosa",
            "We did, but only loosely — a chapter, never a page count. It mostly worked.",
            parent=reply,
        )
        post(
            "frances",
            "Let's try the page-count approach for week 4 and compare at the meeting.",
            parent=answer,
        )
        edited = post(
            "amina",
            "The bit about choosing a text should come before the bit about pacing.",
            question=question,
        )
        discussion.edit_comment(
            comment=edited,
            body=(
                "The bit about choosing a text should come *before* the bit about pacing: "
                "you can't pace what you haven't chosen. (Edited to add the reason.)"
            ),
        )
        confused = post(
            "tomas",
            "I'm lost here. Is the author arguing *for* fixed roles or against them?",
            paragraph=second,
        )
        post(
            "frances",
            "Against fixed roles, I think: the point is that roles rotate. "
            "Shall we read it aloud on Tuesday?",
            parent=confused,
        )
        off_topic = post("karl", "Anyone selling tickets for Saturday's match? DM me.")
        moderation.hide_comment(
            actor=users["frances"],
            comment=off_topic,
            reason="Off topic for the reading; Karl, the noticeboard is the place for this.",
        )
        for handle, kind in (("karl", "agree"), ("amina", "insightful"), ("frances", "agree")):
            discussion.toggle_reaction(comment=opening, user=users[handle], kind=kind)
        discussion.toggle_reaction(comment=confused, user=users["rosa"], kind="confused")
        for handle in ("tomas", "amina"):
            discussion.toggle_paragraph_flag(group=group, paragraph=second, user=users[handle])
        discussion.post_comment(
            author=users["amina"],
            group=group,
            reading=last_week,
            body="Last week's section on rotating roles was the most useful for me.",
        )

    def _private_group(self, users: dict[str, User], text: Text) -> ReadingGroup:
        group = ReadingGroup.objects.filter(name=PRIVATE_GROUP).first()
        if group:
            return group
        group = groups.create_group(
            creator=users["karl"],
            name=PRIVATE_GROUP,
            description="Our branch's education committee. Members only.",
            is_public=False,
            timezone_name="Europe/London",
            meeting_weekday=3,
            location="Union office",
        )
        groups.add_member(group=group, user=users["rosa"])
        groups.add_member(group=group, user=users["frances"], role=Role.MEMBER)
        next_thursday = timezone.localdate() + timedelta(
            days=(3 - timezone.localdate().weekday()) % 7 or 7
        )
        groups.adopt_text(group=group, text=text, start_date=next_thursday)
        return group
