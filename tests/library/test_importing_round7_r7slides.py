"""Structure rules added in round seven, part B (issue #13): a slide deck saved as an
outline with its speaker notes, and a lecture series transcribed from recordings.

Each layout is written by hand with its own words, so a rule is pinned by what it means.
"""

from __future__ import annotations

import itertools

from studygroup.library.importing.pipeline import parse_text

from .test_importing_structure import PROSE, body_text, outline, plain_text

NOTES = (
    "The ferry ran twice a day until the winter of the strike. Most of the crew had\n"
    "come over from the quarry, and they kept the quarry's hours on the water."
)
POINTS = [
    "The morning boat left at six from the lower slip.",
    "Fares were paid in tokens bought at the pier office.",
    "Children crossed free on school days.",
    "The pier office kept its ledgers in the ticket hut.",
    "Deckhands were paid by the crossing, not by the week.",
    "The council bought the boats back after the war.",
    "Pickets rowed out to meet the relief crews.",
    "The mayor would not say whose side he was on.",
]


def _deck(
    label=lambda n, total: f"Slide {n}",
    footer: str = "",
    notes_label: str = "Speaker notes",
    notes: str = NOTES,
    title_on_label: bool = False,
    title_slide: bool = True,
    bullet: str = "•",
    sections=(
        ("Before the Bridge", ["Crossing Times", "Who Paid the Fares"]),
        ("The Long Strike", ["Picket Boats", "What the Town Said"]),
    ),
) -> str:
    """A deck as an outline export writes it: a label before each slide, a title slide,
    section slides with a title alone, content slides with a title over bullets and the
    speaker's notes under a label."""
    slides: list[list[str]] = [["The Ferry Workers", "Mina Okafor, 4 June 2021"]] * title_slide
    points = itertools.cycle(POINTS)
    for section, contents in sections:
        slides.append([section])
        for k, title in enumerate(contents):
            slides.append([title, "", f"{bullet} {next(points)}", f"{bullet} {next(points)}"])
            if k == 0:
                # each slide's notes are its own: the same paragraph twice is a pull-quote
                slides[-1] += ["", notes_label, "", f"{title} came up first. {notes}"]
    lines: list[str] = []
    for n, body in enumerate(slides, start=1):
        if title_on_label:
            lines += ["", "", f"{label(n, len(slides))} {body[0]}", *body[1:]]
        else:
            lines += ["", "", label(n, len(slides)), "", *body]
        if footer:
            lines += ["", footer]
    return "\n".join(lines) + "\n"


DECK_OUTLINE = [
    (1, "body", "Before the Bridge"),
    (2, "body", "Crossing Times"),
    (2, "body", "Who Paid the Fares"),
    (1, "body", "The Long Strike"),
    (2, "body", "Picket Boats"),
    (2, "body", "What the Town Said"),
]


# --- slide decks -----------------------------------------------------------------------------


def test_slide_labels_are_furniture_and_each_slide_title_heads_its_slide():
    text = _deck(label=lambda n, total: f"--- Slide {n} of {total} ---")
    parsed = parse_text(text)
    assert "Slide" not in body_text(parsed)
    assert outline(text) == DECK_OUTLINE


def test_section_slides_hold_the_content_slides_after_them():
    levels = {title: level for level, _kind, title in outline(_deck())}
    assert levels["The Long Strike"] == 1
    assert levels["Picket Boats"] == levels["What the Town Said"] == 2


def test_the_first_slide_is_the_title_page():
    parsed = parse_text(_deck())
    assert parsed.title == "The Ferry Workers"
    assert parsed.author == "Mina Okafor"
    assert "4 June 2021" not in body_text(parsed)


def test_a_footer_on_every_slide_is_furniture_and_the_notes_label_is_no_heading():
    parsed = parse_text(_deck(footer="Harbour Trades Council · members only"))
    assert "members only" not in body_text(parsed)
    assert [(s.level, s.kind, s.title) for s in parsed.sections] == DECK_OUTLINE
    assert body_text(parsed).count(NOTES.replace("\n", " ")) == 2  # the notes are kept


def test_notes_under_a_notes_label_are_prose_not_a_quotation():
    parsed = parse_text(_deck(notes_label="Notes:"))
    paragraphs = [p for s in parsed.sections for p in s.paragraphs]
    assert [p.kind for p in paragraphs if p.text == "Notes:"] == ["caption", "caption"]
    assert [p.kind for p in paragraphs if "The ferry" in p.text] == ["prose", "prose"]


def test_a_long_deck_of_short_lines_is_not_read_as_double_spaced():
    # Slide after slide of a title, a footer and notes exported one paragraph a line
    # looks like a typescript with a blank line after every line; joining those lines
    # would run the slides together.
    sections = [
        (f"Part {word} of the Story", [f"The {word} Crossing", f"The {word} Strike"])
        for word in ("First", "Second", "Third", "Fourth", "Fifth")
    ]
    one_line = NOTES.replace("\n", " ")
    deck = _deck(sections=sections, notes_label="Notes:", notes=one_line, footer="Members only")
    parsed = parse_text(deck)
    titles = [(s.level, s.title) for s in parsed.sections]
    assert len(titles) == 15
    assert (1, "Part Third of the Story") in titles and (2, "The Third Strike") in titles


def test_a_numbered_slide_label_with_a_number_sign():
    parsed = parse_text(_deck(label=lambda n, total: f"Slide #{n}"))
    assert [(s.level, s.kind, s.title) for s in parsed.sections] == DECK_OUTLINE
    assert "#" not in body_text(parsed)


def test_a_deck_without_a_title_slide_keeps_its_first_slide():
    sections = [("Crossing Times", ["Who Paid the Fares"]), ("The Long Strike", ["Picket Boats"])]
    # No section slide opens this deck: its first slide is a content slide.
    deck = _deck(title_slide=False, sections=sections).replace(
        "Crossing Times\n", "Crossing Times\n\n• Boats ran on the hour.\n", 1
    )
    parsed = parse_text(deck)
    assert "Boats ran on the hour." in body_text(parsed)
    assert "Crossing Times" in [s.title for s in parsed.sections]


def test_a_title_on_the_labels_own_line_heads_the_slide():
    parsed = parse_text(_deck(label=lambda n, total: f"Slide {n}:", title_on_label=True))
    assert [(s.level, s.kind, s.title) for s in parsed.sections] == DECK_OUTLINE
    assert "Slide" not in body_text(parsed)


def test_bare_slide_numbers_count_when_titles_and_bullets_follow_them():
    text = _deck(label=lambda n, total: str(n))
    assert outline(text) == DECK_OUTLINE
    assert "5" not in body_text(parse_text(text)).split()


def test_page_numbers_over_a_double_spaced_typescript_are_no_deck():
    # Each page opens on a capitalised line, as a slide opens on its title, but no
    # bullets stand anywhere: the numbers are pages and the blank lines mean nothing.
    page = [
        "The ferry ran twice a day until the winter of the strike, and",
        "most of the crew had come over from the quarry with their families.",
        "They kept the quarry's hours on the water.",
    ]
    lines = ["The Quarry Boats", ""]
    for n in range(1, 6):
        lines += [str(n), "", *[x for line in page for x in (line, "")]]
    parsed = parse_text("\n".join(lines))
    assert any(" ".join(page[:2]) in p.text for s in parsed.sections for p in s.paragraphs)


def test_a_word_processors_letter_bullets_are_bullets_in_a_deck():
    parsed = parse_text(_deck(bullet="o"))
    assert [(s.level, s.kind, s.title) for s in parsed.sections] == DECK_OUTLINE
    items = [p for s in parsed.sections for p in s.paragraphs if p.text in POINTS]
    assert items and all(p.kind == "list" for p in items)


# --- lectures ---------------------------------------------------------------------------------


def test_questions_named_after_their_own_lecture_are_headings_not_running_headers():
    blocks: list[str | object] = ["Harbour Lectures", PROSE]
    for n in (1, 2, 3):
        blocks += [f"LECTURE {n}\nThe Quarry Boats, Part {n}", PROSE, PROSE]
        blocks += [
            f"QUESTIONS AFTER LECTURE {n}",
            "QUESTION: Who kept the tokens at the pier office once the strike was over?",
            "LECTURER: The council did, in the ticket hut, until the bridge opened.",
        ]
    titles = [(level, title) for level, _kind, title in outline(plain_text(*blocks))]
    for n in (1, 2, 3):
        assert (2, f"Questions after Lecture {n}") in titles


def test_a_readers_progress_line_naming_the_chapter_is_no_heading():
    blocks: list[str | object] = ["The Quarry Boats"]
    for n, word in enumerate(["One", "Two", "Three", "Four"], start=1):
        progress = f"{4 * n} mins left in chapter {n}" if n <= 2 else f"Time in chapter {n}  {n}%"
        blocks += [f"Chapter {word}", PROSE, progress, PROSE]
    titles = [title for _level, _kind, title in outline(plain_text(*blocks))]
    assert not any("mins left" in t for t in titles)


def test_a_line_repeating_one_lectures_number_is_still_a_running_header():
    blocks: list[str | object] = ["Harbour Lectures", PROSE]
    for n in (1, 2):
        blocks += [f"LECTURE {n}\nThe Quarry Boats, Part {n}", PROSE]
    blocks += [PROSE, "HARBOUR LECTURES: LECTURE 2", PROSE, "HARBOUR LECTURES: LECTURE 2", PROSE]
    titles = [title for _level, _kind, title in outline(plain_text(*blocks))]
    assert not any("Harbour Lectures: Lecture" in t for t in titles)


def test_a_title_over_its_credit_lines_is_the_title_page():
    text = plain_text(
        "Harbour Lectures\n"
        "Lectures given at the Quay Institute by Mina Okafor\n"
        "Recorded and typed up by Jonah Reed",
        "Lecture One: The Quarry Boats",
        PROSE,
        PROSE,
        "Lecture Two: The Long Strike",
        PROSE,
        PROSE,
    )
    parsed = parse_text(text)
    assert (parsed.title, parsed.author) == ("Harbour Lectures", "Mina Okafor")
    assert [s.title for s in parsed.sections] == [
        "Lecture One: The Quarry Boats",
        "Lecture Two: The Long Strike",
    ]


def test_a_one_sentence_credit_under_a_foreword_is_kept_as_its_text():
    text = plain_text(
        "Foreword",
        "This little book was written by Ada Vance.",
        "She wrote it for the women of the mill in the winter of the long strike, and\n"
        "read it aloud to them in the chapel schoolroom.",
        "We print it again as she left it.",
    )
    parsed = parse_text(text)
    body = " ".join(p.text for s in parsed.sections for p in s.paragraphs)
    assert "This little book was written by Ada Vance." in body
    assert parsed.title != "Foreword"


# --- what a deck is not (review 7b) -------------------------------------------------------------

DIALOGUE = ["– Are you coming?", "– No."]


def test_a_novel_with_bare_numbered_chapters_and_dashed_dialogue_is_no_deck():
    # Bare chapter numbers over short titles look like a deck's labels, and en-dash
    # dialogue like its bullets; but a line of dialogue ends its sentence, a bullet
    # need not. Every spoken line must survive.
    blocks = ["The Island Road", "A novel by Ada Vance"]
    for n, title in enumerate(["The Ferry", "The Market", "The Storm", "The Return"], 1):
        blocks += [str(n), title, "Marta waited at the end of the jetty.", *DIALOGUE]
        blocks += ["The water was grey and the gulls followed the boat."]
    parsed = parse_text("\n\n".join(blocks) + "\n")
    paragraphs = [p.text for s in parsed.sections for p in s.paragraphs]
    assert paragraphs.count("– Are you coming?") == 4
    assert paragraphs.count("– No.") == 4


def test_a_line_repeated_inside_each_slide_is_no_footer():
    # A footer stands in the same place on each slide (its end); a short line that
    # recurs in the middle of the slides is the deck's words, and a sentence at that.
    deck = _deck().replace("\n\n• ", "\n\nAsk the room.\n\n• ")
    parsed = parse_text(deck)
    assert body_text(parsed).count("Ask the room.") == 4


def test_a_sentence_ending_every_slide_is_the_speakers_words_not_a_footer():
    # Only a label can be furniture: a sentence or a line of dialogue is never dropped,
    # even where a footer would stand.
    for line in ("We meet again on Thursday.", "– See you on the quay"):
        parsed = parse_text(_deck(footer=line))
        endings = {s.title: s.paragraphs[-1].text for s in parsed.sections if s.paragraphs}
        assert [endings.get(title) for _level, _kind, title in DECK_OUTLINE] == [line] * 6
