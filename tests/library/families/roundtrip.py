"""Realistic PDFs by round-trip: our own prose as HTML, printed by Chromium, re-imported.

The HTML has a known structure (parts, chapters, sub-headings, notes, captions), and
Chromium lays it out with running headers and page numbers as a book export would;
the importer then reads the PDF's text layer like any curator's upload. The truth
comes from the HTML source, never from the PDF.

Rendering takes a second or so per PDF, so PDFs are kept in a cache folder (outside
the repository) keyed by a hash of the HTML and the print options.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import random
import re
import tempfile
from pathlib import Path

from .grammar import Grammar
from .model import Case, Furniture, Heading, Truth
from .prose import Prose
from .render import SUPERSCRIPT, number_word

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [  # as tests/browser/conftest.py: no sandbox, no network, no updates
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CACHE = Path(
    os.environ.get("IMPORTER_EVAL_CACHE", Path(tempfile.gettempdir()) / "studygroup-importer-eval")
)
LAYOUTS = ["single", "footnotes", "endnotes", "parts", "two_column"]
_CSS = """
body { font-family: serif; font-size: 11pt; line-height: 1.4; margin: 0; }
h1 { font-size: 20pt; break-before: page; margin: 0 0 1em; }
h2 { font-size: 15pt; margin: 1.6em 0 0.8em; }
h3 { font-size: 12pt; margin: 1.2em 0 0.5em; }
p { margin: 0 0 0.6em; text-align: justify; }
p.cont { text-indent: 0; }
figure { margin: 1em 0; }
figure .plate { height: 30mm; background: #ccc; }
figcaption, .credit { font-size: 8.5pt; font-style: italic; }
aside.pull { font-size: 14pt; margin: 1em 2em; font-style: italic; }
.notes { font-size: 8.5pt; }
.page { height: 170mm; position: relative; break-after: page; overflow: hidden; }
.page .foot { position: absolute; bottom: 0; left: 0; right: 0; font-size: 8.5pt; }
.cols { column-count: 2; column-gap: 8mm; }
"""


class Renderer:
    """One headless Chromium for many PDFs; closed by close() or at the end of a with."""

    def __init__(self, cache: Path = CACHE, browser=None) -> None:
        """`browser`: a Chromium already launched (the test suite's), kept open by close()."""
        self.cache = cache
        self._playwright = None
        self._browser = browser

    def pdf(self, source: str, options: dict) -> bytes:
        path = _cache_path(source, options, self.cache)
        if path.exists():
            return path.read_bytes()
        if self._browser is None:
            from playwright.sync_api import sync_playwright  # only when a PDF must be made

            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
            )
        page = self._browser.new_page()
        try:
            page.set_content(source)
            data = page.pdf(**options)
        finally:
            page.close()
        self.cache.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(path)  # never leave half a PDF in the cache
        return data

    def close(self) -> None:
        if self._playwright is not None:  # only what this renderer launched itself
            self._browser.close()
            self._playwright.stop()
        self._browser = self._playwright = None

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def start(family: str, seed: int, grammar: type[Grammar]) -> tuple[random.Random, Grammar, Truth]:
    """A round-trip's generator, prose and truth; the prose's first title is the text's."""
    rng = random.Random(f"{family}:{seed}")
    prose = grammar(rng)
    return rng, prose, Truth(family=family, seed=seed, title=prose.title())


def document(title: str, css: str, body: str) -> str:
    """The HTML page Chromium prints."""
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}"
        f"</title><style>{css}</style></head><body>{body}</body></html>"
    )


def foot_notes(notes: list[str], label=lambda mark: mark) -> str:
    """A page's foot: its notes ("3\tText") under a short rule; "" for a page without."""
    if not notes:
        return ""
    items = "".join(
        f"<div>{escape(label(mark))} {escape(text)}</div>"
        for mark, text in (note.split("\t") for note in notes)
    )
    return f"<div class='foot'><hr>{items}</div>"


def strip_tags(block: str) -> str:
    return re.sub(r"<[^>]+>", "", block)


def attach_pdf(source: str, options: dict, truth: Truth, renderer: Renderer | None) -> Case:
    """The case of a built source; with no renderer, only a cached PDF (or none) is attached."""
    if renderer:
        pdf = renderer.pdf(source, options)
    else:
        path = _cache_path(source, options)
        pdf = path.read_bytes() if path.exists() else None
    return Case(truth=truth, filename=f"{truth.family}.pdf", text=source, pdf=pdf)


def build(layout: str, seed: int) -> tuple[str, dict, Truth]:
    """The HTML source, the print options and the truth for one layout and seed."""
    rng, prose, truth = start(f"pdf_{layout}", seed, Prose)
    title = truth.title
    author = prose.name()
    out: list[str] = [
        f"<h1 style='break-before: auto'>{escape(title)}</h1>",
        f"<p>{escape(author)}</p>",
    ]
    notes: list[str] = []
    counter = {"n": 0}

    def heading(tag: str, printed: str, bare: str, level: int) -> None:
        out.append(f"<{tag}>{escape(printed)}</{tag}>")
        truth.headings.append(Heading(bare, level, printed))

    def paragraph(sentences: list[str], note: bool = False) -> str:
        truth.sentences.extend(sentences)
        parts = [escape(s) for s in sentences]
        if note:
            counter["n"] += 1
            k = rng.randrange(len(parts))
            parts[k] += f"<sup>{counter['n']}</sup>"
            notes.append(prose.note())
            truth.footnotes += 1
        return " ".join(parts)

    def figure(n: int) -> None:
        caption = f"Figure {n}. {prose.sentence()}"
        credit = f"Photo: {prose.name()} / {prose.agency()}"
        truth.furniture += [Furniture(caption, ("caption",)), Furniture(credit, ("caption",))]
        out.append(
            f"<figure><div class='plate'></div><figcaption>{escape(caption)}</figcaption>"
            f"<div class='credit'>{escape(credit)}</div></figure>"
        )

    with_notes = layout in {"footnotes", "endnotes"}
    chapter = 0
    part_count = rng.randint(2, 3) if layout == "parts" else 1
    for p in range(1, part_count + 1):
        if layout == "parts":
            part = prose.title()
            out.append(f"<h1>Part {number_word(p)}<br>{escape(part)}</h1>")
            truth.headings.append(Heading(part, 1, f"Part {number_word(p)} {part}"))
        for _ in range(rng.randint(2, 3) if layout == "parts" else rng.randint(3, 5)):
            chapter += 1
            name = prose.title()
            heading("h2", f"Chapter {chapter}: {name}", name, 1)
            for k in range(rng.randint(2, 4)):
                out.append(f"<p>{paragraph(prose.sentences(3, 7), with_notes and k % 2 == 0)}</p>")
                if k == 1 and rng.random() < 0.4:
                    figure(chapter)
            if layout == "parts" and truth.sentences:
                quote = rng.choice(truth.sentences[-6:])
                truth.furniture.append(Furniture(quote, ("quote", "caption"), allowed=1))
                out.append(f"<aside class='pull'>{escape(quote)}</aside>")
            for _ in range(rng.randint(0, 2)):
                sub = prose.title(question=rng.random() < 0.3)
                heading("h3", sub, sub, 2)
                for _ in range(rng.randint(1, 3)):
                    out.append(f"<p>{paragraph(prose.sentences(3, 6))}</p>")

    if layout == "footnotes":
        body = _paginate(out, notes)
    else:
        body = "\n".join(out)
        if layout == "endnotes" and notes:
            items = "".join(f"<li>{escape(n)}</li>" for n in notes)
            body += f"\n<h2>Notes</h2>\n<ol class='notes'>{items}</ol>"
        if layout == "two_column":
            body = f"<div class='cols'>{body}</div>"
    source = document(title, _CSS, body)
    header = title.upper()
    number = "– {n} –" if layout == "parts" else "Page {n}"
    # Every layout runs to three pages at least (tests/library/test_families.py).
    truth.furniture += [Furniture(header), *(Furniture(number.format(n=n)) for n in (2, 3))]
    numbers = number.format(n="<span class='pageNumber'></span>")
    small = "font-size:8px; width:100%; text-align:center; font-family:serif;"
    options = {
        "format": "A5",
        "display_header_footer": True,
        "header_template": f"<div style='{small}'>{escape(header)}</div>",
        "footer_template": f"<div style='{small}'>{numbers}</div>",
        "margin": {"top": "18mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
    }
    return source, options, truth


def _paginate(blocks: list[str], notes: list[str]) -> str:
    """Our own page boxes, so that each page's footnotes sit at its foot.

    Pages hold a conservative number of characters of text; a paragraph that does not
    fit is cut at a word and continues on the next page, as in a printed book.
    """
    budget = 900
    pages: list[tuple[list[str], list[str]]] = [([], [])]
    used = 0
    note_no = 0
    for block in blocks:
        cost = 250 if block.startswith(("<h", "<figure", "<aside")) else len(strip_tags(block))
        if block.startswith("<p>") and used + cost > budget:
            words = block[3:-4].split(" ")
            room = max(0, budget - used)
            head: list[str] = []
            while words and len(" ".join([*head, words[0]])) < room:
                head.append(words.pop(0))
            if head:
                pages[-1][0].append(f"<p>{' '.join(head)}</p>")
                note_no = _collect(" ".join(head), notes, pages[-1][1], note_no)
            pages.append(([], []))
            used = 0
            block = f"<p class='cont'>{' '.join(words)}</p>"
            cost = len(strip_tags(block))
        elif used + cost > budget:
            pages.append(([], []))
            used = 0
        pages[-1][0].append(block)
        note_no = _collect(block, notes, pages[-1][1], note_no)
        used += cost
    html_pages = []
    for body, foot in pages:
        lines = "".join(f"<div>{escape(n)}</div>" for n in foot)
        html_pages.append(
            f"<div class='page'>{''.join(body)}<div class='foot notes'>{lines}</div></div>"
        )
    return "\n".join(html_pages)


def _collect(block: str, notes: list[str], foot: list[str], note_no: int) -> int:
    while f"<sup>{note_no + 1}</sup>" in block:
        note_no += 1
        foot.append(f"{str(note_no).translate(SUPERSCRIPT)} {notes[note_no - 1]}")
    return note_no


def generate(layout: str, seed: int, renderer: Renderer | None) -> Case:
    """A round-trip case; with no renderer, only a cached PDF (or none) is attached."""
    return attach_pdf(*build(layout, seed), renderer)


def _cache_path(source: str, options: dict, cache: Path = CACHE) -> Path:
    key = hashlib.sha256((source + json.dumps(options, sort_keys=True)).encode()).hexdigest()
    return cache / f"{key[:24]}.pdf"
