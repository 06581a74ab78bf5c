"""Settings for studygroup: one module, driven by the environment.

Every knob is an environment variable (see the README's configuration table). The
defaults give a safe, embedded setup: SQLite in WAL mode, the database cache,
console email. Production sets SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and REDIS_URL.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
DEMO_MODE = env_bool("DEMO_MODE")

# Without DEBUG an unset key stays empty: offline commands (makemigrations, check) still run,
# Django refuses anything that signs, and `serving.require_secret_key` stops the server.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-development-key-only-for-debug-mode-never-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The one public address of the site: every emailed link and the emails' "[host]" prefix
# come from it (studygroup/site.py); `check --deploy` insists on https.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Third party
    "allauth",
    "allauth.account",
    "django_htmx",
    "template_partials",
    "taggit",
    "django_tasks",
    "ninja",  # its API docs page, served from our own static files (no outside host)
    # Ours
    "studygroup.accounts",
    "studygroup.library",
    "studygroup.groups",
    "studygroup.discussion",
    "studygroup.meetings",
    "studygroup.search",
    "studygroup.demo",
    "studygroup.ratelimit",
    "studygroup.api",
    # After ours, so that our `db_worker` (which requeues a crashed worker's tasks) is the one
    # `manage.py db_worker` runs: the first app to define a command wins.
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # django-csp's, with its headers built once (studygroup/middleware.py).
    "studygroup.middleware.ContentSecurityPolicyMiddleware",
    "studygroup.params.NulCharacterMiddleware",
    # Turns "the database is down" into a 503 "back soon" page, whichever view it hits.
    "studygroup.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware: the language from the cookie or Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in member's own language (User.language) wins over the browser's.
    "studygroup.middleware.MemberLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "studygroup.urls"
WSGI_APPLICATION = "studygroup.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "studygroup.context_processors.site",
                "studygroup.discussion.notifications.badge",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside a writer; IMMEDIATE transactions and a busy
    # timeout make concurrent writers wait their turn instead of failing with
    # "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ---------------------------------------------------
# Rate limits and cached HTML must be shared by every app process, so the
# default is the database cache, not per-process memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis speeds things up but is not needed: when it is down, errors are logged
            # and read as misses, and a short timeout keeps a dead server cheap.
            "BACKEND": "studygroup.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "studygroup",
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.25")),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.25")),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "studygroup_cache",
            # It holds sessions too (below): room for every signed-in reader.
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_ENTRIES", "20000"))},
        }
    }
# Sessions stay in django_session and are read through the cache (Redis or the database
# cache): a Redis restart without persistence signs nobody out, and a dead Redis only costs
# a database read. A GET writes only to refill an evicted one.
SESSION_ENGINE = "studygroup.accounts.sessions"  # cached_db (and the old backends' names)
# HTML keyed by what it was rendered from (a thread's version, a text's last edit) is never
# stale under its key, so each process keeps its own copy in memory: no round trip to the
# shared cache, and no write to it (nor to the database) on a GET. See discussion/services.py.
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "studygroup-local",
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("LOCAL_CACHE_ENTRIES", "200"))},
}
# Whole reading pages, keyed by the versions they hang on (discussion/views/page_copies.py).
# Bounded twice: by entries and by the size of a page worth keeping.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "studygroup-pages",
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_ENTRIES", "100"))},
}
# Each comment's HTML, per process (discussion/markup.py): about 2 KB each.
COMMENT_HTML_CACHE_ENTRIES = int(os.environ.get("COMMENT_HTML_CACHE_ENTRIES", "20000"))
PAGE_CACHE_MAX_BYTES = int(os.environ.get("PAGE_CACHE_MAX_BYTES", str(1024 * 1024)))

# --- Background tasks -----------------------------------------------------
# The database backend is a real queue served by `manage.py db_worker`.
# TASKS_BACKEND=immediate runs tasks inline (handy on a laptop).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("TASKS_BACKEND", "database") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# A worker killed mid-task leaves its task RUNNING: after this many seconds without finishing,
# `db_worker` (ours, studygroup/discussion/management/commands) puts it back in the queue.
# Longer than any task takes; email tasks are safe to run twice (they claim first).
TASK_STALE_AFTER = int(os.environ.get("TASK_STALE_AFTER", "300"))
# /healthz says "degraded" when a task due this many seconds ago is still waiting for a worker
# (the workers are down or cannot keep up).
TASK_BACKLOG_MAX_AGE = int(os.environ.get("TASK_BACKLOG_MAX_AGE", "120"))

# --- Accounts -------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's, loading the signed-in user with one plain statement.
AUTHENTICATION_BACKENDS = [
    "studygroup.accounts.backends.ModelBackend",
    "studygroup.accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "studygroup.accounts.forms.SignupForm"
# Handles come from display names (never email addresses), and so do names in messages;
# allauth's emails name and link to SITE_URL.
ACCOUNT_ADAPTER = "studygroup.accounts.adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "studygroup.accounts.handles.user_display"
# Sign-up answers alike for known and unknown addresses (the owner of a known one is told by
# email): allauth can only do that when every new address must be verified before signing in.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# A code typed into the sign-up tab, rather than a link: the sign-in then carries on in that
# tab, back to where the reader was going (an invitation, say).
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_SESSION_REMEMBER = None
# allauth counts failed logins in the cache: shared by every process.
# Sign-ins per IP: a whole class behind one NAT signs in at once, so the default is well
# above allauth's 30/m; guessing passwords is bounded by `login_failed` instead.
ACCOUNT_RATE_LIMITS = {
    "login": os.environ.get("LOGIN_RATE_LIMIT", "300/m/ip"),
    "login_failed": os.environ.get("LOGIN_FAILED_LIMIT", "10/m/ip,5/5m/key"),
}

# --- Email ----------------------------------------------------------------
# EMAIL_FILE_PATH alone switches to one file per connection in that folder (countable
# across processes); EMAIL_BACKEND, when set, still wins.
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if EMAIL_FILE_PATH
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "studygroup <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Static files ---------------------------------------------------------
STATIC_URL = "static/"
# Where collectstatic puts the files whitenoise serves (each app server has its own copy).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("de", _("German")),
]
# Catalogues: locale/<lang>/LC_MESSAGES/django.po and djangojs.po. The .mo files are not
# committed: `manage.py compile_translations` (pure Python) writes them in the build.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Security -------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "studygroup.views.csrf_failure"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # /healthz is probed over plain HTTP by load balancers.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- Content-Security-Policy (django-csp) ---------------------------------
# Everything the pages load comes from this site: no inline script or style, no eval (htmx is
# configured in base.html not to need either). Sent as Report-Only until CSP_ENFORCE is set;
# violations are posted to /csp-report and logged. Report-Only cannot refuse framing, so
# X_FRAME_OPTIONS = "DENY" (above) stays.
CSP_ENFORCE = env_bool("CSP_ENFORCE")
CSP_REPORT_MAX_BYTES = 16 * 1024
CSP_REPORT_RATE_LIMIT = os.environ.get("CSP_REPORT_RATE_LIMIT", "30/m")
CSP_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "report-uri": "/csp-report",
    }
}
# Browsers ignore frame-ancestors in Report-Only, with a console warning on every page.
CSP_REPORT_ONLY_POLICY = {
    "DIRECTIVES": {k: v for k, v in CSP_POLICY["DIRECTIVES"].items() if k != "frame-ancestors"}
}
CONTENT_SECURITY_POLICY = CSP_POLICY if CSP_ENFORCE else None
CONTENT_SECURITY_POLICY_REPORT_ONLY = None if CSP_ENFORCE else CSP_REPORT_ONLY_POLICY
# --- end of Content-Security-Policy ----------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- studygroup -----------------------------------------------------------
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
# A group's own uploads (groups/uploads.py): the largest file, the bytes a group may keep in
# unpublished uploads, and uploads per facilitator per window.
GROUP_UPLOAD_MAX_BYTES = int(os.environ.get("GROUP_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
GROUP_UPLOAD_QUOTA_BYTES = int(os.environ.get("GROUP_UPLOAD_QUOTA_BYTES", str(50 * 1024 * 1024)))
GROUP_UPLOAD_RATE_LIMIT = os.environ.get("GROUP_UPLOAD_RATE_LIMIT", "10/h")
# How alike (0..1) a re-imported paragraph must be to an old one to keep its id.
ANCHOR_MATCH_THRESHOLD = float(os.environ.get("ANCHOR_MATCH_THRESHOLD", "0.8"))
WORDS_PER_MINUTE = int(os.environ.get("WORDS_PER_MINUTE", "230"))
# Writes per client (signed-in user or IP) per window, counted in the shared cache.
WRITE_RATE_LIMIT = os.environ.get("WRITE_RATE_LIMIT", "60/m")
# Discussion: the longest comment body, posts per user per window (shared cache), and how
# many top-level comments a thread shows before "show more".
COMMENT_MAX_LENGTH = int(os.environ.get("COMMENT_MAX_LENGTH", "10000"))
COMMENT_RATE_LIMIT = os.environ.get("COMMENT_RATE_LIMIT", "10/m")
COMMENT_PAGE_SIZE = int(os.environ.get("COMMENT_PAGE_SIZE", "50"))

# The JSON API (docs/api.md): personal tokens made per member per window, and at most how many
# a member holds at once.
API_TOKEN_RATE_LIMIT = os.environ.get("API_TOKEN_RATE_LIMIT", "10/h")
API_TOKENS_PER_MEMBER = int(os.environ.get("API_TOKENS_PER_MEMBER", "20"))

# "Delete my account" (accounts/deletion.py): days the account sleeps, cancellable by signing
# in, before `purge_deleted_accounts` erases it; and requests per member per window.
ACCOUNT_DELETION_GRACE_DAYS = int(os.environ.get("ACCOUNT_DELETION_GRACE_DAYS", "14"))

# "Download my data" (accounts/data_export.py): archives per member per window.
DATA_EXPORT_RATE_LIMIT = os.environ.get("DATA_EXPORT_RATE_LIMIT", "5/h")
