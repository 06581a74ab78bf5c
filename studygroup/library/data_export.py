"""The library's part of "Download my data" (studygroup/accounts/data_export.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from studygroup.accounts.data_export import Part, register, rows
from studygroup.library.models import CuratorEdit, Question, Text


def _library(user) -> dict:
    return {
        "texts_imported": rows(
            Text.objects.filter(imported_by=user).order_by("pk"), "id", "title", "author"
        ),
        "questions_proposed": rows(
            Question.objects.filter(proposed_by=user).order_by("pk"),
            "id",
            "body",
            "status",
            "created_at",
            "reading__title",
            "group__name",
        ),
        "curator_edits": rows(
            CuratorEdit.objects.filter(edited_by=user).order_by("pk"),
            "text__title",
            "target",
            "old_value",
            "new_value",
            "edited_at",
        ),
    }


def register_parts() -> None:
    register(
        Part(
            name="library",
            about=lambda: _(
                "Texts you imported, discussion questions you proposed and, if you are a "
                "curator, the corrections you made to texts."
            ),
            covers=(
                "library.Text.imported_by",
                "library.Question.proposed_by",
                "library.CuratorEdit.edited_by",
            ),
            build=_library,
        )
    )
