from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from studygroup.accounts.models import User
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def signup(client, email: str, *, url: str = "/accounts/signup/", name: str = "Rosa L."):
    return client.post(
        url,
        {"display_name": name, "email": email, "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )


def emailed_code(email: str) -> str:
    [message] = [m for m in mail.outbox if m.to == [email]]
    return re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.M).group(1)


def without_csrf(html: str) -> str:
    return re.sub(r'(csrfmiddlewaretoken" value=|x-csrftoken": )"[^"]+"', r"\1", html)


def test_sign_up_with_email_and_display_name_then_confirm_the_address(client):
    """Every new address is confirmed, with a code sent to it, before the first sign-in (what
    lets sign-up answer alike for known and unknown addresses)."""
    response = signup(client, "rosa@example.org")
    assert response.redirect_chain == [(reverse("account_email_verification_sent"), 302)]
    user = User.objects.get(email="rosa@example.org")
    assert user.display_name == "Rosa L."
    assert user.username  # generated: the @handle for mentions
    assert "Signed in as" not in client.get("/").content.decode()
    confirmed = client.post(
        reverse("account_email_verification_sent"), {"code": emailed_code("rosa@example.org")}
    )
    assert confirmed.status_code == 302
    assert "Signed in as <strong>Rosa L.</strong>" in client.get("/").content.decode()


def test_sign_up_does_not_reveal_whether_an_address_is_registered(client):
    make_user(email="known@example.org", display_name="Known")
    known = signup(client, "known@example.org", name="Intruder")
    client.logout()
    unknown = signup(client, "unknown@example.org", name="Intruder")
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    same = without_csrf(known.content.decode()).replace("known@", "unknown@")
    assert same == without_csrf(unknown.content.decode())
    assert "already" not in known.content.decode()
    # Nobody was signed in, no second account was made, and the owner heard about it.
    assert User.objects.filter(email__iexact="known@example.org").count() == 1
    [to_owner] = [m for m in mail.outbox if m.to == ["known@example.org"]]
    assert "already exists" in to_owner.body
    assert emailed_code("unknown@example.org")


def test_sign_up_page_uses_the_site_layout(client):
    html = client.get("/accounts/signup/").content.decode()
    assert '<main id="main"' in html
    assert 'name="display_name"' in html
    assert "css/site.css" in html


def test_log_in_with_email_and_log_out(client):
    make_user(email="ada@example.org", display_name="Ada")
    response = client.post("/accounts/login/", {"login": "ada@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert "Signed in as <strong>Ada</strong>" in client.get("/").content.decode()
    client.post("/accounts/logout/")
    assert "Signed in as" not in client.get("/").content.decode()


def test_wrong_password_is_refused(client):
    make_user(email="ada@example.org")
    response = client.post("/accounts/login/", {"login": "ada@example.org", "password": "nope"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_failed_logins_are_rate_limited(client):
    make_user(email="ada@example.org")
    statuses = [
        client.post("/accounts/login/", {"login": "ada@example.org", "password": "wrong"})
        for _ in range(6)
    ]
    # allauth allows 5 failures per account per 5 minutes, then refuses even the right password.
    assert all(r.status_code == 200 for r in statuses[:5])
    blocked = client.post("/accounts/login/", {"login": "ada@example.org", "password": PASSWORD})
    assert blocked.status_code in {200, 429}
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in blocked.content.decode()


def test_a_whole_class_behind_one_address_can_sign_in(settings):
    """allauth's default, 30 sign-ins a minute per IP, would turn the 31st student away."""
    for i in range(35):
        user = make_user(email=f"student{i}@example.org")
        browser = Client(REMOTE_ADDR="203.0.113.7")  # each their own browser, one NAT
        response = browser.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
        assert response.status_code == 302, i
        assert browser.session["_auth_user_id"] == str(user.pk)


def test_the_sign_in_limit_is_a_setting(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    codes = []
    for i in range(4):
        user = make_user(email=f"student{i}@example.org")
        browser = Client(REMOTE_ADDR="203.0.113.7")
        data = {"login": user.email, "password": PASSWORD}
        codes.append(browser.post("/accounts/login/", data).status_code)
    assert codes == [302, 302, 302, 429]


def test_password_reset_by_email(client):
    make_user(email="ada@example.org")
    client.post("/accounts/password/reset/", {"email": "ada@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(
        r"http://127.0.0.1:8000(/accounts/password/reset/key/\S+)", mail.outbox[0].body
    )
    assert link, mail.outbox[0].body
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    new_password = "a brand new passphrase 42"
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1),
        {"password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302
    client.logout()
    assert client.login(username="ada@example.org", password=new_password)
