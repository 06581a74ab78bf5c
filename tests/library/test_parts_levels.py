"""Parts, chapters inside them, sub-headings inside those: three levels, end to end."""

from __future__ import annotations

import pytest

from studygroup.library.importing.pipeline import parse_text
from studygroup.library.models import Section
from studygroup.library.readings import generate_readings
from studygroup.library.services import save_imported_text

pytestmark = pytest.mark.django_db


def _prose(n: int) -> str:
    sentence = "The harbour master kept the ledger of soundings in a tin box under the stairs. "
    return "\n\n".join(sentence * 12 for _ in range(n))


BOOK = f"""The Harbour Book

by Ada Hartley

PART ONE

The Docks

1. The Early Years

{_prose(3)}

THE FIRST MEETING

{_prose(3)}

2. The Strike

{_prose(4)}

PART TWO

The City

3. The Council

{_prose(3)}

WHAT THEY READ

{_prose(3)}

4. The Library

{_prose(4)}
"""

OUTLINE = [
    (1, "Part One: The Docks"),
    (2, "1. The Early Years"),
    (3, "The First Meeting"),
    (2, "2. The Strike"),
    (1, "Part Two: The City"),
    (2, "3. The Council"),
    (3, "What They Read"),
    (2, "4. The Library"),
]


def test_parts_chapters_and_sub_headings_are_three_levels():
    parsed = parse_text(BOOK)
    assert [(s.level, s.title) for s in parsed.sections] == OUTLINE


def test_three_levels_are_saved_shown_and_split_at_the_chapters(client):
    parsed = parse_text(BOOK)
    text = save_imported_text(parsed=parsed, filename="harbour.txt", checksum="e" * 64).text
    saved = list(Section.objects.filter(text=text).order_by("position"))
    assert [(s.level, s.title) for s in saved] == OUTLINE

    html = client.get(text.get_absolute_url()).content.decode()
    for level in (1, 2, 3):
        assert f"toc-level-{level}" in html

    # Four chapters, four weeks: each starts where a chapter (or its part) starts.
    weeks = generate_readings(text, weeks=4)
    starts = [(w.start_section.title, w.start_paragraph) for w in weeks]
    assert starts == [
        ("Part One: The Docks", 0),
        ("2. The Strike", 0),
        ("Part Two: The City", 0),
        ("4. The Library", 0),
    ]


def test_the_upload_preview_names_chapters_inside_parts_as_chapters():
    from studygroup.library.uploads.preview import build_preview

    preview = build_preview(parse_text(BOOK), checksum="f" * 64)
    assert preview.chapters == 6  # two parts and four chapters: weeks may start at each
    assert preview.subheadings == 2
    assert [s.chapter for s in preview.sections] == [True, True, False, True] * 2
