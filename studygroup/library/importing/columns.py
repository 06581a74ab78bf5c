"""Two columns set side by side, as a text extractor gives them: read one after the other.

A page is set in two columns when a band of blank character positions (the gutter) runs
down most of its lines, with text on both sides of it. Justified text has wide gaps too,
but they do not line up from one line to the next. Such a page is read as its left
column, then its right column. Pages are told apart by form feeds, or else by lone
page-number lines; a page whose right column is too short to show a gutter of its own (the
last one) takes the document's.
"""

from __future__ import annotations

import re
from collections import Counter

from .clean import is_page_number_line

MIN_GUTTER = 3  # blank positions between the columns
MIN_LEFT_WIDTH = 12  # characters: a narrower "left column" is an indent, not a column
GUTTER_SLACK_RIGHT = 6  # a line may run this far into the gutter (a long heading)
MIN_COLUMN_LINES = 5  # lines with text on both sides that make a page two columns
MIN_COLUMN_SHARE = 0.4  # … and their share of the page's lines with text
MAX_BLOCKED_SHARE = 0.1  # lines crossing the gutter (a full-width header) at most
MIN_COLUMN_WORDS = 3.0  # mean words of a right-column line: page numbers in a list are not
_GAP = re.compile(rf" {{{MIN_GUTTER},}}(?=\S)")


def find_gutter(lines: list[str]) -> int | None:
    text = [line.rstrip() for line in lines if line.strip()]
    if len(text) < MIN_COLUMN_LINES:
        return None
    width = max(len(line) for line in text)
    if width < 2 * MIN_LEFT_WIDTH + MIN_GUTTER:
        return None
    # open_at[x]: lines blank over [x, x + MIN_GUTTER) with text further right.
    open_at = [0] * (width + 1)
    both_at = [0] * (width + 1)  # … and text on the left as well
    long_at = [0] * (width + 2)  # lines with text past x
    for line in text:
        long_at[len(line)] -= 1
        long_at[0] += 1
        indent = len(line) - len(line.lstrip(" "))
        spans = [(0, indent)] if indent >= MIN_GUTTER else []
        spans += [(m.start(), m.end()) for m in _GAP.finditer(line, indent)]
        for start, end in spans:
            for x in range(max(start, MIN_LEFT_WIDTH), end - MIN_GUTTER + 1):
                open_at[x] += 1
                if start > 0:
                    both_at[x] += 1
    running = 0
    for x in range(width + 1):
        running += long_at[x]
        long_at[x] = running
    best, best_open = None, 0
    for x in range(MIN_LEFT_WIDTH, width - MIN_LEFT_WIDTH):
        crossing = long_at[x + MIN_GUTTER]
        blocked = crossing - open_at[x]
        if (
            both_at[x] >= MIN_COLUMN_LINES
            and open_at[x] >= MIN_COLUMN_SHARE * len(text)
            and blocked <= MAX_BLOCKED_SHARE * crossing
            and open_at[x] > best_open
        ):
            best, best_open = x, open_at[x]
    if best is None:
        return None
    rights = [line[best:].split() for line in text if len(line) > best + MIN_GUTTER]
    words = sum(len(r) for r in rights) / max(1, len(rights))
    return best if words >= MIN_COLUMN_WORDS else None


def fits_gutter(lines: list[str], gutter: int) -> bool:
    """Whether a page with too little in its right column to show a gutter of its own (a
    chapter's last page) is cut by the document's: some line has text on both sides of
    it, and hardly any line runs across it (as the lines of a page in one column do)."""
    crossing = [line.rstrip() for line in lines if len(line.rstrip()) > gutter]
    cuts = [split_at(line, gutter) for line in crossing]
    both = [i for i, cut in enumerate(cuts) if cut is not None and cut[0].strip() and cut[1]]
    if not both:
        return False
    below = cuts[both[0] :]  # the page's header, above the columns, may run across
    blocked = sum(1 for cut in below if cut is None)
    return blocked <= MAX_BLOCKED_SHARE * len(below)


GUTTER_DRIFT = 4  # pages of one book may place their gutter a few characters apart


def nearby_gutter(lines: list[str], usual: int) -> int | None:
    """The document's gutter, or one a few positions from it, if it fits this page."""
    for gutter in sorted(
        range(usual - GUTTER_DRIFT, usual + GUTTER_DRIFT + 1), key=lambda g: abs(g - usual)
    ):
        if fits_gutter(lines, gutter):
            return gutter
    return None


def usual_gutter(pages: list[list[str]]) -> int | None:
    """The gutter most two-column pages of a document share, or None."""
    gutters = Counter(g for page in pages if (g := find_gutter(page)) is not None)
    return gutters.most_common(1)[0][0] if gutters else None


def split_at(line: str, gutter: int) -> tuple[str, str] | None:
    """(left, right) of a line cut at the gutter, or None when text crosses it."""
    line = line.rstrip()
    if len(line) <= gutter:
        return line, ""
    if line[gutter : gutter + MIN_GUTTER].strip() == "":
        return line[:gutter].rstrip(), line[gutter:]
    for m in _GAP.finditer(line, gutter):
        if m.start() <= gutter + GUTTER_SLACK_RIGHT:
            return line[: m.start()], line[m.end() :]  # a long heading ran into the gutter
        break
    return None


def reorder_columns(text: str) -> str:
    """The text with each two-column page read left column first."""
    if "   " not in text:
        return text  # no wide gaps anywhere: nothing to do, cheaply
    groups = [split_pages(group) for group in text.split("\f")]
    usual = usual_gutter([page for group in groups for page in group])
    if usual is None:
        return text
    return "\f".join(
        "\n".join(line for page in group for line in reorder_page(page, usual)) for group in groups
    )


def split_pages(text: str) -> list[list[str]]:
    """A form feed's page, cut again after each lone page-number line."""
    out: list[list[str]] = []
    page: list[str] = []
    for line in text.split("\n"):
        page.append(line)
        if line.strip() and is_page_number_line(line):
            out.append(page)
            page = []
    out.append(page)
    return out


def reorder_page(lines: list[str], usual: int | None = None) -> list[str]:
    """One page: its header, the left column, a blank line, the right column, its foot."""
    gutter = find_gutter(lines)
    if gutter is None and usual is not None:
        gutter = nearby_gutter(lines, usual)
    if gutter is None:
        return lines
    cuts = [split_at(line, gutter) for line in lines]
    rows = [i for i, cut in enumerate(cuts) if cut is not None and cut[1].strip()]
    if not rows:
        return lines
    first = rows[0]
    head = lines[:first]
    left: list[str] = []
    right: list[str] = []
    for line, cut in zip(lines[first:], cuts[first:], strict=True):
        if cut is None:
            left.append(line.rstrip())  # crosses the gutter: full width, read in place
            continue
        left.append(cut[0])
        right.append(cut[1])
    while left and not left[-1].strip():
        left.pop()
    foot: list[str] = []
    if (
        left
        and is_page_number_line(left[-1])
        and not any(r.strip() for r in right[len(left) - 1 :])
    ):
        foot = [left.pop()]  # the page number closes the page, after both columns
    # The right column's own margin: the indent most of its lines share.
    indents = Counter(len(r) - len(r.lstrip(" ")) for r in right if r.strip())
    margin = indents.most_common(1)[0][0] if indents else 0
    right = [r[min(margin, len(r) - len(r.lstrip(" "))) :] for r in right]
    while right and not right[-1].strip():
        right.pop()
    return [*head, *left, "", *right, *([""] + foot if foot else [])]
