"""The group page's line on how long comments are kept, and its facilitators' form."""

from __future__ import annotations

from django import template

from studygroup import policy
from studygroup.groups import retention

register = template.Library()


@register.inclusion_tag("groups/_retention.html", takes_context=True)
def group_retention(context) -> dict:
    """From the page's group, timeline and viewer: no query."""
    group, timeline, viewer = context["group"], context["timeline"], context["viewer"]
    today = group.today()
    due = retention.removal_dates(group.comment_retention_days, timeline)
    texts = {a.pk: a.text for a in timeline.adoptions}
    return {
        "group": group,
        "days": group.comment_retention_days,
        "removals": [(texts[pk], day) for pk, day in due.items() if day > today],
        "choices": retention.CHOICES,
        "may_change": policy.may_set_comment_retention(viewer),
        "csrf_token": context.get("csrf_token"),
    }
