"""The "@" listbox fragment: matching members of this group only, and 404 to outsiders."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import add_member, make_group, make_user

pytestmark = pytest.mark.django_db


def suggestions(client, group, q: str) -> str:
    url = reverse("groups:mention_suggestions", kwargs={"slug": group.slug})
    response = client.get(url, {"q": q}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.content.decode()


def test_matches_members_of_this_group_by_handle_or_name_not_the_viewer(client):
    me = make_user(username="mo", display_name="Mo")
    group = make_group(facilitator=make_user(username="fran", display_name="Frances"))
    add_member(group, me)
    add_member(group, make_user(username="ola_k", display_name="Ola Kowalska"))
    add_member(group, make_user(username="olaf", display_name="<b>Olaf</b>"))
    elsewhere = make_group()
    add_member(elsewhere, make_user(username="olga", display_name="Olga"))
    client.force_login(me)
    html = suggestions(client, group, "ol")
    assert html.count('role="option"') == 2
    assert 'data-handle="ola_k"' in html and 'data-handle="olaf"' in html
    assert "olga" not in html and "&lt;b&gt;Olaf&lt;/b&gt;" in html
    assert 'data-handle="fran"' in suggestions(client, group, "@franc")  # by display name
    assert 'role="option"' not in suggestions(client, group, "mo")  # never oneself
    assert suggestions(client, group, "").count('role="option"') == 3


def test_a_long_or_odd_query_is_harmless(client):
    me = make_user(username="mo")
    group = make_group(facilitator=me)
    client.force_login(me)
    assert 'role="option"' not in suggestions(client, group, "x" * 500 + "%_'\"")
