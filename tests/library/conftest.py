"""Shared fixtures for the library tests."""

from __future__ import annotations

import os
import re
import textwrap
from collections import Counter
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


def plain_text(text: str) -> str:
    """A hand-written input: indented in the test, flush left in the file."""
    return textwrap.dedent(text).lstrip("\n")


def outline(parsed) -> list[tuple[int, str]]:
    """The headings below the title, front matter aside."""
    return [
        (s.level, s.title) for s in parsed.sections if s.kind != "front" and s.title != parsed.title
    ]


def body_text(parsed) -> str:
    """Every paragraph's text, in order."""
    return " ".join(p.text for s in parsed.sections for p in s.paragraphs)


_WORD = re.compile(r"[^\W\d_]+")


def words_lost(text: str, parsed) -> Counter[str]:
    """The words of an input its parse holds fewer times (title, headings, text, notes)."""
    kept = " ".join(
        [
            parsed.title,
            parsed.author or "",
            *(s.title for s in parsed.sections),
            body_text(parsed),
            *(n.text for n in parsed.footnotes),
        ]
    )
    return _word_counts(text) - _word_counts(kept)


def _word_counts(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in _WORD.findall(text))
