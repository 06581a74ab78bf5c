"""Round two of issue #13: layout rules found on the fresh families, one test each.

Each test writes the layout by hand (its own prose), so a rule is pinned by what it means,
not by the generator that showed it was missing.
"""

from __future__ import annotations

import textwrap

from studygroup.library.importing import clean
from studygroup.library.importing.pipeline import parse_text

from .test_importing_structure import PROSE, outline, plain_text, prose, wrapped

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
    body = plain_text(
        "Release date: 1 May 2001 [eBook #123]\n\nLanguage: English",
        "*** START OF THE PROJECT GUTENBERG EBOOK NOTES ON THE HARBOUR ***",
        "                NOTES ON THE HARBOUR\n\n                BY\n\n                ADA MARSH",
        "                PREFACE",
        PROSE,
        "CHAPTER I.\nTHE COLD QUAY.",
        PROSE,
        "CHAPTER II.\nTHE NEW CRANES.",
        PROSE,
        "*** END OF THE PROJECT GUTENBERG EBOOK NOTES ON THE HARBOUR ***",
        "THE FULL PROJECT GUTENBERG LICENSE\n\n" + wrapped(prose()),
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
    text = plain_text(
        "A Harbour Book",
        contents,
        "                PREFACE",
        PROSE,
        "CHAPTER I. The Cold Quay",
        PROSE,
        "CHAPTER II. The New Cranes",
        PROSE,
    )
    titles = [title for _, kind, title in outline(text) if kind != "front" or title == "Preface"]
    assert titles == ["Preface", "Chapter I. The Cold Quay", "Chapter II. The New Cranes"]


# --- letters -----------------------------------------------------------------------------


def _letter(dateline: str, name: str) -> str:
    return f"{dateline}\n\nDear {name},\n\n{wrapped(prose())}\n\nYours ever,\nAda"


def test_a_dateline_over_a_greeting_heads_each_letter():
    text = "\n\n\n".join(
        [
            "Letters from the Quay\n\nLetters of Ada Marsh",
            "A Note on the Translation\n\n" + wrapped(prose()),
            _letter("Carrow, 22 March 1892", "Ben"),
            _letter("Carrow, 13 April 1892", "Cleo"),
            _letter("Leeds, 2 May 1893", "Ben"),
        ]
    )
    assert [(level, title) for level, _, title in outline(text)] == [
        (1, "A Note on the Translation"),
        (1, "Carrow, 22 March 1892"),
        (1, "Carrow, 13 April 1892"),
        (1, "Leeds, 2 May 1893"),
    ]


def test_a_dateline_without_a_greeting_is_a_paragraph():
    text = "\n\n".join(
        ["Harbour Notes", wrapped(prose()), "Carrow, 22 March 1892", wrapped(prose())]
    )
    assert "Carrow, 22 March 1892" not in [title for _, _, title in outline(text)]


def test_numbered_letters_keep_their_dateline_inside_and_years_group_them():
    text = "\n\n\n".join(
        [
            "Letters from the Quay\n\nLetters of Ada Marsh",
            "1908",
            "1.\nTo Ben Hale\n\n" + _letter("Carrow, 22 March 1908", "Ben"),
            "2.\nTo Cleo Hale\n\n" + _letter("Carrow, 13 April 1908", "Cleo"),
            "1909",
            "3.\nTo Ben Hale\n\n" + _letter("Carrow, 2 May 1909", "Ben"),
        ]
    )
    assert [(level, title) for level, _, title in outline(text)] == [
        (1, "1908"),
        (1, "1. To Ben Hale"),
        (1, "2. To Cleo Hale"),
        (1, "1909"),
        (1, "3. To Ben Hale"),
    ]
    first = parse_text(text).sections[1]
    assert first.paragraphs[0].text == "Carrow, 22 March 1908"


# --- word processors and offices ---------------------------------------------------------


def test_one_paragraph_a_line_without_blank_lines():
    long = " ".join([prose(), prose()])
    text = "\n".join(
        [
            "Harbour Report",
            "Draft – not for circulation",
            "1\tThe Cold Quay",
            long,
            "1.1\tWho Owns the Cranes",
            long,
            long,
            "2\tThe New Cranes",
            long,
        ]
    )
    parsed = parse_text(text)
    assert [(s.level, s.title) for s in parsed.sections] == [
        (1, "1 The Cold Quay"),
        (2, "1.1 Who Owns the Cranes"),
        (1, "2 The New Cranes"),
    ]
    assert [len(s.paragraphs) for s in parsed.sections] == [1, 2, 1]
    assert "Draft" not in " ".join(p.text for s in parsed.sections for p in s.paragraphs)


# --- web pages ---------------------------------------------------------------------------


def test_a_web_pages_chrome_is_dropped_and_its_title_found():
    text = "\n\n".join(
        [
            "Harbour Online",
            "Skip to main content\nMenu\nSearch",
            "Home › Local › Long reads",
            "The Cold Quay",
            "By Ada Marsh | 10 January 2012",
            "Share this article\nShare on Facebook\nCopy link",
            "Image: The quay in winter\nPhotograph: Ben Hale/Harbour Press",
            prose(),
            "Who Owns the Cranes",
            prose(),
            "Sign up to Harbour Online newsletter: local news, every Friday",
            "Advertisement",
            prose(),
            "Read more: The New Cranes",
            "Related articles",
            "The New Cranes\n22 March",
            "Comments (15)",
            "© Harbour Online 2019. All rights reserved.",
        ]
    )
    parsed = parse_text(text)
    assert parsed.title == "The Cold Quay"
    assert [s.title for s in parsed.sections] == ["The Cold Quay", "Who Owns the Cranes"]
    assert "web page navigation, sharing and advertising lines were dropped" in parsed.warnings
    assert not any("e-book" in w for w in parsed.warnings)
    body = " ".join(p.text for s in parsed.sections for p in s.paragraphs)
    for chrome in ("Skip", "Share", "Advertisement", "newsletter", "Related", "Image:", "©"):
        assert chrome not in body


def test_what_wraps_a_text_is_said_when_dropped_and_only_then():
    ebook = plain_text(
        "The Project Gutenberg eBook of Notes on the Harbour",
        "*** START OF THE PROJECT GUTENBERG EBOOK NOTES ON THE HARBOUR ***",
        "Notes on the Harbour",
        PROSE,
        PROSE,
        "*** END OF THE PROJECT GUTENBERG EBOOK NOTES ON THE HARBOUR ***",
        "THE FULL PROJECT GUTENBERG LICENSE",
    )
    assert "the e-book archive's header and licence were dropped" in parse_text(ebook).warnings
    assert not any("dropped" in w for w in parse_text(plain_text("The Cold Quay", PROSE)).warnings)


def test_without_a_web_pages_navigation_its_weaker_signs_stay():
    lines = ["Menu", "Print", "Advertisement", "The quay in winter, in print."]
    assert clean.strip_web_chrome(lines) == (lines, False)
    lines.insert(0, "Skip to main content")
    assert clean.strip_web_chrome(lines) == (["", "", "", "", lines[-1]], True)


# --- Markdown saved as plain text ----------------------------------------------------------


def _markdown_text() -> str:
    return plain_text(
        "---\ntitle: Notes on the Harbour\nauthor: Ada Marsh\ndate: 7 March 2023\n---",
        "The Cold Quay\n=============",
        wrapped(prose()) + "[^1]",
        "Who Owns the Cranes?\n--------------------",
        PROSE,
        "The New Cranes\n==============",
        wrapped(prose()) + "[^2]",
        "[^1]: A first note.\n[^2]: A second note.",
    )


def test_a_txt_file_written_in_markdown_is_read_as_markdown():
    from studygroup.library.importing.pipeline import parse_bytes

    parsed = parse_bytes(_markdown_text().encode(), "notes.txt")
    assert (parsed.title, parsed.author) == ("Notes on the Harbour", "Ada Marsh")
    assert [(s.level, s.title) for s in parsed.sections] == [
        (1, "The Cold Quay"),
        (2, "Who Owns the Cranes?"),
        (1, "The New Cranes"),
    ]
    assert len(parsed.footnotes) == 2


def test_markdown_is_recognised_by_more_than_one_sign():
    assert clean.looks_like_markdown(_markdown_text())
    # A rule under prose, or one underlined heading, is not Markdown.
    plain = "\n\n".join(["Harbour", wrapped(prose()), "-----", "The Quay\n--------", prose()])
    assert not clean.looks_like_markdown(plain)


def test_front_matter_is_metadata_only_when_it_is_fields():
    lines = ["---", "title: The Quay", "---", "Text."]
    assert clean.split_front_matter(lines) == (["Text."], {"title": "The Quay"})
    rule = ["---", "The quay was cold that winter.", "---", "Text."]
    assert clean.split_front_matter(rule) == (rule, {})


# --- zines and newsletters -----------------------------------------------------------------


def _zine(heading_case) -> str:
    return "\n\n\n".join(
        [
            "THE HARBOUR SHEET\nIssue 40 · Spring 2009 · FREE – donate what you can",
            heading_case("On the Cold Quay") + "\n\n" + wrapped(prose(), 48),
            "Continued on page 7",
            heading_case("Who Owns the Cranes?")
            + "\n\n(continued from page 4)\n\n"
            + wrapped(prose(), 48),
            "+----------------------+\n| GET INVOLVED         |\n| Write to us: quay@x  |\n"
            "+----------------------+",
            heading_case("The New Slipway") + "\n\n" + wrapped(prose(), 48),
            "* * *\nHARBOUR SHEET\nMeetings every Tuesday, 7pm\n* * *",
        ]
    )


def test_a_zines_first_heading_is_not_part_of_its_masthead():
    for case in (str.upper, str):
        parsed = parse_text(_zine(case))
        assert parsed.title == "The Harbour Sheet"
        assert [s.title.casefold() for s in parsed.sections] == [
            "on the cold quay",
            "who owns the cranes?",
            "the new slipway",
        ]


def test_a_zines_furniture_is_dropped():
    parsed = parse_text(_zine(str.upper))
    body = " ".join(p.text for s in parsed.sections for p in s.paragraphs)
    for furniture in ("Issue 40", "ontinued", "GET INVOLVED", "Meetings", "|", "* * *"):
        assert furniture not in body


def test_a_scene_of_prose_between_two_rules_stays():
    lines = ["* * *", "The quay was cold.", "Nobody came back.", "* * *"]
    assert clean.strip_text_boxes(lines) == (lines, False)


# --- minutes -----------------------------------------------------------------------------


def test_minutes_items_are_chapters_and_the_attendance_list_is_front_matter():
    text = "\n\n\n".join(
        [
            "HARBOUR TENANTS' UNION\nMinutes of the general meeting held on 7 March 2021",
            "Present: Ada Marsh (chair), Ben Hale, Cleo Hale\nApologies: Dov Marsh",
            "Item 1: Who Owns the Cranes?\n\n" + wrapped("Ada: " + prose()),
            "Item 2: The New Slipway\n\n" + wrapped("Ben: " + prose()),
        ]
    )
    parsed = parse_text(text)
    assert parsed.title.startswith("Harbour Tenants' Union: Minutes of the general meeting")
    assert [(s.level, s.kind, s.title) for s in parsed.sections] == [
        (1, "front", parsed.title),
        (1, "body", "Item 1: Who Owns the Cranes?"),
        (1, "body", "Item 2: The New Slipway"),
    ]


# --- journal articles --------------------------------------------------------------------


def test_keywords_are_no_heading_and_a_paged_header_inside_a_sentence_is_furniture():
    text = plain_text(
        "Harbour Studies 37(3), 209–239",
        "The Cold Quay",
        "Abstract",
        PROSE,
        "Keywords: harbours; cranes; tides",
        "1 Introduction",
        wrapped(prose()) + "\nand the rest of the sentence was",
        "MARSH AND HALE    211",
        "carried over the page break to the next one.",
        "2 The New Cranes",
        PROSE,
    )
    parsed = parse_text(text)
    assert [s.title for s in parsed.sections if s.kind == "body"] == [
        "Abstract",
        "1 Introduction",
        "2 The New Cranes",
    ]
    body = " ".join(p.text for s in parsed.sections for p in s.paragraphs)
    assert "Keywords" not in body and "MARSH" not in body
    assert "the sentence was carried over the page break" in body


def test_a_superscript_note_number_after_a_full_stop_ends_the_sentence():
    assert clean.ends_sentence("…still hangs in the back room of the hall.⁴")
    assert not clean.ends_sentence("…still hangs in the back room of the⁴")


# --- scanned books -----------------------------------------------------------------------


def test_a_scans_labels_count_up_whether_bare_or_in_full():
    text = "\n\n\n".join(
        [
            "THE HARBOUR BOOK\n\n\nBY ADA MARSH",
            "I\n\nTHE COLD QUAY\n\n" + wrapped(prose()),
            "Chapter 2\n\nTHE NEW CRANES\n\n" + wrapped(prose()),
            "III\n\nWHO OWNS THE SLIPWAY\n\n" + wrapped(prose()),
        ]
    )
    assert [(level, title) for level, _, title in outline(text)] == [
        (1, "I: The Cold Quay"),
        (1, "Chapter 2: The New Cranes"),
        (1, "III: Who Owns the Slipway"),
    ]


def test_a_scans_running_header_with_its_page_number_is_dropped_though_misread():
    text = "\n\n\n".join(
        [
            "THE HARBOUR BOOK\n\n\nBY ADA MARSH",
            "CHAPTER I\n\nTHE COLD QUAY\n\n" + wrapped(prose()),
            "THE C OLD QU AY      l7",  # the chapter's title, spaced and misread by OCR
            wrapped(prose()),
            "CHAPTER II\n\nTHE NEW CRANES\n\n" + wrapped(prose()),
            "4l       THE HARB0UR BOOK",
            wrapped(prose()),
        ]
    )
    parsed = parse_text(text)
    assert [s.title for s in parsed.sections] == [
        "Chapter I: The Cold Quay",
        "Chapter II: The New Cranes",
    ]
    body = " ".join(p.text for s in parsed.sections for p in s.paragraphs)
    assert "QU AY" not in body and "HARB0UR" not in body


# --- printed books and reports (PDF text layers) -----------------------------------------


def test_a_drop_capital_set_apart_is_rejoined_to_its_word():
    lines = [
        "",
        "       s the tide turned, the harbour master closed the gates under",
        "A protest. Once the crane drivers had gone home, the",
        "       night watch sorted the ropes in the store.",
        "The rest of the paragraph.",
    ]
    assert clean.rejoin_drop_caps(lines)[1:4] == [
        "As the tide turned, the harbour master closed the gates under",
        "protest. Once the crane drivers had gone home, the",
        "night watch sorted the ropes in the store.",
    ]
    # A capital "A" opening a line inside a paragraph stays.
    inside = ["the gates under", "A protest."]
    assert clean.rejoin_drop_caps(inside) == inside


def test_a_centred_label_over_spaced_capitals_and_an_ornament():
    text = plain_text(
        "The Harbour Book",
        "                    ❦",
        "                    I\n                    TOW ARDS THE COLD QUAY",
        wrapped(prose()) + " Towards evening the quay emptied.",
        "                    ❦",
        "                    II\n                    THE NEW CRANES",
        PROSE,
        "                    Who Owns the Slipway?",
        PROSE,
    )
    assert [(level, title) for level, _, title in outline(text)] == [
        (1, "I: Towards the Cold Quay"),
        (1, "II: The New Cranes"),
        (2, "Who Owns the Slipway?"),
    ]


def test_a_tables_rows_and_source_line_are_no_headings():
    text = plain_text(
        "The Harbour Report",
        "Summary",
        PROSE,
        "Table 1: Cranes at each quay",
        "Quay 2012 2019 2020",
        "North 424 84 4",
        "Source: harbour survey, 2022",
        PROSE,
        "The New Cranes",
        PROSE,
    )
    titles = [title for _, _, title in outline(text)]
    assert titles == ["Summary", "The New Cranes"]


def test_a_centred_running_header_of_a_chapter_title_with_its_page_number_is_dropped():
    text = plain_text(
        "The Harbour Book",
        "                    I\n                    THE COLD QUAY",
        PROSE,
        "                    THE COLD QUAY 3",
        PROSE,
        "                    II\n                    WHO BUIL T THE CRANES",
        wrapped(prose()) + " The cranes were built in a year.",
    )
    parsed = parse_text(text)
    assert [s.title for s in parsed.sections] == ["I: The Cold Quay", "II: Who Built the Cranes"]
    body = " ".join(p.text for s in parsed.sections for p in s.paragraphs)
    assert "COLD QUAY" not in body
