"""Footnotes: page-bottom notes, end-notes, and markers glued to words.

Markers are told apart from real numbers by their sequence: notes are numbered
1, 2, 3… through a document, so a candidate is only accepted when its number is
the next expected one (or a few further on, when a marker was lost).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from .clean import is_page_number_line
from .document import FootnoteRef, ParsedFootnote, ParsedParagraph
from .i18n import ngettext

NOTE_START = re.compile(
    r"^\s{0,3}(?:\[\^?(\d{1,3})\]:?|\^?(\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})[.)]?)\s+(\S.*)$"
)
_SEPARATOR = re.compile(r"^(?:\s{10,}|\s*[_\-–—]{5,}\s*)$")
# The next page's running header with its number: "12    THE HARBOUR BOOK", "Title    13".
RUNNING_HEADER_WITH_NUMBER = re.compile(
    r"^\s*(?:\d{1,4}\s{2,}\S.{0,80}|\S.{0,80}?\s{2,}\d{1,4})\s*$"
)
# How far above its note a marker may stand: a page of text (the marker of the page's
# first note may sit near the top of the page).
NOTE_MARKER_LOOKBACK = 45
# A note marker glued to a word: "harbour.4", "harbour.⁴", "harbour.[4]".
# … or to the original's page number a translation prints in brackets: "barn. [p. 15]1".
_MARKER_AFTER_WORD = re.compile(
    r"(?:[^\W\d][.,;:!?”’\"')]*|\[(?:p\.\s?)?\d{1,4}\])"
    r"(?:\[(\d{1,3})\]|(\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))(?![\d⁰¹²³⁴⁵⁶⁷⁸⁹])"
)
_MD_NOTE = re.compile(r"^\[\^(\d{1,3})\]:\s*(.*)$")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

# Only digit runs are candidates; their surroundings decide what kind they are.
_CANDIDATE = re.compile(
    r"(?=[\[\d⁰¹²³⁴⁵⁶⁷⁸⁹])(?:\[\^?(\d{1,3})\]|([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})|(?<!\d)(?<!\d[.,])(\d{1,3})(?!\d|[.,]\d)|(?<=\d[.,])(\d{1,3})(?!\d))"
)
_PUNCT = set(".,;:!?”’\"')]…")
_AFTER_WORD = set(",.;:!?)]”’\"'—–-")
_DASHES = set("—–-")
_WINDOW = 5  # markers may skip a few numbers (lost in extraction)


@dataclass
class NoteState:
    expected: int = 1
    known: dict[int, str] = field(default_factory=dict)  # notes found in the text
    found: list[int] = field(default_factory=list)


def _is_separator(line: str) -> bool:
    return bool(_SEPARATOR.match(line)) and len(line) >= 5


def extract_page_notes(
    lines: list[str], restarts: list[int] | None = None
) -> tuple[list[str], dict[int, list[str]]]:
    """Remove notes printed under a separator at page bottoms.

    A separator (a long run of spaces or underscores) followed directly by
    "1 Note text" starts a note region; it runs until a blank line, or until a
    body line resumes (indented and followed by a blank line or lower case).

    Given `restarts`, a ruled region counting from 1 again (a book numbering its notes
    afresh in each chapter) is taken too, its notes shifted past the earlier ones; each
    shift is appended to `restarts`, for the markers of the chapter it opens.
    """
    notes: dict[int, list[str]] = {}
    out: list[str] = []
    last = shift = 0
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < n else ""
        m = NOTE_START.match(nxt)
        if m and _restarts_count(line, note_number(m), last, restarts):
            shift = max(notes)
            restarts.append(shift)
            last = 0
        if m and (
            (_is_separator(line) and note_number(m) > last)
            or (not line.strip() and _unruled_page_notes(lines, i + 1, note_number(m), last))
        ):
            i += 1
            current: int | None = None
            while i < n:
                line = lines[i]
                if not line.strip():
                    break
                follow = lines[i + 1] if i + 1 < n else ""
                m = NOTE_START.match(line)
                if (
                    m
                    and last < note_number(m) <= (999 if current is None else last + 3)
                    and not line.startswith("  ")
                ):
                    current = last = note_number(m)
                    notes[current + shift] = [m.group(3)]
                elif (
                    line[:1].isspace()
                    and not line.strip()[:1].isdigit()
                    and (not follow.strip() or line.strip()[:1].islower())
                ):
                    break  # the body resumes after the page's notes
                elif current is not None:
                    notes[current + shift].append(line)
                else:
                    break
                i += 1
            continue
        out.append(line)
        i += 1
    return out, notes


def _restarts_count(line: str, number: int, last: int, restarts: list[int] | None) -> bool:
    """A rule over a note 1 after notes numbered past 1: the count starts again."""
    return restarts is not None and _is_separator(line) and number == 1 and last >= 1


def _is_running_header(line: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", line)
    return bool(RUNNING_HEADER_WITH_NUMBER.match(line)) and letters.isupper()


def _unruled_page_notes(lines: list[str], start: int, number: int, last: int) -> bool:
    """Notes at a page bottom with no rule above them: "1 See the minutes." after a
    blank line, continuing the count, with a page number right after them and the
    marker for the first one in the lines just above."""
    if not last < number <= last + 3:
        return False
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    if _is_running_header(lines[start]):
        return False  # "4    THE HARBOUR BOOK": the next page's header, not note 4
    # A page break leaves several blank lines before the next page's first line.
    following = next((line for line in lines[end : end + 6] if line.strip()), "")
    # The text's own last page: nothing after the notes, and the body's prose right above
    # them (under a "Notes" heading, the same lines are end-notes).
    last_page = (
        not following
        and not any(line.strip() for line in lines[end:])
        and _prose_above(lines, start)
    )
    if not (
        last_page or is_page_number_line(following) or RUNNING_HEADER_WITH_NUMBER.match(following)
    ):
        return False
    above = "\n".join(lines[max(0, start - NOTE_MARKER_LOOKBACK) : start])
    if last_page:
        return _marked_in_order(above, lines[start:end])
    return any(
        int((m.group(1) or m.group(2)).translate(_SUPERSCRIPTS)) == number
        for m in _MARKER_AFTER_WORD.finditer(above)
    )


def _marked_in_order(above: str, note_lines: list[str]) -> bool:
    """With no page number to show a page's foot, a closing numbered list ("…three
    demands for the council:" / "1 A weight limit…") has the same shape as the last
    page's notes. They are notes only if the body marks every one of them, in order, with
    a real marker: superscript, bracketed, or glued after a word's closing stop
    ("harbour.4"), never a road's name ("the A1"). A list a colon introduces is no notes."""
    if above.rstrip().endswith(":"):
        return False
    numbers = [note_number(m) for line in note_lines if (m := NOTE_START.match(line))]
    marked = iter(
        int((m.group(1) or m.group(2)).translate(_SUPERSCRIPTS))
        for m in _MARKER_AFTER_WORD.finditer(above)
        if _set_off_as_marker(above, m)
    )
    return bool(numbers) and all(n in marked for n in numbers)  # a subsequence, in order


def _set_off_as_marker(text: str, m: re.Match) -> bool:
    """A marker set off from its word: bracketed, superscript, or after a stop."""
    if m.group(1) or not m.group(2).isdigit():
        return True
    return not text[m.start(2) - 1].isalpha()  # "harbour.4", "[p. 15]1"; not "the A1"


MIN_PROSE_WORDS_ABOVE = 6  # "Notes" or a note's own short line is no paragraph


def _prose_above(lines: list[str], start: int) -> bool:
    above = next((line for line in reversed(lines[:start]) if line.strip()), "")
    return len(above.split()) >= MIN_PROSE_WORDS_ABOVE and not NOTE_START.match(above)


def note_number(m: re.Match) -> int:
    """The number of a NOTE_START match: "12.", "[12]", "¹²"."""
    return int((m.group(1) or m.group(2)).translate(_SUPERSCRIPTS))


def extract_markdown_notes(lines: list[str]) -> tuple[list[str], dict[int, list[str]]]:
    """ "[^1]: text" definitions (Markdown), with indented continuation lines."""
    notes: dict[int, list[str]] = {}
    out: list[str] = []
    current: int | None = None
    for line in lines:
        m = _MD_NOTE.match(line)
        if m:
            current = int(m.group(1))
            notes[current] = [m.group(2)]
            continue
        if current is not None and line.startswith(("    ", "\t")) and line.strip():
            notes[current].append(line)
            continue
        current = None
        out.append(line)
    return out, notes


def parse_note_lines(lines: list[str], start: int = 0) -> dict[int, list[str]]:
    """End-notes under a "Notes" heading: "1. text" lines, continuation lines joined."""
    notes: dict[int, list[str]] = {}
    last = start
    current: int | None = None
    for line in lines:
        if not line.strip():
            continue
        m = NOTE_START.match(line)
        if m and last < note_number(m) <= last + 3:
            current = last = note_number(m)
            notes[current] = [m.group(3)]
        elif current is not None:
            notes[current].append(line)
    return notes


def _accept(kind: str, number: int, text: str, start: int, state: NoteState) -> bool:
    exp = state.expected
    if kind in {"br", "sup"}:
        return True
    if kind == "spaced":
        # Only the exact next number, and only before a new sentence or the end.
        rest = text[start + len(str(number)) + 1 :].lstrip()
        if number != exp:
            return False
        if text[start - 1 : start] in {".", "!", "?", "…"}:
            return not rest or rest[:1].isupper() or rest[:1] in '“"‘('
        return True  # "Morrow, 58 this position…": after a comma or quote
    limit = exp + (20 if number in state.known else _WINDOW)
    if not exp <= number <= limit:
        return False
    if kind == "punct":
        before = text[:start]
        if len(before) >= 2 and before[-2].isdigit() and not _ORIGINAL_PAGE_END.search(before):
            # "2.3 million" is a decimal; "in 1917.50" is a year then marker 50.
            m = re.search(r"(\d+)[.,]$", before)
            if not m or number != exp:
                return False
            if len(m.group(1)) == 4:
                return True
            # "$15.22" at the very end of a sentence is wage 15 + note 22 only when
            # a new sentence (or nothing) follows; "2.3 million" never qualifies.
            rest = text[start + len(str(number)) :].lstrip()
            return not rest or rest[:1].isupper() or rest[:1] in '“"‘('

    return True


def _kind(text: str, start: int, end: int) -> str | None:
    """How a bare digit run sits in the text: glued to a word, after punctuation…"""
    prev = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if prev.isalpha():
        return "word" if not after or after.isspace() or after in _AFTER_WORD else None
    if prev in _PUNCT:
        return "punct" if not after or after.isspace() or after in _DASHES else None
    if prev == " " and start >= 2 and text[start - 2] in _PUNCT:
        return "spaced" if not after or after.isspace() or after.isupper() else None
    return None


_ORIGINAL_PAGE_END = re.compile(r"\[(?:p\.\s?)?\d{1,4}\]$")  # "…barn. [p. 15]" before "1"


def _original_page_mark(text: str, m: re.Match, state: NoteState) -> bool:
    """ "[23]" set apart between words ("the apple scab [16] reports"), where the source
    holds no note 23: a translation or reprint marking where the original's pages
    turned, kept as printed. A note's marker is glued to its word ("agreed.[23]")."""
    before = text[m.start() - 1 : m.start()]
    after = text[m.end() : m.end() + 1]
    return (
        before in {"", " "}
        and (after == "" or after.isspace() or after in _PUNCT or after.isdigit())  # "]8": a note
        and not m.group(0).startswith("[^")
        and int(m.group(1)) not in state.known
    )


def extract_markers(text: str, state: NoteState) -> tuple[str, list[FootnoteRef]]:
    """Strip footnote markers from paragraph text, returning refs at their offsets."""
    refs: list[FootnoteRef] = []
    out: list[str] = []
    pos = 0
    out_len = 0
    for m in _CANDIDATE.finditer(text):
        if m.group(1):
            if _original_page_mark(text, m, state):
                continue
            kind, raw, start = "br", m.group(1), m.start()
        elif m.group(2):
            kind, raw, start = "sup", m.group(2), m.start()
        else:
            raw = m.group(3) or m.group(4)
            kind = _kind(text, m.start(), m.end())
            if kind is None:
                continue
            start = m.start() - 1 if kind == "spaced" else m.start()
        number = int(raw.translate(_SUPERSCRIPTS))
        if not _accept(kind, number, text, m.start() - (1 if kind == "spaced" else 0), state):
            continue
        piece = text[pos:start]
        out.append(piece)
        out_len += len(piece)
        pos = m.end()
        refs.append(FootnoteRef(offset=out_len, number=number))
        if kind == "spaced" and text[pos : pos + 1].isalpha():
            out.append(" ")  # "capacities.” 112This": keep the words apart
            out_len += 1
        state.expected = max(state.expected, number + 1)
        state.found.append(number)
    if not refs:
        return text, refs
    out.append(text[pos:])
    cleaned = "".join(out)
    # Offsets were computed before whitespace tidying; keep them stable.
    cleaned2 = re.sub(r" {2,}", " ", cleaned)
    if cleaned2 != cleaned:
        refs = _remap(cleaned, refs)
        cleaned = cleaned2
    return cleaned, refs


def _remap(text: str, refs: list[FootnoteRef]) -> list[FootnoteRef]:
    """Adjust offsets after collapsing double spaces."""
    shift = [0] * (len(text) + 1)
    removed = 0
    for i in range(len(text)):
        shift[i] = removed
        if text[i] == " " and i + 1 < len(text) and text[i + 1] == " ":
            removed += 1
    shift[len(text)] = removed
    return [
        FootnoteRef(offset=r.offset - shift[min(r.offset, len(text))], number=r.number)
        for r in refs
    ]


def missing_notes_warning(count: int) -> str:
    """One quiet line for every marker whose note the source does not carry."""
    return ngettext(
        "%(count)d note marker has no note text in the source",
        "%(count)d note markers have no note text in the source",
        count,
    ) % {"count": count}


def link_notes(
    paragraphs: list[ParsedParagraph], notes: dict[int, str], state: NoteState | None = None
) -> tuple[list[ParsedFootnote], list[str]]:
    """ParsedFootnote rows for every note and every marker; warnings for mismatches."""
    warnings: list[str] = []
    referenced = {ref.number for p in paragraphs for ref in p.refs}
    numbers = sorted(referenced | set(notes))
    footnotes = [ParsedFootnote(number=n, text=notes.get(n, "")) for n in numbers]
    missing = sorted(referenced - set(notes))
    unused = sorted(set(notes) - referenced)
    if missing:
        warnings.append(missing_notes_warning(len(missing)))
    if unused:
        listed = ", ".join(str(n) for n in unused[:10])
        warnings.append(
            ngettext(
                "%(count)d footnote note without a marker in the text (%(listed)s)",
                "%(count)d footnote notes without a marker in the text (%(listed)s)",
                len(unused),
            )
            % {"count": len(unused), "listed": listed}
        )
    return footnotes, warnings


# Notes marked with symbols, as books and e-books set a few notes to a passage: the
# marker is glued to the word ("…rye flour.*"), the note follows the passage ("* On the
# report of 1950."), and the symbols start again after each group, in their usual order.
NOTE_SYMBOLS = ("*", "†", "‡", "§", "‖", "¶")
_SYMBOL_NOTE = re.compile(r"^\s{0,3}([*†‡§‖¶])\s+(\S.*)$")
_ANY_SYMBOL_NOTE = re.compile(r"^\s{0,3}\*\s+\S", re.MULTILINE)  # a group opens with "*"
_SYMBOL_MARKER = r"(?<=[^\s*†‡§‖¶]){}(?=[\s”’\"')\]]|$)"
MIN_NOTED_WORDS = 12  # a symbol marks a note in a paragraph, not in a line of names
MAX_SYMBOL_NOTE_LINES = 4  # a note's own lines, wrapped: more is a passage, not a note


def _symbol_note_group(lines: list[str], i: int) -> tuple[list[tuple[str, list[str]]], int]:
    """The group of symbol notes starting at line i, in order from "*", and where it
    ends; no group when its symbols are out of order or a note runs on too long."""
    notes: list[tuple[str, list[str]]] = []
    j = i
    while j < len(lines) and lines[j].strip():
        m = _SYMBOL_NOTE.match(lines[j])
        if m and m.group(1) == NOTE_SYMBOLS[len(notes) % len(NOTE_SYMBOLS)] and len(notes) < 6:
            notes.append((m.group(1), [m.group(2)]))
        elif m or not notes or len(notes[-1][1]) >= MAX_SYMBOL_NOTE_LINES:
            return [], i  # "* item" / "* item": a list, not notes
        else:
            notes[-1][1].append(lines[j])
        j += 1
    return notes, j


def extract_symbol_notes(
    lines: list[str], first_number: int = 1
) -> tuple[list[str], dict[int, list[str]]]:
    """Take out groups of symbol notes, numbering them through the text; each marker in
    the passage before its group becomes that number ("flour.*" → "flour.[7]"), so the
    markers read like any other note's. A group whose markers are not all found in its
    passage is left alone."""
    if not _ANY_SYMBOL_NOTE.search("\n".join(lines)):
        return lines, {}  # most texts have none: one search of the whole text
    notes: dict[int, list[str]] = {}
    out = list(lines)
    number = first_number
    passage_start = 0
    i = 0
    while i < len(out):
        if out[i].strip() and (i == 0 or not out[i - 1].strip()):
            group, end = _symbol_note_group(out, i)
            if group and _mark_passage(out, passage_start, i, group, number):
                for k, (_symbol, text) in enumerate(group):
                    notes[number + k] = text
                number += len(group)
                out[i:end] = [""] * (end - i)
                passage_start = i = end
                continue
        i += 1
    return out, notes


def _mark_passage(
    lines: list[str], start: int, end: int, group: list[tuple[str, list[str]]], number: int
) -> bool:
    """Rewrite the group's markers in lines[start:end] in place; False if one is missing."""
    found: list[tuple[int, int, int]] = []  # line, column, length
    line_no, col = start, 0
    for symbol, _text in group:
        pattern = re.compile(_SYMBOL_MARKER.format(re.escape(symbol)))
        hit = None
        for n in range(line_no, end):
            m = pattern.search(lines[n], col if n == line_no else 0)
            if m:
                hit = (n, m.start(), len(symbol))
                break
        if hit is None or _block_words(lines, hit[0]) < MIN_NOTED_WORDS:
            return False  # "Ada Hart* and Ben Stroud†": affiliations under a byline
        found.append(hit)
        line_no, col = hit[0], hit[1] + hit[2]
    for k, (n, c, size) in reversed(list(enumerate(found))):
        lines[n] = f"{lines[n][:c]}[{number + k}]{lines[n][c + size :]}"
    return True


def _block_words(lines: list[str], n: int) -> int:
    """Words in the paragraph (the run of non-blank lines) around line n."""
    start, end = n, n + 1
    while start > 0 and lines[start - 1].strip():
        start -= 1
    while end < len(lines) and lines[end].strip():
        end += 1
    return sum(len(line.split()) for line in lines[start:end])


# Notes set right after the passage they annotate and numbered from 1 again each time, as
# a volume of letters or an anthology prints them: "1. …", "2. …" after a blank line or a
# rule, each number standing as a marker glued to a word of the passage just above. The
# count starting over in several places is what tells them from a numbered list.
MIN_RESTARTED_GROUPS = 2
MAX_PASSAGE_NOTE_LINES = 4  # a note's own lines, wrapped: more is text, not a note
# How far above its notes a passage's markers are looked for: a long letter or essay, not
# the whole book, so that each numbered list costs a bounded scan, not one of the text.
MAX_PASSAGE_LINES = 1500


def _passage_note_group(lines: list[str], i: int) -> tuple[list[list[str]], int]:
    """The notes numbered 1, 2, 3… from line i, and where they end: at a blank line, at
    a number out of turn ("2. To Ada Hart" after note 2 is the next letter's heading),
    or at a note running on too long."""
    notes: list[list[str]] = []
    j = i
    while j < len(lines) and lines[j].strip():
        m = NOTE_START.match(lines[j])
        if m and note_number(m) == len(notes) + 1:
            notes.append([m.group(3)])
        elif m or not notes or len(notes[-1]) >= MAX_PASSAGE_NOTE_LINES:
            break
        else:
            notes[-1].append(lines[j])
        j += 1
    return notes, j


def _passage_markers(
    lines: list[str], start: int, end: int, count: int
) -> list[tuple[int, int, int]]:
    """Where markers 1, 2, 3… stand in lines[start:end], in order (line, column, length);
    as many as are found before one is missing."""
    found: list[tuple[int, int, int]] = []
    line_no, col = start, 0
    for number in range(1, count + 1):
        hit = None
        for n in range(line_no, end):
            for m in _MARKER_AFTER_WORD.finditer(lines[n], col if n == line_no else 0):
                raw = m.group(1) or m.group(2)
                if int(raw.translate(_SUPERSCRIPTS)) == number:
                    g = 1 if m.group(1) else 2
                    hit = (n, m.start(g) - (g == 1), m.end(g) + (g == 1))
                    break
            if hit:
                break
        if hit is None or _block_words(lines, hit[0]) < MIN_NOTED_WORDS:
            break  # "Ada Hart¹ and Ben Stroud²": affiliations under a byline
        found.append((hit[0], hit[1], hit[2] - hit[1]))
        line_no, col = hit[0], hit[2]
    return found


_NOTES_HEADING_LINE = re.compile(r"^\s*(?:notes?|footnotes?|endnotes?)\s*:?\s*$", re.IGNORECASE)


def _under_notes_heading(lines: list[str], i: int) -> bool:
    """Notes under a "Notes" heading are a notes section, read as such later."""
    above = next((line for line in reversed(lines[max(0, i - 4) : i]) if line.strip()), "")
    return bool(_NOTES_HEADING_LINE.match(above))


def _page_notes_run_on(lines: list[str]) -> bool:
    """A rule over a note numbered past 1: the count goes on from an earlier page, as
    page notes do (numbered afresh only by chapter); a passage's notes start at 1."""
    return any(
        _is_separator(line) and (m := NOTE_START.match(nxt)) and note_number(m) > 1
        for line, nxt in itertools.pairwise(lines)
    )


def extract_passage_notes(
    lines: list[str], first_number: int = 1
) -> tuple[list[str], dict[int, list[str]]]:
    """Take out notes that follow their passage and are numbered from 1 again each time,
    numbering them through the text; each marker in the passage becomes that number in
    brackets ("stamps.1" → "stamps.[7]"), so the markers read like any other note's.
    Fewer than MIN_RESTARTED_GROUPS such groups: left alone for the page-note rules."""
    groups: list[tuple[int, int, list[list[str]], list[tuple[int, int, int]]]] = []
    passage_start = 0
    i = 0
    while i < len(lines):
        above = lines[i - 1] if i else ""
        m = NOTE_START.match(lines[i])
        if (
            m
            and note_number(m) == 1
            and (not above.strip() or _is_separator(above))
            and not _under_notes_heading(lines, i)
        ):
            notes, end = _passage_note_group(lines, i)
            body_end = i - 1 if i and _is_separator(above) else i
            start = max(passage_start, body_end - MAX_PASSAGE_LINES)
            markers = _passage_markers(lines, start, body_end, len(notes))
            if markers:
                kept = notes[: len(markers)]
                end = i + sum(len(note) for note in kept)
                groups.append((body_end, end, kept, markers))
                passage_start = i = end
                continue
        i += 1
    if len(groups) < MIN_RESTARTED_GROUPS or _page_notes_run_on(lines):
        return lines, {}
    out = list(lines)
    found: dict[int, list[str]] = {}
    number = first_number
    for body_end, end, notes, markers in groups:
        for k, (n, c, size) in reversed(list(enumerate(markers))):
            out[n] = f"{out[n][:c]}[{number + k}]{out[n][c + size :]}"
        for k, text in enumerate(notes):
            found[number + k] = text
        number += len(notes)
        out[body_end:end] = [""] * (end - body_end)
    return out, found
