"""A deleted comment names nobody: not on the page, its reply form, the log, feeds or exports."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from studygroup.discussion import moderation, services
from studygroup.discussion.threads import MAX_DEPTH
from tests.builders import make_circle
from tests.factories import add_member, make_user

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


@pytest.mark.parametrize("deleted_by", ["author", "facilitator"])
def test_no_page_names_the_author_of_a_deleted_comment(client, deleted_by):
    world = make_circle(is_public=True)
    amina = make_user(username="haddad", display_name="Amina Haddad")
    add_member(world.group, amina)
    gone = world.post(author=amina, body="Something I regret.")
    moderation.report_comment(reporter=world.other, comment=gone, reason="Rude")
    reply = world.post(author=world.member, body="An answer to it.", parent=gone)
    # A reply deep enough to say whom it answers ("replying to @…").
    deep = gone
    for level in range(MAX_DEPTH + 1):
        last = level == MAX_DEPTH
        author = amina if last else (world.other if level % 2 else world.facilitator)
        deep = world.post(author=author, body="On.", parent=deep)
    deepest = world.post(author=world.member, body="Deepest.", parent=deep)
    for comment in (deep, gone):
        actor = amina if deleted_by == "author" else world.facilitator
        services.delete_comment(comment=comment, actor=actor, reason="Off topic")
    slug = world.group.slug
    pages = [
        world.page,
        world.url("thread"),
        world.url("comment", pk=gone.pk),
        world.url("comment", pk=reply.pk),
        world.url("comment", pk=deepest.pk),
        world.url("reply", pk=gone.pk),
        world.url("reply", pk=deep.pk),
        world.url("history", pk=gone.pk),
        reverse("moderation:log", kwargs={"slug": slug}),
        reverse("moderation:reports", kwargs={"slug": slug}),
        reverse("moderation:comment", kwargs={"slug": slug, "pk": gone.pk}),
        reverse("groups:comments_atom", kwargs={"slug": slug}),
        reverse("export:group_file", kwargs={"slug": slug, "fmt": "md"}),
        reverse("export:group_file", kwargs={"slug": slug, "fmt": "json"}),
        reverse("search:search") + "?q=regret",
    ]
    for viewer in (world.member, world.facilitator):
        client.force_login(viewer)
        for url in pages:
            for headers in ({}, HX):
                response = client.get(url, headers=headers, follow=True)
                body = response.content.decode()
                if response["Content-Type"].startswith("application/json"):  # roll call names her
                    data = json.loads(body)
                    assert any(m["display_name"] == "Amina Haddad" for m in data.pop("members"))
                    body = json.dumps(data)
                assert "amina" not in body.lower(), f"{url} names the author"
                assert "haddad" not in body.lower(), f"{url} names the author"
