"""Exports: a group's discussion (one week or all of it) and a member's own comments.

Two shapes of the same data:

* **Markdown**, to read: meeting notes with the group, the text, each week's title, date and
  questions, then the threads as nested lists (authors, dates, quoted passages as block quotes,
  paragraph anchors as `On: “first words…”`). Hidden comments read `[hidden by the
  facilitators]`, deleted ones `[deleted]`.
* **JSON**, to keep: everything, with ids, so nothing is lost in a backup.

Who may export is decided by the views through `policy.py`; this module only reads and
formats. Loading costs a fixed number of queries (see `load_group_export`,
`load_member_export`); formatting is plain Python over what was loaded.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext

from studygroup import policy
from studygroup.accounts.models import User
from studygroup.discussion.models import (
    Comment,
    CommentRevision,
    ModerationEntry,
    QuestionDiscussed,
    Reaction,
)
from studygroup.discussion.threads import Node, build_tree
from studygroup.groups.models import Membership, ReadingGroup
from studygroup.groups.timeline import Week, load_timeline
from studygroup.library.models import Question, Reading
from studygroup.library.readings import curated_homes

FORMAT_VERSION = 1

# Meeting records belong to the meetings app, which sits above discussion (imports run one
# way): it registers its loader here when it is ready. `(group, reading ids or None)` → {reading
# id: record with .attended, .decisions, .question_ids}.
_meeting_records: Callable[..., dict] = lambda group, reading_ids: {}  # noqa: E731


def register_meeting_records(source: Callable[..., dict]) -> None:
    global _meeting_records
    _meeting_records = source


HIDDEN = gettext_lazy("[hidden by the facilitators]")
DELETED = gettext_lazy("[deleted]")
ON_WORDS = 8

# --- Loading ---------------------------------------------------------------------------------


def _comments() -> Any:
    """Comments with their authors and the text of the paragraph they point at (no join fan-out)."""
    return Comment.objects.select_related("author", "reading__text").annotate(
        paragraph_text=F("paragraph__text")
    )


def reaction_counts(comments: Any) -> dict[int, dict[str, int]]:
    """Reactions per comment and kind, aggregated by the database (one query)."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        Reaction.objects.filter(comment__in=comments.values("pk"))
        .values_list("comment_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for comment_id, kind, n in rows:
        counts[comment_id][kind] = n
    return counts


@dataclass
class WeekNotes:
    """One week in an export: its date (None when it is no longer on the schedule)."""

    reading: Reading
    week: Week | None
    questions: list[Question] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    record: Any = None  # the meeting's, once a facilitator wrote it

    @property
    def approved_questions(self) -> list[Question]:
        return [q for q in self.questions if q.status == Question.Status.APPROVED]


@dataclass
class GroupExport:
    group: ReadingGroup
    weeks: list[WeekNotes]
    reactions: dict[int, dict[str, int]]
    discussed: set[int]
    exported_at: datetime
    adoptions: list = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    moderation: list[ModerationEntry] = field(default_factory=list)
    only_week: bool = False

    @property
    def shown_weeks(self) -> list[WeekNotes]:
        """What the notes show: past weeks, this week, and any week with comments."""
        if self.only_week:
            return self.weeks
        return [
            n
            for n in self.weeks
            if n.comments or n.week is None or n.week.is_past or n.week.is_current
        ]

    @property
    def comments(self) -> list[Comment]:
        return [c for w in self.weeks for c in w.comments]

    @property
    def questions(self) -> list[Question]:
        return [q for w in self.weeks for q in w.questions]


class NotOnSchedule(LookupError):
    """The reading asked for is not one of the group's dated weeks."""


def load_group_export(
    group: ReadingGroup,
    *,
    reading_id: int | None = None,
    full: bool = False,
    today: date | None = None,
) -> GroupExport:
    """The group's discussion, or one week's, in a fixed number of queries.

    Timeline (2: adoptions with texts, readings), the group weeks curated questions land in
    (2, `readings.curated_homes`), questions (1), discussed marks (1), comments
    with authors, readings and anchored paragraphs (1), reaction counts (1), meeting
    records (3); with `full` (for
    JSON) also memberships (1) and the moderation log (1).

    Weeks come in schedule order, then any reading that has comments but left the schedule.
    """
    timeline = load_timeline(group, today=today, with_sections=False, with_progress=False)
    weeks = timeline.weeks
    if reading_id is not None:
        weeks = [w for w in weeks if w.reading.pk == reading_id]
        if not weeks:
            raise NotOnSchedule(reading_id)
    for week in weeks:
        week.reading.text = week.adoption.text
    reading_ids = [w.reading.pk for w in weeks]

    # Curated questions hang on curated weeks: each goes with the group week it lands in.
    homes = {pk: home.pk for pk, home in curated_homes([w.reading for w in weeks]).items()}
    questions = list(
        Question.objects.filter(Q(group__isnull=True) | Q(group=group))
        .filter(
            Q(reading_id__in=reading_ids if reading_id is not None else _adopted(group))
            | Q(group__isnull=True, reading_id__in=list(homes))
        )
        .select_related("proposed_by")
        .order_by("reading_id", "position", "pk")
    )
    discussed = set(
        QuestionDiscussed.objects.filter(group=group, question__in=[q.pk for q in questions])
        .values_list("question_id", flat=True)
        .order_by()
    )
    scope = Q(group=group) if reading_id is None else Q(group=group, reading_id=reading_id)
    comments = list(_comments().filter(scope).order_by("path"))
    reactions = reaction_counts(Comment.objects.filter(scope))

    notes = {w.reading.pk: WeekNotes(reading=w.reading, week=w) for w in weeks}
    for comment in comments:
        if comment.reading_id not in notes:  # its week left the schedule
            notes[comment.reading_id] = WeekNotes(reading=comment.reading, week=None)
        notes[comment.reading_id].comments.append(comment)
    for question in questions:
        week_id = homes.get(question.reading_id, question.reading_id)
        if week_id in notes:
            notes[week_id].questions.append(question)
    for record_reading, record in _meeting_records(
        group, [reading_id] if reading_id is not None else None
    ).items():
        if record_reading in notes:
            notes[record_reading].record = record
    export = GroupExport(
        group=group,
        weeks=list(notes.values()),
        reactions=reactions,
        discussed=discussed,
        exported_at=timezone.now(),
        adoptions=timeline.adoptions,
        only_week=reading_id is not None,
    )
    if full:
        export.memberships = list(
            group.memberships.select_related("user").order_by("role", "user__display_name")
        )
        log = ModerationEntry.objects.filter(group=group).select_related("actor", "subject")
        if reading_id is not None:
            log = log.filter(comment__reading_id=reading_id)
        export.moderation = list(log.order_by("created_at", "pk"))
    return export


def _adopted(group: ReadingGroup) -> Any:
    return Reading.objects.of_group(group).values("pk")


@dataclass
class MemberExport:
    user: User
    comments: list[Comment]
    reactions: dict[int, dict[str, int]]
    revisions: dict[int, list[CommentRevision]]
    exported_at: datetime


def load_member_export(user: User) -> MemberExport:
    """Every comment the user wrote, in every group, with its earlier versions (three queries).

    Their own words, hidden ones included; deleted ones are tombstones (the text is gone).
    """
    mine = Comment.objects.filter(author=user)
    comments = list(
        _comments()
        .filter(author=user)
        .select_related("group")
        .order_by("group__name", "group_id", "reading__text__title", "reading__number", "path")
    )
    revisions: dict[int, list[CommentRevision]] = defaultdict(list)
    for revision in CommentRevision.objects.filter(comment__author=user).order_by(
        "comment_id", "created_at"
    ):
        revisions[revision.comment_id].append(revision)
    return MemberExport(
        user=user,
        comments=comments,
        reactions=reaction_counts(mine),
        revisions=revisions,
        exported_at=timezone.now(),
    )


# --- Markdown --------------------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>"})


def md_inline(text: str) -> str:
    """Plain text made safe inside a Markdown line: one line, specials escaped."""
    return " ".join(str(text).split()).translate(_MD_SPECIAL)


def first_words(text: str, n: int = ON_WORDS) -> str:
    words = str(text).split()
    return " ".join(words[:n]) + ("…" if len(words) > n else "")


def _when(moment: datetime, group: ReadingGroup) -> str:
    return date_format(timezone.localtime(moment, group.tz), "D j M Y, H:i")


def _indent(lines: Iterable[str], prefix: str) -> list[str]:
    return [prefix + line if line.strip() else "" for line in lines]


def _reactions_text(counts: dict[str, int]) -> str:
    # In the kinds' own order, whatever order the database returned the counts in.
    parts = [f"{counts[k]} {label.lower()}" for k, label in Reaction.Kind.choices if counts.get(k)]
    return ", ".join(parts)


def _author(comment: Comment) -> str:
    return md_inline(comment.author.name) if comment.author else gettext("A former member")


def comment_block(
    comment: Comment,
    group: ReadingGroup,
    *,
    reactions: dict[str, int] | None = None,
    question_numbers: dict[int, int] | None = None,
    replying_to: Comment | None = None,
    own: bool = False,
    show_anchor: bool = True,
) -> list[str]:
    """A comment's lines, unindented: a header line, then its blocks separated by blank lines.

    `own` (a member's own export) keeps the words of a hidden comment and says it was hidden.
    Replies share their thread's anchor: `show_anchor=False` leaves the "On:" line out.
    """
    if comment.is_deleted:
        header = f"{DELETED} · {_when(comment.created_at, group)}"
        return [header]
    withheld = not own and not policy.may_leave_the_site(comment)
    header = [f"**{_author(comment)}**" if not own else "", _when(comment.created_at, group)]
    if comment.edited_at:
        header.append(pgettext("a comment was", "edited"))
    if replying_to is not None:
        whom = gettext("a deleted comment") if replying_to.is_deleted else _author(replying_to)
        header.append(gettext("replying to %(whom)s") % {"whom": whom})
    number = (question_numbers or {}).get(comment.question_id or 0)
    if number:
        header.append(gettext("on question %(number)s") % {"number": number})
    if reactions and (text := _reactions_text(reactions)):
        header.append(text)
    lines = [" · ".join(h for h in header if h)]
    if withheld:
        lines.append(str(HIDDEN))
    elif comment.is_hidden:
        lines.append(gettext("%(hidden)s (only you see the text below)") % {"hidden": HIDDEN})
    paragraph_text = getattr(comment, "paragraph_text", None)
    if paragraph_text and show_anchor and not withheld:
        lines.append(gettext("On: “%(words)s”") % {"words": md_inline(first_words(paragraph_text))})
    if len(lines) > 1:  # a hard line break keeps the header on its own line
        lines[0] += "  "
    if withheld:
        return lines
    if comment.quote.strip():
        lines.append("")
        lines.extend(("> " + line).rstrip() for line in comment.quote.strip().splitlines())
    lines.append("")
    lines.extend(comment.body.strip().splitlines())
    return lines


def _thread_lines(
    nodes: list[Node], export: GroupExport, question_numbers: dict[int, int], level: int = 0
) -> list[str]:
    lines: list[str] = []
    pad = "  " * level
    for node in nodes:
        block = comment_block(
            node.comment,
            export.group,
            reactions=export.reactions.get(node.comment.pk),
            question_numbers=question_numbers,
            replying_to=node.replying_to,
            show_anchor=node.comment.parent_id is None,
        )
        lines.append(f"{pad}- {block[0]}")
        lines.extend(_indent(block[1:], pad + "  "))
        lines.append("")
        if node.children:
            lines.extend(_thread_lines(node.children, export, question_numbers, level + 1))
    return lines


def week_heading(notes: WeekNotes) -> str:
    reading = notes.reading
    return gettext("%(text)s, week %(number)s: %(title)s") % {
        "text": md_inline(reading.text.title),
        "number": reading.number,
        "title": md_inline(reading.title),
    }


def group_markdown(export: GroupExport) -> str:
    group = export.group
    tz = group.timezone
    weeks = export.shown_weeks
    texts = list(dict.fromkeys(w.reading.text.title for w in weeks))
    title = "# " + gettext("%(group)s: discussion notes") % {"group": md_inline(group.name)}
    if export.only_week and weeks:
        title = f"# {md_inline(group.name)}: {week_heading(weeks[0])}"
    out = [title, ""]
    if texts:
        out.append(
            gettext("Reading: %(texts)s") % {"texts": ", ".join(md_inline(t) for t in texts)} + "  "
        )
    out.append(
        gettext("Exported %(when)s · times in %(zone)s")
        % {"when": _when(export.exported_at, group), "zone": tz}
    )
    out.append("")
    if not weeks:
        out.extend([gettext("Nothing has been discussed yet."), ""])
    for notes in weeks:
        out.extend(["---", "", f"## {week_heading(notes)}", ""])
        if notes.week is not None:
            meeting = date_format(
                timezone.localtime(notes.week.starts_at, group.tz), "l j F Y, H:i"
            )
            out.extend(
                [gettext("Meeting: %(when)s (%(zone)s)") % {"when": meeting, "zone": tz}, ""]
            )
        else:
            out.extend([gettext("No longer on the schedule."), ""])
        questions = notes.approved_questions
        numbers = {q.pk: i for i, q in enumerate(questions, start=1)}
        if questions:
            out.extend(["### " + gettext("Questions"), ""])
            discussed = gettext("discussed")
            for i, q in enumerate(questions, start=1):
                done = f" *({discussed})*" if q.pk in export.discussed else ""
                out.append(f"{i}. {md_inline(q.body)}{done}")
            out.append("")
        if notes.record is not None:
            out.extend(_record_lines(notes.record, numbers))
        out.extend(["### " + gettext("Discussion"), ""])
        roots = build_tree(notes.comments)
        if roots:
            out.extend(_thread_lines(roots, export, numbers))
        else:
            out.extend([gettext("No comments."), ""])
    return "\n".join(out).rstrip() + "\n"


def _record_lines(record: Any, numbers: dict[int, int]) -> list[str]:
    """The meeting's record: who came, what was decided, which questions (by number)."""
    out = ["### " + gettext("Meeting record"), ""]
    came = ", ".join(md_inline(name) for name in record.attended) or gettext("nobody recorded")
    out.append(gettext("Came: %(names)s") % {"names": came} + "  ")
    asked = [f"{numbers[pk]}" for pk in record.question_ids if pk in numbers]
    out.append(
        gettext("Questions discussed: %(numbers)s")
        % {"numbers": ", ".join(asked) if asked else gettext("none recorded")}
    )
    out.append("")
    if record.decisions:
        out.extend([gettext("Decided:"), "", record.decisions, ""])
    return out


def member_markdown(export: MemberExport) -> str:
    user = export.user
    out = [
        "# "
        + gettext("Comments by %(name)s (@%(handle)s)")
        % {"name": md_inline(user.name), "handle": md_inline(user.username)},
        "",
        ngettext(
            "Exported %(when)s · %(count)d comment. Times are in each group's own time zone.",
            "Exported %(when)s · %(count)d comments. Times are in each group's own time zone.",
            len(export.comments),
        )
        % {
            "when": date_format(timezone.localtime(export.exported_at), "D j M Y, H:i T"),
            "count": len(export.comments),
        },
        "",
    ]
    if not export.comments:
        out.extend([gettext("You have not written any comments yet."), ""])
    current_group = current_reading = None
    for comment in export.comments:
        if comment.group_id != current_group:
            current_group, current_reading = comment.group_id, None
            out.extend(["---", "", f"## {md_inline(comment.group.name)}", ""])
        if comment.reading_id != current_reading:
            current_reading = comment.reading_id
            reading = comment.reading
            out.extend(
                [
                    "### "
                    + gettext("%(text)s, week %(number)s: %(title)s")
                    % {
                        "text": md_inline(reading.text.title),
                        "number": reading.number,
                        "title": md_inline(reading.title),
                    },
                    "",
                ]
            )
        block = comment_block(
            comment, comment.group, reactions=export.reactions.get(comment.pk), own=True
        )
        reply = " · " + gettext("a reply") if comment.parent_id else ""
        out.append(f"- {block[0]}{reply}")
        out.extend(_indent(block[1:], "  "))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# --- JSON ------------------------------------------------------------------------------------


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _person(user: User | None) -> dict[str, str] | None:
    if user is None:
        return None
    return {"username": user.username, "display_name": user.name}


def _comment_json(comment: Comment, reactions: dict[str, int] | None) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "parent_id": comment.parent_id,
        "path": comment.path,
        "depth": comment.depth,
        "reading_id": comment.reading_id,
        "question_id": comment.question_id,
        "section_id": comment.section_id,
        "paragraph_id": comment.paragraph_id,
        "paragraph_start": first_words(comment.paragraph_text)
        if getattr(comment, "paragraph_text", None)
        else None,
        "author": _person(comment.author) if policy.can_see_comment_author(comment) else None,
        "created_at": _iso(comment.created_at),
        "edited_at": _iso(comment.edited_at),
        "deleted_at": _iso(comment.deleted_at),
        "is_hidden": comment.is_hidden,
        "is_locked": comment.is_locked,
        "quote": comment.quote,
        "body": comment.body,
        "reactions": {kind: (reactions or {}).get(kind, 0) for kind in Reaction.Kind.values},
    }


def _record_json(record: Any) -> dict[str, Any] | None:
    if record is None:
        return None
    return {
        "attended": record.attended,
        "decisions": record.decisions,
        "question_ids": record.question_ids,
        "recorded_by": record.recorded_by,
        "recorded_at": _iso(record.recorded_at),
    }


def group_json(export: GroupExport) -> dict[str, Any]:
    group = export.group
    return {
        "format": "studygroup.group-discussion",
        "version": FORMAT_VERSION,
        "exported_at": _iso(export.exported_at),
        "scope": "week" if export.only_week else "group",
        "group": {
            "id": group.pk,
            "slug": group.slug,
            "name": group.name,
            "description": group.description,
            "is_public": group.is_public,
            "timezone": group.timezone,
            "meeting_weekday": group.meeting_weekday,
            "meeting_time": group.meeting_time.isoformat(),
            "meeting_minutes": group.meeting_minutes,
            "location": group.location,
            "video_url": group.video_url,
            "created_at": _iso(group.created_at),
        },
        "members": [
            {**_person(m.user), "role": m.role, "joined_at": _iso(m.joined_at)}
            for m in export.memberships
        ],
        "schedule": {
            "adoptions": [
                {
                    "id": a.pk,
                    "position": a.position,
                    "text": {"slug": a.text.slug, "title": a.text.title, "author": a.text.author},
                    "start_date": _iso(a.start_date),
                    "skipped_dates": list(a.skipped_dates),
                }
                for a in export.adoptions
            ],
            "weeks": [
                {
                    "reading_id": n.reading.pk,
                    "text": n.reading.text.slug,
                    "number": n.reading.number,
                    "title": n.reading.title,
                    "date": _iso(n.week.date) if n.week else None,
                    "starts_at": _iso(n.week.starts_at) if n.week else None,
                    "record": _record_json(n.record),
                }
                for n in export.weeks
            ],
        },
        "questions": [
            {
                "id": q.pk,
                "reading_id": q.reading_id,
                "curated": q.group_id is None,
                "body": q.body,
                "position": q.position,
                "status": q.status,
                "discussed": q.pk in export.discussed,
                "proposed_by": _person(q.proposed_by),
                "created_at": _iso(q.created_at),
            }
            for q in export.questions
        ],
        "comments": [_comment_json(c, export.reactions.get(c.pk)) for c in export.comments],
        "moderation_log": [
            {
                "id": e.pk,
                "action": e.action,
                "actor": _person(e.actor),
                "comment_id": e.comment_id,
                "subject": _person(e.subject),
                "reason": e.reason,
                "created_at": _iso(e.created_at),
            }
            for e in export.moderation
        ],
    }


def member_json(export: MemberExport) -> dict[str, Any]:
    user = export.user
    comments = []
    for comment in export.comments:
        data = _comment_json(comment, export.reactions.get(comment.pk))
        data["group"] = {"slug": comment.group.slug, "name": comment.group.name}
        data["reading"] = {
            "text": comment.reading.text.slug,
            "text_title": comment.reading.text.title,
            "number": comment.reading.number,
            "title": comment.reading.title,
        }
        data["revisions"] = [
            {"body": r.body, "replaced_at": _iso(r.created_at)}
            for r in export.revisions.get(comment.pk, [])
        ]
        del data["author"]
        comments.append(data)
    return {
        "format": "studygroup.member-comments",
        "version": FORMAT_VERSION,
        "exported_at": _iso(export.exported_at),
        "user": {
            "username": user.username,
            "display_name": user.display_name,
            "email": user.email,
            "date_joined": _iso(user.date_joined),
        },
        "comments": comments,
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
