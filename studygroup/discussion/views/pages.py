"""The reading page and its read-only fragments: discussion column, thread, poll, heat map."""

from __future__ import annotations

import html

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from studygroup import policy
from studygroup.discussion import services
from studygroup.discussion.views import page_copies
from studygroup.discussion.views.contexts import (
    discussion_context,
    questions_context,
)
from studygroup.discussion.views.loading import (
    TEMPLATE,
    load_reading,
    load_week,
    page_url,
)
from studygroup.discussion.views.markers import marker_updates, text_with_markers
from studygroup.discussion.views.thread_html import render_thread, requested_thread
from studygroup.groups import spoilers
from studygroup.groups.models import Membership, ReadingGroup
from studygroup.library.pages import week_pages
from studygroup.library.readings import reading_content
from studygroup.library.services import FOOTNOTE_MARKUP
from studygroup.params import bounded_int, clamped_int
from studygroup.policy import Action, require
from studygroup.ratelimit import limit_writes


@require_GET
@vary_on_headers("HX-Request")
@page_copies.kept_before_access
@require(Action.VIEW)
@page_copies.kept
def reading_page(
    request: HttpRequest, group: ReadingGroup, number: int, text: str | None = None
) -> HttpResponse:
    viewer = policy.viewer(request.user, group)
    # The page is its frame (kept by versions a comment does not move) with the thread and
    # the text's comment markers (kept by the thread's version) put in. The frame is kept with
    # the week it shows and whether its thread is folded for the viewer: its key holds all
    # they are read from (the group's weeks and the viewer's role and marks, the library, the
    # date), so after a comment neither the week nor the marks are read again.
    key = page_copies.frame_key(request)
    kept = page_copies.frames().get(key) if key is not None else None
    if kept is not None:
        frame, reading, closed = kept
    else:
        week = load_week(group, number, text)
        reading = week.reading
        if not policy.may_read_in_group(viewer, group, reading.text):
            raise Http404("No such week.")
        # The viewer's done mark and no-spoiler state: one query, and only for members.
        state = spoilers.page_state(request.user, week, viewer=viewer)
        closed = state.closed
        if request.htmx and not request.htmx.history_restore_request:
            context = discussion_context(
                request, group=group, reading=reading, viewer=viewer, closed=closed
            )
            return render(request, f"{TEMPLATE}#discussion", context)
    # The thread's version; and the header badge's count, unless `kept` read it already (with
    # the page's versions): one round trip to the shared cache either way.
    if getattr(request, "unread_looked_up", False):
        version = services.thread_version(group_id=group.pk, reading_id=reading.pk)
    else:
        version, request.unread_notifications = services.shared_state(
            group_id=group.pk, reading_id=reading.pk, user=request.user
        )
        request.unread_looked_up = request.user.is_authenticated
    if kept is None:
        frame, thread_html = _frame(
            request, group=group, week=week, viewer=viewer, state=state, version=version
        )
        if key is not None:
            page_copies.frames().set(key, (frame, reading, closed))
    else:
        thread_html = requested_thread(
            request, group=group, reading=reading, viewer=viewer, version=version, closed=closed
        ).html
    # The compose form's token is put in as the page is served, fresh each time, whether the
    # page is kept whole or not (page_copies.kept): the frame leaves its slot in place.
    page = frame.fill(thread=thread_html, text=text_with_markers(group, reading, version=version))
    return HttpResponse(page)


def _frame(
    request: HttpRequest,
    *,
    group: ReadingGroup,
    week,
    viewer: policy.Viewer,
    state: spoilers.PageState,
    version: str,
) -> tuple[page_copies.Frame, str]:
    """The page rendered with slots for what a thread's write changes; and the thread."""
    reading = week.reading
    questions = questions_context(request, group=group, reading=reading, viewer=viewer)
    context = discussion_context(
        request,
        group=group,
        reading=reading,
        viewer=viewer,
        open_questions=questions["questions"],
        version=version,
        closed=state.closed,
        client_token=page_copies.CLIENT_TOKEN_SLOT,
    )
    context.update(
        questions,
        week=week,
        text=reading.text,
        text_html=mark_safe(page_copies.TEXT_SLOT),
        week_pages=week_pages(reading),
        done_by_me=state.done_by_me,  # the "mark done" form after the text
        shown_anyway=state.shown_anyway,  # and, then, "fold it away again"
        show_url=reverse(
            "discussion:show_anyway", kwargs={"slug": group.slug, "reading": reading.pk}
        ),
    )
    if not request.user.is_authenticated:
        # One copy of the page for every anonymous reader: its one form (the text size) gets
        # a slot, filled with each visitor's own token as the copy is served (page_copies).
        context["csrf_token"] = page_copies.CSRF_SLOT
    # The thread (megabytes at a thousand comments) goes in once the page is rendered: passed
    # through the template's nested blocks, it would be copied at each level.
    thread_html = context["thread_html"]
    context["thread_html"] = mark_safe(page_copies.THREAD_SLOT)
    html = render_to_string(TEMPLATE, context, request)
    return page_copies.Frame.of(html), thread_html


@require_GET
@vary_on_headers("HX-Request")
@require(Action.VIEW)
def discussion(request: HttpRequest, group: ReadingGroup, reading: int) -> HttpResponse:
    """The discussion column alone, optionally filtered to one paragraph."""
    viewer = policy.viewer(request.user, group)
    reading_obj = load_reading(group, reading, viewer)
    if not request.htmx:
        query = request.GET.urlencode()
        return redirect(f"{page_url(group, reading_obj)}{'?' + query if query else ''}#discussion")
    context = discussion_context(request, group=group, reading=reading_obj, viewer=viewer)
    # Opened from a paragraph's marker or "show all": move focus (and, on a phone, the view)
    # to what was opened.
    context["focus_discussion"] = True
    return render(request, f"{TEMPLATE}#discussion", context)


@require_GET
@vary_on_headers("HX-Request")
@require(Action.VIEW)
def thread(request: HttpRequest, group: ReadingGroup, reading: int) -> HttpResponse:
    viewer = policy.viewer(request.user, group)
    reading_obj = load_reading(group, reading, viewer)
    if not request.htmx:
        return redirect(f"{page_url(group, reading_obj)}?{request.GET.urlencode()}#thread")
    rendered = requested_thread(request, group=group, reading=reading_obj, viewer=viewer)
    return HttpResponse(rendered.html)


@require_POST
@vary_on_headers("HX-Request")
@require(Action.PARTICIPATE)
@limit_writes("discussion")
def show_anyway(request: HttpRequest, group: ReadingGroup, reading: int) -> HttpResponse:
    """ "Show anyway" on a collapsed week: remembered for that week; the thread comes back
    in place (HTMX) or the page reloads at it."""
    reading_obj = load_reading(group, reading, policy.viewer(request.user, group))
    membership = get_object_or_404(Membership, group=group, user=request.user)
    if request.POST.get("fold") == "1":  # changed their mind: a plain form, back to the page
        spoilers.fold_again(membership=membership, reading=reading_obj)
        return redirect(f"{page_url(group, reading_obj)}#thread")
    spoilers.show_anyway(membership=membership, reading=reading_obj)
    paragraph_id = bounded_int(request.POST.get("paragraph"), minimum=1)
    if not request.htmx:
        # From a search result: to the comment it named.
        comment_id = bounded_int(request.POST.get("comment"), minimum=1)
        anchor = f"c-{comment_id}" if comment_id else "thread"
        query = f"?paragraph={paragraph_id}" if paragraph_id else ""
        return redirect(f"{page_url(group, reading_obj)}{query}#{anchor}")
    viewer = policy.viewer(request.user, group)
    rendered = render_thread(
        request,
        group=group,
        reading=reading_obj,
        viewer=viewer,
        upto=settings.COMMENT_PAGE_SIZE,
        paragraph_id=paragraph_id,
        closed=False,
    )
    # The button is gone with the folded thread: say what took its place.
    message = _("Showing the comments on week %(number)s.") % {"number": reading_obj.number}
    return HttpResponse(rendered.html + announced(message))


def announced(message: str) -> str:
    """The screen reader's live region, told what changed (swapped in out of band)."""
    return format_html('<div id="live-status" hx-swap-oob="innerHTML">{}</div>', message)


@require_GET
@require(Action.VIEW)
def poll(request: HttpRequest, group: ReadingGroup, reading: int) -> HttpResponse:
    """204 when the thread is still at the client's version; else the new thread, announced.

    Costs the group and reading look-ups and a cache read when nothing changed. Never writes.
    """
    viewer = policy.viewer(request.user, group)
    reading_obj = load_reading(group, reading, viewer)
    version = services.thread_version(group_id=group.pk, reading_id=reading_obj.pk)
    if version == request.GET.get("v"):
        return HttpResponse(status=204)
    rendered = requested_thread(
        request, group=group, reading=reading_obj, viewer=viewer, version=version
    )
    before = clamped_int(request.GET.get("n"), default=0)
    added = rendered.total - before
    if added > 0:
        message = ngettext(
            "%(n)d new comment in the discussion.", "%(n)d new comments in the discussion.", added
        ) % {"n": added}
    else:
        message = _("The discussion was updated.")
    return HttpResponse(rendered.html + announced(message) + marker_updates(group, reading_obj))


@require_GET
@vary_on_headers("HX-Request")
@require(Action.MANAGE)
def heatmap(request: HttpRequest, group: ReadingGroup, reading: int) -> HttpResponse:
    """For facilitators: comments and confusion marks per paragraph of the week."""
    reading_obj = load_reading(group, reading, policy.viewer(request.user, group))
    content = reading_content(reading_obj)
    paragraphs = [p for _, ps in content for p in ps]
    comments = services.paragraph_counts(group=group, reading=reading_obj)
    confusion = services.confusion_counts(group=group, paragraph_ids=[p.pk for p in paragraphs])
    top = max([*comments.values(), *confusion.values(), 1])
    rows = []
    for section, ps in content:
        for p in ps:
            c, f = comments.get(p.pk, 0), confusion.get(p.pk, 0)
            rows.append(
                {
                    "section": section,
                    "paragraph": p,
                    # Plain text again: the stored HTML's entities would be escaped twice.
                    "snippet": html.unescape(strip_tags(FOOTNOTE_MARKUP.sub("", p.html))),
                    "comments": c,
                    "confusion": f,
                    # Bar widths in 5 % steps: each step is a CSS class (heat-0 … heat-100).
                    "comments_pct": 5 * round(20 * c / top),
                    "confusion_pct": 5 * round(20 * f / top),
                }
            )
    context = {
        "group": group,
        "reading": reading_obj,
        "rows": rows,
        "page_url": page_url(group, reading_obj),
    }
    template = "discussion/heatmap.html"
    return render(request, f"{template}#heatmap" if request.htmx else template, context)
