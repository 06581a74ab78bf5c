"""Curators (staff in the Curator role) see the library in the admin, and nothing of a private
group's own: not its questions, not the tags only it used, not its comments or members. A site
admin (superuser) sees everything."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from taggit.models import Tag

from studygroup.library.roles import ensure_curator_group
from tests.admin.helpers import comment
from tests.factories import add_member, adopt, make_group, make_question, make_user

pytestmark = pytest.mark.django_db
GROUP_QUESTION = "Only-for-the-secret-circle"
CURATED_QUESTION = "Curated-for-every-group"


@pytest.fixture
def site():
    group = make_group(facilitator=make_user(), is_public=False, name="Secret Circle")
    add_member(group)
    reading = adopt(group, weeks=2).readings.order_by("number").first()
    own = make_question(reading, body=GROUP_QUESTION, group=group, status="approved")
    own.tags.add("secret-circle-tag", "shared-tag")
    curated = make_question(reading, body=CURATED_QUESTION)
    curated.tags.add("library-tag", "shared-tag")
    comment(group=group, reading=reading, author=make_user(), body="A private thought")
    curator = make_user(is_staff=True)
    curator.groups.add(ensure_curator_group())
    admin = make_user(is_staff=True, is_superuser=True)
    return {"own": own, "curated": curated, "curator": curator, "admin": admin, "group": group}


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_question_changelist_shows_curators_only_curated_questions(client, site):
    url = reverse("admin:library_question_changelist")
    html = get(client, site["curator"], url).content.decode()
    assert CURATED_QUESTION in html
    assert GROUP_QUESTION not in html
    assert "Secret Circle" not in html and "secret-circle-tag" not in html  # nor in the filters
    html = get(client, site["admin"], url).content.decode()
    assert CURATED_QUESTION in html and GROUP_QUESTION in html


def test_a_group_question_change_page_is_not_found_for_curators(client, site):
    url = reverse("admin:library_question_change", args=[site["own"].pk])
    response = get(client, site["curator"], url)
    assert response.status_code == 302  # the admin's "doesn't exist" redirect
    assert GROUP_QUESTION not in get(client, site["curator"], response["Location"]).content.decode()
    assert get(client, site["admin"], url).status_code == 200


def test_a_curator_cannot_post_changes_to_a_group_question(client, site):
    client.force_login(site["curator"])
    url = reverse("admin:library_question_change", args=[site["own"].pk])
    client.post(
        url, {"body": "Vandalised", "reading": site["own"].reading_id, "status": "approved"}
    )
    site["own"].refresh_from_db()
    assert site["own"].body == GROUP_QUESTION


def test_tag_admin_lists_curators_only_tags_of_library_objects(client, site):
    url = reverse("admin:taggit_tag_changelist")
    html = get(client, site["curator"], url).content.decode()
    assert "library-tag" in html and "shared-tag" in html
    assert "secret-circle-tag" not in html
    secret = Tag.objects.get(name="secret-circle-tag")
    change = reverse("admin:taggit_tag_change", args=[secret.pk])
    assert get(client, site["curator"], change).status_code == 302
    assert "secret-circle-tag" in get(client, site["admin"], url).content.decode()


def test_a_shared_tags_page_lists_curators_only_its_library_uses(client, site):
    shared = Tag.objects.get(name="shared-tag")
    change = reverse("admin:taggit_tag_change", args=[shared.pk])
    initial = 'name="taggit_taggeditem_items-INITIAL_FORMS" value="{}"'
    assert initial.format(1) in get(client, site["curator"], change).content.decode()
    assert initial.format(2) in get(client, site["admin"], change).content.decode()


def test_tag_suggestions_offer_curators_only_library_tags(client, site):
    url = reverse("admin:library_question_change", args=[site["curated"].pk])
    html = get(client, site["curator"], url).content.decode()
    assert 'value="library-tag"' in html
    assert "secret-circle-tag" not in html


GROUP_ADMIN_PAGES = [
    "groups_readinggroup",
    "groups_membership",
    "groups_invitation",
    "groups_joinrequest",
    "groups_adoption",
    "groups_progress",
    "discussion_comment",
    "discussion_commentrevision",
    "discussion_reaction",
    "discussion_paragraphflag",
    "discussion_report",
    "discussion_moderationentry",
    "discussion_notification",
    "discussion_questiondiscussed",
    "accounts_user",
]


@pytest.mark.parametrize("name", GROUP_ADMIN_PAGES)
def test_group_and_discussion_admin_is_for_site_admins_even_with_permissions(client, site, name):
    """A curator given view permissions by hand still does not get in: the rule is the role."""
    app, model = name.split("_", 1)
    curator = site["curator"]
    curator.user_permissions.add(
        Permission.objects.get(content_type__app_label=app, codename=f"view_{model}")
    )
    url = reverse(f"admin:{name}_changelist")
    assert get(client, curator, url).status_code == 403
    assert get(client, site["admin"], url).status_code == 200


def test_the_admin_index_shows_curators_no_group_apps(client, site):
    html = get(client, site["curator"], reverse("admin:index")).content.decode()
    assert "Reading groups" not in html and "Comments" not in html


def test_curator_dashboard_lists_no_private_groups_discussions(client, site):
    public = make_group(facilitator=make_user(), is_public=True, name="Open Circle")
    reading = adopt(public, weeks=2).readings.order_by("number").first()
    comment(group=public, reading=reading, author=make_user(), body="An open thought")
    url = reverse("admin:library_dashboard")
    html = get(client, site["curator"], url).content.decode()
    assert "Open Circle" in html
    assert "Secret Circle" not in html
    html = get(client, site["admin"], url).content.decode()
    assert "Open Circle" in html and "Secret Circle" in html
