"""One site address, SITE_URL: every email names it and links to it, whatever the request host."""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from studygroup.discussion import notifications
from studygroup.discussion.models import Notification
from studygroup.discussion.tasks import notification_email
from tests.discovery.world import make_world
from tests.discussion.test_notifications import make_group as reading_group
from tests.discussion.test_notifications import post
from tests.factories import PASSWORD, make_group, make_user

SITE = "https://read.example.net"


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE


def links(message) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+", message.body)


def assert_names_the_site(message):
    assert message.subject.startswith("[read.example.net] "), message.subject
    assert "example.com" not in message.subject + message.body
    assert links(message), message.body
    for link in links(message):
        assert link.startswith(SITE + "/"), link


@pytest.mark.django_db
def test_the_sign_up_code_email_names_the_site(client, site):
    client.post(
        "/accounts/signup/",
        {"display_name": "Rosa", "email": "rosa@example.org", "password1": PASSWORD,
         "password2": PASSWORD},
    )  # fmt: skip
    [message] = mail.outbox
    assert message.subject.startswith("[read.example.net] "), message.subject
    assert "example.com" not in message.subject + message.body
    for link in links(message):
        assert link.startswith(SITE + "/"), link


@pytest.mark.django_db
def test_the_password_reset_email_links_to_the_site(client, site):
    make_user(email="ada@example.org")
    client.post("/accounts/password/reset/", {"email": "ada@example.org"})
    [message] = mail.outbox
    assert_names_the_site(message)
    assert any("/accounts/password/reset/key/" in link for link in links(message))


@pytest.mark.django_db
def test_the_unknown_account_reset_email_links_to_the_site(client, site):
    client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    [message] = mail.outbox
    assert_names_the_site(message)


@pytest.mark.django_db
def test_the_invitation_email_links_to_the_site(client, site):
    facilitator = make_user()
    group = make_group(facilitator=facilitator, name="Mailing Circle")
    client.force_login(facilitator)
    client.post(f"/groups/{group.slug}/invitations/email/", {"email": "ada@example.org"})
    [message] = mail.outbox
    assert_names_the_site(message)
    assert any("/groups/join/" in link for link in links(message))


@pytest.mark.django_db
def test_a_notification_email_names_and_links_to_the_site(site):
    ben, cy = make_user(display_name="Ben"), make_user(display_name="Cy")
    group = reading_group(facilitator=make_user(), members=[ben, cy])
    parent = post(group, ben)
    notifications.notify_comment_posted(post(group, cy, "I disagree.", parent=parent))
    message = notification_email(Notification.objects.get(recipient=ben))
    assert_names_the_site(message)


def run_deploy_check(settings, url: str) -> str:
    settings.SITE_URL = url
    try:
        call_command("check", "--deploy", "--tag", "security", stdout=io.StringIO())
    except SystemCheckError as error:
        return str(error)
    return ""


@pytest.mark.parametrize(
    ("url", "complaint"),
    [
        ("http://127.0.0.1:8000", "development default"),
        ("http://read.example.net", "not an https address"),
    ],
)
def test_check_deploy_fails_on_a_development_or_plain_http_site_url(settings, url, complaint):
    assert complaint in run_deploy_check(settings, url)


def test_check_deploy_accepts_an_https_site_url(settings):
    assert "SITE_URL" not in run_deploy_check(settings, SITE)


@pytest.mark.django_db
def test_seed_demo_prints_the_address_it_is_served_on(settings):
    settings.SITE_URL = "http://127.0.0.1:8010"
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "Sign in at http://127.0.0.1:8010/accounts/login/ " in out.getvalue()


def test_make_run_serves_on_the_port_asked_for_and_site_url_follows():
    commands = subprocess.run(
        ["make", "-n", "run", "PORT=8010"], capture_output=True, text=True, check=True
    ).stdout
    assert "runserver 127.0.0.1:8010" in commands
    assert "SITE_URL=http://127.0.0.1:8010" in commands
    assert "8000" not in commands


@pytest.mark.django_db
def test_calendar_and_atom_feeds_link_to_the_site_whichever_host_asked(client, site):
    group = make_world(is_public=True).group
    atom = client.get(f"/groups/{group.slug}/feeds/readings.atom").content.decode()
    ical = client.get(f"/groups/{group.slug}/calendar.ics").content.decode()
    assert f'href="{SITE}/groups/{group.slug}/"' in atom
    assert f"URL:{SITE}/" in ical and "@read.example.net" in ical
    assert "testserver" not in atom + ical
