"""Who may open the member's own pages: the profile, "Download my data", "Delete my account"
and the privacy page. Anonymous visitors are sent to sign in; a member reaches only their own
(the views take no id: they act on the signed-in member, so there is nobody else's to ask for).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.builders import make_circle

pytestmark = pytest.mark.django_db

SIGN_IN = "sign in"
ENDPOINTS = {
    # name: (method, url name, data, {viewer: expected})
    "profile": ("get", "profile", None, {"anonymous": SIGN_IN, "member": 200}),
    "download": ("post", "download_my_data", None, {"anonymous": SIGN_IN, "member": 200}),
    "download_get": ("get", "download_my_data", None, {"anonymous": SIGN_IN, "member": 405}),
    "delete_page": ("get", "delete_account", None, {"anonymous": SIGN_IN, "member": 200}),
    "delete_unconfirmed": (
        "post",
        "delete_account",
        {"comments": "keep", "confirmation": "wrong"},
        {"anonymous": SIGN_IN, "member": 400},
    ),
    "privacy": ("get", "privacy", None, {"anonymous": 200, "member": 200}),
}
CASES = [(name, who) for name, spec in ENDPOINTS.items() for who in spec[3]]


@pytest.mark.parametrize(("name", "who"), CASES, ids=[f"{n}-{w}" for n, w in CASES])
def test_access_matrix(client, name, who):
    method, url_name, data, expected = ENDPOINTS[name]
    if who == "member":
        client.force_login(make_circle().member)
    response = getattr(client, method)(reverse(url_name), data or {})
    if expected[who] == SIGN_IN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected[who]
