"""`{% api_tokens %}`: the profile's token section, so that accounts need not import the API."""

from __future__ import annotations

from django import template

from studygroup.api.views import profile_context

register = template.Library()


@register.inclusion_tag("api/_tokens.html", takes_context=True)
def api_tokens(context) -> dict:
    request = context["request"]
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        **profile_context(request.user),
    }
