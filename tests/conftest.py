from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    """The .mo files are build output (`make test` compiles them); a bare `pytest` after
    editing a .po compiles the stale ones here, which costs nothing when they are current."""
    if settings.configured:
        from studygroup.accounts.translations import compile_stale

        compile_stale()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached HTML must not leak from one test to the next."""
    if not settings.configured:  # pure-Python tests run without Django too
        yield
        return
    from django.core.cache import caches

    from studygroup import cache as versions

    aliases = ("default", "local", "pages")
    for alias in aliases:
        caches[alias].clear()
    # Versions a rolled-back test left to move "at the next commit" are not the next test's.
    versions._pending.keys = set()
    yield
    for alias in aliases:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language: LocaleMiddleware activates a request's
    language in the test's own thread and leaves it there, so a test that asked for a page
    in Spanish would otherwise hand Spanish messages to the tests after it."""
    yield
    if settings.configured:
        from django.utils import translation

        translation.deactivate()


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole run (Playwright's sync API allows one)."""
    if not CHROMIUM.exists():
        message = (
            "Chromium is not installed at /usr/bin/chromium. "
            "Install Debian's build with `sudo apt-get install -y chromium` to run browser tests."
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; our ORM calls in the
    # test body are still plain synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield chromium
        chromium.close()
