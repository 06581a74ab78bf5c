"""Original page numbers: where each printed page starts in the parsed text (no Django).

A source shows its pages in two ways: a PDF has them (formats.read_pdf knows each page's
text and, often, the number printed at its edge), and a text file converted from print
keeps page-number lines ("47", "– 5 –", "Page 9") that the cleaner then drops. Either
way we get `PageCut`s: a label and the text that opens the page. `locate` then finds
each opening in the finished paragraphs, in order, comparing letters and digits only, so that
rejoined hyphens, dropped furniture and moved note markers do not get in the way.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .document import PageStart, ParsedSection

# "47", "– 5 –", "Page 9", "[12]", "xiv": lower-case roman only ("Civil" is a word).
_NUMBER_LINE = re.compile(
    r"^\s*(?:[Pp]age\s+|PAGE\s+)?[-–—|·•(\[]?\s*(?P<label>\d{1,4}|[ivxlc]{1,7})\s*[-–—|·•)\]]?\s*$"
)
# A running header carrying its number: "12    The Book Title", "Chapter Two   13".
_HEADER_NUMBER = re.compile(
    r"^\s*(?P<a>\d{1,4})\s{2,}(?P<t>\S.{0,70})$|^(?P<u>.{0,70}\S)\s{2,}(?P<b>\d{1,4})\s*$"
)
_WORD = re.compile(r"[^\W_]+")
PROBE = 32  # letters of a page's opening looked for in the text
SKIPS = (0, 48, 120, 240)  # a page may open with furniture or a note that moved away
MAX_PAGE_CHARS = 6000  # no printed page holds more (a dense page holds about 3,500)
OPENING_CHARS = 600  # how much of the page after its boundary is kept to look for
HEADER_REPEATS = 3  # a numbered line whose words stand at this many page breaks is a header
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


@dataclass
class PageCut:
    """A page boundary in the source: the page's label and the text that opens the page."""

    label: str
    opening: str


def squash(text: str) -> str:
    """Letters and digits only, case folded: what survives every cleaning stage."""
    return "".join(filter(str.isalnum, text)).casefold()


def roman_value(numeral: str) -> int:
    total = 0
    numeral = numeral.lower()
    for ch, nxt in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN[ch]
        total += -value if nxt and _ROMAN[nxt] > value else value
    return total


def to_roman(value: int) -> str:
    out = []
    for n, s in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                 (4, "iv"), (1, "i")):  # fmt: skip
        while value >= n:
            out.append(s)
            value -= n
    return "".join(out)


def next_label(label: str) -> str:
    """The page after `label`: "47" → "48", "xii" → "xiii"."""
    if label.isdigit():
        return str(int(label) + 1)
    return to_roman(roman_value(label) + 1)


def label_value(label: str) -> tuple[int, int]:
    """Sort key: roman front matter before arabic pages."""
    if label.isdigit():
        return (1, int(label))
    return (0, roman_value(label))


def cuts_from_number_lines(text: str) -> list[PageCut]:
    """Page boundaries at the page-number lines of a text converted from print.

    A number on a line of its own (blank lines around it), or at one end of a running
    header whose words recur, marks a page break. Numbers must go up, roman before
    arabic; anything else (a note's "17", a year) is not a page number. A number that
    opens a page (just after a form feed) labels the page it opens; otherwise it is a
    footer, and the page after it is the next number.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    headers = _recurring_headers(lines)
    furniture = _companions(lines)

    def is_furniture(line: str) -> bool:
        return bool(furniture) and len(line) <= 90 and squash(line) in furniture

    def blank(line: str) -> bool:
        return not line.strip(" \t\f") or is_furniture(line)

    cuts: list[PageCut] = []
    where: list[tuple[int, int]] = []  # (line, value) of each cut, to check its density
    last: tuple[int, int] | None = None
    for i, line in enumerate(lines):
        label = _page_label(line, headers)
        if label is None:
            continue
        before = lines[i - 1] if i else ""
        after = lines[i + 1] if i + 1 < len(lines) else ""
        opens_page = i == 0 or "\f" in before or line.lstrip(" \t").startswith("\f")
        alone = (opens_page or blank(before)) and blank(after)
        if not alone and not _HEADER_NUMBER.match(line.replace("\f", "")):
            continue  # a number inside a block: a note's continuation, a list
        value = label_value(label)
        if last is not None and not (last[0] < value[0] or last < value <= (last[0], last[1] + 40)):
            continue  # page numbers go up, a page or a few at a time
        last = value
        # A running header heads its page.
        opens_page = opens_page or not _NUMBER_LINE.match(line.replace("\f", ""))
        following: list[str] = []
        size = 0
        for ln in lines[i + 1 : i + 40]:
            if size >= OPENING_CHARS:
                break
            if not is_furniture(ln):
                following.append(ln)
                size += len(ln) + 1
        opening = "\n".join(following)[:OPENING_CHARS]
        cuts.append(PageCut(label if opens_page else next_label(label), opening))
        where.append((i, value[1]))
    if _too_sparse(lines, where):
        return []  # numbered chapters or sections, far apart: not pages
    return cuts


def _too_sparse(lines: list[str], where: list[tuple[int, int]]) -> bool:
    """Whether the numbers stand further apart than any printed page is long."""
    if len(where) < 2:
        return False
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    steps = sorted(
        (starts[b] - starts[a]) / max(1, vb - va)
        for (a, va), (b, vb) in zip(where, where[1:], strict=False)
    )
    return steps[len(steps) // 2] > MAX_PAGE_CHARS


def _could_be_number_line(line: str) -> bool:
    """A cheap test before the regular expressions: a number at either end, or short."""
    s = line.strip(" \t\f")
    return bool(s) and (len(s) <= 20 or s[0].isdigit() or s[-1].isdigit())


def _page_label(line: str, headers: set[str]) -> str | None:
    if not _could_be_number_line(line):
        return None
    line = line.replace("\f", "")
    m = _NUMBER_LINE.match(line)
    if m:
        return m.group("label")
    m = _HEADER_NUMBER.match(line)
    if m and squash(m.group("t") or m.group("u")) in headers:
        return m.group("a") or m.group("b")
    return None


def _companions(lines: list[str]) -> set[str]:
    """Lines that stand right beside bare page numbers again and again: a running
    header or footer printed with the number ("24" / "The studygroup Collective")."""
    seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        if len(line.strip()) > 20 or not _NUMBER_LINE.match(line.replace("\f", "")):
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and lines[j].strip() and len(lines[j].strip()) <= 70:
                key = squash(lines[j])
                if key and not _NUMBER_LINE.match(lines[j]):
                    seen[key] = seen.get(key, 0) + 1
    return {key for key, n in seen.items() if n >= HEADER_REPEATS}


def _recurring_headers(lines: list[str]) -> set[str]:
    seen: dict[str, int] = {}
    for line in lines:
        if not _could_be_number_line(line):
            continue
        m = _HEADER_NUMBER.match(line.replace("\f", ""))
        if m:
            key = squash(m.group("t") or m.group("u"))
            if key:
                seen[key] = seen.get(key, 0) + 1
    return {key for key, n in seen.items() if n >= HEADER_REPEATS}


def locate(sections: list[ParsedSection], cuts: list[PageCut]) -> list[PageStart]:
    """Find each page's opening in the paragraphs, in order; a page not found is left out."""
    paragraphs = [p for s in sections for p in s.paragraphs]
    squashed = [squash(p.text) for p in paragraphs]
    starts: list[int] = []
    total = 0
    for s in squashed:
        starts.append(total)
        total += len(s)
    stream = "".join(squashed)
    found: list[PageStart] = []
    cursor = 0
    used: set[str] = set()
    for cut in cuts:
        opening = squash(cut.opening)
        for skip in SKIPS:
            probe = opening[skip : skip + PROBE]
            if len(probe) < min(PROBE, 12 + skip):
                break
            j = stream.find(probe, cursor)
            if j < 0:
                continue
            i = bisect_right(starts, j) - 1
            letters = j - starts[i]
            # Found past a skipped opening (a title, a header): the page began up to `skip`
            # letters earlier, so at the paragraph's start if that is as close.
            offset = 0 if skip and letters <= skip else _offset_of(paragraphs[i].text, letters)
            if cut.label not in used:  # one place per label: the first one
                used.add(cut.label)
                found.append(PageStart(label=cut.label, paragraph=i, offset=offset))
            cursor = j + 1
            break
    return found


def _offset_of(text: str, letters: int) -> int:
    """The offset in `text` of its `letters`-th letter, moved back to the word's start."""
    if letters <= 0:
        return 0
    seen = 0
    for word in _WORD.finditer(text):
        seen += len(word.group().casefold())
        if seen > letters:
            return word.start()  # the page starts inside (or at) this word
    return len(text)
