"""File formats: the one entry point that turns an uploaded file into a ParsedText.

Plain text and Markdown go straight to the pipeline (parse_bytes). A PDF's text layer
is extracted page by page and handed to parse_text, so that page numbers, running
headers and wrapped lines are cleaned like any other text. An EPUB's markup already
says what is a heading, a paragraph, a quote or a note, so it is turned into sections
directly, with its own table of contents as the list of sections.

Every problem a curator can cause (empty, too big, wrong format, encrypted, scanned,
corrupt) becomes an ImportProblem whose message is shown as it is; no exception from
ebooklib, lxml or pypdf escapes.
"""

from __future__ import annotations

import io
import posixpath
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import columns, margins, pipeline
from . import pages as page_map
from .document import (
    FootnoteRef,
    ImportProblem,
    ParsedFootnote,
    ParsedParagraph,
    ParsedSection,
    ParsedText,
)
from .footnotes import NOTE_START, note_number, parse_note_lines
from .i18n import gettext as _
from .i18n import gettext_noop, ngettext
from .structure import section_kind_for  # front/back matter keywords: formats agree

TEXT_EXTENSIONS = (".txt", ".text")
MARKDOWN_EXTENSIONS = (".md", ".markdown")
SUPPORTED = gettext_noop("use .txt, .md, .epub or .pdf")

# A PDF page with fewer letters/digits than this counts as having no text layer.
_MIN_CHARS_PER_PAGE = 20


Progress = Callable[[str], None] | None


def read_document(
    data: bytes, filename: str, *, max_bytes: int, progress: Progress = None
) -> ParsedText:
    """Parse an uploaded file. Raises ImportProblem with a message for the curator.

    `progress`, if given, is called with each finished stage's name: "decode", then
    "clean", "structure" and "footnotes" (an EPUB reports them all once it is read).
    """
    name = Path(filename).name or "this file"
    ext = Path(filename).suffix.lower()
    if ext not in (*TEXT_EXTENSIONS, *MARKDOWN_EXTENSIONS, ".epub", ".pdf"):
        if not ext:
            raise ImportProblem(
                _("%(name)s has no file extension; %(supported)s.")
                % {"name": name, "supported": _(SUPPORTED)}
            )
        raise ImportProblem(
            _("%(name)s: %(ext)s is not supported; %(supported)s.")
            % {"name": name, "ext": ext, "supported": _(SUPPORTED)}
        )
    # A text file of only blank lines is as empty as one of no bytes.
    if not data or (ext not in (".epub", ".pdf") and not data.strip(b" \t\r\n\f\x00")):
        raise ImportProblem(_("%(name)s is empty.") % {"name": name})
    _check_size(name, len(data), max_bytes)

    if ext == ".epub":
        parsed = read_epub(data, name)
        if progress is not None:
            for stage in ("decode", "clean", "structure", "footnotes"):
                progress(stage)
        return parsed
    if ext == ".pdf":
        return read_pdf(data, name, progress=progress)
    return _read_plain(data, name, progress=progress)


def read_path(path: str | Path, *, max_bytes: int, progress: Progress = None) -> ParsedText:
    """Like read_document, for a file on disk; the size is checked before reading."""
    path = Path(path)
    try:
        if not path.exists():
            raise ImportProblem(_("no such file: %(path)s") % {"path": path})
        if path.is_dir():
            raise ImportProblem(_("%(path)s is a folder, not a file.") % {"path": path})
        _check_size(path.name, path.stat().st_size, max_bytes)
        data = path.read_bytes()
    except OSError as exc:
        raise ImportProblem(
            _("could not read %(path)s: %(reason)s") % {"path": path, "reason": exc.strerror or exc}
        ) from exc
    return read_document(data, path.name, max_bytes=max_bytes, progress=progress)


# --------------------------------------------------------------------------- sizes


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        base = _size_base(max_bytes)
        raise ImportProblem(
            _("%(name)s is %(size)s; the limit is %(limit)s.")
            % {
                "name": name,
                "size": _human_size(size, base),
                "limit": _human_size(max_bytes, base),
            }
        )


def _size_base(max_bytes: int) -> int:
    # Say "20 MB" for a 20_000_000 limit as well as for 20 * 1024 * 1024.
    if max_bytes % 1000 == 0 and max_bytes % 1024 != 0:
        return 1000
    return 1024


def _human_size(size: int, base: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < base or unit == "GB":
            break
        value /= base
    if unit == "bytes":
        return f"{size} bytes"
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


# --------------------------------------------------------------------------- plain text

# Signatures of common binary formats, so that a renamed file gets a useful message.
_MAGIC = (
    (b"%PDF-", gettext_noop("a PDF")),
    (b"PK\x03\x04", gettext_noop("a ZIP archive (an EPUB, a Word or an OpenDocument file?)")),
    (b"\x89PNG", gettext_noop("a PNG image")),
    (b"\xff\xd8\xff", gettext_noop("a JPEG image")),
    (b"GIF8", gettext_noop("a GIF image")),
    (b"\xd0\xcf\x11\xe0", gettext_noop("an old Word or Excel file")),
    (b"{\\rtf", gettext_noop("an RTF document")),
    (b"\x1f\x8b", gettext_noop("a gzip archive")),
    (b"7z\xbc\xaf", gettext_noop("a 7-Zip archive")),
    (b"Rar!", gettext_noop("a RAR archive")),
)


def _read_plain(data: bytes, name: str, progress: Progress = None) -> ParsedText:
    what = _sniff_binary(data)
    if what:
        raise ImportProblem(
            _("%(name)s is not a text file; it looks like %(what)s.")
            % {"name": name, "what": _(what)}
        )
    try:
        return pipeline.parse_bytes(data, name, progress=progress)
    except UnicodeError as exc:
        raise ImportProblem(
            _("%(name)s is not readable text (%(reason)s).") % {"name": name, "reason": exc.reason}
        ) from exc


def _sniff_binary(data: bytes) -> str | None:
    head = data[:8]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    sample = data[:65536]
    # UTF-16 text has many NULs but starts with a BOM; leave that to the decoder.
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    if sample.count(b"\x00") > len(sample) // 100:
        # UTF-16 without a BOM has a NUL in every other byte; binary has them anywhere.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        half = len(sample) / 2
        if max(even, odd) < 0.3 * half or min(even, odd) > 0.05 * half:
            return "a binary file"
        return None
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32 and b != 27)
    if controls > len(sample) // 20:
        return "a binary file"
    return None


# --------------------------------------------------------------------------- PDF


def read_pdf(data: bytes, name: str = "this PDF", progress: Progress = None) -> ParsedText:
    pages, meta_title, meta_author, pdf_labels, margin_notes = _pdf_pages(data, name)
    if not pages:
        raise ImportProblem(
            _("%(name)s is damaged or is not really a PDF (it has no pages).") % {"name": name}
        )
    empty = [i for i, text in enumerate(pages, 1) if _letters(text) < _MIN_CHARS_PER_PAGE]
    total = sum(_letters(text) for text in pages)
    if total < _MIN_CHARS_PER_PAGE * max(1, len(pages) // 2) or len(empty) > 0.8 * len(pages):
        raise ImportProblem(
            _(
                "this PDF has no text layer (scanned images?): %(name)s has %(pages)d page(s) "
                "but almost no text can be extracted. Run it through OCR first, or import "
                "a .txt or .epub edition."
            )
            % {"name": name, "pages": len(pages)}
        )

    # We still know where each page starts and ends, so running headers and page
    # numbers are dropped here; form feeds keep the boundaries for the pipeline.
    labels = page_labels(pages, pdf_labels)
    pages = _mark_page_notes(_align_text_block(_strip_page_furniture(pages)))
    text = "\n\f\n".join(page.strip("\n") for page in pages)
    if progress is not None:
        progress("decode")
    parsed = pipeline.parse_text(text, filename=name, progress=progress)
    parsed.pages = page_map.locate(
        parsed.sections,
        [
            page_map.PageCut(label, page[: page_map.OPENING_CHARS])
            for label, page in zip(labels, pages, strict=True)
            if label
        ],
    )
    if meta_title and _plausible_meta(meta_title):
        _retitle_opening(parsed, meta_title)
        parsed.title = meta_title
        dropped = {_(w) for w in pipeline.NO_TITLE_WARNINGS}
        parsed.warnings = [w for w in parsed.warnings if w not in dropped]
    if meta_author and _plausible_meta(meta_author):
        parsed.author = meta_author
    if margin_notes:
        parsed.warnings.append(
            ngettext(
                "%(count)d note printed in the margin was left out of the text",
                "%(count)d notes printed in the margin were left out of the text",
                margin_notes,
            )
            % {"count": margin_notes}
        )
    if empty:
        parsed.warnings.append(
            _("%(empty)d of %(pages)d pages had no text (images?): pages %(ranges)s")
            % {"empty": len(empty), "pages": len(pages), "ranges": _ranges(empty)}
        )
    return parsed


def _retitle_opening(parsed: ParsedText, title: str) -> None:
    """The text before the first heading is named after the title the title page seemed
    to show; where that was a line above the title (the issuing body: "Carrow Research
    Unit" over the paper's title), the file's own title names it instead."""
    opening = parsed.sections[0] if parsed.sections else None
    if (
        opening is not None
        and parsed.title
        and opening.title == parsed.title
        and _line_key(title) != _line_key(parsed.title)
    ):
        opening.title = title


def _pdf_pages(data: bytes, name: str) -> tuple[list[str], str | None, str | None, list[str], int]:
    """The pages' text, the metadata's title and author, the page labels, and how many
    notes in the margins were left out."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import DependencyError
    except ImportError as exc:  # pragma: no cover - pypdf is a dependency
        raise ImportProblem(_("PDF import is not available on this server.")) from exc

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except (DependencyError, NotImplementedError) as exc:
                    raise _encrypted(name) from exc
                if not opened:
                    raise _encrypted(name)
            # Glosses in the margin would land inside sentences: they are left out.
            split = [margins.split_margin_notes(_page_lines(page)) for page in reader.pages]
            layouts = [lines for lines, _notes in split]
            margin_notes = sum(len(notes) for _lines, notes in split)
            usual = columns.usual_gutter(layouts)  # for a two-column book's short pages
            pages = [_page_text(lines, usual) for lines in layouts]
            try:
                labels = list(reader.page_labels)
            except Exception:  # noqa: BLE001 - a broken label tree: number the pages
                labels = [str(i) for i in range(1, len(pages) + 1)]
            meta = reader.metadata
            title = _clean_meta(meta.title if meta else None)
            author = _clean_meta(meta.author if meta else None)
    except ImportProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on broken files
        raise ImportProblem(
            _("%(name)s is damaged or is not really a PDF (%(reason)s).")
            % {"name": name, "reason": _reason(exc)}
        ) from exc
    return pages, title, author, labels, margin_notes


def _page_lines(page: object) -> list[str]:
    """A page's lines as laid out, with blank lines where the page has vertical gaps."""
    try:
        # Layout mode keeps the gaps between paragraphs and before headings, which
        # plain mode drops; its column alignment spaces are not wanted, though.
        text = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # noqa: BLE001 - fall back to plain mode on odd pages
        text = ""
    if not text.strip():
        try:
            text = page.extract_text() or ""
        except Exception:  # noqa: BLE001 - one broken page should not sink the book
            return []
    return [line.rstrip() for line in text.splitlines()]


def _page_text(lines: list[str], usual_gutter: int | None = None) -> str:
    """A page's text with blank lines where the page has vertical gaps (paragraphs)."""
    # Two columns side by side: the left one, then the right one.
    lines = columns.reorder_page(lines, usual_gutter)
    # Keep indentation relative to the page's left margin (the pipeline reads it as
    # evidence of paragraph starts), but not the layout's padding between words.
    margin = min((len(ln) - len(ln.lstrip()) for ln in lines if ln.strip()), default=0)
    lines = [
        " " * min(20, len(ln) - len(ln.lstrip()) - margin) + " ".join(ln.split())
        if ln.strip()
        else ""
        for ln in lines
    ]
    return re.sub(r"\n{4,}", "\n\n\n", "\n".join(lines)).strip("\n")


# "12", "- 12 -", "Page 12", "12 of 40", "xiv" (lower-case roman only: "Civil" is a word).
_PAGE_NUMBER_LINE = re.compile(
    r"^\s*(?i:page\s+)?[-–—|·•(\[]?\s*(\d{1,4}|[ivxlc]{1,7})\s*[-–—|·•)\]]?"
    r"(?:\s*(?:of|/)\s*\d{1,4})?\s*$"
)
_EDGE_NUMBER = re.compile(r"^\s*\d{1,4}\s+|\s+\d{1,4}\s*$")
_EDGE_LINES = 2  # how many lines at the top and at the bottom of a page to look at


def _strip_page_furniture(pages: list[str]) -> list[str]:
    """Drop page numbers and running headers/footers from the edges of each page.

    A line at a page's edge goes if it is a bare page number, if the same line stands
    at the edge of 3 or more pages (a header without a number), or if it carries a
    number at one end and, without it, repeats on 2 or more pages ("12  Book Title").
    A chapter heading at the top of its first page is unique, so it stays.
    """
    if len(pages) < 3:
        return [_drop_edge_numbers(page) for page in pages]
    exact: dict[str, int] = {}
    keyed: dict[str, int] = {}
    for page in pages:
        for line in _edge_lines(page):
            exact[_line_key(line)] = exact.get(_line_key(line), 0) + 1
            if _EDGE_NUMBER.search(line):
                key = _line_key(_EDGE_NUMBER.sub("", line))
                keyed[key] = keyed.get(key, 0) + 1

    def furniture(line: str) -> bool:
        if _PAGE_NUMBER_LINE.match(line):
            return True
        if exact.get(_line_key(line), 0) >= 3:
            return True
        # With its page number, a short chapter's header may stand on only two pages.
        return (
            bool(_EDGE_NUMBER.search(line))
            and keyed.get(_line_key(_EDGE_NUMBER.sub("", line)), 0) >= 2
        )

    # The title page shows the title, not a header, unless the header runs over it too.
    out = [_title_page_furniture(_drop_edge_numbers(pages[0]), exact, keyed)]
    for page in pages[1:]:
        lines = page.split("\n")
        content = [i for i, line in enumerate(lines) if line.strip()]
        edges = set(content[:_EDGE_LINES] + content[-_EDGE_LINES:])
        dropped = _one_folio({i for i in edges if furniture(lines[i])}, lines, exact, keyed)
        out.append("\n".join(ln for i, ln in enumerate(lines) if i not in dropped))
    return out


def _title_page_furniture(page: str, exact: dict[str, int], keyed: dict[str, int]) -> str:
    """A header template prints on the title page as well: its first line, when it stands
    at the edge of the later pages and holds more than a title set below it on the page
    ("Course 101 · The Tram Depot" over "The Tram Depot"), goes; so does its last line
    when that is the pages' folio ("Course pack page 1"). A header that is the title
    alone stays: it may be the only title the page shows."""
    lines = page.split("\n")
    content = [i for i, line in enumerate(lines) if line.strip()]
    if len(content) < 3:
        return page
    first, last = content[0], content[-1]
    head = _line_key(lines[first])
    below = [_line_key(lines[i]) for i in content[1:]]
    dropped = set()
    # Later pages' text layer may cut the header short: "Paper 16 — The Tow" for "… Towpath".
    recurs = any(
        count >= 3 and (key == head or (len(key.split()) >= 3 and head.startswith(key)))
        for key, count in exact.items()
    )
    solid = head.replace(" ", "")  # "A fter the Library Van": kerning read as a space
    if recurs and any(k and k != head and k.replace(" ", "") in solid for k in below):
        dropped.add(first)
    if _EDGE_NUMBER.search(lines[last]) and (
        keyed.get(_line_key(_EDGE_NUMBER.sub("", lines[last])), 0) >= 2
    ):
        dropped.add(last)
    return "\n".join(ln for i, ln in enumerate(lines) if i not in dropped)


def _one_folio(
    dropped: set[int], lines: list[str], exact: dict[str, int], keyed: dict[str, int]
) -> set[int]:
    """A page carries one page number: of two numbered lines at its edges that recur,
    the one on more pages is the folio ("Course pack page 4"), the other a kicker that
    numbers what the page opens ("READING 2" over the reading's title), kept."""
    numbered = [
        i
        for i in dropped
        if not _PAGE_NUMBER_LINE.match(lines[i])
        and exact.get(_line_key(lines[i]), 0) < 3
        and _EDGE_NUMBER.search(lines[i])
    ]
    if len(numbered) < 2:
        return dropped
    folio = max(numbered, key=lambda i: keyed.get(_line_key(_EDGE_NUMBER.sub("", lines[i])), 0))
    return dropped - (set(numbered) - {folio})


# A line this long is a line of prose: its left edge is the text block's.
_TEXT_BLOCK_LINE = 60


def _align_text_block(pages: list[str]) -> list[str]:
    """A running head or folio set wider than the text block leaves every line of the
    page indented once they are gone; the page's prose lines show where the text block
    starts, and the page is set back to it. A page with no prose line (a title page, a
    centred dedication) keeps its indentation."""
    out = []
    for page in pages:
        lines = page.split("\n")
        indents = [len(ln) - len(ln.lstrip()) for ln in lines if ln.strip()]
        prose = [len(ln) - len(ln.lstrip()) for ln in lines if len(ln.strip()) >= _TEXT_BLOCK_LINE]
        margin = min(prose, default=0)
        if margin and min(indents) >= margin:
            lines = [ln[margin:] for ln in lines]
        out.append("\n".join(lines))
    return out


def page_labels(pages: list[str], pdf_labels: list[str]) -> list[str | None]:
    """Each page's label as printed on it, for the page map.

    The number at a page's edge (bare, or at one end of a running header that recurs)
    when the pages carry them; a page without one (a chapter opening) is counted on
    from the page before, or back from the page after. With no printed numbers at all,
    the PDF's own page labels (1, 2, 3… unless the file says otherwise). A page still
    without a label (an unnumbered title page) gets no marker.
    """
    keyed: dict[str, int] = {}
    for page in pages:
        for line in _edge_lines(page):
            if _EDGE_NUMBER.search(line) and not _PAGE_NUMBER_LINE.match(line):
                key = _line_key(_EDGE_NUMBER.sub("", line))
                keyed[key] = keyed.get(key, 0) + 1
    printed: list[str | None] = []
    last = 0
    for page in pages:
        number = None
        for line in _edge_lines(page):
            m = _PAGE_NUMBER_LINE.match(line)
            if m:
                number = m.group(1)
            elif (
                _EDGE_NUMBER.search(line)
                and keyed.get(_line_key(_EDGE_NUMBER.sub("", line)), 0) >= 2
            ):
                number = _EDGE_NUMBER.search(line).group(0).strip()
            if number:
                break
        if number and number.isdigit():
            if int(number) <= last:
                number = None  # numbers go up: this one is in the text (a table, a date)
            else:
                last = int(number)
        printed.append(number)
    if not any(n and n.isdigit() for n in printed):
        # The file's own labels, when they are page numbers ("Cover" is not one).
        own = [label.lower() if _LABEL.match(label) else None for label in pdf_labels]
        labels = own[: len(pages)] + [None] * (len(pages) - len(own))
        return [label if labels.index(label) == i else None for i, label in enumerate(labels)]
    labels = list(printed)
    for i in range(len(labels)):  # counted on from the page before
        if labels[i] is None and i and labels[i - 1] and labels[i - 1].isdigit():
            labels[i] = str(int(labels[i - 1]) + 1)
    for i in range(len(labels) - 2, -1, -1):  # or back from the page after
        after = labels[i + 1]
        if labels[i] is None and after and after.isdigit() and int(after) > 1:
            labels[i] = str(int(after) - 1)
    seen: set[str] = set()
    for i, label in enumerate(labels):
        if label in seen:
            labels[i] = None
        elif label:
            seen.add(label)
    return labels


_LABEL = re.compile(r"^(?:\d{1,4}|[ivxlc]{1,7})$", re.IGNORECASE)


def _drop_edge_numbers(page: str) -> str:
    lines = page.split("\n")
    content = [i for i, line in enumerate(lines) if line.strip()]
    edges = set(content[:1] + content[-1:])
    return "\n".join(
        ln for i, ln in enumerate(lines) if i not in edges or not _PAGE_NUMBER_LINE.match(ln)
    )


def _edge_lines(page: str) -> list[str]:
    content = [line for line in page.split("\n") if line.strip()]
    if len(content) <= 2 * _EDGE_LINES:
        return content
    return content[:_EDGE_LINES] + content[-_EDGE_LINES:]


def _line_key(line: str) -> str:
    return " ".join(line.casefold().split())


_PAGE_NOTES_HEADING = re.compile(r"^\s*(?:notes?|footnotes?)\s*:?\s*$", re.IGNORECASE)
_NOTES_SEPARATOR = "_" * 10  # what a text file shows where the PDF drew its rule
_MAX_NOTES_SHARE = 0.5  # notes take at most the bottom half of a page


def _mark_page_notes(pages: list[str]) -> list[str]:
    """Notes at the bottom of a page, under a rule (which the text layer drops) or a
    "Notes" line: put a separator line back above them, so that the pipeline takes
    them out as it does a text file's page-bottom notes.

    A page's notes must continue the count (1, 2, 3… through the document, or from 1
    again where a book numbers them by chapter) and their first number must stand as a
    marker in the page's text above them.
    """
    expected = 1
    out = []
    for page in pages:
        lines = page.split("\n")
        found = _page_notes(lines, expected)
        if found is None and expected > 1:
            found = _fresh_page_notes(lines)
        if found is None:
            out.append(page)
            continue
        body_end, first, numbers = found
        notes = [line.strip() for line in lines[first:] if line.strip()]
        out.append("\n".join([*lines[:body_end], "", _NOTES_SEPARATOR, *notes]))
        expected = max(numbers) + 1
    return out


MAX_LINES_PER_PAGE_NOTE = 3  # a foot-note wrapped; more below it is text, not notes


def _fresh_page_notes(lines: list[str]) -> tuple[int, int, list[int]] | None:
    """A page's notes counting from 1 again, as a book numbering them by chapter prints
    them: only when they alone close the page, a few lines each (a letter's notes with
    the next letter's heading below them are the letter's own, not the page's)."""
    found = _page_notes(lines, 1)
    if found is None:
        return None
    _body_end, first, numbers = found
    below = [line for line in lines[first:] if line.strip()]
    if len(below) > MAX_LINES_PER_PAGE_NOTE * len(numbers):
        return None
    # "5. To Ada Hart" or a centred dateline under the notes: the next letter.
    starts = [note_number(m) for line in below if (m := NOTE_START.match(line))]
    set_apart = any(line.startswith("    ") for line in below)
    return found if starts == sorted(numbers) and not set_apart else None


def _page_notes(lines: list[str], expected: int) -> tuple[int, int, list[int]] | None:
    """(end of the body, first note line, note numbers) at the bottom of a page."""
    floor = int(len(lines) * (1 - _MAX_NOTES_SHARE))
    for i in range(max(1, floor), len(lines)):
        m = NOTE_START.match(lines[i])
        if not m or lines[i].startswith("    "):
            continue
        number = note_number(m)
        if not expected <= number <= expected + 3:
            continue
        if any(
            (n := NOTE_START.match(line)) and note_number(n) == number for line in lines[i + 1 :]
        ):
            continue  # "3 Letters about …", a numbered heading above the page's note 3
        above = lines[i - 1].strip()
        if above and not _PAGE_NOTES_HEADING.match(above):
            continue  # neither a gap nor a "Notes" line: a numbered list in the text
        body_end = i - 1
        body = "\n".join(lines[:body_end])
        if not re.search(rf"(?:[^\W\d]|[.,;:!?”’\"')])(?:{number}|\[{number}\])(?!\d)", body):
            continue  # no marker for it: not a note
        notes = parse_note_lines(lines[i:], start=number - 1)
        return body_end, i, sorted(notes)
    return None


def _encrypted(name: str) -> ImportProblem:
    return ImportProblem(
        _("%(name)s is an encrypted PDF (password-protected); remove the password and try again.")
        % {"name": name}
    )


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalnum())


def _clean_meta(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _plausible_meta(value: str) -> bool:
    # Word processors fill in "Microsoft Word - draft3.docx" or "untitled".
    lowered = value.lower()
    return not (
        lowered in {"untitled", "unknown", "title", "author", "anonymous", "user", "admin"}
        or re.search(r"\.(docx?|odt|rtf|pdf|tex|indd|pages|html?)\b", lowered)
        or lowered.startswith("microsoft")
        # A browser's print to PDF: "about:blank", a web address, a temporary file.
        or re.match(r"^(?:about|data|file|https?):|^www\.", lowered)
        or re.fullmatch(r"[0-9a-f_-]{8,}|\S*_\S*", lowered)  # a hash or a file stem
    )


def _ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(parts)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__


# --------------------------------------------------------------------------- EPUB

_XHTML_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_SKIP_TAGS = {"script", "style", "head", "title", "nav", "svg", "math", "img", "object"}
# Blocks whose text is one paragraph; everything else is a container we walk into.
_LEAF_BLOCKS = {"p", "li", "dt", "dd", "figcaption", "caption", "pre", "td", "th", "address"}
_CONTAINERS = {
    "body", "div", "section", "article", "main", "header", "footer", "figure", "blockquote",
    "ul", "ol", "dl", "aside", "table", "thead", "tbody", "tfoot", "tr", "hgroup", "center",
    "poem", "stanza", "details", "summary",
}  # fmt: skip
_BLOCKS = _CONTAINERS | _LEAF_BLOCKS | set(_XHTML_HEADINGS) | {"hr"}
_NOTE_TYPES = {"footnote", "endnote", "rearnote", "note", "footnotes", "endnotes", "rearnotes"}
_NOTE_ROLES = {"doc-footnote", "doc-endnote", "doc-endnotes"}
_MARKER = re.compile(r"^[\[(]?(\d{1,3}|[*†‡§¶]+|[ivxlc]{1,5}|[a-z])[\])]?\.?$")
_EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"

# Footnote markers travel inside paragraph text as private-use characters (START,
# one character per digit, END) until the paragraph is built and offsets recorded.
_FN_START, _FN_END, _FN_DIGIT0 = "\ue000", "\ue001", 0xE010
_NOTES_TITLE = re.compile(r"(end|foot)?\s?notes")
_FN_TOKEN = re.compile("\ue000([\ue010-\ue019]+)\ue001")


def _fn_token(number: int) -> str:
    return _FN_START + "".join(chr(_FN_DIGIT0 + int(d)) for d in str(number)) + _FN_END


@dataclass
class _TocEntry:
    title: str
    level: int
    doc: str
    anchor: str | None
    used: bool = False


@dataclass
class _Epub:
    """What we take from the book before walking its documents."""

    title: str | None
    author: str | None
    docs: list[tuple[str, bytes]]  # spine order: (file name, xhtml)
    toc: list[_TocEntry]


def read_epub(data: bytes, name: str = "this EPUB") -> ParsedText:
    book = _open_epub(data, name)
    walker = _EpubWalker(book)
    try:
        events = walker.events()
    except ImportProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - lxml on broken markup
        raise ImportProblem(
            _("%(name)s is damaged: could not read its pages (%(reason)s).")
            % {"name": name, "reason": _reason(exc)}
        ) from exc
    if not any(kind != "heading" for kind, _text, _level in events):
        raise ImportProblem(_("%(name)s contains no text (only images?).") % {"name": name})
    parsed = _build_parsed(events, book, walker.notes, fallback_title=Path(name).stem)
    parsed.warnings.extend(walker.warnings)
    parsed.pages = page_map.locate(parsed.sections, _epub_page_cuts(book))
    return parsed


def _is_pagebreak(el: object) -> bool:
    """A print page's start marked in the markup (EPUB 3 and DPUB-ARIA)."""
    kinds = (el.get(_EPUB_TYPE) or el.get("epub:type") or "").split()
    return "pagebreak" in kinds or el.get("role") == "doc-pagebreak"


def _pagebreak_label(el: object) -> str | None:
    for value in (el.get("aria-label"), el.get("title"), "".join(el.itertext()), el.get("id")):
        if value:
            m = re.search(r"(\d{1,4}|\b[ivxlc]{1,7})\s*$", value.strip(), re.IGNORECASE)
            if m:
                label = m.group(1)
                return label if label.isdigit() else label.lower()
    return None


def _text_and_breaks(root: object) -> tuple[list[str], list[tuple[str, int]]]:
    """A document's text in order, as chunks, and (label, chunk index) at each page break."""
    chunks: list[str] = []
    marks: list[tuple[str, int]] = []

    def visit(el: object) -> None:
        tag = _local(el.tag)
        if tag in {"head", "script", "style"} or not tag:
            chunks.append(el.tail or "")
            return
        if _is_pagebreak(el):
            label = _pagebreak_label(el)
            if label:
                marks.append((label, len(chunks)))
            chunks.append(" " + (el.tail or ""))
            return
        chunks.append(" " + (el.text or ""))
        for child in el:
            visit(child)
        chunks.append(" " + (el.tail or ""))

    visit(root)
    return chunks, marks


def _epub_page_cuts(book: _Epub) -> list[page_map.PageCut]:
    """Each page break in the spine, with the text that follows it (the page's opening)."""
    cuts: list[page_map.PageCut] = []
    for _name, content in book.docs:
        try:
            root = _parse_xhtml(content)
        except Exception:  # noqa: BLE001 - the walker has already read these documents
            continue
        if root is None:
            continue
        chunks, marks = _text_and_breaks(root)
        for label, at in marks:
            opening = ""
            for chunk in chunks[at:]:
                opening += chunk
                if len(opening) >= page_map.OPENING_CHARS:
                    break
            cuts.append(page_map.PageCut(label, opening[: page_map.OPENING_CHARS]))
    return cuts


def _build_parsed(
    events: list[tuple[str, str, int]],
    book: _Epub,
    notes: dict[int, str],
    *,
    fallback_title: str,
) -> ParsedText:
    """Sections straight from the markup.

    The EPUB already says what is a heading, a quote or a list item, so we do not run
    parse_text's layout guessing over it (in Markdown mode it still turns short
    unpunctuated paragraphs such as "Thank you for coming" into headings).
    """
    has_headings = any(kind == "heading" for kind, _t, _l in events)
    sections: list[ParsedSection] = []
    current: ParsedSection | None = None
    parent_kind = "body"
    found: set[int] = set()
    for kind, text, level in events:
        text = _clean_text(text)
        if kind == "heading":
            title = _FN_TOKEN.sub("", text).strip()
            if level == 1:
                after_body = any(sec.kind == "body" and sec.level == 1 for sec in sections)
                parent_kind = section_kind_for(title, after_body=after_body)
            current = ParsedSection(title=title, level=level, kind=parent_kind)
            sections.append(current)
            continue
        if current is None:
            # Before the first heading: a title page, copyright, dedication.
            if has_headings:
                current = ParsedSection(title="Front matter", kind="front")
            else:
                current = ParsedSection(title=book.title or fallback_title)
            sections.append(current)
        para = _paragraph_with_refs(text, kind)
        if para.text:
            found.update(para.footnote_numbers)
            current.paragraphs.append(para)

    # The notes' own document is left as an empty "Notes" section: drop it.
    sections = [
        sec
        for sec in sections
        if sec.paragraphs or not (notes and _NOTES_TITLE.fullmatch(_norm(sec.title)))
    ]
    warnings: list[str] = []
    if not any(sec.kind == "body" and sec.level == 1 for sec in sections) or not has_headings:
        warnings.append(_("no chapters found"))
    if notes and len(found) < len(notes):
        warnings.append(
            _("%(count)d footnote(s) have no marker in the text")
            % {"count": len(notes) - len(found)}
        )
    return ParsedText(
        title=book.title or fallback_title,
        author=book.author,
        sections=sections,
        footnotes=[ParsedFootnote(number=n, text=_clean_text(t)) for n, t in sorted(notes.items())],
        warnings=warnings,
    )


def _clean_text(text: str) -> str:
    # Soft hyphens and zero-width spaces that EPUBs are full of; split() takes care of
    # no-break and other odd spaces.
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    return " ".join(unicodedata.normalize("NFC", text).split())


def _paragraph_with_refs(text: str, kind: str) -> ParsedParagraph:
    """Take the marker tokens out of the text, recording where they stood."""
    refs: list[FootnoteRef] = []
    out: list[str] = []
    length = pos = 0
    for m in _FN_TOKEN.finditer(text):
        chunk = text[pos : m.start()]
        # "meeting. ¹" → the marker belongs right after the full stop.
        if m.start() > 0 and chunk.endswith(" ") and (m.end() == len(text) or text[m.end()] == " "):
            chunk = chunk.rstrip()
        out.append(chunk)
        length += len(chunk)
        number = int("".join(str(ord(c) - _FN_DIGIT0) for c in m.group(1)))
        refs.append(FootnoteRef(offset=length, number=number))
        pos = m.end()
    out.append(text[pos:])
    clean = " ".join("".join(out).split())
    for ref in refs:
        ref.offset = min(ref.offset, len(clean))
    return ParsedParagraph(text=clean, kind=kind, refs=refs)


def _open_epub(data: bytes, name: str) -> _Epub:
    try:
        return _load_epub(data, name)
    except ImportProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - odd structures inside ebooklib's objects
        raise ImportProblem(
            _("%(name)s is damaged or is not a valid EPUB (%(reason)s).")
            % {"name": name, "reason": _reason(exc)}
        ) from exc


def _load_epub(data: bytes, name: str) -> _Epub:
    try:
        from ebooklib import ITEM_DOCUMENT, epub
    except ImportError as exc:  # pragma: no cover - ebooklib is a dependency
        raise ImportProblem(_("EPUB import is not available on this server.")) from exc

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportProblem(
            _("%(name)s is damaged or is not really an EPUB (it is not a ZIP archive).")
            % {"name": name}
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = epub.read_epub(io.BytesIO(data), {"ignore_ncx": True})
    except Exception as exc:  # noqa: BLE001 - ebooklib raises KeyError, IndexError, ...
        if _epub_is_drm(data):
            raise ImportProblem(
                _("%(name)s is protected by DRM (encrypted); only DRM-free EPUBs can be imported.")
                % {"name": name}
            ) from exc
        raise ImportProblem(
            _("%(name)s is damaged or is not a valid EPUB (%(reason)s).")
            % {"name": name, "reason": _reason(exc)}
        ) from exc
    if _epub_is_drm(data):
        raise ImportProblem(
            _("%(name)s is protected by DRM (encrypted); only DRM-free EPUBs can be imported.")
            % {"name": name}
        )

    def meta(field_name: str) -> str | None:
        try:
            values = book.get_metadata("DC", field_name)
        except Exception:  # noqa: BLE001
            return None
        for value, _attrs in values:
            cleaned = _clean_meta(value)
            if cleaned:
                return cleaned
        return None

    docs: list[tuple[str, bytes]] = []
    seen: set[str] = set()
    for idref, _linear in book.spine:
        item = book.get_item_with_id(idref)
        if item is None or item.get_type() != ITEM_DOCUMENT or item.file_name in seen:
            continue
        if isinstance(item, epub.EpubNav) or "nav" in (getattr(item, "properties", None) or []):
            continue  # the book's own table of contents page: we use its data instead
        seen.add(item.file_name)
        docs.append((item.file_name, item.get_content() or b""))

    toc: list[_TocEntry] = []
    # ebooklib gives a bare Link (not a list) for an NCX with an empty navMap.
    nodes = book.toc if isinstance(book.toc, list | tuple) else [book.toc]
    for title, level, href in _flatten_toc(nodes, 1):
        doc, _hash, anchor = href.partition("#")
        toc.append(
            _TocEntry(" ".join(title.split()), level, posixpath.normpath(doc), anchor or None)
        )
    toc = [entry for entry in toc if entry.title]
    # TOC paths are relative to the NCX, which may sit elsewhere than the OPF:
    # fall back to a unique match on the file's base name.
    names = {doc for doc, _item in docs}
    by_base: dict[str, list[str]] = {}
    for doc in names:
        by_base.setdefault(posixpath.basename(doc), []).append(doc)
    for entry in toc:
        if entry.doc not in names and len(by_base.get(posixpath.basename(entry.doc), [])) == 1:
            entry.doc = by_base[posixpath.basename(entry.doc)][0]
    return _Epub(meta("title"), meta("creator"), docs, toc)


def _epub_is_drm(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if "META-INF/encryption.xml" not in zf.namelist():
                return False
            # Font obfuscation also uses encryption.xml; only content encryption is DRM.
            xml = zf.read("META-INF/encryption.xml").decode("utf-8", "replace")
    except Exception:  # noqa: BLE001
        return False
    targets = re.findall(r'URI="([^"]+)"', xml)
    return any(not t.lower().endswith((".otf", ".ttf", ".woff", ".woff2")) for t in targets)


def _flatten_toc(nodes: Iterable[object], level: int) -> Iterator[tuple[str, int, str]]:
    for node in nodes:
        if node is None:
            continue
        if isinstance(node, tuple | list) and len(node) == 2 and isinstance(node[1], list):
            head, children = node
            href = str(getattr(head, "href", "") or "")
            title = str(getattr(head, "title", "") or "")
            # A part without a link of its own starts where its first child does.
            href = href or next((h for _t, _l, h in _flatten_toc(children, level + 1)), "")
            if href:
                yield title, level, href
            yield from _flatten_toc(children, level + 1)
        elif isinstance(node, list | tuple):
            yield from _flatten_toc(node, level)
        else:
            href = str(getattr(node, "href", "") or "")
            title = str(getattr(node, "title", "") or "")
            if href:
                yield title, level, href


_LOCAL_NAMES: dict[str, str] = {}


def _local(tag: object) -> str:
    """The tag without its namespace, lower-cased; "" for comments and PIs."""
    if not isinstance(tag, str):
        return ""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = _LOCAL_NAMES[tag] = tag.rsplit("}", 1)[-1].lower()
    return name


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


class _EpubWalker:
    """Turns the spine's XHTML into a flat list of headings and paragraphs."""

    def __init__(self, book: _Epub) -> None:
        self.book = book
        self.warnings: list[str] = []
        self.notes: dict[int, str] = {}  # our number -> note text
        self._note_numbers: dict[tuple[str, str], int] = {}  # (doc, id) -> our number
        self._note_targets: set[tuple[str, str]] = set()
        self._note_elements: dict[tuple[str, str], object] = {}
        self._toc_at: dict[tuple[str, str | None], list[_TocEntry]] = {}
        for entry in book.toc:
            self._toc_at.setdefault((entry.doc, entry.anchor), []).append(entry)
        self._toc_docs = {entry.doc for entry in book.toc}
        self._level_map: dict[int, int] = {}
        self._pending_titles: list[str] = []  # TOC titles just emitted, to drop their h-tags
        self._out: list[tuple[str, str, int]] = []
        self._noteref_cache: dict[object, bool] = {}

    # ---- public

    def events(self) -> list[tuple[str, str, int]]:
        """("heading", title, level) and (paragraph kind, text, 0), in reading order."""
        trees = []
        for doc, content in self.book.docs:
            root = _parse_xhtml(content)
            if root is not None:
                trees.append((doc, root))
        self._find_notes(trees)
        if not self.book.toc:
            self._level_map = self._heading_levels(trees)
        for doc, root in trees:
            self._walk_doc(doc, root)
        unused = [e.title for e in self.book.toc if not e.used]
        if unused:
            self.warnings.append(
                _("table of contents entries not found in the book: %(titles)s")
                % {"titles": ", ".join(unused[:5])}
            )
        return self._out

    # ---- footnotes

    def _find_notes(self, trees: list[tuple[str, object]]) -> None:
        ids: dict[tuple[str, str], object] = {}
        for doc, root in trees:
            for el in root.iter():
                el_id = el.get("id") if hasattr(el, "get") else None
                if el_id:
                    ids[(doc, el_id)] = el
        for doc, root in trees:
            for a in root.iter():
                if _local(a.tag) != "a" or not self._is_noteref(a):
                    continue
                target = self._target(doc, a.get("href", ""))
                if target is None or target not in ids:
                    continue
                # A note's back-link points at the marker in the text: not a note.
                if _is_link_only(ids[target]):
                    continue
                self._note_targets.add(target)
        for target in self._note_targets:
            el = ids[target]
            # A bare <a id="fn1"/> inside the note: the note is its enclosing block.
            while _local(el.tag) in {"a", "span", "sup"} and el.getparent() is not None:
                el = el.getparent()
            self._note_elements[target] = el
        # Notes marked as such but never referenced are still notes (dropped from text).
        # A set of elements (not ids) keeps lxml's proxies alive, so identity holds.
        self._marked_notes = {
            el
            for _doc, root in trees
            for el in root.iter()
            if _local(el.tag) and self._is_note_body(el)
        } | set(self._note_elements.values())

    @staticmethod
    def _types(el: object) -> set[str]:
        return set((el.get(_EPUB_TYPE) or el.get("epub:type") or "").lower().split())

    def _is_note_body(self, el: object) -> bool:
        role = (el.get("role") or "").lower()
        return bool(self._types(el) & _NOTE_TYPES) or role in _NOTE_ROLES

    def _is_noteref(self, a: object) -> bool:
        known = self._noteref_cache.get(a)
        if known is None:
            known = self._noteref_cache[a] = self._check_noteref(a)
        return known

    def _check_noteref(self, a: object) -> bool:
        href = a.get("href", "")
        if "#" not in href:
            return False
        if "noteref" in self._types(a) or (a.get("role") or "").lower() == "doc-noteref":
            return True
        label = "".join(a.itertext()).strip()
        if not _MARKER.match(label):
            return False
        parent = a.getparent()
        in_sup = (
            _local(a.tag) == "sup"
            or any(_local(c.tag) == "sup" for c in a)
            or (parent is not None and _local(parent.tag) == "sup")
        )
        classy = re.search(r"note|fn|ref", (a.get("class") or "") + (a.get("id") or ""), re.I)
        return bool(in_sup or classy or re.search(r"#(fn|note|footnote|n)\d", href, re.I))

    def _target(self, doc: str, href: str) -> tuple[str, str] | None:
        path, _, frag = href.partition("#")
        if not frag:
            return None
        if not path:
            return (doc, frag)
        return (posixpath.normpath(posixpath.join(posixpath.dirname(doc), path)), frag)

    def _note_marker(self, doc: str, a: object) -> str:
        target = self._target(doc, a.get("href", ""))
        if target is None or target not in self._note_elements:
            return ""
        number = self._note_numbers.get(target)
        if number is None:
            number = len(self._note_numbers) + 1
            self._note_numbers[target] = number
            self.notes[number] = self._note_text(target)
        return _fn_token(number)

    def _note_text(self, target: tuple[str, str]) -> str:
        text = self._inline(target[0], self._note_elements[target], notes=False)
        # Drop the back-link number ("1.", "[1]", "↩") at either end.
        text = re.sub(r"^\s*[\[(]?(\d{1,3}|[*†‡§¶]+)[\])]?\.?\s*", "", text)
        text = re.sub(r"\s*[↩↑⤴]\ufe0e?\s*$", "", text)
        return text.strip()

    # ---- headings

    def _heading_levels(self, trees: list[tuple[str, object]]) -> dict[int, int]:
        # The biggest heading used for chapters becomes level 1, anything smaller level 2;
        # an h1 used only for the book's title (on the title page) is ignored.
        title = _norm(self.book.title or "")
        used: dict[int, int] = {}
        for _doc, root in trees:
            for el in root.iter():
                rank = _XHTML_HEADINGS.get(_local(el.tag))
                if rank and _norm("".join(el.itertext())) not in ("", title):
                    used[rank] = used.get(rank, 0) + 1
        ranks = sorted(used)
        return {rank: 1 if i == 0 else 2 for i, rank in enumerate(ranks)}

    def _emit_heading(self, title: str, level: int) -> None:
        title = " ".join(title.split())
        if title:
            self._out.append(("heading", title, max(1, min(level, 2))))

    def _emit_toc(self, doc: str, anchor: str | None) -> None:
        entries = self._toc_at.get((doc, anchor))
        if not entries:
            return
        for entry in entries:
            if entry.used:
                continue
            entry.used = True
            self._emit_heading(entry.title, entry.level)
            self._pending_titles.append(_norm(entry.title))

    # ---- walking

    def _walk_doc(self, doc: str, root: object) -> None:
        body = next((el for el in root.iter() if _local(el.tag) == "body"), root)
        self._pending_titles = []
        self._emit_toc(doc, None)
        self._walk(doc, body, kind="prose")

    def _walk(self, doc: str, el: object, *, kind: str) -> None:
        tag = _local(el.tag)
        if tag in _SKIP_TAGS or el in self._marked_notes or _is_pagebreak(el):
            return  # a page break's number is kept in the page map, not as text
        el_id = el.get("id")
        if el_id:
            self._emit_toc(doc, el_id)
        if tag in _XHTML_HEADINGS:
            self._heading(doc, el, tag)
            return
        if tag == "blockquote":
            kind = "quote"
        elif tag in ("li", "dt", "dd"):
            kind = "list"
        elif tag in ("figcaption", "caption"):
            kind = "caption"
        if not any(_local(child.tag) in _BLOCKS for child in el):
            # TOC anchors on inline elements (<span id=...>) start a section here too.
            for inner in el.iterdescendants():
                inner_id = inner.get("id") if _local(inner.tag) else None
                if inner_id:
                    self._emit_toc(doc, inner_id)
            self._emit_paragraph(self._inline(doc, el), kind)
            return
        # Text sitting directly in a container (between blocks) is a paragraph too.
        loose: list[str] = [el.text or ""]
        for child in el:
            child_tag = _local(child.tag)
            if child_tag in _BLOCKS:
                self._emit_paragraph("".join(loose), kind)
                loose = []
                self._walk(doc, child, kind=kind)
            elif (
                child_tag
                and child_tag not in _SKIP_TAGS
                and child not in self._marked_notes
                and not _is_pagebreak(child)
            ):
                loose.append(self._inline(doc, child))
            loose.append(child.tail or "")
        self._emit_paragraph("".join(loose), kind)

    def _heading(self, doc: str, el: object, tag: str) -> None:
        text = self._inline(doc, el)
        plain = _norm(_FN_TOKEN.sub("", text))
        if not plain:
            return
        if self.book.toc:
            # The TOC names the sections: headings opening a TOC section repeat it.
            if self._pending_titles:
                return
            self._emit_paragraph(text, "prose")
            return
        if plain == _norm(self.book.title or ""):
            return
        self._emit_heading(text, self._level_map.get(_XHTML_HEADINGS[tag], 2))

    def _emit_paragraph(self, text: str, kind: str) -> None:
        text = " ".join(text.split())
        if not _FN_TOKEN.sub("", text).strip():
            return
        self._pending_titles = []
        self._out.append((kind, text, 0))

    def _inline(self, doc: str, el: object, *, notes: bool = True) -> str:
        """The text of an element, with footnote references replaced by marker tokens."""
        parts: list[str] = []

        def visit(node: object, top: bool) -> None:
            tag = _local(node.tag)
            if not top:
                if tag in _SKIP_TAGS or (node in self._marked_notes and notes):
                    parts.append(node.tail or "")
                    return
                if tag == "br":
                    parts.append(" ")
                    parts.append(node.tail or "")
                    return
                if _is_pagebreak(node):  # "47" printed at a page break: not text
                    parts.append(node.tail or "")
                    return
                if notes and tag == "a" and self._is_noteref(node):
                    parts.append(self._note_marker(doc, node))
                    parts.append(node.tail or "")
                    return
                if tag == "sup" and notes and self._sup_is_noteref(node):
                    marker = "".join(
                        self._note_marker(doc, a) for a in node.iter() if _local(a.tag) == "a"
                    )
                    parts.append(marker)
                    parts.append(node.tail or "")
                    return
            if node.text and tag not in _SKIP_TAGS:
                parts.append(node.text)
            for child in node:
                visit(child, False)
            if not top:
                parts.append(node.tail or "")

        visit(el, True)
        return " ".join("".join(parts).split())

    def _sup_is_noteref(self, sup: object) -> bool:
        links = [a for a in sup.iter() if _local(a.tag) == "a"]
        label = "".join(sup.itertext()).strip()
        return (
            bool(links) and all(self._is_noteref(a) for a in links) and bool(_MARKER.match(label))
        )


def _is_link_only(el: object) -> bool:
    """An <a href> (or a <sup>/<span> holding only one): a marker, never a note body."""
    if _local(el.tag) == "a":
        return bool(el.get("href"))
    if _local(el.tag) in ("sup", "span") and len(el) == 1 and not (el.text or "").strip():
        return _is_link_only(el[0])
    return False


def _parse_xhtml(content: bytes) -> object | None:
    from lxml import etree, html

    if not content.strip():
        return None
    try:
        parser = etree.XMLParser(
            recover=True, resolve_entities=False, no_network=True, huge_tree=True
        )
        root = etree.fromstring(content, parser)
        if root is not None:
            return root
    except etree.XMLSyntaxError:
        pass
    # Not well-formed XML (tag soup saved as .xhtml): fall back to the HTML parser.
    return html.fromstring(content)
