"""Writes that bypass `save()` move the cached pages' versions themselves.

`QuerySet.update()`, `bulk_update()` and `bulk_create()` send no `post_save`, so no version
moves on its own and a kept page could stay stale (docs/caching.md). Every such call under
studygroup/ (migrations aside) is in a function that also moves versions (`bump_on_commit`,
`bump_rows_on_commit`, `bump_version`, or the discussion services' `_after_commit`), or is
listed below with the reason no page needs it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "studygroup"

WRITES = {"update", "bulk_update", "bulk_create"}
BUMPS = {"bump_on_commit", "bump_rows_on_commit", "bump_version", "_after_commit"}
# The bell's unread count is part of every kept page's key (docs/caching.md): storing it anew
# is what a notification's write must do, and all it must do, for the pages that show it.
BUMPS |= {"store_unread_on_commit"}
# Receivers that are plainly querysets or managers: `X.objects...`, `qs.filter(...)`...
QUERYSET_METHODS = {"filter", "exclude", "all", "active", "usable", "select_for_update"}

# (file, function, receiver) -> why no page needs a version moved.
DICT = "a dict, not a queryset"
RESHAPE = (
    "comments following a re-split: groups/split.py announces the changed weeks "
    "(signals.weeks_changed), whose receiver calls bump_version for each"
)
TASKS = "the task queue's bookkeeping: no page shows it"
EMAILED = "when an email went out: no page shows it"
ALLOWED = {
    ("api/tokens.py", "revoke_token", "ApiToken.objects.active().filter(user=user, pk=token_id)"): (
        "API tokens: no page shows them"
    ),
    ("api/tokens.py", "user_for", "ApiToken.objects.filter(pk=token.pk)"): (
        "a token's last use: no page shows it"
    ),
    ("discussion/management/commands/db_worker.py", "requeue_stale", "unchanged"): TASKS,
    (
        "discussion/management/commands/send_digests.py",
        "handle",
        "Notification.objects.filter(pk__in=[n.pk for n in notifications], "
        "emailed_at__isnull=True)",
    ): EMAILED,
    (
        "discussion/tasks.py",
        "send_notification_email",
        "policy.readable_notifications(notification.recipient).filter(pk=notification.pk, "
        "emailed_at__isnull=True)",
    ): EMAILED,
    ("meetings/reminders.py", "queue_for", "Reminder.objects"): (
        TASKS + " (the reminder members see is a Notification, saved with create())"
    ),
    ("discussion/week_moves.py", "merging", "Comment.objects.filter(reading=merged)"): RESHAPE,
    (
        "discussion/week_moves.py",
        "follow",
        "Comment.objects.filter(pk__in=[pk for pks in updates.values() for pk in pks])",
    ): RESHAPE,
    ("groups/forms.py", "change_kwargs", "kwargs"): DICT,
    ("groups/vote_views.py", "_vote_context", "context"): DICT,
    ("views.py", "healthz", "body"): DICT,
}


def _receiver_is_queryset(node: ast.expr) -> bool:
    while True:
        if isinstance(node, ast.Attribute):
            if node.attr == "objects":
                return True
            node = node.value
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in QUERYSET_METHODS:
                return True
            node = func
        else:
            return False


def _bare_writes(source: str, relative: str) -> list[tuple[str, str, str, int]]:
    """(file, function, receiver, line) of each queryset write in a function that moves no
    version. A call with keyword arguments only counts too (`qs.update(a=1)`), whatever its
    receiver: a dict updated that way is listed in ALLOWED as a dict."""
    found = []

    def visit(node: ast.AST, function: ast.AST | None, name: str) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            function, name = node, node.name
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in WRITES
        ):
            receiver = node.func.value
            is_write = node.func.attr != "update" or _receiver_is_queryset(receiver)
            if node.func.attr == "update" and not is_write:
                is_write = bool(node.keywords) and not node.args
            if is_write and not _bumps(function):
                found.append((relative, name, ast.unparse(receiver), node.lineno))
        for child in ast.iter_child_nodes(node):
            visit(child, function, name)

    visit(ast.parse(source), None, "<module>")
    return found


def _bumps(function: ast.AST | None) -> bool:
    if function is None:
        return False
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in BUMPS:
                return True
    return False


def _all_bare_writes() -> list[tuple[str, str, str, int]]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/migrations/" in f"/{relative}":
            continue
        found += _bare_writes(path.read_text(), relative)
    return found


def test_every_write_that_bypasses_save_moves_versions_or_is_listed():
    unlisted = [
        f"{file}:{line} {function}(): {receiver}.update/bulk_*"
        for file, function, receiver, line in _all_bare_writes()
        if (file, function, receiver) not in ALLOWED
    ]
    assert not unlisted, (
        "writes that send no post_save and move no cached page's version (call "
        "cache.bump_rows_on_commit or cache.bump_on_commit, or list it in ALLOWED with why):\n"
        + "\n".join(unlisted)
    )


def test_the_allowlist_names_only_writes_that_exist():
    present = {(file, function, receiver) for file, function, receiver, _ in _all_bare_writes()}
    assert not set(ALLOWED) - present


def test_a_new_bare_update_is_caught():
    source = """
def publish(readings):
    readings.filter(week=1).update(is_published=True)

def publish_and_bump(readings):
    rows = readings.filter(week=1)
    cache.bump_rows_on_commit(Reading, rows)
    rows.update(is_published=True)

def merge(rows):
    Paragraph.objects.bulk_update(rows, ["position"])

def not_a_queryset(context):
    context.update({"a": 1})
"""
    found = _bare_writes(source, "x.py")
    assert [(function, receiver) for _, function, receiver, _ in found] == [
        ("publish", "readings.filter(week=1)"),
        ("merge", "Paragraph.objects"),
    ]
