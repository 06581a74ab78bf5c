"""The site's one public address: `SITE_URL`.

Every absolute link the app hands out (emails, invitations, calendar feeds) and the name the
emails sign with come from here, never from the request's Host header or a database row.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext_lazy as _

DEFAULT_SITE_URL = "http://127.0.0.1:8000"


def absolute_url(path: str) -> str:
    """`path` on the public site; an already absolute URL is moved onto it."""
    bits = urlsplit(path)
    rest = (
        bits.path
        + (f"?{bits.query}" if bits.query else "")
        + (f"#{bits.fragment}" if bits.fragment else "")
    )
    return settings.SITE_URL + rest


def site_host() -> str:
    """The host (and port, if any) people know the site by, e.g. for email subjects."""
    return urlsplit(settings.SITE_URL).netloc


def email_subject(subject: str) -> str:
    """One line, signed with the site's host, like allauth's: "[read.example.net] ..."."""
    return f"[{site_host()}] " + " ".join(subject.split())


@checks.register(checks.Tags.security, deploy=True)
def check_site_url(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """In production every link we email must point at the real, encrypted site."""
    url = settings.SITE_URL
    if url == DEFAULT_SITE_URL:
        return [
            checks.Error(
                _("SITE_URL is left at its development default (%(url)s).") % {"url": url},
                hint=_("Set the SITE_URL environment variable to the public https address."),
                id="studygroup.E001",
            )
        ]
    if urlsplit(url).scheme != "https" or not urlsplit(url).hostname:
        return [
            checks.Error(
                _("SITE_URL (%(url)s) is not an https address.") % {"url": url},
                hint=_("Links in emails would be sent in the clear; use https://your.host."),
                id="studygroup.E002",
            )
        ]
    return []
