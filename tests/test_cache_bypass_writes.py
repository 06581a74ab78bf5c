"""Writes that bypass save() still drop the kept reading page (studygroup/cache.py,
`bump_rows_on_commit`; the guard is tests/test_cache_writes.py). Each test keeps a page, makes
the write the way the site makes it, and reads the page again with the real cache."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from studygroup import cache as versions
from studygroup.library import curation
from studygroup.library.models import Paragraph, Reading, Section, Text
from tests.builders import make_circle
from tests.factories import make_question


@pytest.fixture
def world(db):
    return make_circle(curator=True)


# The compose form's one-time token, fresh on every serve of a kept copy.
CLIENT_TOKEN = re.compile(r'name="client_token" value="[^"]*"')


def kept(client, user, page: str) -> str:
    """The page, signed in, after the first visit (never kept): the next GET is the kept copy."""
    client.force_login(user)
    assert client.get(page).status_code == 200
    html = CLIENT_TOKEN.sub("", client.get(page).content.decode())
    assert CLIENT_TOKEN.sub("", client.get(page).content.decode()) == html  # the kept copy
    return html


def curated_week(world) -> Reading:
    return Reading.objects.curated().get(text_id=world.reading.text_id, number=world.reading.number)


def test_a_curator_reordering_questions_is_on_the_next_page(client, world):
    first = make_question(world.reading, body="Alpha question?", position=0)
    make_question(world.reading, body="Omega question?", position=1)
    html = kept(client, world.member, world.page)
    assert html.index("Alpha question?") < html.index("Omega question?")
    assert curation.move_question(first, up=False)
    html = client.get(world.page).content.decode()
    assert html.index("Omega question?") < html.index("Alpha question?")


def test_a_curator_unpublishing_a_week_moves_the_kept_pages_version(client, world):
    # The group's page shows the library's weeks; its copy hangs on the library's version.
    kept(client, world.member, world.page)
    etag = client.get(world.page)["ETag"]
    assert client.get(world.page, headers={"If-None-Match": etag}).status_code == 304
    curation.set_readings_published(
        readings=Reading.objects.filter(pk=curated_week(world).pk), published=False
    )
    assert client.get(world.page, headers={"If-None-Match": etag}).status_code == 200


def test_the_admins_publish_action_moves_the_kept_pages_version(world):
    public = make_circle(is_public=True, suffix="-pub", text=world.group.adoptions.get().text)
    visitor = Client()
    visitor.get(public.page)
    etag = visitor.get(public.page)["ETag"]
    assert visitor.get(public.page, headers={"If-None-Match": etag}).status_code == 304
    text = Text.objects.get(pk=world.reading.text_id)
    admin = Client()
    admin.force_login(world.users["admin"])
    answer = admin.post(
        "/admin/library/text/",
        {"action": "unpublish", "_selected_action": [text.pk]},
    )
    assert answer.status_code == 302
    assert not Text.objects.get(pk=text.pk).is_public
    assert visitor.get(public.page, headers={"If-None-Match": etag}).status_code == 200


def test_a_batchs_versions_cost_one_query_however_many_rows(world, django_assert_num_queries):
    text_id = world.reading.text_id
    paragraphs = Paragraph.objects.filter(section__text_id=text_id)
    assert paragraphs.count() > 3
    library = versions.cache.get(versions.LIBRARY)
    text = versions.cache.get(versions.text_version_key(text_id))
    with django_assert_num_queries(1):  # a paragraph names its text through its section
        versions.bump_rows_on_commit(Paragraph, paragraphs)
    assert versions.cache.get(versions.LIBRARY) != library
    assert versions.cache.get(versions.text_version_key(text_id)) != text
    sections = list(Section.objects.filter(text_id=text_id))
    with django_assert_num_queries(0):  # the instances carry their text
        versions.bump_rows_on_commit(Section, sections)
    library = versions.cache.get(versions.LIBRARY)
    versions.bump_rows_on_commit(Paragraph, [])  # no rows, no move
    assert versions.cache.get(versions.LIBRARY) == library
