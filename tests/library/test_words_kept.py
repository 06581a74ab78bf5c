"""Ordinary documents keep every word (issue #13).

Each kind in families/ordinary.py has no page furniture and no contents page, so an import
through the real pipeline must hold every word of the input at least as often as the
input does (families/words.py counts). bench/words_kept.py prints the same count over every
evaluation family and the real texts.
"""

from __future__ import annotations

import pytest

from studygroup.library.importing.clean import Block, section_numerals
from studygroup.library.importing.formats import read_document
from tests.library.families.ordinary import KINDS
from tests.library.families.words import lost, output_text, reader_text

SEEDS = range(16)


def _lost_words(kind: str, seed: int):
    case = KINDS[kind](seed)
    parsed = read_document(case.text.encode(), case.filename, max_bytes=20_000_000)
    return lost(reader_text(case.text, case.filename), output_text(parsed))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("kind", list(KINDS))
def test_ordinary_documents_keep_every_word(kind, seed):
    missing = _lost_words(kind, seed)
    assert not missing, f"{kind} seed {seed} lost: " + ", ".join(
        f"{word}×{n}" for word, n in missing.most_common()
    )


def test_there_are_twenty_kinds_and_their_layouts_vary_by_seed():
    assert len(KINDS) >= 20
    for kind, make in KINDS.items():
        shapes = {tuple(len(line) for line in make(seed).text.splitlines()) for seed in range(4)}
        assert len(shapes) > 1, kind


def test_the_count_sees_a_lost_word_and_credits_a_repaired_hyphen():
    assert lost("The ferry sank.\nThe ferry rose.", "The ferry sank. The rose.") == {"ferry": 1}
    assert not lost("the tow-\npath warden", "the towpath warden")
    assert not lost("Room 12 and Room 14", "Room and Room")  # digits are not counted
    assert reader_text("[the notes](https://example.org/x)", "a.md") == "[the notes]"
    assert reader_text("From: Ada\nSubject: Seeds\n", "a.txt") == "From: Ada\nSeeds\n"


def test_a_capital_numeral_cutting_a_sentence_is_not_a_section_number():
    """The guard keeping a poem's "II" asks for a section's evidence (the numerals count
    up from I) and a page's absence: here "II" cuts a sentence, and "IV" does not count."""
    blocks = [
        Block(["I"]),
        Block(["The lock keeper and"]),
        Block(["II"]),
        Block(["the harbour clerk counted the slips."]),
    ]
    assert section_numerals(blocks) == {0}
    assert section_numerals([Block(["IV"]), Block(["The slips."])]) == set()
