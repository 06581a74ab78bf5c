"""Loading what a discussion view acts on (a query each, or 404), and its URLs."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from studygroup.discussion.models import Comment
from studygroup.groups.models import ReadingGroup
from studygroup.groups.timeline import Week, find_week
from studygroup.library.models import Reading
from studygroup.params import clamped_int

TEMPLATE = "discussion/reading.html"


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


def upto_param(request: HttpRequest) -> int:
    size = settings.COMMENT_PAGE_SIZE
    return clamped_int(request.GET.get("upto"), default=size, minimum=size, maximum=size * 100)
