"""Fixes made in an upload's preview, replayed on the parsed text (library/uploads/fixes.py)."""

from __future__ import annotations

import pytest

from studygroup.library.importing.document import (
    FootnoteRef,
    ParsedParagraph,
    ParsedSection,
    ParsedText,
)
from studygroup.library.uploads.fixes import Fix, FixRefused, apply_fix, apply_fixes


def book() -> ParsedText:
    return ParsedText(
        title="T",
        author=None,
        sections=[
            ParsedSection("One", paragraphs=[ParsedParagraph("a b"), ParsedParagraph("c")]),
            ParsedSection(
                "Two",
                paragraphs=[
                    ParsedParagraph("The split-", refs=[FootnoteRef(9, 1)]),
                    ParsedParagraph("ting line.", refs=[FootnoteRef(10, 2)]),
                    ParsedParagraph("Figure 3.", kind="caption"),
                ],
            ),
            ParsedSection("Not really a heading", paragraphs=[ParsedParagraph("d")]),
        ],
    )


def test_each_fix():
    parsed = book()
    apply_fixes(
        parsed,
        [
            Fix("rename", 0, title="  The  First ").as_dict(),
            Fix("level", 1, level=2).as_dict(),
            Fix("remove", 1, paragraph=2).as_dict(),
            Fix("merge", 1, paragraph=1).as_dict(),
            Fix("not_heading", 2).as_dict(),
        ],
    )
    assert [(s.title, s.level) for s in parsed.sections] == [("The First", 1), ("Two", 2)]
    two = parsed.sections[1].paragraphs
    assert [p.text for p in two] == ["The splitting line.", "Not really a heading", "d"]
    # A hyphen broken by the page is joined without a space; note markers keep their place.
    assert [(r.offset, r.number) for r in two[0].refs] == [(9, 1), (19, 2)]


@pytest.mark.parametrize(
    ("fix", "message"),
    [
        (Fix("not_heading", 0), "first heading"),
        (Fix("merge", 0, paragraph=0), "nothing to join"),
        (Fix("remove", 0, paragraph=9), "no longer there"),
        (Fix("rename", 7, title="x"), "no longer there"),
        (Fix("rename", 0, title="   "), "some words"),
        (Fix("level", 0, level=4), "sub-heading"),
    ],
)
def test_a_fix_that_does_not_apply_is_refused_and_changes_nothing(fix, message):
    parsed = book()
    before = parsed.as_json()
    with pytest.raises(FixRefused, match=message):
        apply_fix(parsed, fix)
    assert parsed.as_json() == before
