"""The one-line retention notice by the comment form (discussion/retention/)."""

from __future__ import annotations

from django import template

from studygroup.discussion import retention
from studygroup.groups.timeline import load_timeline

register = template.Library()


@register.simple_tag
def retention_notice(group, reading) -> str:
    """When this group's comments on this reading's text will be removed. Two queries (the
    group's weeks), only for a group that removes comments at all."""
    if group.comment_retention_days is None:
        return ""
    timeline = load_timeline(group, with_sections=False, with_progress=False)
    adoption_id = next(
        (a.pk for a in timeline.adoptions if a.text_id == reading.text_id), reading.adoption_id
    )
    return retention.notice(group, adoption_id, timeline).text
