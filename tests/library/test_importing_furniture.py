"""Page furniture rules: credits and bylines, figure captions, contents boxes.

Each example is written here by hand, in the layouts magazines and exported books use.
"""

from __future__ import annotations

import pytest

from studygroup.library.importing.pipeline import parse_text
from studygroup.library.importing.structure import CAPTION_LABEL, is_credit_line

from .test_importing_structure import prose, prose_blocks, wrapped


def paragraphs(parsed, kind: str | None = None) -> list[str]:
    return [p.text for s in parsed.sections for p in s.paragraphs if kind is None or p.kind == kind]


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Ada Hartley / Harbour Archive",
        "Photograph by Ben Stroud",
        "Photos: the Quayside Collective",
        "Interview by Ada Hartley",
        "Interviewed by Ada Hartley",
        "Words: Ada Hartley · Photographs: Ben Stroud",
        "Illustration: Mira Colt",
        "Illustrations by Mira Colt",
    ],
)
def test_credit_lines(line):
    assert is_credit_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Words matter more than the pictures we keep of the harbour.",
        "The interview by the river lasted until the boats came in, and nobody minded it at all.",
        "Photographs of the quay were taken every spring, as the committee had asked.",
        "Text",
    ],
)
def test_sentences_about_photos_are_not_credits(line):
    assert not is_credit_line(line)


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("Figure 3. The quay at low tide.", True),
        ("Fig. 2: The ropewalk in winter.", True),
        ("Plate IV — The old lighthouse.", True),
        ("Figure 3 shows the quay at low tide.", False),
        ("Figures were hard to come by that year.", False),
    ],
)
def test_caption_labels(line, caption):
    assert bool(CAPTION_LABEL.match(line)) is caption


def test_bylines_and_credits_are_neither_headings_nor_paragraphs():
    text = (
        "THE HARBOUR MAGAZINE\n\nby Ada Hartley\n\n"
        "Words: Ben Stroud · Photographs: Mira Colt\n\n\n"
        f"The Quay at Night\n\n{prose_blocks()}\n\n"
        f"Photo: Mira Colt / Harbour Archive\n\n{prose_blocks()}\n\n"
        f"Interview by Ben Stroud\n\nThe Ropewalk\n\n{prose_blocks()}\n"
    )
    parsed = parse_text(text)
    assert [s.title for s in parsed.sections] == ["The Quay at Night", "The Ropewalk"]
    joined = " ".join(paragraphs(parsed))
    for furniture in ("Words:", "Photo:", "Interview by", "Mira Colt"):
        assert furniture not in joined


def test_a_figure_caption_at_a_page_break_does_not_cut_the_sentence():
    first = wrapped(prose(3), 64) + "\nand the committee met once more on the"
    text = (
        f"The Harbour Book\n\nby Ada Hartley\n\nThe Quay at Night\n\n{first}\n\n– 5 –\n\n"
        "Figure 3. A visiting engineer wrote that the old charts were worth more than the "
        "new ones.\nPhoto: Mira Colt / Harbour Archive\n\n"
        f"northern quay to settle the harbour dues.\n\n{prose_blocks()}\n"
    )
    parsed = parse_text(text)
    prose_paragraphs = paragraphs(parsed, "prose")
    assert any("met once more on the northern quay to settle" in p for p in prose_paragraphs)
    assert not any("Figure 3" in p for p in prose_paragraphs)
    assert any(p.startswith("Figure 3. A visiting engineer") for p in paragraphs(parsed, "caption"))
    assert "Mira Colt" not in " ".join(paragraphs(parsed))


def test_a_contents_box_with_its_own_title_is_dropped():
    text = (
        f"The Harbour Book\n\nby Ada Hartley\n\nThe Quay at Night\n\n{prose_blocks()}\n\n"
        "IN THIS ISSUE\n"
        "The Ropewalk in Winter ............ 12\n"
        "Letters from the Lighthouse ............ 31\n"
        "A History of the Tide Tables ............ 48\n\n"
        f"{prose_blocks()}\n\nThe Ropewalk\n\n{prose_blocks()}\n"
    )
    parsed = parse_text(text)
    joined = " ".join(paragraphs(parsed))
    assert "IN THIS ISSUE" not in joined and "Letters from the Lighthouse" not in joined
    assert [s.title for s in parsed.sections] == ["The Quay at Night", "The Ropewalk"]


def test_a_paragraph_with_one_dot_leader_line_is_kept():
    # Only a title over two or more leader lines is a box; a lone line is someone's text.
    text = (
        f"The Harbour Book\n\nby Ada Hartley\n\nThe Quay at Night\n\n{prose_blocks()}\n\n"
        "Tally of the catch\nHerring ............ 12\n\n"
        f"{prose_blocks()}\n"
    )
    joined = " ".join(paragraphs(parse_text(text)))
    assert "Herring" in joined


def test_a_refrain_at_several_page_tops_is_text_not_a_running_header():
    pages = "\n\n".join(f"{prose_blocks()}\n\n{n}\n\nThat was all." for n in (3, 4, 5, 6))
    text = (
        f"The Harbour Book\n\nby Ada Hartley\n\nThe Quay at Night\n\n{pages}\n\n{prose_blocks()}\n"
    )
    kept = [p for p in paragraphs(parse_text(text)) if p == "That was all."]
    assert len(kept) == 4


def test_a_title_at_several_page_tops_is_still_a_running_header():
    pages = "\n\n".join(f"{prose_blocks()}\n\n{n}\n\nThe Quay Papers" for n in (3, 4, 5, 6))
    text = (
        f"The Harbour Book\n\nby Ada Hartley\n\nThe Quay at Night\n\n{pages}\n\n{prose_blocks()}\n"
    )
    assert "The Quay Papers" not in " ".join(paragraphs(parse_text(text)))


def test_a_short_last_line_of_a_page_resumes_after_the_header_and_a_wide_pull_quote():
    # The page ends after a line that looks like a title only because it is short.
    quote = "“Because the insurance depended on it, the observer surveyed the quay at night.”"
    pages = (
        f"{prose_blocks()}\n\nThe compiler recovered a parcel of type once the fog\n\n– 2 –\n\n"
        f"THE HARBOUR BOOK\n\n{quote}\n\n"
        "lifted, since the estuary kept shifting its channels. Nobody minded it.\n\n"
        f"{prose_blocks()}\n\n– 3 –\n\nTHE HARBOUR BOOK\n\n{prose_blocks()}\n\n– 4 –\n\n"
        f"THE HARBOUR BOOK\n\n{prose_blocks()}\n"
    )
    text = f"THE HARBOUR BOOK\n\nby Ada Hartley\n\nThe Quay at Night\n\n{pages}"
    parsed = parse_text(text)
    assert [s.title for s in parsed.sections] == ["The Quay at Night"]
    assert any(
        "recovered a parcel of type once the fog lifted, since the estuary" in p
        for p in paragraphs(parsed, "prose")
    )


def test_a_title_case_line_before_furniture_is_still_a_heading():
    text = (
        f"THE HARBOUR BOOK\n\nby Ada Hartley\n\nThe Quay at Night\n\n{prose_blocks()}\n\n"
        f"The Ropewalk in Winter\n\n– 2 –\n\n{prose_blocks()}\n"
    )
    assert [s.title for s in parse_text(text).sections] == [
        "The Quay at Night",
        "The Ropewalk in Winter",
    ]


def test_a_chapter_title_at_a_page_foot_before_its_own_running_header_is_kept():
    # Each page opens with the chapter's title as its header; the chapter began at
    # the foot of the page before, so its title and its first header meet.
    def page(n: int) -> str:
        return f"{n}\n\nTHE ROPEWALK\n\n{prose_blocks()}"

    text = (
        f"The Harbour Book\n\nby Ada Hartley\n\nThe Quay at Night\n\n{prose_blocks()}\n\n"
        f"THE ROPEWALK\n\n" + "\n\n".join(page(n) for n in (5, 6, 7, 8)) + "\n"
    )
    parsed = parse_text(text)
    assert [s.title for s in parsed.sections] == ["The Quay at Night", "The Ropewalk"]
    assert "ROPEWALK" not in " ".join(paragraphs(parsed))
