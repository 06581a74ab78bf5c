"""Who facilitates which week, for the schedule and the calendar feed.

The rota lives in the meetings app, which sits above groups (app imports run one way), so it
registers its loader here when it is ready. Without it, no one is named.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from studygroup.groups.models import ReadingGroup

Source = Callable[[ReadingGroup, Iterable[int]], dict[int, list[str]]]
_source: Source | None = None


def register_facilitator_names(source: Source) -> None:
    global _source
    _source = source


def facilitator_names(group: ReadingGroup, reading_ids: Iterable[int]) -> dict[int, list[str]]:
    """Names of each week's facilitators, by reading id."""
    return _source(group, reading_ids) if _source is not None else {}
