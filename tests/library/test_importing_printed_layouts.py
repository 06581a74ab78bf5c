"""Round three of issue #13 (part B): theses, e-books, anthologies and handouts.

Rules in structure.py, headings.py and clean.py found on the third families, one test
each, written by hand with prose of their own: a rule is pinned by what it means, not by
the generator that showed it was missing.
"""

from __future__ import annotations

from studygroup.library.importing import clean
from studygroup.library.importing.pipeline import parse_text

from .test_importing_structure import PROSE, outline, plain_text, prose, wrapped


def _paragraphs(parsed) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for s in parsed.sections for p in s.paragraphs]


# --- theses ------------------------------------------------------------------------------


def test_captions_numbered_within_a_chapter_are_captions():
    text = plain_text(
        "The Harbour Thesis",
        "1.1 The Cold Quay",
        PROSE,
        "        [image]",
        "Figure 1.2: The north quay in 1911",
        PROSE,
        "Table 1.3: Cranes and pilots by year, Leeds",
        "Year      Cranes    Pilots\n1911      4         12\n1912      6         15",
        PROSE,
        "1.2 The New Cranes",
        PROSE,
        sentences=4,
    )
    parsed = parse_text(text)
    captions = [t for k, t in _paragraphs(parsed) if k == "caption"]
    assert any(t.endswith("Figure 1.2: The north quay in 1911") for t in captions)
    assert "Table 1.3: Cranes and pilots by year, Leeds" in captions
    assert not any("Figure 1.2" in t for k, t in _paragraphs(parsed) if k != "caption")
    assert [s.title for s in parsed.sections] == ["1.1 The Cold Quay", "1.2 The New Cranes"]


# --- e-books -----------------------------------------------------------------------------


def _ebook(contents: bool = True) -> str:
    chapters = ["Who Paid the Pilots?", "The Cold Morning", "The Long Winter"]
    parts = ["The Harbour Book", "Ada Marsh", "Copyright © 2011 Ada Marsh\nAll rights reserved."]
    if contents:
        parts.append("Contents\n\n" + "\n".join(chapters))
    for n, name in enumerate(chapters):
        parts += [name, wrapped(prose(4)), "~" if n % 2 else "#", wrapped(prose(4))]
    parts += ["About the Author", "Ada Marsh lives in Leeds."]
    return "\n\n".join(parts)


def test_an_ebooks_title_page_keeps_the_author_its_copyright_names():
    parsed = parse_text(_ebook(contents=False))
    assert (parsed.title, parsed.author) == ("The Harbour Book", "Ada Marsh")
    assert [(s.kind, s.title) for s in parsed.sections][:2] == [
        ("front", "Copyright"),
        ("body", "Who Paid the Pilots?"),
    ]


def test_an_ebooks_contents_lists_questions_and_leaves_out_its_back_matter():
    parsed = parse_text(_ebook())
    assert [(s.level, s.kind, s.title) for s in parsed.sections if s.kind != "front"] == [
        (1, "body", "Who Paid the Pilots?"),
        (1, "body", "The Cold Morning"),
        (1, "body", "The Long Winter"),
        (1, "back", "About the Author"),  # after the listed chapters, not inside the last
    ]


def test_a_lone_tilde_or_hash_is_a_scene_break():
    parsed = parse_text(_ebook())
    assert not any(text in {"~", "#"} for _, text in _paragraphs(parsed))


# --- anthologies -------------------------------------------------------------------------


def test_an_epigraphs_source_line_closes_it():
    # "— Ida Strand" ends no sentence by its punctuation, but nothing runs on past it: the
    # paragraph after it, cut by a page break and a running header, is the one to mend.
    text = plain_text(
        "The Harbour Book",
        "The Cold Morning",
        "    The sea keeps no ledger, whatever the harbour master says.",
        "                    — Ida Strand",
        "The pilots met at dawn on the quay and argued about the",
        "\f          THE HARBOUR BOOK",
        wrapped("new tide tables until the harbour master came. " + prose(3)),
        "The Long Winter",
        PROSE,
        "          THE HARBOUR BOOK",
        PROSE,
        "          THE HARBOUR BOOK",
        PROSE,
        sentences=4,
    )
    texts = [t for _, t in _paragraphs(parse_text(text))]
    assert any(
        "argued about the new tide tables until the harbour master came." in t for t in texts
    )


def test_indented_paragraphs_between_lone_headings_are_not_double_spaced():
    essay = "\n".join("   " + wrapped(prose(4), 64) for _ in range(3))
    text = "\n\n".join(
        [
            "The Harbour Book",
            "THE COLD MORNING",
            "Ben Okafor",
            essay,
            "THE LONG WINTER",
            "Cleo Varga",
            essay,
            "THE NEW CRANES",
            "Ida Strand",
            essay,
            *[f"Note {n}" for n in range(12)],
        ]
    )
    blocks = clean.split_blocks(text.split("\n"))
    width = clean.measure_width(blocks)
    assert width and not clean.is_double_spaced(blocks, width)


def test_a_known_headings_capitals_later_on_are_its_running_header():
    text = plain_text(
        "The Harbour Book",
        "Introduction",
        PROSE,
        "The Cold Morning",
        "Ben Okafor",
        PROSE,
        "          THE COLD MORNING",
        PROSE,
        "Cranes against Sails",
        "Cleo Varga",
        PROSE,
        sentences=4,
    )
    parsed = parse_text(text)
    assert [s.title for s in parsed.sections] == [
        "Introduction",
        "The Cold Morning",
        "Cranes against Sails",
    ]
    assert not any("COLD MORNING" in t for _, t in _paragraphs(parsed))


# --- handouts ----------------------------------------------------------------------------


def test_capital_chapters_over_title_case_questions():
    text = plain_text(
        "The Harbour Handout",
        "Ada Marsh",
        "THE COLD MORNING",
        PROSE,
        "Who Paid the Pilots?",
        PROSE,
        "THE LONG WINTER",
        PROSE,
        "Why Build the Cranes?",
        PROSE,
        "THE NEW QUAY",
        PROSE,
        sentences=4,
    )
    assert [(lvl, t) for lvl, _, t in outline(text)] == [
        (1, "The Cold Morning"),
        (2, "Who Paid the Pilots?"),
        (1, "The Long Winter"),
        (2, "Why Build the Cranes?"),
        (1, "The New Quay"),
    ]


def test_a_summary_box_is_no_heading():
    # A box beside the text ("Summary" over one short line), run into the page.
    text = plain_text(
        "The Harbour Handout",
        "1. The Cold Morning",
        PROSE,
        "Summary",
        "The pilots struck.",
        "2. The Long Winter",
        PROSE,
        "Summary",
        PROSE,
        sentences=4,
    )
    assert [t for _, _, t in outline(text)] == [
        "1. The Cold Morning",
        "2. The Long Winter",
        "Summary",  # over a real paragraph, a summary is a section
    ]


def test_a_numbered_heading_glued_under_the_authors_name_opens_the_text():
    # A PDF's text layer has no blank lines: the name and the first heading are one block.
    text = "\n".join(
        [
            "The Harbour Handout",
            "",
            "Ada Marsh",
            "1. THE COLD MORNING",
            "",
            wrapped(prose(4), 90),
            "",
            "2. THE LONG WINTER",
            "",
            wrapped(prose(4), 90),
        ]
    )
    parsed = parse_text(text)
    assert (parsed.title, parsed.author) == ("The Harbour Handout", "Ada Marsh")
    assert [s.title for s in parsed.sections] == ["1. The Cold Morning", "2. The Long Winter"]


# --- unwrapped text ----------------------------------------------------------------------


def test_paragraphs_far_longer_than_a_list_are_not_hard_wrapped():
    # A reference list of short lines (one block) beside paragraphs of one long line each,
    # as a browser copies them: the list's line length is no wrapping width.
    references = "\n".join(
        f"{n}. Marsh, Ada. The Harbour. Leeds: Quay Press, 19{n:02}." for n in range(30)
    )
    text = "\n\n".join([prose(6) for _ in range(8)] + [references])
    blocks = clean.split_blocks(text.split("\n"))
    assert clean.measure_width(blocks) is None
    wrapped_text = "\n\n".join([wrapped(prose(6)) for _ in range(8)] + [references])
    assert clean.measure_width(clean.split_blocks(wrapped_text.split("\n")))
