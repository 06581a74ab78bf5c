"""`{% group_feed_links group viewer feed_token as links %}`: the Atom feeds this viewer may
subscribe to (`feed_token` is the viewer's own, when a member).

The decision is `feeds.feed_links` (which asks policy.py); templates only loop over it.
"""

from __future__ import annotations

from django import template

from studygroup import policy
from studygroup.groups import feeds
from studygroup.groups.models import ReadingGroup

register = template.Library()


@register.simple_tag
def group_feed_links(
    group: ReadingGroup, viewer: policy.Viewer | None, feed_token: str | None = None
) -> list[feeds.FeedLink]:
    if viewer is None:
        return []
    return feeds.feed_links(group, viewer, feed_token or None)
