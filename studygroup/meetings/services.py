"""Writes: RSVPs, the rota, records and handover notes. Keyword-only, atomic."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from studygroup.discussion.rendering import render_markdown
from studygroup.groups.models import Membership, ReadingGroup
from studygroup.groups.timeline import Week
from studygroup.library.models import Question
from studygroup.meetings import rota
from studygroup.meetings.models import MAX_FACILITATORS, HandoverNote, Meeting, Rsvp


class MeetingError(ValueError):
    """A change that cannot be made; the message says why, to the person who tried."""


def meeting_for(*, group: ReadingGroup, week: Week) -> Meeting:
    """The week's Meeting row, made on first use."""
    meeting, _created = Meeting.objects.get_or_create(group=group, reading=week.reading)
    return meeting


@transaction.atomic
def answer(*, membership: Membership, week: Week, answer: str) -> Rsvp:
    """The member's answer for the week's meeting, on its current date."""
    if answer not in Rsvp.Answer.values:
        raise MeetingError(_("Choose coming, maybe or not coming."))
    if week.is_past:
        raise MeetingError(_("This meeting has already taken place."))
    meeting = meeting_for(group=membership.group, week=week)
    rsvp, _created = Rsvp.objects.update_or_create(
        meeting=meeting,
        membership=membership,
        defaults={"answer": answer, "for_date": week.date},
    )
    return rsvp


def _group_members(group: ReadingGroup, ids: Sequence[int]) -> list[Membership]:
    members = list(Membership.objects.filter(group=group, pk__in=list(ids)))
    if len(members) != len(set(ids)):
        raise MeetingError(_("Choose facilitators from the group's members."))
    return members


@transaction.atomic
def set_facilitators(*, group: ReadingGroup, week: Week, membership_ids: Sequence[int]) -> Meeting:
    """Who facilitates the week's meeting: nobody, one member or a pair."""
    ids = list(dict.fromkeys(membership_ids))
    if len(ids) > MAX_FACILITATORS:
        raise MeetingError(_("A meeting has one facilitator or a pair."))
    members = _group_members(group, ids)
    meeting = meeting_for(group=group, week=week)
    meeting.facilitators.set(members)
    return meeting


@transaction.atomic
def fill_in_turn(
    *, group: ReadingGroup, weeks: Sequence[Week], current: dict[int, list[int]], volunteers
) -> int:
    """Give each week without a facilitator the next volunteer in turn; how many were filled.

    `current` maps reading ids to the facilitators' membership ids as the page showed them;
    `weeks` are the upcoming ones, in date order, and `volunteers` membership ids.
    """
    people = [m.pk for m in _group_members(group, list(dict.fromkeys(volunteers)))]
    if not people:
        raise MeetingError(_("Tick at least one volunteer."))
    slots = [current.get(w.reading.pk, []) for w in weeks]
    filled = rota.fill_in_turn(slots, people)
    count = 0
    for week, before, after in zip(weeks, slots, filled, strict=True):
        if not before and after:
            meeting_for(group=group, week=week).facilitators.set(after)
            count += 1
    return count


@transaction.atomic
def save_record(
    *,
    meeting: Meeting,
    by,
    attended_ids: Sequence[int],
    decisions: str,
    question_ids: Sequence[int],
    allowed_questions: Sequence[Question],
) -> Meeting:
    """The meeting's record: who came, what was decided, which of the week's questions."""
    attended = _group_members(meeting.group, list(dict.fromkeys(attended_ids)))
    allowed = {q.pk: q for q in allowed_questions}
    if any(pk not in allowed for pk in question_ids):
        raise MeetingError(_("Choose questions from this week's."))
    meeting.decisions = decisions.strip()
    meeting.decisions_html = render_markdown(meeting.decisions) if meeting.decisions else ""
    meeting.recorded_by = by
    meeting.recorded_at = timezone.now()
    meeting.save(update_fields=["decisions", "decisions_html", "recorded_by", "recorded_at"])
    meeting.attended.set(attended)
    meeting.questions.set([allowed[pk] for pk in dict.fromkeys(question_ids)])
    return meeting


@transaction.atomic
def save_handover(*, meeting: Meeting, author, body: str) -> HandoverNote | None:
    """The author's handover note for the next facilitator; an empty body removes it."""
    body = body.strip()
    if not body:
        HandoverNote.objects.filter(meeting=meeting, author=author).delete()
        return None
    note, _created = HandoverNote.objects.update_or_create(
        meeting=meeting,
        author=author,
        defaults={"body": body, "html": render_markdown(body)},
    )
    return note
