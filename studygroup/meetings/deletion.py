"""The meetings' eraser for "Delete my account" (studygroup/accounts/deletion.py).

Records and handover notes that name the member are rewritten. RSVPs, reminders and places
on the rota hang on the membership and go with it; a meeting they attended still counts them,
as "a former member"; a handover note they wrote stays, from "a former member"."""

from __future__ import annotations

from django.db.models import F

from studygroup.accounts.deletion import Identity
from studygroup.cache import bump_rows_on_commit
from studygroup.meetings.models import HandoverNote, Meeting


def erase(identity: Identity, keep_comments: bool) -> None:
    attended = Meeting.objects.filter(attended__user=identity.user)
    bump_rows_on_commit(Meeting, attended)
    attended.update(former_attendees=F("former_attendees") + 1)
    identity.scrub_rows(Meeting, ["decisions", "decisions_html"])
    identity.scrub_rows(HandoverNote, ["body", "html"])
