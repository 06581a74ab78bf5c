"""`{% group_feed_links group viewer as links %}`: the Atom feeds this viewer may subscribe to.

The decision is `feeds.feed_links` (which asks access.py); templates only loop over it.
"""

from __future__ import annotations

from django import template

from studygroup.groups import access, feeds
from studygroup.groups.models import ReadingGroup

register = template.Library()


@register.simple_tag
def group_feed_links(group: ReadingGroup, viewer: access.Viewer | None) -> list[feeds.FeedLink]:
    if viewer is None:
        return []
    return feeds.feed_links(group, viewer)
