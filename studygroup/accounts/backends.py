"""Django's and allauth's sign-in backends, loading the signed-in user in one plain statement.

Every signed-in request loads its user (`get_user`), and building that statement through the
ORM costs about three times what running it does (as for `ReadingGroup.objects.get_with_role`):
on a kept reading page it was the largest single cost. Signing in itself is theirs, unchanged.

Sessions made before these names name Django's and allauth's own classes: `sessions.py`
reads those names as these (`RENAMED`), so nobody is signed out by the change.
"""

from __future__ import annotations

from allauth.account import auth_backends
from django.contrib.auth import backends

from studygroup.accounts.models import User

_BY_ID = f'SELECT * FROM "{User._meta.db_table}" WHERE "id" = %s'


class _PlainUserLoad:
    def get_user(self, user_id):
        user = next(iter(User._default_manager.raw(_BY_ID, [user_id])), None)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(_PlainUserLoad, backends.ModelBackend):
    pass


class AuthenticationBackend(_PlainUserLoad, auth_backends.AuthenticationBackend):
    pass


RENAMED = {
    "django.contrib.auth.backends.ModelBackend": f"{__name__}.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend": f"{__name__}.AuthenticationBackend",
}
