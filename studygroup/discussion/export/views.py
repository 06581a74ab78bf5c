"""Download a discussion: facilitators export a week or the whole group; members their own words.

Group exports are for those who manage the group (`Action.MANAGE`: facilitators and site
admins), asked through `policy.py`. The member export needs only a signed-in user and
holds nothing but that user's own comments.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from studygroup import policy
from studygroup.discussion import export
from studygroup.groups.models import ReadingGroup
from studygroup.groups.timeline import load_timeline
from studygroup.policy import Action, require

CONTENT_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


def _download(body: str, *, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _check_format(fmt: str) -> None:
    if fmt not in CONTENT_TYPES:
        raise Http404("No such format.")


def _group_download(group: ReadingGroup, fmt: str, *, reading_id: int | None = None):
    _check_format(fmt)
    try:
        data = export.load_group_export(group, reading_id=reading_id, full=fmt == "json")
    except export.NotOnSchedule:
        raise Http404("No such week.") from None
    stamp = timezone.localtime(data.exported_at, group.tz).date().isoformat()
    if reading_id is None:
        filename = f"{group.slug}-discussion-{stamp}"
    else:
        reading = data.weeks[0].reading
        filename = f"{group.slug}-{reading.text.slug}-week-{reading.number}"
    body = export.group_markdown(data) if fmt == "md" else export.dumps(export.group_json(data))
    return _download(body, fmt=fmt, filename=filename)


@require_GET
@require(Action.MANAGE)
def group_export_page(request: HttpRequest, group: ReadingGroup) -> HttpResponse:
    """The downloads on offer: the whole discussion, or one week of it."""
    timeline = load_timeline(group, with_sections=False, with_progress=False)
    viewer = policy.viewer(request.user, group)
    return render(
        request,
        "discussion/export.html",
        {"group": group, "viewer": viewer, "timeline": timeline},
    )


@require_GET
@require(Action.MANAGE)
def group_export(request: HttpRequest, group: ReadingGroup, fmt: str) -> HttpResponse:
    return _group_download(group, fmt)


@require_GET
@require(Action.MANAGE)
def week_export(request: HttpRequest, group: ReadingGroup, reading: int, fmt: str) -> HttpResponse:
    return _group_download(group, fmt, reading_id=reading)


@require_GET
@login_required
def member_export_page(request: HttpRequest) -> HttpResponse:
    return render(request, "discussion/export_member.html", {})


@require_GET
@login_required
def member_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _check_format(fmt)
    data = export.load_member_export(request.user)
    stamp = timezone.localdate(data.exported_at).isoformat()
    body = export.member_markdown(data) if fmt == "md" else export.dumps(export.member_json(data))
    return _download(body, fmt=fmt, filename=f"{request.user.username}-comments-{stamp}")
