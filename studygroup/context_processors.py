from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language, gettext

from studygroup.accounts.views import reader_size
from studygroup.demo.management.commands.seed_demo import DEMO_PASSWORD, DEMO_USERS
from studygroup.js_catalogue import catalogue_url


def site(request: HttpRequest) -> dict:
    context = {
        "DEMO_MODE": settings.DEMO_MODE,
        "reader_size": reader_size(request),
        "js_catalogue_url": catalogue_url(get_language()),
    }
    if settings.DEMO_MODE:
        context["demo_accounts"] = [
            (
                email,
                name,
                gettext("site admin")
                if admin
                else gettext("facilitator")
                if "facilitator" in email
                else "",
            )
            for email, name, _handle, admin in DEMO_USERS
        ]
        context["demo_password"] = DEMO_PASSWORD
    return context
