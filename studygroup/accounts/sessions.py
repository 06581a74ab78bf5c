"""The session store: Django's `cached_db`, reading the sign-in backend names that sessions
made before `accounts/backends.py` carry as the names of those backends."""

from __future__ import annotations

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends import cached_db

from studygroup.accounts.backends import RENAMED


class SessionStore(cached_db.SessionStore):
    def load(self):
        data = super().load()
        backend = data.get(BACKEND_SESSION_KEY)
        if backend in RENAMED:
            data[BACKEND_SESSION_KEY] = RENAMED[backend]
        return data
