"""The facilitators' form on the group page: how long the group keeps its comments."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from studygroup.discussion import retention
from studygroup.groups import retention as setting
from studygroup.groups.models import ReadingGroup
from studygroup.params import bounded_int
from studygroup.policy import Action, require
from studygroup.ratelimit import limit_writes

ALLOWED = {days for days, _label in setting.CHOICES}


@require_POST
@require(Action.MANAGE)  # policy.may_set_comment_retention: the group's facilitators
@limit_writes("groups")
def set_days(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    raw = request.POST.get("days", "")
    days = None if raw == "" else bounded_int(raw, minimum=1, maximum=3650)
    back = reverse("groups:detail", kwargs={"slug": group.slug}) + "#retention"
    if (raw != "" and days is None) or days not in ALLOWED:
        messages.error(request, _("Choose one of the listed times."))
        return redirect(back)
    if retention.set_retention(actor=request.user, group=group, days=days):
        messages.success(
            request,
            _("Saved: %(choice)s. Members see it by the comment form.")
            % {"choice": retention.describe(days)},
        )
    return redirect(back)
