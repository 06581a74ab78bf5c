"""Staff roles. A "Curator" edits the library's content and nothing else.

The role is defined here, in code: `ensure_curator_group` creates the group when missing and
sets its permissions to exactly CURATOR_PERMISSIONS. It runs after every `migrate` (a
`post_migrate` handler in apps.py), so a fresh database, a database flushed by a test, or a
new library model all end up with the right group without a data migration to keep in step.
Users, reading groups, memberships and discussion moderation are not part of it.
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

CURATOR_GROUP = "Curator"
CONTENT_MODELS = {
    "library": ["text", "section", "paragraph", "footnote", "reading", "question"],
    "taggit": ["tag", "taggeditem"],
}
ACTIONS = ["add", "change", "delete", "view"]
CURATOR_PERMISSIONS = [
    (app_label, f"{action}_{model}")
    for app_label, models in CONTENT_MODELS.items()
    for model in models
    for action in ACTIONS
]


def ensure_curator_group(*, apps=None, using: str = DEFAULT_DB_ALIAS):
    """Create or correct the Curator group; return it. Idempotent.

    `apps` may be a migration state's registry; the global one by default.
    """
    apps = apps or global_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(using).get_or_create(name=CURATOR_GROUP)
    wanted = {f"{app_label}.{codename}" for app_label, codename in CURATOR_PERMISSIONS}
    permissions = [
        permission
        for permission in Permission.objects.using(using)
        .filter(content_type__app_label__in=CONTENT_MODELS)
        .select_related("content_type")
        if f"{permission.content_type.app_label}.{permission.codename}" in wanted
    ]
    missing = wanted - {f"{p.content_type.app_label}.{p.codename}" for p in permissions}
    if missing:
        raise LookupError(f"permissions not created yet: {', '.join(sorted(missing))}")
    group.permissions.set(permissions)
    return group
