"""Group pages. Every view asks policy.py (through `require`) before it does anything."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import trigger_client_event
from django_htmx.middleware import HtmxDetails

from studygroup import policy
from studygroup.accounts.models import User
from studygroup.groups import services, split
from studygroup.groups.calendar import build_feed
from studygroup.groups.facilitation import facilitator_names
from studygroup.groups.forms import (
    AdoptForm,
    EmailInvitationForm,
    GroupForm,
    InvitationForm,
    JoinRequestForm,
    ProgressPrivacyForm,
    RoleForm,
    ShiftForm,
    SkipForm,
    SplitChangeForm,
    UnskipForm,
)
from studygroup.groups.models import (
    Adoption,
    Invitation,
    JoinRequest,
    Membership,
    Progress,
    ReadingGroup,
    Role,
)
from studygroup.groups.timeline import load_timeline
from studygroup.library.models import Reading
from studygroup.library.pages import attach_week_pages
from studygroup.policy import Action, require
from studygroup.ratelimit import limit_writes
from studygroup.site import absolute_url, site_host


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _done(request: HttpRequest, group: ReadingGroup, fragment: str = "") -> HttpResponse:
    return redirect(group.get_absolute_url() + fragment)


def reading_page_url(group: ReadingGroup, reading: Reading) -> str:
    kwargs = {"slug": group.slug, "text": reading.text.slug, "number": reading.number}
    return reverse("discussion:reading_in_text", kwargs=kwargs)


# --- Groups ---------------------------------------------------------------


@require_GET
def group_list(request: HttpRequest) -> HttpResponse:
    groups = list(
        policy.listed_groups(request.user)
        .annotate(member_count=Count("memberships"))
        .order_by("name")
    )
    mine = [g for g in groups if g.my_role]
    others = [g for g in groups if not g.my_role]
    return render(request, "groups/group_list.html", {"mine": mine, "others": others})


@login_required
@require_http_methods(["GET", "POST"])
@limit_writes("groups")
def group_create(request: HttpRequest) -> HttpResponse:
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        group = services.create_group(
            creator=request.user,
            name=data["name"],
            description=data["description"],
            is_public=data["is_public"],
            timezone_name=data["timezone"],
            meeting_weekday=data["meeting_weekday"],
            meeting_time=data["meeting_time"],
            meeting_minutes=data["meeting_minutes"],
            location=data["location"],
            video_url=data["video_url"],
        )
        messages.success(
            request,
            _("“%(group)s” is ready. Adopt a text to set its schedule.") % {"group": group.name},
        )
        return redirect(group)
    return render(request, "groups/group_form.html", {"form": form, "group": None})


@require_GET
@require(Action.VIEW)
def group_detail(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    viewer = policy.viewer(request.user, group)
    memberships = list(
        group.memberships.select_related("user").order_by("role", "user__display_name")
    )
    me = next((m for m in memberships if m.user_id == request.user.pk), None)
    timeline = load_timeline(
        group,
        membership=me,
        member_count=len(memberships),
        with_names=policy.may_see_progress_names(viewer),
    )
    # A private upload's weeks are its members' alone, here as in the feeds and week pages.
    timeline.weeks = policy.readable_weeks(viewer, group, timeline.weeks)
    hidden = policy.unreadable_texts(viewer, group, (a.text for a in timeline.adoptions))
    timeline.adoptions = [a for a in timeline.adoptions if a.text_id not in hidden]
    pending_requests = (
        group.join_requests.filter(status=JoinRequest.Status.PENDING).count()
        if viewer.can_manage
        else 0
    )
    my_request = None
    can_request = (
        policy.decide(request.user, group, Action.REQUEST_TO_JOIN) is policy.Decision.ALLOW
    )
    if can_request:
        my_request = group.join_requests.filter(
            user=request.user, status=JoinRequest.Status.PENDING
        ).first()
    context = {
        "group": group,
        "viewer": viewer,
        "memberships": memberships,
        "timeline": timeline,
        "current": timeline.current,
        "pending_requests": pending_requests,
        "can_request": can_request,
        "my_request": my_request,
        "join_form": JoinRequestForm(),
        "feed_url": _feed_url(request, group, me.feed_token if me else None),
        "feed_token": me.feed_token if me else None,
        "anonymous_public": not request.user.is_authenticated and group.is_public,
    }
    return render(request, "groups/group_detail.html", context)


def _feed_url(request: HttpRequest, group: ReadingGroup, token: str | None) -> str:
    """The calendar URL to show: a member's own secret one, else the plain one of a public
    group (`policy.calendar_link`)."""
    link = policy.calendar_link(group, own_token=token)
    if link is policy.CalendarLink.SECRET:
        path = reverse("groups:feed_token", kwargs={"slug": group.slug, "token": token})
    elif link is policy.CalendarLink.PUBLIC:
        path = reverse("groups:feed", kwargs={"slug": group.slug})
    else:
        return ""
    return absolute_url(path)


@require_http_methods(["GET", "POST"])
@require(Action.MANAGE)
@limit_writes("groups")
def group_edit(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    form = GroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        services.update_group(
            group=group, **{name: form.cleaned_data[name] for name in GroupForm.Meta.fields}
        )
        messages.success(request, _("Group settings saved."))
        return redirect(group)
    viewer = policy.viewer(request.user, group)
    return render(
        request, "groups/group_form.html", {"form": form, "group": group, "viewer": viewer}
    )


@require_POST
@require(Action.PARTICIPATE)
@limit_writes("groups")
def feed_reset(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    """A member resets their own secret calendar and feed links."""
    membership = get_object_or_404(Membership, group=group, user=request.user)
    services.reset_feed_token(membership=membership)
    messages.success(
        request, _("Your calendar and feed links were reset. The old links no longer work.")
    )
    return _done(request, group, "#calendar")


# --- Calendar feed --------------------------------------------------------


def _feed_response(request: HttpRequest, group: ReadingGroup, *, member: bool) -> HttpResponse:
    timeline = load_timeline(group, with_progress=False)
    if not member:  # the plain URL of a public group: not the weeks of its private uploads
        viewer = policy.viewer(request.user, group)
        timeline.weeks = policy.readable_weeks(viewer, group, timeline.weeks)
    # Who facilitates is for members: the plain feed of a public group names no one.
    rota = facilitator_names(group, [w.reading.pk for w in timeline.weeks]) if member else {}
    body = build_feed(group, timeline, absolute=absolute_url, host=site_host(), facilitators=rota)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{group.slug}.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_GET
@require(Action.VIEW)
def feed(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    return _feed_response(request, group, member=False)


@require_GET
def feed_token(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    group = get_object_or_404(ReadingGroup, slug=slug)
    if policy.feed_membership(group, token) is None:
        raise Http404(_("No such calendar."))
    return _feed_response(request, group, member=True)


# --- Members --------------------------------------------------------------


@require_GET
@require(Action.VIEW)
def members(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    viewer = policy.viewer(request.user, group)
    memberships = list(
        group.memberships.select_related("user").order_by("role", "user__display_name")
    )
    return render(
        request,
        "groups/members.html",
        {
            "group": group,
            "viewer": viewer,
            "memberships": memberships,
            "roles": Role.choices,
            "me": next((m for m in memberships if m.user_id == request.user.pk), None),
        },
    )


MENTION_SUGGESTIONS = 8


@require_GET
@require(Action.VIEW)
def mention_suggestions(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    """The listbox options for "@…" in a comment box: this group's members that match."""
    if not policy.may_see_mention_suggestions(policy.viewer(request.user, group)):
        raise Http404(_("No such group."))
    typed = request.GET.get("q", "").strip().removeprefix("@")[:30]
    people = (
        User.objects.filter(memberships__group=group, is_active=True)
        .exclude(pk=request.user.pk)
        .filter(Q(username__istartswith=typed) | Q(display_name__icontains=typed))
        .order_by("display_name", "username")[:MENTION_SUGGESTIONS]
    )
    return render(request, "groups/mention_options.html", {"people": people})


def _group_membership(group: ReadingGroup, pk: int) -> Membership:
    return get_object_or_404(Membership.objects.select_related("group", "user"), group=group, pk=pk)


@require_POST
@require(Action.MANAGE)
@limit_writes("groups")
def member_role(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    membership = _group_membership(group, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
    else:
        try:
            services.set_role(membership=membership, role=form.cleaned_data["role"])
            messages.success(
                request,
                (
                    _("%(name)s is now a facilitator.")
                    if membership.role == Role.FACILITATOR
                    else _("%(name)s is now a member.")
                )
                % {"name": membership.user.name},
            )
        except services.GroupError as error:
            messages.error(request, str(error))
    return redirect("groups:members", slug=group.slug)


@require_POST
@require(Action.PARTICIPATE)
@limit_writes("groups")
def progress_privacy(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    membership = get_object_or_404(Membership, group=group, user=request.user)
    form = ProgressPrivacyForm(request.POST)
    # An unticked box is simply absent from the post: not visible.
    visible = form.is_valid() and form.cleaned_data["progress_visible"]
    services.set_progress_visible(membership=membership, visible=visible)
    if visible:
        messages.success(request, _("The facilitators can see which weeks you have read."))
    else:
        messages.success(request, _("Your name is no longer shown beside the weeks you read."))
    return redirect(f"{reverse('groups:members', kwargs={'slug': group.slug})}#my-progress")


@require_POST
@require(Action.PARTICIPATE)
@limit_writes("groups")
def leave(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    try:
        services.leave_group(group=group, user=request.user)
    except services.GroupError as error:
        messages.error(request, str(error))
        return redirect("groups:members", slug=group.slug)
    messages.success(request, _("You left “%(group)s”.") % {"group": group.name})
    return redirect("groups:list")


# --- Invitations ----------------------------------------------------------


def _invitations_context(request: HttpRequest, group: ReadingGroup, **forms) -> dict:
    now = timezone.now()
    invitations = list(group.invitations.select_related("created_by")[:50])
    for invitation in invitations:
        invitation.url = absolute_url(invitation.get_absolute_url())
        invitation.status = invitation.problem(now) or "Active"
        invitation.status_label = (
            invitation.status if invitation.status != "Active" else _("Active")
        )
    return {
        "group": group,
        "viewer": policy.viewer(request.user, group),
        "invitations": invitations,
        "form": forms.get("form") or InvitationForm(),
        "email_form": forms.get("email_form") or EmailInvitationForm(),
    }


@require_GET
@require(Action.MANAGE)
def invitations(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    return render(request, "groups/invitations.html", _invitations_context(request, group))


@vary_on_headers("HX-Request")
@require_POST
@require(Action.MANAGE)
@limit_writes("groups")
def invitation_create(request: HtmxHttpRequest, group: ReadingGroup) -> HttpResponse:
    form = InvitationForm(request.POST)
    if form.is_valid():
        services.create_invitation(
            group=group,
            created_by=request.user,
            days=form.cleaned_data["days"],
            max_uses=form.cleaned_data["max_uses"],
        )
        if not request.htmx:
            messages.success(request, _("New invitation link created."))
            return redirect("groups:invitations", slug=group.slug)
        form = None
    template = "groups/invitations.html" + ("#invitations" if request.htmx else "")
    return render(request, template, _invitations_context(request, group, form=form))


@require_POST
@require(Action.MANAGE)
@limit_writes("groups")
def invitation_email(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    form = EmailInvitationForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "groups/invitations.html",
            _invitations_context(request, group, email_form=form),
            status=400,
        )
    email = form.cleaned_data["email"]
    services.invite_by_email(
        group=group,
        created_by=request.user,
        email=email,
        base_url=settings.SITE_URL,
    )
    messages.success(request, _("An invitation is on its way to %(email)s.") % {"email": email})
    return redirect("groups:invitations", slug=group.slug)


@vary_on_headers("HX-Request")
@require_POST
@require(Action.MANAGE)
@limit_writes("groups")
def invitation_revoke(request: HtmxHttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, group=group, pk=pk)
    services.revoke_invitation(invitation=invitation)
    if request.htmx:
        return render(
            request, "groups/invitations.html#invitations", _invitations_context(request, group)
        )
    messages.success(request, _("Invitation revoked."))
    return redirect("groups:invitations", slug=group.slug)


@require_http_methods(["GET", "POST"])
@limit_writes("groups")
def accept(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation link opens. Anyone holding the link may see whose group it is."""
    invitation = get_object_or_404(Invitation.objects.select_related("group"), token=token)
    group = invitation.group
    member = (
        request.user.is_authenticated
        and Membership.objects.filter(group=group, user=request.user).exists()
    )
    if member:
        return redirect(group)
    problem = invitation.problem()
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            services.accept_invitation(token=token, user=request.user)
        except services.GroupError as error:
            problem = str(error)
        else:
            messages.success(request, _("Welcome to “%(group)s”!") % {"group": group.name})
            return redirect(group)
    return render(
        request,
        "groups/accept.html",
        {"invitation": invitation, "group": group, "problem": problem, "next": request.path},
        status=410 if problem else 200,
    )


# --- Join requests --------------------------------------------------------


@require_POST
@require(Action.REQUEST_TO_JOIN)
@limit_writes("groups")
def join_request(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    form = JoinRequestForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        services.request_to_join(group=group, user=request.user, message=message)
        messages.success(request, _("Your request was sent to the facilitators."))
    except services.GroupError as error:
        messages.error(request, str(error))
    return redirect(group)


@require_GET
@require(Action.MANAGE)
def join_requests(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    pending = list(
        group.join_requests.filter(status=JoinRequest.Status.PENDING).select_related("user")
    )
    context = {"group": group, "viewer": policy.viewer(request.user, group), "pending": pending}
    return render(request, "groups/join_requests.html", context)


@require_POST
@require(Action.MANAGE)
@limit_writes("groups")
def join_request_decide(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    join = get_object_or_404(
        JoinRequest.objects.select_related("user", "group"), group=group, pk=pk
    )
    approve = request.POST.get("decision") == "approve"
    try:
        services.decide_join_request(join_request=join, approve=approve, by=request.user)
        done = _("%(name)s joined the group.") if approve else _("%(name)s was declined.")
        messages.success(request, done % {"name": join.user.name})
    except services.GroupError as error:
        messages.error(request, str(error))
    return redirect("groups:requests", slug=group.slug)


# --- Schedule -------------------------------------------------------------


def _schedule_context(request: HttpRequest, group: ReadingGroup, **extra) -> dict:
    timeline = load_timeline(group, with_sections=False, with_progress=False)
    attach_week_pages((week.reading, week.adoption.text) for week in timeline.weeks)
    rota = facilitator_names(group, [w.reading.pk for w in timeline.weeks])
    for week in timeline.weeks:
        week.facilitators = rota.get(week.reading.pk, [])
    adopted = [a.text_id for a in timeline.adoptions]
    texts = policy.adoptable_texts(request.user, group).exclude(pk__in=adopted).order_by("title")
    adoptions = [
        {
            "adoption": a,
            "weeks": timeline.for_adoption(a),
            "skipped": sorted(a.skipped),
            "skip_form": SkipForm(prefix=f"a{a.pk}"),
            "shift_form": ShiftForm(prefix=f"a{a.pk}"),
        }
        for a in timeline.adoptions
    ]
    return {
        "group": group,
        "viewer": policy.viewer(request.user, group),
        "adoptions": adoptions,
        "adopt_form": extra.get("adopt_form") or AdoptForm(texts=texts),
    }


@require_GET
@require(Action.MANAGE)
def schedule(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    return render(request, "groups/schedule.html", _schedule_context(request, group))


@require_POST
@require(Action.MANAGE)
@limit_writes("groups")
def adopt(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    texts = policy.adoptable_texts(request.user, group)
    form = AdoptForm(request.POST, texts=texts)
    if form.is_valid():
        try:
            adoption = services.adopt_text(
                group=group,
                text=form.cleaned_data["text"],
                start_date=form.cleaned_data["start_date"],
                weeks=form.cleaned_data["weeks"],
                minutes_per_week=form.cleaned_data["minutes_per_week"],
            )
        except services.GroupError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The group now reads “%(text)s”.") % {"text": adoption.text}
            )
            return redirect("groups:schedule", slug=group.slug)
    return render(
        request,
        "groups/schedule.html",
        _schedule_context(request, group, adopt_form=form),
        status=400,
    )


def long_date(day: date) -> str:
    """ "5 May 2026", "5 de mayo de 2026", "5. Mai 2026": the format is translated too."""
    return date_format(day, _("j F Y"))


def _adoption(group: ReadingGroup, pk: int) -> Adoption:
    return get_object_or_404(Adoption.objects.select_related("group", "text"), group=group, pk=pk)


def _schedule_change(request: HttpRequest, group: ReadingGroup, change, success: str):
    try:
        change()
    except services.GroupError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("groups:schedule", slug=group.slug)


@require_POST
@require(Action.MANAGE)
@limit_writes("groups")
def skip(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    adoption = _adoption(group, pk)
    form = SkipForm(request.POST, prefix=f"a{pk}")
    if not form.is_valid():
        messages.error(request, _("Give the date of a meeting to skip."))
        return redirect("groups:schedule", slug=group.slug)
    day: date = form.cleaned_data["date"]
    return _schedule_change(
        request,
        group,
        lambda: services.skip_date(adoption=adoption, on=day),
        _("No meeting on %(date)s; later weeks moved on by one.") % {"date": long_date(day)},
    )


@require_POST
@require(Action.MANAGE)
@limit_writes("groups")
def unskip(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    adoption = _adoption(group, pk)
    form = UnskipForm(request.POST)
    if not form.is_valid():
        raise Http404
    day: date = form.cleaned_data["date"]
    return _schedule_change(
        request,
        group,
        lambda: services.unskip_date(adoption=adoption, on=day),
        _("The group meets on %(date)s again.") % {"date": long_date(day)},
    )


@require_POST
@require(Action.MANAGE)
@limit_writes("groups")
def shift(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    adoption = _adoption(group, pk)
    form = ShiftForm(request.POST, prefix=f"a{pk}")
    if not form.is_valid():
        messages.error(request, _("Give a week number and how many weeks to move it by."))
        return redirect("groups:schedule", slug=group.slug)
    week, weeks = form.cleaned_data["week"], form.cleaned_data["weeks"]
    return _schedule_change(
        request,
        group,
        lambda: services.shift_from_week(adoption=adoption, week=week, weeks=weeks),
        ngettext(
            "Week %(week)d and later moved by %(weeks)d week.",
            "Week %(week)d and later moved by %(weeks)d weeks.",
            weeks,
        )
        % {"week": week, "weeks": weeks},
    )


@require_POST
@require(Action.MANAGE)
@limit_writes("groups")
def adoption_remove(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    adoption = _adoption(group, pk)
    return _schedule_change(
        request,
        group,
        lambda: services.remove_adoption(adoption=adoption),
        _("“%(text)s” was removed from the schedule.") % {"text": adoption.text},
    )


# --- The group's own weekly split ------------------------------------------

SPLIT_CHANGES = {
    "move": split.move_boundary,
    "split": split.split_week,
    "merge": split.merge_weeks,
    "rename": split.rename_week,
}


@require_http_methods(["GET", "POST"])
@require(Action.EDIT_SPLIT)
@limit_writes("groups")
def split_editor(request: HttpRequest, group: ReadingGroup, pk: int) -> HttpResponse:
    """A facilitator reshapes the group's weeks of one text: preview first, then save.

    Only this adoption's weeks change (groups/split.py): never the library's curated split
    nor another group's.
    """
    adoption = _adoption(group, pk)
    preview = form = None
    status = 200
    if request.method == "POST":
        form = SplitChangeForm(request.POST, text=adoption.text)
        if form.is_valid():
            change = SPLIT_CHANGES[form.cleaned_data["action"]]
            try:
                if request.POST.get("confirm") == "1":
                    outcome = change(adoption, **form.change_kwargs())
                    messages.success(
                        request,
                        _("Saved. The group now reads “%(text)s” in %(n)s weeks.")
                        % {"text": adoption.text, "n": outcome.weeks},
                    )
                    return redirect("groups:split", slug=group.slug, pk=adoption.pk)
                preview = split.preview(change, adoption, **form.change_kwargs())
            except split.SplitError as error:
                form.add_error(None, str(error))
        if form.errors:
            status = 400
    context = {
        "group": group,
        "viewer": policy.viewer(request.user, group),
        "adoption": adoption,
        "weeks": split.editor_weeks(adoption),
        "form": form,
        "preview": preview,
        # The place being previewed stays chosen in its week's form.
        "chosen": (
            form.cleaned_data.get("action"),
            form.cleaned_data.get("week"),
            form.cleaned_data.get("place"),
        )
        if preview
        else (None, None, None),
    }
    return render(request, "groups/split.html", context, status=status)


# --- Progress -------------------------------------------------------------


@vary_on_headers("HX-Request")
@require_POST
@require(Action.PARTICIPATE)
@limit_writes("groups")
def progress(request: HtmxHttpRequest, group: ReadingGroup, reading: int) -> HttpResponse:
    reading_obj = get_object_or_404(
        Reading.objects.published().of_group(group).select_related("text"), pk=reading
    )
    membership = get_object_or_404(
        Membership.objects.select_related("group"), group=group, user=request.user
    )
    try:
        services.set_done(
            membership=membership, reading=reading_obj, done=request.POST.get("done") == "1"
        )
    except services.GroupError as error:
        raise Http404(str(error)) from error
    if not request.htmx:
        if request.POST.get("place") == "reading":
            return redirect(f"{reading_page_url(group, reading_obj)}#week-done")
        return _done(request, group, f"#week-{reading_obj.pk}")
    viewer = policy.viewer(request.user, group)
    if request.POST.get("place") == "reading":  # the form at the end of the reading page
        done = Progress.objects.filter(membership=membership, reading=reading_obj).exists()
        response = render(
            request,
            "groups/_week_done.html",
            {"group": group, "reading": reading_obj, "done_by_me": done},
        )
        # A collapsed thread above listens for this and asks again (no spoilers).
        return trigger_client_event(response, "week-done", {"done": done})
    timeline = load_timeline(
        group,
        membership=membership,
        with_sections=False,
        with_names=policy.may_see_progress_names(viewer),
    )
    week = next(w for w in timeline.weeks if w.reading.pk == reading_obj.pk)
    return render(
        request,
        "groups/group_detail.html#progress",
        {"group": group, "week": week, "viewer": viewer},
    )
