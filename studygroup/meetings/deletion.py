"""The meetings' eraser for "Delete my account" (studygroup/accounts/deletion.py): records and
handover notes that name the member are rewritten. RSVPs, reminders, the rota and attendance
hang on the membership and go with it; a handover note they wrote stays, from "a former
member"."""

from __future__ import annotations

from studygroup.accounts.deletion import Identity
from studygroup.meetings.models import HandoverNote, Meeting


def erase(identity: Identity, keep_comments: bool) -> None:
    identity.scrub_rows(Meeting, ["decisions", "decisions_html"])
    identity.scrub_rows(HandoverNote, ["body", "html"])
