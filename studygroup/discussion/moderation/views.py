"""Moderation pages: report a comment, act on it with a reason, read the open log.

Access comes from `policy.py` through `require`: a private group is a 404 to
outsiders, facilitator actions are a 403 to members who can see the group.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from studygroup import policy
from studygroup.accounts.models import User
from studygroup.discussion import moderation
from studygroup.discussion.models import Comment, ModerationEntry, Report
from studygroup.discussion.notifications import comment_url
from studygroup.groups.models import Membership, ReadingGroup
from studygroup.policy import Action, require
from studygroup.ratelimit import limit_writes

LOG_LIMIT = 200


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class ReasonForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=moderation.REASON_MAX,
        label=gettext_lazy("Reason"),
        help_text=gettext_lazy("Everyone in the group can read this in the moderation log."),
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("What is wrong with this comment?"),
        # Opened under the comment by the Report link: typing can start at once.
        widget=forms.Textarea(attrs={"rows": 3, "autofocus": True}),
        max_length=moderation.REASON_MAX,
        help_text=gettext_lazy("Only the group's facilitators see reports."),
    )


def _comment(group: ReadingGroup, pk: int) -> Comment:
    return get_object_or_404(
        Comment.objects.select_related("author", "reading__text", "group"), pk=pk, group=group
    )


# --- The open log -------------------------------------------------------------------


@require_GET
@require(Action.VIEW)
def log(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    """Who did what, when and why: readable by every member, a 404 to everyone else."""
    viewer = policy.viewer(request.user, group)
    decision = policy.may_read_moderation_log(viewer)
    if decision is policy.Decision.LOGIN:  # a public group: members sign in to read it
        return redirect_to_login(request.get_full_path())
    if decision is not policy.Decision.ALLOW:
        raise Http404(_("No such page."))
    entries = list(
        ModerationEntry.objects.filter(group=group)
        .select_related(
            "actor", "subject", "comment__author", "comment__group", "comment__reading__text"
        )
        .order_by("-created_at", "-pk")[:LOG_LIMIT]
    )
    for entry in entries:
        entry.link = comment_url(entry.comment) if entry.comment else ""
        entry.comment_author = (
            entry.comment.author
            if entry.comment and policy.can_see_comment_author(entry.comment)
            else None
        )
    return render(
        request,
        "discussion/moderation_log.html",
        {"group": group, "entries": entries, "viewer": viewer},
    )


# --- Reports ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require(Action.PARTICIPATE)
@limit_writes("report")
@vary_on_headers("HX-Request")
def report(request: HtmxHttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    comment = _comment(group, pk)
    if comment.is_deleted:
        raise Http404(_("No such comment."))
    viewer = policy.viewer(request.user, group)
    form = ReportForm(request.POST or None)
    reported = False
    if request.method == "POST" and form.is_valid():
        try:
            moderation.report_comment(
                reporter=request.user, comment=comment, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not request.htmx:
                messages.success(request, _("Thank you. The facilitators will look at it."))
                return redirect(comment_url(comment))
            reported = True
    template = "discussion/moderation_report.html" + ("#report_form" if request.htmx else "")
    return render(
        request,
        template,
        {
            "group": group,
            "comment": comment,
            "text_readable": policy.can_read_comment_text(request.user, comment, viewer=viewer),
            "form": form,
            "reported": reported,
            "comment_url": comment_url(comment),
        },
        status=400 if form.errors else 200,
    )


def _open_reports(group: ReadingGroup) -> list[Report]:
    reports = list(
        Report.objects.filter(comment__group=group, resolved_at__isnull=True)
        .select_related("reporter", "comment__author", "comment__group")
        .order_by("created_at", "pk")
    )
    for open_report in reports:
        comment = open_report.comment
        open_report.comment_author = (
            comment.author if policy.can_see_comment_author(comment) else None
        )
    return reports


@require_GET
@require(Action.MANAGE)
def reports(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    return render(
        request,
        "discussion/moderation_reports.html",
        {"group": group, "reports": _open_reports(group), "form": ReasonForm()},
    )


@require_POST
@require(Action.MANAGE)
@vary_on_headers("HX-Request")
def resolve(request: HtmxHttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    open_report = get_object_or_404(Report, pk=pk, comment__group=group)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            moderation.resolve_report(
                actor=request.user, report=open_report, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error("reason", error)
    if not form.errors:
        if request.htmx:
            form = ReasonForm()
        else:
            messages.success(request, _("Report resolved."))
            return redirect("moderation:reports", slug=group.slug)
    elif not request.htmx:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("moderation:reports", slug=group.slug)
    return render(
        request,
        "discussion/moderation_reports.html#reports",
        {
            "group": group,
            "reports": _open_reports(group),
            "form": form,
            "failed_pk": pk if form.errors else None,
        },
        status=400 if form.errors else 200,
    )


# --- Facilitator actions on a comment -----------------------------------------------


def _comment_page(
    request: HtmxHttpRequest,
    group: ReadingGroup,
    comment: Comment,
    *,
    form: ReasonForm | None = None,
    status: int = 200,
) -> HttpResponse:
    template = "discussion/moderation_comment.html" + ("#moderate" if request.htmx else "")
    reasons = moderation.hidden_reasons([comment])
    return render(
        request,
        template,
        {
            "group": group,
            "comment": comment,
            "form": form or ReasonForm(),
            "hidden_reason": reasons.get(comment.pk, ""),
            "reports": comment.reports.filter(resolved_at__isnull=True).select_related("reporter"),
            "entries": comment.moderation.select_related("actor").order_by("-created_at", "-pk"),
            "comment_url": comment_url(comment),
        },
        status=status,
    )


@require_GET
@require(Action.MANAGE)
@vary_on_headers("HX-Request")
def comment(request: HtmxHttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    """A facilitator's view of one comment: the original text, its reports, the actions."""
    return _comment_page(request, group, _comment(group, pk))


@require_POST
@require(Action.MANAGE)
@vary_on_headers("HX-Request")
def comment_action(
    request: HtmxHttpRequest, group: ReadingGroup, pk: int, action: str
) -> HttpResponse:
    service = moderation.ACTIONS.get(action)
    if service is None:
        raise Http404(_("No such action."))
    target = _comment(group, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            target = service(actor=request.user, comment=target, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error)
    if form.errors:
        return _comment_page(request, group, target, form=form, status=400)
    if not request.htmx:
        messages.success(request, _("Done, and written in the moderation log."))
        return redirect("moderation:comment", slug=group.slug, pk=target.pk)
    return _comment_page(request, group, target)


# --- Removing a member --------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require(Action.MANAGE)
@limit_writes("groups")
def remove(request: HttpRequest, group: ReadingGroup, user_id: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("user"), group=group, user_id=user_id
    )
    member: User = membership.user
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.remove_member(
                actor=request.user, group=group, user=member, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            messages.success(
                request, _("%(name)s was removed from the group.") % {"name": member.name}
            )
            if request.user == member:
                return redirect("groups:list")
            return redirect(reverse("moderation:log", kwargs={"slug": group.slug}))
    return render(
        request,
        "discussion/moderation_remove.html",
        {"group": group, "member": member, "form": form},
        status=400 if form.errors else 200,
    )
