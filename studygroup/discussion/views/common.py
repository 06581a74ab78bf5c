"""Shared pieces of the discussion views: loading, the cached thread, markers, contexts."""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django_htmx.http import reswap, retarget, trigger_client_event

from studygroup import policy
from studygroup.discussion import markup, services
from studygroup.discussion.comment_forms import CommentForm, QuestionForm
from studygroup.discussion.models import Comment, ParagraphFlag, QuestionDiscussed, Reaction
from studygroup.discussion.threads import MAX_DEPTH, Node
from studygroup.groups import spoilers
from studygroup.groups.models import ReadingGroup
from studygroup.groups.timeline import Week, find_week
from studygroup.library.models import Paragraph, Question, Reading
from studygroup.library.readings import html_cache_key, reading_html
from studygroup.params import bounded_int, clamped_int

TEMPLATE = "discussion/reading.html"


PARAGRAPH_OPEN = re.compile(r'(<div class="para[^"]*" id="p-(\d+)">)')


def load_reading(group: ReadingGroup, reading_id: int) -> Reading:
    """A published week of the group's own split (one query), or 404."""
    return get_object_or_404(
        Reading.objects.published().select_related("text"),
        pk=reading_id,
        adoption__group=group,
    )


def load_week(group: ReadingGroup, number: int, text_slug: str | None) -> Week:
    """The dated week (one query: `timeline.find_week`), or 404."""
    week = find_week(group, number, text_slug)
    if week is None:
        raise Http404("No such week.")
    return week


def load_comment(group: ReadingGroup, pk: int) -> Comment:
    return get_object_or_404(
        Comment.objects.select_related("author", "reading__text"), pk=pk, group=group
    )


def page_url(group: ReadingGroup, reading: Reading) -> str:
    return reverse(
        "discussion:reading_in_text",
        kwargs={"slug": group.slug, "text": reading.text.slug, "number": reading.number},
    )


@dataclass
class Rendered:
    html: str
    version: str
    total: int


def _viewer_key(request: HttpRequest, viewer: policy.Viewer) -> str:
    """Cached fragments hold per-viewer controls and CSRF tokens: key them by both."""
    if not request.user.is_authenticated:
        return "anon"
    get_token(request)
    secret = request.META.get("CSRF_COOKIE", "")
    raw = f"{request.user.pk}:{viewer.role}:{viewer.is_admin}:{secret}"
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def upto_param(request: HttpRequest) -> int:
    size = settings.COMMENT_PAGE_SIZE
    return clamped_int(request.GET.get("upto"), default=size, minimum=size, maximum=size * 100)


def render_thread(
    request: HttpRequest,
    *,
    group: ReadingGroup,
    reading: Reading,
    viewer: policy.Viewer,
    upto: int,
    paragraph_id: int | None = None,
    focus: int | None = None,
    version: str | None = None,
    closed: bool | None = None,
) -> Rendered:
    """The thread fragment, from this process's cache when this version was rendered here.

    Pass `version` when the caller already read it from the shared cache, and `closed` when
    it already knows whether the week is collapsed for the viewer (`spoilers`). A collapsed
    thread is never cached nor read from the cache: it holds no comment, and a copy kept for
    one state can never be served in the other.
    """
    if closed is None:
        closed = spoilers.closed_week(request.user, group, reading, viewer=viewer) is not None
    if closed:
        return collapsed_thread(request, group=group, reading=reading, paragraph_id=paragraph_id)
    if version is None:
        version = services.thread_version(group_id=group.pk, reading_id=reading.pk)
    local = services.local_cache()
    key = services.fragment_key(
        group_id=group.pk,
        reading_id=reading.pk,
        version=version,
        variant=f"{upto}:{paragraph_id}:{_viewer_key(request, viewer)}",
    )
    if focus is None:
        cached = local.get(key)
        if cached is not None:
            return Rendered(*cached)
    thread = services.load_thread(
        group=group,
        reading=reading,
        user=request.user,
        can_moderate=viewer.can_manage,
        upto=upto,
        paragraph_id=paragraph_id,
    )
    thread.version = version
    comments_html = markup.comment_list(
        thread.items,
        markup_context(
            request, group=group, viewer=viewer, focus=focus, paragraph_filter=paragraph_id
        ),
    )
    base = reverse("discussion:thread", kwargs={"slug": group.slug, "reading": reading.pk})
    query = f"upto={upto}" + (f"&paragraph={paragraph_id}" if paragraph_id else "")
    context = {
        "group": group,
        "reading": reading,
        "thread": thread,
        "comments_html": comments_html,
        "can_post": viewer.is_member,
        "can_moderate": viewer.can_manage,
        "focus": focus,
        "upto": upto,
        "more_query": f"upto={upto + settings.COMMENT_PAGE_SIZE}"
        + (f"&paragraph={paragraph_id}" if paragraph_id else ""),
        "paragraph_filter": paragraph_id,
        "thread_url": base,
        "poll_url": reverse("discussion:poll", kwargs={"slug": group.slug, "reading": reading.pk})
        + f"?v={version}&n={thread.total}&{query}",
        "page_url": page_url(group, reading),
    }
    html = render_to_string(f"{TEMPLATE}#thread", context, request)
    if focus is None:
        local.set(key, (html, version, thread.total))
    return Rendered(html, version, thread.total)


def collapsed_thread(
    request: HttpRequest, *, group: ReadingGroup, reading: Reading, paragraph_id: int | None
) -> Rendered:
    """The thread of a week the viewer has not reached: no comment, a "show anyway" form."""
    thread_url = reverse("discussion:thread", kwargs={"slug": group.slug, "reading": reading.pk})
    context = {
        "group": group,
        "reading": reading,
        "paragraph_filter": paragraph_id,
        "thread_url": thread_url + (f"?paragraph={paragraph_id}" if paragraph_id else ""),
        "show_url": reverse(
            "discussion:show_anyway", kwargs={"slug": group.slug, "reading": reading.pk}
        ),
    }
    html = render_to_string(f"{TEMPLATE}#thread-collapsed", context, request)
    return Rendered(html, "", 0)


def _marker(pid: int, n: int, *, fragment: str, page: str, oob: bool = False) -> str:
    """The marker beside a paragraph: its comment count, opening the passage's comments."""
    label = (
        f"{n} comment{'' if n == 1 else 's'} on this paragraph"
        if n
        else "Comment on this paragraph"
    )
    swap = ' hx-swap-oob="true"' if oob else ""
    return (
        f'<a id="m-{pid}" class="para-marker{" has-comments" if n else ""}" '
        f'href="{page}?paragraph={pid}#discussion" hx-get="{fragment}?paragraph={pid}" '
        f'hx-target="#discussion" hx-swap="outerHTML" hx-push-url="{page}?paragraph={pid}" '
        f'aria-label="{escape(label)}"{swap}>{n if n else "+"}</a>'
    )


def _marker_urls(group: ReadingGroup, reading: Reading) -> dict[str, str]:
    return {
        "fragment": reverse(
            "discussion:discussion", kwargs={"slug": group.slug, "reading": reading.pk}
        ),
        "page": page_url(group, reading),
    }


def with_markers(html: str, *, group: ReadingGroup, reading: Reading, counts: dict) -> str:
    """Put a comment marker beside each paragraph of the cached text HTML."""
    urls = _marker_urls(group, reading)

    def marker(match: re.Match) -> str:
        pid = int(match.group(2))
        return match.group(1) + _marker(pid, counts.get(pid, 0), **urls)

    return PARAGRAPH_OPEN.sub(marker, html)


def text_with_markers(group: ReadingGroup, reading: Reading, *, version: str) -> str:
    """The week's text with its comment markers: one string per (text, thread version).

    Built from the cached `reading_html` and the paragraphs' comment counts (one query), kept
    in this process's cache; counts only change with the version.
    """
    local = services.local_cache()
    key = f"discussion:text:{group.pk}:{group.slug}:{html_cache_key(reading)}:{version}"
    html = local.get(key)
    if html is None:
        counts = services.paragraph_counts(group=group, reading=reading)
        html = with_markers(reading_html(reading), group=group, reading=reading, counts=counts)
        local.set(key, html)
    return html


def paragraph_marker(group: ReadingGroup, reading: Reading, paragraph_id: int | None) -> str:
    """The out-of-band marker of the one paragraph a new comment is on (one count query)."""
    if paragraph_id is None:
        return ""
    n = Comment.objects.filter(
        group=group, reading=reading, paragraph_id=paragraph_id, deleted_at__isnull=True
    ).count()
    return _marker(paragraph_id, n, oob=True, **_marker_urls(group, reading))


def marker_updates(group: ReadingGroup, reading: Reading) -> str:
    """Out-of-band swaps that refresh the markers' counts after the thread changed."""
    urls = _marker_urls(group, reading)
    counts = services.paragraph_counts(group=group, reading=reading)
    return "".join(_marker(pid, n, oob=True, **urls) for pid, n in counts.items())


def new_form(**initial) -> CommentForm:
    return CommentForm(initial={"client_token": uuid.uuid4().hex, **initial})


def discussion_context(
    request: HttpRequest,
    *,
    group: ReadingGroup,
    reading: Reading,
    viewer: policy.Viewer,
    form: CommentForm | None = None,
    focus: int | None = None,
    open_questions: list[Question] | None = None,
    paragraph_id: int | None = None,
    version: str | None = None,
    closed: bool | None = None,
) -> dict:
    paragraph = None
    if paragraph_id is None:
        paragraph_id = bounded_int(request.GET.get("paragraph"), minimum=1)
    flags = {"count": 0, "mine": False}
    if paragraph_id is not None:
        paragraph = Paragraph.objects.filter(pk=paragraph_id).only("id", "text").first()
        if paragraph is None or not services.paragraph_in_reading(reading, paragraph.pk):
            raise Http404("That paragraph is not in this week's text.")
        marks = list(
            ParagraphFlag.objects.filter(group=group, paragraph=paragraph).values_list(
                "user_id", flat=True
            )
        )
        flags = {"count": len(marks), "mine": request.user.pk in marks}
    question_id = bounded_int(request.GET.get("question"), minimum=1)
    if form is None:
        form = new_form(paragraph=paragraph_id, question=question_id, **{"in": paragraph_id})
    thread = render_thread(
        request,
        group=group,
        reading=reading,
        viewer=viewer,
        upto=upto_param(request),
        paragraph_id=paragraph_id,
        focus=focus,
        version=version,
        closed=closed,
    )
    return {
        "group": group,
        "reading": reading,
        "viewer": viewer,
        "can_post": viewer.is_member,
        "paragraph": paragraph,
        "flags": flags,
        "form": form,
        "form_id": "compose",
        "thread_html": thread.html,
        "page_url": page_url(group, reading),
        "post_url": reverse("discussion:post", kwargs={"slug": group.slug, "reading": reading.pk}),
        "questions_for_form": (
            (open_questions if open_questions is not None else approved_questions(group, reading))
            if viewer.is_member
            else []
        ),
    }


def approved_questions(group: ReadingGroup, reading: Reading) -> list[Question]:
    return list(
        services.group_questions(group=group, reading=reading).filter(
            status=Question.Status.APPROVED
        )
    )


QUESTION_ACTIONS = ("up", "down", "discussed", "tags", "approve", "decline")


def questions_context(
    request: HttpRequest, *, group: ReadingGroup, reading: Reading, viewer: policy.Viewer
) -> dict:
    """The week's questions with their "discussed" marks (one query, tags one more).

    A facilitator's action URLs are built from one reversed pattern, not a `{% url %}` per
    button and question.
    """
    discussed = QuestionDiscussed.objects.filter(group=group, question=OuterRef("pk"))
    questions = list(
        services.group_questions(group=group, reading=reading)
        .annotate(is_discussed=Exists(discussed))
        .prefetch_related("tags")
    )
    question_urls = {
        name: reverse(
            f"discussion:question_{name}", kwargs={"slug": group.slug, "pk": markup.SENTINEL}
        )
        for name in ("edit", "delete")
    }
    for q in questions:
        q.can_reword = policy.can_reword_question(request.user, q, group=group, viewer=viewer)
        q.can_delete = policy.can_delete_question(request.user, q, group=group, viewer=viewer)
        q.edit_url = question_urls["edit"].replace(str(markup.SENTINEL), str(q.pk))
        q.delete_url = question_urls["delete"].replace(str(markup.SENTINEL), str(q.pk))
    if viewer.can_manage:
        pattern = reverse(
            "discussion:question_action",
            kwargs={"slug": group.slug, "pk": markup.SENTINEL, "action": "ACTION"},
        )
        sentinel = str(markup.SENTINEL)
        for q in questions:
            base = pattern.replace(sentinel, str(q.pk))
            q.action_urls = {a: base.replace("ACTION", a) for a in QUESTION_ACTIONS}
            q.can_edit = policy.can_edit_question(request.user, q, group=group, viewer=viewer)
    approved = [q for q in questions if q.status == Question.Status.APPROVED]
    proposed = [
        q
        for q in questions
        if q.status == Question.Status.PROPOSED
        and policy.can_see_question(request.user, q, group=group, viewer=viewer)
    ]
    return {
        "group": group,
        "reading": reading,
        "viewer": viewer,
        "questions": approved,
        "proposed": proposed,
        "question_form": QuestionForm(),
        "page_url": page_url(group, reading),
        "propose_url": reverse(
            "discussion:propose", kwargs={"slug": group.slug, "reading": reading.pk}
        ),
    }


def form_context(
    group: ReadingGroup,
    reading: Reading,
    viewer: policy.Viewer,
    form: CommentForm,
    form_id: str,
    *,
    parent: Comment | None = None,
    user=None,
) -> dict:
    """The comment form's context; a reply's parent is quoted and named only as far as the
    user may read it (`policy.can_read_comment_text`, `policy.can_see_comment_author`)."""
    parent_html = parent_author = None
    if parent is not None:
        if (
            user is not None
            and policy.can_read_comment_text(user, parent, viewer=viewer)
            # No spoilers: a week the user has not reached is not quoted either.
            and spoilers.closed_week(user, group, reading, viewer=viewer) is None
        ):
            parent_html = parent.html
        if parent.author is not None and policy.can_see_comment_author(parent):
            parent_author = parent.author.name
    return {
        "parent_html": parent_html,
        "parent_author": parent_author,
        "group": group,
        "reading": reading,
        "viewer": viewer,
        "can_post": viewer.is_member,
        "form": form,
        "form_id": form_id,
        "parent": parent,
        "post_url": reverse("discussion:post", kwargs={"slug": group.slug, "reading": reading.pk}),
        "page_url": page_url(group, reading),
        "questions_for_form": approved_questions(group, reading) if form_id == "compose" else [],
    }


def markup_context(
    request: HttpRequest,
    *,
    group: ReadingGroup,
    viewer: policy.Viewer,
    focus: int | None = None,
    paragraph_filter: int | None = None,
    reading: Reading | None = None,
) -> markup.Context:
    return markup.Context(
        slug=group.slug,
        page_url=page_url(group, reading) if reading is not None else "",
        # Anonymous readers get no form, so no token (one shared copy: views/page_copies.py).
        csrf_token=get_token(request) if request.user.is_authenticated else "",
        tz=group.tz,
        can_post=viewer.is_member,
        can_moderate=viewer.can_manage,
        user_id=request.user.pk,
        focus=focus,
        paragraph_filter=paragraph_filter,
    )


def comment_response(
    request: HttpRequest, comment: Comment, viewer: policy.Viewer, *, part: str = "comment"
) -> HttpResponse:
    """One comment (or its reactions) re-queried and rendered after a change."""
    rows = (
        Reaction.objects.filter(comment=comment)
        .values("kind")
        .annotate(n=Count("pk"), me=Count("pk", filter=Q(user_id=request.user.pk)))
        .order_by()
    )
    counts = {r["kind"]: (r["n"], bool(r["me"])) for r in rows}
    comment.reaction_list = [
        (value, label, *counts.get(value, (0, False))) for value, label in Reaction.Kind.choices
    ]
    comment.can_edit = policy.can_edit_comment(request.user, comment)
    comment.can_delete = policy.can_delete_comment(request.user, comment, viewer=viewer)
    replying_to = None
    if comment.depth > MAX_DEPTH and comment.parent_id:
        replying_to = Comment.objects.select_related("author").get(pk=comment.parent_id)
    node = Node(comment, depth=min(comment.depth, MAX_DEPTH), replying_to=replying_to)
    ctx = markup_context(
        request, group=comment.group, viewer=viewer, focus=comment.pk, reading=comment.reading
    )
    if part == "reactions":
        html = markup.reactions(comment, ctx)
    else:
        locked = services.thread_is_locked(comment) if comment.parent_id else comment.is_locked
        html = markup.comment(node, ctx, thread_locked=locked)
    # The viewer's own change moved the thread's version: tell their poller, so it does not
    # fetch (and announce) the change back to them.
    version = services.thread_version(group_id=comment.group_id, reading_id=comment.reading_id)
    return trigger_client_event(HttpResponse(html), "discussion-version", {"version": version})


@dataclass
class PostedAlone:
    """A new top-level comment, rendered alone, and how it goes into the thread on screen."""

    html: str
    version: str | None  # the thread's new version, when the poster's thread was at the last

    def finish(self, response: HttpResponse) -> HttpResponse:
        # At the top of the thread's list (newest first), where the thread would have put it.
        retarget(response, "#thread > ol.comments")
        reswap(response, "afterbegin")
        if self.version is not None:
            trigger_client_event(
                response, "discussion-version", {"version": self.version, "added": 1}
            )
        return response


def posted_alone(
    request: HttpRequest,
    *,
    group: ReadingGroup,
    reading: Reading,
    viewer: policy.Viewer,
    comment: Comment,
    paragraph_filter: int | None,
    version_before: str,
) -> PostedAlone | None:
    """The new comment alone, or None when the whole thread must be rendered instead: a
    reply (it goes inside another comment), a form sent twice (nothing new), a thread with no
    list yet, or a week folded away for the poster."""
    if comment.parent_id is not None:
        return None
    version = services.thread_version(group_id=group.pk, reading_id=reading.pk)
    if version == version_before:
        return None
    others = Comment.objects.filter(group=group, reading=reading, parent__isnull=True).exclude(
        pk=comment.pk
    )
    if paragraph_filter:
        others = others.filter(paragraph_id=paragraph_filter)
    if not others.exists():
        return None
    if spoilers.closed_week(request.user, group, reading, viewer=viewer) is not None:
        return None
    comment.reaction_list = [(value, label, 0, False) for value, label in Reaction.Kind.choices]
    comment.can_edit = policy.can_edit_comment(request.user, comment)
    comment.can_delete = policy.can_delete_comment(request.user, comment, viewer=viewer)
    ctx = markup_context(
        request, group=group, viewer=viewer, focus=comment.pk, paragraph_filter=paragraph_filter
    )
    html = f'<li class="comment-item depth-1">{markup.comment(Node(comment, depth=1), ctx)}</li>'
    # The poller moves on only when nobody else wrote since the poster's last look.
    seen = request.POST.get("seen")
    return PostedAlone(html, version if seen and seen == version_before else None)
