from __future__ import annotations

import pytest
from django.conf import settings


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached HTML must not leak from one test to the next."""
    if not settings.configured:  # pure-Python tests run without Django too
        yield
        return
    from django.core.cache import caches

    aliases = ("default", "local", "pages")
    for alias in aliases:
        caches[alias].clear()
    yield
    for alias in aliases:
        caches[alias].clear()
