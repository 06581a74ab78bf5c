"""A group's meetings as an iCalendar (RFC 5545) feed."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from icalendar import Calendar, Event, vText

from studygroup.groups.models import ReadingGroup
from studygroup.groups.timeline import Timeline
from studygroup.library.pages import page_maps


def build_feed(
    group: ReadingGroup,
    timeline: Timeline,
    *,
    absolute: Callable[[str], str],
    host: str,
    facilitators: dict[int, list[str]] | None = None,
) -> bytes:
    """One VEVENT per meeting, in the group's time zone (with its VTIMEZONE).

    `facilitators` maps reading ids to the names on the rota (meetings/agenda.py)."""
    cal = Calendar()
    cal.add("prodid", "-//studygroup//reading groups//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # icalendar escapes only the properties it knows the type of: an X- one is given as text,
    # on one line (a raw line break there would raise, or start a new property).
    cal.add("x-wr-calname", vText(" ".join(group.name.split())))
    cal.add("x-wr-timezone", group.timezone)
    now = timezone.now()
    group_url = absolute(group.get_absolute_url())
    maps = page_maps(adoption.text for adoption in timeline.adoptions)
    for week in timeline.weeks:
        event = Event()
        event.add("uid", f"group-{group.pk}-text-{week.adoption.text_id}-week-{week.number}@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", week.starts_at)
        event.add("dtend", week.ends_at)
        names = {"group": group.name, "text": week.adoption.text.title}
        names |= {"number": week.number, "title": week.reading.title}
        event.add("summary", _("%(group)s: week %(number)s, %(title)s") % names)
        lines = [_("%(text)s, week %(number)s: %(title)s") % names]
        if week.sections:
            sections = "; ".join(s.title for s in week.sections)
            lines.append(_("Sections: %(sections)s") % {"sections": sections})
        if week.reading.minutes:
            minutes = week.reading.minutes
            lines.append(
                ngettext(
                    "About %(minutes)s minute of reading.",
                    "About %(minutes)s minutes of reading.",
                    minutes,
                )
                % {"minutes": minutes}
            )
        pages = maps[week.adoption.text_id].for_reading(week.reading)
        if pages:
            lines.append(str(pages))  # "pp. 31–58": for members with the print edition
        names = (facilitators or {}).get(week.reading.pk)
        if names:
            lines.append(_("Facilitating: %(names)s") % {"names": ", ".join(names)})
        if group.video_url:
            lines.append(_("Video call: %(url)s") % {"url": group.video_url})
        lines.append(group_url)
        event.add("description", "\n".join(lines))
        if group.location or group.video_url:
            event.add("location", group.location or group.video_url)
        event.add("url", group_url)
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
