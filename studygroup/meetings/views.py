"""Meeting pages: the meetings list (RSVPs and rota), one meeting (its record and handover
notes), the rota editor and the record and handover forms.

Only a group's members reach them (`Action.PARTICIPATE`: a private group's outsiders get 404);
what each may change is asked of `groups/policy.py`.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from studygroup import policy
from studygroup.groups.models import Membership, ReadingGroup
from studygroup.groups.timeline import Week, load_timeline
from studygroup.meetings import records, services
from studygroup.meetings.agenda import Item, load_agenda
from studygroup.meetings.forms import HandoverForm, RecordForm, RsvpForm, VolunteersForm
from studygroup.meetings.models import HandoverNote, Rsvp
from studygroup.params import bounded_int
from studygroup.policy import Action, require
from studygroup.ratelimit import limit_writes

# Meetings shown with their answers and the answer form; later ones are listed by date.
UPCOMING_IN_FULL = 6
# Meetings the rota editor shows unless asked for all of them.
ROTA_WEEKS = 12


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _weeks(group: ReadingGroup) -> list[Week]:
    return load_timeline(group, with_sections=False, with_progress=False).weeks


def _membership(request: HttpRequest, group: ReadingGroup) -> Membership | None:
    return Membership.objects.filter(group=group, user=request.user).first()


def _item(group: ReadingGroup, reading: int, **kwargs) -> Item:
    """The meeting of week `reading` (404 when the schedule has no such week), loaded with
    the week before it (for its handover notes) and nothing else."""
    weeks = _weeks(group)
    at = next((i for i, w in enumerate(weeks) if w.reading.pk == reading), None)
    if at is None:
        raise Http404(_("No such meeting."))
    return load_agenda(group, weeks[max(0, at - 1) : at + 1], **kwargs)[-1]


def _list_url(group: ReadingGroup) -> str:
    return reverse("meetings:list", kwargs={"slug": group.slug})


def _detail_url(group: ReadingGroup, reading: int) -> str:
    return reverse("meetings:detail", kwargs={"slug": group.slug, "reading": reading})


@require_GET
@require(Action.PARTICIPATE)
def meeting_list(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    viewer = policy.viewer(request.user, group)
    membership = _membership(request, group)
    weeks = _weeks(group)
    upcoming = [w for w in weeks if not w.is_past]
    near = upcoming[:UPCOMING_IN_FULL]
    in_full = {w.reading.pk for w in near}
    others = load_agenda(
        group, [w for w in weeks if w.reading.pk not in in_full], with_answers=False
    )
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "group": group,
            "viewer": viewer,
            "upcoming": load_agenda(group, near, membership=membership),
            "later": [i for i in others if not i.week.is_past],
            "past": [i for i in others if i.week.is_past][::-1],
            "answers": Rsvp.Answer.choices,
            "show_names": policy.may_see_rsvp_names(viewer),
            "can_edit_rota": policy.may_edit_rota(viewer),
        },
    )


def _detail_context(request, group, item: Item, membership: Membership | None) -> dict:
    viewer = policy.viewer(request.user, group)
    on_rota = membership is not None and membership.pk in item.facilitator_ids
    meeting = item.meeting
    record = None
    if meeting is not None and meeting.has_record:
        record = {
            "attended": [m.user.name for m in meeting.attended.select_related("user")]
            + [_("a former member")] * meeting.former_attendees,
            "questions": list(meeting.questions.order_by("position", "pk")),
        }
    return {
        "group": group,
        "viewer": viewer,
        "item": item,
        "record": record,
        "answers": Rsvp.Answer.choices,
        "show_names": policy.may_see_rsvp_names(viewer),
        "can_write": policy.may_write_meeting_notes(viewer, on_rota=on_rota),
        "handovers_here": list(meeting.handovers.select_related("author")) if meeting else [],
    }


@require_GET
@require(Action.PARTICIPATE)
def meeting_detail(request: HttpRequest, group: ReadingGroup, reading: int) -> HttpResponse:
    membership = _membership(request, group)
    item = _item(group, reading, membership=membership, with_handovers=True)
    context = _detail_context(request, group, item, membership)
    return render(request, "meetings/meeting_detail.html", context)


@vary_on_headers("HX-Request")
@require_POST
@require(Action.PARTICIPATE)
@limit_writes("meetings")
def rsvp(request: HtmxHttpRequest, group: ReadingGroup, reading: int) -> HttpResponse:
    membership = _membership(request, group)
    if membership is None:  # a site admin is not a member
        raise PermissionDenied
    item = _item(group, reading, with_answers=False)
    form = RsvpForm(request.POST)
    error = ""
    if not form.is_valid():
        error = _("Choose coming, maybe or not coming.")
    else:
        try:
            services.answer(
                membership=membership, week=item.week, answer=form.cleaned_data["answer"]
            )
        except services.MeetingError as exc:
            error = str(exc)
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Your answer is saved."))
        back = request.POST.get("next") == "detail"
        target = _detail_url(group, reading) if back else _list_url(group)
        return redirect(f"{target}#meeting-{reading}")
    item = _item(group, reading, membership=membership)
    viewer = policy.viewer(request.user, group)
    return render(
        request,
        "meetings/_meeting.html",
        {
            "group": group,
            "item": item,
            "answers": Rsvp.Answer.choices,
            "show_names": policy.may_see_rsvp_names(viewer),
            "error": error,
            "saved": not error,
            "next": request.POST.get("next", ""),
        },
        status=400 if error else 200,
    )


# --- The rota ------------------------------------------------------------------------------


def _rota_context(request, group: ReadingGroup, **extra) -> dict:
    members = group.memberships.select_related("user").order_by("user__display_name")
    upcoming = [w for w in _weeks(group) if not w.is_past]
    shown = upcoming if request.GET.get("all") == "1" else upcoming[:ROTA_WEEKS]
    return {
        "group": group,
        "viewer": policy.viewer(request.user, group),
        "upcoming": load_agenda(group, shown, with_answers=False),
        "hidden": len(upcoming) - len(shown),
        "members": list(members),
        "volunteers_form": extra.get("volunteers_form")
        or VolunteersForm(members=members, initial={"volunteers": list(members)}),
    }


@require_http_methods(["GET", "POST"])
@require(Action.MANAGE)
@limit_writes("meetings")
def rota(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    if request.method == "POST":
        weeks = {w.reading.pk: w for w in _weeks(group) if not w.is_past}
        try:
            # All of the rota or none of it.
            with transaction.atomic():
                for reading_id, week in weeks.items():
                    key = f"week-{reading_id}"
                    if key not in request.POST:
                        continue
                    ids = [bounded_int(v, minimum=1) for v in request.POST.getlist(key) if v]
                    if None in ids:
                        raise services.MeetingError(
                            _("Choose facilitators from the group's members.")
                        )
                    services.set_facilitators(group=group, week=week, membership_ids=ids)
        except services.MeetingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The rota is saved."))
        return redirect("meetings:rota", slug=group.slug)
    return render(request, "meetings/rota.html", _rota_context(request, group))


@require_POST
@require(Action.MANAGE)
@limit_writes("meetings")
def rota_fill(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    members = group.memberships.select_related("user")
    form = VolunteersForm(request.POST, members=members)
    if not form.is_valid():
        context = _rota_context(request, group, volunteers_form=form)
        return render(request, "meetings/rota.html", context, status=400)
    upcoming = load_agenda(group, [w for w in _weeks(group) if not w.is_past], with_answers=False)
    count = services.fill_in_turn(
        group=group,
        weeks=[i.week for i in upcoming],
        current={i.reading_id: i.facilitator_ids for i in upcoming},
        volunteers=[m.pk for m in form.cleaned_data["volunteers"]],
    )
    messages.success(
        request,
        ngettext(
            "%(count)d meeting now has a facilitator.",
            "%(count)d meetings now have a facilitator.",
            count,
        )
        % {"count": count}
        if count
        else _("Every upcoming meeting already has a facilitator."),
    )
    return redirect("meetings:rota", slug=group.slug)


# --- Record and handover ----------------------------------------------------------------


def _writer(request, group: ReadingGroup, item: Item) -> Membership | None:
    """The viewer's membership, once `access` agrees they may write this meeting's notes."""
    membership = _membership(request, group)
    on_rota = membership is not None and membership.pk in item.facilitator_ids
    if not policy.may_write_meeting_notes(policy.viewer(request.user, group), on_rota=on_rota):
        raise PermissionDenied
    return membership


def _form_page(request, group: ReadingGroup, item: Item, form, template: str) -> HttpResponse:
    """A record or handover form: blank or as saved, or sent back with its errors (400)."""
    context = {
        "group": group,
        "viewer": policy.viewer(request.user, group),
        "item": item,
        "form": form,
    }
    return render(request, template, context, status=400 if request.method == "POST" else 200)


@require_http_methods(["GET", "POST"])
@require(Action.PARTICIPATE)
@limit_writes("meetings")
def record(request: HttpRequest, group: ReadingGroup, reading: int) -> HttpResponse:
    item = _item(group, reading)
    _writer(request, group, item)
    members = group.memberships.select_related("user").order_by("user__display_name")
    questions = records.week_questions(group, item.week.reading)
    meeting = item.meeting
    if meeting is not None and meeting.has_record:
        initial = {
            "attended": list(meeting.attended.all()),
            "decisions": meeting.decisions,
            "questions": list(meeting.questions.all()),
        }
    else:  # prefilled from who said they were coming
        coming = [
            r.membership_id
            for r in (meeting.rsvps.all() if meeting else [])
            if r.answer == Rsvp.Answer.COMING and r.for_date == item.week.date
        ]
        initial = {"attended": [m for m in members if m.pk in coming]}
    form = RecordForm(request.POST or None, members=members, questions=questions, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_record(
                meeting=meeting or services.meeting_for(group=group, week=item.week),
                by=request.user,
                attended_ids=[m.pk for m in form.cleaned_data["attended"]],
                decisions=form.cleaned_data["decisions"],
                question_ids=[q.pk for q in form.cleaned_data["questions"]],
                allowed_questions=list(questions),
            )
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting's record is saved."))
            return redirect(f"{_detail_url(group, reading)}#record")
    return _form_page(request, group, item, form, "meetings/record_form.html")


@require_http_methods(["GET", "POST"])
@require(Action.PARTICIPATE)
@limit_writes("meetings")
def handover(request: HttpRequest, group: ReadingGroup, reading: int) -> HttpResponse:
    item = _item(group, reading, with_answers=False)
    _writer(request, group, item)
    note = (
        HandoverNote.objects.filter(meeting=item.meeting, author=request.user).first()
        if item.meeting
        else None
    )
    form = HandoverForm(request.POST or None, initial={"body": note.body if note else ""})
    if request.method == "POST" and form.is_valid():
        services.save_handover(
            meeting=item.meeting or services.meeting_for(group=group, week=item.week),
            author=request.user,
            body=form.cleaned_data["body"],
        )
        messages.success(request, _("Your handover note is saved."))
        return redirect(f"{_detail_url(group, reading)}#handover")
    return _form_page(request, group, item, form, "meetings/handover_form.html")
