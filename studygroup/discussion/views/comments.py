"""Writing comments: post, reply, edit, delete, react, mark a paragraph confusing."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import retarget

from studygroup import policy, ratelimit
from studygroup.discussion import markup, services
from studygroup.discussion.comment_forms import CommentForm, EditForm
from studygroup.discussion.views.contexts import discussion_context, form_context, new_form
from studygroup.discussion.views.loading import TEMPLATE, load_comment, load_reading, page_url
from studygroup.discussion.views.markers import marker_updates, paragraph_marker
from studygroup.discussion.views.thread_html import comment_response, posted_alone, render_thread
from studygroup.groups.models import ReadingGroup
from studygroup.library.models import Paragraph, Question
from studygroup.params import bounded_int
from studygroup.policy import Action, require
from studygroup.ratelimit import limit_writes


@require_POST
@vary_on_headers("HX-Request")
@require(Action.PARTICIPATE)
def post(request: HttpRequest, group: ReadingGroup, reading: int) -> HttpResponse:
    reading_obj = load_reading(group, reading, policy.viewer(request.user, group))
    viewer = policy.viewer(request.user, group)
    form = CommentForm(request.POST)
    form_id = request.POST.get("form_id") or "compose"
    parent = None
    rate_limited = False
    if form.is_valid():
        data = form.cleaned_data
        try:
            # Checked before saving: the thread re-renders filtered to it afterwards.
            if data["in"] and not services.paragraph_in_reading(reading_obj, data["in"]):
                raise services.DiscussionError(
                    _("That passage is not in this week's text."), code="anchor"
                )
            if data["parent"]:
                parent = load_comment(group, data["parent"], policy.viewer(request.user, group))
            paragraph = (
                Paragraph.objects.filter(pk=data["paragraph"]).first()
                if data["paragraph"]
                else None
            )
            question = (
                Question.objects.filter(pk=data["question"]).first() if data["question"] else None
            )
            version_before = services.thread_version(group_id=group.pk, reading_id=reading_obj.pk)
            comment = services.post_comment(
                author=request.user,
                group=group,
                reading=reading_obj,
                body=data["body"],
                parent=parent,
                paragraph=paragraph,
                question=question,
                quote=data["quote"],
                client_token=data["client_token"],
            )
        except services.DiscussionError as error:
            rate_limited = isinstance(error, services.RateLimited)
            form.add_error(None if rate_limited else "body", error)
        else:
            if not request.htmx:
                url = page_url(group, reading_obj)
                if data["in"]:
                    url += f"?paragraph={data['in']}"
                return redirect(f"{url}#{comment.anchor}")
            alone = posted_alone(
                request,
                group=group,
                reading=reading_obj,
                viewer=viewer,
                comment=comment,
                parent=parent,
                paragraph_filter=data["in"],
                version_before=version_before,
            )
            rendered = (
                None
                if alone is not None
                else render_thread(
                    request,
                    group=group,
                    reading=reading_obj,
                    viewer=viewer,
                    upto=settings.COMMENT_PAGE_SIZE,
                    paragraph_id=data["in"],
                    focus=comment.pk,
                )
            )
            if alone is not None:
                html = alone.html + paragraph_marker(group, reading_obj, comment.paragraph_id)
            else:
                html = rendered.html + marker_updates(group, reading_obj)
            if form_id == "compose":  # a fresh form, with a fresh token, for the next comment
                # The question is not carried over: the next comment is one's own until
                # the writer picks a question again.
                fresh = new_form(paragraph=data["in"], **{"in": data["in"]})
                html += render_to_string(
                    f"{TEMPLATE}#comment-form",
                    {
                        **form_context(group, reading_obj, viewer, fresh, form_id),
                        "oob": True,
                    },
                    request,
                )
            response = HttpResponse(html)
            return alone.finish(response) if alone is not None else response
    context = form_context(
        group, reading_obj, viewer, form, form_id, parent=parent, user=request.user
    )
    context["autofocus"] = True
    if request.htmx:
        response = retarget(render(request, f"{TEMPLATE}#comment-form", context), f"#{form_id}")
    else:
        response = render(request, "discussion/compose.html", context)
    if rate_limited:
        # The form comes back with the message in it (site.js swaps a 429 in, as a 400).
        response.status_code = 429
        response["Retry-After"] = str(ratelimit.retry_after(settings.COMMENT_RATE_LIMIT))
    return response


@require_GET
@vary_on_headers("HX-Request")
@require(Action.PARTICIPATE)
def reply(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    """The reply form: into the comment's slot with HTMX, or on a page of its own."""
    parent = load_comment(group, pk, policy.viewer(request.user, group))
    if parent.is_deleted or parent.is_hidden:  # as `services.post_comment` would refuse
        raise Http404(_("That comment can no longer be answered."))
    viewer = policy.viewer(request.user, group)
    if services.thread_is_locked(parent):  # say so instead of a form it would refuse
        note = markup.locked_note(group.slug)
        if request.htmx:
            return HttpResponse(note)
        context = {
            "group": group,
            "parent": parent,
            "page_url": page_url(group, parent.reading),
            "locked_note": mark_safe(note),  # built by markup.py, its one home
        }
        return render(request, "discussion/reply_locked.html", context)
    in_ = bounded_int(request.GET.get("in"), minimum=1)
    form = new_form(parent=parent.pk, **{"in": in_})
    context = form_context(
        group,
        parent.reading,
        viewer,
        form,
        f"reply-{parent.pk}",
        parent=parent,
        user=request.user,
    )
    context["autofocus"] = True
    if request.htmx:
        return render(request, f"{TEMPLATE}#comment-form", context)
    return render(request, "discussion/compose.html", context)


@require_GET
@vary_on_headers("HX-Request")
@require(Action.VIEW)
def comment_detail(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    comment = load_comment(group, pk, policy.viewer(request.user, group))
    if not request.htmx:
        return redirect(f"{page_url(group, comment.reading)}#{comment.anchor}")
    viewer = policy.viewer(request.user, group)
    return comment_response(request, comment, viewer)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
@require(Action.PARTICIPATE)
@limit_writes("discussion")
def edit(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    comment = load_comment(group, pk, policy.viewer(request.user, group))
    if not policy.can_edit_comment(request.user, comment):
        raise PermissionDenied
    viewer = policy.viewer(request.user, group)
    if request.method == "POST":
        form = EditForm(request.POST)
        if form.is_valid():
            try:
                services.edit_comment(comment=comment, body=form.cleaned_data["body"])
            except services.DiscussionError as error:
                form.add_error("body", error)
            else:
                if not request.htmx:
                    return redirect(f"{page_url(group, comment.reading)}#{comment.anchor}")
                return comment_response(request, comment, viewer)
    else:
        form = EditForm(initial={"body": comment.body})
    context = {
        "group": group,
        "reading": comment.reading,
        "comment": comment,
        "form": form,
        "page_url": page_url(group, comment.reading),
    }
    template = "discussion/edit.html"
    return render(request, f"{template}#edit-form" if request.htmx else template, context)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
@require(Action.PARTICIPATE)
def delete(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    comment = load_comment(group, pk, policy.viewer(request.user, group))
    viewer = policy.viewer(request.user, group)
    if not policy.can_delete_comment(request.user, comment, viewer=viewer):
        raise PermissionDenied
    if request.method == "POST":
        services.delete_comment(
            comment=comment, actor=request.user, reason=request.POST.get("reason", "")[:1000]
        )
        if not request.htmx:
            return redirect(f"{page_url(group, comment.reading)}#{comment.anchor}")
        response = comment_response(request, comment, viewer)
        # Its passage's marker counts one less (tombstones are not counted).
        response.content += paragraph_marker(group, comment.reading, comment.paragraph_id).encode()
        return response
    context = {
        "group": group,
        "comment": comment,
        "reading": comment.reading,
        "is_author": comment.author_id == request.user.pk,
        "page_url": page_url(group, comment.reading),
    }
    return render(request, "discussion/delete.html", context)


@require_GET
@vary_on_headers("HX-Request")
@require(Action.VIEW)
def history(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    """Every earlier version of a comment, for those who may read its text (404 otherwise)."""
    comment = load_comment(group, pk, policy.viewer(request.user, group))
    viewer = policy.viewer(request.user, group)
    if not policy.can_read_comment_text(request.user, comment, viewer=viewer):
        raise Http404(_("No such comment history."))
    context = {
        "group": group,
        "comment": comment,
        "reading": comment.reading,
        "revisions": list(comment.revisions.order_by("-created_at")),
        "page_url": page_url(group, comment.reading),
    }
    template = "discussion/history.html"
    return render(request, f"{template}#history" if request.htmx else template, context)


@require_POST
@vary_on_headers("HX-Request")
@require(Action.PARTICIPATE)
@limit_writes("discussion")
def react(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    comment = load_comment(group, pk, policy.viewer(request.user, group))
    viewer = policy.viewer(request.user, group)
    try:
        services.toggle_reaction(
            comment=comment, user=request.user, kind=request.POST.get("kind", "")
        )
    except services.DiscussionError as error:
        return HttpResponse(error.message, status=400, content_type="text/plain; charset=utf-8")
    if not request.htmx:
        return redirect(f"{page_url(group, comment.reading)}#{comment.anchor}")
    return comment_response(request, comment, viewer, part="reactions")


@require_POST
@vary_on_headers("HX-Request")
@require(Action.PARTICIPATE)
@limit_writes("discussion")
def flag(request: HttpRequest, group: ReadingGroup, reading: int, paragraph: int) -> HttpResponse:
    """Mark a paragraph confusing (or take the mark back)."""
    reading_obj = load_reading(group, reading, policy.viewer(request.user, group))
    paragraph_obj = get_object_or_404(Paragraph, pk=paragraph)
    if not services.paragraph_in_reading(reading_obj, paragraph_obj.pk):
        raise Http404("That paragraph is not in this week's text.")
    services.toggle_paragraph_flag(group=group, paragraph=paragraph_obj, user=request.user)
    url = f"{page_url(group, reading_obj)}?paragraph={paragraph_obj.pk}#discussion"
    if not request.htmx:
        return redirect(url)
    viewer = policy.viewer(request.user, group)
    context = discussion_context(
        request, group=group, reading=reading_obj, viewer=viewer, paragraph_id=paragraph_obj.pk
    )
    return render(request, f"{TEMPLATE}#discussion", context)
