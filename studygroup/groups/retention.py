"""How long a group keeps its comments on a text: never removed, or removed a chosen time
after the group's last week of that text. The removal itself is the discussion's
(`discussion/retention/`); here is only the setting and the date it gives."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from studygroup.groups.timeline import Timeline

CHOICES = [
    (None, _("Keep them")),
    (30, _("Remove them 30 days after the last week of the text")),
    (90, _("Remove them 90 days after the last week of the text")),
    (365, _("Remove them a year after the last week of the text")),
]


def last_weeks(timeline: Timeline) -> dict[int, date]:
    """Each adoption's last meeting day, by adoption pk (adoptions without weeks are left out)."""
    last: dict[int, date] = {}
    for week in timeline.weeks:
        last[week.adoption.pk] = max(week.date, last.get(week.adoption.pk, week.date))
    return last


def removal_dates(days: int | None, timeline: Timeline) -> dict[int, date]:
    """The day each adoption's comments are removed, by adoption pk; {} when they are kept."""
    if days is None:
        return {}
    return {pk: last + timedelta(days=days) for pk, last in last_weeks(timeline).items()}
