"""Shared fixtures for the library tests."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

from studygroup.library.importing.document import ParsedText

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


_WORD = re.compile(r"[^\W\d_]+")


def word_counts(text: str) -> Counter[str]:
    """Casefolded words (digits left out: note markers and folios move) of a text."""
    return Counter(w.casefold() for w in _WORD.findall(text))


def parsed_word_counts(parsed: ParsedText) -> Counter[str]:
    """Every word a parse kept: title, author, headings, paragraphs and notes."""
    pieces = [parsed.title, parsed.author or ""]
    for section in parsed.sections:
        pieces.append(section.title)
        pieces.extend(p.text for p in section.paragraphs)
    pieces.extend(note.text for note in parsed.footnotes)
    return word_counts("\n".join(pieces))


def lost_words(text: str, parsed: ParsedText) -> Counter[str]:
    """Words of `text` its parse holds fewer times than the text does."""
    return word_counts(text) - parsed_word_counts(parsed)
