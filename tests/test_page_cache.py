"""Whole pages kept per viewer until the next write (studygroup/page_cache.py).

The reading page is the one kept. A kept page costs three queries: the session, the user and
the access check; everything else comes from this process's memory.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext

from studygroup import page_cache
from studygroup.accounts.models import User
from studygroup.groups.models import Membership
from studygroup.library.models import Question
from tests.builders import make_circle
from tests.factories import make_question, make_user

KEPT_QUERIES = 3  # session, user, the group with the viewer's role


@pytest.fixture
def world(db):
    return make_circle()


def signed_in(client, user, page: str):
    """Signed in, with the CSRF cookie a first visit gets (first visits are never kept)."""
    client.force_login(user)
    assert client.get(page).status_code == 200
    return client


def test_a_kept_page_is_served_until_any_write(client, world, django_assert_num_queries):
    question = make_question(world.reading, body="What is a circle?")
    signed_in(client, world.member, world.page)
    assert "What is a circle?" in client.get(world.page).content.decode()
    with django_assert_num_queries(KEPT_QUERIES):
        assert "What is a circle?" in client.get(world.page).content.decode()

    # A queryset update: no model signal, still seen.
    Question.objects.filter(pk=question.pk).update(body="What is a spiral?")
    assert "What is a spiral?" in client.get(world.page).content.decode()

    # Raw SQL: still seen.
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE "{Question._meta.db_table}" SET body = %s WHERE id = %s',
            ["What is a line?", question.pk],
        )
    html = client.get(world.page).content.decode()
    assert "What is a line?" in html and "spiral" not in html


def test_each_viewer_gets_their_own_copy(client, world, django_assert_num_queries):
    signed_in(client, world.member, world.page)
    assert "Signed in as <strong>Mo</strong>" in client.get(world.page).content.decode()
    with django_assert_num_queries(KEPT_QUERIES):
        client.get(world.page)

    signed_in(client, world.other, world.page)
    html = client.get(world.page).content.decode()
    assert "Signed in as <strong>Ola</strong>" in html and "<strong>Mo</strong>" not in html
    with django_assert_num_queries(KEPT_QUERIES):
        assert "Signed in as <strong>Ola</strong>" in client.get(world.page).content.decode()


def test_access_is_decided_before_a_kept_page_is_served(client, world):
    signed_in(client, world.member, world.page)
    client.get(world.page)
    assert client.get(world.page).status_code == 200  # kept

    client.force_login(world.outsider)
    assert client.get(world.page).status_code == 404
    client.logout()
    assert client.get(world.page).status_code == 404

    Membership.objects.filter(group=world.group, user=world.member).delete()
    client.force_login(world.member)
    assert client.get(world.page).status_code == 404


def test_htmx_fragments_are_never_served_from_a_kept_page(client, world):
    signed_in(client, world.member, world.page)
    client.get(world.page)
    client.get(world.page)
    fragment = client.get(world.page, headers={"HX-Request": "true"}).content.decode()
    assert 'id="discussion"' in fragment and "<html" not in fragment


def test_a_pending_flash_message_is_shown_not_a_kept_page(client, world):
    signed_in(client, world.member, world.page)
    client.get(world.page)
    client.get(world.page)
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.SUCCESS, "Your note was saved.")
    carrier = HttpResponse()
    storage.update(carrier)
    client.cookies["messages"] = carrier.cookies["messages"].value
    assert "Your note was saved." in client.get(world.page).content.decode()


def test_without_an_epoch_nothing_is_kept(client, world):
    signed_in(client, world.member, world.page)
    client.get(world.page)
    cache.delete(page_cache.EPOCH_KEY)  # a fresh or flushed shared cache
    page_cache.pages().clear()
    for _ in range(2):
        assert client.get(world.page).status_code == 200
    assert not page_cache.pages()._cache  # nothing was stored


def test_a_session_write_does_not_drop_pages(client, world, django_assert_num_queries):
    signed_in(client, world.member, world.page)
    client.get(world.page)
    epoch = cache.get(page_cache.EPOCH_KEY)
    session = client.session
    session["seen_tour"] = True
    session.save()  # a django_session row written
    with django_assert_num_queries(KEPT_QUERIES):
        client.get(world.page)
    assert cache.get(page_cache.EPOCH_KEY) == epoch


# --- When the epoch moves: after the commit, never before -----------------------------


@pytest.mark.django_db(transaction=True)
def test_the_epoch_moves_after_a_commit_and_not_after_a_rollback():
    page_cache.bump()
    before = cache.get(page_cache.EPOCH_KEY)
    with transaction.atomic():
        make_user()
        assert cache.get(page_cache.EPOCH_KEY) == before  # nobody may see it yet
    committed = cache.get(page_cache.EPOCH_KEY)
    assert committed != before

    with pytest.raises(RuntimeError), transaction.atomic():
        make_user()
        raise RuntimeError("rolled back")
    User.objects.count()
    assert cache.get(page_cache.EPOCH_KEY) == committed


@pytest.mark.django_db(transaction=True)
def test_an_autocommit_write_moves_the_epoch_before_the_next_statement():
    user = make_user()
    page_cache.flush()
    before = cache.get(page_cache.EPOCH_KEY)
    User.objects.filter(pk=user.pk).update(display_name="Renamed")
    assert cache.get(page_cache.EPOCH_KEY) == before  # the statement itself is left alone
    User.objects.count()
    assert cache.get(page_cache.EPOCH_KEY) != before


@pytest.mark.django_db(transaction=True)
def test_a_views_write_moves_the_epoch_before_its_response_leaves(client):
    world = make_circle(suffix="-tx")
    signed_in(client, world.member, world.page)
    assert "reader-at-100" in client.get(world.page).content.decode()
    client.get(world.page)
    before = cache.get(page_cache.EPOCH_KEY)
    response = client.post("/accounts/reader-size/", {"size": "larger", "next": world.page})
    assert response.status_code == 302
    assert cache.get(page_cache.EPOCH_KEY) != before
    assert "reader-at-115" in client.get(world.page).content.decode()


# --- Which statements count as writes -------------------------------------------------

QUIET = frozenset({"django_session", "studygroup_cache"})


@pytest.mark.parametrize(
    "sql",
    [
        'INSERT INTO "discussion_comment" ("body") VALUES (%s) RETURNING "id"',
        'INSERT OR IGNORE INTO "discussion_reaction" ("kind") VALUES (%s)',
        'UPDATE "library_question" SET "body" = %s',
        '  delete from "groups_membership" WHERE id = 1',
        "REPLACE INTO library_text (id) VALUES (1)",
    ],
)
def test_writes_to_page_tables_count(sql):
    assert page_cache.changes_pages(sql, QUIET)


@pytest.mark.parametrize(
    "sql",
    [
        'SELECT "body" FROM "discussion_comment"',
        'SAVEPOINT "s1"',
        'RELEASE SAVEPOINT "s1"',
        "PRAGMA journal_mode=WAL",
        'UPDATE "django_session" SET "session_data" = %s',
        'INSERT INTO "studygroup_cache" (cache_key) VALUES (%s)',
        'DELETE FROM "studygroup_cache" WHERE expires < %s',
        'INSERT INTO "django_tasks_database_dbtaskresult" ("id") VALUES (%s)',
    ],
)
def test_reads_and_quiet_tables_do_not(sql):
    assert not page_cache.changes_pages(sql, QUIET)


def test_a_first_visit_is_rendered_and_not_kept(client, world):
    """Without a CSRF cookie the page gets a new secret: a copy could never be reused."""
    signed_in(client, world.member, world.page)
    client.get(world.page)
    page_cache.pages().clear()
    del client.cookies["csrftoken"]
    assert client.get(world.page).status_code == 200
    assert not page_cache.pages()._cache
    assert "csrftoken" in client.cookies  # the next request is no longer a first visit
    client.get(world.page)
    assert page_cache.pages()._cache


def test_with_the_production_cache_a_kept_page_reads_and_never_writes(client, world):
    """Without Redis, sessions and the epoch live in the database cache: still only SELECTs."""
    database_cache = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "studygroup_cache",
        },
    }
    engine = "django.contrib.sessions.backends.cached_db"
    with override_settings(CACHES=database_cache, SESSION_ENGINE=engine):
        call_command("createcachetable")
        quiet = connection.page_cache_quiet_tables
        connection.page_cache_quiet_tables = page_cache._quiet_tables()
        try:
            signed_in(client, world.member, world.page)
            client.get(world.page)
            with CaptureQueriesContext(connection) as views:
                for _ in range(3):
                    assert "Signed in as <strong>Mo</strong>" in client.get(world.page).text
        finally:
            connection.page_cache_quiet_tables = quiet
    tables = [re.search(r'FROM "(\w+)"', q["sql"]).group(1) for q in views.captured_queries]
    # The session and the epoch through the cache, the user, the group with the viewer's role.
    assert (
        tables == ["studygroup_cache", "accounts_user", "groups_membership", "studygroup_cache"] * 3
    )
    assert all(q["sql"].startswith("SELECT") for q in views.captured_queries)
