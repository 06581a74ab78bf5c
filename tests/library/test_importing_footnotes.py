"""Footnote markers told apart from real numbers; page-bottom and end notes."""

from __future__ import annotations

from studygroup.library.importing import footnotes
from studygroup.library.importing.document import ParsedParagraph
from studygroup.library.importing.footnotes import NoteState, extract_markers


def markers(*texts: str, state: NoteState | None = None):
    state = state or NoteState()
    return [extract_markers(t, state) for t in texts]


def test_marker_glued_to_word_and_after_punctuation():
    [(text, refs)] = markers("TREMORS COME BEFORE EARTHQUAKES.1 OFTEN THEY ARE FELT")
    assert text == "TREMORS COME BEFORE EARTHQUAKES. OFTEN THEY ARE FELT"
    assert [(r.offset, r.number) for r in refs] == [(len("TREMORS COME BEFORE EARTHQUAKES."), 1)]


def test_sequence_of_markers_across_paragraphs():
    out = markers(
        "a significant anarchist and syndicalist1 presence",
        "rumbling for years.2 Of course, as many as 116 million Americans.3",
        "blurred.”4 Leo praises workers and the peasants”5– the popular classes",
    )
    assert out[0][0] == "a significant anarchist and syndicalist presence"
    assert out[1][0] == "rumbling for years. Of course, as many as 116 million Americans."
    assert out[2][0] == "blurred.” Leo praises workers and the peasants”– the popular classes"
    assert [r.number for _, refs in out for r in refs] == [1, 2, 3, 4, 5]
    text, refs = out[1]
    assert text[: refs[1].offset].endswith("Americans.")


def test_real_numbers_are_not_eaten():
    state = NoteState(expected=3)
    for sentence in [
        "Marxism and Anarchism (issue 125), in 1917 and in 2010: more",
        "there were 22 supposedly neutral members",
        "some 2.3 million voters and 3.6 billion people",
        "the top one percent moved from eleven to 20 percent of income",
        "young people (ages 18-29) rejected it",
        "three challenges: 1) to clarify and 2) to find",
        "in the 21st century and the 1970s",
    ]:
        text, refs = extract_markers(sentence, state)
        assert text == sentence and refs == [], sentence
    assert state.expected == 3


def test_marker_far_out_of_sequence_is_ignored():
    state = NoteState(expected=4)
    text, refs = extract_markers("the Group of 20 met.40 Then", state)
    assert refs == [] and text == "the Group of 20 met.40 Then"


def test_spaced_marker_only_when_exactly_expected():
    state = NoteState(expected=6)
    text, refs = extract_markers("to the Occupy movement. 6 Nevertheless, it held", state)
    assert text == "to the Occupy movement. Nevertheless, it held"
    assert [r.number for r in refs] == [6]
    text, refs = extract_markers("in the count. 9 people came", NoteState(expected=9))
    assert refs == []  # lower case after: a number, not a note


def test_year_then_marker_and_price_then_marker():
    state = NoteState(expected=50)
    text, refs = extract_markers("an insurrection in 1917.50 It failed", state)
    assert text == "an insurrection in 1917. It failed" and refs[0].number == 50
    state = NoteState(expected=22)
    text, refs = extract_markers("raising the minimum wage to $15.22", state)
    assert text == "raising the minimum wage to $15." and refs[0].number == 22
    text, refs = extract_markers("it cost $15.22 per hour", NoteState(expected=22))
    assert refs == []


def test_bracketed_and_superscript_markers():
    text, refs = extract_markers("as Marx said[1] and Engels²", NoteState())
    assert text == "as Marx said and Engels"
    assert [(r.offset, r.number) for r in refs] == [(12, 1), (23, 2)]


def test_page_bottom_notes_extracted_with_continuations():
    lines = [
        "body text with a marker1 and more",
        "",
        "second body line",
        " " * 49,
        "1 The first note starts here and",
        "continues on the next line.",
        "2 Second note, citing issue",
        "125 (2010), p. 132",
        " the body resumes here in lower case",
        "",
        "and goes on.",
    ]
    body, notes = footnotes.extract_page_notes(lines)
    assert body == [
        "body text with a marker1 and more",
        "",
        "second body line",
        " the body resumes here in lower case",
        "",
        "and goes on.",
    ]
    assert notes == {
        1: ["The first note starts here and", "continues on the next line."],
        2: ["Second note, citing issue", "125 (2010), p. 132"],
    }


def test_no_separator_no_notes():
    lines = ["1 Introduction", "", "Some text"]
    assert footnotes.extract_page_notes(lines) == (lines, {})


def test_markdown_note_definitions():
    body, notes = footnotes.extract_markdown_notes(
        ["Text[^1] here.", "", "[^1]: The note", "    continued."]
    )
    assert body == ["Text[^1] here.", ""]
    assert notes == {1: ["The note", "    continued."]}


def test_end_note_lines():
    notes = footnotes.parse_note_lines(["1. First note.", "2. Second", "runs on.", "", "3 Third."])
    assert notes == {1: ["First note."], 2: ["Second", "runs on."], 3: ["Third."]}


def test_link_notes_warns_about_markers_without_notes():
    paragraphs = [ParsedParagraph("a")]
    state = NoteState()
    for p, raw in zip(paragraphs, ["word1 and word2 and word3"], strict=True):
        p.text, p.refs = extract_markers(raw, state)
    found, warnings = footnotes.link_notes(paragraphs, {1: "Note one.", 4: "Orphan."}, state)
    assert [(f.number, f.text) for f in found] == [
        (1, "Note one."),
        (2, ""),
        (3, ""),
        (4, "Orphan."),
    ]
    assert "2 note markers have no note text in the source" in warnings
    assert any(w.startswith("1 footnote note without a marker") for w in warnings)


def _page(first: str, rest: int = 14) -> list[str]:
    return [first, *(f"line {k} of the page goes on with the text and" for k in range(rest))]


def test_unruled_page_notes_before_the_next_pages_running_header():
    # The page's first marker stands near its top; its notes sit at the foot with no
    # rule, and the next page opens with a header carrying the page number.
    lines = [
        *_page("The ferry came in late.¹ Nobody minded it at all"),
        "the harbour master catalogued the press in the",
        "",
        "¹ See the tide tables, kept along the northern quay.",
        "² The figure comes from the storm warnings.",
        "",
        "",
        "",
        "",
        "THE HARBOUR BOOK    5",
        "",
        "drafting room.² The lock keeper questioned the markers.",
    ]
    body, notes = footnotes.extract_page_notes(lines)
    assert sorted(notes) == [1, 2]
    assert not any(line.startswith("¹") for line in body)


def test_a_running_header_with_its_page_number_is_not_a_note():
    lines = [
        "The ferry came in late.1 Nobody minded it at all.",
        "",
        "1    THE HARBOUR BOOK",
        "",
        "2",
        "Against the Harbour Dues",
    ]
    body, notes = footnotes.extract_page_notes(lines)
    assert notes == {}
    assert body == lines
