"""The thread on the page: rendered and kept per version, folded away for spoilers; one
comment after a change; a new comment alone after a post."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django_htmx.http import reswap, retarget, trigger_client_event

from studygroup import policy
from studygroup.discussion import markup, services
from studygroup.discussion.models import Comment, Reaction
from studygroup.discussion.threads import MAX_DEPTH, Node
from studygroup.discussion.views.loading import TEMPLATE, page_url, upto_param
from studygroup.groups import spoilers
from studygroup.groups.models import ReadingGroup
from studygroup.library.models import Reading
from studygroup.params import bounded_int


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
        variant=f"{upto}:{paragraph_id}:{get_language()}:{_viewer_key(request, viewer)}",
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


def requested_thread(
    request: HttpRequest,
    *,
    group: ReadingGroup,
    reading: Reading,
    viewer: policy.Viewer,
    version: str | None = None,
    closed: bool | None = None,
) -> Rendered:
    """The thread as the request's URL asks for it: how many threads (`upto`) and which
    passage's (`paragraph`). For the reading page, the thread fragment and the poll alike."""
    return render_thread(
        request,
        group=group,
        reading=reading,
        viewer=viewer,
        upto=upto_param(request),
        paragraph_id=bounded_int(request.GET.get("paragraph"), minimum=1),
        version=version,
        closed=closed,
    )


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
    """A new comment, rendered alone, and where it goes into the thread on screen."""

    html: str
    target: str  # a CSS selector, for HX-Retarget
    swap: str  # for HX-Reswap
    version: str | None  # the thread's new version, when the poster's thread was at the last

    def finish(self, response: HttpResponse) -> HttpResponse:
        retarget(response, self.target)
        reswap(response, self.swap)
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
    parent: Comment | None,
    paragraph_filter: int | None,
    version_before: str,
) -> PostedAlone | None:
    """The new comment alone, or None when the whole thread must be rendered instead: a form
    sent twice (nothing new), a thread with no list yet, a week folded away for the poster;
    and for a reply, a poster whose thread was not at the last version (their page may lack
    the list it goes in) or one nested past MAX_DEPTH (it goes between others, flattened).

    A top-level comment goes at the top of the thread's list (newest first); a reply at the
    end of its parent's replies (oldest first, as `build_tree` lists them), which it opens
    when it is the first.
    """
    version = services.thread_version(group_id=group.pk, reading_id=reading.pk)
    if version == version_before:
        return None
    # The poller moves on only when nobody else wrote since the poster's last look.
    seen = request.POST.get("seen")
    up_to_date = bool(seen) and seen == version_before
    if parent is None:
        others = Comment.objects.filter(group=group, reading=reading, parent__isnull=True).exclude(
            pk=comment.pk
        )
        if paragraph_filter:
            others = others.filter(paragraph_id=paragraph_filter)
        if not others.exists():
            return None
        depth = 1
    else:
        if not up_to_date or parent.depth > MAX_DEPTH:
            return None
        depth = min(parent.depth + 1, MAX_DEPTH)
        # Any reply under it before this one means its list is on the page (at MAX_DEPTH the
        # list holds every deeper reply, flattened).
        siblings = (
            Comment.objects.filter(group=group, reading=reading, path__startswith=f"{parent.path}/")
            .exclude(pk=comment.pk)
            .exists()
        )
    if spoilers.closed_week(request.user, group, reading, viewer=viewer) is not None:
        return None
    comment.reaction_list = [(value, label, 0, False) for value, label in Reaction.Kind.choices]
    comment.can_edit = policy.can_edit_comment(request.user, comment)
    comment.can_delete = policy.can_delete_comment(request.user, comment, viewer=viewer)
    ctx = markup_context(
        request, group=group, viewer=viewer, focus=comment.pk, paragraph_filter=paragraph_filter
    )
    html = markup.list_item(markup.comment(Node(comment, depth=depth), ctx), depth)
    new_version = version if up_to_date else None
    if parent is None:
        return PostedAlone(html, "#thread > ol.comments", "afterbegin", new_version)
    # The reply form goes with the answer: its parent's slot is emptied (out of band).
    emptied = markup.comment_slot(parent.pk, oob=True)
    if siblings:
        return PostedAlone(html + emptied, f"#c-{parent.pk}-replies", "beforeend", new_version)
    # The first reply opens its parent's list, right after the parent's <article>.
    opened = f"{markup.replies_open(parent.pk)}{html}</ol>"
    return PostedAlone(opened + emptied, f"#c-{parent.pk}", "afterend", new_version)
