"""Which language a page and an email speak: the browser's, the footer's, the member's own."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import formats, translation

from studygroup.accounts.models import User
from studygroup.groups.forms import GroupForm
from studygroup.groups.models import Invitation
from studygroup.groups.services import invite_by_email
from tests.factories import add_member, make_group, make_user

pytestmark = pytest.mark.django_db
SITE = "http://127.0.0.1:8000"


def html_lang(response) -> str:
    head = response.content.decode()
    return head.split('<html lang="', 1)[1].split('"', 1)[0]


def test_a_visitor_gets_the_language_their_browser_asks_for(client):
    english = client.get("/")
    assert html_lang(english) == "en" and ">Sign in<" in english.content.decode()
    spanish = client.get("/", headers={"accept-language": "es-ES,es;q=0.9,en;q=0.5"})
    assert html_lang(spanish) == "es" and spanish["Content-Language"] == "es"
    assert ">Entrar<" in spanish.content.decode() and ">Sign in<" not in spanish.content.decode()
    german = client.get("/", headers={"accept-language": "de-DE,de;q=0.9"})
    assert html_lang(german) == "de" and ">Anmelden<" in german.content.decode()
    # A language we do not have falls back to English; the URLs never change.
    assert html_lang(client.get("/", headers={"accept-language": "fr-FR"})) == "en"


def test_a_members_own_language_wins_over_the_browser(client):
    member = make_user(language="de")
    client.force_login(member)
    page = client.get("/", headers={"accept-language": "es-ES,es"})
    assert html_lang(page) == "de" and page["Content-Language"] == "de"
    assert "Deine Gruppen" in page.content.decode()
    User.objects.filter(pk=member.pk).update(language="")  # blank: follow the browser
    assert html_lang(client.get("/", headers={"accept-language": "es-ES,es"})) == "es"


def test_the_profile_sets_the_language_and_says_saved_in_it(client):
    member = make_user(display_name="Ada", username="ada")
    client.force_login(member)
    form = client.get(reverse("profile")).content.decode()
    assert 'value="de"' in form and "Deutsch" in form and "español" in form
    data = {"display_name": "Ada", "handle": "ada", "language": "es"}
    response = client.post(reverse("profile"), data, follow=True)
    member.refresh_from_db()
    assert member.language == "es"
    assert "Tu perfil está guardado." in response.content.decode()
    refused = client.post(reverse("profile"), {**data, "language": "xx"})
    assert refused.status_code == 400
    member.refresh_from_db()
    assert member.language == "es"


def test_the_footer_switch_sets_a_cookie_and_a_members_profile(client):
    response = client.post(reverse("set_language"), {"language": "de", "next": "/groups/"})
    assert response.status_code == 302 and response["Location"] == "/groups/"
    assert html_lang(client.get("/groups/")) == "de"
    # A foreign `next` is not followed.
    away = client.post(reverse("set_language"), {"language": "es", "next": "https://evil.example/"})
    assert away["Location"] == "/"
    member = make_user()
    client.force_login(member)
    client.post(reverse("set_language"), {"language": "es", "next": "/"})
    member.refresh_from_db()
    assert member.language == "es"
    assert html_lang(client.get("/", headers={"accept-language": "de"})) == "es"


def test_the_footer_switch_needs_a_post_with_csrf():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.get(reverse("set_language")).status_code == 405
    assert strict.post(reverse("set_language"), {"language": "de"}).status_code == 403


def test_the_javascript_catalogue_is_served_as_a_script_in_the_pages_language(client):
    page = client.get("/", headers={"accept-language": "es"}).content.decode()
    src = re.search(r'<script src="(/jsi18n/\?v=es&amp;c=[0-9a-f]{16})"></script>', page)
    assert src  # a src: the CSP allows no inline script
    catalogue = client.get(html.unescape(src.group(1)), headers={"accept-language": "es"})
    assert catalogue["Content-Type"].startswith("text/javascript")
    assert "Cerrar" in catalogue.content.decode()  # "Dismiss" in site.js


def test_the_javascript_catalogue_is_kept_by_browsers_under_its_digest(client):
    """The URL a page names never changes its answer: a year, no revalidation. Any other
    URL is the catalogue of its language with an ETag, asked again each time (304)."""
    page = client.get("/", headers={"accept-language": "de"}).content.decode()
    src = html.unescape(re.search(r'<script src="(/jsi18n/[^"]+)"></script>', page).group(1))
    named = client.get(src, headers={"accept-language": "es"})  # the URL's language wins
    assert "Seite neu laden" in named.content.decode()
    assert "immutable" in named["Cache-Control"] and "max-age=31536000" in named["Cache-Control"]
    old = client.get("/jsi18n/?v=de&c=0000000000000000")  # a page from an older deploy
    assert "Seite neu laden" in old.content.decode() and "no-cache" in old["Cache-Control"]
    again = client.get("/jsi18n/?v=de", headers={"if-none-match": old["ETag"]})
    assert again.status_code == 304
    bare = client.get("/jsi18n/", headers={"accept-language": "es"})  # no language named
    assert "Cerrar" in bare.content.decode() and bare["ETag"] != old["ETag"]


def test_the_catalogue_revalidates_by_etag_list_not_by_substring(client):
    """If-None-Match is a list of tags, compared weakly; a tag that merely contains the
    catalogue's digest is another tag."""
    etag = client.get("/jsi18n/?v=de")["ETag"]
    listed = client.get("/jsi18n/?v=de", headers={"if-none-match": f'"other", W/{etag}'})
    assert listed.status_code == 304
    assert client.get("/jsi18n/?v=de", headers={"if-none-match": "*"}).status_code == 304
    padded = f'"x{etag.strip(chr(34))}x"'
    assert client.get("/jsi18n/?v=de", headers={"if-none-match": padded}).status_code == 200


def test_a_catalogue_is_read_again_when_the_locale_paths_change(client, tmp_path):
    """A kept catalogue follows the .mo files it was read from: tests that point
    LOCALE_PATHS elsewhere must not leave the next test an empty catalogue."""
    assert "Cerrar" in client.get("/jsi18n/?v=es").content.decode()
    with override_settings(LOCALE_PATHS=[tmp_path]):  # no catalogues there
        assert "Cerrar" not in client.get("/jsi18n/?v=es").content.decode()
    assert "Cerrar" in client.get("/jsi18n/?v=es").content.decode()


def test_emails_speak_the_recipients_language(django_capture_on_commit_callbacks):
    facilitator = make_user(language="es")
    group = make_group(facilitator=facilitator, name="Círculo de Vallecas")
    # The invitee is no member yet: the inviter's language.
    with django_capture_on_commit_callbacks(execute=True):
        invite_by_email(
            group=group, created_by=facilitator, email="nueva@example.org", base_url=SITE
        )
    [invitation_mail] = mail.outbox
    assert "Te invitan a leer con Círculo de Vallecas" in invitation_mail.subject
    assert "Acepta la invitación aquí" in invitation_mail.body
    # A member already: their own language, whatever the inviter's.
    mail.outbox.clear()
    reader = make_user(language="de", email="leser@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        invite_by_email(group=group, created_by=facilitator, email=reader.email, base_url=SITE)
    assert "Du bist eingeladen" in mail.outbox[0].subject
    assert Invitation.objects.filter(group=group).count() == 2


def test_an_allauth_email_goes_out_in_the_members_language(client):
    make_user(email="ada@example.org", language="de")
    client.post("/accounts/password/reset/", {"email": "ada@example.org"})
    [message] = mail.outbox
    with translation.override("de"):
        assert translation.gettext("Password Reset Email") in message.subject


@pytest.mark.parametrize(
    ("language", "long_date", "short_weekday"),
    [
        ("en", "8 December 2026", "Tue 8 Dec"),
        ("es", "8 de diciembre de 2026", "mar 8 Dic"),
        ("de", "8. Dezember 2026", "Di, 8. Dez"),
    ],
)
def test_dates_and_weekdays_follow_the_language(language, long_date, short_weekday):
    day = date(2026, 12, 8)
    with translation.override(language):
        assert formats.date_format(day, translation.gettext("j F Y")) == long_date
        assert formats.date_format(day, translation.gettext("D j M")) == short_weekday


@pytest.mark.parametrize(
    ("language", "first"), [("en", "Sunday"), ("es", "lunes"), ("de", "Montag")]
)
def test_the_meeting_day_list_starts_the_week_where_the_language_does(language, first):
    with translation.override(language):
        labels = [str(label) for _value, label in GroupForm().fields["meeting_weekday"].choices]
    assert labels[0] == first and len(labels) == 7


def test_a_group_page_in_spanish_names_its_day_and_dates_in_spanish(client):
    group = make_group(is_public=True, name="Tuesday Circle", meeting_weekday=1)
    add_member(group)
    page = client.get(group.get_absolute_url(), headers={"accept-language": "es"}).content.decode()
    assert "se reúne los martes a las 19:00" in page
    assert "Tuesdays" not in page


def test_a_week_read_in_english_then_in_spanish_is_spanish_throughout(client):
    """The thread, the week's text and its markers are kept rendered per process; a copy made
    for an English reader must never be served to a Spanish one."""
    from tests.builders import make_circle

    circle = make_circle()
    circle.post(body="A first thought.")
    client.force_login(circle.other)
    url = reverse("discussion:reading", kwargs={"slug": circle.group.slug, "number": 1})
    english = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert ">Reply<span" in english
    spanish = client.get(url, headers={"accept-language": "es-ES,es"}).content.decode()
    assert html_lang_of(spanish) == "es"
    assert ">Responder<span" in spanish and ">Reply<span" not in spanish
    assert "A first thought." in spanish


def html_lang_of(html: str) -> str:
    return html.split('<html lang="', 1)[1].split('"', 1)[0]
