from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Variables the test settings relax; production leaves them at their defaults.
PRODUCTION_UNSET = {"DEBUG", "SECURE_SSL_REDIRECT", "SECURE_COOKIES", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def python(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run this Python in a fresh process at the repository root, capturing its output."""
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.mark.django_db
def test_home_page_is_styled_and_has_landmarks(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "css/site.css" in html
    # htmx comes from django-htmx's bundled copy, never a CDN.
    assert "django_htmx/htmx-2.min.js" in html
    assert "x-csrftoken" in html


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_responds(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    cache = "up" if settings.REDIS_URL else "local"  # the test settings' cache
    body = response.json()
    assert {k: body[k] for k in ("status", "database", "cache")} == {
        "status": "ok",
        "database": "up",
        "cache": cache,
    }
    assert body["queue"] == {"backend": "immediate"}  # the test settings run tasks inline


def test_healthz_answers_503_when_the_database_is_down(tmp_path):
    # A real process whose database cannot be reached: a SQLite file inside a
    # directory that does not exist.
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(r.status_code, r.json()['database'])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path}/missing/dir/db.sqlite3",
    }
    result = python("-c", script, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["503", "down"]


def _without_secret_key() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env["DJANGO_SETTINGS_MODULE"] = "studygroup.settings"
    return env


@pytest.mark.parametrize("entry_point", ["studygroup.wsgi", "studygroup.asgi"])
def test_the_server_refuses_to_start_without_a_secret_key(entry_point):
    result = python("-c", f"import {entry_point}", env=_without_secret_key())
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_models_and_migrations_agree_with_a_bare_environment(tmp_path):
    """A developer's `manage.py makemigrations --check` needs no secret key and no DEBUG."""
    env = _without_secret_key() | {"DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}
    result = python("manage.py", "makemigrations", "--check", "--dry-run", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def test_check_deploy_is_clean_under_production_variables():
    env = {
        **{k: v for k, v in os.environ.items() if k not in PRODUCTION_UNSET},
        "DJANGO_SETTINGS_MODULE": "studygroup.settings",
        "SECRET_KEY": "a-long-random-production-secret-" + "k3y" * 20,
        "ALLOWED_HOSTS": "studygroup.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://studygroup.example.org",
        "SITE_URL": "https://studygroup.example.org",
    }
    result = python("manage.py", "check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    script = (
        "import django; django.setup();"
        "from django.db import connection;"
        "c = connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0],"
        " c.execute('PRAGMA busy_timeout').fetchone()[0])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
    }
    result = python("-c", script, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "20000"]
