"""read_document / read_path: dispatch, refusals, and real small EPUBs and PDFs.

The EPUBs are built with ebooklib and the PDFs are written by hand (a tiny PDF writer
below), so no test depends on a file that is not made here.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from studygroup.library.importing.document import ImportProblem, ParsedText
from studygroup.library.importing.formats import read_document, read_path
from tests.library.epubs import make_epub

MB = 1024 * 1024
LIMIT = 20 * MB


# --------------------------------------------------------------------------- PDF helpers


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]], *, title: str | None = None) -> bytes:
    """A minimal valid PDF: one Helvetica text line per entry, one page per list."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below, once the page tree's number is known
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_obj = add(b"")
    kids = []
    for lines in pages:
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 770 Td"]
        for line in lines:
            ops.append(f"({_pdf_escape(line)}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_obj, font, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    info = None
    if title:
        info = add(b"<< /Title (%s) /Author (Ada Hartley) >>" % _pdf_escape(title).encode())

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info:
        trailer += b" /Info %d 0 R" % info
    out.write(b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def book_pages(chapters: int = 2, lines_per_page: int = 40) -> list[list[str]]:
    """Pages of a small book with running headers and page numbers."""
    sentence = (
        "The circle read the second chapter slowly on Thursday evening, and each "
        "member wrote down one question for the next meeting."
    )
    body: list[str] = []
    for n in range(1, chapters + 1):
        body += ["", f"Chapter {n}: The Quiet Meeting {n}", ""]
        for _ in range(6):
            words = sentence.split()
            line = ""
            for word in words:
                if len(line) + len(word) + 1 > 70:
                    body.append(line)
                    line = word
                else:
                    line = f"{line} {word}".strip()
            body += [line, ""]
    pages = [["", "", "Reading Together", "", "", "by Ada Hartley"]]  # the title page
    for i in range(0, len(body), lines_per_page):
        number = len(pages) + 1
        pages.append(["READING TOGETHER", "", *body[i : i + lines_per_page], "", str(number)])
    return pages


def blank_pdf(pages: int = 2) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypt_pdf(data: bytes, user_password: str, owner_password: str = "owner") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --------------------------------------------------------------------------- EPUB helpers


def titles(parsed: ParsedText) -> list[tuple[str, int]]:
    return [(s.title, s.level) for s in parsed.sections if s.title]


def all_text(parsed: ParsedText) -> str:
    return "\n".join(p.text for s in parsed.sections for p in s.paragraphs)


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("filename", "message"),
    [
        ("essay.docx", "essay.docx: .docx is not supported; use .txt, .md, .epub or .pdf."),
        ("notes", "notes has no file extension; use .txt, .md, .epub or .pdf."),
        ("scan.JPG", "scan.JPG: .jpg is not supported; use .txt, .md, .epub or .pdf."),
    ],
)
def test_unsupported_formats(filename: str, message: str) -> None:
    with pytest.raises(ImportProblem) as info:
        read_document(b"some bytes", filename, max_bytes=LIMIT)
    assert str(info.value) == message


@pytest.mark.parametrize("filename", ["a.txt", "a.md", "a.epub", "a.pdf"])
def test_empty_file(filename: str) -> None:
    with pytest.raises(ImportProblem, match=rf"^{filename} is empty\.$"):
        read_document(b"", filename, max_bytes=LIMIT)


def test_blank_text_file_is_empty() -> None:
    with pytest.raises(ImportProblem, match=r"^blank.md is empty\.$"):
        read_document(b"\r\n  \n\t\n", "blank.md", max_bytes=LIMIT)


def test_too_big() -> None:
    data = b"x" * int(25.3 * MB)
    with pytest.raises(ImportProblem) as info:
        read_document(data, "huge.txt", max_bytes=LIMIT)
    assert str(info.value) == "huge.txt is 25.3 MB; the limit is 20 MB."


def test_too_big_with_a_decimal_limit() -> None:
    with pytest.raises(ImportProblem, match=r"is 1.5 KB; the limit is 1 KB"):
        read_document(b"x" * 1500, "small.md", max_bytes=1000)


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", "it looks like a PDF"),
        (b"PK\x03\x04" + b"\x00" * 200, "it looks like a ZIP archive"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "it looks like a PNG image"),
        (bytes(range(256)) * 40, "it looks like a binary file"),
        (b"\x00\x01\x02\x03hello\x00\x00" * 100, "it looks like a binary file"),
    ],
)
def test_binary_disguised_as_text(data: bytes, what: str) -> None:
    with pytest.raises(ImportProblem, match=rf"^notes.txt is not a text file; {what}"):
        read_document(data, "notes.txt", max_bytes=LIMIT)


def test_read_path_missing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    with pytest.raises(ImportProblem) as info:
        read_path(missing, max_bytes=LIMIT)
    assert str(info.value) == f"no such file: {missing}"


def test_read_path_checks_size_before_reading(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as f:
        f.truncate(3 * MB)  # sparse: cheap to make
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read before size check"))
    with pytest.raises(ImportProblem, match=r"^big.txt is 3 MB; the limit is 2 MB\.$"):
        read_path(path, max_bytes=2 * MB)


def test_read_path_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match="is a folder, not a file"):
        read_path(tmp_path, max_bytes=LIMIT)


# --------------------------------------------------------------------------- plain text


def test_text_and_markdown_go_through_the_pipeline(tmp_path: Path) -> None:
    text = (
        "Reading Together\n\nby Ada Hartley\n\n"
        "Chapter 1: The First Meeting\n\n"
        "We met in the library and read the first chapter slowly together.\n\n"
        "Chapter 2: The Second Meeting\n\n"
        "We met again and argued about the minutes for an hour or more.\n"
    )
    parsed = read_document(text.encode(), "reading.txt", max_bytes=LIMIT)
    assert [t for t, _ in titles(parsed)][-2:] == [
        "Chapter 1: The First Meeting",
        "Chapter 2: The Second Meeting",
    ] or [t for t, _ in titles(parsed)][-2:] == ["The First Meeting", "The Second Meeting"]
    assert "argued about the minutes" in all_text(parsed)

    path = tmp_path / "reading.md"
    path.write_text(
        "# Reading\n\n## One\n\nFirst part of the text.\n\n### Two\n\nSecond part of it.\n"
    )
    parsed = read_path(path, max_bytes=LIMIT)
    assert parsed.title == "Reading"
    assert titles(parsed) == [("One", 1), ("Two", 2)]


def test_utf16_without_bom_is_not_binary() -> None:
    data = "The Circle\n\nWe read together every Thursday evening.\n".encode("utf-16-le")
    parsed = read_document(data, "circle.txt", max_bytes=LIMIT)
    assert "every Thursday evening" in all_text(parsed)


def test_latin1_text_is_decoded() -> None:
    data = "Café meetings\n\nWe read Camus in the café every Thursday evening.\n".encode("latin-1")
    parsed = read_document(data, "cafe.txt", max_bytes=LIMIT)
    assert "café every Thursday" in all_text(parsed)


# --------------------------------------------------------------------------- PDF


def test_pdf_text_pages_headers_and_numbers() -> None:
    data = make_pdf(book_pages(chapters=2), title="Reading Together")
    parsed = read_document(data, "book.pdf", max_bytes=LIMIT)
    found = titles(parsed)
    assert ("Chapter 1: The Quiet Meeting 1", 1) in found or ("The Quiet Meeting 1", 1) in found
    assert len([t for t, _ in found if "Quiet Meeting" in t]) == 2
    text = all_text(parsed)
    assert "each member wrote down one question" in text
    # Running headers and page numbers are page furniture, not text.
    assert "READING TOGETHER" not in text
    assert parsed.title == "Reading Together"
    assert parsed.author == "Ada Hartley"


def test_pdf_encrypted_with_a_password() -> None:
    data = encrypt_pdf(make_pdf(book_pages(1)), user_password="secret")
    with pytest.raises(ImportProblem) as info:
        read_document(data, "locked.pdf", max_bytes=LIMIT)
    assert str(info.value) == (
        "locked.pdf is an encrypted PDF (password-protected); remove the password and try again."
    )


def test_pdf_encrypted_with_an_empty_password_opens() -> None:
    # Owner-password-only PDFs (printing restrictions) open without a password.
    data = encrypt_pdf(make_pdf(book_pages(1)), user_password="")
    parsed = read_document(data, "restricted.pdf", max_bytes=LIMIT)
    assert "each member wrote down one question" in all_text(parsed)


def test_pdf_without_text_layer() -> None:
    with pytest.raises(ImportProblem) as info:
        read_document(blank_pdf(3), "scan.pdf", max_bytes=LIMIT)
    message = str(info.value)
    assert message.startswith("this PDF has no text layer (scanned images?)")
    assert "scan.pdf has 3 page(s)" in message


def test_pdf_with_some_blank_pages_warns() -> None:
    pages = book_pages(2)
    data = make_pdf([*pages, [], []])
    parsed = read_document(data, "mixed.pdf", max_bytes=LIMIT)
    n = len(pages)
    assert any(f"pages {n + 1}–{n + 2}" in w for w in parsed.warnings)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\nthis is not really a pdf at all\n",
        make_pdf(book_pages(1))[:300],  # truncated
        b"%PDF-1.7\n" + bytes(range(256)) * 20,
    ],
)
def test_pdf_corrupt(data: bytes) -> None:
    with pytest.raises(ImportProblem) as info:
        read_document(data, "broken.pdf", max_bytes=LIMIT)
    assert "broken.pdf is damaged or is not really a PDF" in str(info.value)


# --------------------------------------------------------------------------- EPUB


def test_epub_uses_its_table_of_contents(tmp_path: Path) -> None:
    parsed = read_document(make_epub(tmp_path), "book.epub", max_bytes=LIMIT)
    assert parsed.title == "Reading Together"
    assert parsed.author == "Ada Hartley"
    assert titles(parsed) == [
        ("Introduction", 1),
        ("Part One: Minutes", 1),
        ("Who Writes Them", 2),
        ("The Long Table", 1),
    ]
    # The chapter's own <h1> repeats its TOC entry and is not kept as text.
    assert "On Minutes" not in all_text(parsed)
    assert "bought a long table" in all_text(parsed)


def test_epub_toc_part_without_a_link_of_its_own(tmp_path: Path) -> None:
    from ebooklib import epub

    toc = [
        epub.Link("intro.xhtml", "Introduction", "intro"),
        (
            epub.Section("Part One"),
            [epub.Link("ch1.xhtml", "Minutes", "ch1"), epub.Link("ch2.xhtml", "Tables", "ch2")],
        ),
    ]
    parsed = read_document(make_epub(tmp_path, toc=toc), "book.epub", max_bytes=LIMIT)
    assert titles(parsed) == [
        ("Introduction", 1),
        ("Part One", 1),
        ("Minutes", 2),
        ("Tables", 2),
    ]
    # "Who Writes Them" is not in this TOC: its h2 stays, as a paragraph.
    assert [len(s.paragraphs) for s in parsed.sections] == [1, 0, 6, 1]


def test_epub_paragraph_kinds_and_footnotes(tmp_path: Path) -> None:
    parsed = read_document(make_epub(tmp_path), "book.epub", max_bytes=LIMIT)
    paragraphs = [p for s in parsed.sections for p in s.paragraphs]
    kinds = {p.text: p.kind for p in paragraphs}
    assert kinds["Read slowly, and read together."] == "quote"
    assert kinds["bring the book"] == "list"
    assert [(f.number, f.text) for f in parsed.footnotes] == [
        (1, "See the cooperative's rule book."),
        (2, "Even the treasurer."),
    ]
    first = next(p for p in paragraphs if p.text.startswith("The secretary kept"))
    assert first.text == (
        "The secretary kept the minutes carefully. Everyone signed them at the end."
    )
    assert [(r.offset, r.number) for r in first.refs] == [
        (len("The secretary kept the minutes carefully."), 1)
    ]
    second = next(p for p in paragraphs if p.text.startswith("Each member takes"))
    assert second.text == "Each member takes a turn. Nobody is excused."
    assert second.footnote_numbers == [2]
    # Note bodies are not paragraphs of the text.
    assert "Even the treasurer" not in all_text(parsed)
    assert "rule book" not in all_text(parsed)


def test_epub_without_toc_uses_headings(tmp_path: Path) -> None:
    chapters = [
        ("title.xhtml", "<h1>Reading Together</h1><p>A handbook.</p>"),
        ("ch1.xhtml", "<h2>The First Meeting</h2><p>We met.</p><h3>Chairs</h3><p>We sat.</p>"),
        ("ch2.xhtml", "<h2>The Second Meeting</h2><p>We met again.</p>"),
    ]
    data = make_epub(tmp_path, with_toc=False, chapters=chapters)
    parsed = read_document(data, "book.epub", max_bytes=LIMIT)
    assert parsed.title == "Reading Together"
    assert titles(parsed)[-3:] == [
        ("The First Meeting", 1),
        ("Chairs", 2),
        ("The Second Meeting", 1),
    ]
    # The title page's h1 repeats the book's title: not a chapter; its text is kept.
    assert "A handbook." in all_text(parsed)
    assert "# Reading Together" not in [t for t, _ in titles(parsed)]


def test_epub_text_that_looks_like_markdown_stays_text(tmp_path: Path) -> None:
    chapters = [("ch1.xhtml", "<h1>One</h1><p># not a heading</p><p>- not a list</p>")]
    parsed = read_document(
        make_epub(tmp_path, with_toc=False, chapters=chapters), "b.epub", max_bytes=LIMIT
    )
    assert titles(parsed) == [("One", 1)]
    texts = [p.text for s in parsed.sections for p in s.paragraphs]
    assert texts == ["# not a heading", "- not a list"]


@pytest.mark.parametrize(
    "data",
    [
        b"this is plain text, not an epub" * 10,
        b"PK\x03\x04garbage" * 20,
    ],
)
def test_epub_corrupt(data: bytes) -> None:
    with pytest.raises(ImportProblem, match=r"^book.epub is damaged or is not"):
        read_document(data, "book.epub", max_bytes=LIMIT)


def test_epub_zip_without_a_book() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("mimetype", "application/epub+zip")
        zf.writestr("hello.txt", "no container here")
    with pytest.raises(ImportProblem, match=r"^book.epub is damaged or is not a valid EPUB"):
        read_document(out.getvalue(), "book.epub", max_bytes=LIMIT)


def test_epub_with_drm(tmp_path: Path) -> None:
    data = make_epub(tmp_path)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr(
            "META-INF/encryption.xml",
            '<encryption><EncryptedData><CipherData><CipherReference URI="EPUB/ch1.xhtml"/>'
            "</CipherData></EncryptedData></encryption>",
        )
    with pytest.raises(ImportProblem, match="protected by DRM"):
        read_document(out.getvalue(), "book.epub", max_bytes=LIMIT)


def test_epub_with_no_text(tmp_path: Path) -> None:
    chapters = [("ch1.xhtml", "<div><img src='cover.png' alt=''/></div>")]
    data = make_epub(tmp_path, with_toc=False, chapters=chapters)
    with pytest.raises(ImportProblem, match="contains no text"):
        read_document(data, "pics.epub", max_bytes=LIMIT)


def _epub2_zip(files: dict[str, str]) -> bytes:
    """An EPUB 2 written by hand: content in OEBPS/Text/, an NCX table of contents."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        zf.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        for name, content in files.items():
            zf.writestr(name, content)
    return out.getvalue()


def _xhtml(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head>'
        f"<body>{body}</body></html>"
    )


def test_epub2_with_ncx_subfolders_and_endnotes_file() -> None:
    opf = """<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">
 <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:title>Minutes of the Long Table</dc:title><dc:creator>Tomas Brandt</dc:creator>
  <dc:identifier id="id">test-2</dc:identifier><dc:language>en</dc:language>
 </metadata>
 <manifest>
  <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
  <item id="c1" href="Text/ch1.xhtml" media-type="application/xhtml+xml"/>
  <item id="c2" href="Text/ch2.xhtml" media-type="application/xhtml+xml"/>
  <item id="nt" href="Text/notes.xhtml" media-type="application/xhtml+xml"/>
 </manifest>
 <spine toc="ncx"><itemref idref="c1"/><itemref idref="c2"/><itemref idref="nt"/></spine>
</package>"""
    ncx = """<?xml version="1.0" encoding="utf-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><head/>
<docTitle><text>Minutes</text></docTitle><navMap>
 <navPoint id="p1" playOrder="1"><navLabel><text>One: Chairs</text></navLabel>
  <content src="Text/ch1.xhtml"/>
  <navPoint id="p2" playOrder="2"><navLabel><text>Folding Chairs</text></navLabel>
   <content src="Text/ch1.xhtml#fold"/></navPoint>
 </navPoint>
 <navPoint id="p3" playOrder="3"><navLabel><text>Two: Tables</text></navLabel>
  <content src="Text/ch2.xhtml"/></navPoint>
 <navPoint id="p4" playOrder="4"><navLabel><text>Notes</text></navLabel>
  <content src="Text/notes.xhtml"/></navPoint>
</navMap></ncx>"""
    files = {
        "OEBPS/content.opf": opf,
        "OEBPS/toc.ncx": ncx,
        "OEBPS/Text/ch1.xhtml": _xhtml(
            "<h2>Chapter One</h2><h3>Chairs</h3><p>We counted the chairs before every "
            'meeting.<sup><a href="notes.xhtml#en1" id="back1">1</a></sup></p>'
            '<p>Some of them <span id="fold">folded</span> away neatly.</p>'
        ),
        "OEBPS/Text/ch2.xhtml": _xhtml(
            "<h2>Chapter Two</h2><p>The table came from the bakery.<sup>"
            '<a href="notes.xhtml#en2" id="back2">2</a></sup></p>'
        ),
        "OEBPS/Text/notes.xhtml": _xhtml(
            '<h2>Notes</h2><p id="en1"><a href="ch1.xhtml#back1">1</a>. Twelve, most weeks.</p>'
            '<p id="en2"><a href="ch2.xhtml#back2">2</a>. It still smells of bread.</p>'
        ),
    }
    parsed = read_document(_epub2_zip(files), "minutes.epub", max_bytes=LIMIT)
    assert parsed.title == "Minutes of the Long Table"
    assert parsed.author == "Tomas Brandt"
    assert titles(parsed)[:3] == [("One: Chairs", 1), ("Folding Chairs", 2), ("Two: Tables", 1)]
    assert [(f.number, f.text) for f in parsed.footnotes] == [
        (1, "Twelve, most weeks."),
        (2, "It still smells of bread."),
    ]
    paragraphs = {p.text: p for s in parsed.sections for p in s.paragraphs}
    assert paragraphs["We counted the chairs before every meeting."].footnote_numbers == [1]
    assert paragraphs["The table came from the bakery."].footnote_numbers == [2]
    assert "Some of them folded away neatly." in paragraphs
    assert "Chapter One" not in paragraphs  # the h-tags repeating the TOC entry
    assert not any("smells of bread" in text for text in paragraphs)
    assert "Notes" not in [t for t, _ in titles(parsed)]  # emptied by taking the notes out


def test_pdf_running_headers_go_but_a_chapter_heading_at_a_page_top_stays() -> None:
    from studygroup.library.importing.formats import _strip_page_furniture

    def body(n: int) -> list[str]:
        return [f"On page {n} we met on Thursday and read slowly.", f"Nobody hurried on {n}."]

    pages = [
        "\n".join(["Reading Together", "by Ada Hartley"]),
        "\n".join(["Chapter 2: The Long Table", "", *body(2), "", "2"]),
        "\n".join(["Chapter 2: The Long Table 3", "", *body(3), "", "- 3 -"]),
        "\n".join(["4    Chapter 2: The Long Table", "", *body(4)]),
        "\n".join(["READING TOGETHER", "", *body(5), "", "Page 5"]),
        "\n".join(["READING TOGETHER", "", *body(6)]),
        "\n".join(["READING TOGETHER", "", *body(7)]),
    ]
    out = _strip_page_furniture(pages)
    assert out[0] == pages[0]
    assert [line for line in out[1].split("\n") if line] == ["Chapter 2: The Long Table", *body(2)]
    for n, page in enumerate(out[2:], 3):
        assert [line for line in page.split("\n") if line.strip()] == body(n)


# --------------------------------------------------------------------------- progress


def test_progress_reports_each_stage_for_every_format(tmp_path: Path) -> None:
    everything = ["decode", "clean", "structure", "footnotes"]
    path = tmp_path / "notes.txt"
    path.write_text("Notes\n\nWe read the first chapter together and talked about it.\n")
    stages: list[str] = []
    read_path(path, max_bytes=LIMIT, progress=stages.append)
    assert stages == everything

    for data, name in (
        (make_pdf(book_pages(chapters=2)), "book.pdf"),
        (make_epub(tmp_path), "book.epub"),
    ):
        stages = []
        read_document(data, name, max_bytes=LIMIT, progress=stages.append)
        assert stages == everything, name


def test_progress_is_optional_and_refusals_report_nothing() -> None:
    stages: list[str] = []
    with pytest.raises(ImportProblem):
        read_document(b"", "empty.txt", max_bytes=LIMIT, progress=stages.append)
    assert stages == []
