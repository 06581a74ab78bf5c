"""The comment markers beside the week's paragraphs: in the text, and out of band after a
change."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext, ngettext

from studygroup.discussion import services
from studygroup.discussion.models import Comment
from studygroup.discussion.views.loading import page_url
from studygroup.groups.models import ReadingGroup
from studygroup.library.models import Reading
from studygroup.library.readings import html_cache_key, reading_html

PARAGRAPH_OPEN = re.compile(r'(<div class="para[^"]*" id="p-(\d+)">)')


def _marker(pid: int, n: int, *, fragment: str, page: str, oob: bool = False) -> str:
    """The marker beside a paragraph: its comment count, opening the passage's comments."""
    label = (
        ngettext("%(n)d comment on this paragraph", "%(n)d comments on this paragraph", n)
        % {"n": n}
        if n
        else gettext("Comment on this paragraph")
    )
    swap = ' hx-swap-oob="true"' if oob else ""
    return (
        f'<a id="m-{pid}" class="para-marker{" has-comments" if n else ""}" '
        f'href="{page}?paragraph={pid}#discussion" hx-get="{fragment}?paragraph={pid}" '
        f'hx-target="#discussion" hx-swap="outerHTML" hx-push-url="{page}?paragraph={pid}" '
        f'aria-label="{escape(label)}"{swap}>{n if n else "+"}</a>'
    )


def _marker_urls(group: ReadingGroup, reading: Reading) -> dict[str, str]:
    return {
        "fragment": reverse(
            "discussion:discussion", kwargs={"slug": group.slug, "reading": reading.pk}
        ),
        "page": page_url(group, reading),
    }


def with_markers(html: str, *, group: ReadingGroup, reading: Reading, counts: dict) -> str:
    """Put a comment marker beside each paragraph of the cached text HTML."""
    urls = _marker_urls(group, reading)

    def marker(match: re.Match) -> str:
        pid = int(match.group(2))
        return match.group(1) + _marker(pid, counts.get(pid, 0), **urls)

    return PARAGRAPH_OPEN.sub(marker, html)


def text_with_markers(group: ReadingGroup, reading: Reading, *, version: str) -> str:
    """The week's text with its comment markers: one string per (text, thread version).

    Built from the cached `reading_html` and the paragraphs' comment counts (one query), kept
    in this process's cache; counts only change with the version.
    """
    local = services.local_cache()
    key = f"discussion:text:{group.pk}:{group.slug}:{html_cache_key(reading)}:{version}"
    html = local.get(key)
    if html is None:
        counts = services.paragraph_counts(group=group, reading=reading)
        html = with_markers(reading_html(reading), group=group, reading=reading, counts=counts)
        local.set(key, html)
    return html


def paragraph_marker(group: ReadingGroup, reading: Reading, paragraph_id: int | None) -> str:
    """The out-of-band marker of the one paragraph a new comment is on (one count query)."""
    if paragraph_id is None:
        return ""
    n = Comment.objects.filter(
        group=group, reading=reading, paragraph_id=paragraph_id, deleted_at__isnull=True
    ).count()
    return _marker(paragraph_id, n, oob=True, **_marker_urls(group, reading))


def marker_updates(group: ReadingGroup, reading: Reading) -> str:
    """Out-of-band swaps that refresh the markers' counts after the thread changed."""
    urls = _marker_urls(group, reading)
    counts = services.paragraph_counts(group=group, reading=reading)
    return "".join(_marker(pid, n, oob=True, **urls) for pid, n in counts.items())
