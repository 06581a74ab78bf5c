"""The privacy page (/privacy/): linked from every page's footer, readable by anyone, and its
list of what is stored is the "Download my data" archive's own list of files."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from studygroup.accounts import data_export
from tests.builders import make_circle

pytestmark = pytest.mark.django_db

URL = reverse("privacy")


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_anyone_may_read_it_and_every_page_links_to_it(client, who):
    if who == "member":
        client.force_login(make_circle().member)
    response = client.get(URL)
    assert response.status_code == 200
    assert f'href="{URL}"' in client.get(reverse("home")).content.decode()


def test_it_lists_every_file_of_the_archive_with_what_it_holds(client):
    page = html.unescape(client.get(URL).content.decode())
    parts = data_export.parts()
    assert len(parts) >= 10
    for part in parts:
        assert f"{part.name}.json" in page
        assert str(part.about()) in page


def test_it_says_ballots_are_secret_and_deletion_has_a_grace_period(client, settings):
    settings.ACCOUNT_DELETION_GRACE_DAYS = 21
    page = html.unescape(client.get(URL).content.decode())
    assert "nobody can tell how you voted" in page
    assert "erased 21 days later" in page
