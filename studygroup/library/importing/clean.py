"""Line-level cleaning: blocks, page furniture, unwrapping and hyphen joining.

The intermediate representation is a list of Block: a run of non-blank lines
(leading spaces kept, they are evidence) with what separated it from the
previous block. Later stages classify blocks and stitch them into paragraphs.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from .pages import roman_value

TERMINAL = re.compile(r"""[.!?…]["'”’»)\]]*(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})?\s*$""")
# A sentence end followed by a glued footnote marker still ends the sentence.
# … and so does a superscript one ("…the hall.⁴"), or bracketed ones ("…agreed.[23][24]"),
# or a shared document's comment anchor ("…agreed.[c]", the comment listed at the end).
ENDS_SENTENCE = re.compile(
    r"""[.!?…]["'”’»)\]*]*(?:\[(?:\^?\d{1,3}|[a-z]{1,2})\])*\s*"""
    r"""(?:(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})\s*)?$"""
)
_BARE_PAGE = re.compile(
    r"^\s*(?:page\s+)?[-–—|·•]?\s*(?:\d{1,3}|[ivxlc]{1,7})\s*[-–—|·•]?\s*$", re.IGNORECASE
)
_RULE_LINE = re.compile(r"^\s*(?:[-_=*·•~]\s*){3,}$")
# A printer's ornament between sections ("❦", "⁂", "* * *" is a rule line).
# A lone "~" or "#" centred between paragraphs: a scene break, as manuscripts mark one.
_SCENE_BREAK = re.compile(r"^\s*[~#]\s*$")
_ORNAMENT = re.compile(r"^\s*[❦❧☙✦✧✱✻⁂§※◆◇●○■□]+(?:\s+[❦❧☙✦✧✱✻⁂§※◆◇●○■□]+)*\s*$")
_CAPS_WORD = re.compile(r"\b[A-Z][A-Z'’\-]+\b")
_LEAD_IN = re.compile(r"^\s*(?:[“\"'‘(]?[A-Z][A-Z'’\-,.:;0-9]*\s+){2,}")
_CREDIT_TAIL = re.compile(r"(?:\s{3,}|\s)([A-Z][A-Z'’.\-]+(?:[ /][A-Z][A-Z'’.\-]+)+)\s*$")
_WIDE_GAP = re.compile(r"\S\s{4,}\S")
# "CHAPTER I." or "2." over its title in the same block: the label's stop ends no sentence.
# The old way numbers them: "Chapter the First", "BOOK THE SECOND", "Third Book".
ORDINAL_WORDS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    "thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    "last|final"
)
_LABEL_LINE = re.compile(
    r"^\s*(?:(?:chapter|part|book|section|letter)\s+(?:\d{1,3}|[IVXLCDM]+|(?:the\s+)?[a-z]+)|"
    rf"(?:the\s+)?(?:{ORDINAL_WORDS})\s+(?:chapter|part|book)|\d{{1,3}}|"
    r"(?-i:[IVXLCDM]+))\.?\s*$",
    re.I,
)

BOILERPLATE = re.compile(
    r"^\s*(?:leave a (?:reply|comment)|your email address will not be published|"
    r"share this(?: article)?:?|like this:?|related posts?:?|you may also like|"
    r"posted in\b|filed under\b|tags?:|subscribe to (?:our|the) newsletter|"
    r"print friendly|click to share|share on (?:facebook|twitter)|back to top$|"
    r"this entry was posted|comments? \(\d+\)|\d+ comments?$|view \d+ comments?$|"
    r"related (?:articles|stories|reading)$|most (?:read|popular)$|more from\b|"
    r"this (?:article|post|piece|text|essay|is) (?:is |was )?(?:one of|part of) (?:the|a|our) "
    r".{0,60}series)",
    re.IGNORECASE,
)


class BlockKind(StrEnum):
    PROSE = "prose"
    HEADING = "heading"
    CAPTION = "caption"  # a credit, label or stray short line
    QUOTE = "quote"
    VERSE = "verse"
    LIST = "list"
    JUNK = "junk"  # page furniture: dropped
    TOC = "toc"  # the contents list: dropped
    INTERRUPTION = "interruption"  # a caption or pull-quote that cut a sentence


@dataclass
class Block:
    lines: list[str]
    gap: int = 1  # blank lines before the block
    strong: bool = False  # a whitespace-only or rule line stood before it
    kind: BlockKind = BlockKind.PROSE
    style: str = ""  # for headings: the headings.Style that recognised it
    continues: bool = False  # prose that goes on with the previous paragraph's sentence
    page_break: bool = False  # next to a page number that drop_page_numbers took out
    note_offset: int = 0  # added to this block's note markers (notes numbered again per chapter)

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines if line.strip())

    @property
    def first(self) -> str:
        return self.lines[0].strip() if self.lines else ""

    @property
    def last(self) -> str:
        return self.lines[-1].strip() if self.lines else ""

    @property
    def words(self) -> int:
        return len(self.text.split())


# Wider than any page a text is set on: a longer run of blanks says nothing more about the
# layout, and the line-shape patterns would read it in time growing with its square.
MAX_BLANK_RUN = 120
_LONG_BLANK_RUN = re.compile(rf"[ \t]{{{MAX_BLANK_RUN + 1},}}")


def cap_blank_runs(text: str) -> str:
    """Shorten every run of spaces or tabs to MAX_BLANK_RUN spaces, keeping its words."""
    return _LONG_BLANK_RUN.sub(" " * MAX_BLANK_RUN, text)


def normalize(text: str) -> str:
    """Invisible characters and odd spaces that PDFs leave behind."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    text = re.sub(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", "", text)
    # Ligatures from PDF text extraction.
    return text.replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\ufb00", "ff")


# A web page's chrome around its article: navigation, sharing, sign-ups, advertisements,
# bylines with reading times. The strong ones tell a web page from a book.
_WEB_CHROME_STRONG = re.compile(
    r"^\s*(?:skip to (?:main )?content|skip navigation|share this(?: article| story| page)?:?|"
    r"share on \w+|advertisement|sponsored content|sign up (?:to|for) .{0,80}newsletter.*|"
    r"home\s*[›»>|/]\s*\S.*)\s*$",
    re.IGNORECASE,
)
_WEB_CHROME = re.compile(
    r"^\s*(?:menu|search|subscribe|copy link|log ?in|sign ?in|print|email|tweet|"
    r"(?:published|updated|posted|last updated)\b.{0,80}\d{4}.*|"  # the byline and date
    r"by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*[|·•–—]\s*.{0,40}\d{4}.*|"
    r".{0,60}·\s*\d+\s*min(?:ute)?s? read\b.*|"
    r"(?:image|photograph|photo|picture|illustration|video)\s*:\s*.+|"
    r"read more:.*|(?:©|copyright ©).*|all rights reserved\.?)\s*$",
    re.IGNORECASE,
)
MIN_WEB_SIGNALS = 2
# A box drawn in text ("+-----+" / "| GET INVOLVED |" / "+-----+"): a sidebar, not the text.
MAX_BOX_LINES = 8
MAX_BOX_LINE_WORDS = 10
_BOX_BORDER = re.compile(r"^\s*\+[-=+]{3,}\+\s*$")
_BOX_LINE = re.compile(r"^\s*\|.*\|\s*$")


def strip_text_boxes(lines: list[str]) -> tuple[list[str], bool]:
    """Blank out boxes drawn with "+---+" borders and "|" sides (sidebars, notices)."""
    out = list(lines)
    found = False
    i = 0
    while i < len(out):
        if _BOX_BORDER.match(out[i]):
            j = i + 1
            while j < len(out) and _BOX_LINE.match(out[j]):
                j += 1
            if j > i + 1 and j < len(out) and _BOX_BORDER.match(out[j]):
                for k in range(i, j + 1):
                    out[k] = ""
                found = True
                i = j
        i += 1
    # A notice fenced by rule lines with no blank line between ("* * *" / "GET INVOLVED" /
    # … / "* * *"): its lines are short and none ends a sentence, unlike a scene of prose.
    i = 0
    while i < len(out):
        if _RULE_LINE.match(out[i]):
            j = i + 1
            while j < len(out) and out[j].strip() and not _RULE_LINE.match(out[j]):
                j += 1
            inner = out[i + 1 : j]
            if (
                0 < len(inner) <= MAX_BOX_LINES
                and j < len(out)
                and _RULE_LINE.match(out[j])
                and all(len(line.split()) <= MAX_BOX_LINE_WORDS for line in inner)
                and not any(TERMINAL.search(line) for line in inner)
            ):
                for k in range(i, j + 1):
                    out[k] = ""
                found = True
                i = j
        i += 1
    return out, found


# A panel of the text drawn in a frame, as handbooks and study guides set their outcomes,
# activities and summaries: "┌───┐" / "│ KEY POINTS │" / "│ │" / "│ …prose… │" / "└───┘".
_PANEL_TOP = re.compile(r"^\s*[+┌╔╭][-─━═]{3,}[+┐╗╮]\s*$")
_PANEL_BOTTOM = re.compile(r"^\s*[+└╚╰][-─━═]{3,}[+┘╝╯]\s*$")
_PANEL_ROW = re.compile(r"^\s*[|│┃║] ?(.*?)\s*[|│┃║]\s*$")
# … or set between two long rules of the same kind, with no sides: "=====" / "Key points".
_PANEL_RULE = re.compile(r"^\s*([=─━_~-])\1{19,}\s*$")
# Without side bars, two rules frame a panel only round a rubric that names the panel's
# kind ("Key points", "Activity 2.3 (20 minutes)"); round a title, they separate sections.
_PANEL_RUBRIC = re.compile(
    r"^(?:key (?:points?|ideas|terms)|learning (?:outcomes|objectives)|outcomes|objectives|"
    r"aims|activity|exercise|task|summary|in summary|case study|reflection|discussion|"
    r"questions?(?: for discussion)?|checklist|tip|remember|note|further reading|glossary|"
    r"definition|example)\b",
    re.IGNORECASE,
)
MAX_PANEL_ROWS = 40
MAX_PANEL_LABEL_WORDS = 8  # "Activity 2.3 (20 minutes)": a rubric, not a sentence
MIN_PANEL_BODY_WORDS = 8  # under its label, more than a notice's address and meeting time


def unframe_text_panels(lines: list[str]) -> list[str]:
    """Take the frame off a panel that is part of the text, keeping what it says: its
    label, a blank row, then a body of paragraphs or points. A notice's frame ("GET
    INVOLVED" over an address, no blank row) is left for strip_text_boxes to drop. The
    label gets a colon, so that it reads as the panel's rubric rather than a heading."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        rows = _framed_rows(lines, i)
        if rows is None or not _titled_panel(rows):
            out.append(lines[i])
            i += 1
            continue
        label, body = rows[0], rows[1:]
        if not label.endswith((":", ".", "?", "!")):
            label += ":"
        out += ["", label, *body, ""]
        i += len(rows) + 2
    return out


def _framed_rows(lines: list[str], i: int) -> list[str] | None:
    """The rows inside a frame whose top edge is line i, without their sides."""
    if _PANEL_RULE.match(lines[i]):
        return _ruled_rows(lines, i)
    if not _PANEL_TOP.match(lines[i]):
        return None
    rows: list[str] = []
    # Walk the indices: a copy of the lines below every top edge is quadratic.
    for j in range(i + 1, len(lines)):
        if _PANEL_BOTTOM.match(lines[j]):
            return rows or None
        m = _PANEL_ROW.match(lines[j])
        if not m:
            return None
        rows.append(m.group(1).rstrip())
    return None


def _ruled_rows(lines: list[str], i: int) -> list[str] | None:
    """The rows between the rule at line i and the same rule below it, when they are a
    panel under its rubric. A closing rule with text right under it opens the next
    section instead: the rules separate sections, they frame nothing."""
    edge = lines[i].strip()
    label = next((line.strip() for line in lines[i + 1 : i + 2]), "")
    if not _PANEL_RUBRIC.match(label):
        return None
    for j in range(i + 1, min(len(lines), i + MAX_PANEL_ROWS + 2)):
        if lines[j].strip() == edge:
            if j + 1 < len(lines) and lines[j + 1].strip():
                return None
            return [line.rstrip() for line in lines[i + 1 : j]] or None
    return None


def _titled_panel(rows: list[str]) -> bool:
    if len(rows) < 3 or not rows[0].strip() or rows[1].strip():
        return False
    if len(rows[0].split()) > MAX_PANEL_LABEL_WORDS:
        return False
    return sum(len(row.split()) for row in rows[2:]) >= MIN_PANEL_BODY_WORDS


MASTHEAD_LINES = 3  # lines above the navigation: the site's name


def strip_web_chrome(lines: list[str]) -> tuple[list[str], bool]:
    """Blank out a web page's chrome, when the page shows it is one."""
    strong = [i for i, line in enumerate(lines) if _WEB_CHROME_STRONG.match(line)]
    if len(strong) < MIN_WEB_SIGNALS:
        return lines, False
    out = [
        "" if _WEB_CHROME_STRONG.match(line) or _WEB_CHROME.match(line) else line for line in lines
    ]
    # The site's name above the first navigation line is a masthead, not a title.
    first = strong[0]
    above = [i for i in range(first) if out[i].strip()]
    if len(above) <= MASTHEAD_LINES and all(len(out[i].split()) <= 5 for i in above):
        for i in above:
            out[i] = ""
    return out, True


def strip_boilerplate(lines: list[str]) -> tuple[list[str], bool]:
    """Drop web furniture ("Leave a Reply…") found near the end of the text."""
    start = int(len(lines) * 0.6)
    for i in range(start, len(lines)):
        if BOILERPLATE.match(lines[i]):
            return lines[:i], True
    return lines, False


# A web page's link back to its top, left after each answer or section of a long page
# ("Back to top ↑", "[Back to top]", "Return to top of page"): navigation, never text.
NAVIGATION_LINK = re.compile(
    r"^\s*[\[(]?\s*(?:back|return|go|jump)\s+to\s+(?:the\s+)?top(?:\s+of\s+(?:the\s+)?page)?"
    r"\s*[\])]?\s*[↑^⇧▲]?\s*$",
    re.IGNORECASE,
)


def drop_navigation_links(lines: list[str]) -> list[str]:
    """Blank out "Back to top" links wherever they stand: each closes a section of a web
    page, so the heading after it starts a new section rather than continuing a paragraph."""
    return ["" if NAVIGATION_LINK.match(line) else line for line in lines]


# An e-book archive's wrapper: "*** START OF THE PROJECT GUTENBERG EBOOK …***" opens the
# work, "*** END OF …" closes it; the licence and catalogue lines lie outside.
_EBOOK_START = re.compile(r"^\s*\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG\b", re.I)
_EBOOK_END = re.compile(r"^\s*\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG\b", re.I)


def strip_ebook_wrapper(lines: list[str]) -> tuple[list[str], bool]:
    """Keep only the work between an e-book archive's start and end markers."""
    start = next((i for i, line in enumerate(lines) if _EBOOK_START.match(line)), None)
    if start is None:
        return lines, False
    end = next((i for i in range(start + 1, len(lines)) if _EBOOK_END.match(lines[i])), None)
    return lines[start + 1 : end], True


_FRONT_MATTER_FIELD = re.compile(r"^([A-Za-z][\w-]{0,30})\s*:\s*(.*)$")
MAX_FRONT_MATTER_LINES = 40


def split_front_matter(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """A Markdown file's metadata block ("---" / "title: …" / "---") at its very top:
    its fields, and the lines without it."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != "---":
        return lines, {}
    fields: dict[str, str] = {}
    for j in range(first + 1, min(len(lines), first + MAX_FRONT_MATTER_LINES)):
        line = lines[j].strip()
        if line in {"---", "..."}:
            return lines[j + 1 :], fields if fields else {}
        m = _FRONT_MATTER_FIELD.match(line)
        if m:
            fields[m.group(1).lower()] = m.group(2).strip().strip("\"'")
        elif line and not line.startswith(("-", "#", " ")):
            return lines, {}  # prose, not metadata
    return lines, {}


_ATX_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_NOTE = re.compile(r"\[\^\w+\]")
MIN_MARKDOWN_HEADINGS = 3


def looks_like_markdown(text: str) -> bool:
    """A plain-text file written in Markdown: front matter, "#" headings, headings
    underlined to their length ("Title" / "====="), or "[^1]" notes, more than once."""
    lines = text.split("\n")
    headings = sum(1 for line in lines if _ATX_HEADING.match(line))
    for prev, line in zip(lines, lines[1:], strict=False):
        m = _UNDERLINE.match(line)
        title = prev.strip()
        # The underline runs the title's length (a rule under prose would not).
        if m and title and not _UNDERLINE.match(prev) and abs(len(m.group(1)) - len(title)) <= 3:
            headings += 1
    signals = [
        headings >= MIN_MARKDOWN_HEADINGS,
        bool(split_front_matter(lines)[1]),
        len(_MD_NOTE.findall(text)) >= 2,
    ]
    return sum(signals) >= 2 or headings >= 2 * MIN_MARKDOWN_HEADINGS


UNWRAPPED_LINE = 200  # characters: no hard-wrapped text has lines this long


def split_unwrapped_lines(blocks: list[Block]) -> list[Block]:
    """A word processor's export: one paragraph a line, no blank lines between. In a block
    with a line too long to be hard-wrapped, every line is a paragraph (or a heading)."""
    out: list[Block] = []
    for b in blocks:
        if len(b.lines) < 2 or max(len(line) for line in b.lines) < UNWRAPPED_LINE:
            out.append(b)
            continue
        for n, line in enumerate(b.lines):
            out.append(Block([line], gap=b.gap if n == 0 else 1, strong=b.strong and n == 0))
    return out


_DROP_CAP_REST = re.compile(r"^( {3,})([a-z][a-z'’]*\b.*)$")
_DROP_CAP_LETTER = re.compile(r"^([A-Z]) (\S.*)$")


def rejoin_drop_caps(lines: list[str]) -> list[str]:
    """A drop capital that a PDF's text layer set apart: "   s the mill whistle went" /
    "A protest." is "As the mill whistle went" / "protest." (the lines the large letter
    indented, up to three, lose their indent)."""
    out = list(lines)
    for i in range(len(out) - 1):
        rest = _DROP_CAP_REST.match(out[i])
        letter = _DROP_CAP_LETTER.match(out[i + 1])
        if not rest or not letter or (i and out[i - 1].strip()):
            continue  # the first line of a paragraph only
        indent = len(rest.group(1))
        out[i] = letter.group(1) + rest.group(2)
        out[i + 1] = letter.group(2)
        if i + 2 < len(out) and abs(len(out[i + 2]) - len(out[i + 2].lstrip()) - indent) <= 1:
            out[i + 2] = out[i + 2].lstrip()
    return out


def split_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    current: list[str] = []
    gap = 0
    strong = False
    for raw in lines:
        line = raw.rstrip()
        if (
            not line.strip()
            or _RULE_LINE.match(line)
            or _ORNAMENT.match(line)
            or _SCENE_BREAK.match(line)
        ):
            if current:
                blocks.append(Block(current, gap=gap, strong=strong))
                current, gap, strong = [], 0, False
            gap += 1
            if raw.strip() or (raw and not raw.strip()):
                strong = True  # whitespace-only or rule line: a deliberate break
            continue
        current.append(line)
    if current:
        blocks.append(Block(current, gap=gap, strong=strong))
    return blocks


def is_page_number(block: Block) -> bool:
    return len(block.lines) == 1 and bool(_BARE_PAGE.match(block.lines[0]))


def is_page_number_line(line: str) -> bool:
    return bool(_BARE_PAGE.match(line))


# A periodical's issue line under its masthead: "Issue 40 · Spring 2009 · FREE",
# "Vol. 3, No. 2 — Winter 1998".
_ISSUE_LINE = re.compile(
    r"^\s*(?:issue|no\.|number|vol\.?|volume)\s*\d{1,4}\b(?:\s*[·•|,;:–—-]\s*.{0,60})?$",
    re.IGNORECASE,
)
MASTHEAD_BLOCKS = 4  # only near the top


def drop_issue_lines(blocks: list[Block]) -> list[Block]:
    """The issue line of a periodical's masthead is furniture, wherever it is glued."""
    out: list[Block] = []
    for n, b in enumerate(blocks):
        kept = [line for line in b.lines if not (n < MASTHEAD_BLOCKS and _ISSUE_LINE.match(line))]
        if kept:
            b.lines = kept
            out.append(b)
    return out


# A serial's instalment marks, set alone between instalments: "(To be continued.)",
# "[Continued from last week.]", "(Concluded in our next.)". Printer's furniture.
_INSTALMENT_MARK = re.compile(
    r"^\s*[(\[]\s*(?:to be (?:continued|concluded)|continued (?:from|in|on|next)|"
    r"concluded (?:in|next)|conclusion next)\b[^)\]]{0,60}[)\]]\s*$",
    re.IGNORECASE,
)


def drop_instalment_marks(blocks: list[Block]) -> list[Block]:
    """Drop a serial's instalment marks standing as blocks of their own."""
    return [b for b in blocks if not (len(b.lines) == 1 and _INSTALMENT_MARK.match(b.first))]


# An edition numbers every fifth (or tenth) line of its text in the margin, and an OCR
# keeps the numbers: at the line's end, a gap away ("…on the      5"), or in a gutter
# before the line ("10    Nobody but…"), always at the same column.
# Three digits at most: a chapter's or a page's count, never a year.
_RIGHT_LINE_NUMBER = re.compile(r"^(?P<body>.*\S)(?P<gap> {2,})(?P<number>\d{1,3})\s*$")
_LEFT_LINE_NUMBER = re.compile(r"^(?P<number>\d{1,3})(?P<gap> {2,})(?P<body>\S.*)$")
_DOT_LEADER_END = re.compile(r"(?:\.\s?){3,}$")
MIN_LINE_NUMBERS = 3
MIN_LINE_NUMBER_STEP = 3  # counted every third, fifth or tenth line: never page by page
MARGIN_DRIFT = 1  # an OCR may set the margin a character off
# Between two numbered lines stand blank lines, headings and a page's head, foot and
# notes besides the counted lines: at most this many times the count, plus a page's worth.
LINES_PER_COUNTED_LINE = 2
PAGE_FURNITURE_LINES = 24


def strip_margin_line_numbers(lines: list[str]) -> list[str]:
    """Take an edition's margin line numbers out of its lines. They are known by three
    signs together: they stand at one column, a gap away from the text; each is a
    multiple of one step (5, 10, 15…), so they are no page numbers or contents list; and
    there are several of them. And they count the lines: from one number to the next the
    count grows by no more than the lines between them (or starts again, at most that
    many lines in), so a column of figures or years set line under line is no count.
    Numbers in a left gutter become spaces, keeping the text's indent."""
    out = _strip_line_numbers(lines, _RIGHT_LINE_NUMBER, "number", right=True)
    return _strip_line_numbers(out, _LEFT_LINE_NUMBER, "body", right=False)


def _strip_line_numbers(
    lines: list[str], pattern: re.Pattern, anchor: str, right: bool
) -> list[str]:
    found = {i: m for i, line in enumerate(lines) if (m := pattern.match(line.rstrip()))}
    if right:  # a contents list's page numbers follow dot leaders
        found = {i: m for i, m in found.items() if not _DOT_LEADER_END.search(m.group("body"))}
    if len(found) < MIN_LINE_NUMBERS:
        return lines
    column, _ = Counter(m.start(anchor) for m in found.values()).most_common(1)[0]
    hits = {i: m for i, m in found.items() if abs(m.start(anchor) - column) <= MARGIN_DRIFT}
    numbers = [int(m.group("number")) for m in hits.values()]
    if len(set(numbers)) < MIN_LINE_NUMBERS or math.gcd(*numbers) < MIN_LINE_NUMBER_STEP:
        return lines
    if not _counts_lines(list(zip(hits, numbers, strict=True))):
        return lines
    out = list(lines)
    for i, m in hits.items():
        if right:
            out[i] = m.group("body")
        else:
            out[i] = " " * m.start("body") + m.group("body")
    return out


def _counts_lines(numbered: list[tuple[int, int]]) -> bool:
    """Each (line index, number) after the first counts on from the one before, or
    starts again: the count advances by no more than the lines between them, and by not
    far fewer."""
    for (i, n), (k, m) in itertools.pairwise(numbered):
        counted = m - n if m > n else m  # a count starting again at a chapter or page
        if not counted <= k - i <= counted * LINES_PER_COUNTED_LINE + PAGE_FURNITURE_LINES:
            return False
    return True


# A course pack's notice under each excerpt, saying on what terms it was copied:
# "Reproduced for private study only.", "Reprinted by permission.", "Not for resale."
_REPRODUCTION_NOTICE = re.compile(
    r"^\s*[\[(]?\s*(?:"
    r"(?:reproduced|reprinted|copied|photocopied)\b[^.]{0,60}?"
    r"\b(?:only|permission(?: of [^.]{1,60})?)"
    r"|(?:strictly )?for (?:private|personal|educational|classroom|course|research|teaching)"
    r" (?:study|use|purposes)(?: only)?"
    r"|not for (?:re-?)?(?:distribution|sale|resale|circulation)"
    r"|used (?:by|with) (?:kind )?permission(?: of [^.]{1,60})?"
    r")\s*\.?\s*[\])]?\s*$",
    re.IGNORECASE,
)


def drop_reproduction_notices(blocks: list[Block]) -> list[Block]:
    """Drop the notices of the terms an excerpt was copied on, standing alone: the
    compiler's, not the text's."""
    return [b for b in blocks if not (len(b.lines) == 1 and _REPRODUCTION_NOTICE.match(b.first))]


# A newspaper's advertisement, boxed into the column: the label "ADVERTISEMENT." (or
# "Advt.") over a few short lines of copy, all in one block.
_ADVERT_LABEL = re.compile(r"^\s*(?:advertisements?|advt)\s*\.?\s*$", re.IGNORECASE)
MAX_ADVERT_LINES = 6
MAX_ADVERT_LINE_WORDS = 10  # an advert's copy is set in short display lines
MIN_ADVERTS = 2  # a paper sells the column again page after page; a preface comes once


def drop_advertisements(blocks: list[Block]) -> list[Block]:
    """Drop advertisements set in the column (the label line over its copy): they are the
    paper's, not the text's. The shape alone is an old book's "Advertisement" preface
    too, so an advert must show where it stands: cutting a sentence of the text in two,
    or coming again at other page turns."""
    adverts = [n for n, b in enumerate(blocks) if _advert_shaped(b)]
    repeated = len(adverts) >= MIN_ADVERTS
    dropped = {n for n in adverts if repeated or _cuts_a_sentence(blocks, n)}
    return [b for n, b in enumerate(blocks) if n not in dropped]


def _advert_shaped(b: Block) -> bool:
    return (
        2 <= len(b.lines) <= MAX_ADVERT_LINES
        and bool(_ADVERT_LABEL.match(b.first))
        and all(len(line.split()) <= MAX_ADVERT_LINE_WORDS for line in b.lines[1:])
    )


def _cuts_a_sentence(blocks: list[Block], n: int) -> bool:
    """The block stands inside a sentence: the one before stops mid-sentence and the
    one after goes on in lower case."""
    if not 0 < n < len(blocks) - 1:
        return False
    before, after = blocks[n - 1].last, blocks[n + 1].first
    return not ENDS_SENTENCE.search(before) and after[:1].islower()


def _drop_marking_breaks(
    blocks: list[Block], is_furniture: Callable[[int, Block], bool]
) -> list[Block]:
    """Remove the blocks a page's furniture fills, marking the blocks either side as at a
    page break: the text runs on across them."""
    out: list[Block] = []
    after_furniture = False
    for i, b in enumerate(blocks):
        if is_furniture(i, b):
            if out:
                out[-1].page_break = True
            after_furniture = True
            continue
        if after_furniture:
            b.page_break = True
        after_furniture = False
        out.append(b)
    return out


def drop_page_numbers(blocks: list[Block]) -> list[Block]:
    """Remove lone page numbers, marking the blocks either side as at a page break."""
    numerals = section_numerals(blocks)
    return _drop_marking_breaks(blocks, lambda i, b: is_page_number(b) and i not in numerals)


_CAPITAL_NUMERAL = re.compile(r"^\s*([IVXLC]{1,7})\s*$")


def section_numerals(blocks: list[Block]) -> set[int]:
    """Capital numerals alone ("I", "II" between a poem's parts) that count up from I, as
    section numbers do, and cut no sentence: they number what follows, not pages."""
    found = [
        (i, m.group(1))
        for i, b in enumerate(blocks)
        if len(b.lines) == 1 and (m := _CAPITAL_NUMERAL.match(b.first))
    ]
    values = [roman_value(numeral) for _i, numeral in found]
    if len(values) < 2 or values != list(range(1, len(values) + 1)):
        return set()
    return {i for i, _numeral in found if not cuts_sentence(blocks, i)}


def cuts_sentence(blocks: list[Block], i: int) -> bool:
    """Block i stands where a sentence breaks off and goes on after it."""
    if i == 0 or i + 1 >= len(blocks):
        return False
    return not ends_sentence(blocks[i - 1].last) and starts_lower(blocks[i + 1].first)


# A record printed in numbered columns (a parliament's debates, a bound newspaper volume)
# carries each column's number alone between paragraphs, past the page numbers' three
# digits, counting up through the text.
_COLUMN_NUMBER = re.compile(r"^\s*\d{4}\s*$")
MIN_COLUMN_NUMBERS = 2
MAX_COLUMN_STEP = 3  # a column may pass without its number printed
COLUMN_PROSE_WORDS = 8  # what follows a column number: the text going on, not a heading
# Where the record names its columns: "cols 214-217", "cc1432-1435" at a page top.
_COLUMN_RANGE = re.compile(
    r"\b(?:cc|cols?|columns?)\.?\s?(?P<first>\d{1,5})\s?[-–]\s?(?P<last>\d{1,5})\b",
    re.IGNORECASE,
)


def _runs_on_in_prose(blocks: list[Block], i: int) -> bool:
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return nxt is not None and nxt.words >= COLUMN_PROSE_WORDS  # "1." / "To Ada" is a heading


def _dated_by(blocks: list[Block], i: int) -> bool:
    """The number again in the line after it: a year over its first letter's dateline."""
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    year = re.escape(blocks[i].first.strip())
    return nxt is not None and bool(re.search(rf"(?<![\w-]){year}\b", nxt.first))


def _named_columns(blocks: list[Block]) -> range:
    """The columns the text names ("cols 214-217"), from the first to the last, give or
    take a column or two printed without a page top naming them."""
    bounds = [
        int(n)
        for b in blocks
        for line in b.lines
        for m in _COLUMN_RANGE.finditer(line)
        for n in (m.group("first"), m.group("last"))
    ]
    if not bounds:
        return range(0)
    return range(min(bounds) - MAX_COLUMN_STEP, max(bounds) + MAX_COLUMN_STEP + 1)


def drop_column_numbers(blocks: list[Block]) -> list[Block]:
    """Remove column numbers as drop_page_numbers removes page numbers: four-digit
    numbers alone on their line, at least MIN_COLUMN_NUMBERS of them, each a step or
    two past the one before, the text running on in prose after one at least. A year
    set alone over each year's letters counts up too, but its letters' datelines
    name it again. Only a number with a page's evidence goes: at a page break, cutting
    a sentence, or among the columns the record names; a year alone over prose is that
    prose's heading."""
    found = [i for i, b in enumerate(blocks) if len(b.lines) == 1 and _COLUMN_NUMBER.match(b.first)]
    if len(found) < MIN_COLUMN_NUMBERS:
        return blocks
    values = [int(blocks[i].first) for i in found]
    if not all(0 < b - a <= MAX_COLUMN_STEP for a, b in itertools.pairwise(values)):
        return blocks
    if not any(_runs_on_in_prose(blocks, i) for i in found) or any(
        _dated_by(blocks, i) for i in found
    ):
        return blocks
    named = _named_columns(blocks)
    columns = {
        i
        for i, value in zip(found, values, strict=True)
        if blocks[i].page_break or cuts_sentence(blocks, i) or value in named
    }
    return _drop_marking_breaks(blocks, lambda i, _b: i in columns)


def ends_sentence(text: str) -> bool:
    return bool(ENDS_SENTENCE.search(text.rstrip()[-12:]))


# A lettered clause's label ("(b) The committee …", "(iv) …"): the clause's case is that
# of the words after it; the "b" is no lower-case continuation of a sentence.
_CLAUSE_LABEL = re.compile(r"^\s*\((?:[a-z]{1,2}|[ivx]{1,5}|\d{1,3})\)\s+(?=\S)")


def starts_lower(text: str) -> bool:
    s = _CLAUSE_LABEL.sub("", text, count=1).lstrip(" \t“\"‘'(…")
    return bool(s) and s[0].islower()


def starts_upper(text: str) -> bool:
    s = _CLAUSE_LABEL.sub("", text, count=1).lstrip(" \t“\"‘'(…")
    return bool(s) and (s[0].isupper() or s[0].isdigit())


def is_lead_in(line: str) -> bool:
    """ "TREMORS COME BEFORE EARTHQUAKES.1 OFTEN…": small caps opening of a paragraph."""
    m = _LEAD_IN.match(line)
    if not m:
        return False
    caps = _CAPS_WORD.findall(line)
    return len(caps) >= 3 and sum(len(w) for w in caps) >= 10


OVERLONG_LINE = 2.5  # times the measured width: a line no hard-wrapping leaves
MIN_OVERLONG_LINES = 5
OVERLONG_SHARE = 0.2  # of the blocks


def measure_width(blocks: list[Block]) -> int | None:
    """Typical wrapped line length, or None when lines are whole paragraphs."""
    lengths = [len(line.strip()) for b in blocks if len(b.lines) >= 3 for line in b.lines[:-1]]
    if len(lengths) >= 20:
        med = int(statistics.median(lengths))
        overlong = sum(
            1 for b in blocks if len(b.lines) == 1 and len(b.first) > OVERLONG_LINE * med
        )
        if overlong >= max(MIN_OVERLONG_LINES, OVERLONG_SHARE * len(blocks)):
            # Many paragraphs run far past that width on one line: the text is not
            # hard-wrapped, and the "wrapped" blocks were lists (a reference list, say).
            return None
        return med
    singles = [len(b.lines[0].strip()) for b in blocks if len(b.lines) == 1]
    if len(singles) >= 20:
        unterminated = [
            n for b, n in zip(blocks, singles, strict=False) if not ends_sentence(b.last)
        ]
        long_ones = sorted(singles)[len(singles) // 2 :]
        med = statistics.median(long_ones)
        if med < 140 and len(unterminated) >= 0.4 * len(singles):
            return int(med)
    return None


def is_double_spaced(blocks: list[Block], width: int | None) -> bool:
    """Every line followed by a blank line (e.g. 004): blank lines carry no meaning."""
    if width is None:
        return False
    singles = [b for b in blocks if len(b.lines) == 1]
    if len(singles) < 0.75 * max(1, len(blocks)):
        return False
    if sum(len(b.lines) for b in blocks if len(b.lines) > 1) > len(singles):
        return False  # most lines stand in blocks: headings and names alone between them
    open_ended = sum(1 for b in singles if not ends_sentence(b.last))
    return open_ended >= 0.4 * len(singles)


def unwrap_double_spaced(blocks: list[Block], width: int) -> list[Block]:
    """Rebuild paragraphs from single-line blocks using line length and punctuation."""
    out: list[Block] = []
    current: Block | None = None
    short = 0.85 * width
    for b in blocks:
        for k, line in enumerate(b.lines):
            strong = b.strong and k == 0
            if current is None:
                current = Block([line], gap=b.gap, strong=strong)
                continue
            prev = current.lines[-1].strip()
            boundary = False
            if strong and (ends_sentence(prev) or prev.endswith(":") or not starts_lower(line)):
                boundary = True  # a separator line: heading or block quote follows
            elif k > 0 and line[:1] == " " and starts_upper(line) and ends_sentence(prev):
                boundary = True  # an indented first line, where blank lines are missing
            elif starts_upper(line):
                if ends_sentence(prev) and len(prev) < short:
                    boundary = True
                elif len(prev) < 0.7 * width:
                    boundary = True  # a short unpunctuated line: heading or lost full stop
                elif (
                    len(current.lines) <= 2
                    and current.strong
                    and out
                    and ends_sentence(out[-1].lines[-1])
                    and line.lstrip(" “\"‘'")[:1].isupper()
                ):
                    boundary = True  # a heading set off by a separator line
            if boundary:
                out.append(current)
                current = Block([line], gap=b.gap if k == 0 else 0, strong=strong)
            else:
                current.lines.append(line)
    if current is not None:
        out.append(current)
    return out


# A play's act or scene label set alone on its line: "ACT II", "SCENE THREE", "ACT THE
# FIRST"; a word that is no number ("ACT NOW", "SCENE CHANGES") labels nothing.
CARDINAL_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty"
)
_PLAY_DIVISION = re.compile(
    rf"^(?:act|scene)\s+(?:\d{{1,2}}|[IVXLC]+|{CARDINAL_WORDS}|(?:the\s+)?(?:{ORDINAL_WORDS}))\.?$",
    re.IGNORECASE,
)


def _is_caption_line(line: str, width: int | None) -> bool:
    stripped = line.strip()
    if _WIDE_GAP.search(stripped) and _CREDIT_TAIL.search(stripped):
        return True  # "Photo caption          PHOTOGRAPHER NAME"
    if (
        len(line) - len(line.lstrip()) >= 10
        and stripped.isupper()
        and len(stripped) < 60
        and len(stripped.split()) >= 2  # a name; one indented word is a heading ("PREFACE")
        and not _PLAY_DIVISION.match(stripped)  # a centred "ACT II" opens an act
    ):
        return True  # a credit floating in the margin
    return bool(
        _CREDIT_TAIL.search(stripped)
        and not stripped.isupper()
        and width
        and len(stripped) < 0.8 * width
        and len(_CREDIT_TAIL.search(stripped).group(1)) >= 6
    )


def split_inside_blocks(blocks: list[Block], width: int | None) -> list[Block]:
    """Break blocks where the layout shows a new paragraph, heading or caption."""
    out: list[Block] = []
    for b in blocks:
        if len(b.lines) == 1:
            if _is_caption_line(b.lines[0], width) and not b.lines[0].strip().isdigit():
                b.kind = BlockKind.CAPTION
            out.append(b)
            continue
        pieces: list[list[str]] = [[]]
        kinds: list[BlockKind] = [BlockKind.PROSE]
        for i, line in enumerate(b.lines):
            cur = pieces[-1]
            under_label = len(cur) == 1 and bool(_LABEL_LINE.match(cur[0]))  # "II" / title
            if _is_caption_line(line, width) and not under_label:
                if cur:
                    pieces.append([])
                    kinds.append(BlockKind.PROSE)
                pieces[-1].append(line)
                kinds[-1] = BlockKind.CAPTION
                pieces.append([])
                kinds.append(BlockKind.PROSE)
                continue
            if cur:
                prev = cur[-1]
                split = False
                if len(cur) == 1 and _LABEL_LINE.match(prev) and _title_like(line.rstrip(". ")):
                    pass  # "CHAPTER I." over "THE COLD BELL.": one heading
                elif is_lead_in(line) and not is_lead_in(prev):
                    split = True
                elif line[:1] == " " and starts_upper(line) and not starts_lower(line):
                    if ends_sentence(prev) or (len(cur) == 1 and _title_like(prev)):
                        split = True
                elif (
                    width
                    and starts_upper(line)
                    and ends_sentence(prev)
                    and len(prev.strip()) < 0.65 * width
                    and len(cur) >= 1
                    and not _verse_like(b.lines)
                ):
                    split = True
                elif (
                    i == 1
                    and width
                    and starts_lower(line)
                    and line[:1] == " "
                    and (
                        len(prev.strip()) < 0.6 * width
                        or (ends_sentence(prev) and len(prev.strip()) < 0.8 * width)
                    )
                ):
                    # "Rosa Luxemburg speaking at a rally." / " one which claimed…":
                    # a caption glued to the continuation of the previous page.
                    kinds[-1] = BlockKind.CAPTION
                    split = True
                if split:
                    pieces.append([])
                    kinds.append(BlockKind.PROSE)
            pieces[-1].append(line)
        first = True
        for piece, kind in zip(pieces, kinds, strict=True):
            if not piece:
                continue
            nb = Block(piece, gap=b.gap if first else 0, strong=b.strong if first else False)
            nb.kind = kind
            out.append(nb)
            first = False
    return out


def _title_like(line: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’]*", line)
    if not words or len(words) > 14 or ends_sentence(line) or line.rstrip().endswith(","):
        return False
    significant = [w for w in words if w.lower() not in SMALL_WORDS]
    caps = sum(1 for w in significant if w[0].isupper())
    return bool(significant) and caps >= 0.75 * len(significant)


def _verse_like(lines: list[str]) -> bool:
    stripped = [line.strip() for line in lines]
    if len(stripped) < 3:
        return False
    upper = sum(1 for s in stripped if starts_upper(s))
    return upper >= 0.7 * len(stripped) and not any(s.endswith("-") for s in stripped)


SMALL_WORDS = {
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of",
    "on", "or", "the", "to", "with", "vs", "via", "de", "la", "le", "du", "des", "von",
    "van", "is", "are", "was", "its", "his", "her", "their", "our", "after", "before",
    "over", "under", "than", "that", "within", "without",
}  # fmt: skip


# --- hyphens and line joining ---------------------------------------------------------

_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")
_CAPS_RUN = re.compile(r"\b[A-Z][A-Z'’\-]*\b(?:[ ,:;]+\b[A-Z][A-Z'’\-]*\b)*")
_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
PREFIXES = {
    "anti", "self", "non", "co", "post", "pre", "neo", "semi", "multi", "ex", "ultra",
    "pan", "quasi", "mid", "well", "half", "cross", "all", "counter", "de", "re", "un",
    "socio", "proto", "pseudo", "extra", "inter", "intra", "trans", "bi", "tri", "sub",
}  # fmt: skip
# Prefixes that modern English writes solid ("predominantly", "reconsider"); the others
# in PREFIXES usually keep their hyphen ("self-management", "anti-war").
JOINED_PREFIXES = {"pre", "re", "de", "un", "sub", "inter", "trans", "multi", "intra", "proto"}
# Second halves of compounds made on a name: "Paris-based", "Moscow-led", "Soviet-style".
_COMPOUND_TAIL = re.compile(
    r"(?:ed|ing|like|wide|style|era|type|born|led|run|made|owned|minded|speaking)$"
)
_SUFFIXES = ("ings", "ing", "ed", "es", "s", "ly", "ers", "er", "ions", "ion", "ments", "ment")


def _stem(word: str) -> str:
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 4:
            return word[: -len(suf)]
    return word


@dataclass
class Vocabulary:
    words: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)
    hyphenated: set[str] = field(default_factory=set)
    acronyms: set[str] = field(default_factory=set)  # "USSR" written in capitals mid-sentence

    @classmethod
    def from_text(cls, text: str) -> Vocabulary:
        vocab = cls()
        prev_hyphen = False
        paired: set[str] = set()
        lowered: set[str] = set()
        for line in text.split("\n"):
            s = line.strip()
            if not s:
                continue
            tokens = _WORD_RE.findall(s)
            if prev_hyphen and tokens:
                tokens = tokens[1:]  # the tail of a word broken on the previous line
            ends_hyphen = s.endswith("-") and not s.endswith("--")
            if ends_hyphen and tokens:
                tokens = tokens[:-1]
            for tok in tokens:
                low = tok.lower().replace("’", "'")
                if "-" in low:
                    vocab.hyphenated.add(low)
                    for part in low.split("-"):
                        vocab.words.add(part)
                else:
                    vocab.words.add(low)
            prev_hyphen = ends_hyphen
            caps = _ACRONYM.findall(s)
            if caps and len(_LOWER_WORD.findall(s)) >= 4:  # capitals inside ordinary prose
                for run in _CAPS_RUN.findall(s):
                    words = run.split()
                    if len(words) >= 3:
                        continue  # "THE COMMON SILENCE of the room…": a lead-in, not acronyms
                    for c in words:
                        if _ACRONYM.fullmatch(c) and c.lower() not in SMALL_WORDS:
                            (paired if len(words) == 2 else vocab.acronyms).add(c)
            lowered.update(_LOWER_WORD.findall(s))
        # Two capitalised words side by side are acronyms only if never seen in lower case.
        vocab.acronyms.update(c for c in paired if c.lower() not in lowered)
        vocab.stems = {_stem(w) for w in vocab.words}
        return vocab

    def knows(self, word: str) -> bool:
        w = word.lower()
        return w in self.words or _stem(w) in self.stems


def join_hyphen(head: str, tail: str, vocab: Vocabulary) -> bool:
    """True to join "pro-" + "duced" into one word; False to keep the hyphen."""
    first = re.search(r"([^\W\d_]+)-$", head)
    second = re.match(r"([^\W\d_]+)", tail)
    if not first or not second:
        return False
    a, b = first.group(1), second.group(1)
    if tail[:1].isupper() or tail[:1].isdigit():
        return False  # anti-Stalinist, pre-1917
    joined = (a + b).lower()
    if tail[len(b) : len(b) + 1] == "-" and not vocab.knows(joined):
        return False  # "week-" / "by-week": a hyphenated phrase broken at its own hyphen
    hyph = f"{a}-{b}".lower()
    if hyph in vocab.hyphenated:
        return False
    if joined in vocab.words:
        return True
    if a.lower() in JOINED_PREFIXES:
        return True  # "pre-" / "dominantly": written solid unless the text hyphenates it
    if a.lower() in PREFIXES:
        return vocab.knows(joined) and not vocab.knows(b)
    if vocab.knows(joined):
        return True
    if a[:1].isupper() and a[1:].islower():
        return not _COMPOUND_TAIL.search(b)  # "Face-" / "book"; but "Paris-based" stays
    # Two real words either side ("struggle-from-below", "working-class") keep it.
    return not (len(a) >= 4 and len(b) >= 4 and vocab.knows(a) and vocab.knows(b))


def join_lines(lines: list[str], vocab: Vocabulary, sep: str = " ") -> str:
    """Unwrap hard line breaks, rejoining words broken across lines."""
    parts: list[str] = []
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if not parts:
            parts.append(line)
            continue
        tail = parts[-1][-40:]  # only the end matters; keeps long paragraphs linear
        if tail.endswith("-") and tail[-2:-1].isdigit() and line[:1].isdigit():
            parts.append(line)  # "(1871-" / "1919)": a range
        elif _HYPHEN_END.search(tail) and not tail.endswith("--"):
            if join_hyphen(tail, line, vocab):
                parts[-1] = parts[-1][:-1]
                if re.search(r"[A-Z]{2}$", parts[-1]):
                    # "FOR THE RADI-" / "cal Left": a small-caps opening stays in capitals.
                    line = re.sub(r"^[^\W\d_]+", lambda m: m.group(0).upper(), line)
            parts.append(line)
        elif tail.endswith(("—", "–")) and not tail.endswith((" —", " –")):
            parts.append(line)  # "to–" / "if": an unspaced dash
        else:
            parts.append(sep)
            parts.append(line)
    return "".join(parts)


_HYPHEN_END = re.compile(r"[^\W\d_]-$")


# --- letter-spaced lines -----------------------------------------------------------------

MIN_SPACED_LETTERS = 4  # "C H A P T E R": fewer single letters in a row are prose ("I a")
MAX_SEGMENT_WORD = 24  # longest word the segmenter tries when words are one space apart
_SPACED_RUN = re.compile(r"^\S(?: \S)+$")
_WORD_GAP = re.compile(r"\s{2,}")
LABEL_WORDS = frozenset(
    {
        "chapter",
        "part",
        "book",
        "section",
        "act",
        "scene",
        *CARDINAL_WORDS.split("|"),
        *ORDINAL_WORDS.split("|")[:10],  # "first" … "tenth"
        "the",
        "of",
        "and",
        "a",
        "an",
        "in",
        "on",
        "to",
        "for",
        "from",
        "at",
        "by",
        "with",
    }
)


def letter_spaced_words(line: str) -> list[str] | None:
    """The groups of a letter-spaced line ("C H A P T E R   O N E" → ["C H A P T E R",
    "O N E"]), or None when the line is not letter-spaced: every token one character,
    words told apart by wider gaps."""
    text = line.strip()
    if len(text) < 2 * MIN_SPACED_LETTERS - 1:
        return None
    groups = _WORD_GAP.split(text)
    if not all(_SPACED_RUN.match(g) or len(g) == 1 for g in groups):
        return None
    letters = sum(1 for ch in text if ch.isalpha())
    if letters < MIN_SPACED_LETTERS or max(len(g) for g in groups) < 3:
        return None
    return groups


def unspace_letters(lines: list[str], known: Callable[[str], bool] | None = None) -> list[str]:
    """Letter-spaced headings written solid: "C H A P T E R   O N E" → "CHAPTER ONE".

    Where the words are as far apart as the letters, `known` (the text's own vocabulary)
    segments them; a run it cannot segment stays one word.
    """
    out: list[str] = []
    for line in lines:
        groups = letter_spaced_words(line)
        if groups is None:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        words: list[str] = []
        for group in groups:
            for solid in _number_apart(group.replace(" ", "")).split():
                if len(groups) == 1 and known is not None:
                    words.extend(segment_words(solid, known))
                else:
                    words.append(solid)
        out.append(indent + " ".join(_roman_numeral_whole(words)))
    return out


_ROMAN_LETTER = re.compile(r"^[IVXLC]$")


def _roman_numeral_whole(words: list[str]) -> list[str]:
    """Single capitals I, V, X… ending a spaced label are one roman numeral, which the
    segmenter cut letter by letter: "A C T I I" is "ACT II", not "ACT I I"."""
    k = len(words)
    while k > 1 and _ROMAN_LETTER.match(words[k - 1]):
        k -= 1
    if len(words) - k < 2 or len(words[k - 1]) < 2 or not words[k - 1].isupper():
        return words
    return [*words[:k], "".join(words[k:])]


def _number_apart(solid: str) -> str:
    """A number after letter-spaced letters is a word of its own, the text layer having
    lost the wider gap before it: "R E A D I N G 1" is "READING 1", not "READING1"."""
    return re.sub(r"(?<=[^\W\d])(?=\d)", " ", solid)


def segment_words(solid: str, known: Callable[[str], bool]) -> list[str]:
    """Split a run of letters into known words, fewest words first; unsplit if none fits."""
    n = len(solid)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(1, n + 1):
        for start in range(max(0, end - MAX_SEGMENT_WORD), end):
            prev = best[start]
            if prev is None:
                continue
            word = solid[start:end]
            if not (known(word) or word.lower() in LABEL_WORDS):
                continue
            if best[end] is None or len(prev) + 1 < len(best[end]):
                best[end] = [*prev, word]
    return best[n] if best[n] else [solid]


# --- titles glued to paragraphs ----------------------------------------------------------

MAX_GLUED_TITLE_WORDS = 10
GLUED_TITLE_WIDTH = 0.95  # of the line width: a title is shorter than a full prose line
MAX_TITLE_TAIL_WORDS = 5  # "Custom House": the rest of a title wrapped past a blank line


def _glued_title(line: str, width: int) -> bool:
    """A line that reads as a title: capitalised words, no sentence end but a "?"."""
    text = line.strip()
    words = re.findall(r"[A-Za-z][\w'’]*", text)
    return (
        2 <= len(words) <= MAX_GLUED_TITLE_WORDS
        and len(text) < GLUED_TITLE_WIDTH * width
        and (text.endswith("?") or not ends_sentence(text))
        and not text.endswith((",", ";", ":", "-"))
        and words[-1].lower() not in SMALL_WORDS
        and _title_like(text.rstrip("?"))
    )


def split_glued_titles(blocks: list[Block], width: int | None) -> list[Block]:
    """Titles that a PDF's text layer glued to a paragraph, or wrapped past a blank line.

    "Where Did the Storm Go?" / "Between the tide tables and the": the title opens the
    block after a closed paragraph; "…during the long calm." / "The Last Slipway
    Question": it closes one before a new paragraph; "Chapter 2: Against the" / (blank) /
    "Custom House": a title does not end on "the", so its rest follows.
    """
    if not width:
        return blocks
    out: list[Block] = []
    for i, b in enumerate(blocks):
        # After a closed sentence, or a line that is no sentence (a credit, a name).
        prev_closed = not out or ends_sentence(out[-1].last) or _title_like(out[-1].last)
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        lines = b.lines
        if (
            out
            and len(out[-1].lines) == 1
            and len(lines) >= 1
            and _open_title(out[-1].first)
            and len(words_of_line(lines[0])) <= MAX_TITLE_TAIL_WORDS
            and _title_like(lines[0].strip().rstrip("?"))
        ):
            prev = out.pop()
            out.append(Block([f"{prev.first.rstrip()} {lines[0].strip()}"], gap=prev.gap))
            lines = lines[1:]
            if not lines:
                continue
            b = Block(lines, gap=0)
        # A title of one line, or of two ("Chapter 4: The Shifting" / "Harbour Dues Question").
        for size in (2, 1):
            if (
                len(lines) > size
                and prev_closed
                and not _LABEL_LINE.match(lines[0])  # "Chapter the Third" over its title
                and (out or len(lines) > 2)  # the first two lines of all: title, subtitle
                and all(_glued_title(line, width) for line in lines[:size])
                and (_prose_line(lines[size], width) or _cut_by_page_end(lines[size]))
            ):
                out.append(Block(lines[:size], gap=b.gap, strong=b.strong))
                b = Block(lines[size:], gap=0)
                lines = b.lines
                break
        if (
            len(lines) >= 2
            and ends_sentence(lines[-2])
            and not (len(lines) == 2 and _LABEL_LINE.match(lines[0]))  # "2." / "To Emeka"
            and _glued_title(lines[-1], width)
            and (nxt is None or starts_upper(nxt.first))
        ):
            out.append(Block(lines[:-1], gap=b.gap, strong=b.strong))
            out.append(Block([lines[-1]], gap=1))
            continue
        out.append(b)
    return out


MIN_PROSE_LINE_WIDTH = 0.5  # of the line width: a paragraph's first line is not short


def _prose_line(line: str, width: int) -> bool:
    """The opening line of a paragraph, not a contents entry or a list's short line."""
    text = line.strip()
    return (
        starts_upper(text)
        and len(text) >= MIN_PROSE_LINE_WIDTH * width
        and not _title_like(text)
        and not re.search(r"(?:\.\s?){4,}|\t", text)
    )


def _cut_by_page_end(line: str) -> bool:
    """A paragraph's short first line that the page ended: "Few people now remember how
    the" runs on in lower case, where a title would not."""
    text = line.strip()
    words = words_of_line(text)
    return (
        starts_upper(text)
        and len(words) >= 3
        and text[-1:].isalpha()
        and text.rsplit(None, 1)[-1].islower()
        and not _title_like(text)
    )


def _open_title(line: str) -> bool:
    """A title line left open on a small word: "Chapter 2: Against the"."""
    text = line.strip()
    words = re.findall(r"[A-Za-z][\w'’]*", text)
    return (
        2 <= len(words) <= MAX_GLUED_TITLE_WORDS
        and words[-1].lower() in {"the", "of", "and", "a", "an", "in", "on", "for", "to"}
        and text[-1:].isalpha()
        and (_title_like(text) or bool(re.match(r"(?i)(chapter|part)\s+\w+\s*[:.]", text)))
    )


def words_of_line(line: str) -> list[str]:
    return re.findall(r"[A-Za-z][\w'’]*", line)


# --- slide decks ---------------------------------------------------------------------------

# A slide's number as an outline export of a deck sets it, alone on its line: "Slide 4",
# "--- Slide 4 of 23 ---", "Slide #4", "[4/23]", or a bare "4".
_SLIDE_LABEL = re.compile(
    r"^[\s\-–—=_*#\[\]()|]*(slide\s*(?:#|no\.?)?\s*)?(\d{1,3})(?:\s*(?:of|/)\s*(\d{1,3}))?[\s\-–—=_*#\[\]()|]*$",
    re.IGNORECASE,
)
# … or with the slide's title after it on the same line: "Slide 4: Crossing Times".
_TITLED_SLIDE_LABEL = re.compile(
    r"^\s*(slide\s*(?:#|no\.?)?\s*)(\d{1,3})\s*[:.—–-]\s*([^\W\d_].*)$", re.IGNORECASE
)
SLIDE_BULLET = re.compile(r"^\s*[•●◦▪■▸►‣○*+\-–o]\s+\S")
# A line opening on a dash, as a point or a novel's dialogue does.
_DASHED_LINE = re.compile(r"^\s*[\-–—]\s")
# A word processor's hollow bullet exported as a letter: "o Tolls were cut."
_LETTER_BULLET = re.compile(r"^(\s*)o(?=\s+[A-Z“\"‘'])")
MIN_SLIDES = 4  # numbered labels in order before a text is read as a deck
MIN_SLIDE_TITLES = 0.8  # share of unnamed labels ("4", "4/23") each over a short title
MAX_SLIDE_TITLE_WORDS = 12  # also the most a slide's title heading may run to
MIN_BULLETS_PER_SLIDE = 0.5  # unnamed labels need a deck's bullets around them too


def _slide_labels(blocks: list[Block]) -> dict[tuple[int, int], str]:
    """Where a deck's slide labels stand (block, line), each with the title set on the
    label's own line ("" when the title has a line of its own); {} when no deck.

    A deck counts its slides 1, 2, 3… in order. A label that says "Slide" names itself;
    a bare number (or "4/23") is a page number as often, so it counts only where a short
    title follows nearly every one and the slides hold bullets."""
    found: list[tuple[int, int, re.Match[str]]] = []
    expected = 1
    for n, b in enumerate(blocks):
        for k, line in enumerate(b.lines):
            m = _SLIDE_LABEL.match(line) or _TITLED_SLIDE_LABEL.match(line)
            if m and int(m.group(2)) == expected:
                found.append((n, k, m))
                expected += 1
    if len(found) < MIN_SLIDES:
        return {}
    where = {(n, k): m.group(3) if m.re is _TITLED_SLIDE_LABEL else "" for n, k, m in found}
    if all(m.group(1) for _n, _k, m in found):
        return where
    titled = 0
    for n, k, _m in found:
        rest = blocks[n].lines[k + 1 :] or (blocks[n + 1].lines if n + 1 < len(blocks) else [])
        title = rest[0].strip() if rest else ""
        if (
            title
            and starts_upper(title)
            and not ends_sentence(title)
            and len(title.split()) <= MAX_SLIDE_TITLE_WORDS
        ):
            titled += 1
    bullets = sum(_bullets_in(b) for b in blocks)
    if titled >= MIN_SLIDE_TITLES * len(found) and bullets >= MIN_BULLETS_PER_SLIDE * len(found):
        return where
    return {}


def _bullets_in(b: Block) -> int:
    """The bullets that tell a deck from a page of prose. Bullets stack into a list; a
    dashed line that ends its sentence, alone in its paragraph, is as often a novel's
    dialogue ("– No.") and is no evidence."""
    marked = [line for line in b.lines if SLIDE_BULLET.match(line)]
    if len(marked) > 1:
        return len(marked)
    return sum(1 for line in marked if not (_DASHED_LINE.match(line) and ends_sentence(line)))


def split_slides(blocks: list[Block]) -> tuple[list[Block], int]:
    """A slide deck saved as an outline: each slide's label is furniture, and the slide
    starts a block set apart (strong) however the export spaced it, its title split from
    bullets glued under it. Returns the blocks and the number of slides (0: no deck)."""
    labels = _slide_labels(blocks)
    if not labels:
        return blocks, 0
    out: list[Block] = []
    opens = False  # a label stood before the next line: it starts a slide

    def emit(piece: list[str], gap: int, strong: bool) -> None:
        piece = [_LETTER_BULLET.sub(r"\1◦", line) for line in piece]
        if opens and len(piece) > 1 and SLIDE_BULLET.match(piece[1]):
            out.append(Block(piece[:1], gap=gap, strong=True))
            piece, gap = piece[1:], 1
        out.append(Block(piece, gap=gap, strong=strong or opens))

    for n, b in enumerate(blocks):
        piece: list[str] = []
        first = True
        for k, line in enumerate(b.lines):
            if (n, k) not in labels:
                piece.append(line)
                continue
            if piece:
                emit(piece, b.gap if first else 0, b.strong and first)
                piece, first = [], False
            opens = True
            if labels[n, k]:
                piece.append(labels[n, k])
        if piece:
            emit(piece, b.gap if first else 1, b.strong and first)
            opens = False
    return out, len(labels)
