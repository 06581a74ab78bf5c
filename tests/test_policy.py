"""The policy module: one definition of a site admin, per-comment flags, and no rule restated
elsewhere. The views' answers are pinned by the access matrices (tests/groups/test_access.py,
tests/discovery/test_access_matrix.py); these pin the policy's own vocabulary."""

from __future__ import annotations

import ast
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from studygroup import policy
from studygroup.library.roles import ensure_curator_group
from tests.factories import add_member, adopt, make_group, make_text, make_user

ROOT = Path(__file__).resolve().parent.parent / "studygroup"


# --- One definition of a site admin ---------------------------------------------------------


@pytest.mark.django_db
def test_a_site_admin_is_an_active_superuser_and_staff_alone_is_not():
    assert policy.is_site_admin(make_user(is_superuser=True, is_staff=True))
    assert not policy.is_site_admin(make_user(is_staff=True))
    assert not policy.is_site_admin(make_user(is_superuser=True, is_active=False))
    assert not policy.is_site_admin(AnonymousUser())


@pytest.mark.django_db
def test_restricted_texts_are_for_adopters_curators_and_site_admins_not_plain_staff():
    restricted = make_text(is_public=False, title="Restricted")
    public = make_text(title="Public")
    member = make_user()
    group = make_group()
    add_member(group, member)
    adopt(group, restricted)
    curator = make_user(is_staff=True)
    curator.groups.add(ensure_curator_group())
    readers = {
        "anonymous": AnonymousUser(),
        "outsider": make_user(),
        "plain staff": make_user(is_staff=True),
        "member": member,
        "curator": curator,
        "admin": make_user(is_superuser=True, is_staff=True),
    }
    seen = {
        who: set(policy.readable_texts(user).values_list("title", flat=True))
        for who, user in readers.items()
    }
    assert seen == {
        "anonymous": {public.title},
        "outsider": {public.title},
        "plain staff": {public.title},
        "member": {public.title, restricted.title},
        "curator": {public.title, restricted.title},
        "admin": {public.title, restricted.title},
    }


@pytest.mark.django_db
def test_who_may_see_a_group_among_many_users_agrees_with_visible_groups():
    group = make_group(is_public=False)
    member = add_member(group).user
    users = [
        member,
        make_user(),
        make_user(is_superuser=True, is_staff=True),
        make_user(is_superuser=True, is_active=False),
        make_user(is_staff=True),
    ]
    expected = {u.pk for u in users if policy.visible_groups(u).filter(pk=group.pk).exists()}
    assert policy.who_may_see_group(group, [u.pk for u in users]) == expected
    assert expected == {users[0].pk, users[2].pk}
    public = make_group(is_public=True)
    assert policy.who_may_see_group(public, [u.pk for u in users]) == {u.pk for u in users}


# --- Per-comment flags: one standing per render, flags per comment ----------------------------


def _comment(*, author_id=1, parent_id=None, deleted=False, hidden=False):
    return SimpleNamespace(
        author_id=author_id,
        parent_id=parent_id,
        deleted_at="2030-01-01" if deleted else None,
        is_hidden=hidden,
    )


AUTHOR = policy.ThreadViewer(user_id=1, can_post=True, can_moderate=False)
MEMBER = policy.ThreadViewer(user_id=2, can_post=True, can_moderate=False)
FACILITATOR = policy.ThreadViewer(user_id=3, can_post=True, can_moderate=True)
ANONYMOUS = policy.ThreadViewer(user_id=None, can_post=False, can_moderate=False)
FLAGS = ("read_text", "see_author", "reply", "edit", "delete", "report", "moderate")


@pytest.mark.parametrize(
    "viewer, comment, thread_locked, expected",
    [
        # read_text, see_author, reply, edit, delete, report, moderate
        (AUTHOR, _comment(), False, (1, 1, 1, 1, 1, 0, 0)),
        (MEMBER, _comment(), False, (1, 1, 1, 0, 0, 1, 0)),
        (FACILITATOR, _comment(), False, (1, 1, 1, 0, 1, 0, 1)),
        (ANONYMOUS, _comment(), False, (1, 1, 0, 0, 0, 0, 0)),
        (MEMBER, _comment(), True, (1, 1, 0, 0, 0, 1, 0)),  # a locked thread takes no reply
        (AUTHOR, _comment(hidden=True), False, (1, 1, 0, 0, 1, 0, 0)),
        (MEMBER, _comment(hidden=True), False, (0, 1, 0, 0, 0, 0, 0)),
        (FACILITATOR, _comment(hidden=True), False, (1, 1, 0, 0, 1, 0, 1)),
        (AUTHOR, _comment(deleted=True), False, (0, 0, 0, 0, 0, 0, 0)),
        (FACILITATOR, _comment(deleted=True), False, (0, 0, 0, 0, 0, 0, 1)),
    ],
)
def test_comment_flags(viewer, comment, thread_locked, expected):
    flags = viewer.flags(comment, thread_locked=thread_locked)
    assert tuple(int(getattr(flags, name)) for name in FLAGS) == expected


def test_the_single_comment_rules_are_the_flags():
    user = SimpleNamespace(pk=1, is_authenticated=True)
    standing = policy.Viewer(role="member", is_admin=False, is_authenticated=True)
    for comment in (
        _comment(),
        _comment(hidden=True),
        _comment(deleted=True),
        _comment(author_id=9),
    ):
        flags = policy.ThreadViewer.of(user, standing).flags(comment)
        assert policy.can_edit_comment(user, comment) == flags.edit
        assert policy.can_delete_comment(user, comment, viewer=standing) == flags.delete


# --- Pages whose rule used to live in their view ---------------------------------------------


def test_the_moderation_log_is_for_members_and_site_admins():
    def standing(role=None, admin=False, signed_in=True):
        return policy.Viewer(role=role, is_admin=admin, is_authenticated=signed_in)

    assert policy.may_read_moderation_log(standing(signed_in=False)) is policy.Decision.LOGIN
    assert policy.may_read_moderation_log(standing()) is policy.Decision.NOT_FOUND
    assert policy.may_read_moderation_log(standing("member")) is policy.Decision.ALLOW
    assert policy.may_read_moderation_log(standing(admin=True)) is policy.Decision.ALLOW


def test_comment_retention_is_set_by_facilitators_and_site_admins():
    def standing(role=None, admin=False, signed_in=True):
        return policy.Viewer(role=role, is_admin=admin, is_authenticated=signed_in)

    assert not policy.may_set_comment_retention(standing(signed_in=False))
    assert not policy.may_set_comment_retention(standing())
    assert not policy.may_set_comment_retention(standing("member"))
    assert policy.may_set_comment_retention(standing("facilitator"))
    assert policy.may_set_comment_retention(standing(admin=True))


def test_calendar_and_feed_links():
    public, private = SimpleNamespace(is_public=True), SimpleNamespace(is_public=False)
    member = policy.Viewer(role="member", is_admin=False, is_authenticated=True)
    admin = policy.Viewer(role=None, is_admin=True, is_authenticated=True)
    link = policy.CalendarLink
    assert policy.calendar_link(private, own_token="t") is link.SECRET
    assert policy.calendar_link(public, own_token="t") is link.SECRET
    assert policy.calendar_link(public, own_token=None) is link.PUBLIC
    assert policy.calendar_link(private, own_token=None) is link.NONE  # even for an admin
    assert policy.feed_link(public, member, own_token="t") is link.PUBLIC
    assert policy.feed_link(private, member, own_token="t") is link.SECRET
    assert policy.feed_link(private, admin, own_token=None) is link.NONE


# --- No rule restated outside the policy -----------------------------------------------------

# Attributes that decide who someone is: only the policy reads them.
WHO_ATTRIBUTES = {"is_staff", "is_superuser", "has_perm"}


def who_tests_outside_policy(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if relative.name == "policy.py" or "migrations" in relative.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Attribute) and node.attr in WHO_ATTRIBUTES:
                found.append(f"{relative}:{node.lineno} .{node.attr}")
    return found


def test_no_module_but_the_policy_asks_who_someone_is():
    assert who_tests_outside_policy(ROOT) == []


def test_the_restatement_check_can_fail(tmp_path):
    (tmp_path / "views.py").write_text("def ok(user):\n    return user.is_staff\n")
    assert who_tests_outside_policy(tmp_path) == ["views.py:2 .is_staff"]
