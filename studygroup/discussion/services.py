"""Writes to the discussion, and the reads that build a thread in a constant number of queries.

Every write is keyword-only, typed and atomic. Like every service, these check no permissions:
callers ask `studygroup/policy.py` first. They enforce what holds whoever calls them: bodies
within the length limit, replies in the same thread and under the depth of a live parent, one
comment per form submission, the per-user posting rate, revisions on every edit, tombstones on
delete.

After each committed write the thread's *version* changes. The version lives in the shared
cache (the database or Redis, so every app process sees it); pollers compare it with theirs
and re-render only when it moved. What is derived from a version (rendered thread fragments,
the week's text with its comment markers) never goes stale under its key, so each process
keeps it in its own memory (`local_cache`): a write invalidates it all at once by moving the
version, a page view costs no shared-cache round trip for it, and a GET never writes to the
database, even when the shared cache is the database.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.cache import cache, caches
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from studygroup import cache as versions
from studygroup import policy, ratelimit
from studygroup.accounts.models import HandleHistory, User
from studygroup.discussion.models import (
    Comment,
    CommentRevision,
    ModerationEntry,
    ParagraphFlag,
    QuestionDiscussed,
    Reaction,
    Report,
)
from studygroup.discussion.notifications import (
    notify_comment_posted,
    notify_question_added,
    recount_for_comment_on_commit,
    unread_key,
)
from studygroup.discussion.rendering import find_mentions, render_markdown
from studygroup.discussion.threads import Node, build_tree, path_for
from studygroup.groups.models import ReadingGroup
from studygroup.library.models import Paragraph, Question, Reading
from studygroup.library.readings import reading_content, week_questions


class DiscussionError(ValidationError):
    """A write that breaks a discussion rule; the message is shown to the user."""


class RateLimited(DiscussionError):
    pass


# --- Versions and the fragment cache ----------------------------------------------


def _version_key(group_id: int, reading_id: int) -> str:
    return f"discussion:version:{group_id}:{reading_id}"


def thread_version(*, group_id: int, reading_id: int) -> str:
    """An opaque token that changes whenever the thread changes.

    Read from the shared cache; when the cache lost it, derived from the comments' own
    timestamps (one aggregate query). Reading never writes.
    """
    version = cache.get(_version_key(group_id, reading_id))
    if version is not None:
        return version
    stats = Comment.objects.filter(group_id=group_id, reading_id=reading_id).aggregate(
        n=Count("pk"), c=Max("created_at"), e=Max("edited_at"), d=Max("deleted_at")
    )
    digest = hashlib.sha1(repr(sorted(stats.items())).encode()).hexdigest()[:12]
    return f"db{digest}"


def shared_state(*, group_id: int, reading_id: int, user) -> tuple[str, int | None]:
    """The thread's version and the user's unread-notification count (None when not cached).

    One round trip to the shared cache for both; a missing version is derived as in
    `thread_version`. Never writes.
    """
    version_key = _version_key(group_id, reading_id)
    keys = [version_key]
    if user.is_authenticated:
        keys.append(unread_key(user.pk))
    found = cache.get_many(keys)
    version = found.get(version_key)
    if version is None:
        version = thread_version(group_id=group_id, reading_id=reading_id)
    return version, found.get(unread_key(user.pk)) if user.is_authenticated else None


def bump_version(*, group_id: int, reading_id: int) -> str:
    """Give the thread a new version now, and its group (the reading page's copies)."""
    version = versions.new_version()
    cache.set_many(
        {
            _version_key(group_id, reading_id): version,
            versions.group_version_key(group_id): version,
        },
        timeout=None,
    )
    return version


def _after_commit(comment_or_ids: Comment | tuple[int, int]) -> None:
    """Move the thread's version (and its group's) for this write, as it commits."""
    group_id, reading_id = (
        (comment_or_ids.group_id, comment_or_ids.reading_id)
        if isinstance(comment_or_ids, Comment)
        else comment_or_ids
    )
    versions.bump_on_commit(
        [_version_key(group_id, reading_id), versions.group_version_key(group_id)]
    )


def local_cache():
    """This process's cache of HTML keyed by what it was rendered from (see the docstring)."""
    return caches["local"]


def fragment_key(*, group_id: int, reading_id: int, version: str, variant: str) -> str:
    return f"discussion:thread:{group_id}:{reading_id}:{version}:{variant}"


# --- Readings and their paragraphs -----------------------------------------------


def paragraph_in_reading(reading: Reading, paragraph_id: int) -> bool:
    """Whether the paragraph is part of the week's text (two queries)."""
    return any(p.pk == paragraph_id for _, ps in reading_content(reading) for p in ps)


def mention_urls(group: ReadingGroup) -> dict[str, str]:
    """Handles of the group's members, old ones included, each linked to the member list."""
    try:
        base = reverse("groups:members", kwargs={"slug": group.slug})
    except NoReverseMatch:
        try:
            base = group.get_absolute_url()
        except NoReverseMatch:
            base = ""
    # Anchored by id, not handle: a mention's link survives a change of handle.
    members = User.objects.filter(memberships__group=group)
    urls = {
        old.lower(): f"{base}#member-{pk}"
        for pk, old in HandleHistory.objects.filter(user__in=members).values_list(
            "user_id", "handle"
        )
    }
    urls.update(
        (name.lower(), f"{base}#member-{pk}") for pk, name in members.values_list("pk", "username")
    )
    return urls


# --- Comments -------------------------------------------------------------------


def _clean_body(body: str) -> str:
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise DiscussionError(_("Write something first."), code="empty")
    limit = settings.COMMENT_MAX_LENGTH
    if len(body) > limit:
        raise DiscussionError(
            _("Comments are limited to %(limit)s characters; this one has %(length)s.")
            % {
                "limit": number_format(limit, force_grouping=True),
                "length": number_format(len(body), force_grouping=True),
            },
            code="too_long",
        )
    return body


def thread_is_locked(comment: Comment) -> bool:
    """Whether the comment's thread is locked (a lock on any comment above it counts)."""
    ancestor_ids = [int(segment) for segment in comment.path.split("/")]
    return Comment.objects.filter(pk__in=ancestor_ids, is_locked=True).exists()


def _form_token(
    client_token: str,
    *,
    body: str,
    parent: Comment | None,
    paragraph: Paragraph | None,
    question: Question | None,
) -> str:
    """The token a comment is saved under: the form's, with everything it sent.

    The same form sent twice makes the same token (one comment). A page a browser shows again
    after a 304, in another tab, holds the same form token: its other words, or its other
    parent, passage or question, make another token (another comment). Made from what was
    sent, not from the saved comment, so editing the first comment does not let a retry post
    it again."""
    raw = "\0".join(
        map(
            str,
            (
                client_token,
                parent and parent.pk,
                paragraph and paragraph.pk,
                question and question.pk,
                body,
            ),
        )
    )
    return hashlib.sha256(raw.encode()).hexdigest()


def post_comment(
    *,
    author: User,
    group: ReadingGroup,
    reading: Reading,
    body: str,
    parent: Comment | None = None,
    paragraph: Paragraph | None = None,
    question: Question | None = None,
    quote: str = "",
    client_token: str = "",
) -> Comment:
    """Save a comment or a reply and schedule the version bump and notifications.

    A second submission of the same form (same `client_token`, words, parent, passage and
    question: `_form_token`) returns the first comment. Replies take their thread's anchor
    (paragraph, question), so counts include them.
    """
    body = _clean_body(body)
    client_token = (client_token or "")[:64]
    if client_token:
        client_token = _form_token(
            client_token, body=body, parent=parent, paragraph=paragraph, question=question
        )
        existing = Comment.objects.filter(author=author, client_token=client_token).first()
        if existing is not None:
            return existing
    if not ratelimit.hit(f"comment:{author.pk}", limit=settings.COMMENT_RATE_LIMIT):
        raise RateLimited(
            _("You are posting faster than the group can read. Please wait a minute."),
            code="rate_limited",
        )
    if parent is not None:
        if parent.group_id != group.pk or parent.reading_id != reading.pk:
            raise DiscussionError(_("That comment belongs to another discussion."), code="parent")
        if parent.is_deleted or parent.is_hidden:
            raise DiscussionError(_("That comment can no longer be answered."), code="parent")
        if thread_is_locked(parent):
            raise DiscussionError(_("This thread is locked: it takes no replies."), code="locked")
        paragraph_id, section_id, question_id = (
            parent.paragraph_id,
            parent.section_id,
            parent.question_id,
        )
        quote = ""
    else:
        paragraph_id = section_id = question_id = None
        if paragraph is not None:
            if not paragraph_in_reading(reading, paragraph.pk):
                raise DiscussionError(_("That passage is not in this week's text."), code="anchor")
            paragraph_id, section_id = paragraph.pk, paragraph.section_id
            quote = (quote or "").strip()[:2000]
            if quote and quote not in paragraph.text:
                quote = ""
        else:
            quote = ""
        if question is not None:
            shown = group_questions(group=group, reading=reading).filter(pk=question.pk)
            if question.group_id not in (None, group.pk) or not shown.exists():
                raise DiscussionError(_("That question is not on this reading."), code="anchor")
            if question.status != Question.Status.APPROVED:
                raise DiscussionError(_("That question is not open for discussion."), code="anchor")
            question_id = question.pk

    html = render_markdown(body, mention_urls=mention_urls(group) if find_mentions(body) else None)
    try:
        with transaction.atomic():
            comment = Comment.objects.create(
                group=group,
                reading=reading,
                parent=parent,
                author=author,
                body=body,
                html=html,
                quote=quote,
                paragraph_id=paragraph_id,
                section_id=section_id,
                question_id=question_id,
                client_token=client_token,
                path="",
            )
            comment.path = path_for(comment.pk, parent.path if parent else None)
            Comment.objects.filter(pk=comment.pk).update(path=comment.path)
            # In the comment's own transaction, with their email tasks: a process that dies
            # just after the commit cannot leave a comment whose notifications were never made.
            notify_comment_posted(comment)
    except IntegrityError:
        # The same form arrived twice at once: the other request won.
        if client_token:
            return Comment.objects.get(author=author, client_token=client_token)
        raise
    _after_commit(comment)
    return comment


@transaction.atomic
def edit_comment(*, comment: Comment, body: str) -> Comment:
    """Replace the body, keeping the old one as a revision."""
    if comment.is_deleted:
        raise DiscussionError(_("A deleted comment cannot be edited."), code="deleted")
    body = _clean_body(body)
    if body == comment.body:
        return comment
    CommentRevision.objects.create(comment=comment, body=comment.body, html=comment.html)
    comment.body = body
    comment.html = render_markdown(
        body, mention_urls=mention_urls(comment.group) if find_mentions(body) else None
    )
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "html", "edited_at"])
    _after_commit(comment)
    return comment


def close_reports(*, actor: User, comment: Comment, entry: ModerationEntry | None) -> int:
    """Close the comment's open reports: it was hidden, locked or deleted, which answers them.

    When a facilitator acted (`entry`), the moderation log says how many it closed and why;
    an author deleting their own comment closes them quietly. Call inside the action's
    transaction, so the action and the closing land together.
    """
    open_reports = Report.objects.filter(comment=comment, resolved_at__isnull=True)
    versions.bump_rows_on_commit(Report, open_reports)
    closed = open_reports.update(resolved_at=timezone.now(), resolved_by=actor)
    if closed and entry is not None:
        ModerationEntry.objects.create(
            group_id=comment.group_id,
            actor=actor,
            action=ModerationEntry.Action.RESOLVE_REPORT,
            comment=comment,
            reason=ngettext(
                "%(count)d open report closed: the facilitators %(action)s. %(reason)s",
                "%(count)d open reports closed: the facilitators %(action)s. %(reason)s",
                closed,
            )
            % {"count": closed, "action": entry.get_action_display(), "reason": entry.reason},
        )
    return closed


@transaction.atomic
def log_action_on_comment(
    *, actor: User, comment: Comment, action: str, reason: str, settles_reports: bool = True
) -> ModerationEntry:
    """A facilitator's action on a comment (delete, hide, lock, ...) in the open log; one that
    takes the comment out of sight or out of reach also settles its open reports."""
    entry = ModerationEntry.objects.create(
        group_id=comment.group_id, actor=actor, action=action, comment=comment, reason=reason
    )
    if settles_reports:
        close_reports(actor=actor, comment=comment, entry=entry)
    return entry


def delete_comment(*, comment: Comment, actor: User, reason: str = "") -> Comment:
    """Leave a tombstone: the text and every revision are erased, replies keep their place.

    When someone other than the author deletes, the open moderation log says so.
    """
    if comment.is_deleted:
        return comment
    comment.body = comment.html = comment.quote = ""
    comment.deleted_at = timezone.now()
    comment.save(update_fields=["body", "html", "quote", "deleted_at"])
    comment.revisions.all().delete()
    comment.reactions.all().delete()
    if actor.pk != comment.author_id:
        reason = reason.strip() or _("Deleted by a facilitator.")
        log_action_on_comment(
            actor=actor, comment=comment, action=ModerationEntry.Action.DELETE, reason=reason
        )
    else:
        close_reports(actor=actor, comment=comment, entry=None)
    recount_for_comment_on_commit(comment)
    _after_commit(comment)
    return comment


@transaction.atomic
def toggle_reaction(*, comment: Comment, user: User, kind: str) -> bool:
    """Add the reaction, or take it back. True when it is now on."""
    if kind not in Reaction.Kind.values:
        raise DiscussionError(_("Unknown reaction."), code="kind")
    if comment.is_deleted:
        raise DiscussionError(_("A deleted comment takes no reactions."), code="deleted")
    deleted, _per_model = Reaction.objects.filter(comment=comment, user=user, kind=kind).delete()
    if not deleted:
        Reaction.objects.get_or_create(comment=comment, user=user, kind=kind)
    _after_commit(comment)
    return not deleted


@transaction.atomic
def toggle_paragraph_flag(*, group: ReadingGroup, paragraph: Paragraph, user: User) -> bool:
    """Mark a paragraph confusing for the group, or take the mark back. True when now on."""
    deleted, _ = ParagraphFlag.objects.filter(group=group, paragraph=paragraph, user=user).delete()
    if not deleted:
        ParagraphFlag.objects.get_or_create(group=group, paragraph=paragraph, user=user)
    return not deleted


# --- Questions ------------------------------------------------------------------


def group_questions(*, group: ReadingGroup, reading: Reading) -> QuerySet[Question]:
    """Curated questions plus the group's own, every status (views filter what to show).

    The curated ones are those of the curated weeks that start in this week (see
    `readings.week_questions`).
    """
    return (
        Question.objects.filter(week_questions(reading))
        .filter(Q(group__isnull=True) | Q(group=group))
        .order_by("position", "pk")
    )


@transaction.atomic
def propose_question(
    *, group: ReadingGroup, reading: Reading, body: str, by: User, approved: bool = False
) -> Question:
    body = (body or "").strip()
    if not body:
        raise DiscussionError(_("Write the question first."), code="empty")
    if len(body) > 2000:
        raise DiscussionError(_("Questions are limited to 2,000 characters."), code="too_long")
    last = group_questions(group=group, reading=reading).aggregate(m=Max("position"))["m"]
    question = Question.objects.create(
        reading=reading,
        group=group,
        body=body,
        position=(last or 0) + 1,
        status=Question.Status.APPROVED if approved else Question.Status.PROPOSED,
        proposed_by=by,
    )
    if approved:
        _notify_question(question)
    return question


def _notify_question(question: Question) -> None:
    # Inside the caller's transaction: the notifications commit with the question, or not at all.
    notify_question_added(question)


@transaction.atomic
def decide_question(*, question: Question, approve: bool) -> Question:
    if question.group_id is None:
        raise DiscussionError(_("Curated questions are edited in the library."), code="curated")
    was_approved = question.status == Question.Status.APPROVED
    question.status = Question.Status.APPROVED if approve else Question.Status.DECLINED
    question.save(update_fields=["status"])
    if approve and not was_approved:
        _notify_question(question)
    return question


@transaction.atomic
def move_question(
    *, group: ReadingGroup, question: Question, offset: int, week: Reading | None = None
) -> None:
    """Move a question up (-1) or down (+1) among those the group discusses in `week` (the
    group week that shows it; by default the question's own reading).

    Positions are rewritten for the group's own questions; curated ones keep theirs, and a
    group question moved past a curated one takes a position next to it.
    """
    shown = list(
        group_questions(group=group, reading=week or question.reading).filter(
            status=Question.Status.APPROVED
        )
    )
    ids = [q.pk for q in shown]
    if question.pk not in ids:
        return
    index = ids.index(question.pk)
    target = index + offset
    if not 0 <= target < len(shown):
        return
    shown.insert(target, shown.pop(index))
    for position, q in enumerate(shown, start=1):
        if q.group_id == group.pk and q.position != position:
            q.position = position
            q.save(update_fields=["position"])


def _question_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise DiscussionError(_("Write the question first."), code="empty")
    if len(body) > 2000:
        raise DiscussionError(_("Questions are limited to 2,000 characters."), code="too_long")
    return body


def _changes_someone_elses(question: Question, actor: User) -> bool:
    """A facilitator changing a member's question answers for it in the open log."""
    return question.group_id is not None and question.proposed_by_id != actor.pk


@transaction.atomic
def edit_question(*, group: ReadingGroup, question: Question, body: str, actor: User) -> Question:
    """Reword a question (who may: `policy.can_reword_question`)."""
    body = _question_body(body)
    before = question.body
    if body == before:
        return question
    question.body = body
    question.save(update_fields=["body"])
    if _changes_someone_elses(question, actor):
        ModerationEntry.objects.create(
            group=group,
            actor=actor,
            action=ModerationEntry.Action.EDIT_QUESTION,
            reason="",
            detail=_("“%(before)s” became “%(after)s”") % {"before": before, "after": body},
        )
    _after_commit((group.pk, question.reading_id))  # comments filed under it show its words
    return question


@transaction.atomic
def delete_question(*, group: ReadingGroup, question: Question, actor: User) -> int:
    """Delete a group's question (who may: `policy.can_delete_question`).

    The comments filed under it stay in the week's discussion, unfiled. Returns their number.
    """
    if question.group_id is None:
        raise DiscussionError(_("Curated questions are removed in the library."), code="curated")
    unfiled = Comment.objects.filter(question=question).update(question=None)
    if _changes_someone_elses(question, actor):
        ModerationEntry.objects.create(
            group=group,
            actor=actor,
            action=ModerationEntry.Action.DELETE_QUESTION,
            reason="",
            detail=_("“%(words)s”") % {"words": question.body},
        )
    reading_id = question.reading_id
    question.delete()
    _after_commit((group.pk, reading_id))
    return unfiled


@transaction.atomic
def set_question_tags(*, question: Question, tags: Iterable[str]) -> None:
    question.tags.set([t.strip()[:100] for t in tags if t.strip()], clear=True)
    # Tags are rows of taggit's, which name no group: move the question's versions here.
    versions.bump_on_commit(versions.model_versions(question))


@transaction.atomic
def toggle_discussed(*, group: ReadingGroup, question: Question, by: User) -> bool:
    deleted, _ = QuestionDiscussed.objects.filter(group=group, question=question).delete()
    if not deleted:
        QuestionDiscussed.objects.get_or_create(
            group=group, question=question, defaults={"marked_by": by}
        )
    return not deleted


# --- Reading a thread -------------------------------------------------------------


@dataclass(slots=True)
class Author:
    name: str
    username: str


@dataclass(slots=True)
class CommentRow:
    """What a thread shows of a comment: read with `values_list`, 10x cheaper than models.

    It answers the same attributes as a Comment for `markup` and `threads.build_tree`.
    """

    FIELDS = (
        "pk", "parent_id", "path", "author_id", "author__display_name", "author__username",
        "html", "quote", "created_at", "edited_at", "deleted_at", "is_hidden",
        "paragraph_id", "question_id", "is_locked",
    )  # fmt: skip

    pk: int
    parent_id: int | None
    path: str
    author_id: int | None
    author: Author | None
    html: str
    quote: str
    created_at: datetime
    edited_at: datetime | None
    deleted_at: datetime | None
    is_hidden: bool
    paragraph_id: int | None
    question_id: int | None
    is_locked: bool
    reaction_list: list = field(default_factory=list)
    can_edit: bool = False
    can_delete: bool = False

    @classmethod
    def from_values(cls, row: tuple) -> CommentRow:
        pk, parent, path, author_id, name, username, *rest = row
        author = Author(name or username, username) if author_id is not None else None
        return cls(pk, parent, path, author_id, author, *rest)

    @property
    def depth(self) -> int:
        return self.path.count("/") + 1


@dataclass
class Thread:
    roots: list[Node]
    items: list[Item]
    shown: int  # top-level comments shown
    more: bool  # further top-level comments exist
    total: int  # comments shown, replies included
    version: str = ""


@dataclass
class Item:
    """One comment in display order, with how the nested lists open and close around it."""

    node: Node
    opens: bool
    closes: list[int] = field(default_factory=list)

    @property
    def comment(self) -> Comment:
        return self.node.comment


def load_thread(
    *,
    group: ReadingGroup,
    reading: Reading,
    user: User,
    can_moderate: bool,
    upto: int,
    paragraph_id: int | None = None,
    newest_first: bool = True,
) -> Thread:
    """The newest `upto` top-level comments with all their replies, in three queries.

    1. the oldest top-level path on the page (a boundary, with one look-ahead for "more");
    2. every comment from that boundary on, in path order, with authors;
    3. the reactions to those comments, counted (and the viewer's own) here.
    """
    comments = Comment.objects.filter(group=group, reading=reading)
    if paragraph_id is not None:
        comments = comments.filter(paragraph_id=paragraph_id)
    roots = comments.filter(parent__isnull=True).order_by("-path").values_list("path", flat=True)
    boundary_rows = list(roots[upto - 1 : upto + 1])
    more = len(boundary_rows) == 2
    if boundary_rows:
        comments = comments.filter(path__gte=boundary_rows[0])
    fetched = [
        CommentRow.from_values(row)
        for row in comments.order_by("path").values_list(*CommentRow.FIELDS)
    ]
    counts: Counter[tuple[int, str]] = Counter()  # by (comment, kind)
    mine: set[tuple[int, str]] = set()
    if fetched:
        # Counted here: a few rows per comment, fetched plainly, cost about half what the
        # database's grouping (and its query's building) does.
        reactions = Reaction.objects.filter(comment__in=comments.values("pk")).values_list(
            "comment_id", "kind", "user_id"
        )
        for comment_id, kind, user_id in reactions.order_by():
            counts[comment_id, kind] += 1
            if user_id == user.pk:  # never for an anonymous reader (None)
                mine.add((comment_id, kind))
    kinds = Reaction.Kind.choices
    standing = policy.ThreadViewer(
        user_id=user.pk if user.is_authenticated else None,
        can_post=False,  # replies and reports are decided where the thread is rendered
        can_moderate=can_moderate,
    )
    for comment in fetched:
        comment.reaction_list = [
            (value, label, counts[comment.pk, value], (comment.pk, value) in mine)
            for value, label in kinds
        ]
        flags = standing.flags(comment)
        comment.can_edit, comment.can_delete = flags.edit, flags.delete
    tree = build_tree(fetched)
    if newest_first:
        tree.reverse()
    return Thread(
        roots=tree, items=display_items(tree), shown=len(tree), more=more, total=len(fetched)
    )


def display_items(roots: list[Node]) -> list[Item]:
    """Flatten the tree for a loop that still emits properly nested lists.

    Each item opens a nested list when it has children; `closes` lists how many nested lists
    end after it (one entry per level), so the template needs no recursion.
    """
    items: list[Item] = []

    def walk(nodes: list[Node]) -> None:
        for node in nodes:
            item = Item(node=node, opens=bool(node.children))
            items.append(item)
            if node.children:
                walk(node.children)
                items[-1].closes.append(1)

    walk(roots)
    return items


def paragraph_counts(*, group: ReadingGroup, reading: Reading) -> dict[int, int]:
    """Comments (replies included, tombstones not) per anchored paragraph."""
    return dict(
        Comment.objects.filter(
            group=group, reading=reading, paragraph__isnull=False, deleted_at__isnull=True
        )
        .values("paragraph_id")
        .annotate(n=Count("pk"))
        .values_list("paragraph_id", "n")
        .order_by()
    )


def confusion_counts(*, group: ReadingGroup, paragraph_ids: Iterable[int]) -> dict[int, int]:
    return dict(
        ParagraphFlag.objects.filter(group=group, paragraph_id__in=list(paragraph_ids))
        .values("paragraph_id")
        .annotate(n=Count("pk"))
        .values_list("paragraph_id", "n")
        .order_by()
    )
