"""Small EPUBs written with ebooklib, for the importer and admin tests."""

from __future__ import annotations

from pathlib import Path

XHTML_NOTES = """
<h1>On Minutes</h1>
<p>The secretary kept the minutes carefully.<a epub:type="noteref" href="#n1">1</a>
Everyone signed them at the end.</p>
<blockquote><p>Read slowly, and read together.</p></blockquote>
<ul><li>bring the book</li><li>bring a question</li></ul>
<h2 id="who">Who Writes Them</h2>
<p>Each member takes a turn.<sup><a href="#n2" id="r2">2</a></sup> Nobody is excused.</p>
<aside epub:type="footnote" id="n1"><p>1. See the cooperative's rule book.</p></aside>
<div class="notes"><p id="n2"><a href="#r2">2</a> Even the treasurer.</p></div>
"""


def make_epub(
    tmp_path: Path,
    *,
    with_toc: bool = True,
    chapters: list[tuple[str, str]] | None = None,
    toc: list | None = None,
) -> bytes:
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("test-book-1")
    book.set_title("Reading Together")
    book.set_language("en")
    book.add_author("Ada Hartley")
    chapters = chapters or [
        ("intro.xhtml", "<h1>Introduction</h1><p>Why we meet every week to read.</p>"),
        ("ch1.xhtml", XHTML_NOTES),
        ("ch2.xhtml", "<h1>The Long Table</h1><p>We bought a long table second hand.</p>"),
    ]
    items = []
    for name, body in chapters:
        item = epub.EpubHtml(title=name, file_name=name, lang="en")
        item.content = (
            "<html xmlns='http://www.w3.org/1999/xhtml' xmlns:epub='http://www.idpf.org/2007/ops'>"
            f"<head><title>{name}</title></head><body>{body}</body></html>"
        )
        book.add_item(item)
        items.append(item)
    if with_toc:
        book.toc = toc or [
            epub.Link("intro.xhtml", "Introduction", "intro"),
            (
                epub.Section("Part One: Minutes", href="ch1.xhtml"),
                [epub.Link("ch1.xhtml#who", "Who Writes Them", "who")],
            ),
            epub.Link("ch2.xhtml", "The Long Table", "ch2"),
        ]
        book.add_item(epub.EpubNcx())
        book.add_item(epub.EpubNav())
        book.spine = ["nav", *items]
    else:
        book.toc = []
        book.add_item(epub.EpubNcx())  # an empty one: ebooklib needs the file
        book.spine = items
    path = tmp_path / "book.epub"
    epub.write_epub(str(path), book)
    return path.read_bytes()
