"""Words of an input that an import kept or lost: the count test_words_kept.py and
bench/words_kept.py share.

A word is a run of letters, casefolded. Digits are left out: note markers and page numbers
legitimately move or go. A word the input splits with a line-end hyphen counts as kept when
the output holds it joined.
"""

from __future__ import annotations

import re
from collections import Counter

WORD = re.compile(r"[^\W\d_]+")
LINE_END_SPLIT = re.compile(r"([^\W\d_]+)-[ \t]*\n\s*([^\W\d_]+)")
# A Markdown link's address: the reader sees the link's text, never its address.
LINK_ADDRESS = re.compile(r"\]\([^)\s]*\)")
# A mail header's subject label: the importer shows the subject as the message's heading.
SUBJECT_LABEL = re.compile(r"(?im)^subject:[ \t]*(?=\S)")


def reader_text(source: str, filename: str) -> str:
    """The input as a reader reads it: a Markdown file without its link addresses, mail
    headers without the "Subject:" label over the subject."""
    if filename.endswith((".md", ".markdown")):
        source = LINK_ADDRESS.sub("]", source)
    return SUBJECT_LABEL.sub("", source)


def words(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in WORD.findall(text))


def output_text(parsed) -> str:
    """Everything a reader sees of an import: title, author, headings, paragraphs, notes."""
    # A byline's "by" becomes the author field: the reader is shown who wrote it.
    parts = [parsed.title or "", f"by {parsed.author}" if parsed.author else ""]
    for section in parsed.sections:
        parts.append(section.title)
        parts += [p.text for p in section.paragraphs]
    if parsed.footnotes:
        # The reader sets the notes under its own "Notes" heading (library/_notes.html),
        # so the source's heading over its notes is shown once, not lost with its section.
        parts.append("Notes")
    parts += [note.text for note in parsed.footnotes]
    return "\n".join(parts)


def lost(source: str, output: str, expected: Counter[str] | None = None) -> Counter[str]:
    """Words `expected` (by default every word of `source`) holds more times than `output`."""
    expected = words(source) if expected is None else expected
    out = words(output)
    missing = Counter({w: n - out[w] for w, n in expected.items() if out[w] < n})
    # A repaired line-end hyphen makes one word of two halves: credit both.
    for a, b in LINE_END_SPLIT.findall(source):
        a, b = a.casefold(), b.casefold()
        if out[a + b] and missing[a] and missing[b]:
            missing[a] -= 1
            missing[b] -= 1
    return +missing


def lost_in_parse(source: str, parsed) -> Counter[str]:
    """Words of `source` that its parse (title, author, headings, text, notes) lost."""
    return lost(reader_text(source, ""), output_text(parsed))
