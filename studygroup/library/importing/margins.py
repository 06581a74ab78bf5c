"""Notes set in a page's outer margin, as a PDF's layout text gives them.

A working paper or a textbook may print short glosses beside the text ("On the ballot",
"Cf. rule 9", "Lodge, 1943"). Layout extraction puts each one at the end of the body
line it stands beside, a wide gap away, so it would be read into the middle of a
sentence. A line's tail is such a note when it starts past the right edge of the page's
ordinary lines (those with no wide gap) and is short.
"""

from __future__ import annotations

import re

MIN_MARGIN_GAP = 8  # blank positions between the text and a margin note
MIN_BODY_LINES = 5  # ordinary lines needed to know where the text column ends
MARGIN_SLACK = 2  # a note starts at least this far past the column's right edge
MAX_NOTE_WORDS = 8
MIN_BODY_WORDS = 5  # a line of the text, not a page number or a short heading
_TAIL = re.compile(rf"^(?P<body>.*\S)(?P<gap> {{{MIN_MARGIN_GAP},}})(?P<note>\S.*)$")


def split_margin_notes(lines: list[str]) -> tuple[list[str], list[str]]:
    """The page's lines without their margin notes, and the notes in order."""
    plain = [
        line.rstrip()
        for line in lines
        if len(line.split()) >= MIN_BODY_WORDS and not _TAIL.match(line.rstrip())
    ]
    if len(plain) < MIN_BODY_LINES:
        return lines, []
    right_edge = max(len(line) for line in plain)
    kept: list[str] = []
    notes: list[str] = []
    for line in lines:
        m = _TAIL.match(line.rstrip())
        if (
            m
            and m.start("note") >= right_edge + MARGIN_SLACK
            and len(m.group("note").split()) <= MAX_NOTE_WORDS
            and re.search(r"[^\W\d_]", m.group("note"))  # words, not a page number ("— 4 —")
        ):
            kept.append(m.group("body"))
            notes.append(m.group("note").strip())
        else:
            kept.append(line)
    return kept, notes
