"""Round two of issue #13: layout rules found on the fresh families, one test each.

Each test writes the layout by hand (its own prose), so a rule is pinned by what it means,
not by the generator that showed it was missing.
"""

from __future__ import annotations

import textwrap

from studygroup.library.importing import clean
from studygroup.library.importing.pipeline import parse_text

from .test_importing_structure import outline, prose


def wrapped(text: str, width: int = 68) -> str:
    return "\n".join(textwrap.wrap(text, width))


# --- e-book archives ---------------------------------------------------------------------


def test_the_ebook_wrapper_is_cut_at_its_start_and_end_markers():
    lines = [
        "The Project Gutenberg eBook of Notes on the Harbour",
        "Release date: 1 May 2001 [eBook #123]",
        "*** START OF THE PROJECT GUTENBERG EBOOK NOTES ON THE HARBOUR ***",
        "The work.",
        "*** END OF THE PROJECT GUTENBERG EBOOK NOTES ON THE HARBOUR ***",
        "THE FULL PROJECT GUTENBERG LICENSE",
    ]
    assert clean.strip_ebook_wrapper(lines) == (["The work."], True)
    assert clean.strip_ebook_wrapper(lines[3:4]) == (["The work."], False)


def test_an_ebook_keeps_its_preface_and_label_over_title_chapters():
    body = "\n\n".join(
        [
            "Release date: 1 May 2001 [eBook #123]\n\nLanguage: English",
            "*** START OF THE PROJECT GUTENBERG EBOOK NOTES ON THE HARBOUR ***",
            "                NOTES ON THE HARBOUR\n\n                BY\n\n"
            "                ADA MARSH",
            "                PREFACE",
            wrapped(prose()),
            "CHAPTER I.\nTHE COLD QUAY.",
            wrapped(prose()),
            "CHAPTER II.\nTHE NEW CRANES.",
            wrapped(prose()),
            "*** END OF THE PROJECT GUTENBERG EBOOK NOTES ON THE HARBOUR ***",
            "THE FULL PROJECT GUTENBERG LICENSE\n\n" + wrapped(prose()),
        ]
    )
    parsed = parse_text(body)
    assert parsed.title == "Notes on the Harbour"
    assert [(s.level, s.title) for s in parsed.sections] == [
        (1, "Preface"),
        (1, "Chapter I. The Cold Quay."),
        (1, "Chapter II. The New Cranes."),
    ]
    assert "LICENSE" not in " ".join(p.text for s in parsed.sections for p in s.paragraphs)


def test_a_contents_list_of_roman_numbered_titles_after_a_keyword():
    contents = textwrap.dedent(
        """\
                            CONTENTS

             PREFACE
             I.     The Cold Quay
             II.    The New Cranes
        """
    )
    text = "\n\n".join(
        [
            "A Harbour Book",
            contents,
            "                PREFACE",
            wrapped(prose()),
            "CHAPTER I. The Cold Quay",
            wrapped(prose()),
            "CHAPTER II. The New Cranes",
            wrapped(prose()),
        ]
    )
    titles = [title for _, kind, title in outline(text) if kind != "front" or title == "Preface"]
    assert titles == ["Preface", "Chapter I. The Cold Quay", "Chapter II. The New Cranes"]
