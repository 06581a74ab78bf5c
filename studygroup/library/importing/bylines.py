"""Bylines and signatures: the names that head or close a piece in a collection.

An anthology, a collection of essays or a magazine sets each piece's title over its
author's name ("Beneath the Harbour" / "Ada Hartley", or "by Ada Hartley"), and an
editor may sign the introduction ("T. Carreira", set far to the right). The names are
page furniture, never paragraphs or headings; the title over a byline is a piece's title,
one level above the sub-headings inside the piece (headings.Style.BYLINED).

A name is told from a title by the text's own words: a title's words ("harbour",
"long") come back in lower case in the prose, a person's names do not.

Every byline is recognised here, in one of two ways, by how much the line says itself:
- is_byline(block): a byline by its own words, wherever it stands: "By Ada Vance",
  "Ada Vance, branch correspondent". An article's, under its headline
  (structure.mark_headlines).
- byline_name(line, lower): a person's name, alone or after "by": "Ada Hartley",
  "by Ada Hartley". A byline only where the text is a collection (mark_bylines
  here) or in an anthology's contents (personal_name, structure.find_toc).
Either way the title over it heads a piece, and a rubric over that title goes
(structure.mark_headlines).
"""

from __future__ import annotations

import re

from .clean import SMALL_WORDS, Block, BlockKind
from .headings import (
    NUMBER_WORDS,
    ROMAN,
    TITLE_CASE_HEADING,
    Style,
    recognise,
    smart_title,
    title_case_ratio,
)

# A byline by its own words: "By Ada Vance", "By Ada Vance and Ben Stroud",
# "Ada Vance, branch correspondent", "Ben Stroud, our labour reporter".
_PERSON = r"[A-Z][\w'’.\-]+(?:\s+(?:[A-Z][\w'’.\-]+|de|van|von|da|del|la|le|bin|al)){0,4}"
_BYLINE_LINE = re.compile(
    rf"^(?:(?i:by|words by|text by|written by|reported by)\s+{_PERSON}"
    rf"(?:\s*(?:,|and|&)\s*{_PERSON})?(?:\s*[,|·–—]\s*[\w\s'’]{{1,40}})?"
    rf"|{_PERSON},\s+(?:[a-z][\w'’\-]*\s+){{0,3}}(?:correspondent|reporter|editor|writer|"
    r"columnist|contributor|secretary|organi[sz]er|member|steward|delegate))\s*$"
)
# A person's name, for byline_name: "Ada Hartley", "T. Carreira", after "by" or alone.
_NAME = re.compile(r"^(?:[A-Z][a-zà-ÿ'’\-]+|[A-Z]\.)(?:\s+(?:[A-Z][a-zà-ÿ'’\-]+|[A-Z]\.)){1,3}$")
_BY = re.compile(r"^\s*(?:by|edited by|translated by)\s+(\S.{0,60})$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
# "— Ada Hartley —", "– Ada Hartley –": a name set between dashes under a title.
_FRAMED_NAME = re.compile(r"^[—–-]{1,2}\s*(\S.{0,60}?)\s*[—–-]{1,2}$")
# A label ends on its count ("SCENE TWO", "ACT III", "PART 4"); a name does not.
_COUNTED = re.compile(rf"\b(?:\d+|{ROMAN}|(?i:{NUMBER_WORDS}))\W*$")
SIGNATURE_INDENT = 16  # spaces: a sign-off set towards the right margin
MIN_PIECES = 2  # bylines under at least two titles make a collection


def is_byline(b: Block) -> bool:
    """A byline by its own words, one line: "By Ada Vance", "Ada Vance, correspondent"."""
    return len(b.lines) == 1 and bool(_BYLINE_LINE.match(b.first))


def byline_name(line: str, lower: set[str]) -> bool:
    """A person's name, alone or after "by": a byline where the text is a collection."""
    m = _BY.match(line)
    return personal_name(m.group(1) if m else line, lower)


def lowercase_words(blocks: list[Block]) -> set[str]:
    """Every word the text uses in lower case somewhere."""
    return {w for b in blocks for line in b.lines for w in _WORD.findall(line) if w.islower()}


def personal_name(text: str, lower: set[str]) -> bool:
    """ "Ada Hartley", "ADA HARTLEY", "T. Carreira": capitalised words, none of them a
    small word or a word the text uses in lower case."""
    text = text.strip()
    name = smart_title(text) if text.isupper() else text
    if not _NAME.match(name):
        return False
    words = [w.casefold() for w in _WORD.findall(name) if len(w) > 1]  # not initials
    return bool(words) and not any(w in SMALL_WORDS or w in lower for w in words)


def _content(blocks: list[Block], i: int, step: int) -> int | None:
    j = i + step
    while 0 <= j < len(blocks) and blocks[j].kind in {BlockKind.JUNK, BlockKind.TOC}:
        j += step
    return j if 0 <= j < len(blocks) else None


def mark_bylines(blocks: list[Block]) -> None:
    """A name alone under a title-like line, over the piece's prose, is a byline: it goes,
    and the line over it heads the piece. A name set far to the right after a paragraph
    is a signature, and goes too. Only when the text has bylines under two titles or
    more: one name under one title may be a title page's author or a letter's addressee."""
    # Names by their shape first: the text's words are gathered only when there are any.
    shaped = [
        i
        for i, b in enumerate(blocks)
        if b.kind == BlockKind.PROSE and len(b.lines) == 1 and byline_name(b.first, set())
    ]
    framed = [i for i, b in enumerate(blocks) if title_with_name(b, set())]
    if len(shaped) < MIN_PIECES and len(framed) < MIN_PIECES:
        return
    lower = lowercase_words(blocks)
    found: list[tuple[int, int]] = []  # (title, byline)
    for i in shaped:
        b = blocks[i]
        if not byline_name(b.first, lower):
            continue
        prev, nxt = _content(blocks, i, -1), _content(blocks, i, 1)
        if prev is None or nxt is None:
            continue
        title, after = blocks[prev], blocks[nxt]
        if (
            len(title.lines) == 1
            and title.kind in {BlockKind.PROSE, BlockKind.HEADING}
            and (title.kind == BlockKind.HEADING or recognise(title) is not None)
            and after.kind == BlockKind.PROSE
            and recognise(after) is None
        ):
            found.append((prev, i))
    _mark_titles_with_names(blocks, framed, lower)
    if len(found) < MIN_PIECES:
        return
    for title, byline in found:
        blocks[byline].kind = BlockKind.JUNK
        if blocks[title].kind == BlockKind.PROSE:
            blocks[title].kind = BlockKind.HEADING
            blocks[title].style = Style.BYLINED
    for b in blocks:
        line = b.lines[0] if len(b.lines) == 1 else ""
        indent = len(line) - len(line.lstrip(" "))
        if b.kind == BlockKind.PROSE and indent >= SIGNATURE_INDENT and byline_name(line, lower):
            b.kind = BlockKind.JUNK  # "T. Carreira" under the editor's introduction


def title_with_name(b: Block, lower: set[str]) -> bool:
    """A title-like line and a person's name set apart from it, in one block: between
    dashes under it ("— Ada Vance —"), or in capitals over a title that is not."""
    if b.kind != BlockKind.PROSE or len(b.lines) != 2:
        return False
    framed = _FRAMED_NAME.match(b.last)
    if framed is not None:
        title, name = b.first, framed.group(1)
    elif b.first.isupper() and not b.last.isupper() and not _COUNTED.search(b.first):
        title, name = b.last, b.first  # "SCENE ONE", "ACT II" over a title: a label
    else:
        return False
    return (
        personal_name(name, lower)
        # A title's words are capitalised; an epigraph over its author's name is a sentence.
        and title_case_ratio(title) >= TITLE_CASE_HEADING
        and recognise(Block([title])) is not None
    )


def _mark_titles_with_names(blocks: list[Block], framed: list[int], lower: set[str]) -> None:
    """ "The Ferry Landing" / "— Ada Vance —" (or "ADA VANCE" / "The Ferry Landing") over
    prose heads a piece, its byline kept in the heading: dashes or capitals set the name
    apart as no sentence's line is. Only when two pieces or more are so headed, as
    mark_bylines asks."""
    pieces = [
        i
        for i in framed
        if title_with_name(blocks[i], lower)
        and (after := _content(blocks, i, 1)) is not None
        and blocks[after].kind == BlockKind.PROSE
        and recognise(blocks[after]) is None
    ]
    if len(pieces) < MIN_PIECES:
        return
    for i in pieces:
        blocks[i].kind = BlockKind.HEADING
        blocks[i].style = Style.BYLINED
