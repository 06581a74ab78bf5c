"""The text import pipeline: decode → clean → structure → footnotes (no Django).

`parse_text` is the entry point for any source that already has text (formats.py
calls it for .epub/.pdf); `parse_bytes` handles uploaded .txt and .md files.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import PurePath

from . import clean, columns, footnotes, markup, pages, structure, wiki
from .clean import Block, Vocabulary
from .decode import decode
from .document import ParsedParagraph, ParsedSection, ParsedText
from .headings import Heading, Style, assign_levels, heading_text, smart_title
from .i18n import gettext as _
from .i18n import gettext_noop
from .structure import Context, Item

__all__ = ["parse_bytes", "parse_text"]

MARKDOWN_SUFFIXES = {".md", ".markdown"}
NO_TITLE_WARNING = gettext_noop("no title found; using the file name")
NO_TITLE_OPENING_WARNING = gettext_noop("no title found; using the text's opening words")
NO_TITLE_WARNINGS = (NO_TITLE_WARNING, NO_TITLE_OPENING_WARNING)
# What wraps a text, stripped in this order, and the warning each gives when it strips some.
_WRAPPINGS = [
    (
        clean.strip_ebook_wrapper,
        gettext_noop("the e-book archive's header and licence were dropped"),
    ),
    (
        clean.strip_text_boxes,
        gettext_noop("boxes drawn in the text (sidebars, notices) were dropped"),
    ),
    (
        clean.strip_web_chrome,
        gettext_noop("web page navigation, sharing and advertising lines were dropped"),
    ),
    (
        wiki.strip_wiki_chrome,
        gettext_noop("the wiki page's edit links, navigation and footer were dropped"),
    ),
    (clean.strip_boilerplate, gettext_noop("web page boilerplate at the end was dropped")),
]
MAX_OPENING_TITLE_WORDS = 8
# "002_2e9606730db105a4", "a0ee4bd712006198", "0004": a serial number or a hash, no title.
_CAPS_OPENING = re.compile(
    rf"^((?:[A-Z][A-Z'’\-]*[,;:]?\s+){{1,{MAX_OPENING_TITLE_WORDS - 1}}}[A-Z][A-Z'’\-]*)\b"
)
_NOT_A_NAME = re.compile(r"^(?:[0-9a-f]{8,}|\d+)$", re.IGNORECASE)
_WORDS = re.compile(r"[a-z]+")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_INLINE = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images → alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links → link text
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
]


def parse_bytes(
    data: bytes, filename: str, *, progress: Callable[[str], None] | None = None
) -> ParsedText:
    """Decode an uploaded .txt/.md file and parse it; `progress` as for parse_text."""
    text = clean.cap_blank_runs(decode(data))  # before the page-number scan reads it too
    if progress is not None:
        progress("decode")
    # A Markdown file is read as itself, whatever wikilinks or shortcodes it holds.
    markdown = PurePath(filename).suffix.lower() in MARKDOWN_SUFFIXES
    if not markdown:
        # A wiki's, org-mode's or AsciiDoc's source is read through Markdown's conventions;
        # a .txt file may be written in Markdown all the same.
        text, source = markup.as_markdown(text)
        markdown = source is not None or clean.looks_like_markdown(text)
    parsed = parse_text(text, filename=filename, markdown=markdown, progress=progress)
    # Page-number lines the cleaner drops still say where each printed page began.
    parsed.pages = pages.locate(parsed.sections, pages.cuts_from_number_lines(text))
    return parsed


def parse_text(
    text: str,
    *,
    filename: str = "",
    markdown: bool = False,
    progress: Callable[[str], None] | None = None,
) -> ParsedText:
    """Turn decoded text into a ParsedText. `progress` gets each finished stage's name."""

    def report(stage: str) -> None:
        if progress is not None:
            progress(stage)

    warnings: list[str] = []
    text = clean.cap_blank_runs(text.replace("\r\n", "\n"))
    lines = clean.normalize(columns.reorder_columns(text)).split("\n")
    lines = clean.unspace_letters(clean.rejoin_drop_caps(lines), _lazy_vocabulary(lines))
    notes_raw: dict[int, list[str]] = {}
    meta: dict[str, str] = {}
    if markdown:
        lines, meta = clean.split_front_matter(lines)
        lines = _setext_to_atx(lines)
        lines, notes_raw = footnotes.extract_markdown_notes(lines)
    lines = clean.unframe_text_panels(lines)
    for strip, dropped in _WRAPPINGS:
        lines, found = strip(lines)
        if found:
            warnings.append(_(dropped))
    lines = clean.drop_navigation_links(lines)
    lines = clean.strip_margin_line_numbers(lines)
    lines, passage_notes = footnotes.extract_passage_notes(lines, max(notes_raw, default=0) + 1)
    notes_raw.update(passage_notes)
    note_restarts: list[int] = []
    lines, page_notes = footnotes.extract_page_notes(lines, note_restarts)
    notes_raw.update(page_notes)
    lines, symbol_notes = footnotes.extract_symbol_notes(lines, max(notes_raw, default=0) + 1)
    notes_raw.update(symbol_notes)
    vocab = Vocabulary.from_text("\n".join(lines))

    blocks = clean.drop_instalment_marks(clean.drop_issue_lines(clean.split_blocks(lines)))
    blocks = clean.drop_reproduction_notices(clean.drop_advertisements(blocks))
    blocks, slides = clean.split_slides(blocks)
    if not markdown:  # in Markdown, consecutive lines are one paragraph by definition
        blocks = clean.split_unwrapped_lines(blocks)
    blocks = clean.drop_page_numbers(structure.merge_numeral_labels(blocks))
    blocks = clean.drop_column_numbers(blocks)
    width = None if markdown else clean.measure_width(blocks)
    # A deck's titles and notes stand apart by design: its blank lines do mean something.
    if not markdown and width and not slides and clean.is_double_spaced(blocks, width):
        blocks = clean.unwrap_double_spaced(blocks, width)
    if not markdown:
        blocks = clean.split_glued_titles(clean.split_inside_blocks(blocks, width), width)
    report("clean")

    fallback = _title_from_filename(filename)
    note_offsets: dict[int, int] = {}
    sections, title, author = _structure(
        blocks, vocab, width, markdown, warnings, notes_raw, fallback, note_offsets, slides
    )
    if meta.get("title"):
        title = meta["title"]  # the file says its title: more certain than a guess
        author = meta.get("author") or author
    if not title and fallback:
        title = fallback
        warnings.append(_(NO_TITLE_WARNING))
    elif not title:
        title = _title_from_opening(sections)
        warnings.append(_(NO_TITLE_OPENING_WARNING))
    report("structure")

    notes = {n: clean.join_lines(v, vocab) for n, v in sorted(notes_raw.items())}
    paragraphs = [p for s in sections for p in s.paragraphs]
    _chapters_counting_afresh(sections, notes, note_restarts, note_offsets)
    _extract_markers(paragraphs, notes, note_offsets)
    found, note_warnings = footnotes.link_notes(paragraphs, notes)
    warnings.extend(note_warnings)
    _mark_pull_quotes(paragraphs)
    report("footnotes")

    if sum(1 for s in sections if s.paragraphs) == 0:
        warnings.append(_("no text found"))
    return ParsedText(
        title=title, author=author, sections=sections, footnotes=found, warnings=warnings
    )


def _headings_with_prose(items: list[Item]) -> list[Heading]:
    """The headings as the level pass sees them, each with the paragraphs under it."""
    heads: list[Item] = []
    prose: list[list[str]] = []
    for item in items:
        if item.kind == "heading":
            heads.append(item)
            prose.append([])
        elif prose:
            prose[-1].append(" ".join(item.lines))
    return [Heading(h.style, h.lines, tuple(p)) for h, p in zip(heads, prose, strict=True)]


def _structure(
    blocks: list[Block],
    vocab: Vocabulary,
    width: int | None,
    markdown: bool,
    warnings: list[str],
    notes_raw: dict[int, list[str]],
    fallback_title: str,
    note_offsets: dict[int, int],
    slides: int = 0,
) -> tuple[list[ParsedSection], str, str | None]:
    """The structure stage, pass by pass: title page, contents, notes sections, then
    classify (page furniture, interrupted sentences, headings, paragraph kinds), stitch,
    and levels for the whole document (headings.assign_levels)."""
    find_title = structure.find_deck_title if slides else structure.find_title
    blocks = structure.mark_mail_digests(blocks)  # before the title page can take an issue
    title, author, taken = find_title(blocks) if blocks else ("", None, 0)
    taken = min(taken, structure.first_mail_heading(blocks))
    ctx = Context(title=title, author=author, width=width, slides=slides)
    running = {structure.norm_key(t) for t in (title, author or "") if t}
    body = structure.merge_split_labels(blocks[taken:], running)
    body = structure.split_letter_openings(body)
    body = structure.split_heading_dedications(body)

    front: list[tuple[str, list[Block]]] = []
    entries, t0, t1 = structure.find_toc(body, 0)
    toc_matched = 0
    if entries:
        before, body = body[:t0], body[t1:]
        toc_matched = structure.apply_toc(body, entries, ctx)
        if toc_matched < max(2, len(entries) // 2):
            warnings.append(_("the table of contents did not match the headings in the text"))
        k = structure.copyright_cluster(before)
        if k:
            front.append(("Copyright", before[:k]))
        if before[k:]:
            front.append(("Front matter", before[k:]))
    else:
        k = structure.copyright_cluster(body)
        if k:
            front.append(("Copyright", body[:k]))
            body = body[k:]

    body, endnotes = structure.split_endnotes(body)
    for n, v in endnotes.items():
        notes_raw.setdefault(n, v)
    structure.classify(body, ctx)
    warnings.extend(ctx.warnings)
    items = structure.stitch(body, ctx)

    sections: list[ParsedSection] = []
    for name, group in front:
        section = ParsedSection(title=name, level=1, kind="front")
        for b in group:
            section.paragraphs.append(ParsedParagraph(text=clean.join_lines(b.lines, vocab)))
        sections.append(section)

    heads = [item for item in items if item.kind == "heading"]
    counts = Counter(w for b in blocks for line in b.lines for w in _WORDS.findall(line.lower()))
    levels = dict(
        zip(
            map(id, heads),
            assign_levels(
                _headings_with_prose(items),
                has_title=bool(title),
                toc_matched=toc_matched,
            ),
            strict=True,
        )
    )
    current: ParsedSection | None = None
    in_back = False
    chapters = 0
    chapter_title = ""
    for item in items:
        if item.kind == "heading":
            text = heading_text(_mend_spaced_capitals(item.lines, counts), vocab.acronyms)
            level = levels[id(item)]
            if level == 2 and chapter_title and text.casefold() == chapter_title:
                continue  # the chapter title again at a page top: a running header
            if level == 1:
                chapter_title = text.casefold()
            if level == 1:
                kind = structure.section_kind_for(text, after_body=chapters > 0)
                if kind == "back":
                    in_back = True
                elif in_back and item.style not in {Style.CONTENTS, Style.CONTENTS_SUB}:
                    kind = "back"  # pages after the glossary are not chapters
                elif kind == "body":
                    chapters += 1
            else:
                kind = current.kind if current else "body"
            current = ParsedSection(title=text, level=level, kind=kind)
            sections.append(current)
            continue
        if current is None:
            has_headings = any(i.kind == "heading" for i in items)
            opening = title or (fallback_title if not has_headings else "") or "Opening"
            kind = "front" if toc_matched else "body"
            current = ParsedSection(title=opening if not toc_matched else "Front matter", kind=kind)
            sections.append(current)
        paragraph = _paragraph(item, vocab, markdown)
        current.paragraphs.append(paragraph)
        if item.note_offset:
            note_offsets[id(paragraph)] = item.note_offset

    opening = next((s for s in sections if s.kind != "front"), None)
    if (
        opening is not None
        and opening.paragraphs
        and opening.title in {title, "Opening"}
        and all(structure.ATTENDANCE.match(p.text) for p in opening.paragraphs)
    ):
        opening.kind = "front"  # minutes: who was present, before the business
    if chapters == 0:
        if any(s.level == 2 for s in sections):
            warnings.insert(0, _("no chapters found; sub-headings only"))
        else:
            warnings.insert(0, _("no chapters found"))
    if not sections:
        sections.append(ParsedSection(title=title or "Text"))
    return sections, title, author


def _lazy_vocabulary(lines: list[str]) -> Callable[[str], bool]:
    """The text's own words, read only if a letter-spaced line needs segmenting."""
    vocab: list[Vocabulary] = []

    def knows(word: str) -> bool:
        if not vocab:
            vocab.append(Vocabulary.from_text("\n".join(lines)))
        return vocab[0].knows(word)

    return knows


def _extract_markers(
    paragraphs: list[ParsedParagraph], notes: dict[int, str], offsets: dict[int, int]
) -> None:
    """Markers counted 1, 2, 3… through the text; where a chapter numbers its notes
    from 1 again (offsets, by paragraph id), the count starts again and is shifted."""
    current = 0
    state = footnotes.NoteState(known=notes)
    for p in paragraphs:
        offset = offsets.get(id(p), 0)
        if offset != current:
            current = offset
            known = {n - offset: text for n, text in notes.items() if n > offset}
            state = footnotes.NoteState(known=known)
        p.text, p.refs = footnotes.extract_markers(p.text, state)
        for ref in p.refs:
            ref.number += offset


def _chapters_counting_afresh(
    sections: list[ParsedSection],
    notes: dict[int, str],
    restarts: list[int],
    offsets: dict[int, int],
) -> None:
    """Page notes numbered from 1 again in each chapter (`restarts`: the shift of each
    fresh count, in order): a chapter, with its sub-sections, whose markers count from 1
    again after markers in an earlier chapter takes the next shift."""
    if not restarts:
        return
    chapters: list[list[ParsedParagraph]] = []
    for section in sections:
        if section.level == 1 or not chapters:
            chapters.append([])
        chapters[-1].extend(section.paragraphs)
    pending = list(restarts)
    offset = 0
    marked = False
    for paragraphs in chapters:
        first = _first_marker(paragraphs, notes, pending[0]) if pending else None
        if first == 1 and marked:
            offset = pending.pop(0)
        marked = marked or first is not None
        for p in paragraphs:
            if offset and id(p) not in offsets:
                offsets[id(p)] = offset


def _first_marker(
    paragraphs: list[ParsedParagraph], notes: dict[int, str], shift: int
) -> int | None:
    """The first note marker in a chapter, counting from 1 (a trial: the text is kept)."""
    state = footnotes.NoteState(known={n - shift: t for n, t in notes.items() if n > shift})
    for p in paragraphs:
        _text, refs = footnotes.extract_markers(p.text, state)
        if refs:
            return refs[0].number
    return None


def _paragraph(item: Item, vocab: Vocabulary, markdown: bool) -> ParsedParagraph:
    sep = " / " if item.kind == "verse" else " "
    text = clean.join_lines(item.lines, vocab, sep=sep)
    if markdown:
        for pattern, repl in _MD_INLINE:
            text = pattern.sub(repl, text)
    return ParsedParagraph(text=text.strip(), kind=item.kind)


def _mark_pull_quotes(paragraphs: list[ParsedParagraph]) -> None:
    """Short paragraphs repeating text found elsewhere are pull-quotes or blurbs."""
    if len(paragraphs) < 3:
        return
    keys = [re.sub(r"[^a-z]+", "", p.text.lower()) for p in paragraphs]
    whole = "|".join(keys)
    checked = 0
    for p, key in zip(paragraphs, keys, strict=True):
        if p.kind not in {"prose", "quote", "caption"} or not 8 <= p.words <= 60:
            continue
        checked += 1
        if checked > 100:
            break  # each probe scans the whole text; keep big files linear
        probe = key[:60]
        if len(probe) >= 40 and whole.count(probe) >= 2:
            p.kind = "quote"


def _setext_to_atx(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        m = _SETEXT.match(line)
        if m and out and out[-1].strip() and not out[-1].lstrip().startswith("#"):
            out[-1] = ("# " if m.group(1)[0] == "=" else "## ") + out[-1].strip()
            continue
        out.append(line)
    return out


MAX_SPLIT_PIECE_COUNT = 2  # a piece seen only where the same word is split again


def _mend_spaced_capitals(lines: list[str], counts: Counter[str]) -> list[str]:
    """A heading set in letter-spaced capitals may reach the text layer with a gap inside
    a word ("TOW ARDS", "GRANAR Y"): two pieces, one hardly found elsewhere in the text,
    that make a word the text uses elsewhere are one word."""
    out = []
    for line in lines:
        tokens = line.split()
        if not tokens or line.upper() != line:
            out.append(line)
            continue
        mended: list[str] = []
        for token in tokens:
            if (
                mended
                and mended[-1].isalpha()
                and token.isalpha()
                and min(counts[mended[-1].lower()], counts[token.lower()]) <= MAX_SPLIT_PIECE_COUNT
                and counts[(mended[-1] + token).lower()] >= 1
            ):
                mended[-1] += token
            else:
                mended.append(token)
        out.append(line[: len(line) - len(line.lstrip())] + " ".join(mended))
    return out


def _title_from_filename(filename: str) -> str:
    """The file's name as a title, or "" when it is only numbers and hashes."""
    stem = PurePath(filename).stem if filename else ""
    words = re.sub(r"[_\s]+", " ", stem).split()
    if all(_NOT_A_NAME.match(w) for w in words):
        return ""
    return " ".join(words)


def _title_from_opening(sections: list[ParsedSection]) -> str:
    """A stand-in title from the text itself: the small-caps words that open it
    ("TREMORS COME BEFORE EARTHQUAKES." → "Tremors Come Before Earthquakes"), or its first
    words."""
    first = next((p.text for s in sections if s.kind == "body" for p in s.paragraphs), "")
    if not first:
        return "Untitled"
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    sentence = re.sub(r"(?<=[^\W\d_])\d{1,3}\b", "", sentence)  # a note marker glued on
    caps = _CAPS_OPENING.match(sentence)
    if caps and len(caps.group(1).split()) >= 2:
        return smart_title(caps.group(1).rstrip(",;:"))
    words = sentence.rstrip(".!?").split()
    if len(words) <= MAX_OPENING_TITLE_WORDS:
        return " ".join(words)
    return " ".join(words[:MAX_OPENING_TITLE_WORDS]).rstrip(",;:") + "…"
