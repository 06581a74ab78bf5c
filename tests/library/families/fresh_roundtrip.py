"""A fresh held-out PDF round-trip: a book set unlike roundtrip.py's layouts.

Chapter openings on a new page, centred, with an ornament and the title in small capitals
(or a numeral above it), a drop capital on the first paragraph, section breaks marked
by an ornament, verso and recto running heads (page number and book title on the left
page, chapter title and page number on the right, none on an opening page) and footnotes
under a rule at each page's foot, their numbering continuous or restarting per chapter.
Our own page boxes carry all of it, so Chromium prints exactly that; the importer then
reads the PDF's text layer through pypdf as a curator's upload. Truth from the source.
"""

from __future__ import annotations

from .fresh_prose import FreshProse
from .model import Case, Furniture, Heading, Truth
from .render import SUPERSCRIPT, number_word, roman
from .roundtrip import (
    Renderer,
    attach_pdf,
    document,
    escape,
    foot_notes,
    start,
    strip_tags,
)

LAYOUTS = ["book", "report"]
FAMILIES = [f"pdf_fresh_{layout}" for layout in LAYOUTS]
ORNAMENTS = ["❦", "❧", "⁂", "* * *"]
BUDGET = 1600  # characters of prose a page holds, with room to spare
HEADING_COST, OPENING_COST, NOTE_COST = 200, 700, 140
_CSS = """
body { font-family: serif; font-size: 10.5pt; line-height: 1.35; margin: 0; }
.page { height: 180mm; position: relative; break-after: page; overflow: hidden; }
.head { font-size: 8pt; letter-spacing: 0.08em; height: 8mm; }
.verso .head { text-align: left; } .recto .head { text-align: right; }
.foot { position: absolute; bottom: 0; left: 0; right: 0; font-size: 8pt; }
.foot hr { width: 35%; margin: 0 0 1mm 0; border: 0; border-top: 0.5pt solid #000; }
.folio { text-align: center; font-size: 8pt; }
.opening { text-align: center; margin: 18mm 0 10mm; }
.opening .orn { font-size: 16pt; }
.opening .label { font-variant: small-caps; letter-spacing: 0.1em; margin: 2mm 0; }
.opening h2 { font-weight: normal; font-size: 15pt; margin: 2mm 0; }
.sc h2 { font-variant: small-caps; } .caps h2 { text-transform: uppercase; }
h3 { font-style: italic; font-weight: normal; font-size: 11pt; text-align: center; }
p { margin: 0; text-align: justify; text-indent: 1.2em; }
p.first { text-indent: 0; }
p.first > b:first-child { float: left; font-size: 3.1em; line-height: 0.9; padding-right: 1mm;
  font-weight: normal; }
.brk { text-align: center; margin: 2mm 0; }
.title, .title p { text-align: center; }
.title h1 { margin: 50mm 0 6mm; font-weight: normal; }
"""


def build(layout: str, seed: int) -> tuple[str, dict, Truth]:
    """The HTML source, the print options and the truth for one seed."""
    if layout == "report":
        return _build_report(seed)
    rng, prose, truth = start(f"pdf_fresh_{layout}", seed, FreshProse)
    title = truth.title
    label_style = rng.choice(["words", "roman", "none"])
    restart = rng.random() < 0.5
    ornament = rng.choice(ORNAMENTS)
    title_look = rng.choice(["sc", "caps"])
    foot_marks = rng.choice(["super", "dotted"])
    # (kind, inner html, chapter title for the running head, notes cited)
    blocks: list[tuple[str, str, str, list[str]]] = []
    note_texts: list[str] = []
    for n in range(1, rng.randint(3, 4) + 1):
        name = prose.title()
        label = {"words": f"Chapter {number_word(n)}", "roman": roman(n), "none": ""}[label_style]
        truth.headings.append(Heading(name, 1, f"{label} {name}".strip()))
        opening = f"<div class='orn'>{escape(ornament)}</div>" if rng.random() < 0.7 else ""
        if label:
            opening += f"<div class='label'>{escape(label)}</div>"
        opening += f"<h2>{escape(name)}</h2>"
        blocks.append(("opening", opening, name, []))
        shown = 0 if restart else len(note_texts)
        for k in range(rng.randint(3, 6)):
            if k and rng.random() < 0.25:
                sub = prose.title(question=rng.random() < 0.3)
                truth.headings.append(Heading(sub, 2, sub))
                blocks.append(("h3", f"<h3>{escape(sub)}</h3>", name, []))
            elif k and rng.random() < 0.15:
                blocks.append(("brk", f"<div class='brk'>{escape(ornament)}</div>", name, []))
            sentences = prose.sentences(3, 6)
            truth.sentences.extend(sentences)
            parts = [escape(s) for s in sentences]
            cited: list[str] = []
            if rng.random() < 0.45:
                shown += 1
                note_texts.append(prose.note())
                j = rng.randrange(len(parts))
                parts[j] += f"<sup>{shown}</sup>"
                cited.append(f"{shown}\t{note_texts[-1]}")
                truth.footnotes += 1
            text = " ".join(parts)
            if k == 0:  # the drop capital: the first letter set apart
                text = f"<b>{text[0]}</b>{text[1:]}"
            blocks.append(("first" if k == 0 else "p", text, name, cited))
    pages = _paginate(blocks)
    body = [
        f"<div class='page title'><h1>{escape(title)}</h1>"
        f"<p class='first'>{escape(prose.name())}</p></div>"
    ]
    book_head = title.upper()  # letter-spaced by the style sheet, as running heads are set
    for number, (opening_page, chapter, content, notes) in enumerate(pages, start=2):
        side = "verso" if number % 2 == 0 else "recto"
        head = ""
        if not opening_page:
            text = (
                f"{number}\u2003{book_head}"
                if side == "verso"
                else f"{chapter.upper()}\u2003{number}"
            )
            head = f"<div class='head'>{escape(text)}</div>"
            truth.furniture.append(Furniture(book_head if side == "verso" else chapter.upper()))
        foot = foot_notes(notes, lambda mark: _note_label(mark, foot_marks))
        if not notes and opening_page:
            foot = f"<div class='foot folio'>{number}</div>"
        body.append(f"<div class='page {side} {title_look}'>{head}{content}{foot}</div>")
    source = document(title, _CSS, "".join(body))
    options = {
        "format": "A5",
        "margin": {"top": "12mm", "bottom": "12mm", "left": "16mm", "right": "14mm"},
    }
    truth.furniture = _unique(truth.furniture)
    return source, options, truth


_REPORT_CSS = """
body { font-family: sans-serif; font-size: 10pt; line-height: 1.45; margin: 0; }
.cover { break-after: page; padding-top: 40mm; }
.cover h1 { font-size: 22pt; color: #225; } .cover p { margin: 2mm 0; }
.toc { break-after: page; } .toc div { font-size: 10pt; }
h2 { font-size: 14pt; color: #225; margin: 8mm 0 3mm; }
h3 { font-size: 11pt; margin: 5mm 0 2mm; }
p { margin: 0 0 3mm; }
table { border-collapse: collapse; margin: 3mm 0; font-size: 9pt; }
td, th { border: 0.5pt solid #888; padding: 1mm 2mm; text-align: right; }
.caption { font-size: 8.5pt; font-style: italic; }
.box { border-left: 2mm solid #225; background: #eef; padding: 2mm 4mm; margin: 4mm 0; }
.plate { height: 25mm; background: #ccc; }
"""


def _build_report(seed: int) -> tuple[str, dict, Truth]:
    """A report exported from a word processor: cover, contents, numbered sections, tables,
    figures with sources, key-finding boxes; a running head and "Page n" from the templates.
    """
    rng, prose, truth = start("pdf_fresh_report", seed, FreshProse)
    title = truth.title
    org = rng.choice(["Eastmoor Tenants' Union", "Carrow Seed Library", "Linesiders' Club"])
    out = [
        f"<div class='cover'><h1>{escape(title)}</h1><p>A report for {escape(org)}</p>"
        f"<p>Prepared by {escape(prose.name())} and {escape(prose.name())}</p>"
        f"<p>{escape(prose.date())}</p></div>"
    ]
    names = ["Summary", *(prose.title() for _ in range(rng.randint(2, 4))), "Recommendations"]
    numbered = rng.random() < 0.7
    labels = [f"{n} " if numbered and 0 < n < len(names) - 1 else "" for n in range(len(names))]
    if rng.random() < 0.6:
        page = 3
        lines = []
        for label, name in zip(labels, names, strict=True):
            lines.append(
                f"<div>{escape(label + name)} {'.' * (60 - len(label + name))} {page}</div>"
            )
            page += rng.randint(1, 3)
        out.append(f"<div class='toc'><h2>Contents</h2>{''.join(lines)}</div>")
    said: list[str] = []
    tables = figures = 0
    for n, (label, name) in enumerate(zip(labels, names, strict=True)):
        out.append(f"<h2>{escape(label + name)}</h2>")
        truth.headings.append(Heading(name, 1, label + name))
        for _ in range(rng.randint(2, 4)):
            sentences = prose.sentences(3, 6)
            truth.sentences.extend(sentences)
            said.append(sentences[-1])
            out.append(f"<p>{escape(' '.join(sentences))}</p>")
        if 0 < n < len(names) - 1:
            for s in range(1, rng.randint(0, 2) + 1):
                sub = prose.title(question=rng.random() < 0.3)
                printed = f"{n}.{s} {sub}" if numbered else sub
                out.append(f"<h3>{escape(printed)}</h3>")
                truth.headings.append(Heading(sub, 2, printed))
                sentences = prose.sentences(2, 5)
                truth.sentences.extend(sentences)
                out.append(f"<p>{escape(' '.join(sentences))}</p>")
            pick = rng.random()
            if pick < 0.35:
                tables += 1
                caption = f"Table {tables}: {prose.sentence()}"
                years = sorted(rng.sample(range(2012, 2024), 3))
                head = "".join(f"<th>{y}</th>" for y in years)
                rows = "".join(
                    f"<tr><td>{escape(prose.surname())}</td>"
                    + "".join(f"<td>{rng.randint(3, 900)}</td>" for _ in years)
                    + "</tr>"
                    for _ in range(rng.randint(3, 5))
                )
                out.append(
                    f"<p class='caption'>{escape(caption)}</p>"
                    f"<table><tr><th>Site</th>{head}</tr>{rows}</table>"
                )
                truth.furniture.append(Furniture(caption, ("caption",)))
            elif pick < 0.65:
                figures += 1
                caption = f"Figure {figures}. {prose.sentence()}"
                source = f"Source: {org} survey, {rng.randint(2015, 2024)}"
                out.append(
                    f"<div class='plate'></div><p class='caption'>{escape(caption)}</p>"
                    f"<p class='caption'>{escape(source)}</p>"
                )
                truth.furniture += [
                    Furniture(caption, ("caption",)),
                    Furniture(source, ("caption",)),
                ]
            elif said:
                quote = rng.choice(said)
                out.append(f"<div class='box'><b>Key finding</b><p>{escape(quote)}</p></div>")
                truth.furniture.append(Furniture(quote, ("quote", "caption"), allowed=1))
    source = document(title, _REPORT_CSS, "".join(out))
    head = f"{org}: {title}"
    truth.furniture += [Furniture(head), Furniture("Page 2"), Furniture("Page 3")]
    small = "font-size:7.5px; width:100%; font-family:sans-serif; margin: 0 12mm;"
    options = {
        "format": "A4",
        "display_header_footer": True,
        "header_template": f"<div style='{small} text-align:right'>{escape(head)}</div>",
        "footer_template": (
            f"<div style='{small} text-align:left'>Page <span class='pageNumber'></span></div>"
        ),
        "margin": {"top": "20mm", "bottom": "20mm", "left": "22mm", "right": "22mm"},
    }
    return source, options, truth


def _note_label(mark: str, style: str) -> str:
    return mark.translate(SUPERSCRIPT) if style == "super" else f"{mark}."


def _unique(items: list[Furniture]) -> list[Furniture]:
    seen: dict[str, Furniture] = {}
    for item in items:
        seen.setdefault(item.text, item)
    return list(seen.values())


def _paginate(blocks) -> list[tuple[bool, str, str, list[str]]]:
    """Pages as (opens a chapter, chapter title, html, notes at its foot).

    A paragraph that does not fit is cut at a word and goes on overleaf without an indent.
    """
    pages: list[list] = []
    used = 0

    def new_page(opening: bool, chapter: str) -> None:
        nonlocal used
        pages.append([opening, chapter, [], []])
        used = 0

    for kind, inner, chapter, notes in blocks:
        if kind == "opening":
            new_page(True, chapter)
            pages[-1][2].append(f"<div class='opening'>{inner}</div>")
            used = OPENING_COST
            continue
        if kind in {"h3", "brk"}:
            if used + HEADING_COST + 200 > BUDGET:
                new_page(False, chapter)
            pages[-1][2].append(inner)
            used += HEADING_COST
            continue
        css = "first" if kind == "first" else ""
        cost = len(strip_tags(inner)) + NOTE_COST * len(notes)
        if used + cost > BUDGET:
            words = inner.split(" ")
            head: list[str] = []
            while (
                words and len(strip_tags(" ".join([*head, words[0]]))) < BUDGET - used - NOTE_COST
            ):
                head.append(words.pop(0))
            if head:
                cut = " ".join(head)
                here = [n for n in notes if f"<sup>{n.split(chr(9))[0]}</sup>" in cut]
                pages[-1][2].append(f"<p class='{css}'>{cut}</p>")
                pages[-1][3].extend(here)
                notes = [n for n in notes if n not in here]
                css = "cont"
                inner = " ".join(words)
            new_page(False, chapter)
            cost = len(strip_tags(inner)) + NOTE_COST * len(notes)
        pages[-1][2].append(f"<p class='{css}'>{inner}</p>" if css != "cont" else _cont(inner))
        pages[-1][3].extend(notes)
        used += cost
    return [
        (opening, chapter, "".join(content), notes) for opening, chapter, content, notes in pages
    ]


def _cont(inner: str) -> str:
    return f"<p style='text-indent:0'>{inner}</p>"


def generate(family: str, seed: int, renderer: Renderer | None) -> Case:
    """A round-trip case; with no renderer, only a cached PDF (or none) is attached."""
    return attach_pdf(*build(family.removeprefix("pdf_fresh_"), seed), renderer)
