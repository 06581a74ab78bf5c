"""Atom feeds of a group: its readings and questions as they come up, and its new comments.

Feed readers carry no session. At a plain URL a feed serves what an anonymous visitor may see
(`policy.decide(AnonymousUser(), …)`): public groups only. At a secret URL it serves what the
member whose token it is may see now (`policy.feed_membership`): a member who leaves or is
removed loses it, and a member who resets their calendar link resets these too. Anything else is
404, whoever asks.

Each feed costs a fixed number of queries: the group (and the token's member), then the
timeline (two) and the questions (one), or the comments (one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from studygroup import policy
from studygroup.groups import spoilers
from studygroup.groups.models import ReadingGroup
from studygroup.groups.timeline import Week, load_timeline
from studygroup.library.models import Question
from studygroup.library.readings import curated_homes
from studygroup.site import absolute_url

MAX_ENTRIES = 50
# A week "comes up" this long before its meeting: that is when its entry appears.
LEAD_TIME = timedelta(days=7)


@dataclass
class Entry:
    title: str
    link: str
    description: str
    published: datetime
    updated: datetime
    author: str = ""


@dataclass
class Source:
    """What one request of a feed shows. Built per request: Feed instances are shared."""

    group: ReadingGroup
    link: str
    feed_url: str
    entries: list[Entry]


@dataclass(frozen=True)
class FeedLink:
    title: str
    url: str


# --- Access ---------------------------------------------------------------------------------


def load_group(slug: str, token: str | None) -> tuple[ReadingGroup, object]:
    """The group whose feed may be served and whom it is served to, or 404 (two queries)."""
    group = get_object_or_404(ReadingGroup, slug=slug)
    if token is not None:
        membership = policy.feed_membership(group, token)
        if membership is None:
            raise Http404(_("No such feed."))
        return group, membership.user
    reader = AnonymousUser()
    if policy.decide(reader, group, policy.Action.VIEW) is not policy.Decision.ALLOW:
        raise Http404(_("No such feed."))
    return group, reader


def feed_links(group: ReadingGroup, viewer: policy.Viewer, token: str | None) -> list[FeedLink]:
    """The feed URLs to offer this viewer: plain for public groups, a member's own secret ones
    (`token`) for private groups."""
    link = policy.feed_link(group, viewer, own_token=token)
    if link is policy.CalendarLink.PUBLIC:
        kwargs, suffix = {"slug": group.slug}, ""
    elif link is policy.CalendarLink.SECRET:
        kwargs, suffix = {"slug": group.slug, "token": token}, "_token"
    else:
        return []
    return [
        FeedLink(
            _("%(group)s: readings and questions") % {"group": group.name},
            reverse(f"groups:atom{suffix}", kwargs=kwargs),
        ),
        FeedLink(
            _("%(group)s: new comments") % {"group": group.name},
            reverse(f"groups:comments_atom{suffix}", kwargs=kwargs),
        ),
    ]


# --- Entries --------------------------------------------------------------------------------


def week_url(group: ReadingGroup, week: Week) -> str:
    return reverse(
        "discussion:reading_in_text",
        kwargs={"slug": group.slug, "text": week.adoption.text.slug, "number": week.number},
    )


def announced_at(week: Week) -> datetime:
    return week.starts_at - LEAD_TIME


def reading_entries(
    group: ReadingGroup,
    absolute: Callable[[str], str],
    *,
    now: datetime | None = None,
    reader=None,
) -> list[Entry]:
    """Every week that has come up, and the approved questions on it, newest first.

    Weeks of the group's private uploads only for its members (`policy.may_read_in_group`).
    """
    now = now or timezone.now()
    weeks = [
        w
        for w in load_timeline(group, with_sections=False, with_progress=False).weeks
        if announced_at(w) <= now
    ]
    if reader is not None:
        weeks = policy.readable_weeks(policy.viewer(reader, group), group, weeks)
    entries: list[Entry] = []
    by_reading: dict[int, Week] = {}
    for week in weeks:
        by_reading[week.reading.pk] = week
        when = timezone.localtime(week.starts_at, group.tz)
        details = [
            format_html(
                "<p>{}</p>",
                _("%(title)s, week %(number)s.")
                % {"title": week.adoption.text.title, "number": week.number},
            ),
            format_html(
                "<p>{}</p>",
                _("Meeting: %(when)s.") % {"when": date_format(when, _("l j F Y, H:i T"))},
            ),
        ]
        if week.reading.minutes:
            about = _("About %(minutes)s minutes of reading.") % {"minutes": week.reading.minutes}
            details.append(format_html("<p>{}</p>", about))
        if group.location:
            details.append(
                format_html("<p>{}</p>", _("Place: %(place)s.") % {"place": group.location})
            )
        entries.append(
            Entry(
                title=_("Week %(number)s: %(title)s")
                % {"number": week.number, "title": week.reading.title},
                link=absolute(week_url(group, week)),
                description="".join(details),
                published=announced_at(week),
                updated=announced_at(week),
            )
        )
    # Curated questions hang on curated weeks: each shows in the group week it lands in.
    homes = curated_homes([w.reading for w in by_reading.values()])
    for curated_pk, home in homes.items():
        by_reading[curated_pk] = by_reading[home.pk]
    questions = Question.objects.filter(
        Q(group__isnull=True) | Q(group=group),
        reading_id__in=list(by_reading),
        status=Question.Status.APPROVED,
    ).select_related("proposed_by")
    for question in questions:
        week = by_reading[question.reading_id]
        published = max(question.created_at, announced_at(week))
        entries.append(
            Entry(
                title=_("Question on week %(number)s: %(question)s")
                % {"number": week.number, "question": _shorten(question.body, 80)},
                link=absolute(f"{week_url(group, week)}#q-{question.pk}"),
                description=format_html("<p>{}</p>", question.body),
                published=published,
                updated=published,
                author=question.proposed_by.name
                if question.group_id and question.proposed_by
                else "",
            )
        )
    entries.sort(key=lambda e: (e.published, e.link), reverse=True)
    return entries[:MAX_ENTRIES]


def comment_entries(group: ReadingGroup, absolute: Callable[[str], str], reader) -> list[Entry]:
    """The newest comments the reader may read, never hidden ones: a feed travels (one query)."""
    comments = (
        policy.comments_that_may_leave(policy.readable_comments(reader))
        .filter(group=group)
        .select_related("author", "reading__text")
        .order_by("-created_at", "-pk")[:MAX_ENTRIES]
    )
    # A member's own feed folds away the weeks they have not reached (`spoilers`: three
    # queries, none when the setting is off or the feed is public).
    guard = spoilers.guard(reader, [group.pk])
    entries = []
    for comment in comments:
        reading = comment.reading
        page = reverse(
            "discussion:reading_in_text",
            kwargs={"slug": group.slug, "text": reading.text.slug, "number": reading.number},
        )
        author = comment.author.name if comment.author else "A former member"
        quote = format_html("<blockquote>{}</blockquote>", comment.quote) if comment.quote else ""
        description = quote + comment.html  # sanitised when saved
        if guard.closed_week(group.pk, reading.pk) is not None:
            description = format_html(
                "<p>{}</p>",
                _("A new comment on week %(number)s, which you haven't finished.")
                % {"number": reading.number},
            )
        entries.append(
            Entry(
                title=f"{author} on week {reading.number}: {reading.title}",
                link=absolute(f"{page}#{comment.anchor}"),
                description=description,
                published=comment.created_at,
                updated=comment.edited_at or comment.created_at,
                author=author,
            )
        )
    return entries


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# --- Feeds ----------------------------------------------------------------------------------


class GroupFeed(Feed):
    feed_type = Atom1Feed
    title_format = subtitle_format = ""

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "private, max-age=300"
        return response

    def entries(self, group: ReadingGroup, absolute: Callable[[str], str], reader) -> list[Entry]:
        raise NotImplementedError

    def get_object(self, request: HttpRequest, slug: str, token: str | None = None) -> Source:
        group, reader = load_group(slug, token)
        absolute = absolute_url
        return Source(
            group=group,
            link=absolute(group.get_absolute_url()),
            feed_url=absolute(request.path),  # on SITE_URL, whichever host asked
            entries=self.entries(group, absolute, reader),
        )

    def title(self, obj: Source) -> str:
        return self.title_format % {"group": obj.group.name}

    def link(self, obj: Source) -> str:
        return obj.link

    def feed_url(self, obj: Source) -> str:
        return obj.feed_url

    def subtitle(self, obj: Source) -> str:
        return obj.group.description or self.subtitle_format % {"group": obj.group.name}

    def items(self, obj: Source) -> list[Entry]:
        return obj.entries

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_link(self, item: Entry) -> str:
        return item.link

    def item_description(self, item: Entry) -> str:
        return item.description

    def item_pubdate(self, item: Entry) -> datetime:
        return item.published

    def item_updateddate(self, item: Entry) -> datetime:
        return item.updated

    def item_author_name(self, item: Entry) -> str | None:
        return item.author or None


class ReadingsFeed(GroupFeed):
    """(a) Each dated week as it comes up, with a link to the week page; approved questions."""

    title_format = gettext_lazy("%(group)s: readings and questions")
    subtitle_format = gettext_lazy("Readings and questions in %(group)s.")

    def entries(self, group: ReadingGroup, absolute: Callable[[str], str], reader) -> list[Entry]:
        return reading_entries(group, absolute, reader=reader)


class CommentsFeed(GroupFeed):
    """(b) New comments; hidden and deleted ones never appear."""

    title_format = gettext_lazy("%(group)s: new comments")
    subtitle_format = gettext_lazy("New comments in %(group)s.")

    def entries(self, group: ReadingGroup, absolute: Callable[[str], str], reader) -> list[Entry]:
        return comment_entries(group, absolute, reader)


readings_feed = require_GET(ReadingsFeed())
comments_feed = require_GET(CommentsFeed())
