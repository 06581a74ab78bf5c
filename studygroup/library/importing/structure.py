"""Blocks → title, author, headings and paragraphs (no Django).

Works on clean.Block lists, in named passes (pipeline._structure runs them): the
title page, the contents list, notes sections, then classify() (page furniture,
sentences interrupted by captions or page breaks, headings, paragraph kinds), and
finally stitch() into paragraphs. The order matters: a heading can never be followed
by the lower-case rest of a sentence. What makes a heading, and at what level, is
decided in headings.py.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from .bylines import (
    byline_name,
    is_byline,
    lowercase_words,
    mark_bylines,
    personal_name,
    title_with_name,
)
from .clean import (
    CARDINAL_WORDS,
    MAX_SLIDE_TITLE_WORDS,
    SLIDE_BULLET,
    SMALL_WORDS,
    Block,
    BlockKind,
    cuts_sentence,
    ends_sentence,
    is_lead_in,
    is_page_number,
    is_page_number_line,
    section_numerals,
    starts_lower,
    starts_upper,
)
from .footnotes import NOTE_START, note_number, parse_note_lines
from .headings import (
    ANSWER_LABEL,
    ATTENDANCE,
    ATTRIBUTION,
    BACK_KEYWORDS,
    BARE_LABEL,
    BODY_KEYWORDS,
    CHAPTER,
    CHAPTER_LABEL,
    DATE,
    FRONT_KEYWORDS,
    MAX_CANDIDATE_WORDS,
    MAX_DATELINE_WORDS,
    MAX_HEADING_LINES,
    MD_HEADING,
    METADATA_LINE,
    MIN_ASKED_WORDS,
    NUMBER_WORDS,
    NUMBERED,
    PROVISION_LABEL,
    RECORDING_FIELD,
    ROMAN,
    ROMAN_NUMBERED,
    RULES,
    SALUTATION,
    SHORT_NEXT_HEADING_WORDS,
    TABLE_CAPTION,
    TITLE_CASE_HEADING,
    TITLE_CASE_QUESTION,
    YEAR_ALONE,
    Evidence,
    Shape,
    Style,
    closes,
    complete,
    is_keyword,
    is_provision,
    numbered_capitals_with_stop,
    numbered_item,
    recognise,
    smart_title,
    substantial,
    title_case_ratio,
    words_of,
)
from .i18n import gettext as _

_EITHER_END = re.compile(r"^(?:acknowledge?ments?)$", re.IGNORECASE)
_NOTES_HEADING = re.compile(
    r"^(?:notes|endnotes|footnotes|references and notes|notes and references|chapter notes)"
    r"(?:\s+to\s+(?:chapter|part)\s+\w+)?\s*:?$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"\bISBN\b|©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|\bpublished (?:in |by )?\d{4}|"
    r"first published|printed (?:in|by)|cover (?:design|image|photo)|british library|"
    r"library of congress|creative commons|^\s*www\.|@\w+\.\w+",
    re.IGNORECASE,
)
_COPYRIGHT_LINE = re.compile(
    r"©|\bcopyright\b.{0,40}\d{4}|all rights reserved|\bISBN\b", re.IGNORECASE
)
_CONTENTS = re.compile(r"^\s*(?:table of )?contents(?:\s*\(?continued\)?)?\s*:?\s*$", re.IGNORECASE)
# "The Early Years ........ 5": a contents line, wherever it stands.
_DOT_LEADER = re.compile(r"(?:\.\s?){4,}\s*(?:\d{1,4}|[ivxlc]{1,6})\s*$")
_BYLINE = re.compile(
    r"^\s*(?:by|written by|words by|text by|author:|interview(?:ed)? by)\s+(.+)$", re.IGNORECASE
)
_PUBLISHER = re.compile(
    r"\b(?:books|press|publish\w*|editions?|ltd|inc|university|verlag|media|collective)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"^(?:[A-Z][a-zà-ÿ'’\-]+|[A-Z]\.)(?:\s+(?:[A-Z][a-zà-ÿ'’\-]+|[A-Z]\.)){1,3}$")
_SPEECH = re.compile(
    r"\b(?:wrote|writes|said|says|argued|argues|explains|explained|put it|puts it|notes|noted|"
    r"insisted|insists|declared|declares|remarks|remarked|observes|observed|adds|added|"
    r"continues|continued|stated|states|reads|follows|reason)\s*,?\s*\d{0,3}\s*$",
    re.IGNORECASE,
)
# A credit or byline on its own line: page furniture, wherever it stands.
# "Photo: Ada Hartley / Harbour Archive", "Interview by Ada Hartley",
# "Words: Ada Hartley · Photographs: Ben Stroud", "Illustration by …".
CREDIT_LINE = re.compile(
    r"^\s*(?:(?:photo(?:graph)?s?|photography|pictures?|images?|illustrations?|words|text|"
    r"interview|story|reporting)\s*(?::|\bby\b)|(?:interview(?:ed)?|photographed|"
    r"illustrated|reported)\s+by\b)\s*\S.{0,100}$",
    re.IGNORECASE,
)
MAX_CREDIT_WORDS = 14
# A figure's label opens its caption: "Figure 3. …", "Fig. 2: …", "Plate IV — …", and
# numbered within its chapter, as theses and reports do: "Figure 1.2: …", "Table 4.1 …".
CAPTION_LABEL = re.compile(
    rf"^\s*(?:fig(?:ure)?\.?|plate|map|illustration|photo|table)\s+"
    rf"(?:\d{{1,3}}(?:\.\d{{1,3}})*|{ROMAN})"
    r"[a-z]?\s*[.:—–-]\s+\S",
    re.IGNORECASE,
)
MAX_CAPTION_WORDS = 60
_LIST_ITEM = re.compile(r"^\s*(?:[•●◦▪■*+\-]\s+|\(?[0-9a-z]{1,2}[.)]\s+)")
_TOC_TRAILER = re.compile(r"^(.*?)(?:\s*\.{2,}\s*|\s*…\s*|\s{2,}|\t+|\s+)(\d{1,4}|[ivxlc]{1,6})$")


@dataclass
class TocEntry:
    title: str
    label: str = ""
    sub: bool = False  # indented under the entry before it: a sub-heading

    @property
    def key(self) -> str:
        return toc_key(self.title)


@dataclass
class Item:
    """One unit of output: a heading or a paragraph (lines still unjoined)."""

    kind: str  # "heading", or one of document.PARAGRAPH_KINDS
    lines: list[str] = field(default_factory=list)
    style: Style | None = None  # for headings
    note_offset: int = 0  # see Block.note_offset


def norm_key(text: str) -> str:
    text = re.sub(
        rf"^(?:(?:chapter|part)\s+)?(?:\d+|{ROMAN})\b[.:)]?\s*", "", text.strip(), flags=re.I
    )
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


def toc_key(text: str) -> str:
    """Compare contents entries with headings; a bare "CHAPTER IV" keeps its label."""
    return norm_key(text) or re.sub(r"[^\w]+", " ", text.casefold()).strip()


# --- title page --------------------------------------------------------------------------


# A play's or minutes' turn opened by a name in capitals: "PHILIPPA. On the longest night?"
_TURN_LABEL = re.compile(r"^([A-Z][A-Z'’\-]+(?:\s+[A-Z][A-Z'’\-]+){0,2})[.:]\s+\S")
MIN_LATER_TURNS = 2


def _labelled_like_later_turns(blocks: list[Block], i: int) -> bool:
    """A short line opened by the label that opens later paragraphs too is the text's
    first turn, not a line of its title page."""
    m = _TURN_LABEL.match(blocks[i].first)
    if not m:
        return False
    later = sum(1 for b in blocks[i + 1 :] if (n := _TURN_LABEL.match(b.first)) and n[1] == m[1])
    return later >= MIN_LATER_TURNS


def _numbered_like_later_items(blocks: list[Block], i: int) -> bool:
    """A short line with a number ("Hymn 12") whose words recur with other numbers on
    later lines is the text's first item, not a line of its title page."""
    b = blocks[i]
    if len(b.lines) != 1 or not re.search(r"\d", b.text):
        return False
    key = _repeat_key(b)
    later = sum(
        1
        for n in blocks[i + 1 :]
        if len(n.lines) == 1 and _repeat_key(n) == key and _printed_key(n) != _printed_key(b)
    )
    return bool(key) and later >= MIN_LATER_TURNS


def _shortish(b: Block) -> bool:
    text = b.text
    return (
        len(b.lines) <= 3
        and len(words_of(text)) <= 14
        and not (ends_sentence(text) and not text.endswith("?"))
        and not _COPYRIGHT.search(text)
        and not _CONTENTS.match(text)
        and not ATTRIBUTION.match(b.last)  # an epigraph under the title is the text's
        and not (
            is_lead_in(b.first)
            and len(b.lines) > 1
            # "HARBOUR TENANTS' UNION" / "Minutes of …": a name in capitals over a subtitle
            and not (b.first.upper() == b.first and starts_upper(b.lines[1].strip()))
        )
    )


def _looks_like_section_heading(text: str) -> bool:
    return bool(
        CHAPTER.match(text)
        or BARE_LABEL.match(text)
        or is_provision(text)
        or NUMBERED.match(text)
        or ROMAN_NUMBERED.match(text)
        or YEAR_ALONE.match(text.strip())  # "1908" over that year's letters
        or BODY_KEYWORDS.match(text)
        or FRONT_KEYWORDS.match(text)
        or BACK_KEYWORDS.match(text)
        or MD_HEADING.match(text)
    )


def _heading_shape(b: Block) -> tuple[bool, bool] | None:
    """(all caps, ends in "?") for a one-line title-like block, else None."""
    text = b.text.strip()
    if len(b.lines) != 1 or not 0 < b.words <= 10 or not starts_upper(text):
        return None
    if ends_sentence(text) and not text.endswith("?"):
        return None
    caps = text.upper() == text
    if not caps and title_case_ratio(text) < TITLE_CASE_HEADING:
        return None
    return caps, text.endswith("?")


def _first_of_like_headings(blocks: list[Block], i: int) -> bool:
    """Block i, at the foot of a title page, opens the text: a paragraph follows it, and
    later lines of its shape (capitals or title case), each over a paragraph, are the
    text's headings (a zine: "THE RED HARVEST" / "ON THE GRANARY" / prose / "WHO …")."""
    shape = _heading_shape(blocks[i])
    if shape is None or i + 1 >= len(blocks) or not substantial(blocks[i + 1]):
        return False
    caps = shape[0]
    alike = sum(
        1
        for j in range(i + 2, len(blocks) - 1)
        if (other := _heading_shape(blocks[j])) is not None
        and other[0] == caps
        and (
            substantial(blocks[j + 1])
            or (
                j + 2 < len(blocks)
                and _JUMP_LINE.match(blocks[j + 1].first)
                and substantial(blocks[j + 2])
            )
        )
        and (closes(blocks[j - 1]) or _JUMP_LINE.match(blocks[j - 1].first))
    )
    return alike >= MIN_LIKE_HEADINGS


MIN_LIKE_HEADINGS = 1


# What kind of document it is, printed over its title: "TRANSCRIPT" / "The Boundary
# Question". The title is the line under it.
_GENRE_LINE = re.compile(
    r"^(?:transcript|interview|oral history|minutes|rules|constitution|by-?laws|standing orders|"
    r"report|working paper|discussion paper|briefing|newsletter|bulletin|manifesto|programme|"
    r"handbook|pamphlet|proceedings)$",
    re.IGNORECASE,
)


def find_deck_title(blocks: list[Block]) -> tuple[str, str | None, int]:
    """A slide deck's first slide is its title page: the title on its first line, the
    presenter's name (with a date or a place) under it; the next slide starts the text
    (clean.split_slides sets each slide's first block apart)."""
    end = next((i for i in range(1, len(blocks)) if blocks[i].strong), len(blocks))
    lines = [line.strip() for b in blocks[:end] for line in b.lines if line.strip()]
    if (
        not lines
        or end >= len(blocks)
        or not blocks[0].strong
        or any(SLIDE_BULLET.match(line) for line in lines)  # the deck opens on its content
    ):
        return find_title(blocks)
    author = None
    for line in lines[1:]:
        name = re.split(r"\s*[,|(–—]\s*", line)[0].strip()
        if _NAME.match(name) and not _PUBLISHER.search(name):
            author = name
            break
    return lines[0], author, end


# A title page's credit: who gave, recorded or edited the text, "Lectures given at the
# Carrow Institute by Ada Vance", "Transcribed from the tape recordings by Jonah Reed".
_CREDIT_BY = re.compile(r"^([A-Z][^.!?:;]*?)\s+by\s+(\S.*?)\.?$")
MIN_CREDIT_WORDS = 2  # before "by": "Edited by" alone is a byline (_BYLINE)
MAX_TITLE_PAGE_CREDITS = 3
MAX_CREDITED_TITLE_WORDS = 12


def _credit_name(line: str) -> str | None:
    line = line.strip()
    m = _CREDIT_BY.match(line)
    # "This little book was written by Ada Vance." is a sentence, not a credit line.
    if not m or len(m.group(1).split()) < MIN_CREDIT_WORDS or ends_sentence(line):
        return None
    return m.group(2) if _NAME.match(m.group(2)) else None


def credited_title_page(blocks: list[Block]) -> tuple[str, str | None, int] | None:
    """A title over the lines that credit its people ("Lectures given at … by Ada
    Vance", "Transcribed … by Jonah Reed"), however the lines are spaced: the title is
    the first line, the author the first person credited, and the credits are the
    title page, not a subtitle or a heading."""
    if not blocks or not blocks[0].lines:
        return None
    title = blocks[0].first
    if (
        _credit_name(title)
        or ends_sentence(title)
        or not 0 < len(title.split()) <= MAX_CREDITED_TITLE_WORDS
        or _looks_like_section_heading(title)  # "Foreword" heads a section, not the book
    ):
        return None
    names: list[str] = []
    taken = 0
    for n, b in enumerate(blocks[: MAX_TITLE_PAGE_CREDITS + 1]):
        credits = [_credit_name(line) for line in (b.lines[1:] if n == 0 else b.lines)]
        if (n > 0 and not credits) or not all(credits):
            break
        names += [name for name in credits if name]
        taken = n + 1
    if not names or taken >= len(blocks):
        return None
    return title, names[0], taken


# A judgment's title page names the parties and their roles ("BETWEEN:", a party over
# "Appellant", "- and -" or "v", the other over "Respondent"), the court ("IN THE …") and
# the case's citation or number; the case's own name, if it has one, stands among them.
_ROLE = (
    r"\(?(?:the\s+)?(?:appellants?|respondents?|claimants?|defendants?|applicants?|"
    r"petitioners?|plaintiffs?|appellees?|complainants?|interveners?)\)?"
)
_PARTY_ROLE = re.compile(rf"^{_ROLE}$", re.IGNORECASE)
# … or the role set on the party's own line, flush right, after a tab or after a comma:
# "ADA VANCE          Appellant", "ADA VANCE, Appellant".
_PARTY_WITH_ROLE = re.compile(rf"^(\S.*?)(?:\s{{2,}}|\t\s*|,\s*){_ROLE}$", re.IGNORECASE)
_FIELD = re.compile(r"^[\w ]{1,24}:(?:\s|$)")  # "Before:", "Date: 4 May 1990"
_BETWEEN = re.compile(r"^between\s*:?$", re.IGNORECASE)
_PARTIES_APART = re.compile(r"^(?:-+\s*)?(?:v\.?|vs\.?|versus|and)(?:\s*-+)?$", re.IGNORECASE)
_COURT_LINE = re.compile(r"^in\s+the\s+\S", re.IGNORECASE)
_CASE_REFERENCE = re.compile(
    r"\bcitation(?:\s+(?:no\b|number\b))?\s*:|\b(?:case|appeal|claim)\s+(?:no\b|number\b|reference\b)"
    r"|[\[(](?:1[6-9]|20)\d{2}[\])]\s+[A-Z]{2,}",
    re.IGNORECASE,
)
# After the parties: "JUDGMENT", "Judgment of Ada Vance, Chair:", "Before: …", "Heard on …".
_JUDGMENT_OPENING = re.compile(
    r"^(?:(?:approved\s+)?judge?ment\b|reasons\b|decision\b|before\b|heard\b|hearing\b)",
    re.IGNORECASE,
)
MIN_JUDGMENT_SIGNS = 2  # of: "BETWEEN", a party's role, the court, the citation
MAX_JUDGMENT_TITLE_BLOCKS = 16
MAX_JUDGMENT_OPENING_WORDS = 14
MAX_PARTY_WORDS = 12  # a party's name, its role or "- and -": never a sentence


def _parties_set_apart(lines: list[tuple[int, str]], roles: list[int]) -> bool:
    """Two parties' roles with only short party lines between them, set apart by "v" or
    "- and -" or opened by "BETWEEN": how a judgment names its parties. Role words
    heading a study's sections ("Applicants" over a paragraph) are not."""
    for first, second in zip(roles, roles[1:], strict=False):
        opened = [i for i, line in lines if i <= first and _BETWEEN.match(line)]
        start = opened[-1] if opened else first
        party_lines = [line for i, line in lines if start <= i <= second]
        if all(len(line.split()) <= MAX_PARTY_WORDS for line in party_lines) and any(
            _PARTIES_APART.match(line) or _BETWEEN.match(line) for line in party_lines
        ):
            return True
    return False


def judgment_title_page(blocks: list[Block]) -> tuple[str, str | None, int] | None:
    """A court's or tribunal's judgment: its title page is the parties, their roles, the
    court and the citation, not a title over an author. The case's name is the short line
    none of those is (else "A v B"); the title page ends with the parties, and with the
    line that opens the judgment ("Judgment of …:"). None when it is no judgment."""
    head = blocks[:MAX_JUDGMENT_TITLE_BLOCKS]
    lines = [(i, line.strip()) for i, b in enumerate(head) for line in b.lines if line.strip()]
    roles = [i for i, line in lines if _PARTY_ROLE.match(line) or _PARTY_WITH_ROLE.match(line)]
    between = any(_BETWEEN.match(line) for _, line in lines)
    court = any(_COURT_LINE.match(line) and line.isupper() for _, line in lines)
    signs = bool(roles) + between + court + any(_CASE_REFERENCE.search(line) for _, line in lines)
    if (
        len(roles) < 2
        or signs < MIN_JUDGMENT_SIGNS
        or not (between or court)  # a court's own words, not a role word anyone may use
        or not _parties_set_apart(lines, roles)
    ):
        return None
    first_party = next(i for i, line in lines if _BETWEEN.match(line) or i == roles[0])
    title = ""
    for b in head[:first_party]:
        text = b.text.strip()
        if (
            len(b.lines) <= 2
            and not _COURT_LINE.match(text)
            and not _CASE_REFERENCE.search(text)
            and not _BETWEEN.match(text)
            and not text.isupper()
            and not ends_sentence(text)
            and not _FIELD.match(text)
            and not _JUDGMENT_OPENING.match(text)
        ):
            title = title_from_lines(b.lines)
            break
    if not title:
        parties = [
            m.group(1) if (m := _PARTY_WITH_ROLE.match(line)) else line
            for i, line in lines
            if first_party <= i <= roles[-1]
            and not (_PARTY_ROLE.match(line) or _BETWEEN.match(line) or _PARTIES_APART.match(line))
        ]
        if len(parties) < 2:
            return None
        title = f"{smart_title(parties[0])} v {smart_title(parties[-1])}"
    taken = roles[-1] + 1
    while (
        taken < len(blocks) - 1
        and len(blocks[taken].lines) <= 2
        and blocks[taken].words <= MAX_JUDGMENT_OPENING_WORDS
        and _JUDGMENT_OPENING.match(blocks[taken].first.strip())
    ):
        taken += 1
    return title, None, taken


def _edge_shape(line: str) -> tuple[str, str]:
    """A line's first and last words as shapes: "IDA:" and "apiary?" give "A:" and "a?"."""
    words = line.split()
    shape = [
        re.sub(
            r"(.)\1+", r"\1", re.sub(r"[a-z]", "a", re.sub(r"[A-Z]", "A", re.sub(r"\d", "9", w)))
        )
        for w in (words[0], words[-1])
    ]
    return shape[0], shape[1]


def _entries_alike(a: Block, b: Block) -> bool:
    """Two blocks whose lines all open or all end with one marked shape ("Room 12", "IDA:"):
    entries of a list or a dialogue, the text itself. A title page's lines differ."""
    edges = [_edge_shape(line) for line in (*a.lines, *b.lines) if line.strip()]
    return any(
        len({e[side] for e in edges}) == 1 and re.search(r"[^Aa]", edges[0][side])
        for side in (0, 1)
    )


def _opens_a_list(blocks: list[Block], i: int) -> bool:
    b = blocks[i]
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return (
        (len(b.lines) >= 2 and _entries_alike(b, b))
        or (nxt is not None and _entries_alike(b, nxt))
        or _entry_over_its_body(blocks, i)
    )


def _entry_over_its_body(blocks: list[Block], i: int) -> bool:
    """A line with indented lines set straight under it ("TAMSIN" over a speech, an item
    over its note), like the next line set apart after them: an entry of a list or a
    dialogue. A title page's lines stand apart from one another."""
    end = _end_of_indented_body(blocks, i)
    if end == i + 1 or end >= len(blocks):
        return False
    if _entries_alike(blocks[i], blocks[end]):
        return True
    # the same short line heading another body further on: a speaker's name
    head = blocks[i].text
    return len(blocks[i].lines) == 1 and any(
        blocks[k].text == head and _end_of_indented_body(blocks, k) > k + 1
        for k in range(end, len(blocks))
    )


def _end_of_indented_body(blocks: list[Block], i: int) -> int:
    j = i + 1
    while j < len(blocks) and blocks[j].gap == 0 and blocks[j].first != blocks[j].lines[0]:
        j += 1
    return j


def _stanza_with_refrain(blocks: list[Block], i: int) -> bool:
    """A block of lines one of which recurs inside later stanzas: a refrain, so the
    block is the song's first verse, not a title page's (whose lines recur alone, as
    running headers)."""
    b = blocks[i]
    if len(b.lines) < 2:
        return False
    mine = {line.strip() for line in b.lines if line.strip()}
    return any(
        len(c.lines) >= 2 and mine & {line.strip() for line in c.lines} for c in blocks[i + 1 :]
    )


# A subject line, its replies' and forwards' prefixes aside; the header lines around it
# are _MAIL_FIELD's (with the mail digests below).
_SUBJECT = re.compile(r"^subject\s*:\s*(?:(?:re|fwd?|aw)\s*:\s*)*(?P<subject>\S.*)$", re.I)


def _mail_subject(blocks: list[Block]) -> str | None:
    """An email's subject when the text opens on its header lines: the text states its
    title there. The header block stays in the text (nothing taken)."""
    if blocks and blocks[0].style == Style.MESSAGE:  # a thread already read as messages
        m = _SUBJECT.match(f"Subject: {blocks[0].text.strip()}")
        return m["subject"].strip() if m else None
    lines = [line.strip() for line in blocks[0].lines if line.strip()] if blocks else []
    if len(lines) < 2 or not all(_MAIL_FIELD.match(line) for line in lines):
        return None
    subject = next((m["subject"] for line in lines if (m := _SUBJECT.match(line))), None)
    return subject.strip() if subject else None


def find_title(blocks: list[Block]) -> tuple[str, str | None, int]:
    """Title, author and how many leading blocks the title page used."""
    if subject := _mail_subject(blocks):
        return subject, None, 0
    judgment = judgment_title_page(blocks)
    if judgment is not None:
        return judgment
    if credited := credited_title_page(blocks):
        return credited
    if dated := _dated_title_page(blocks):
        return dated[0], None, dated[1]
    if bylined := _title_over_byline(blocks):
        return bylined
    if kicked := _kicker_over_bylined_title(blocks):
        return kicked
    if len(blocks) > 2 and len(blocks[0].lines) == 1 and _GENRE_LINE.match(blocks[0].first):
        title, author, taken = find_title(blocks[1:])
        if title:
            return title, author, taken + 1
    head = blocks[:10]
    for i, b in enumerate(head[:6]):
        m = _BYLINE.match(b.text)
        # "By Ada Vance" names someone; "By most accounts the …" opens a sentence.
        if m and starts_upper(m.group(1)) and len(b.lines) == 1 and b.words <= 15 and i > 0:
            author = re.split(r"\s*[,|(–—]\s*|\s+-\s+", m.group(1))[0].strip()
            md = MD_HEADING.match(head[i - 1].first)
            title = md.group(2).strip() if md else title_from_lines(head[i - 1].lines)
            if i == 2 and not md and _subtitle_of(head[0], head[1]):
                title = title_from_lines([head[0].text, head[1].text])
            return title, author or None, i + 1 + _title_page_credits(blocks, i + 1)
    md = MD_HEADING.match(blocks[0].first) if blocks else None
    if md and len(md.group(1)) == 1:
        ones = sum(1 for b in blocks if (m := MD_HEADING.match(b.first)) and len(m.group(1)) == 1)
        if ones == 1:
            author = _author_after(blocks, 1, md.group(2))
            # "# Title" then "Ada Hartley" on its own line: the name is not a paragraph.
            bare_name = len(blocks) > 2 and author is not None and blocks[1].text == author
            return md.group(2).strip(), author, 2 if bare_name else 1
        return "", None, 0
    _split_glued_first_heading(blocks)
    head = blocks[:10]
    taken = 0
    for i, b in enumerate(head):
        if (
            not _shortish(b)
            or _looks_like_section_heading(b.first)
            or _looks_like_section_heading(b.text)  # "1." over "To Aino Oduya"
            or _dateline_of_letter(blocks, i)
            or SALUTATION.match(b.first)  # "Dear Ezra,": a letter has begun
            or ATTENDANCE.match(b.first)  # minutes: the attendance list is text, kept
            or any(RECORDING_FIELD.match(line.strip()) for line in b.lines)  # "Place: …"
            or (i and _opens_a_list(blocks, i))
            or (i and _stanza_with_refrain(blocks, i))
            or (i and _labelled_like_later_turns(blocks, i))
            or (i and _numbered_like_later_items(blocks, i))
        ):
            break
        taken += 1
    if not taken or taken >= len(blocks):
        return "", None, 0
    nxt = blocks[taken]
    if starts_lower(nxt.first):
        return "", None, 0
    title = blocks[0].text
    if title.endswith(",") or title.endswith("-"):
        return "", None, 0
    author = None
    holder = _copyright_holder(blocks[taken : taken + 4])
    for b in blocks[1:taken]:
        text = b.text
        if norm_key(text) == norm_key(title):
            continue
        if credit := _credit_name(text):
            author = credit  # "Collected and edited by Ada Vance": the line says who
            break
        name = smart_title(text) if text.isupper() else text  # "ADA HARTLEY"
        if (_NAME.match(name) and not _PUBLISHER.search(name)) or (
            holder and len(b.lines) == 1 and norm_key(text) == holder
        ):
            author = name  # a name, or the line the copyright notice names ("The Collective")
            break
    if (
        taken == 1
        and len(blocks) > 1
        and blocks[1].words < 8
        and not _COPYRIGHT.search(blocks[1].text)
        and not _looks_like_section_heading(blocks[1].first)
        and not _CONTENTS.match(blocks[1].first)
    ):
        return "", None, 0  # a lone short line followed by more short lines: not a title page
    if taken == 1 and title.upper() == title and re.search(r"[A-Z]", title):
        later = sum(
            1
            for b in blocks[2:]
            if len(b.lines) == 1 and b.words <= 10 and b.text.upper() == b.text
            and re.search(r"[A-Z]{3}", b.text)
            and not BARE_LABEL.match(b.text)  # "CHAPTER ONE" is a chapter, not a rival
        )  # fmt: skip
        if later:
            return "", None, 0  # the first of several capitalised headings, not a title
    if (
        taken >= 2
        and _first_of_like_headings(blocks, taken - 1)
        and not (
            author
            and norm_key(author) == norm_key(blocks[taken - 1].text)
            and _copyright_holder(blocks[: taken + 4]).startswith(norm_key(author))
        )
    ):
        # The title page ends where the first of the text's headings stands; the name
        # the copyright notice names is the title page's own, however like a heading.
        taken -= 1
        if author and norm_key(author) == norm_key(blocks[taken].text):
            author = None  # the heading handed back names no author ("THE LAST MILE")
    if taken >= 2 and _subtitle_of(blocks[0], blocks[1]) and blocks[1].text != author:
        return title_from_lines([blocks[0].text, blocks[1].text]), author, taken
    return title_from_lines(blocks[0].lines), author, taken


def _subtitle_of(title: Block, under: Block) -> bool:
    """A line set alone under a one-line title that completes it ("The Tide Tables" /
    "A Play in Two Acts"): longer, in title or sentence case, without the digits of a
    date or an issue, and no stamp, credit or heading. A masthead or a draft stamp is
    set in capitals or carries a number."""
    text = under.text
    if (
        len(title.lines) != 1
        or len(under.lines) != 1
        or under.words > MAX_SUBTITLE_WORDS
        or text.upper() == text
        or re.search(r"\d", text)
        or ends_sentence(text)
        or _STATUS_STAMP.match(text)
        or is_credit_line(text)
        or _BYLINE.match(text)
        or _looks_like_section_heading(text)
        or norm_key(text) == norm_key(title.text)  # the title again, in another case
    ):
        return False
    return ": " in title_from_lines([title.text, text])


MAX_SUBTITLE_WORDS = 10


# A web page or leaflet stamps its head with when it was last changed: "Last updated 3 May
# 1998", "Revised: June 2004". The stamp closes the title page.
_DATE_STAMP = re.compile(
    r"^(?:last\s+)?(?:updated|revised|reviewed|amended|modified)(?:\s+on)?\s*:?\s+"
    r"(?=.*\b(?:1[5-9]|20)\d{2}\b).{4,40}$",
    re.IGNORECASE,
)
MAX_DATED_TITLE_BLOCKS = 2  # the masthead and the title, together or apart, over the stamp
MAX_TITLE_OVER_STAMP_WORDS = 14  # as _shortish allows a title-page block


def _cut_sentence_line(line: str) -> bool:
    """A line that stops mid-sentence ("… the novel written", "… 1912 and was", "…,"):
    the sentence wraps onto the next line, which is no title page's."""
    words = line.rstrip().split()
    return bool(words) and (
        line.rstrip().endswith((",", ";", ":", "-")) or words[-1].lower() in _CUT_AFTER
    )


# Words a title never ends on but a wrapped sentence often breaks after ("… 1912 and was",
# "… the novel written"); a preposition may end a title ("What to Ask For").
_CUT_AFTER = {
    "a", "an", "the", "and", "or", "nor", "of", "was", "were", "is", "are", "its", "his",
    "her", "their", "our", "that", "than", "written", "published", "edited", "translated",
}  # fmt: skip


def _dated_title_page(blocks: list[Block]) -> tuple[str, int] | None:
    """A page headed by who publishes it (a masthead, often in capitals), its title and a
    date stamp: the stamp ends the title page, and the title is the line just over it,
    not the masthead above. Returns the title and how many blocks the page used."""
    for i, b in enumerate(blocks[: MAX_DATED_TITLE_BLOCKS + 1]):
        stamp = b.last.strip()
        if not _DATE_STAMP.match(stamp):
            continue
        over = b.lines[:-1]
        lines = [line for x in blocks[:i] for line in x.lines] + over
        if (
            not lines
            or not all(_shortish(x) for x in blocks[:i])
            # the stamp's own block is short too: the title page, not a paragraph
            or len(over) > MAX_DATED_TITLE_BLOCKS
            or len(words_of(" ".join(over))) > MAX_TITLE_OVER_STAMP_WORDS
            # "… and was" / "revised in 1921.": a sentence wrapped onto the stamp's line
            or not starts_upper(stamp)
        ):
            return None
        title = lines[-1].strip()
        if (
            title.upper() == title
            or (ends_sentence(title) and not title.endswith("?"))
            or _cut_sentence_line(title)
        ):
            return None  # the line over the stamp is a masthead or a sentence, not a title
        return title, i + 1
    return None


# Under the author's name, a title page credits who else made the edition and says where
# and when it came out: "Translated from the Welsh, with notes, by Ann Price", "Edited and
# introduced by …", "Cardiff, 1961", "London: Merlin Press, 1974".
_EDITION_CREDIT = re.compile(
    r"^(?:(?:newly |freshly )?(?:translated|edited|selected|introduced|illustrated|abridged|"
    r"annotated|arranged|compiled|englished|done into \w+|rendered(?: into \w+)?)\b|with (?:an? )?"
    r"(?:introduction|foreword|preface|notes|illustrations)\b).{0,120}\bby\s+[A-Z]",
    re.IGNORECASE,
)
_IMPRINT = re.compile(r"^[A-Z][\w'’ .-]{1,40}(?:[,:][\w'’ .-]{1,40})?,\s+(?:1[5-9]|20)\d{2}\.?$")
MAX_CREDIT_BLOCKS = 3
MAX_HEADING_TITLE_LINES = 3  # a title over its byline wraps to three lines at most
MAX_BYLINE_WORDS = 15


def _title_page_credits(blocks: list[Block], start: int) -> int:
    """How many blocks from `start` credit the edition (a translator, an editor) or give
    its imprint, one short line each: the rest of the title page, not headings. A place
    and year is an imprint only under a credit: right under the byline, over prose, it
    heads the first chapter ("Derry, 1968")."""
    n = 0
    while n < MAX_CREDIT_BLOCKS and start + n < len(blocks) - 1:
        b = blocks[start + n]
        if len(b.lines) > 2:
            break
        if not (
            _EDITION_CREDIT.match(b.text)
            or (n and _IMPRINT.match(b.text))
            or _dated_occasion(b.text)
        ):
            break
        n += 1
    return n


MAX_OCCASION_WORDS = 12
_DATE_AT_END = re.compile(rf"(?:{DATE.pattern})$", re.IGNORECASE)
# "we reached …", "I gave …": a narrator's sentence, not a title page's occasion line.
_PERSONAL_SUBJECT = re.compile(r"\b(?:I|we|he|she|they|you)\b", re.IGNORECASE)


def _dated_occasion(text: str) -> bool:
    """What a paper or talk was written for, and when, under its author's name: "Paper for
    the summer school, 4 July 1951", "Read to the branch, 3 March 1921". A short line
    ending in its date, not a sentence: the title page's, like an imprint."""
    return (
        len(words_of(text)) <= MAX_OCCASION_WORDS
        and "," in text
        and bool(_DATE_AT_END.search(text.rstrip()))  # no full stop: a line, not a sentence
        and not _PERSONAL_SUBJECT.search(text)
    )


def _title_over_byline(blocks: list[Block]) -> tuple[str, str | None, int] | None:
    """The title with "by <name>" right under it, no blank line between (a typescript
    double-spaced, or a page copied tight): one block, the name its last line."""
    if len(blocks) < 2 or not 2 <= len(blocks[0].lines) <= MAX_HEADING_TITLE_LINES + 1:
        return None
    b = blocks[0]
    m = _BYLINE.match(b.last)
    if not (m and starts_upper(m.group(1)) and len(words_of(b.last)) <= MAX_BYLINE_WORDS):
        return None
    title_lines = b.lines[:-1]
    if any(ends_sentence(line.strip()) for line in title_lines) or _cut_sentence_line(
        title_lines[-1]
    ):
        return None  # a paragraph that ends with "by Ada Vance", not a title page
    author = re.split(r"\s*[,|(–—]\s*|\s+-\s+", m.group(1))[0].strip()
    # The byline names someone (", affiliation" may follow) and ends no sentence:
    # "by Thomas Hardy in 1891." is the end of a wrapped sentence.
    if ends_sentence(b.last.strip()) or not _NAME.match(
        smart_title(author) if author.isupper() else author
    ):
        return None
    return title_from_lines(title_lines), author or None, 1 + _title_page_credits(blocks, 1)


def _kicker_over_bylined_title(blocks: list[Block]) -> tuple[str, str | None, int] | None:
    """A short line over the title with its byline ("A Reading Group Guide" over
    "The Salt Road" / "by Ida Marsh"): the series or kind of the publication, part of
    the title page, not its title."""
    first = blocks[0].first.strip() if blocks and blocks[0].lines else ""
    if (
        len(blocks) < 3
        or len(blocks[0].lines) != 1
        or not 0 < len(words_of(first)) <= MAX_KICKER_WORDS
        or ends_sentence(first)
        or _looks_like_section_heading(first)
    ):
        return None
    bylined = _title_over_byline(blocks[1:])
    if bylined and any(_title_over_byline(blocks[k : k + 2]) for k in range(2, len(blocks))):
        # Titles with bylines go on below: the line over the first is the collection's
        # title, and the first piece's title heads the first piece, as the others do.
        return first, None, 1
    return (bylined[0], bylined[1], bylined[2] + 1) if bylined else None


def _split_glued_first_heading(blocks: list[Block]) -> None:
    """A PDF's text layer may glue the first chapter's numbered heading to the author's
    name above it ("Ada Hartley" / "1. THE QUAY"): set it apart, in place, so the title
    page ends before it."""
    for i, b in enumerate(blocks[1:4], 1):
        if not (2 <= len(b.lines) <= 3) or i + 1 >= len(blocks) or not substantial(blocks[i + 1]):
            continue
        last = b.lines[-1].strip()
        if (NUMBERED.match(last) or CHAPTER.match(last)) and not any(
            _looks_like_section_heading(line.strip()) for line in b.lines[:-1]
        ):
            blocks[i : i + 1] = [Block(b.lines[:-1], gap=b.gap, strong=b.strong), Block([last])]
            return


_TITLE_END = re.compile(r"[.!?…:;,\-–—/&]$")


def title_from_lines(lines: list[str]) -> str:
    """A title set on two lines: "Reading Together" / "A Primer for …" has a subtitle.

    Joined with ": " only when the first line is complete (no final punctuation, not
    ending in a small word), the second starts with a capital and is the longer one, as
    subtitles usually are; a title merely wrapped over two lines is joined with a space.
    """
    parts = [" ".join(line.split()) for line in lines if line.strip()]
    if len(parts) == 2:
        first, second = parts
        last_word = first.rsplit(None, 1)[-1].lower()
        if (
            not _TITLE_END.search(first)
            and last_word not in SMALL_WORDS
            and re.match(r"[A-Z]", second)
            and len(second) >= len(first)
            and not (first.isupper() and second.isupper())
        ):
            return f"{smart_title(first)}: {smart_title(second)}"
    return smart_title(" ".join(parts))


_HOLDER = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–,]\s*\d{4})*\s*,?\s*)?"
    r"(?:by\s+)?([^.,;©]+)",
    re.IGNORECASE,
)


def _copyright_holder(blocks: list[Block]) -> str:
    """norm_key of whoever a nearby "© 2026 The Collective." names, or ""."""
    for b in blocks:
        m = _HOLDER.search(b.text)
        if m and re.search(r"\d{4}", b.text):
            return norm_key(m.group(1))
    return ""


def _author_after(blocks: list[Block], start: int, title: str) -> str | None:
    for b in blocks[start : start + 3]:
        m = _BYLINE.match(b.text)
        if m:
            return re.split(r"\s*[,|(]\s*", m.group(1))[0].strip()
        if _NAME.match(b.text) and not _PUBLISHER.search(b.text):
            return b.text
    return None


# --- table of contents -------------------------------------------------------------------


def _parse_toc_line(line: str) -> TocEntry | None:
    if "\t" in line:
        parts = [p.strip() for p in line.split("\t")]
        parts = [p for p in parts if p and re.search(r"\w", p)]
        if parts and re.fullmatch(r"\d{1,4}|[ivxlc]{1,6}", parts[-1], re.I):
            parts = parts[:-1]
        label = ""
        if parts and re.fullmatch(rf"\d{{1,3}}\.?|{ROMAN}\.?", parts[0]) and len(parts) > 1:
            label = parts.pop(0)
        if not parts:
            return None
        return TocEntry(" ".join(parts), label)
    m = _TOC_TRAILER.match(line.strip())
    roman = ROMAN_NUMBERED.match(line.strip())
    if not m and roman and len(words_of(line)) <= 14:
        return TocEntry(roman.group(2).strip(), roman.group(1))  # "IV.    Inside the Foundry"
    labelled = CHAPTER.match(line.strip()) or NUMBERED.match(line.strip())
    if not m and labelled and len(words_of(line)) <= 14:
        return TocEntry(line.strip())  # "CHAPTER I. Down the Rabbit-Hole", no page numbers
    if not m or len(words_of(m.group(1))) > 14 or not m.group(1).strip():
        return None
    title = m.group(1).strip(" .…")
    label = ""
    lm = re.match(rf"^(\d{{1,3}}|{ROMAN})[.)]?\s+(.+)$", title)
    if lm:
        label, title = lm.group(1), lm.group(2)
    if not re.search(r"[A-Za-z]", title):
        return None
    return TocEntry(title, label)


def _keyword_entry(line: str) -> bool:
    text = line.strip()
    return bool(FRONT_KEYWORDS.match(text) or BODY_KEYWORDS.match(text))


def _toc_title_like(line: str) -> bool:
    text = line.strip()
    # A question is a title too ("Who Owns the Harbour?"); a full stop ends a sentence.
    return (
        0 < len(words_of(text)) <= 12 and not ends_sentence(text.rstrip("?")) and starts_upper(text)
    )


MIN_SUB_ENTRY_INDENT = 2  # spaces deeper than the chapters' entries


def _join_wrapped_entries(lines: list[str]) -> list[str]:
    """A long title wrapped in the contents list: only its last line has the page."""
    out: list[str] = []
    for line in lines:
        if (
            out
            and "\t" not in out[-1]
            and not _TOC_TRAILER.match(out[-1].strip())
            and _TOC_TRAILER.match(line.strip())
        ):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out


def _without_bylines(
    entries: list[TocEntry], indents: list[int], blocks: list[Block]
) -> tuple[list[TocEntry], list[int]]:
    """An anthology's contents names each piece's author under its title: the names
    are bylines, not sub-headings."""
    if not any(b > a for a, b in itertools.pairwise(indents)):
        return entries, indents  # nothing indented under an entry
    lower = lowercase_words(blocks)
    kept = [
        (entry, indent)
        for k, (entry, indent) in enumerate(zip(entries, indents, strict=True))
        if not (k and indent > indents[k - 1] and personal_name(entry.title, lower))
    ]
    return [e for e, _ in kept], [i for _, i in kept]


def _heads_the_text_after_contents(blocks: list[Block], j: int) -> bool:
    """A line with no page number after the contents entries, over a paragraph of prose,
    is the text's first heading: the contents list has ended, whatever it names (the
    list may call it "Week 1", the text "Session 1"). Prose is wrapped sentences, not
    more entries set one to a line."""
    b = blocks[j]
    if len(b.lines) != 1 or "\t" in b.first or _TOC_TRAILER.match(b.first) or j + 1 >= len(blocks):
        return False
    nxt = blocks[j + 1]
    return (
        substantial(nxt)
        and ends_sentence(nxt.last)
        and _parse_toc_line(nxt.first) is None
        and not _CONTENTS.match(nxt.first)
    )


class _LinesAlone:
    """Where each line set alone as a block last stands, counted from the document's end,
    so that splitting a block before it leaves the count true. Built once per find_toc:
    built afresh for each "Contents" line it made a long file's pass quadratic."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self._from_end: dict[str, int] | None = None

    def stands_from(self, j: int, title: str) -> bool:
        """Whether the title stands alone in a block at index j or later."""
        if self._from_end is None:
            n = len(self.blocks)
            self._from_end = {
                toc_key(b.first): n - k for k, b in enumerate(self.blocks) if len(b.lines) == 1
            }
        return self._from_end.get(toc_key(title), len(self.blocks) + 1) <= len(self.blocks) - j


def _listed_again(alone: _LinesAlone, j: int, entries: list[TocEntry]) -> bool:
    """A bare list of titles (no page numbers) is a contents list only where each of its
    titles stands again later (from block j) as a line of its own: the headings it lists.
    (Half of them was too few: a time capsule's "Contents" over four finds, two of them
    described under their names, lost the other two.)"""
    return len(entries) >= 2 and all(alone.stands_from(j, e.title) for e in entries)


def _split_bare_contents(blocks: list[Block], i: int, alone: _LinesAlone) -> None:
    """ "Contents" over bare titles in one block, the titles standing again later as
    headings: the label and each entry apart (in place), as find_toc reads them."""
    b = blocks[i]
    if len(b.lines) < 3 or not _CONTENTS.match(b.first):
        return
    rest = b.lines[1:]
    if not all(_toc_title_like(line) and _parse_toc_line(line) is None for line in rest):
        return
    if _listed_again(alone, i + 1, [TocEntry(line.strip()) for line in rest]):
        blocks[i : i + 1] = [replace(b, lines=[b.lines[0]])] + [
            Block([line], gap=0) for line in rest
        ]


def find_toc(blocks: list[Block], start: int) -> tuple[list[TocEntry], int, int]:
    """Entries and the [begin, end) block range of a "Contents" list, if any."""
    limit = max(start + 1, int(len(blocks) * 0.4))
    alone = _LinesAlone(blocks)
    for i in range(start, min(limit, len(blocks))):
        _split_bare_contents(blocks, i, alone)
        if len(blocks[i].lines) == 1 and _CONTENTS.match(blocks[i].first):
            entries: list[TocEntry] = []
            indents: list[int] = []
            plain = False  # a bare list of titles may continue over several blocks
            one_a_line = False  # … and may be set a block a line, only its heads to tell
            j = i + 1
            while j < len(blocks):
                b = blocks[j]
                if len(b.lines) == 1 and _CONTENTS.match(b.first):
                    j += 1
                    continue
                lines = _join_wrapped_entries(b.lines)
                parsed = [_parse_toc_line(line) for line in lines]
                if not entries and len(lines) == 1 and _keyword_entry(lines[0]):
                    parsed = [TocEntry(lines[0].strip())]  # "PREFACE" over the chapters
                if (
                    any(p is None for p in parsed)
                    # … split apart where an entry is indented (an author under a title)
                    and (len(b.lines) >= 2 or plain or b.gap == 0)
                    and (plain or not entries or b.gap == 0)
                    and all(_toc_title_like(line) for line in lines)
                ):
                    # A bare list of titles: no page numbers, no tabs.
                    parsed = [TocEntry(line.strip()) for line in lines]
                    one_a_line = one_a_line or (not plain and len(b.lines) == 1)
                    plain = True
                if not parsed or any(p is None for p in parsed):
                    break
                if entries and toc_key(parsed[0].title) == toc_key(entries[0].title):
                    break  # the first chapter again: the body has begun
                if entries and _heads_the_text_after_contents(blocks, j):
                    break
                for entry, line in zip(parsed, lines, strict=True):
                    # Tabs align columns (an empty number column), spaces indent.
                    indents.append(0 if "\t" in line else len(line) - len(line.lstrip(" ")))
                    entries.append(entry)
                j += 1
            entries, indents = _without_bylines(entries, indents, blocks)
            if one_a_line and not _listed_again(alone, j, entries):
                continue
            if len(entries) >= 2:
                top = min(indents)
                for entry, indent in zip(entries, indents, strict=True):
                    entry.sub = indent >= top + MIN_SUB_ENTRY_INDENT
                return entries, i, j
    return [], -1, -1


# --- classification ----------------------------------------------------------------------


@dataclass
class Context:
    title: str = ""
    author: str | None = None
    width: int | None = None  # typical line length of hard-wrapped text, else None
    slides: int = 0  # a slide deck's slide count (clean.split_slides), else 0
    warnings: list[str] = field(default_factory=list)


# Interruptions: how much may stand between the two halves of a sentence.
MAX_INTERRUPTING_BLOCKS = 10
MAX_INTERRUPTION_WORDS = 30
MAX_UNWRAPPED_INTERRUPTION_WORDS = 12  # without a known line width, only short lines
INTERRUPTION_WIDTH = 0.6  # of the line width: narrower blocks may be captions
NARROW_WIDTH = 0.5  # of the line width: a pull-quote or caption column
MIN_RESUMED_WORDS = 8  # a sentence this long resumes across page furniture
MIN_RUN_ON_WORDS = 20  # … or straight across a blank line
MAX_REPEATED_LINE_WORDS = 10  # running headers are short lines
MAX_HEADER_WORDS = 12
HEADER_PAGES = 3  # a short line at this many page breaks is a running header
MIN_SENTENCE_WORDS = 3  # "That was all." reads as a sentence; "Page 3." does not
CAPTION_WORDS = 8
MAX_BOX_TITLE_WORDS = 5  # "IN THIS ISSUE", "Also in this number"
CAPTION_SENTENCE_WORDS = 6


def _narrow(b: Block, width: int | None) -> bool:
    """Set in a narrow column: pull-quote fragments, captions, credits."""
    return (
        bool(width)
        and b.words <= MAX_INTERRUPTION_WORDS
        and all(len(ln.strip()) < NARROW_WIDTH * width for ln in b.lines)
    )


def classify(blocks: list[Block], ctx: Context) -> None:
    """Set every block's kind (and a heading's style) in place, in named passes.

    The order matters: page furniture first, then sentences interrupted by captions or
    page breaks (a heading can never be followed by the lower-case rest of a sentence),
    then headings, then paragraph kinds.
    """
    drop_credits_and_mark_captions(blocks)
    mark_bylines(blocks)
    short_counts = drop_furniture(blocks, ctx)
    drop_repeated_titles(blocks)
    mark_lists_and_verse(blocks, ctx)
    styles = [recognise(b) if b.kind == BlockKind.PROSE else None for b in blocks]
    mark_headlines(blocks, styles)
    join_interrupted_sentences(blocks, styles, short_counts, ctx)
    drop_recurring_headers(blocks, styles, short_counts)
    unmark_numbered_questions(blocks, styles)
    mark_slides(blocks, styles, ctx)
    unmark_closing_lines(blocks, styles)
    unmark_speaker_cues(blocks, styles)
    unmark_bracketed_cues(blocks, styles)
    heading_notes = unmark_heading_notes(blocks, styles)
    mark_headings(blocks, styles, ctx, heading_notes)
    unmark_table_heads(blocks)  # after: the heading over a table is judged with its heads
    mark_faq_questions(blocks, styles)
    unmark_panel_labels(blocks)
    mark_paragraph_kinds(blocks, ctx)


MAX_KICKER_WORDS = 4  # "ON THE WATER", "OBITUARY": a periodical's rubric over a headline


def mark_headlines(blocks: list[Block], styles: list[Style | None]) -> None:
    """An article in a newsletter or magazine: its title stands over its byline. The
    byline is furniture, the title heads the article (Style.HEADLINE), and a short line
    in capitals right over the title is the periodical's rubric ("OBITUARY"), which is
    furniture too: the headline, not the rubric, names the article."""
    for i, b in enumerate(blocks):
        if b.kind == BlockKind.HEADING and b.style == Style.BYLINED:
            _drop_rubric(blocks, styles, i)  # a piece's title bylines.py found
            continue
        if b.kind != BlockKind.PROSE or not is_byline(b):
            continue
        head = _prev_content(blocks, i)
        if head is None or styles[head] is None or blocks[head].kind != BlockKind.PROSE:
            continue
        b.kind = BlockKind.JUNK
        _make_heading(blocks[head], Style.HEADLINE)
        styles[head] = None
        _drop_rubric(blocks, styles, head)


def _drop_rubric(blocks: list[Block], styles: list[Style | None], head: int) -> None:
    kicker = _prev_content(blocks, head)
    if kicker is not None and _is_kicker(blocks[kicker], styles[kicker]):
        blocks[kicker].kind = BlockKind.JUNK
        styles[kicker] = None


def _is_kicker(b: Block, style: Style | None) -> bool:
    return (
        b.kind == BlockKind.PROSE
        and style == Style.CAPS
        and len(b.lines) == 1
        and b.words <= MAX_KICKER_WORDS
    )


def is_credit_line(line: str) -> bool:
    return bool(CREDIT_LINE.match(line)) and len(words_of(line)) <= MAX_CREDIT_WORDS


MAX_CREDIT_TAIL_WORDS = 3  # "Collection": the end of a credit wrapped in a narrow column


def _without_credits(lines: list[str]) -> list[str]:
    kept: list[str] = []
    in_credit = False
    for line in lines:
        if is_credit_line(line):
            in_credit = not re.search(r"[.!?)]\s*$", line)
            continue
        if in_credit and len(words_of(line)) <= MAX_CREDIT_TAIL_WORDS and not ends_sentence(line):
            in_credit = False
            continue
        in_credit = False
        kept.append(line)
    return kept


def drop_credits_and_mark_captions(blocks: list[Block]) -> None:
    """Credits and bylines are furniture: their lines go. A block opened by a figure's
    label ("Figure 3. …") is a caption, which may stand between two halves of a sentence.
    """
    labels = _recurring_labels_between_paragraphs(blocks)
    for b in blocks:
        if b.kind not in {BlockKind.PROSE, BlockKind.CAPTION}:
            continue
        if len(b.lines) == 1 and norm_key(b.text) in labels:
            continue
        kept = _without_credits(b.lines)
        if not kept:
            b.kind = BlockKind.JUNK
            continue
        if len(kept) < len(b.lines):
            b.lines = kept
        if (
            b.kind == BlockKind.PROSE
            and CAPTION_LABEL.match(b.first)
            and b.words <= MAX_CAPTION_WORDS
        ):
            b.kind = BlockKind.CAPTION


def _recurring_labels_between_paragraphs(blocks: list[Block]) -> set[str]:
    """Credit-shaped lines ("Interview: Ada Colley") that stand alone more than once, at
    least once between two paragraphs: the text's own labels for its parts. A piece's
    credit stands once, under its headline or at its foot."""
    seen: Counter[str] = Counter()
    between: set[str] = set()
    for i, b in enumerate(blocks):
        if len(b.lines) != 1 or not is_credit_line(b.first):
            continue
        key = norm_key(b.text)
        seen[key] += 1
        if (
            0 < i < len(blocks) - 1
            and substantial(blocks[i - 1])
            and ends_sentence(blocks[i - 1].last)
            and substantial(blocks[i + 1])
        ):
            between.add(key)
    return {key for key in between if seen[key] >= 2}


def drop_furniture(blocks: list[Block], ctx: Context) -> Counter[str]:
    """Page numbers and running headers become junk. Returns how often each short line
    recurs (compared without digits), which later passes use as evidence too."""
    running = running_keys(ctx.title, ctx.author)
    titles = _drop_running_headers(blocks, ctx)
    short_counts = Counter(
        _repeat_key(b) for b in blocks if len(b.lines) == 1 and b.words <= MAX_REPEATED_LINE_WORDS
    )
    squashed_counts = Counter(
        _squashed(_paged_header_text(b.lines[0]) or b.text)
        for b in blocks
        if len(b.lines) == 1 and b.words <= MAX_REPEATED_LINE_WORDS
    )
    squashed_counts.update(_squashed(t) for t in (ctx.title, ctx.author or "") if t)
    # … and chapter titles under their label ("CHAPTER II" / "SAVING THE SEED DRILL")
    squashed_counts.update(_squashed(b.lines[-1]) for b in blocks if len(b.lines) == 2)
    seen: set[str] = set()  # the first "3. Title" is the heading, later ones page headers
    seen_numbered: set[str] = set()  # numbered titles as printed, number and all
    cutting = _keys_cutting_sentences(blocks)
    page_references = _page_references(blocks)
    _drop_stray_contents(blocks)
    numerals = section_numerals(blocks)
    naming_their_division = headings_naming_their_division(blocks)
    over_the_same_line = _keys_over_the_same_line(blocks)
    for i, b in enumerate(blocks):
        if b.kind == BlockKind.TOC:
            continue
        if b.kind == BlockKind.HEADING:
            seen.add(_repeat_key(b))  # a piece's title over its byline; its headers follow
            seen_numbered.add(_printed_key(b))
            continue
        if (is_page_number(b) and i not in numerals) or (
            len(b.lines) == 1
            and (
                _STATUS_STAMP.match(b.first)
                or _JUMP_LINE.match(b.first)
                or _TIMESTAMP.match(b.first)  # "[00:14:05]": a recording's time code
                or i in page_references  # "… 3 May 1951 vol 12 cols 214-217"
                or METADATA_LINE.match(b.first)  # "Keywords: …": the index's, not the text
            )
        ):
            b.kind = BlockKind.JUNK
            continue
        if id(b) in titles:
            seen.add(_repeat_key(b))  # the heading; its headers come after it
            continue
        if i in naming_their_division:
            continue  # "Questions after Lecture 2": no header, whatever its number
        if len(b.lines) == 1 and b.words <= MAX_HEADER_WORDS:
            key = norm_key(re.sub(r"^\s*\d+\s+|\s+\d+\s*$", "", b.text))
            repeat = _repeat_key(b)
            repeated = short_counts[repeat] >= 2
            if key and key in running and (b.text.upper() == b.text or repeated):
                b.kind = BlockKind.JUNK  # running header: the book title or author
            elif key and key in running and re.search(r"\d", b.text):
                b.kind = BlockKind.JUNK  # "12 Title" / "Title 12"
            elif (
                repeat
                and (
                    (
                        short_counts[repeat] >= HEADER_PAGES
                        and b.text.upper() == b.text
                        and (repeat in cutting or b.page_break)
                    )
                    or (
                        repeated
                        and re.search(r"\d", b.text)
                        and (repeat in seen or not NUMBERED.match(b.text))
                    )
                )
                and not MD_HEADING.match(b.first)
                and not CHAPTER.match(b.text)
                and not _heads_a_letter(blocks, i)
                and not _numbered_afresh(b, seen_numbered)
                and not _dates_its_entry(blocks, i)
                and not _completes_the_line_above(blocks, i)
                and repeat not in over_the_same_line
            ):
                b.kind = BlockKind.JUNK  # a running header repeated on many pages
            elif (header := _paged_header_text(b.lines[0])) is not None and (
                cuts_sentence(blocks, i)
                or squashed_counts[_squashed(header)] >= 2
                or _names_the_text(header, running)  # "Rules of the Guild      1"
            ):
                # "SMITH AND JONES    211" inside a sentence, or the book's or chapter's
                # title again with a page number
                b.kind = BlockKind.JUNK
            elif (title := _running_title_text(b)) is not None and (
                squashed_counts[_squashed(title)] >= 2 and title.upper() == title
            ):
                b.kind = BlockKind.JUNK  # "TOWARDS THE RED BELL 3": the chapter's title
            elif _chapter_title_at_page_turn(blocks, i, squashed_counts):
                b.kind = BlockKind.JUNK
            seen.add(repeat)
            seen_numbered.add(_printed_key(b))
    _drop_headers_under_folios(blocks, short_counts)
    return short_counts


def _dates_its_entry(blocks: list[Block], i: int) -> bool:
    """A diary's "March 3." over its entry: the line opens its paragraph, the entry's text
    follows with no blank line between, and nothing marks a page break there. A running
    header stands at a page's top, set apart from the text it heads."""
    b = blocks[i]
    if i + 1 >= len(blocks) or b.page_break or b.gap == 0:
        return False
    if i and blocks[i - 1].kind == BlockKind.JUNK:
        return False  # under a dropped page number: a page's top
    entry = blocks[i + 1]
    return (
        entry.gap == 0
        and entry.kind == BlockKind.PROSE
        and not entry.page_break
        and starts_upper(entry.first)
    )


def _completes_the_line_above(blocks: list[Block], i: int) -> bool:
    """A wrapped entry's last line ("    Press, 1922."): no blank line or page break
    parts it from a line whose sentence it ends. A running header stands at a page's
    top, and a sentence it cuts goes on after it."""
    b = blocks[i]
    if not i or b.gap or b.page_break:
        return False
    above = blocks[i - 1]
    return above.kind == BlockKind.PROSE and not ends_sentence(above.last) and ends_sentence(b.last)


MIN_HEADER_PAGE_TOPS = 2


def _drop_headers_under_folios(blocks: list[Block], short_counts: Counter[str]) -> None:
    """A short line standing, every time it occurs and at least twice, first after a
    dropped footer that carried the page's number (or first in the text) is the next
    page's running header, capitals or not: "Department of Adult Studies" under
    "HS 201 · page 3". A heading repeated elsewhere in the text is not."""
    tops: Counter[str] = Counter()
    folios: dict[str, list[int]] = {}  # the number each footer over the line ends on
    for i, b in enumerate(blocks):
        if (
            len(b.lines) != 1
            or b.words > MAX_HEADER_WORDS
            or b.kind != BlockKind.PROSE
            or not starts_upper(b.first)
            or ends_sentence(b.first)  # "heatwave.]": a sentence going on over the page
        ):
            continue
        prev = blocks[i - 1] if i else None
        number = re.findall(r"\d+", prev.text) if prev and prev.kind == BlockKind.JUNK else None
        if prev is None or number:
            tops[_repeat_key(b)] += 1
            if number:
                folios.setdefault(_repeat_key(b), []).append(int(number[-1]))
    headers = {
        key
        for key, n in tops.items()
        if key
        and n >= MIN_HEADER_PAGE_TOPS
        and n == short_counts[key]
        and _count_pages(folios.get(key, []))
    }
    for b in blocks:
        if (
            headers
            and len(b.lines) == 1
            and b.kind == BlockKind.PROSE
            and _repeat_key(b) in headers
            and not CHAPTER.match(b.text)
        ):
            b.kind = BlockKind.JUNK


MAX_FOLIO_STEP = 2  # a page may go without its footer


def _count_pages(numbers: list[int]) -> bool:
    """Footers' numbers that step on a page at a time, as folios do; a diary's dropped
    dates ("March 3.", "March 9.") leap, and the line under each is the entry's text."""
    return all(0 < b - a <= MAX_FOLIO_STEP for a, b in itertools.pairwise(numbers))


# A heading's own number, with its full stop or bracket: "4. To Ada Hart", "4) Tolls",
# "II. OF THE MILL."
_LABELLED_NUMBER = re.compile(rf"^\s*(?:\d{{1,3}}|{ROMAN})[.)]\s+\S")


def _numbered_afresh(b: Block, seen_numbered: set[str]) -> bool:
    """A numbered title printed for the first time is a heading, though its words head
    pages ("II. OF THE MILL." over pages headed "OF THE MILL") or came before under another
    number ("4. To Ada Hart" after "3. To Ada Hart": the next letter to the same person).
    A running header repeats its section's number as well as its words."""
    return bool(_LABELLED_NUMBER.match(b.text)) and _printed_key(b) not in seen_numbered


def _printed_key(b: Block) -> str:
    return " ".join(b.text.casefold().split())


_FOLIO_AT_END = re.compile(r"(?<!\s)\s{2,}\d{1,4}$")  # a page number set off at a header's end


def drop_repeated_titles(blocks: list[Block]) -> None:
    """A heading already known (over its byline, or from the contents list) set again in
    capitals further on is the running header of its pages, not a second heading; so is
    the name in capitals over a piece's title, and either may carry the folio set off at
    its end ("ADA VANCE        7"). The name heads pages only at a page's edge: alone
    elsewhere it is a speaker's, over what they said."""
    known: set[str] = set()
    names: set[str] = set()
    for b in blocks:
        if b.kind == BlockKind.HEADING and b.style == Style.BYLINED and b.first.isupper():
            names.add(norm_key(b.first))  # "ADA VANCE" over "The Ferry Landing"
        if len(b.lines) != 1:
            continue
        if b.kind == BlockKind.HEADING:
            if not is_keyword(b.text):
                known.add(norm_key(b.text))
        elif (
            (known or names) and b.kind in {BlockKind.PROSE, BlockKind.CAPTION} and b.text.isupper()
        ):
            key = norm_key(_FOLIO_AT_END.sub("", b.first))
            at_page_edge = b.page_break or bool(_FOLIO_AT_END.search(b.first))
            if key in known or (key in names and at_page_edge):
                b.kind = BlockKind.JUNK


# A document's status stamped on it by its word processor or its office, not its text:
# "Draft – not for circulation", "CONFIDENTIAL", "Internal use only".
_STATUS_STAMP = re.compile(
    r"^(?:(?:draft|confidential|private and confidential|internal(?: use only)?|embargoed"
    r"(?: until .{1,30})?|not for (?:circulation|distribution|publication)|do not "
    r"(?:circulate|distribute|cite|quote)|for internal use only|working draft)"
    r"(?:\s*[–—:,;\-/|]\s*|\s+)?){1,3}$",
    re.IGNORECASE,
)


# A transcript's time code alone on its line, where the recording had got to:
# "[00:14:05]", "(01:02:33)", "14:05", "[Tape 2, 00:03:10]".
_TIMESTAMP = re.compile(
    r"^[\[(]?\s*(?:tape\s+\d{1,2}\s*[,:;–—-]\s*)?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
    r"\s*[\])]?$",
    re.IGNORECASE,
)


# Where a record's page stands in its series, at the page top: a date with the volume
# and the columns or pages the page holds ("… 3 May 1951 vol 12 cols 214-217").
_LOCATOR_RANGE = re.compile(
    r"\b(?:pp?|cc?|cols?|columns?|pages?)\.?\s?\d{1,5}\s?[-–]\s?\d{1,5}\b", re.IGNORECASE
)
MAX_REFERENCE_WORDS = 14


def is_record_reference(line: str) -> bool:
    """A citation of the page itself, never the text: a date and a page or column
    range on one short line that does not end a sentence."""
    return (
        len(words_of(line)) <= MAX_REFERENCE_WORDS
        and bool(DATE.search(line))
        and bool(_LOCATOR_RANGE.search(line))
        and not ends_sentence(line)
    )


MIN_REFERENCE_PAGES = 2  # page tops carrying the same reference, its numbers aside
# A bound record's volume beside its date and columns: "3 May 1951 vol 12 cols 214-217"
# locates a page of the series, once is enough.
_VOLUME = re.compile(r"\bvol(?:ume)?\.?\s?\d{1,4}\b", re.IGNORECASE)
# A list of the works the text cites: its entries are citations of the same shape.
_SOURCE_LIST = re.compile(
    r"^\s*(?:sources|references|bibliography|works cited|further reading|reading list"
    r"|notes and sources|select bibliography)\s*:?\s*$",
    re.IGNORECASE,
)


def _page_references(blocks: list[Block]) -> set[int]:
    """The blocks that are a record's page reference (is_record_reference): the same
    shape, numbers aside, at the top of page after page, one of them at least where a
    page turns (by a page number, or cutting a sentence), or naming the record's volume
    as well as its date and columns. A list of sources cites dates
    and pages too, but those entries are the text's, never its pages' furniture."""
    in_sources = False
    candidates: list[int] = []
    for i, b in enumerate(blocks):
        if _SOURCE_LIST.match(b.text):
            in_sources = True
        elif b.kind == BlockKind.HEADING:
            in_sources = False
        elif not in_sources and len(b.lines) == 1 and is_record_reference(b.first):
            candidates.append(i)
    shapes = Counter(_repeat_key(blocks[i]) for i in candidates)
    turning = {
        _repeat_key(blocks[i])
        for i in candidates
        if blocks[i].page_break or cuts_sentence(blocks, i)
    }
    return {
        i
        for i in candidates
        if (
            shapes[_repeat_key(blocks[i])] >= MIN_REFERENCE_PAGES
            and _repeat_key(blocks[i]) in turning
        )
        or _VOLUME.search(blocks[i].first)
    }


def _dateline_of_letter(blocks: list[Block], i: int) -> bool:
    return bool(DATE.search(blocks[i].text)) and _heads_a_letter(blocks, i)


# A jump line: the article goes on elsewhere in the issue ("Continued on page 7",
# "(continued from page 4)", "Turn to p. 12").
_JUMP_LINE = re.compile(
    r"^[(\[]?\s*(?:continued|cont(?:'d|inued)?\.?|turn|jump)\s+(?:on|from|to|over)\s+"
    r"(?:page|p\.?)\s*\d{1,3}\s*[.)\]]?\s*$",
    re.IGNORECASE,
)


# A page header set with its page number: "210    Textile and Labour Review" or
# "ULBRICH AND MARWICK    211", the number a wide gap away from the text. A scan may read
# the number's 1 as "l" or "I" ("4l").
_PAGE_NO = r"(?=[\dlIoO]{0,3}\d)[\dlIoO]{1,4}"
_PAGED_HEADER = re.compile(
    rf"^\s*(?:{_PAGE_NO}\s{{3,}}(?P<after>\S.{{0,80}}?)|(?P<before>\S.{{0,80}}?)\s{{3,}}{_PAGE_NO})\s*$"
)


# A title set as a running header with its page number after a single space, as a
# centred header prints it: "TOWARDS THE RED BELL 3".
_TITLED_HEADER = re.compile(
    r"^\s*(?:\d{1,4}\s+(?P<after>\S.{0,80}?)|(?P<before>\S.{0,80}?)\s+\d{1,4})\s*$"
)
MIN_HEADER_TITLE_WORDS = 2


def _running_title_text(b: Block) -> str | None:
    m = _TITLED_HEADER.match(b.lines[0]) if len(b.lines) == 1 else None
    text = (m.group("after") or m.group("before")) if m else None
    if not text or len(text.split()) < MIN_HEADER_TITLE_WORDS or CHAPTER.match(text):
        return None
    return text


MIN_RUNNING_TITLE_WORDS = 2


def _chapter_title_at_page_turn(blocks: list[Block], i: int, squashed: Counter[str]) -> bool:
    """The chapter's title alone in capitals, again where a page turns (by the page
    number, or cutting a sentence in two), is the recto's running header, even with no
    page number beside it and on a chapter too short to repeat it twice."""
    b = blocks[i]
    return (
        len(b.lines) == 1
        and b.text.upper() == b.text
        and len(b.text.split()) >= MIN_RUNNING_TITLE_WORDS
        and squashed[_squashed(b.text)] >= 2
        and (b.page_break or cuts_sentence(blocks, i))
    )


def _names_the_text(header: str, running: set[str]) -> bool:
    """A page's header or footer holding the text's title (or author) among its words:
    "Rules of the Harbour Guild" under "HARBOUR GUILD"."""
    key = f" {norm_key(header)} "
    return any(
        len(name.split()) >= MIN_RUNNING_TITLE_WORDS and f" {name} " in key for name in running
    )


def _squashed(text: str) -> str:
    """Letters only, as a scan's running header may space and misread them ("BU1 LT")."""
    return re.sub(r"[^a-z]", "", text.lower().replace("1", "i").replace("0", "o"))


def _paged_header_text(line: str) -> str | None:
    m = _PAGED_HEADER.match(line)
    return (m.group("after") or m.group("before")) if m else None


def _heads_a_letter(blocks: list[Block], i: int) -> bool:
    """A dateline ("Carrow, 3 May 1892") over a greeting: each letter repeats the place,
    but it is no running header."""
    return i + 1 < len(blocks) and bool(SALUTATION.match(blocks[i + 1].first))


_NUMBER_WORDS = NUMBER_WORDS.split("|")
# "one" … "twenty", then "first" … "tenth": each word's number.
_NUMBER_WORD_VALUES = {
    **{word: n for n, word in enumerate(_NUMBER_WORDS[:20], start=1)},
    **{word: n for n, word in enumerate(_NUMBER_WORDS[20:30], start=1)},
}


def _division_number(number: str) -> int | None:
    """ "3", "III", "three", "third" → 3."""
    if number.isdigit():
        return int(number)
    if re.fullmatch(ROMAN, number):
        return roman_value(number)
    return _NUMBER_WORD_VALUES.get(number.casefold())


def _division_named(text: str) -> tuple[str, int | None] | None:
    """The division a title-like line names by label and number at its end ("Questions
    after Lecture 2"); "5 mins left in chapter 1%" is a reader's progress line."""
    if not (text[:1].isalpha() and starts_upper(text)):
        return None  # a title opens on a word
    for start in re.finditer(r"\b[A-Za-z]", text):
        m = CHAPTER.match(text[start.start() :])
        if m and not m.group(3).strip():
            return m.group(1).casefold(), _division_number(m.group(2))
    return None


# The chapters a part or a discussion covers: "Chapters 1–7", "chapters 8 to 13".
_CHAPTER_SPAN = re.compile(r"\bchapters\s+(\d{1,3})\s*(?:[–—-]|to)\s*(\d{1,3})\b", re.I)


def _chapters_named(text: str) -> tuple[str, int | None] | None:
    """ "Discussing Chapters 1–7" and the part "… (Chapters 1–7)" name the same span."""
    m = _CHAPTER_SPAN.search(text)
    return (f"chapters {int(m.group(1))}", int(m.group(2))) if m and text[:1].isalpha() else None


def headings_naming_their_division(blocks: list[Block]) -> set[int]:
    """ "Questions after Lecture 2" at the end of lecture 2: a heading that names the
    division it stands in by label and number (its discussion, its notes), once for each
    division; or the chapters the heading before it covers ("Discussing Chapters 1–7"
    after "Part One … Chapters 1–7"). A running header repeats on the division's pages,
    with page numbers.

    One pass forward keeps the division each block stands in; one count per document
    tells a heading from a repeated header (the indices of the headings)."""
    candidates: list[tuple[int, str, tuple[str, int | None]]] = []
    division: re.Match[str] | None = None  # the last chapter label before block i
    span: tuple[str, int | None] | None = None  # the last chapters a heading covered
    for i, b in enumerate(blocks):
        if len(b.lines) == 1 and b.words <= MAX_HEADER_WORDS and (division or span):
            named = _division_named(b.text)
            if (
                named is not None
                and named[1] is not None
                and division is not None
                and not CHAPTER.match(b.text)
                and (division.group(1).casefold(), _division_number(division.group(2))) == named
            ):
                candidates.append((i, _repeat_key(b), named))
            elif (covered := _chapters_named(b.text)) is not None and covered == span:
                candidates.append((i, _repeat_key(b), covered))
        division = CHAPTER.match(b.text) or division
        if len(b.lines) <= MAX_HEADING_LINES and b.words <= MAX_HEADER_WORDS:
            span = _chapters_named(b.text) or span
    keys = {key for _i, key, _named in candidates}
    times_named = Counter(
        (key, _division_named(c.text) or _chapters_named(c.text))
        for c in blocks
        if len(c.lines) == 1 and (key := _repeat_key(c)) in keys
    )
    return {i for i, key, named in candidates if times_named[key, named] == 1}


def _drop_stray_contents(blocks: list[Block]) -> None:
    """Contents lines with dot leaders left in the body (a contents page the title
    page search did not reach, or its continuation) are not text."""
    for i, b in enumerate(blocks):
        if b.kind != BlockKind.PROSE:
            continue
        leaders = [bool(_DOT_LEADER.search(line)) for line in b.lines]
        # A contents box may carry its own short title: "IN THIS ISSUE" over the entries.
        boxed = (
            len(leaders) >= 3
            and all(leaders[1:])
            and not leaders[0]
            and len(words_of(b.lines[0])) <= MAX_BOX_TITLE_WORDS
            and not ends_sentence(b.lines[0])
        )
        if all(leaders) or boxed:
            b.kind = BlockKind.TOC
            if i and len(blocks[i - 1].lines) == 1 and _CONTENTS.match(blocks[i - 1].first):
                blocks[i - 1].kind = BlockKind.TOC


def _keys_over_the_same_line(blocks: list[Block]) -> set[str]:
    """Repeat keys of short lines in ordinary case standing, every time, over one same
    short line without digits ("Hymn 47" / "All stand"): an order of service's recurring
    item. A running header heads whatever text its page begins with, is a masthead in
    capitals over the serial's title, or counts pages ("page 1" over the club's name)."""
    under: dict[str, set[str]] = {}
    numbers: dict[str, list[int]] = {}
    for i, b in enumerate(blocks):
        if len(b.lines) != 1 or b.words > MAX_REPEATED_LINE_WORDS:
            continue
        if found := re.findall(r"\d+", b.text):
            numbers.setdefault(_repeat_key(b), []).append(int(found[-1]))
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        shape = (
            norm_key(nxt.text)
            if nxt
            and len(nxt.lines) == 1
            and not re.search(r"\d", nxt.text)
            and b.text.upper() != b.text
            and nxt.text.upper() != nxt.text
            else ""
        )
        under.setdefault(_repeat_key(b), set()).add(shape)
    return {
        key
        for key, shapes in under.items()
        if len(shapes) == 1 and "" not in shapes and not _count_pages(numbers.get(key, []))
    }


def _keys_cutting_sentences(blocks: list[Block]) -> set[str]:
    """Repeat keys of short lines found at least once inside a sentence.

    A running header falls wherever the page ends, so it soon cuts a sentence; a
    sub-heading repeated in every chapter ("QUESTIONS FOR DISCUSSION") never does.
    """
    keys: set[str] = set()
    for i in range(1, len(blocks) - 1):
        b = blocks[i]
        if len(b.lines) != 1 or b.words > MAX_REPEATED_LINE_WORDS:
            continue
        before, after = blocks[i - 1], blocks[i + 1]
        if not ends_sentence(before.last) or starts_lower(after.first):
            keys.add(_repeat_key(b))
    return keys


def mark_lists_and_verse(blocks: list[Block], ctx: Context) -> None:
    for b in blocks:
        if b.kind == BlockKind.PROSE and len(b.lines) >= 3 and not _label_over_title(b):
            if _is_list(b):
                b.kind = BlockKind.LIST
            elif _is_verse(b, ctx):
                b.kind = BlockKind.VERSE


def _label_over_title(b: Block) -> bool:
    """ "Part One" alone on its line over the part's title and its chapters ("Chapters
    1–7"): a heading of three short lines, not a stanza."""
    return (
        len(b.lines) <= MAX_HEADING_LINES
        and bool(BARE_LABEL.match(b.first.strip()))
        and recognise(b) in {Style.PART, Style.CHAPTER}
    )


def join_interrupted_sentences(
    blocks: list[Block], styles: list[Style | None], short_counts: Counter[str], ctx: Context
) -> None:
    """A sentence cut by a page break, caption or running header goes on after it: mark
    the continuation, and the short blocks in between as interruptions (or junk)."""
    n = len(blocks)
    width_limit = INTERRUPTION_WIDTH * (ctx.width or 10_000)
    for i, a in enumerate(blocks):
        if a.kind != BlockKind.PROSE or ends_sentence(a.last) or a.text.rstrip().endswith(":"):
            continue
        if styles[i] and RULES[styles[i]].self_evident:
            continue  # "## Title" or "Chapter 3": never the first half of a sentence
        if _attribution(a):
            continue  # "— Ada Hartley" under an epigraph closes it
        if (
            styles[i]
            and len(a.lines) == 1
            and title_case_ratio(a.text) >= TITLE_CASE_HEADING
            and not starts_lower(a.text.split()[-1])  # "THE OBSERVER REARRANGED the" runs on
        ):
            continue  # a title line: what follows it is not its sentence's other half
        j = i + 1
        between: list[int] = []
        a_narrow = _narrow(a, ctx.width)
        while j < n and len(between) < MAX_INTERRUPTING_BLOCKS:
            c = blocks[j]
            if c.kind in {BlockKind.JUNK, BlockKind.CAPTION} or (
                c.kind == BlockKind.PROSE
                and c.words <= MAX_INTERRUPTION_WORDS
                and (not starts_lower(c.first) or (not a_narrow and _narrow(c, ctx.width)))
                and all(len(line.strip()) < width_limit for line in c.lines)
                and (ctx.width or c.words <= MAX_UNWRAPPED_INTERRUPTION_WORDS)
            ):
                between.append(j)
                j += 1
                continue
            break
        wide = _wide_interruption_at_page_break(blocks, i, styles)
        if wide is not None and not (j < n and starts_lower(blocks[j].first)):
            between, j = wide
        if between and (j >= n or not starts_lower(blocks[j].first)):
            # No continuation after the narrow blocks: the first lower-case one continues.
            for pos, k in enumerate(between):
                if starts_lower(blocks[k].first) and blocks[k].kind == BlockKind.PROSE:
                    between, j = between[:pos], k
                    break
        if j >= n or blocks[j].kind != BlockKind.PROSE:
            continue
        c = blocks[j]
        ends_open = re.search(r"[\w,\-–—]$", a.last)
        if starts_lower(c.first) or (
            between
            and not is_lead_in(c.first)
            and styles[j] is None
            and not _quote_after(a, c)
            and all(blocks[k].kind == BlockKind.JUNK for k in between)
            and ends_open
        ):
            if starts_lower(c.first) or a.words >= MIN_RESUMED_WORDS:
                c.continues = True
                for k in between:
                    if blocks[k].kind != BlockKind.JUNK:
                        if short_counts[_repeat_key(blocks[k])] >= 2 and len(blocks[k].lines) == 1:
                            blocks[k].kind = BlockKind.JUNK  # a repeated header
                        else:
                            blocks[k].kind = BlockKind.INTERRUPTION
                        styles[k] = None
        elif (
            not between
            and styles[j] is None
            and styles[i] is None
            and not _quote_after(a, c)
            and ends_open
            and a.words >= MIN_RUN_ON_WORDS
            and not is_lead_in(c.first)
        ):
            c.continues = True  # "…as revolutionary" / "Marxists. The dramatic…"


_ATTRIBUTION = re.compile(r"^\s*[—―–]{1,2}\s*[A-Z]")
MAX_ATTRIBUTION_WORDS = 8


def _attribution(b: Block) -> bool:
    """The source line under an epigraph or quotation: "— Ada Hartley"."""
    return (
        len(b.lines) == 1 and b.words <= MAX_ATTRIBUTION_WORDS and bool(_ATTRIBUTION.match(b.first))
    )


MAX_WIDE_INTERRUPTIONS = 3


def _wide_interruption_at_page_break(
    blocks: list[Block], i: int, styles: list[Style | None]
) -> tuple[list[int], int] | None:
    """A running header and a pull-quote set full width between the two halves of a
    sentence at a page break: (the blocks between, the continuation), or None.

    Without a narrow column to go by, the evidence is the page break itself (a header
    or page number among the blocks) and the lower-case continuation after them.
    """
    style = styles[i]
    if style is not None and (
        RULES[style].self_evident or title_case_ratio(blocks[i].text) >= TITLE_CASE_HEADING
    ):
        # A title is not the first half of a sentence; a sentence-case line that only
        # looks short because the page ended after it may be.
        return None
    between: list[int] = []
    j = i + 1
    while j < len(blocks) and len(between) < MAX_WIDE_INTERRUPTIONS:
        c = blocks[j]
        style = styles[j]
        if (
            c.kind not in {BlockKind.JUNK, BlockKind.CAPTION, BlockKind.PROSE}
            or c.words > MAX_INTERRUPTION_WORDS
            or starts_lower(c.first)
            or (style is not None and RULES[style].self_evident)
            # Prose that does not end its sentence is where the text goes on.
            or (c.kind == BlockKind.PROSE and style is None and not ends_sentence(c.last))
        ):
            break
        between.append(j)
        j += 1
    at_page_break = any(blocks[k].kind == BlockKind.JUNK or blocks[k].page_break for k in between)
    if (
        between
        and at_page_break
        and j < len(blocks)
        and blocks[j].kind == BlockKind.PROSE
        and starts_lower(blocks[j].first)
    ):
        return between, j
    return None


def drop_recurring_headers(
    blocks: list[Block], styles: list[Style | None], short_counts: Counter[str]
) -> None:
    """A short line that cut a sentence and recurs is a running header everywhere after."""
    header_keys: set[str] = set()
    for i, b in enumerate(blocks):
        key = _repeat_key(b) if len(b.lines) == 1 and b.words <= MAX_HEADER_WORDS else ""
        if not key:
            continue
        if b.kind == BlockKind.JUNK and short_counts[key] >= 2:
            header_keys.add(key)
        elif (
            key in header_keys
            and b.kind == BlockKind.PROSE
            and not b.continues
            and not _numbered_like_a_chapter(styles[i])
        ):
            b.kind = BlockKind.JUNK
            styles[i] = None


# A chapter's title repeated at its pages' tops without its number ("II. OF THE MILL." /
# "OF THE MILL    13"): where the number stands, the line is the heading itself.
_OWN_NUMBER_STYLES = frozenset({Style.NUMBERED, Style.CHAPTER, Style.PART, Style.PROVISION})


def _numbered_like_a_chapter(style: Style | None) -> bool:
    return style in _OWN_NUMBER_STYLES


def mark_headings(
    blocks: list[Block],
    styles: list[Style | None],
    ctx: Context,
    heading_notes: frozenset[int] = frozenset(),
) -> None:
    """Each candidate is judged by its style's rule on the evidence around it; a note set
    under a heading (`unmark_heading_notes`) is passed over to the text it introduces."""
    for i, b in enumerate(blocks):
        style = styles[i]
        if style is None or b.kind != BlockKind.PROSE or b.continues:
            continue
        rule = RULES[style]
        nxt = _next_content(blocks, i)
        below = nxt
        while below is not None and below in heading_notes:
            below = _next_content(blocks, below)
        nxt = below if below is not None else nxt
        if nxt is None:
            if rule.may_end_text:
                _make_heading(b, style)
            continue
        nb = blocks[nxt]
        if starts_lower(nb.first) or (nb.continues and not rule.self_evident):
            continue  # the sentence goes on: not a heading
        prev = _prev_content(blocks, i)
        # A heading already marked (over a byline) counts as a candidate after this one.
        next_candidate = styles[nxt] is not None or nb.kind == BlockKind.HEADING
        evidence = Evidence(
            shape=Shape(b),
            next_substantial=substantial(nb) or substantial(_with_continuation(blocks, nxt)),
            next_is_candidate=next_candidate,
            next_short_candidate=next_candidate and nb.words <= SHORT_NEXT_HEADING_WORDS,
            prev_closed=prev is None or closes(blocks[prev]) or _ends_a_float(blocks[prev]),
            next_lead_in=is_lead_in(nb.first),
            next_complete=complete(nb),
            next_salutation=bool(SALUTATION.match(nb.first)),
            next_speaker_turn=Shape(nb).speaker_turn,
            next_numbered_item=numbered_item(nb),
            next_answer=bool(ANSWER_LABEL.match(nb.first.strip())),
            # a year groups letters; any other heading before a dateline names the letter
            prev_heading=prev is not None
            and blocks[prev].kind == BlockKind.HEADING
            and blocks[prev].style != Style.YEAR,
            wrapped=ctx.width is not None,
        )
        if rule.accept(evidence):
            _make_heading(b, style)


# The label over a slide's speaker notes: "Notes:", "Speaker notes", "Presenter's notes".
SPEAKER_NOTES = re.compile(
    r"^(?:(?:speaker|presenter|lecturer)(?:'s|’s|s'|s)?\s+)?notes\s*:?$", re.IGNORECASE
)
MIN_FOOTER_SLIDES = 0.5  # of a deck's slides that end (or open) on a line for it to be the footer
# A line of dialogue or a quotation: the deck's words, however often they recur.
_SPOKEN_LINE = re.compile(r"^\s*[\-–—\"“‘'«]")


def _slide_footers(blocks: list[Block], min_slides: float) -> set[str]:
    """The deck's footer: a short line that is no sentence nor anyone's words, standing
    where a slide's face ends (before the next slide's title, set apart by
    clean.split_slides, or the speaker's notes) or opens, on most slides. A line merely
    repeated inside the slides is text."""
    at_edges: Counter[str] = Counter()
    for i, b in enumerate(blocks):
        if (
            len(b.lines) != 1
            or b.words > MAX_HEADER_WORDS
            or ends_sentence(b.text)
            or _SPOKEN_LINE.match(b.text)
        ):
            continue
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        # the slide's face ends at the next slide or at the speaker's notes under it
        if b.strong or after is None or after.strong or SPEAKER_NOTES.match(after.text.strip()):
            at_edges[norm_key(b.text)] += 1
    return {key for key, n in at_edges.items() if n >= min_slides}


def mark_slides(blocks: list[Block], styles: list[Style | None], ctx: Context) -> None:
    """A slide deck (clean.split_slides): each slide starts with its title, which heads
    it. A slide with its title alone opens a section of the deck (Style.SECTION_SLIDE);
    a title over bullets or text is a content slide (Style.SLIDE), which
    headings.nest_slides_in_sections sets inside that section. A short line ending (or
    opening) most slides is the deck's footer, and the label over the speaker's notes is a label
    (a caption), not a heading, nor the colon that introduces a quotation."""
    if not ctx.slides:
        return
    footers = _slide_footers(blocks, max(2, MIN_FOOTER_SLIDES * ctx.slides))
    for i, b in enumerate(blocks):
        if b.kind != BlockKind.PROSE or len(b.lines) != 1:
            continue
        if SPEAKER_NOTES.match(b.text.strip()):
            b.kind = BlockKind.CAPTION  # a label: the notes under it are no quotation
            styles[i] = None
        elif norm_key(b.text) in footers:
            b.kind = BlockKind.JUNK
            styles[i] = None

    def opens_slide(b: Block) -> bool:
        shape = Shape(b)
        return (
            b.strong
            and b.kind == BlockKind.PROSE
            and not shape.excluded
            and shape.titled(MAX_SLIDE_TITLE_WORDS)
        )

    for i, b in enumerate(blocks):
        if not opens_slide(b):
            continue
        nxt = _next_content(blocks, i)
        alone = nxt is None or opens_slide(blocks[nxt])
        b.kind = BlockKind.HEADING
        b.style = Style.SECTION_SLIDE if alone else Style.SLIDE
        styles[i] = None


MIN_FAQ_QUESTIONS = 3  # questions set alone over answers that make a page an FAQ
# What a question can be headed as besides itself: a number ("2.3 Who …?") or nothing.
_QUESTION_STYLES = {Style.ASKED, Style.QUESTION, Style.NUMBERED, Style.PLAIN, None}
_QUOTE_OPENERS = "\"'“‘«—–-("


def _set_alone_as_question(blocks: list[Block], i: int, style: Style | None) -> bool:
    """One short line asking a question, standing as its own paragraph after a closed
    one, over a paragraph that answers it (that does not ask again): how an FAQ sets a
    question, labelled or not. Quoted or dashed questions are dialogue; a question in
    title case ("Who Owns the Harbour?") is a section's title, unless labelled "Q."."""
    b = blocks[i]
    if style not in _QUESTION_STYLES or b.kind not in {BlockKind.PROSE, BlockKind.HEADING}:
        return False
    text = b.text.strip()
    words = len(words_of(text))
    if not (
        len(b.lines) == 1
        and text.endswith("?")
        and MIN_ASKED_WORDS <= words <= MAX_CANDIDATE_WORDS
        and starts_upper(text.lstrip("0123456789. "))
        and not text.startswith(tuple(_QUOTE_OPENERS))
        and not Shape(b).speaker_turn
        and (Shape(b).labelled_question or title_case_ratio(text) < TITLE_CASE_QUESTION)
    ):
        return False
    nxt, prev = _next_content(blocks, i), _prev_content(blocks, i)
    if nxt is None or blocks[nxt].kind not in {BlockKind.PROSE, BlockKind.LIST}:
        return False
    answer = blocks[nxt]
    return (
        not answer.text.rstrip().endswith("?")
        and not starts_lower(answer.first)
        and (prev is None or closes(blocks[prev]))
    )


# A question opening on a connective ("So what …?", "And why …?") carries on the writer's
# argument from the paragraph before: an FAQ's questions each stand on their own.
_CARRIES_ON = re.compile(r"^(?:so|and|but|or|yet|then|now|well)\b", re.IGNORECASE)
_FAQ_NAME = re.compile(r"\b(?:faqs?|questions)\b", re.IGNORECASE)
# Bare questions with no other sign make an FAQ when they are at least this share of the
# page's distinct short lines (the rest being its title, masthead and topics).
FAQ_QUESTION_SHARE = 0.5


def _reads_as_faq(blocks: list[Block], styles: list[Style | None], asked: list[int]) -> bool:
    """Questions set alone are an FAQ's only with a second sign of one: a "Q." label or a
    number on the questions, an "A." on the answers, a heading or title naming the page
    "FAQ" or "Questions", or questions making up most of the page's short lines. An
    essay's few rhetorical questions have none of these."""
    if any(
        Shape(blocks[i]).labelled_question
        or styles[i] == Style.NUMBERED
        or blocks[i].text.lstrip()[:1].isdigit()
        for i in asked
    ):
        return True
    answers = [_next_content(blocks, i) for i in asked]
    if any(a is not None and ANSWER_LABEL.match(blocks[a].first.strip()) for a in answers):
        return True
    short = {
        b.text.strip()
        for b in blocks
        if len(b.lines) == 1 and 0 < len(words_of(b.text)) <= MAX_CANDIDATE_WORDS
    }
    if any(_FAQ_NAME.search(line) and not line.endswith("?") for line in short):
        return True
    questions = {blocks[i].text.strip() for i in asked}
    return len(questions) > FAQ_QUESTION_SHARE * len(short)


def mark_faq_questions(blocks: list[Block], styles: list[Style | None]) -> None:
    """Questions and answers: where several questions stand alone, each over its
    answer, and something else says the page is an FAQ (`_reads_as_faq`), they are its
    questions, headed under its topics whether labelled "Q.", numbered "2.3" or bare in
    sentence case, and whether or not the answers open with "A."."""
    asked = [
        i
        for i, b in enumerate(blocks)
        if _set_alone_as_question(blocks, i, styles[i])
        and not _CARRIES_ON.match(b.text.lstrip("0123456789. "))
    ]
    if len(asked) < MIN_FAQ_QUESTIONS or not _reads_as_faq(blocks, styles, asked):
        return
    for i in asked:
        _make_heading(blocks[i], Style.ASKED)


# How a division says it is over: "End of Act One", "THE END", and a play's "Curtain",
# "Blackout" or "Exeunt" as the stage empties.
_CLOSING_LINE = re.compile(
    r"^(?:(?:the\s+)?end(?:\s+of\s+(?:the\s+)?(?:act|part|book|scene|chapter|volume|"
    r"section|episode|play|story)\b[\w\s.]{0,20})?|(?:slow\s+|quick\s+)?(?:curtain|blackout|"
    r"black-out)|lights?\s+(?:down|out|fade)|exeunt(?:\s+omnes)?|finis)\s*[.!]?$",
    re.IGNORECASE,
)


CLOSING_LINE = "closing"  # a caption block's mark: a recurring closing line
MAX_CLOSING_ROUNDS = 3  # a chain of closing lines is a few lines long
MIN_CLOSING_REPEATS = 2  # one line alone before a heading may be a part's title
_FIELD_LABEL = re.compile(r"^([^\W\d][\w' ]{0,24}):\s+\S")  # "Moved by: Ely Branch"


_OFFICE = re.compile(r"^[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,2}$")  # "Treasurer", "Branch Secretary"
SIGNATURE = "\x00signed"  # the shape a signature repeats, whatever the names


def _closing_key(b: Block, lower: Callable[[], set[str]]) -> str | None:
    """What a recurring closing line repeats: a field's label ("Moved by:"), the whole
    line ("CARRIED"), or the shape of a signature, a person's name over an office."""
    if len(b.lines) == 2 and _OFFICE.match(b.last) and personal_name(b.first, lower()):
        return SIGNATURE
    if len(b.lines) != 1:
        return None
    text = b.text.strip()
    m = _FIELD_LABEL.match(text)
    return (m.group(1) if m else text).casefold()


def _recurring_closing_lines(blocks: list[Block], styles: list[Style | None]) -> set[int]:
    """Lines that the divisions of a record end on ("Moved by: …", "CARRIED", a report's
    signature): the same line, the same field's label or a name over an office, every
    time after the text (or after another such line), and mostly, at least twice, right
    before the next heading or the end."""
    lower_words: set[str] | None = None

    def lower() -> set[str]:  # only when a name is to be told from words of the text
        nonlocal lower_words
        if lower_words is None:
            lower_words = lowercase_words(blocks)
        return lower_words

    places: dict[str, list[int]] = {}
    for i, b in enumerate(blocks):
        at_page_edge = i > 0 and blocks[i - 1].kind == BlockKind.JUNK  # a running header's place
        set_apart = b.gap >= 1  # not a line set tight in a list (a contents list's entry)
        key = (
            _closing_key(b, lower)
            if styles[i] is not None and set_apart and not at_page_edge
            else None
        )
        if key:
            places.setdefault(key, []).append(i)

    def ends_division(i: int) -> bool:
        nxt = _next_content(blocks, i)  # a heading, maybe one the contents list named
        return nxt is None or styles[nxt] is not None or blocks[nxt].kind == BlockKind.HEADING

    # Mostly, not always: an amendment may follow a motion's movers; and the last one is
    # let off, as a closing remark may follow the record's last division.
    before_heading = {
        key: found
        for key, found in places.items()
        if (ends := 1 + sum(map(ends_division, found[:-1]))) >= MIN_CLOSING_REPEATS
        and ends > len(found) / 2
    }
    # After the text, or after a closing line that is itself after the text (a contents
    # list's entries follow each other, not the text): a pass in reading order settles a
    # chain, and another drops the lines that hung on a line whose group failed.
    qualified = before_heading
    for _round in range(MAX_CLOSING_ROUNDS):
        members = sorted(i for found in qualified.values() for i in found)
        after_text: set[int] = set()
        for i in members:
            prev = _prev_content(blocks, i)
            if (
                prev is not None
                and blocks[prev].kind != BlockKind.HEADING
                and (styles[prev] is None or prev in after_text)
            ):
                after_text.add(i)
        settled = {k: found for k, found in qualified.items() if after_text.issuperset(found)}
        if len(settled) == len(qualified):
            break
        qualified = settled
    return {i for found in qualified.values() for i in found}


_COLUMN_GAP = re.compile(r"\S {2,}\S")  # "This year      Last": columns apart
MIN_TABLE_ROWS = 2
MAX_COLUMN_HEAD_WORDS = 8


def _table(b: Block) -> bool:
    """Rows of figures in columns, most of a block's lines ("Hall hire …… £633 £821")."""
    rows = sum(1 for line in b.lines if Shape(Block([line])).table_row)
    return rows >= MIN_TABLE_ROWS and rows * 2 >= len(b.lines)


def _column_heads(b: Block) -> bool:
    """One line set in from the margin and spaced into columns, no sentence."""
    line = b.lines[0] if len(b.lines) == 1 else ""
    return (
        line.startswith("  ")
        and bool(_COLUMN_GAP.search(line.strip()))
        and len(line.split()) <= MAX_COLUMN_HEAD_WORDS
        and not ends_sentence(line)
    )


def unmark_table_heads(blocks: list[Block]) -> None:
    """A table's column heads ("This year   Last") over its rows of figures head the
    table's columns, not a section: kept as a caption. The table's title over them is
    left to the heading rules."""
    for i, b in enumerate(blocks):
        if b.kind != BlockKind.HEADING or not _column_heads(b):
            continue
        nxt = _next_content(blocks, i)
        if nxt is None or not _table(blocks[nxt]):
            continue
        b.kind = BlockKind.CAPTION
        b.style = ""


def unmark_closing_lines(blocks: list[Block], styles: list[Style | None]) -> None:
    """A line saying a division is over ("END OF ACT ONE", "Curtain.") after its text and
    before the next division's heading, or at the very end, closes what went before: it
    heads nothing. So does a line every division of a record ends on (a motion's movers,
    its outcome): repetition in that place shows it is furniture of the form, not a title."""
    for i in _recurring_closing_lines(blocks, styles):
        styles[i] = None
        blocks[i].kind = BlockKind.CAPTION  # a stray short line, kept, that a heading may follow
        blocks[i].style = CLOSING_LINE  # its own paragraph: "Moved by: …" and "CARRIED" stay apart
    for i, b in enumerate(blocks):
        if styles[i] is None or len(b.lines) != 1 or not _CLOSING_LINE.match(b.text.strip()):
            continue
        nxt, prev = _next_content(blocks, i), _prev_content(blocks, i)
        if prev is None or blocks[prev].kind == BlockKind.HEADING or styles[prev] is not None:
            continue  # nothing before it to close: a title ("The End of the Line")
        if nxt is None or styles[nxt] is not None:
            styles[i] = None
            b.kind = BlockKind.CAPTION  # a stray short line, kept, that a heading may follow


def _ends_a_float(b: Block) -> bool:
    """A table's last row ("Trevick 330 636 204") or a figure's source line ("Source: …
    survey, 2022") ends the table or figure, full stop or not: a heading may follow it."""
    last = b.last.strip()
    return Shape(Block([last])).table_row or bool(TABLE_CAPTION.match(last))


NUMBERED_QUESTION = re.compile(r"^(\d{1,2})[.)]\s+\S.*\?$")


def unmark_numbered_questions(blocks: list[Block], styles: list[Style | None]) -> None:
    """Questions for discussion or review, numbered 1, 2, 3 and set back to back with no
    text between them, are a list, not a run of headings: a heading is followed by what
    it heads. So are demands or clauses in capitals closed with a stop ("1. NO CUTS TO
    THE PIECE RATE." / "2. …"), one line each."""
    numbers = [
        int(m.group(1))
        if styles[i] == Style.NUMBERED
        and (
            (m := NUMBERED_QUESTION.match(b.text))
            or (numbered_capitals_with_stop(Shape(b)) and (m := NUMBERED.match(b.text)))
        )
        and "." not in m.group(1)
        else None
        for i, b in enumerate(blocks)
    ]
    for i, number in enumerate(numbers):
        if number is None:
            continue
        nxt, prev = _next_content(blocks, i), _prev_content(blocks, i)
        if (nxt is not None and numbers[nxt] == number + 1) or (
            prev is not None and numbers[prev] == number - 1
        ):
            styles[i] = None


MIN_SPEAKER_CUES = 3  # a name over this many speeches is a script's cue, not a title
MAX_CUE_WORDS = 3


def _cue(line: str) -> str | None:
    """A speaker's name in capitals alone on its line ("BRAM", "MRS HALE"), or None."""
    text = line.strip().rstrip(".:")
    words = text.split()
    if not (0 < len(words) <= MAX_CUE_WORDS) or not text.isupper() or not text[:1].isalpha():
        return None
    return text


def unmark_speaker_cues(blocks: list[Block], styles: list[Style | None]) -> None:
    """A script sets each speaker's name in capitals on its own line over the speech.
    Where a page break or a blank line parts one from its speech, the name is not a
    heading: the same name stands alone over speeches again and again."""
    cues: Counter[str] = Counter()
    for b in blocks:
        cue = _cue(b.first) if b.kind == BlockKind.PROSE and len(b.lines) > 1 else None
        if cue and not _cue(b.lines[1]):
            cues[cue] += 1
    for i, b in enumerate(blocks):
        if styles[i] == Style.CAPS and len(b.lines) == 1:
            cue = _cue(b.first)
            if cue and cues[cue] >= MIN_SPEAKER_CUES and not BARE_LABEL.match(cue):
                styles[i] = None


def _with_continuation(blocks: list[Block], i: int) -> Block:
    """The paragraph that opens at block i, with the blocks that continue it past a page
    break or a note block ("Few people now remember how the" / … / "printer's …")."""
    lines = list(blocks[i].lines)
    for b in blocks[i + 1 :]:
        if b.kind in _NOT_CONTENT:
            continue
        if not b.continues:
            break
        lines.extend(b.lines)
    if len(lines) == len(blocks[i].lines):
        return blocks[i]
    joined = Block(lines)
    joined.kind = blocks[i].kind
    return joined


def mark_paragraph_kinds(blocks: list[Block], ctx: Context) -> None:
    """Quotes, lists, verse and captions among what is left."""
    for i, b in enumerate(blocks):
        if b.kind != BlockKind.PROSE or b.continues:
            continue
        prev = _prev_content(blocks, i)
        if b.lines and all(line.lstrip().startswith(">") for line in b.lines):
            b.kind = BlockKind.QUOTE
            b.lines = [re.sub(r"^\s*>\s?", "", line) for line in b.lines]
        elif _is_list(b):
            b.kind = BlockKind.LIST
        elif _is_verse(b, ctx):
            b.kind = BlockKind.VERSE
        elif (
            prev is not None
            and blocks[prev].kind in {BlockKind.PROSE, BlockKind.QUOTE}
            and _quote_after(blocks[prev], b)
        ):
            b.kind = BlockKind.QUOTE
        elif b.first.lstrip().startswith(("…", ". . .", "...")) and b.words >= 8:
            b.kind = BlockKind.QUOTE  # an excerpt opening with an ellipsis
        elif _stray_short_line(b, ctx) and not _continued(blocks, i):
            b.kind = BlockKind.CAPTION  # a stray short line: attribution, credit, label


def _continued(blocks: list[Block], i: int) -> bool:
    """The next paragraph goes on with this block's sentence (a page ended it)."""
    nxt = _next_content(blocks, i)
    return nxt is not None and blocks[nxt].continues


def _stray_short_line(b: Block, ctx: Context) -> bool:
    if not ctx.width or len(b.lines) != 1 or re.search(r"[,:;?]$", b.first):
        return False
    sentence = re.search(r"[.!?…][\"”’)]*$", b.first)
    limit = CAPTION_SENTENCE_WORDS if sentence else CAPTION_WORDS
    return b.words <= limit and len(b.first) < NARROW_WIDTH * ctx.width


def running_keys(title: str, author: str | None) -> set[str]:
    """norm_keys a running header may use: the title, its main part, the author."""
    keys = {norm_key(title), norm_key(re.split(r":\s", title, maxsplit=1)[0]) if title else ""}
    keys.add(norm_key(author) if author else "")
    return (keys | byline_keys(author)) - {""}


def byline_keys(author: str | None) -> set[str]:
    """The author's byline as a serial repeats it under each instalment's title ("BY ADA
    VANCE."): once the title page has named the author, it is the masthead's again."""
    return {norm_key(f"by {author}")} if author else set()


def _page_header_line(b: Block) -> str | None:
    """The header line of a page number glued to a short line ("19" / "The Author")."""
    if b.kind not in {BlockKind.PROSE, BlockKind.CAPTION}:
        return None
    if len(b.lines) == 2:
        first, second = b.lines[0].strip(), b.lines[1].strip()
        if is_page_number_line(first) and not is_page_number_line(second):
            line = second
        elif is_page_number_line(second) and not is_page_number_line(first):
            line = first
        else:
            return None
    elif len(b.lines) == 1 and b.page_break:
        line = b.first
    else:
        return None
    if not 0 < len(words_of(line)) <= 12 or MD_HEADING.match(line) or CHAPTER.match(line):
        return None
    return line


def _drop_running_headers(blocks: list[Block], ctx: Context) -> set[int]:
    """Page furniture: a page number with a header repeating the title or author, or a
    short line found at three or more page breaks. Returns the ids of chapter titles
    followed by their own running header, which later passes must keep too."""
    running = running_keys(ctx.title, ctx.author)
    found: list[tuple[Block, str, bool]] = []
    keys: list[str] = []  # each block's header key, "" when it is no header line
    for b in blocks:
        line = _page_header_line(b)
        key = _header_key(line) if line else ""
        keys.append(key)
        if key:
            found.append((b, key, len(b.lines) == 2))
    counts = Counter(key for _b, key, _glued in found)
    titles: set[int] = set()
    for i, (b, key) in enumerate(zip(blocks, keys, strict=True)):
        if _titles_its_own_header(blocks, keys, i):
            titles.add(id(b))
            continue
        if not key:
            continue
        glued = len(b.lines) == 2
        if (counts[key] >= HEADER_PAGES and not _reads_as_sentence(b)) or (
            glued and key in running
        ):
            b.kind = BlockKind.JUNK
    return titles


def _titles_its_own_header(blocks: list[Block], keys: list[str], i: int) -> bool:
    """A chapter title at the foot of a page, then the next page's header repeating it
    (page numbers between): the first of the two is the heading."""
    b = blocks[i]
    if len(b.lines) != 1 or b.kind not in {BlockKind.PROSE, BlockKind.HEADING}:
        return False
    key = _header_key(b.first)
    for j in range(i + 1, min(i + 4, len(blocks))):
        if keys[j]:
            return bool(key) and keys[j] == key
        if not is_page_number(blocks[j]):
            return False
    return False


def _header_key(line: str) -> str:
    """Compare header lines without their page numbers."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "", norm_key(line))).strip()


def _reads_as_sentence(b: Block) -> bool:
    """ "That was all." repeated at page tops is the author's refrain, not a header:
    headers are titles, which do not end like a sentence."""
    text = b.text if len(b.lines) == 1 else ""
    return (
        len(words_of(text)) >= MIN_SENTENCE_WORDS
        and ends_sentence(text)
        and text.upper() != text
        and starts_upper(text)
    )


def _repeat_key(b: Block) -> str:
    """Running headers repeat with different page numbers: compare without digits."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "", norm_key(b.text))).strip()


def _make_heading(b: Block, style: Style) -> None:
    b.kind = BlockKind.HEADING
    b.style = style


def _quote_after(a: Block, b: Block) -> bool:
    """A block quote introduced by "…as follows:" or "…he wrote,"."""
    last = re.sub(r"\s*\d{1,3}\s*$", "", a.last.rstrip())
    if not starts_upper(b.first) and not b.first.lstrip().startswith(("…", ". . .", "...")):
        return False
    if re.match(r"^[A-Z][\w'’\-]+, (?:[A-Z]\.\s?)+", b.first):
        return False  # "Fisher, M. (2009)…": an entry in a reading list, not a quotation
    if last.endswith(":"):
        return True
    return last.endswith(",") and (bool(_SPEECH.search(last)) or a.words <= 4)


def _is_list(b: Block) -> bool:
    if len(b.lines) < 2:
        return bool(re.match(r"^\s*[•●◦▪]\s+", b.first))
    starts = sum(1 for line in b.lines if _LIST_ITEM.match(line))
    return (
        starts >= 2
        and _LIST_ITEM.match(b.lines[0]) is not None
        and not re.match(r"^\s*-\s", b.lines[0])
        or (starts >= 2 and all(_LIST_ITEM.match(line) for line in b.lines))
    )


def _is_verse(b: Block, ctx: Context) -> bool:
    lines = [line.strip() for line in b.lines]
    if len(lines) < 3 or ctx.width is None:
        return False
    upper = sum(1 for s in lines if starts_upper(s))
    mean = sum(len(s) for s in lines) / len(lines)
    return (
        upper >= 0.8 * len(lines)
        and mean < 0.8 * ctx.width
        and not any(s.endswith("-") for s in lines)
        and sum(1 for s in lines[:-1] if ends_sentence(s)) <= len(lines) // 3
    )


def _next_content(blocks: list[Block], i: int) -> int | None:
    for j in range(i + 1, len(blocks)):
        if blocks[j].kind not in _NOT_CONTENT:
            return j
    return None


def _prev_content(blocks: list[Block], i: int) -> int | None:
    for j in range(i - 1, -1, -1):
        if blocks[j].kind not in _NOT_CONTENT:
            return j
    return None


_NOT_CONTENT = {BlockKind.JUNK, BlockKind.INTERRUPTION, BlockKind.TOC}
_KEPT_KINDS = {BlockKind.QUOTE, BlockKind.VERSE, BlockKind.CAPTION}


# --- stitching ---------------------------------------------------------------------------


def stitch(blocks: list[Block], ctx: Context) -> list[Item]:
    """Join continued blocks into paragraphs; interruptions go after the paragraph."""
    items: list[Item] = []
    open_item: Item | None = None
    pending: list[list[str]] = []

    def flush() -> None:
        nonlocal pending
        if pending:
            for group in _chain(pending):
                items.append(Item(_interruption_kind(group, ctx), group, note_offset=offset))
        pending = []

    offset = 0
    joins_nothing = False  # the last item was a closing line: nothing is glued onto it
    for b in blocks:
        if b.kind in {BlockKind.JUNK, BlockKind.TOC}:
            continue
        offset = b.note_offset
        if b.kind == BlockKind.INTERRUPTION:
            pending.append(list(b.lines))
            continue
        if b.kind == BlockKind.HEADING:
            flush()
            open_item = None
            items.append(Item(kind="heading", lines=list(b.lines), style=Style(b.style)))
            continue
        if b.kind == BlockKind.PROSE and b.continues and open_item is not None:
            open_item.lines.extend(b.lines)
            continue
        if (
            b.kind == BlockKind.PROSE
            and b.continues
            and pending
            and not ends_sentence(pending[-1][-1])
        ):
            pending[-1].extend(b.lines)  # the interruption's own sentence goes on
            continue
        flush()
        if b.kind == BlockKind.LIST:
            for group in _list_items(b.lines):
                items.append(Item("list", group, note_offset=offset))
            open_item = None
            continue
        kind = str(b.kind) if b.kind in _KEPT_KINDS else "prose"
        if (
            kind == "prose"
            and ctx.width
            and len(b.lines) >= 2
            and b.words <= 40
            and all(len(line.strip()) < 0.5 * ctx.width for line in b.lines)
        ):
            kind = "quote"  # a pull-quote or epigraph set in a narrow column
            if b.words <= 6 and not re.search(r"[.!?]", b.text):
                kind = "caption"
        if (
            kind == "caption"
            and not pending
            and items
            and items[-1].kind == "caption"
            and not ends_sentence(items[-1].lines[-1])
            and b.style != CLOSING_LINE
            and not joins_nothing
        ):
            items[-1].lines.extend(b.lines)  # "Ferguson Action" + "Committee, 2014"
            continue
        item = Item(kind, list(b.lines), note_offset=offset)
        items.append(item)
        open_item = item if kind in {"prose", "quote"} else None
        joins_nothing = b.style == CLOSING_LINE
    flush()
    return items


def _chain(groups: list[list[str]]) -> list[list[str]]:
    """Fragments of one pull-quote spread over several short blocks belong together."""
    out: list[list[str]] = []
    for g in groups:
        joins = not ends_sentence(out[-1][-1]) and not _lone_caption(out[-1]) if out else False
        if out and (joins or starts_lower(g[0])):
            out[-1].extend(g)
        else:
            out.append(list(g))
    return out


def _lone_caption(lines: list[str]) -> bool:
    return len(lines) == 1 and bool(re.search(r"\s{3,}|[A-Z]{3,}\s*$", lines[0].strip()))


def _interruption_kind(lines: list[str], ctx: Context) -> str:
    return "quote" if len(lines) >= 3 else "caption"


def _list_items(lines: list[str]) -> list[list[str]]:
    groups: list[list[str]] = []
    for line in lines:
        if _LIST_ITEM.match(line) or not groups:
            groups.append([_LIST_ITEM.sub("", line, count=1)])
        else:
            groups[-1].append(line)
    return groups


def apply_toc(blocks: list[Block], entries: list[TocEntry], ctx: Context) -> int:
    """Mark the body headings a contents list announces, in order. Returns matches."""
    pos = 0
    matched = 0
    flat = not any(entry.sub for entry in entries)
    for entry in entries:
        keys = _entry_keys(entry, flat)
        if not keys:
            continue
        for j in range(pos, len(blocks)):
            b = blocks[j]
            if len(b.lines) <= 2 and b.words <= 16 and toc_key(b.text) in keys:
                _make_heading(b, Style.CONTENTS_SUB if entry.sub else Style.CONTENTS)
                matched += 1
                pos = j + 1
                break
        else:
            ctx.warnings.append(
                _("contents lists '%(title)s' but no such heading was found")
                % {"title": entry.title}
            )
    return matched


# "The Ferry Landing (Ada Vance)": a contents entry with its contributor in brackets.
_TOC_ASIDE = re.compile(r"^(?P<title>.*\S)\s*\((?P<aside>[^()]+)\)$")


def _entry_keys(entry: TocEntry, flat: bool) -> set[str]:
    """The headings a contents entry may stand for. In a collection's contents, one level
    of pieces, an entry whose contributor is in brackets heads a piece printed under the
    title alone, or with the name over it. (Indented under a part, the brackets may be a
    reading's author whose part is listed otherwise than printed.)"""
    keys = {entry.key} - {""}
    m = _TOC_ASIDE.match(entry.title.strip())
    if keys and m and flat:
        title, aside = toc_key(m["title"]), toc_key(m["aside"])
        keys |= {title, f"{aside} {title}"} - {"", aside}
    return keys


def section_kind_for(title: str, after_body: bool = False) -> str:
    """front, back or body for a chapter-level title; `after_body`: chapters came before."""
    text = re.sub(r"^#+\s*", "", title.strip())
    if after_body and _EITHER_END.match(text):
        return "back"
    if FRONT_KEYWORDS.match(text):
        return "front"
    if BACK_KEYWORDS.match(text):
        return "back"
    return "body"


def copyright_cluster(blocks: list[Block]) -> int:
    """How many leading blocks form a copyright page (ISBN, ©, publisher lines)."""
    last = -1
    hits = 0
    for i, b in enumerate(blocks[:20]):
        if b.words > 40:
            break
        if _COPYRIGHT.search(b.text):
            hits += 1
            last = i
    if hits == 1 and last == 0 and blocks[0].words <= 40 and _COPYRIGHT_LINE.search(blocks[0].text):
        return 1  # "© 2026 The Collective. Shared under CC BY-SA 4.0." on its own
    return last + 1 if hits >= 2 else 0


def split_endnotes(blocks: list[Block]) -> tuple[list[Block], dict[int, list[str]]]:
    """ "Notes" sections with numbered notes, at the end of the text or of each chapter:
    take them out.

    When a later section numbers its notes from 1 again, its notes are shifted past the
    earlier ones, and the chapter before it records the shift (Block.note_offset) so
    that its markers are shifted alike.
    """
    found: list[tuple[int, int, dict[int, list[str]]]] = []  # heading, end, notes
    seen = _FirstSeen(blocks)
    i = 0
    while i < len(blocks):
        if not _is_notes_heading(blocks[i]):
            i += 1
            continue
        j = i + 1
        lines: list[str] = []
        last_note: int | None = None  # the number of the last note so far
        while j < len(blocks) and not (
            _ends_notes(blocks, j)
            or _list_restarts_after_notes(blocks, j, last_note, seen)
            or _numbered_heading_after_notes(blocks, j, last_note)
        ):
            lines.extend(blocks[j].lines)
            last_note = next(
                (
                    note_number(m)
                    for line in reversed(blocks[j].lines)
                    if (m := NOTE_START.match(line))
                ),
                last_note,
            )
            j += 1
        first = NOTE_START.match(lines[0]) if lines else None
        # Numbered through the book, a chapter's notes may start at 4.
        notes = parse_note_lines(lines, start=note_number(first) - 1 if first else 0)
        grouped = chapter_note_groups(blocks, i, lines)
        if grouped is not None:
            notes, anchors = grouped
        else:
            anchors = []
        if notes and len(notes) >= len(lines) // 6:
            found.append((i, j, notes, anchors))
            i = j
        else:
            i += 1
    if not found:
        return blocks, {}
    restarts = any(min(b[2]) <= max(a[2]) for a, b in itertools.pairwise(found))
    notes_out: dict[int, list[str]] = {}
    kept: list[Block] = []
    start = top = 0
    for heading, end, notes, anchors in found:
        offset = top if restarts else 0
        for b in blocks[start:heading]:
            b.note_offset = offset
        # Notes grouped by chapter at the back: each chapter's markers count from 1 too.
        for (anchor, shift), (following, _end) in itertools.pairwise([*anchors, (heading, 0)]):
            for b in blocks[anchor:following]:
                b.note_offset = offset + shift
        kept.extend(blocks[start:heading])
        notes_out.update({n + offset: v for n, v in notes.items()})
        top = max(notes_out)
        start = end
    for b in blocks[start:]:
        b.note_offset = top if restarts else 0
    kept.extend(blocks[start:])
    return kept, notes_out


def _is_notes_heading(b: Block) -> bool:
    return len(b.lines) == 1 and bool(_NOTES_HEADING.match(re.sub(r"^#+\s*", "", b.first)))


def _ends_notes(blocks: list[Block], j: int) -> bool:
    """What follows a notes section: back matter, or a heading after which the notes
    do not go on within two blocks (the next chapter; a running header inside a note
    does not end them), a heading the contents list announces, or a title with its
    author's name set apart (bylines.title_with_name)."""
    b = blocks[j]
    if b.kind == BlockKind.HEADING and b.style in {Style.CONTENTS, Style.CONTENTS_SUB}:
        return True
    if title_with_name(b, set()):
        return True
    if len(b.lines) == 1 and _heading_like_after_notes(b.first):
        return True
    style = None if NOTE_START.match(b.first) else recognise(b)
    if style is None or any(NOTE_START.match(c.first) for c in blocks[j + 1 : j + 3]):
        return False
    # A title such as "Back to top" before more web furniture is not the next chapter;
    # the next essay's title over its byline ("Ada Hartley") is.
    return (
        RULES[style].self_evident
        or (j + 1 < len(blocks) and substantial(blocks[j + 1]))
        or (j + 2 < len(blocks) and _byline_like(blocks[j + 1]) and _piece_opens(blocks, j + 2))
    )


def _numbered_heading_after_notes(blocks: list[Block], j: int, last_note: int | None) -> bool:
    """A one-line numbered title after notes heads the next chapter where its number
    steps back from the last note ("1.", "2.", "3." / "2. The Second Interview") with no
    note within two blocks after it, or where a person's name alone stands under it over
    prose ("2. The Mill Race" / "Ben Stroud"): notes run on in sequence and say no more
    than a sentence, chapters have their own count and their authors. (Notes at the back
    grouped under "2. Chapter's Title" go on right under the label.)"""
    b = blocks[j]
    m = NOTE_START.match(b.first) if len(b.lines) == 1 else None
    if m is None or last_note is None or recognise(b) is None:
        return False
    if j + 2 < len(blocks) and byline_name(blocks[j + 1].first, set()):
        return len(blocks[j + 1].lines) == 1 and _piece_opens(blocks, j + 2)
    if note_number(m) > last_note:
        return False
    after = blocks[j + 1 : j + 3]
    # A chapter's heading stands over its text; the last note of a list stands over none.
    return not any(NOTE_START.match(c.first) for c in after) and any(map(substantial, after))


class _FirstSeen:
    """Where each line's or block's key first occurs in the text: built once, on the
    first question, so that asking about every heading in long back notes stays linear."""

    def __init__(self, blocks: list[Block]) -> None:
        self._blocks = blocks
        self._first: dict[str, int] | None = None

    def before(self, key: str, j: int) -> bool:
        if self._first is None:
            self._first = {}
            for n, a in enumerate(self._blocks):
                for line in (a.text, *a.lines):
                    self._first.setdefault(norm_key(line), n)
        return self._first.get(key, j) < j


NOTES_BEFORE_A_LIST = 2  # a list's first item comes within two blocks of its heading


def _list_restarts_after_notes(
    blocks: list[Block], j: int, last_note: int | None, seen: _FirstSeen
) -> bool:
    """A heading between notes and a numbered list that counts from below the last note
    ("14. …", "15. …" / "Questions for Week 1" / "1. …?") heads a new list, a set of
    questions or exercises, not more notes: notes run on in sequence, so a count that
    starts again belongs to something else. Unless the heading names a chapter (a bare
    "Chapter 3", or a chapter's title again): notes at the back grouped by chapter count
    from 1 in each group."""
    b = blocks[j]
    if len(b.lines) != 1 or NOTE_START.match(b.first) or recognise(b) is None:
        return False
    ahead = blocks[j + 1 : j + 1 + NOTES_BEFORE_A_LIST]
    after = next((c for c in ahead if NOTE_START.match(c.first)), None)
    if (
        last_note is None
        or after is None
        or note_number(NOTE_START.match(after.first)) >= last_note
    ):
        return False
    return not BARE_LABEL.match(b.text) and not seen.before(norm_key(b.text), j)


MIN_FURNITURE_REPEATS = 3  # a footer on every screen, not a note said twice
MAX_GROUP_LABEL_WORDS = 14  # a chapter's label or title over its notes, not a note
_COUNT_WORDS = CARDINAL_WORDS.split("|")  # "one" … "twenty"
_CHAPTER_NUMBER = re.compile(
    rf"^(?:chapter\s+)?(\d{{1,3}}|{ROMAN}|{'|'.join(_COUNT_WORDS)})\b\s*[.:—–-]?\s*(.*)$",
    re.IGNORECASE,
)


def _chapter_number(line: str) -> tuple[int, str] | None:
    """ "Chapter 3", "CHAPTER THREE", "III", "3. The Depot": the chapter's number and the
    title after it (empty for a bare label)."""
    m = _CHAPTER_NUMBER.match(line.strip())
    if not m:
        return None
    numeral = m.group(1)
    if numeral.isdigit():
        return int(numeral), m.group(2)
    if numeral.lower() in _COUNT_WORDS:
        return _COUNT_WORDS.index(numeral.lower()) + 1, m.group(2)
    if numeral.isupper() or not m.group(2):
        return roman_value(numeral.upper()), m.group(2)
    return None


def _names_chapter(block: Block, label: str) -> bool:
    """Does this body block open the chapter a group of notes is labelled with: by its
    title ("The Depot", "3. The Depot"), or by its number ("Chapter 3" over "CHAPTER
    THREE", "III" or a bare "3" over a title)?"""
    key = norm_key(label)
    if key:
        return any(norm_key(line) == key for line in block.lines)
    wanted = _chapter_number(label)
    if wanted is None:
        return False
    found = _chapter_number(block.first)
    if found is None or found[0] != wanted[0]:
        return False
    # "3" alone is a page number unless a title follows it, on its line or the next.
    return bool(found[1]) or len(block.lines) > 1 or bool(CHAPTER_LABEL.match(block.first))


def _opens_group(lines: list[str], k: int) -> bool:
    """A short line over a note numbered 1: perhaps a chapter's label over its notes."""
    m = NOTE_START.match(lines[k + 1])
    return bool(m) and note_number(m) == 1 and len(lines[k].split()) <= MAX_GROUP_LABEL_WORDS


def _without_screen_furniture(body: list[Block], lines: list[str]) -> list[str]:
    """The notes' lines less the page or screen furniture caught among them ("3 mins
    left in chapter 17%" reads like note 3): lines recurring, digits aside, as lines of
    their own through the text."""
    counts = Counter(_repeat_key(b) for b in body if len(b.lines) == 1)
    return [line for line in lines if counts[_repeat_key(Block([line]))] < MIN_FURNITURE_REPEATS]


def chapter_note_groups(
    blocks: list[Block], heading: int, lines: list[str]
) -> tuple[dict[int, list[str]], list[tuple[int, int]]] | None:
    """Notes at the back grouped under their chapters' names ("Chapter 2", or the
    chapter's title), each group numbered from 1 again: read as one list, the repeated
    numbers collide. Recognised when the section opens with such a label, every label
    stands over a note 1 and names, in order, a chapter opening earlier in the text.
    Returns the notes shifted past the earlier groups', and for each group the block its
    chapter opens at with that shift (the markers of the chapter are shifted alike)."""
    if len(lines) < 2 or not _opens_group(lines, 0):
        return None
    lines = _without_screen_furniture(blocks[:heading], lines)
    starts = [k for k in range(len(lines) - 1) if _opens_group(lines, k)]
    notes: dict[int, list[str]] = {}
    anchors: list[tuple[int, int]] = []
    searched = 0
    for k, end in itertools.pairwise([*starts, len(lines)]):
        anchor = next(
            (a for a in range(searched, heading) if _names_chapter(blocks[a], lines[k])), None
        )
        group = parse_note_lines(lines[k + 1 : end])
        if anchor is None or not group:
            return None
        shift = max(notes, default=0)
        anchors.append((anchor, shift))
        notes.update({n + shift: v for n, v in group.items()})
        searched = anchor + 1
    return notes, anchors


def _piece_opens(blocks: list[Block], k: int) -> bool:
    """Prose opens here, perhaps after an epigraph and its source: no more notes."""
    ahead = blocks[k : k + EPIGRAPH_BLOCKS + 1]
    return not any(NOTE_START.match(b.first) for b in ahead) and any(substantial(b) for b in ahead)


EPIGRAPH_BLOCKS = 2  # an epigraph and its source line


MAX_BYLINE_WORDS = 6


def _byline_like(b: Block) -> bool:
    """One short line that is no sentence: "Ada Hartley", "by Ada Hartley"."""
    return len(b.lines) == 1 and b.words <= MAX_BYLINE_WORDS and not ends_sentence(b.first)


def _heading_like_after_notes(line: str) -> bool:
    text = re.sub(r"^#+\s*", "", line.strip())
    return bool(BACK_KEYWORDS.match(text)) and not _NOTES_HEADING.match(text)


_BARE_NUMERAL = re.compile(rf"^({ROMAN})\.?$")  # "IV" alone on its line (upper case only)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(numeral: str) -> int:
    total = 0
    for ch, nxt in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN_VALUES[ch]
        total += -value if nxt and _ROMAN_VALUES[nxt] > value else value
    return total


def _label_title(b: Block | None) -> bool:
    """The line under a bare label: short, capitalised, not a sentence."""
    return (
        b is not None
        and len(b.lines) == 1
        and 0 < b.words <= 12
        and not ends_sentence(b.first)
        and starts_upper(b.first)
        and title_case_ratio(b.first) >= TITLE_CASE_HEADING
    )


_LABEL_NUMBER = re.compile(rf"^chapter\s+(\d{{1,3}}|{ROMAN})[.:]?$", re.IGNORECASE)


def _chapter_label_value(line: str) -> int | None:
    """The number of a "Chapter 2" / "CHAPTER IV" label alone on its line."""
    m = _LABEL_NUMBER.match(line.strip())
    if not m:
        return None
    number = m.group(1)
    return int(number) if number.isdigit() else roman_value(number.upper())


def merge_numeral_labels(blocks: list[Block]) -> list[Block]:
    """ "I" / "The Early Years", "II" / "The Strike": chapters numbered on a line of their own.

    Runs before page numbers are dropped (a bare "IV" looks like one), and only when the
    numerals count up from I in order, as chapter numbers do.
    """
    found = [
        i
        for i, b in enumerate(blocks[:-1])
        if len(b.lines) == 1 and _BARE_NUMERAL.match(b.first) and _label_title(blocks[i + 1])
    ]
    # A scanned book may print some labels in full ("Chapter 2"): they count in the order.
    labelled = {
        i: value
        for i, b in enumerate(blocks)
        if len(b.lines) <= 2 and (value := _chapter_label_value(b.first)) is not None
    }
    values_at = {i: roman_value(_BARE_NUMERAL.match(blocks[i].first).group(1)) for i in found}
    sequence = [v for _, v in sorted({**labelled, **values_at}.items())]
    if len(found) < 1 or len(sequence) < 2 or sequence != list(range(1, len(sequence) + 1)):
        return blocks
    merged = set(found)
    out: list[Block] = []
    skip = False
    for i, b in enumerate(blocks):
        if skip:
            skip = False
            continue
        if i in merged:
            title = blocks[i + 1]
            out.append(Block([b.first, title.first], gap=b.gap, strong=b.strong or title.strong))
            skip = True
        else:
            out.append(b)
    return out


def merge_split_labels(blocks: list[Block], skip: set[str] | None = None) -> list[Block]:
    """ "CHAPTER I." then "Down the Rabbit-Hole" on its own line: one heading.

    `skip` holds keys (norm_key) of running headers such as the book title.
    """
    skip = skip or set()
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if (
            nxt is not None
            and len(b.lines) == 1
            and (CHAPTER_LABEL.match(b.first) or PROVISION_LABEL.match(b.first))
            and len(nxt.lines) == 1
            and 0 < nxt.words <= 12
            and not ends_sentence(nxt.first)
            and starts_upper(nxt.first)
            and not CHAPTER_LABEL.match(nxt.first)
            and title_case_ratio(nxt.first) >= 0.6
            and norm_key(nxt.first) not in skip
            and not (i + 2 < len(blocks) and starts_lower(blocks[i + 2].first))
        ):
            out.append(Block([b.first, nxt.first], gap=b.gap, strong=b.strong))
            i += 2
            continue
        out.append(b)
        i += 1
    return out


def _dateline_line(line: str) -> bool:
    """ "Carrow, 3 May 1892" on a line of its own: a place and a date, no sentence."""
    text = line.strip()
    return (
        0 < len(text.split()) <= MAX_DATELINE_WORDS
        and bool(DATE.search(text))
        and not ends_sentence(text.rstrip(". "))
    )


def split_letter_openings(blocks: list[Block]) -> list[Block]:
    """A letter opens with its dateline over its greeting, each on a line of its own
    ("Lydbrook, 3 May 1917" / "Dear Ada,"); where a PDF's text layer runs them into the
    letter's heading above and its first paragraph below, they stand apart again, so the
    heading over them and the paragraph under them read as such."""
    out: list[Block] = []
    for b in blocks:
        cuts = [
            k
            for k in range(1, len(b.lines))
            if SALUTATION.match(b.lines[k]) and _dateline_line(b.lines[k - 1])
        ]
        if not cuts:
            out.append(b)
            continue
        edges = sorted({e for k in cuts for e in (k - 1, k, k + 1)} - {0, len(b.lines)})
        bounds = list(itertools.pairwise([0, *edges, len(b.lines)]))
        out.append(replace(b, lines=b.lines[: bounds[0][1]]))
        out.extend(Block(b.lines[start:end], gap=0) for start, end in bounds[1:])
    return out


MIN_CUES = 3  # times a bracketed line recurs to be a cue
_BRACKETED_LINE = re.compile(r"^\s*[(\[][^()\[\]]+[)\]]\s*$")  # "(Chorus)", "[Refrain]"


def unmark_bracketed_cues(blocks: list[Block], styles: list[Style | None]) -> None:
    """A line wholly in brackets printed again and again ("(Chorus)" after each verse,
    "[Applause]" in a transcript) is a cue inside the text, kept as a caption: never a
    heading, and a heading may follow it as it may follow a closed sentence."""
    cues = Counter(
        _squashed(b.text)
        for b in blocks
        if b.kind == BlockKind.PROSE and len(b.lines) == 1 and _BRACKETED_LINE.match(b.first)
    )
    for i, b in enumerate(blocks):
        if (
            b.kind == BlockKind.PROSE
            and len(b.lines) == 1
            and _BRACKETED_LINE.match(b.first)
            and cues[_squashed(b.text)] >= MIN_CUES
        ):
            b.kind = BlockKind.CAPTION
            styles[i] = None


MIN_HEADING_NOTES = 3  # headings that carry a note of the same kind
MAX_NOTE_LINES = 2  # note lines under one heading ("for Ann Reece", "Tune: …")
MAX_DEDICATION_WORDS = 8  # and of a labelled note
# "for Ann Reece", "after a tune by Hart": a lower-case word, then a name or a title.
_DEDICATION = re.compile(r"^[a-z]+\s+[A-Z]")


_DIVISION_STYLES = {Style.PART, Style.CHAPTER, Style.PROVISION, Style.NUMBERED}


def _note_kind(line: str) -> str | None:
    """What kind of note under a heading a line could be: its label before a colon
    ("tune:"), or the lower-case word a dedication opens with ("for"); else None."""
    line = line.strip()
    if ends_sentence(line) or len(line.split()) > MAX_DEDICATION_WORDS:
        return None  # what someone said ("QUESTION: Who kept …?"), not a note
    if _PANEL_LABEL.match(line):
        label = line.split(":", 1)[0]
        # "Scene 1: …", "Part Two: …" under an act or a book are its divisions
        if any(c.isdigit() for c in label) or recognise(Block([line])) in _DIVISION_STYLES:
            return None
        return label.casefold() + ":"
    if _DEDICATION.match(line):
        return line.split()[0]
    return None


def _short_title_line(line: str) -> bool:
    line = line.strip()
    return starts_upper(line) and not ends_sentence(line) and len(line.split()) <= 12


def split_heading_dedications(blocks: list[Block]) -> list[Block]:
    """A two-line block whose first line reads as a title and whose second is a note
    ("The Ferry" / "for Ann Reece") is a title and its note, which the text layer ran
    together, when notes of that kind stand under three titles or more, or when a
    labelled note of a kind found under three titles follows ("Tune: …"). The note
    becomes a caption of its own; `unmark_heading_notes` passes over it."""

    def titled(b: Block) -> bool:
        return 1 <= len(b.lines) <= 2 and _short_title_line(b.lines[0])

    def dedication(b: Block) -> str | None:
        return _note_kind(b.lines[1]) if len(b.lines) == 2 and titled(b) else None

    def labelled(a: Block, b: Block) -> str | None:
        k = _note_kind(b.first) if titled(a) and len(b.lines) == 1 else None
        return k if k is not None and k.endswith(":") else None

    def over_text(n: int) -> bool:
        # A title heads its piece: couplets ("… the Mill" / "and Mary …") follow each other.
        return n + 1 < len(blocks) and dedication(blocks[n + 1]) is None

    kinds = Counter(
        k for n, b in enumerate(blocks) if (k := dedication(b)) is not None and over_text(n)
    )
    kinds.update(k for a, b in itertools.pairwise(blocks) if (k := labelled(a, b)) is not None)
    out: list[Block] = []
    for n, b in enumerate(blocks):
        k = dedication(b)
        after = labelled(b, blocks[n + 1]) if n + 1 < len(blocks) else None
        if k is None or (kinds[k] < MIN_HEADING_NOTES and kinds[after] < MIN_HEADING_NOTES):
            out.append(b)
            continue
        out.append(replace(b, lines=b.lines[:1]))
        out.append(Block(b.lines[1:], gap=0, kind=BlockKind.CAPTION))
    return out


def unmark_heading_notes(blocks: list[Block], styles: list[Style | None]) -> frozenset[int]:
    """Lines set right under a heading candidate, each a note of a kind found under three
    headings or more ("Tune: …" under each song, "for Ann Reece" as its dedication,
    "Source: …" under each document), are notes on that heading, not headings or the rest
    of a sentence: they stay paragraphs, and the heading above is judged on the text below
    them. The indices of those lines."""
    found: dict[str, list[int]] = {}
    for i, b in enumerate(blocks):
        if not (styles[i] is not None or b.kind == BlockKind.HEADING):
            continue
        j = _next_content(blocks, i)
        for _step in range(MAX_NOTE_LINES):
            if j is None or len(blocks[j].lines) != 1:
                break
            if blocks[j].kind not in {BlockKind.PROSE, BlockKind.CAPTION}:
                break
            k = _note_kind(blocks[j].first)
            if k is None:
                break
            # a caption here is a note split_heading_dedications already weighed
            found.setdefault("" if blocks[j].kind == BlockKind.CAPTION else k, []).append(j)
            j = _next_content(blocks, j)
    notes = [i for k, at in found.items() if not k or len(at) >= MIN_HEADING_NOTES for i in at]
    for i in notes:
        styles[i] = None
    return frozenset(notes)


MIN_NUMBERED_OUTLINE = 3  # numbered headings that make a paper's outline a numbered one
_PANEL_LABEL = re.compile(r"^[^\W\d][^:]{1,30}:\s+\S")  # "CASE STUDY: CARROW"


def unmark_panel_labels(blocks: list[Block]) -> None:
    """A paper whose sections are numbered ("2.", "2.1") sets boxed or shaded panels in
    the text under a label in capitals ("CASE STUDY: CARROW", "EXAMPLE: THE YARD"):
    unnumbered, in capitals, a label before a colon, it names the panel, not a section."""
    heads = [b for b in blocks if b.kind == BlockKind.HEADING]
    if sum(1 for b in heads if NUMBERED.match(b.text)) < MIN_NUMBERED_OUTLINE:
        return
    for b in heads:
        if (
            b.style == Style.CAPS
            and len(b.lines) == 1
            and not NUMBERED.match(b.text)
            and _PANEL_LABEL.match(b.text)
        ):
            b.kind = BlockKind.PROSE
            b.style = ""


# A mail message's header as a mail reader saves it: "Date: …", "From: …", "Subject: …";
# a digest numbers its messages with "Message: 3".
_MAIL_FIELD = re.compile(
    r"^(message|date|from|to|cc|sent|reply-to|subject)\s*:\s*(\S.*)$", re.IGNORECASE
)
# The fields the heading replaces: the Subject it shows, the digest's own counter.
_SUBJECT_OR_COUNTER = re.compile(r"^(?:subject\s*:|message\s*:\s*\d+$)", re.IGNORECASE)
MIN_MAIL_MESSAGES = 2  # one header could be a quoted letter; two make a mail archive
_TOPIC_LINE = re.compile(r"^\s*\d{1,3}[.)]\s+(\S.*)$")


def _mail_header(b: Block) -> str | None:
    """The subject of a block made only of header fields, one of them its Subject."""
    if b.kind != BlockKind.PROSE or len(b.lines) < 2:
        return None
    if not all(_MAIL_FIELD.match(line.strip()) for line in b.lines):
        return None  # stops at a block's first line but for a header's
    fields = [_MAIL_FIELD.match(line.strip()) for line in b.lines]
    subjects = [m.group(2).strip() for m in fields if m and m.group(1).lower() == "subject"]
    return subjects[0] if len(subjects) == 1 else None


def _topics_before(blocks: list[Block], i: int, stop: int, subjects: _Tail) -> list[int]:
    """The blocks of a numbered list just before block i whose entries name the messages
    after it (subjects, from block i's on), in their order (the list may be one block or a
    block a line)."""
    run: list[int] = []
    for j in range(i - 1, stop, -1):
        b = blocks[j]
        if b.kind == BlockKind.JUNK:
            continue
        if b.kind != BlockKind.PROSE or not all(_TOPIC_LINE.match(ln) for ln in b.lines):
            break
        run.insert(0, j)
    entries = [m.group(1) for j in run for ln in blocks[j].lines if (m := _TOPIC_LINE.match(ln))]
    if len(entries) < MIN_MAIL_MESSAGES or len(entries) > len(subjects):
        return []
    named = all(
        e.casefold().startswith(s.casefold())
        for e, s in zip(entries, itertools.islice(subjects, len(entries)), strict=False)
    )
    return run if named else []


class _Tail:
    """The subjects from the n-th header on, without copying them."""

    def __init__(self, subjects: list[str], n: int) -> None:
        self.subjects, self.n = subjects, n

    def __len__(self) -> int:
        return len(self.subjects) - self.n

    def __iter__(self) -> Iterator[str]:
        return itertools.islice(self.subjects, self.n, None)


MAX_TOPICS_LABEL_WORDS = 5  # "Topics in this issue:", "Today's Topics:"


def _topics_label(b: Block) -> bool:
    """A topics list's own label: a short line ending in a colon with no sentence in it
    ("...before Thursday. They concern:" is the writer's words, not a label)."""
    line = b.last.strip()
    return (
        len(b.lines) == 1
        and line.endswith(":")
        and len(line.split()) <= MAX_TOPICS_LABEL_WORDS
        and not re.search(r"[.!?]\s", line)
    )


def _issue_footer_key(b: Block) -> str:
    """A block compared across a digest's issues: numbers and rule lengths aside."""
    return re.sub(r"([^\w\s])\1{2,}", r"\1", re.sub(r"\d+", "#", b.text.casefold()))


def mark_mail_digests(blocks: list[Block]) -> list[Block]:
    """A mailing list's messages saved as text, each under its header block (Date, From,
    Subject): the header becomes the message's heading (its Subject; the other fields stay
    as a line under it, the digest's "Message: 3" counter goes). Where a numbered list
    names the messages that follow, it is the issue's contents and the line over it the
    issue's title; the blocks that close every issue alike (the list's footer, numbers
    aside) are furniture. Asks for at least two headers, so one quoted letter is prose."""
    headers = [i for i, b in enumerate(blocks) if _mail_header(b) is not None]
    if len(headers) < MIN_MAIL_MESSAGES:
        return blocks
    subjects = {i: _mail_header(blocks[i]) or "" for i in headers}
    in_order = list(subjects.values())
    issue_starts: list[int] = []
    for n, i in enumerate(headers):
        stop = headers[n - 1] if n else -1
        # a view, not a copy, of the subjects left: a copy per header made the pass quadratic
        run = _topics_before(blocks, i, stop, _Tail(in_order, n))
        if not run:
            continue
        issue_starts.append(run[0])
        for j in run:
            blocks[j].kind = BlockKind.TOC
        k = _prev_content(blocks, run[0])
        if k is not None and _topics_label(blocks[k]):
            blocks[k].kind = BlockKind.TOC  # "Topics:": the list's own label
            k = _prev_content(blocks, k)
        if (
            k is not None
            and len(blocks[k].lines) == 1
            and blocks[k].kind == BlockKind.PROSE
            and not blocks[k].last.endswith(":")
            and not ends_sentence(blocks[k].last)  # a sentence over the list names no issue
        ):
            _make_heading(blocks[k], Style.ISSUE)
            issue_starts[-1] = k
    _drop_issue_closings(blocks, issue_starts, headers)
    out: list[Block] = []
    for i, b in enumerate(blocks):
        if i not in subjects:
            out.append(b)
            continue
        rest = [line for line in b.lines if not _SUBJECT_OR_COUNTER.match(line.strip())]
        out.append(replace(b, lines=[subjects[i]], kind=BlockKind.HEADING, style=Style.MESSAGE))
        if rest:
            out.append(Block(lines=rest, kind=BlockKind.CAPTION))
    return out


def first_mail_heading(blocks: list[Block]) -> int:
    """Where a digest's first issue or message begins: no title page reaches past it."""
    mail = {Style.ISSUE, Style.MESSAGE}
    return next((i for i, b in enumerate(blocks) if b.style in mail), len(blocks))


def _drop_issue_closings(blocks: list[Block], starts: list[int], headers: list[int]) -> None:
    """The blocks ending every issue alike, after its last message's words."""
    if len(starts) < MIN_MAIL_MESSAGES:
        return
    ends = [*starts[1:], len(blocks)]
    tails: list[list[int]] = []
    for start, end in zip(starts, ends, strict=True):
        # the issue's last header by bisection: a scan of all headers per issue was quadratic
        before_end = bisect.bisect_left(headers, end)
        last = headers[before_end - 1] if before_end else None
        if last is None or last <= start:
            return
        tails.append([j for j in range(last + 1, end) if blocks[j].kind == BlockKind.PROSE])
    shared = set.intersection(*({_issue_footer_key(blocks[j]) for j in t} for t in tails))
    for tail in tails:
        closing: list[int] = []
        for j in reversed(tail):
            if _issue_footer_key(blocks[j]) not in shared or blocks[j].first.startswith("--"):
                break
            closing.insert(0, j)
        # The footer begins at a rule line; a sign-off every issue's last writer shares
        # above it ("Best wishes to you all, / Tomos") is that message's own.
        ruled = next((n for n, j in enumerate(closing) if blocks[j].strong), len(closing))
        for j in closing[ruled:]:
            blocks[j].kind = BlockKind.JUNK
