"""Identity: chosen @handles (never from the email address), the profile page, old handles
that keep old mentions working, and the wording of the sign-up welcome."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from studygroup.accounts.handles import change_handle
from studygroup.accounts.models import HandleHistory, User
from studygroup.discussion.models import Notification
from tests.accounts.test_accounts import emailed_code, signup
from tests.builders import make_circle
from tests.factories import make_user

pytestmark = pytest.mark.django_db
neutral_handles = importlib.import_module("studygroup.accounts.migrations.0004_neutral_handles")


def sign_up_and_confirm(client, email: str, name: str):
    signup(client, email, name=name)
    return client.post(
        reverse("account_email_verification_sent"), {"code": emailed_code(email)}, follow=True
    )


# --- Sign-up --------------------------------------------------------------------------


def test_a_new_handle_comes_from_the_display_name_never_the_email(client):
    signup(client, "jane.doe.1987@example.org", name="Nadia K.")
    user = User.objects.get(email="jane.doe.1987@example.org")
    assert user.username == "nadia_k"
    assert "jane" not in user.username


def test_a_display_name_that_makes_no_handle_gets_a_neutral_one(client):
    signup(client, "nadia@example.org", name="—")
    assert User.objects.get(email="nadia@example.org").username.startswith("reader-")


def test_sign_in_flash_and_first_welcome_use_the_display_name(client):
    page = sign_up_and_confirm(client, "nadia@example.org", "Nadia K.").content.decode()
    assert "Successfully signed in as Nadia K." in page
    assert "signed in as nadia." not in page
    assert "Welcome, Nadia K." in page and "Welcome back" not in page
    again = client.get("/").content.decode()
    assert "Welcome back, Nadia K." in again


def test_someone_signing_in_again_is_welcomed_back(client):
    make_user(email="ada@example.org", display_name="Ada")
    client.force_login(User.objects.get(email="ada@example.org"))
    assert "Welcome back, Ada." in client.get("/").content.decode()


# --- The profile page -----------------------------------------------------------------


def test_profile_is_linked_from_the_header_and_needs_sign_in(client):
    assert client.get("/accounts/profile/").status_code == 302
    client.force_login(make_user(username="rosa", display_name="Rosa"))
    assert 'href="/accounts/profile/"' in client.get("/").content.decode()
    page = client.get("/accounts/profile/")
    assert page.status_code == 200
    assert 'value="rosa"' in page.content.decode() and 'value="Rosa"' in page.content.decode()


def test_profile_changes_display_name_and_handle_without_javascript(client):
    user = make_user(username="rosa", display_name="Rosa")
    client.force_login(user)
    response = client.post("/accounts/profile/", {"display_name": " Rosa L. ", "handle": "@RosaL"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.username) == ("Rosa L.", "RosaL")
    assert list(user.old_handles.values_list("handle", flat=True)) == ["rosa"]
    assert "@rosa" in client.get("/accounts/profile/").content.decode()


@pytest.mark.parametrize(
    ("handle", "message"),
    [
        ("x", "Use 2 to 30"),
        ("a" * 31, "Use 2 to 30"),
        ("jane.doe", "Use 2 to 30"),
        ("bad-", "Use 2 to 30"),
        ("ADMIN", "reserved"),
        ("reader-1234", "reserved"),
        ("Karl", "taken"),  # another's handle, in any case
        ("OLDKARL", "taken"),  # another's old handle: nobody may pass as them
    ],
)
def test_profile_refuses_bad_handles_with_a_400_and_saves_nothing(client, handle, message):
    karl = make_user(username="karl", display_name="Karl")
    HandleHistory.objects.create(user=karl, handle="oldkarl")
    user = make_user(username="rosa", display_name="Rosa")
    client.force_login(user)
    response = client.post("/accounts/profile/", {"display_name": "Changed", "handle": handle})
    assert response.status_code == 400
    assert message in response.content.decode()
    user.refresh_from_db()
    assert (user.display_name, user.username) == ("Rosa", "rosa")


def test_profile_refuses_an_empty_display_name(client):
    client.force_login(make_user(username="rosa", display_name="Rosa"))
    response = client.post("/accounts/profile/", {"display_name": "   ", "handle": "rosa"})
    assert response.status_code == 400


def test_one_can_take_back_ones_own_old_handle(client):
    user = make_user(username="rosa", display_name="Rosa")
    change_handle(user, "rosa_l")
    client.force_login(user)
    response = client.post("/accounts/profile/", {"display_name": "Rosa", "handle": "Rosa"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.username == "Rosa"
    assert list(user.old_handles.values_list("handle", flat=True)) == ["rosa_l"]


# --- Old mentions ---------------------------------------------------------------------


def test_mentions_link_by_member_not_handle_and_survive_a_handle_change(client):
    world = make_circle()
    before = world.post(body="Thanks @ola")
    change_handle(world.other, "ola_new")
    after = world.post(body="Still @ola, and now @ola_new")
    anchor = f"#member-{world.other.pk}"
    assert anchor in before.html
    assert after.html.count(anchor) == 2
    client.force_login(world.member)
    members = client.get(reverse("groups:members", kwargs={"slug": world.group.slug}))
    assert f'id="member-{world.other.pk}"' in members.content.decode()


def test_a_mention_of_an_old_handle_notifies_its_owner_and_nobody_else(client):
    world = make_circle()
    change_handle(world.other, "ola_new")
    # Nobody else can take the freed handle...
    client.force_login(world.facilitator)
    taken = client.post("/accounts/profile/", {"display_name": "Fran", "handle": "ola"})
    assert taken.status_code == 400
    # ...so a mention of it still means its owner.
    world.post(body="Hello @ola")
    assert list(Notification.objects.values_list("recipient_id", "kind")) == [
        (world.other.pk, "mention")
    ]


# --- The migration of email-made handles ----------------------------------------------


def test_handles_made_from_email_addresses_become_neutral_and_old_ones_are_kept():
    jane = make_user(username="jane.doe.1987", email="jane.doe.1987@example.org")
    jane2 = make_user(username="jane2", email="jane@example.net")
    rosa = make_user(username="rosa_l", email="rosa@example.org")
    neutral_handles.neutralise(apps, None)
    for user in (jane, jane2, rosa):
        user.refresh_from_db()
    assert jane.username.startswith("reader-") and jane2.username.startswith("reader-")
    assert rosa.username == "rosa_l"
    assert list(jane.old_handles.values_list("handle", flat=True)) == ["jane.doe.1987"]
    assert not rosa.old_handles.exists()
