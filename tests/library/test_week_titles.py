"""Week titles read naturally: a chapter's printed label is not repeated after "Week n:"."""

import pytest

from studygroup.library.titles import strip_chapter_label, strip_stored_week_titles


@pytest.mark.parametrize(
    ("title", "week", "expected"),
    [
        # The week's own number, bare: a label.
        ("4 Running a Meeting", 4, "Running a Meeting"),
        ("3  Choosing and Pacing a Text", 3, "Choosing and Pacing a Text"),
        # Set off by punctuation: a label whatever the week.
        ("4. Running a Meeting", 4, "Running a Meeting"),
        ("4. Running a Meeting", 5, "Running a Meeting"),
        ("4: Running a Meeting", None, "Running a Meeting"),
        ("4 — Running a Meeting", 4, "Running a Meeting"),
        ("IV. Running a Meeting", 4, "Running a Meeting"),
        ("XII: The Return", 9, "The Return"),
        # Named labels, in any case, with any separator.
        ("Chapter 4: Running a Meeting", 4, "Running a Meeting"),
        ("Chapter 4 Running a Meeting", 2, "Running a Meeting"),
        ("CHAPTER FOUR — Running a Meeting", 4, "Running a Meeting"),
        ("Chapter IV. Running a Meeting", 4, "Running a Meeting"),
        ("chapter twelve: “The Road”", 12, "“The Road”"),
        ("Ch. 7 - Endings", 7, "Endings"),
        ("Lecture 3. On Liberty", 3, "On Liberty"),
        # A part or book is the week's real content: kept.
        ("Part Two: The Ascent", 2, "Part Two: The Ascent"),
        ("Book III. The Fall", 3, "Book III. The Fall"),
        # A number that belongs to the title: kept.
        ("1984 and After", 1, "1984 and After"),
        ("1984 and After", None, "1984 and After"),
        ("12 Angry Men", 3, "12 Angry Men"),
        ("4 Running a Meeting", None, "4 Running a Meeting"),
        ("4.5 Percent", 4, "4.5 Percent"),
        ("3 and then some", 3, "3 and then some"),
        # A label with nothing after it is the section's only name: kept.
        ("Chapter 4", 4, "Chapter 4"),
        ("IV.", 4, "IV."),
        ("4", 4, "4"),
        # Ordinary titles are untouched.
        ("Running a Meeting", 4, "Running a Meeting"),
        ("I Am Legend", 1, "I Am Legend"),
        ("Chapters of Life", 1, "Chapters of Life"),
        ("  Why Read Together  ", 1, "Why Read Together"),
    ],
)
def test_strip_chapter_label(title, week, expected):
    assert strip_chapter_label(title, week=week) == expected


def test_splitter_titles_drop_the_chapter_number():
    """One chapter a week: the week's title is the chapter's name without its number."""
    from studygroup.library.splitting import SectionInfo, propose_readings

    names = ["1 Why Read Together", "2. How a Study Circle Works", "Chapter 3: Choosing a Text"]
    sections = [
        SectionInfo(title=name, level=1, kind="body", paragraph_words=(300, 300)) for name in names
    ]
    readings = propose_readings(sections, weeks=3)
    assert [r.title for r in readings] == [
        "Why Read Together",
        "How a Study Circle Works",
        "Choosing a Text",
    ]


def test_numbered_chapters_lose_their_numbers_whatever_the_week():
    """An introduction as week 1 shifts the numbering: "Week 2: 1 Stalinism" still reads badly."""
    from studygroup.library.splitting import SectionInfo, propose_readings

    names = ["Introduction", "1 Stalinism", "2 Camps", "1984 and After"]
    sections = [
        SectionInfo(title=name, level=1, kind="body", paragraph_words=(300, 300)) for name in names
    ]
    readings = propose_readings(sections, weeks=4)
    assert [r.title for r in readings] == ["Introduction", "Stalinism", "Camps", "1984 and After"]


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        (  # the demo primer, one chapter a week
            ["1 Why Read Together", "2 How a Study Circle Works", "3 Choosing and Pacing a Text"],
            ["Why Read Together", "How a Study Circle Works", "Choosing and Pacing a Text"],
        ),
        (  # an introduction first, chapters in ranges, a sub-heading and a part of a chapter
            [
                "Introduction",
                "1 Stalinism – 2 Camps",
                "3 Purges – 3.1 Moscow",
                "4 Long (part 1 of 2)",
            ],
            ["Introduction", "Stalinism – Camps", "Purges – 3.1 Moscow", "Long (part 1 of 2)"],
        ),
        (  # labelled chapters; a lone number that belongs to the title stays
            ["Chapter 1: Early Years", "II. Exile", "1984 and After"],
            ["Early Years", "Exile", "1984 and After"],
        ),
        (  # a person's title, and nothing that looks like a label
            ["Our first week", "Part Two: The Ascent", "12 Angry Men"],
            ["Our first week", "Part Two: The Ascent", "12 Angry Men"],
        ),
    ],
)
def test_strip_stored_week_titles(titles, expected):
    weeks = list(enumerate(titles, start=1))
    assert strip_stored_week_titles(weeks) == expected
