"""Week titles that read naturally: "Week 4: Running a Meeting", not "Week 4: 4 Running a Meeting".

A chapter's printed label ("4", "4.", "IV.", "Chapter 4:", "CHAPTER FOUR —") repeats what
the week's own numbering already says, so it is dropped from the week's title. What is kept:

- a part or a book ("Part Two: The Ascent"): the division is the week's real content, and its
  number is not the week's;
- a number that belongs to the title ("1984 and After", "12 Angry Men" in week 3): a bare
  number with no punctuation is only a label when it is the week's own number, or when the
  chapters count 1, 2, 3 … with it (`numbered_in_sequence`);
- a label with nothing after it ("Chapter 4"): it is the only name the section has.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Not imported from the importer's headings module: the splitter must not import the pipeline.
ROMAN = r"[IVXLCDM]+"
NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|first|second|third|fourth|fifth|"
    "sixth|seventh|eighth|ninth|tenth"
)

# The rest must start like a title (a capital, a digit or an opening quote), so that a
# sentence such as "I. e. something" or "4. and then" is never cut.
_REST = r"(?P<rest>[\"'“‘(\[]?[A-Z0-9].*)"

# "Chapter 4: …", "CHAPTER FOUR — …", "Ch. IV …", "Lecture 3. …": always a label.
_NAMED = re.compile(
    rf"^(?i:chapter|ch\.|lecture|section)\s+(?:\d{{1,3}}|{ROMAN}|(?i:{NUMBER_WORDS}))\b"
    rf"\s*[.:)—–-]?\s+{_REST}$"
)
# "4. …", "4: …", "IV. …", "4 — …": a number set off by punctuation is a label.
_PUNCTUATED = re.compile(rf"^(?:\d{{1,3}}|{ROMAN})\s*[.:)—–-]\s+{_REST}$")
# "4 Running a Meeting": a label only when it is the week's own number.
_BARE = re.compile(rf"^(?P<number>\d{{1,3}})\s+{_REST}$")


def leading_number(title: str) -> int | None:
    """The bare number `title` starts with ("4 Running a Meeting" → 4), if any."""
    bare = _BARE.match(title.strip())
    return int(bare["number"]) if bare else None


def numbered_in_sequence(titles: Sequence[str]) -> set[int]:
    """Indexes of the titles whose bare leading numbers count 1, 2, 3 … with one another.

    Chapters "1 Stalinism", "2 Camps", "3 Purges" are numbered, whichever week they fall in;
    a lone "1984 and After" is not.
    """
    numbered = [(i, n) for i, t in enumerate(titles) if (n := leading_number(t)) is not None]
    numbers = [n for _, n in numbered]
    if len(numbers) < 2 or numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return set()
    return {i for i, _ in numbered}


def strip_chapter_label(title: str, week: int | None = None) -> str:
    """`title` without a leading chapter number or label that the week's numbering repeats.

    `week` is the number of the week the title names; without it a bare leading number
    ("4 Running a Meeting") is kept, since it could be part of the title.
    """
    title = title.strip()
    match = _NAMED.match(title) or _PUNCTUATED.match(title)
    if match is None and week is not None:
        bare = _BARE.match(title)
        if bare and int(bare["number"]) == week:
            match = bare
    return match["rest"].strip() if match else title


# The splitter names a week "first section – last section"; each may carry a label.
RANGE_SEPARATOR = " – "


def strip_stored_week_titles(weeks: Sequence[tuple[int, str]]) -> list[str]:
    """Saved (week number, title) pairs of one text, in order: the titles without labels.

    For titles made before the splitter dropped labels: each section name in a title is
    stripped as the splitter now would. Bare numbers count as labels when they are the
    week's own, or when they rise through the text's weeks ("1 A – 2 B", "3 C", "4 D").
    """
    pieces = [title.split(RANGE_SEPARATOR) for _, title in weeks]
    numbers = [n for parts in pieces for p in parts if (n := leading_number(p)) is not None]
    numbers = [n for i, n in enumerate(numbers) if i == 0 or n != numbers[i - 1]]
    rising = len(numbers) >= 2 and numbers[0] <= 1 and numbers == sorted(set(numbers))
    stripped = []
    for (week, _), parts in zip(weeks, pieces, strict=True):
        if len(parts) > 2:  # not a name the splitter made: only its start can be a label
            parts = [RANGE_SEPARATOR.join(parts)]
        names = [strip_chapter_label(p, week=leading_number(p) if rising else week) for p in parts]
        stripped.append(RANGE_SEPARATOR.join(names))
    return stripped
