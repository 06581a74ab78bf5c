"""Personal tokens: made on the profile page and shown once, stored hashed, revoked there."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from studygroup.api.models import ApiToken
from studygroup.api.tokens import create_token, digest
from tests.api.helpers import Api
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def make_on_profile(client, name="My notes app"):
    return client.post(reverse("api_token_create"), {"name": name})


def test_a_token_is_shown_once_and_stored_as_a_digest(client):
    user = make_user()
    client.force_login(user)
    response = make_on_profile(client)
    assert response.status_code == 201
    assert response["Cache-Control"].startswith("max-age=0")
    token = ApiToken.objects.get(user=user)
    secret = response.context["secret"]
    assert secret.startswith("sg_") and len(secret) > 40
    assert secret in response.content.decode()
    assert token.digest == digest(secret) and secret not in token.digest
    assert not ApiToken.objects.filter(digest=secret).exists()
    # The profile lists it by name and first characters, never the whole token.
    page = client.get(reverse("profile")).content.decode()
    assert "My notes app" in page and token.prefix in page
    assert secret not in page
    assert Api(secret).get("/me").json()["handle"] == user.username


def test_last_use_is_recorded(client):
    user = make_user()
    secret = create_token(user=user, name="n").secret
    assert ApiToken.objects.get().last_used_at is None
    assert Api(secret).get("/texts").status_code == 200
    assert ApiToken.objects.get().last_used_at is not None


def test_a_revoked_token_opens_nothing(client):
    user = make_user()
    created = create_token(user=user, name="n")
    assert Api(created.secret).get("/me").status_code == 200
    client.force_login(user)
    response = client.post(reverse("api_token_revoke", kwargs={"pk": created.token.pk}))
    assert response.status_code == 302
    response = Api(created.secret).get("/me")
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]
    assert (
        f'id="api-token-{created.token.pk}"' not in client.get(reverse("profile")).content.decode()
    )


def test_nobody_revokes_another_members_token(client):
    owner, other = make_user(), make_user()
    created = create_token(user=owner, name="n")
    client.force_login(other)
    client.post(reverse("api_token_revoke", kwargs={"pk": created.token.pk}))
    assert Api(created.secret).get("/me").status_code == 200


def test_a_deactivated_members_token_opens_nothing():
    user = make_user()
    secret = create_token(user=user, name="n").secret
    user.is_active = False
    user.save()
    assert Api(secret).get("/me").status_code == 401


@pytest.mark.parametrize(
    "header",
    ["Bearer sg_guess", "Bearer ", "Token abc", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 500],
)
def test_wrong_tokens_are_401_with_a_reason(header):
    response = Client().get("/api/texts", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json()["detail"]


def test_making_tokens_is_rate_limited(client, settings):
    settings.API_TOKEN_RATE_LIMIT = "2/h"
    client.force_login(make_user())
    assert make_on_profile(client).status_code == 201
    assert make_on_profile(client).status_code == 201
    response = make_on_profile(client)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert ApiToken.objects.count() == 2


def test_tokens_per_member_are_capped(client, settings):
    settings.API_TOKENS_PER_MEMBER = 1
    client.force_login(make_user())
    assert make_on_profile(client).status_code == 201
    response = make_on_profile(client, "second")
    assert response.status_code == 302
    assert ApiToken.objects.count() == 1
    assert "revoke one" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_a_token_needs_a_sensible_name(client, name):
    client.force_login(make_user())
    response = make_on_profile(client, name)
    assert response.status_code == 302
    assert not ApiToken.objects.exists()


def test_making_a_token_needs_sign_in_and_csrf():
    user = make_user()
    response = Client().post(reverse("api_token_create"), {"name": "n"})
    assert response.status_code == 302 and "login" in response["Location"]
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(user)
    assert csrf_client.post(reverse("api_token_create"), {"name": "n"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_revoking_an_id_past_any_column_is_404(client):
    client.force_login(make_user())
    assert client.post(f"/accounts/tokens/{'9' * 30}/revoke/").status_code == 404


def test_using_a_token_leaves_the_page_cache_alone():
    """A read through the API notes the token's last use: no page shows that, so the
    versions the user's page copies are keyed by stay where they were."""
    from django.core.cache import cache

    from studygroup import cache as versions

    user = make_user()
    secret = create_token(user=user, name="n").secret
    keys = [versions.LIBRARY, versions.viewer_version_key(user.pk)]
    versions.bump(keys)
    before = cache.get_many(keys)
    assert Api(secret).get("/texts").status_code == 200
    assert ApiToken.objects.get().last_used_at is not None
    assert cache.get_many(keys) == before
