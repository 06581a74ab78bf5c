"""Structure rules added in round six, part B (issue #13): layout conventions of web FAQ
pages, course readers and e-reader exports.

Each layout is written by hand with its own prose, so a rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing.pipeline import parse_text

from .test_importing_structure import PROSE, outline, plain_text


def _body(parsed) -> str:
    return " ".join(p.text for s in parsed.sections for p in s.paragraphs)


# --- web pages: links back to the top ------------------------------------------------------


def test_back_to_top_links_are_navigation_and_close_their_section():
    text = plain_text(
        "Harbour Walks Club",
        "1. Joining the Club",
        PROSE,
        "[Back to top]",
        "2. Paying the Dues",
        PROSE,
        "Back to top ↑",
        "3. Leaving the Club",
        PROSE,
    )
    parsed = parse_text(text)
    assert "top" not in _body(parsed).casefold()
    assert [title for _level, _kind, title in outline(text)] == [
        "1. Joining the Club",
        "2. Paying the Dues",
        "3. Leaving the Club",
    ]
