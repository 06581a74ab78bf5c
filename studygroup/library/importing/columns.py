"""Two columns set side by side, as a text extractor gives them: read one after the other.

A page is set in two columns when many of its lines have text starting at one and the same
position to the right, after a gap of spaces (the gutter), or indented to it with nothing
on the left. Such a page is read as its left column, then its right column. Pages are
told apart by form feeds, or else by lone page-number lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .clean import is_page_number_line

MIN_GUTTER = 3  # spaces between the columns
MIN_LEFT_WIDTH = 12  # characters: a narrower "left column" is an indent, not a column
GUTTER_SLACK_LEFT = 2  # a right column starts this much before its usual place…
GUTTER_SLACK_RIGHT = 6  # … or this much after it (a long heading pushes it over)
MIN_COLUMN_LINES = 5  # lines with text at the gutter that make a page two columns
MIN_COLUMN_SHARE = 0.4  # … and their share of the page's lines with text
MIN_COLUMN_WORDS = 3.0  # mean words of a right-column line: page numbers in a list are not
_GAP = re.compile(rf" {{{MIN_GUTTER},}}(?=\S)")


@dataclass(frozen=True)
class Split:
    line: str
    left: str
    right: str
    start: int  # where the right part starts; -1 when the line has none


def split_line(line: str) -> Split:
    """The line's left and right parts at its first wide gap past MIN_LEFT_WIDTH."""
    stripped = line.rstrip()
    indent = len(stripped) - len(stripped.lstrip(" "))
    if stripped and indent >= MIN_LEFT_WIDTH:
        return Split(line, "", stripped[indent:], indent)
    for m in _GAP.finditer(stripped):
        if m.end() >= MIN_LEFT_WIDTH:
            return Split(line, stripped[: m.start()], stripped[m.end() :], m.end())
    return Split(line, stripped, "", -1)


def reorder_columns(text: str) -> str:
    """The text with each two-column page read left column first."""
    if "   " not in text:
        return text  # no wide gaps anywhere: nothing to do, cheaply
    pages = [split_pages(group) for group in text.split("\f")]
    gutters = Counter(g for group in pages for page in group if (g := _gutter(page)) is not None)
    if not gutters:
        return text
    # A page whose right column is short (the last one) takes the document's gutter.
    usual = gutters.most_common(1)[0][0]
    return "\f".join(
        "\n".join(line for page in group for line in _reorder_page(page, usual)) for group in pages
    )


def split_pages(text: str) -> list[list[Split]]:
    """A form feed's page, cut again after each lone page-number line."""
    out: list[list[Split]] = []
    page: list[Split] = []
    for line in text.split("\n"):
        page.append(split_line(line))
        if line.strip() and is_page_number_line(line):
            out.append(page)
            page = []
    out.append(page)
    return out


def _reorder_page(splits: list[Split], usual: int) -> list[str]:
    gutter = _gutter(splits)
    if gutter is None:
        gutter = usual
    rows = [i for i, s in enumerate(splits) if _at_gutter(s, gutter)]
    if not rows:
        return [s.line for s in splits]
    first, last = rows[0], rows[-1]
    # Above the first row with a right column: the page's header, full width.
    head = [s.line for s in splits[:first]]
    body = splits[first:]
    # After the last: the left column may go on, then the page's foot.
    left = [s.left if _at_gutter(s, gutter) else s.line for s in body]
    right = [s.right if _at_gutter(s, gutter) else "" for s in body]
    while left and not left[-1].strip():
        left.pop()
    foot: list[str] = []
    if left and is_page_number_line(left[-1]) and len(body) - 1 > last - first:
        foot = [left.pop()]  # the page number closes the page, after both columns
    return [*head, *left, "", *right, *foot]


def _at_gutter(s: Split, gutter: int) -> bool:
    if s.start < 0:
        return False
    if not s.left:
        return abs(s.start - gutter) <= GUTTER_SLACK_LEFT
    return gutter - GUTTER_SLACK_LEFT <= s.start <= gutter + GUTTER_SLACK_RIGHT


def _gutter(splits: list[Split]) -> int | None:
    """Where this page's right column starts, or None for a page in one column."""
    starts = Counter(s.start for s in splits if s.start >= 0)
    if not starts:
        return None
    gutter = max(starts, key=lambda p: (sum(starts[q] for q in range(p - 1, p + 2)), -p))
    at = [s for s in splits if _at_gutter(s, gutter)]
    with_text = sum(1 for s in splits if (s.left + s.right).strip())
    if len(at) < MIN_COLUMN_LINES or len(at) < MIN_COLUMN_SHARE * with_text:
        return None
    words = sum(len(s.right.split()) for s in at) / len(at)
    return gutter if words >= MIN_COLUMN_WORDS else None
