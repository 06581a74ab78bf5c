"""Loading what a discussion view acts on (a query each, or 404), and its URLs."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from studygroup import policy
from studygroup.discussion.models import Comment
from studygroup.groups.models import ReadingGroup
from studygroup.groups.timeline import Week, find_week
from studygroup.library.models import Reading
from studygroup.params import clamped_int

TEMPLATE = "discussion/reading.html"


def load_reading(group: ReadingGroup, reading_id: int, viewer: policy.Viewer) -> Reading:
    """A published week of the group's own split that `viewer` may read (one query, and one
    more for a non-member on a restricted text), or 404: a public group's private upload is
    its members' alone, in every fragment and endpoint as on the page."""
    reading = get_object_or_404(
        Reading.objects.published().select_related("text"),
        pk=reading_id,
        adoption__group=group,
    )
    return policy.readable_week(viewer, group, reading)


def load_week(group: ReadingGroup, number: int, text_slug: str | None) -> Week:
    """The dated week (one query: `timeline.find_week`), or 404."""
    week = find_week(group, number, text_slug)
    if week is None:
        raise Http404("No such week.")
    return week


def load_comment(group: ReadingGroup, pk: int, viewer: policy.Viewer) -> Comment:
    """A comment of the group on a week `viewer` may read, or 404 (as `load_reading`)."""
    comment = get_object_or_404(
        Comment.objects.select_related("author", "reading__text"), pk=pk, group=group
    )
    policy.readable_week(viewer, group, comment.reading)
    return comment


def page_url(group: ReadingGroup, reading: Reading) -> str:
    return reverse(
        "discussion:reading_in_text",
        kwargs={"slug": group.slug, "text": reading.text.slug, "number": reading.number},
    )


def upto_param(request: HttpRequest) -> int:
    size = settings.COMMENT_PAGE_SIZE
    return clamped_int(request.GET.get("upto"), default=size, minimum=size, maximum=size * 100)
