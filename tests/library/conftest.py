"""Shared fixtures for the library tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The five real texts live next to the repository, never inside it; SHARED_TEXTS points
# elsewhere (a worktree is not beside them).
SHARED_TEXTS = Path(
    os.environ.get("SHARED_TEXTS")
    or Path(__file__).resolve().parents[2].parent / "shared" / "texts"
)


@pytest.fixture(scope="session")
def shared_texts() -> Path:
    """The folder of real texts; skipped locally when absent, a failure on CI."""
    if not SHARED_TEXTS.is_dir() or not any(SHARED_TEXTS.glob("*.txt")):
        message = (
            f"../shared/texts not found: the corpus tests read the real texts from "
            f"{SHARED_TEXTS} (a folder beside the repository, never committed)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return SHARED_TEXTS
