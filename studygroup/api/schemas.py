"""What the API reads and writes, as typed schemas (they make the served OpenAPI document).

Every integer from a request passes `studygroup.params` (ids: `bounded_int`; page knobs:
`clamped_int`), and no string may carry a NUL character (PostgreSQL refuses them).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated

from django.conf import settings
from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator

from studygroup.params import bounded_int, clamped_int

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
# Pages of comments are read newest first from the top: how far down a client may go.
MAX_OFFSET = 10_000


def _id(value: object) -> int:
    number = bounded_int(value, minimum=1)
    if number is None:
        raise ValueError("not an id: a whole number from 1 to 2**63 - 1")
    return number


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("NUL characters are not allowed")
    return value


Id = Annotated[int, BeforeValidator(_id)]
Text = Annotated[str, AfterValidator(_no_nul)]
Limit = Annotated[
    int,
    BeforeValidator(lambda v: clamped_int(v, default=DEFAULT_LIMIT, minimum=1, maximum=MAX_LIMIT)),
]
Offset = Annotated[
    int, BeforeValidator(lambda v: clamped_int(v, default=0, minimum=0, maximum=MAX_OFFSET))
]


class PageParams(Schema):
    limit: Limit = Field(DEFAULT_LIMIT, description=f"Items per page, 1 to {MAX_LIMIT}.")
    offset: Offset = Field(0, description="Items to skip.")


class Error(Schema):
    detail: str
    code: str = ""


class FieldError(Schema):
    loc: list[str | int] = Field(description='Where, e.g. ["body", "data", "parent"].')
    msg: str
    type: str


class FieldErrors(Schema):
    """422: the request is malformed; every wrong field is listed."""

    detail: list[FieldError]


# --- Reads -------------------------------------------------------------------------


class ReadingOut(Schema):
    id: int
    number: int
    title: str
    words: int
    minutes: int


class TextOut(Schema):
    slug: str
    title: str
    author: str
    language: str
    is_public: bool
    words: int


class TextDetail(TextOut):
    source: str
    readings: list[ReadingOut]


class TextPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[TextOut]


class GroupOut(Schema):
    slug: str
    name: str
    description: str
    is_public: bool
    timezone: str
    meeting_weekday: int = Field(description="0 is Monday.")
    meeting_time: time
    meeting_minutes: int
    my_role: str | None = Field(description="member, facilitator, or null for a non-member.")


class GroupPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[GroupOut]


class WeekOut(Schema):
    reading: ReadingOut
    text: str = Field(description="The text's slug.")
    date: date
    starts_at: datetime
    ends_at: datetime
    is_past: bool
    is_current: bool
    done: int = Field(description="Members who marked the week done.")
    members: int
    done_by_me: bool


class SchedulePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[WeekOut]


class QuestionOut(Schema):
    id: int
    body: str
    status: str
    curated: bool = Field(description="Shared by every group reading the week.")


class AuthorOut(Schema):
    name: str
    handle: str


class ReactionOut(Schema):
    kind: str
    count: int
    mine: bool


class CommentOut(Schema):
    id: int
    parent_id: int | None
    author: AuthorOut | None = Field(description="null once the comment is deleted.")
    html: str | None = Field(
        description="Sanitised HTML; null when deleted, or hidden and not yours to read."
    )
    quote: str
    created_at: datetime
    edited_at: datetime | None
    deleted: bool
    hidden: bool
    locked: bool
    paragraph_id: int | None
    question_id: int | None
    reactions: list[ReactionOut]
    can_edit: bool
    can_delete: bool
    replies: list[CommentOut] = []


class CommentPage(Schema):
    count: int = Field(description="Top-level comments in the week's discussion.")
    limit: int
    offset: int
    items: list[CommentOut]


class MeOut(Schema):
    handle: str
    name: str


# --- Writes ------------------------------------------------------------------------


class CommentIn(Schema):
    body: Text = Field(description=f"Markdown, up to {settings.COMMENT_MAX_LENGTH} characters.")
    parent: Id | None = Field(None, description="The comment this replies to.")
    paragraph: Id | None = Field(None, description="Anchor a new thread to a passage.")
    question: Id | None = Field(None, description="File a new thread under a question.")
    quote: Text = Field("", max_length=2000)
    client_token: Text = Field(
        "", max_length=64, description="Send the same one again and get the first comment back."
    )


class CommentEdit(Schema):
    body: Text


class ReactionIn(Schema):
    kind: Text


class ReactionState(Schema):
    kind: str
    on: bool


class DoneIn(Schema):
    done: bool


class DoneOut(Schema):
    reading: int
    done: bool
