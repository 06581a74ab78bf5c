"""Curation in the admin: tags, bulk actions, question order, the dashboard, the Curator role."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from studygroup.discussion.models import Report
from studygroup.library.curation import move_question
from studygroup.library.models import Question, Reading, Text
from studygroup.library.roles import CURATOR_GROUP, CURATOR_PERMISSIONS
from tests.admin.helpers import populate
from tests.factories import make_question, make_readings, make_text, make_user

pytestmark = pytest.mark.django_db

TEXTS = "admin:library_text_changelist"
READINGS = "admin:library_reading_changelist"
QUESTIONS = "admin:library_question_changelist"


@pytest.fixture
def curator():
    user = make_user(is_staff=True)
    user.groups.add(Group.objects.get(name=CURATOR_GROUP))
    return user


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --------------------------------------------------------------------------- tags


def test_tags_field_suggests_existing_tags_in_a_datalist(admin_client):
    text = make_text()
    make_text().tags.add("political economy", "history")
    response = admin_client.get(reverse("admin:library_text_change", args=[text.pk]))
    html = response.content.decode()
    assert 'list="id_tags_datalist"' in html
    datalist = re.search(r'<datalist id="id_tags_datalist">(.*?)</datalist>', html).group(1)
    assert re.findall(r'data-name="([^"]+)"', datalist) == ["history", "political economy"]
    assert "library/tag-datalist.js" in html


def test_question_inline_rows_share_one_read_of_the_tag_names(admin_client):
    reading = make_readings(make_text())[0]
    make_question(reading).tags.add("method")
    url = reverse("admin:library_reading_change", args=[reading.pk])

    def tag_name_reads() -> int:
        with CaptureQueriesContext(connection) as ctx:
            html = admin_client.get(url).content.decode()
        assert html.count('data-name="method"') >= 2  # each row and the "add another" template
        names_only = 'SELECT "taggit_tag"."name" AS "name" FROM "taggit_tag"'
        return sum(q["sql"].startswith(names_only) for q in ctx.captured_queries)

    assert tag_name_reads() == 1
    make_question(reading, body="And another?")
    assert tag_name_reads() == 1


@pytest.mark.parametrize("url_name", [TEXTS, READINGS, QUESTIONS])
def test_add_and_remove_a_tag_through_the_intermediate_page(admin_client, url_name):
    text = make_text()
    readings = make_readings(text)
    make_question(readings[0])
    make_question(readings[1])
    model = {TEXTS: Text, READINGS: Reading, QUESTIONS: Question}[url_name]
    ids = [str(pk) for pk in model.objects.values_list("pk", flat=True)]
    url = reverse(url_name)

    page = admin_client.post(url, {"action": "add_tag", "_selected_action": ids})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="tags"' in html and "<datalist" in html
    assert html.count('name="_selected_action"') == len(ids)

    empty = admin_client.post(url, {"action": "add_tag", "_selected_action": ids, "apply": "1"})
    assert empty.status_code == 200 and "This field is required" in empty.content.decode()

    done = admin_client.post(
        url,
        {"action": "add_tag", "_selected_action": ids, "apply": "1", "tags": "labour, week one"},
        follow=True,
    )
    assert any("Added labour, week one to" in m for m in messages_of(done))
    for obj in model.objects.all():
        assert sorted(t.name for t in obj.tags.all()) == ["labour", "week one"]

    admin_client.post(
        url,
        {"action": "remove_tag", "_selected_action": ids[:1], "apply": "1", "tags": "labour"},
    )
    first, *rest = model.objects.order_by("pk")
    assert [t.name for t in first.tags.all()] == ["week one"]
    assert all(o.tags.filter(name="labour").exists() for o in rest)


# ---------------------------------------------------------------- publishing, regenerating


def test_publish_and_unpublish_readings(admin_client):
    readings = make_readings(make_text())
    ids = [r.pk for r in readings]
    admin_client.post(reverse(READINGS), {"action": "unpublish_readings", "_selected_action": ids})
    assert not Reading.objects.filter(is_published=True).exists()
    admin_client.post(
        reverse(READINGS), {"action": "publish_readings", "_selected_action": ids[:1]}
    )
    assert list(Reading.objects.published().values_list("pk", flat=True)) == ids[:1]


def test_regenerate_action_opens_the_confirmation_page(admin_client):
    text, other = make_text(), make_text()
    response = admin_client.post(
        reverse(TEXTS), {"action": "regenerate_readings", "_selected_action": [text.pk]}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == reverse(
        "admin:library_reading_regenerate", args=[text.pk]
    )
    both = admin_client.post(
        reverse(TEXTS),
        {"action": "regenerate_readings", "_selected_action": [text.pk, other.pk]},
        follow=True,
    )
    assert "Choose one text at a time." in messages_of(both)


# --------------------------------------------------------------------------- question order


def test_move_question_swaps_with_its_neighbour_among_its_own_kind():
    reading = make_readings(make_text())[0]
    a, b, c = (make_question(reading, body=body) for body in "abc")  # all at position 0
    assert move_question(c, up=True)
    order = list(Question.objects.filter(reading=reading).order_by("position", "pk"))
    assert [q.body for q in order] == ["a", "c", "b"]
    assert [q.position for q in order] == [0, 1, 2]
    assert not move_question(a, up=True)


def test_question_actions_and_inline_arrows_reorder(admin_client):
    reading = make_readings(make_text())[0]
    a, b, c = (make_question(reading, body=body, position=i) for i, body in enumerate("abc"))
    admin_client.post(reverse(QUESTIONS), {"action": "move_up", "_selected_action": [b.pk, c.pk]})
    assert [q.body for q in Question.objects.filter(reading=reading)] == ["b", "c", "a"]

    change = reverse("admin:library_reading_change", args=[reading.pk])
    move = reverse("admin:library_reading_move_question", args=[reading.pk, a.pk])
    assert f'formaction="{move}"' in admin_client.get(change).content.decode()
    assert admin_client.get(move).status_code == 405
    response = admin_client.post(move, {"direction": "up"})
    assert response.headers["Location"] == change
    assert [q.body for q in Question.objects.filter(reading=reading)] == ["b", "a", "c"]


def test_new_inline_questions_go_last(admin_client):
    reading = make_readings(make_text())[0]
    make_question(reading, body="first", position=3)
    url = reverse("admin:library_reading_change", args=[reading.pk])
    page = admin_client.get(url)
    formset = page.context["inline_admin_formsets"][0].formset
    prefix = formset.prefix
    data = {
        "title": reading.title,
        "is_published": "on",
        "tags": "",
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-INITIAL_FORMS": "1",
        f"{prefix}-0-id": str(formset.forms[0].instance.pk),
        f"{prefix}-0-reading": str(reading.pk),
        f"{prefix}-0-body": "first",
        f"{prefix}-0-status": "approved",
        f"{prefix}-0-tags": "",
        f"{prefix}-1-reading": str(reading.pk),
        f"{prefix}-1-body": "second",
        f"{prefix}-1-status": "approved",
        f"{prefix}-1-tags": "new-tag",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    second = Question.objects.get(body="second")
    assert second.position == 4 and second.group is None
    assert [t.name for t in second.tags.all()] == ["new-tag"]


# --------------------------------------------------------------------------- dashboard


@pytest.mark.parametrize("size", [1, 4])
def test_dashboard_shows_what_needs_attention_in_constant_queries(
    admin_client, django_assert_num_queries, size
):
    populate(size)
    Text.objects.filter(pk=Text.objects.order_by("pk").first().pk).update(
        warnings=["no chapters found"]
    )
    Report.objects.filter(pk=Report.objects.order_by("pk").first().pk).update(
        resolved_at="2024-01-01T00:00:00Z"
    )
    url = reverse("admin:library_dashboard")
    admin_client.get(url)
    # session, user; warnings (rows, count); bare readings (rows, count);
    # open reports (count, rows); active discussions; group uploads (visible groups, rows,
    # count)
    with django_assert_num_queries(12):
        response = admin_client.get(url)
    assert response.context["group_uploads_count"] == size
    assert len(response.context["group_uploads"]) == size
    dashboard = response.context["dashboard"]
    assert dashboard.texts_with_warnings_count == 1
    assert dashboard.readings_without_questions_count == size  # week 2 of every text
    assert dashboard.open_reports_count == size - 1
    assert len(dashboard.active_discussions) == size
    assert {row.comments for row in dashboard.active_discussions} == {2}
    html = response.content.decode()
    assert "No chapters found" in html and 'id="dashboard-reports"' in html


def test_index_links_to_the_dashboard(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:library_dashboard") in html


# --------------------------------------------------------------------------- the Curator role


def test_curator_group_has_exactly_the_content_permissions():
    group = Group.objects.get(name=CURATOR_GROUP)
    have = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    assert have == {f"{app}.{codename}" for app, codename in CURATOR_PERMISSIONS}
    assert not any(p.startswith(("accounts.", "auth.", "groups.", "discussion.")) for p in have)


def test_curator_group_comes_back_after_a_flush():
    Group.objects.filter(name=CURATOR_GROUP).delete()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")  # idempotent
    group = Group.objects.get(name=CURATOR_GROUP)
    assert group.permissions.count() == len(CURATOR_PERMISSIONS)


def test_a_curator_uses_the_content_admin_but_not_people_or_groups(curator_client, curator):
    text = make_text()
    reading = make_readings(text)[0]
    question = make_question(reading)
    allowed = [
        reverse("admin:index"),
        reverse(TEXTS),
        reverse("admin:library_text_change", args=[text.pk]),
        reverse("admin:library_text_import"),
        reverse(READINGS),
        reverse("admin:library_reading_change", args=[reading.pk]),
        reverse("admin:library_reading_regenerate", args=[text.pk]),
        reverse(QUESTIONS),
        reverse("admin:library_question_change", args=[question.pk]),
        reverse("admin:library_section_changelist"),
        reverse("admin:library_dashboard"),
        reverse("admin:taggit_tag_changelist"),
    ]
    for url in allowed:
        assert curator_client.get(url).status_code == 200, url
    dashboard = curator_client.get(reverse("admin:library_dashboard"))
    assert dashboard.context["dashboard"].open_reports is None  # moderation is not theirs
    forbidden = [
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_change", args=[curator.pk]),
        reverse("admin:groups_readinggroup_changelist"),
        reverse("admin:groups_membership_changelist"),
        reverse("admin:discussion_report_changelist"),
        reverse("admin:discussion_comment_changelist"),
        reverse("admin:auth_group_changelist"),
    ]
    for url in forbidden:
        assert curator_client.get(url).status_code == 403, url
    index = curator_client.get(reverse("admin:index")).content.decode()
    assert "Reading groups" not in index and "Users" not in index
