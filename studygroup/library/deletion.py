"""The library's eraser for "Delete my account" (studygroup/accounts/deletion.py): questions
that name the member are rewritten; what they imported or proposed stays, unsigned."""

from __future__ import annotations

from studygroup.accounts.deletion import Identity
from studygroup.library.models import Question


def erase(identity: Identity, keep_comments: bool) -> None:
    identity.scrub_rows(Question, ["body"])
