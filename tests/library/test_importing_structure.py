"""Headings, title page, contents, running headers, captions: via parse_text."""

from __future__ import annotations

import itertools
import textwrap

from studygroup.library.importing.pipeline import parse_text
from studygroup.library.importing.structure import smart_title

_SENTENCES = itertools.cycle(
    [
        "The committee met on a cold morning and argued for hours about the agenda.",
        "Nobody could agree on the order of business, so the chair proposed a vote.",
        "Afterwards the members walked to the station and talked about other things.",
        "In the evening a long letter arrived from the branch in the north of the country.",
        "It raised questions that would occupy the group for the rest of the winter.",
    ]
)


_NAMES = itertools.cycle(["Ada", "Ben", "Cleo", "Dov", "Eli", "Fay", "Gus", "Hal", "Ida"])
_PLACES = itertools.cycle(["Leeds", "Lyon", "Lima", "Oslo", "Pune", "Kiev", "Cork"])


def prose(n: int = 3) -> str:
    """A distinct paragraph each call (repeated text would look like a pull-quote)."""
    opening = f"When {next(_NAMES)} came back from {next(_PLACES)} with {next(_NAMES)},"
    return opening + " " + " ".join(next(_SENTENCES) for _ in range(n))


def wrapped(text: str, width: int = 68) -> str:
    """Hard-wrapped, as a plain-text file sets a paragraph."""
    return "\n".join(textwrap.wrap(text, width))


PROSE = object()  # in plain_text(): a fresh paragraph of prose, hard-wrapped


def plain_text(*blocks: str | object, sentences: int = 3, width: int = 68) -> str:
    """A plain text from its blocks, a blank line apart; each PROSE stands for a fresh
    paragraph of `sentences` sentences, wrapped at `width`."""
    return "\n\n".join(
        wrapped(prose(sentences), width) if block is PROSE else block for block in blocks
    )


def prose_blocks(n: int = 2, width: int = 68) -> str:
    """`n` fresh paragraphs of prose, hard-wrapped, a blank line apart."""
    return plain_text(*[PROSE] * n, width=width)


def outline(text: str, **kw) -> list[tuple[int, str, str]]:
    return [(s.level, s.kind, s.title) for s in parse_text(text, **kw).sections]


def dedented(text: str) -> str:
    """A hand-written input: indented in the test, flush left in the file."""
    return textwrap.dedent(text).lstrip("\n")


def body_text(parsed, sep: str = " ") -> str:
    """Every paragraph of a parse, in reading order: what a reader sees under the headings."""
    return sep.join(p.text for s in parsed.sections for p in s.paragraphs)


def test_numbered_headings():
    text = f"1 The Beginning\n\n{prose()}\n\n2 The Middle\n\n{prose()}\n\n3 The End\n\n{prose()}\n"
    assert outline(text) == [
        (1, "body", "1 The Beginning"),
        (1, "body", "2 The Middle"),
        (1, "body", "3 The End"),
    ]


def test_dotted_numbers_and_sub_numbers():
    text = (
        f"1. Origins\n\n{prose()}\n\n1.1 Early days\n\n{prose()}\n\n"
        f"2. Growth\n\n{prose()}\n\n2.1 Later days\n\n{prose()}\n"
    )
    assert [(lvl, title) for lvl, _, title in outline(text)] == [
        (1, "1. Origins"),
        (2, "1.1 Early days"),
        (1, "2. Growth"),
        (2, "2.1 Later days"),
    ]


def test_chapter_words_roman_numerals_and_parts():
    text = (
        f"Part One\n\n{prose()}\n\nChapter 3: The Strike\n\n{prose()}\n\n"
        f"CHAPTER IV\n\n{prose()}\n\nA Quiet Aftermath\n\n{prose()}\n"
    )
    assert outline(text) == [
        (1, "body", "Part One"),
        (1, "body", "Chapter 3: The Strike"),
        (1, "body", "Chapter IV"),
        (2, "body", "A Quiet Aftermath"),
    ]


def test_all_caps_chapters_over_title_case_subheadings():
    text = (
        f"THE FIRST THING\n\n{prose()}\n\nA Smaller Thing\n\n{prose()}\n\n"
        f"THE SECOND THING\n\n{prose()}\n\nAnother Small Thing\n\n{prose()}\n"
    )
    assert outline(text) == [
        (1, "body", "The First Thing"),
        (2, "body", "A Smaller Thing"),
        (1, "body", "The Second Thing"),
        (2, "body", "Another Small Thing"),
    ]


def test_markdown_headings_quotes_lists_and_emphasis():
    text = (
        f"# The Pamphlet\n\n{prose()}\n\n## First Part\n\n{prose()} *emphasis* and **bold**.\n\n"
        "> a quoted line\n> that continues\n\n- item one\n- item two\n\n"
        f"## Second Part\n\n{prose()}[^1]\n\n[^1]: The note.\n"
    )
    parsed = parse_text(text, markdown=True)
    assert parsed.title == "The Pamphlet"
    assert [(s.level, s.title) for s in parsed.sections] == [
        (1, "The Pamphlet"),
        (1, "First Part"),
        (1, "Second Part"),
    ]
    first = parsed.sections[1].paragraphs
    assert first[0].text.endswith("emphasis and bold.")
    assert (first[1].kind, first[1].text) == ("quote", "a quoted line that continues")
    assert [(p.kind, p.text) for p in first[2:]] == [("list", "item one"), ("list", "item two")]
    last = parsed.sections[2].paragraphs[0]
    assert last.footnote_numbers == [1]
    assert [(f.number, f.text) for f in parsed.footnotes] == [(1, "The note.")]


def test_setext_markdown_headings():
    text = f"Part A\n======\n\n{prose()}\n\nPart B\n------\n\n{prose()}\n"
    assert [t for _, _, t in outline(text, markdown=True)][-1] == "Part B"


def test_no_structure_is_one_section_with_warning():
    parsed = parse_text("\n\n".join(prose() for _ in range(4)), filename="my_notes.txt")
    assert [s.title for s in parsed.sections] == ["my notes"]
    assert "no chapters found" in parsed.warnings
    assert len(parsed.sections[0].paragraphs) == 4


def test_title_and_author_from_title_page():
    text = f"My Book\n\nJane Smith\n\n1. The Beginning\n\n{prose()}\n\n2. The Middle\n\n{prose()}\n"
    parsed = parse_text(text)
    assert (parsed.title, parsed.author) == ("My Book", "Jane Smith")
    assert [s.title for s in parsed.sections] == ["1. The Beginning", "2. The Middle"]


def test_byline_and_masthead():
    text = (
        "The Website of Some Organisation\n\nWhy the Strike Matters Today?\n\n"
        f"By Ann Other, Branch Secretary\n\n{prose()}\n\nWhat Comes Next\n\n{prose()}\n"
    )
    parsed = parse_text(text)
    assert parsed.title == "Why the Strike Matters Today?"
    assert parsed.author == "Ann Other"
    assert [(s.level, s.title) for s in parsed.sections] == [
        (1, "Why the Strike Matters Today?"),
        (2, "What Comes Next"),
    ]
    assert all("Website" not in p.text for s in parsed.sections for p in s.paragraphs)


def test_contents_list_is_dropped_and_drives_chapters():
    text = (
        "A Book Title\n\nAn Author\n\nPublished 2022\n\nISBN: 978-0-000000-00-0\n\n"
        "CONTENTS\n\n\tIntroduction\t1\n1\tWork\t7\n2\tPlay\t13\n\t\tGLOSSARY\t20\n\n"
        f"Introduction\n\n{prose()}\n\nWork\n\n{prose()}\n\nPlay\n\n{prose()}\n\n"
        f"Rest\n\n{prose()}\n\nGLOSSARY\n\n{prose()}\n"
    )
    parsed = parse_text(text)
    assert outline(text) == [
        (1, "front", "Copyright"),
        (1, "body", "Introduction"),
        (1, "body", "Work"),
        (1, "body", "Play"),
        (2, "body", "Rest"),
        (1, "back", "Glossary"),
    ]
    texts = [p.text for s in parsed.sections for p in s.paragraphs]
    assert not any("CONTENTS" in t or "\t" in t or "Work 7" in t for t in texts)


def test_running_header_and_page_break_inside_a_sentence():
    text = (
        f"The Long Title\n\nSome Author\n\n{prose()}\n\n"
        "The paragraph runs to the bottom of the page and stops in the middle of a\n\n"
        "THE LONG TITLE\n\n"
        "sentence that continues on the next page.\n\n"
        "It breaks again at the next page, where the author's name is\n\n"
        "SOME AUTHOR\n\n"
        "printed at the top.\n"
    )
    parsed = parse_text(text)
    texts = [p.text for s in parsed.sections for p in s.paragraphs]
    assert "in the middle of a sentence that continues on the next page." in texts[1]
    assert texts[2].endswith("the author's name is printed at the top.")
    assert not any("LONG TITLE" in t or "SOME AUTHOR" in t for t in texts)


def _wrapped(words: str, width: int = 70) -> list[str]:
    lines, line = [], ""
    for word in words.split():
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def test_caption_interrupting_a_sentence_is_stitched_and_moved_after():
    before = _wrapped(" ".join(prose() for _ in range(3)) + " and then the labor-")
    after = ["ing people of the town had shown that workers could run things."]
    filler = "\n".join(_wrapped(" ".join(prose() for _ in range(4))))
    text = "\n".join(
        [filler, "", *before, "", "Town hall meeting        PHOTO AGENCY", "", "17", "", *after]
    )
    parsed = parse_text(text)
    paragraphs = parsed.sections[0].paragraphs
    joined = [p for p in paragraphs if "the laboring people of the town" in p.text]
    assert joined and joined[0].kind == "prose"
    assert "PHOTO" not in joined[0].text and " 17 " not in joined[0].text
    nxt = paragraphs[paragraphs.index(joined[0]) + 1]
    assert (nxt.kind, nxt.text) == ("caption", "Town hall meeting PHOTO AGENCY")


def test_all_caps_lead_in_is_not_a_heading():
    lines = _wrapped(" ".join(prose() for _ in range(3)))
    text = "\n".join(
        ["A Real Heading", "", "TREMORS COME BEFORE THE BIG EARTHQUAKE OFTEN THEY ARE", *lines]
    )
    parsed = parse_text(text + "\n\n" + "\n".join(_wrapped(prose(4))))
    assert [s.title for s in parsed.sections] == ["A Real Heading"]
    assert parsed.sections[0].paragraphs[0].text.startswith("TREMORS COME BEFORE THE BIG")


def test_verse_lines_kept_as_verse():
    filler = "\n".join(_wrapped(" ".join(prose() for _ in range(6))))
    verse = (
        "But what are you to do when the rent is due\n"
        "And the jobs ain't hiring and the bills are too\n"
        "They gonna take the car and they take the home\n"
        "So stand together and you won't be alone"
    )
    parsed = parse_text(f"{filler}\n\n{verse}\n\n{filler}")
    kinds = [(p.kind, p.text[:20]) for p in parsed.sections[0].paragraphs]
    assert ("verse", "But what are you to ") in kinds
    verse_text = next(p.text for p in parsed.sections[0].paragraphs if p.kind == "verse")
    assert verse_text.count(" / ") == 3


def test_block_quote_after_colon():
    text = f"{prose()} As Marx put it:\n\nWe are not among those communists.\n\n{prose()}"
    paragraphs = parse_text(text).sections[0].paragraphs
    assert [p.kind for p in paragraphs] == ["prose", "quote", "prose"]


def test_smart_title():
    assert smart_title("FURTHER READING") == "Further Reading"
    assert smart_title("WHAT IS A*CR") == "What is A*CR"
    assert smart_title("CHAPTER III: THE END OF THE USSR", {"USSR"}) == (
        "Chapter III: The End of the USSR"
    )
    assert smart_title("Already Mixed Case") == "Already Mixed Case"


def test_contents_without_page_numbers_and_labels_on_their_own_line():
    text = (
        "THE BOOK OF THINGS\n\nA. N. Author\n\nCONTENTS\n\n"
        " CHAPTER I.     Down the Hole\n CHAPTER II.    The Pool\n\n"
        f"CHAPTER I.\nDown the Hole\n\n{prose()}\n\n{prose()}\n\n"
        f"CHAPTER II.\nThe Pool\n\n{prose()}\n"
    )
    parsed = parse_text(text)
    assert (parsed.title, parsed.author) == ("The Book of Things", "A. N. Author")
    assert [(s.level, s.title) for s in parsed.sections] == [
        (1, "Chapter I. Down the Hole"),
        (1, "Chapter II. The Pool"),
    ]
    assert len(parsed.sections[0].paragraphs) == 2


def test_end_notes_section_becomes_footnotes():
    text = (
        f"The Book\n\nChapter 1\n\n{prose()} It was said.1 And more.2\n\n"
        f"Chapter 2\n\n{prose()} Another claim.3\n\n"
        "Notes\n\n1. First note.\n2. Second note\n   continues.\n3. Third note.\n"
    )
    parsed = parse_text(text)
    assert [s.title for s in parsed.sections] == ["Chapter 1", "Chapter 2"]
    assert [(f.number, f.text) for f in parsed.footnotes] == [
        (1, "First note."),
        (2, "Second note continues."),
        (3, "Third note."),
    ]
    assert [r.number for s in parsed.sections for p in s.paragraphs for r in p.refs] == [1, 2, 3]
    assert not any("without" in w for w in parsed.warnings)


def test_numbered_running_headers_are_dropped_but_repeated_subheadings_kept():
    text = (
        f"12 THE BOOK TITLE\n\n{prose()}\n\nTHE BOOK TITLE 13\n\n{prose()}\n\n"
        f"14 THE BOOK TITLE\n\n{prose()}\n"
    )
    parsed = parse_text(text)
    assert len(parsed.sections) == 1
    assert not any("BOOK TITLE" in p.text for p in parsed.sections[0].paragraphs)
    repeated = "".join(
        f"CHAPTER {n}\n\n{prose()}\n\nSummary\n\n{prose()}\n\n" for n in ("ONE", "TWO", "THREE")
    )
    outline_ = [(s.level, s.title) for s in parse_text(repeated).sections]
    assert outline_.count((2, "Summary")) == 3
    assert (1, "Chapter Three") in outline_


def test_titled_text_with_many_plain_headings_has_chapters():
    sections = "".join(f"{name}\n\n{prose()}\n\n" for name in ("Winter", "Spring", "Summer"))
    text = f"The Seasons of the Branch\n\nBy Ann Other\n\n{sections}"
    parsed = parse_text(text)
    assert parsed.author == "Ann Other"
    assert [(s.level, s.title) for s in parsed.sections] == [
        (1, "Winter"),
        (1, "Spring"),
        (1, "Summer"),
    ]


def test_two_line_title_with_subtitle_and_author_named_in_copyright():
    text = (
        "Reading Together\nA Primer for Study Circles\n\nThe Example Collective\n\n"
        "© 2026 The Example Collective. Shared under CC BY-SA 4.0.\n\n"
        f"1 Why Read\n\n{prose()}\n\n2 How to Meet\n\n{prose()}\n"
    )
    parsed = parse_text(text)
    assert parsed.title == "Reading Together: A Primer for Study Circles"
    assert parsed.author == "The Example Collective"
    assert [(s.kind, s.title) for s in parsed.sections] == [
        ("front", "Copyright"),
        ("body", "1 Why Read"),
        ("body", "2 How to Meet"),
    ]


def test_title_wrapped_over_two_lines_is_not_given_a_subtitle():
    text = (
        f"The Long History of the\nCooperative Reading Room\n\nJane Smith\n\n1. One\n\n{prose()}\n"
    )
    assert parse_text(text).title == "The Long History of the Cooperative Reading Room"
    text = f"Notes on Reading:\nA Primer\n\nJane Smith\n\n1. One\n\n{prose()}\n"
    assert parse_text(text).title == "Notes on Reading: A Primer"


def test_page_number_glued_to_a_running_header_is_dropped():
    text = (
        "The Book of Circles\n\nAnn Other\n\n"
        f"1 First\n\n{prose()} The end of a page.\n\n7\nAnn Other\n\n{prose()}\n\n"
        f"8\nThe Book of Circles\n\n2 Second\n\n{prose()} It lasted an hour.\n\n"
        f"9\nAnn Other\n\nPut the book down. {prose()}\n"
    )
    parsed = parse_text(text)
    assert [(s.level, s.title) for s in parsed.sections] == [(1, "1 First"), (1, "2 Second")]
    texts = [p.text for s in parsed.sections for p in s.paragraphs]
    assert not any("Ann Other" in t or "Book of Circles" in t for t in texts), texts


def test_short_line_repeated_at_page_breaks_is_dropped():
    pages = "".join(f"{prose()} The page ends here.\n\n{n}\nA Handbook\n\n" for n in range(10, 14))
    text = f"1 First\n\n{pages}2 Second\n\n{prose()}\n"
    parsed = parse_text(text)
    assert [s.title for s in parsed.sections] == ["1 First", "2 Second"]
    assert not any("Handbook" in p.text for s in parsed.sections for p in s.paragraphs)


def test_appendix_and_late_acknowledgements_are_back_matter():
    text = (
        f"Preface\n\n{prose()}\n\nChapter 1\n\n{prose()}\n\nChapter 2\n\n{prose()}\n\n"
        f"Appendix: Sample Questions\n\n{prose()}\n\nAcknowledgements\n\n{prose()}\n"
    )
    assert [(kind, title) for _, kind, title in outline(text)] == [
        ("front", "Preface"),
        ("body", "Chapter 1"),
        ("body", "Chapter 2"),
        ("back", "Appendix: Sample Questions"),
        ("back", "Acknowledgements"),
    ]
    early = f"Acknowledgements\n\n{prose()}\n\nChapter 1\n\n{prose()}\n\nChapter 2\n\n{prose()}\n"
    assert outline(early)[0][1:] == ("front", "Acknowledgements")


def test_contents_entries_with_two_spaces_after_the_number_match_headings():
    text = (
        "A Primer\n\nJane Smith\n\nCONTENTS\n\n"
        "1  Why Read Together ........ 6\n2  How a Circle Works ........ 8\n\n"
        f"1  Why Read Together\n\n{prose()}\n\n2  How a Circle Works\n\n{prose()}\n"
    )
    parsed = parse_text(text)
    assert [s.title for s in parsed.sections] == ["1 Why Read Together", "2 How a Circle Works"]
    assert not any("contents" in w for w in parsed.warnings)


def test_all_caps_title_page_with_bare_author_and_copyright_line():
    text = (
        "THE SLOW KITCHEN TABLE\n\nMirela Lindqvist\n\n"
        "Copyright © 2007 Mirela Lindqvist. All rights reserved.\n\n"
        f"THE COMMON SILENCE\n\nTHE COMMON SILENCE of the room was broken. {prose()}\n\n"
        f"BEFORE THE AGENDA\n\n{prose()}\n\nAFTER THE MEETING\n\n{prose()}\n"
    )
    parsed = parse_text(text)
    assert (parsed.title, parsed.author) == ("The Slow Kitchen Table", "Mirela Lindqvist")
    assert [(s.level, s.kind, s.title) for s in parsed.sections] == [
        (1, "front", "Copyright"),
        (1, "body", "The Common Silence"),
        (1, "body", "Before the Agenda"),
        (1, "body", "After the Meeting"),
    ]


def test_capitals_of_a_lead_in_are_not_acronyms():
    text = (
        f"BEFORE THE AGENDA\n\nBEFORE THE AGENDA was set the room was cold. {prose()}\n\n"
        f"THE COMMON GOOD\n\nTHE COMMON GOOD of all was the theme, said the chair. {prose()}\n\n"
        f"WHAT THE USSR MEANT\n\nThe USSR was far away, and NATO too. {prose()}\n"
    )
    assert [title for _, _, title in outline(text)] == [
        "Before the Agenda",
        "The Common Good",
        "What the USSR Meant",
    ]


def test_markdown_title_with_byline_or_bare_author_is_not_a_section():
    for author_line in ("by Ada Hartley", "Ada Hartley"):
        text = (
            f"# Reading Together\n\n{author_line}\n\n## One\n\n{prose()}\n\n## Two\n\n{prose()}\n"
        )
        parsed = parse_text(text, markdown=True)
        assert (parsed.title, parsed.author) == ("Reading Together", "Ada Hartley")
        assert [(s.level, s.title, len(s.paragraphs)) for s in parsed.sections] == [
            (1, "One", 1),
            (1, "Two", 1),
        ]


def test_markdown_single_h1_is_the_title_only_over_h2_chapters():
    parsed = parse_text(f"# One\n\n## Two\n\n{prose()}\n\n## Three\n\n{prose()}\n", markdown=True)
    assert parsed.title == "One"
    assert [(s.level, s.title) for s in parsed.sections] == [(1, "Two"), (1, "Three")]
    # Several H1s are chapters, not a title.
    text = f"# One\n\n{prose()}\n\n# Two\n\n{prose()}\n\n## Two A\n\n{prose()}\n"
    parsed = parse_text(text, markdown=True, filename="two_parts.md")
    assert parsed.title == "two parts"
    assert [(s.level, s.title) for s in parsed.sections] == [(1, "One"), (1, "Two"), (2, "Two A")]


def test_an_epigraph_cut_by_its_own_line_break_stays_one_quote():
    # Wrapped prose, a verse epigraph and its credit, then a motto broken mid-sentence.
    text = (
        f"The Harbour Book\n\n{prose_blocks(6, width=70)}\n\n"
        "But what are you to do when the harbour is shut\nAnd the cranes stand still"
        "\nThey gonna take the boats and close the yard\nSo we sing\n\n"
        "A Docker, “Cranes” (2011)\n\nWe can’t\nwait. And\n\nwe won’t stop\nuntil Spring.\n\n"
        f"{prose_blocks(6, width=70)}\n"
    )
    paragraphs = [p.text for s in parse_text(text).sections for p in s.paragraphs]
    assert "We can’t wait. And we won’t stop until Spring." in paragraphs


def test_a_full_width_pull_quote_and_header_at_a_page_break_do_not_cut_the_sentence():
    text = (
        f"The Harbour Book\n\nChapter 1: The Early Years\n\n{prose_blocks(6)}\n\n"
        f"{wrapped(prose(3) + ' After the vote the harbour workers')}\n\n– 12 –\n\n"
        "THE HARBOUR BOOK\n\n“The council never met in public, and nobody\nasked why it did not.”"
        f"\n\n{wrapped('decided to strike for a week. ' + prose(3))}\n\n{prose_blocks()}\n"
    )
    paragraphs = [p for s in parse_text(text).sections for p in s.paragraphs]
    assert any("the harbour workers decided to strike" in p.text for p in paragraphs)
    quote = [p for p in paragraphs if p.text.startswith("“The council")]
    assert [p.kind for p in quote] == ["caption"]
    assert not any("HARBOUR BOOK" in p.text for p in paragraphs)
