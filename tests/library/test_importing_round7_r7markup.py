"""Round seven, part A (issue #13): a text pasted as the source of a wiki page, an
org-mode outline or an AsciiDoc document is read by that markup's own conventions
(markup.py): its headings, its notes, its declared title and author, and no trace of its
templates, drawers or directives in the paragraphs.

Each input is written by hand with its own prose, so a rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing import markup
from studygroup.library.importing.pipeline import parse_bytes, parse_text

from .test_importing_structure import body_text


def _parse(text: str):
    return parse_bytes(text.encode(), "notes.txt")


def _outline(parsed) -> list[tuple[int, str]]:
    return [
        (s.level, s.title)
        for s in parsed.sections
        if s.kind == "body" and s.title not in {"", "Opening"}  # "Opening": an untitled lead
    ]


# --- wikitext ---------------------------------------------------------------------------

WIKI = """'''The Ferry Choir''' is a singing society of the river crossings.

== Founding ==

The choir first met in the waiting room of the north landing.<ref>Minute book, first
volume, page two.</ref> Its members were deckhands and ticket clerks.

=== The First Concert ===

They sang on the upper deck for the mayor's launch.<ref name="log">Harbour log,
spring entries.</ref> The mayor stayed for the whole of it.<ref name="log" />

== Later Years ==

{{Infobox choir
| name = The Ferry Choir
| founded = long ago
}}
The choir still sings at the turning of the tide.

# It rehearses on Tuesdays.
# It tours in the summer.

== References ==
{{Reflist}}
[[Category:Choirs]]
"""


def test_wikitext_headings_are_its_equals_signs_on_both_sides():
    parsed = _parse(WIKI)
    assert _outline(parsed) == [(1, "Founding"), (2, "The First Concert"), (1, "Later Years")]


def test_wikitext_refs_are_notes_and_a_named_ref_cited_again_is_the_same_note():
    parsed = _parse(WIKI)
    assert [n.text for n in parsed.footnotes] == [
        "Minute book, first volume, page two.",
        "Harbour log, spring entries.",
    ]
    body = body_text(parsed, "\n")
    assert "<ref" not in body and "Minute book" not in body
    assert "first met in the waiting room of the north landing." in body


def test_wikitext_templates_categories_and_bold_quotes_leave_the_text():
    parsed = _parse(WIKI)
    body = body_text(parsed, "\n")
    assert "{{" not in body and "Infobox" not in body and "Category" not in body
    assert "'''" not in body
    assert parsed.title == "The Ferry Choir"  # the article's bold opening term


def test_wikitext_numbered_list_items_are_not_headings():
    parsed = _parse(WIKI)
    assert "It rehearses on Tuesdays." in body_text(parsed, "\n")
    assert all("rehearses" not in title for _level, title in _outline(parsed))


# --- org-mode ---------------------------------------------------------------------------

ORG = """#+TITLE: Allotment Diary
#+AUTHOR: Morwenna Treadgold
#+STARTUP: overview

* Spring Digging
:PROPERTIES:
:CUSTOM_ID: spring
:END:
The beds along the railway fence were turned over in a single weekend.[fn:1]
# remember to ask about the water butt

** Seed Potatoes :planting:
The early potatoes went in under fleece, as the old hands advised.[fn:frost]

* Summer Glut
Courgettes arrived faster than anyone could give them away.[fn::Three sacks to the
food bank in one week.]

* Footnotes

[fn:1] The fence belongs to the railway, which lets the plots for a peppercorn.

[fn:frost] A late frost took
half the rhubarb that year.
"""


def test_org_headings_are_stars_and_its_title_and_author_are_keywords():
    parsed = _parse(ORG)
    assert _outline(parsed) == [(1, "Spring Digging"), (2, "Seed Potatoes"), (1, "Summer Glut")]
    assert (parsed.title, parsed.author) == ("Allotment Diary", "Morwenna Treadgold")


def test_org_notes_are_defined_under_footnotes_or_inline():
    parsed = _parse(ORG)
    assert [n.text for n in parsed.footnotes] == [
        "The fence belongs to the railway, which lets the plots for a peppercorn.",
        "A late frost took half the rhubarb that year.",
        "Three sacks to the food bank in one week.",
    ]
    assert all(title != "Footnotes" for s in parsed.sections for title in [s.title])


def test_org_drawers_keywords_and_comments_leave_the_text():
    body = body_text(_parse(ORG), "\n")
    for trace in (":PROPERTIES:", ":END:", "CUSTOM_ID", "#+", "STARTUP", "water butt"):
        assert trace not in body
    assert "turned over in a single weekend." in body


# --- AsciiDoc ---------------------------------------------------------------------------

ADOC = """= Repairing Clocks at Home
Ivo Partridge <ivo@example.invalid>
:toc:
:sectnums:

== Taking the Case Apart

Lay a cloth over the table before the back comes off.footnote:[A tea towel
will do.] Keep every screw in a saucer.

// the picture of the movement goes here

=== The Pendulum

Lift the pendulum off its hook before anything else.footnote:hook[The hook bends
easily.] Never force it.

[NOTE]
====
Old clocks were made to be mended.
====

== Putting It Back

Reverse every step, slowly.footnote:hook[]
"""


def test_asciidoc_sections_are_equals_signs_and_the_header_gives_title_and_author():
    parsed = _parse(ADOC)
    assert _outline(parsed) == [
        (1, "Taking the Case Apart"),
        (2, "The Pendulum"),
        (1, "Putting It Back"),
    ]
    assert (parsed.title, parsed.author) == ("Repairing Clocks at Home", "Ivo Partridge")


def test_asciidoc_footnote_macros_are_notes_even_across_a_line_break():
    parsed = _parse(ADOC)
    assert [n.text for n in parsed.footnotes] == ["A tea towel will do.", "The hook bends easily."]
    body = body_text(parsed, "\n")
    assert "footnote:" not in body
    assert "Lay a cloth over the table before the back comes off." in body


def test_asciidoc_attributes_comments_and_delimiters_leave_the_text():
    body = body_text(_parse(ADOC), "\n")
    for trace in (":toc:", "sectnums", "picture of the movement", "====", "[NOTE]"):
        assert trace not in body
    assert "Old clocks were made to be mended." in body


# --- variants of the same conventions ---------------------------------------------------


def test_a_wiki_whose_first_heading_has_the_most_signs_ranks_them_the_other_way():
    text = (
        "====== Mending Nets ======\n\n"
        "Nets tear on the rocks every season.((Mostly in the autumn gales.))\n\n"
        "===== Knots =====\n\n"
        "The sheet bend joins two ropes of different thickness.\n\n"
        "====== Drying Nets ======\n\n"
        "Nets rot if they are stored wet, so they hang on the [[quay|quay rails]].\n"
    )
    parsed = _parse(text)
    assert _outline(parsed) == [(1, "Mending Nets"), (2, "Knots"), (1, "Drying Nets")]
    assert [n.text for n in parsed.footnotes] == ["Mostly in the autumn gales."]
    assert "hang on the quay rails." in body_text(parsed, "\n")


def test_asciidoc_title_underlined_is_a_heading_and_a_listing_block_is_not():
    text = (
        "Bread at Home\n=============\n:toc:\n\n"
        "The Starter\n-----------\n\n"
        "Feed it every day.footnote:[Flour and water, equal weights.]\n\n"
        "The Bake\n--------\n\n"
        "Heat the oven for an hour first.\n\n"
        "----\nbake at the hottest setting\n----\n"
    )
    parsed = _parse(text)
    assert parsed.title == "Bread at Home"
    assert _outline(parsed) == [(1, "The Starter"), (1, "The Bake")]
    assert "bake at the hottest setting" in body_text(parsed, "\n")
    assert "----" not in body_text(parsed, "\n")


def test_org_outline_is_told_from_starred_notes_and_breaks():
    separated = (
        "The gate was painted green.\n\n* * *\n\nThen it rained for a week.\n\n"
        "* A note from the painter about the green.\n\nA second coat went on later.[fn:1]\n"
    )
    assert markup.source_markup(separated) is None
    outline = separated.replace("* * *", "* The Second Week").replace(
        "* A note from the painter about the green.", "* The Second Coat"
    )
    assert markup.source_markup(outline) is markup.ORG


# --- what is no markup source -----------------------------------------------------------


def test_one_sign_of_a_markup_is_not_enough():
    prose = (
        "The meeting opened with apologies.\n\n"
        "== Interval ==\n\n"
        "* tea\n* biscuits\n* the raffle\n\n"
        "== Second Half ==\n\n"
        "Everyone went home before ten.\n"
    )
    assert markup.source_markup(prose) is None
    assert markup.as_markdown(prose) == (prose, None)


def test_a_bulleted_list_is_no_outline_of_headings():
    markdown_list = (
        "Shopping for the outing:[fn:1]\n\n"
        "* bread\n* cheese\n* apples\n\nAnd later:\n\n* rope\n* lamp\n"
    )
    assert markup.source_markup(markdown_list) is None


# --- Markdown's note markers, which every markup here becomes --------------------------


def test_a_short_paragraph_ending_in_a_note_marker_is_a_sentence_not_a_heading():
    text = (
        "## Ropes\n\nHemp swells in the rain.[^1]\n\n"
        "## Knots\n\nA reef knot spills under load. Use a sheet bend instead.\n\n"
        "[^1]: So it is stored dry.\n"
    )
    parsed = parse_text(text, markdown=True)
    assert [(s.level, s.title) for s in parsed.sections] == [(1, "Ropes"), (1, "Knots")]
    assert parsed.sections[0].paragraphs[0].text == "Hemp swells in the rain."


def test_a_sentence_ending_in_a_note_marker_is_not_carried_on_by_the_next_paragraph():
    text = (
        "## Ropes\n\nHemp swells in the rain. Store it dry.[^1]\n\n"
        "## Knots\n\nA reef knot spills under load.\n\nand a granny knot slips.\n\n"
        "[^1]: Or it rots.\n"
    )
    parsed = parse_text(text, markdown=True)
    assert [(s.level, s.title) for s in parsed.sections] == [(1, "Ropes"), (1, "Knots")]
    assert [p.text for p in parsed.sections[0].paragraphs] == [
        "Hemp swells in the rain. Store it dry."
    ]


# --- what else each markup's source carries --------------------------------------------


def test_a_citation_template_inside_a_wiki_note_gives_the_note_its_words():
    text = (
        "'''Tide Mills''' grind with the ebb.\n\n== Working ==\n\n"
        "The pond fills at high water.<ref>{{cite book |last=Marsh |title=Mills of the "
        "Estuary |year=1961}}</ref> The wheel turns as it empties.\n\n"
        "== Decline ==\n\nSteam made them idle.\n\n== References ==\n{{Reflist}}\n"
    )
    parsed = _parse(text)
    assert [n.text for n in parsed.footnotes] == ["Marsh, Mills of the Estuary, 1961"]


def test_org_planning_lines_and_asciidoc_block_macros_leave_the_text():
    org = _parse(
        "#+TITLE: Chores\n\n* Paint the Shed\nSCHEDULED: <2024-05-04 Sat>\n"
        "Two coats, a day apart.\n\n* Clear the Gutter\nCLOSED: [2024-04-01 Mon]\n"
        "Leaves, mostly, and a tennis ball.\n"
    )
    assert "SCHEDULED" not in body_text(org, "\n") and "CLOSED" not in body_text(org, "\n")
    adoc = _parse(
        "= Chores\n:toc: macro\n\ntoc::[]\n\n== Paint the Shed\n\n"
        "Two coats, a day apart.\n\nvideo::brushwork.mp4[]\n\n"
        "== Clear the Gutter\n\nLeaves, mostly.\n"
    )
    assert "::" not in body_text(adoc, "\n")
    assert _outline(adoc) == [(1, "Paint the Shed"), (1, "Clear the Gutter")]


# --- review of round seven: texts that are no wiki, and what a wiki's templates show ----


def test_a_markdown_file_with_a_shortcode_and_a_wikilink_keeps_its_headings():
    # A note-taking app's Markdown: "#" headings, one shortcode, one [[link]].
    text = (
        "# Reading notes: The Salt Road\n\n"
        '{{< figure src="cover.jpg" caption="The first edition\'s cover" >}}\n\n'
        "## Chapter one\n\n"
        "The opening is slow, but the harbour scenes pay off later; compare [[The Quay]] "
        "for the same setting.\n\n"
        "## Chapter two\n\n"
        "The mill chapter is the strongest in the book, and the group spent most of the "
        "evening on it.\n"
    )
    assert markup.source_markup(text) is None  # links and templates alone make no wiki
    for name in ("obsidian.md", "obsidian.txt"):
        parsed = parse_bytes(text.encode(), name)
        assert parsed.title == "Reading notes: The Salt Road"
        assert [s.title for s in parsed.sections] == [  # as Markdown's "#" lines, no "1. "
            "Reading notes: The Salt Road",
            "Chapter one",
            "Chapter two",
        ]
        assert "harbour scenes pay off later" in body_text(parsed, "\n")


def test_a_markdown_file_is_never_read_as_another_markup():
    # Wiki headings and a <ref> in a .md file are the writer's Markdown, quoted.
    text = (
        "# Wiki syntax, for the group\n\n"
        "A heading is written == History == and a note <ref>like this</ref>.\n\n"
        "## Links\n\nA link is written [[The Quay]].\n"
    )
    parsed = parse_bytes(text.encode(), "syntax.md")
    assert parsed.title == "Wiki syntax, for the group"
    assert "<ref>like this</ref>" in body_text(parsed, "\n")


def test_wiki_inline_templates_keep_the_words_they_show():
    text = (
        "'''Carrow Yard''' was a shipyard on the north bank of the river.\n\n"
        "== History ==\n"
        "The yard was opened in 1851.<ref>{{cite book |last=Price |title=The Yard "
        "|year=1961}}</ref> It employed {{convert|3000|people}} at its peak and was known "
        "locally as {{lang|cy|Iard Carrow}}.{{citation needed|date=May 2020}}\n\n"
        "{{Quote|text=We built the ships and they took the credit.|author=A riveter}}\n\n"
        "== Closure ==\nThe yard closed in 1967 after the last order was cancelled.\n\n"
        "{{Navbox shipyards\n| title = Yards of the river\n| list1 = Carrow\n}}\n\n"
        "== References ==\n<references />\n"
    )
    parsed = _parse(text)
    body = body_text(parsed, "\n")
    assert "It employed 3000 people at its peak" in body
    assert "known locally as Iard Carrow." in body
    assert "We built the ships and they took the credit." in body
    assert "A riveter" in body
    quoted = [p for s in parsed.sections for p in s.paragraphs if "took the credit" in p.text]
    assert [p.kind for p in quoted] == ["quote"]
    assert "{{" not in body and "citation needed" not in body
    assert "Yards of the river" not in body  # a navbox shows nothing in the article
    assert [n.text for n in parsed.footnotes] == ["Price, The Yard, 1961"]


def test_a_quotation_template_over_several_lines_keeps_its_text():
    text = (
        "'''Carrow Yard''' was a shipyard.\n\n== History ==\nThe yard opened in 1851.\n\n"
        "{{Quote\n|text=We built the ships\nand they took the credit.\n|author=A riveter\n}}\n\n"
        "== Closure ==\nIt closed in 1967.\n"
    )
    body = body_text(_parse(text), "\n")
    assert "We built the ships and they took the credit." in body


def test_latex_quotes_and_a_transcript_aside_are_no_wiki():
    text = (
        "The Reading Room\n\n"
        "``Come in,'' she said, ``and shut the door behind you; the draught gets into the\n"
        "books.'' He did as he was told and stood by the stove while she finished her page.\n\n"
        "``You'll want the ((old)) catalogue,'' she said at last, ``not the new one.''\n"
    )
    assert markup.source_markup(text) is None
    body = body_text(_parse(text), "\n")
    assert "``Come in,'' she said" in body
    assert "``You'll want the ((old)) catalogue,'' she said at last" in body


def test_a_wiki_with_a_long_numbered_list_is_still_a_wiki():
    # Wikitext's "# item" lines come in a run; Markdown's "#" headings stand alone.
    items = "".join(f"# Rehearsal number {n} in the waiting room.\n" for n in range(1, 8))
    text = (
        "'''The Ferry Choir''' sings on the crossings.\n\n== Founding ==\n\n"
        f"The choir first met in 1902.<ref>Minute book.</ref>\n\n{items}\n"
        "== Later Years ==\n\nIt still sings at the turn of the tide.\n"
    )
    parsed = _parse(text)
    assert _outline(parsed) == [(1, "Founding"), (1, "Later Years")]
    assert [n.text for n in parsed.footnotes] == ["Minute book."]
    assert "Rehearsal number 7 in the waiting room." in body_text(parsed, "\n")
