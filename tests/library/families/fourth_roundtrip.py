"""Fourth held-out PDF round-trips: layouts unlike every earlier round-trip's.

- ``coursepack``: a course pack on A4: each reading opens a page under a "Reading 3"
  kicker, with its source and a private-study notice, sub-heads kept from the book it comes
  from, and its notes after it under "Notes", numbered as in that book (17, 18, 21…);
  a header template with the course code and a footer "Course pack page 4".
- ``script``: a play set as an acting edition on A5: a list of characters, each act on a
  new page, scenes with a title, speakers' names centred in capitals above their lines,
  stage directions in italic brackets, the title as a running head and a bare folio.

Chromium lays the pages out itself (no page boxes of ours), so paragraphs run across pages
wherever they fall; the importer reads the PDF's text layer through pypdf as a curator's
upload. Truth from the source, never from the PDF.
"""

from __future__ import annotations

from .fourth_prose import AGENTS, FourthProse
from .model import Case, Furniture, Heading, Truth
from .render import number_word
from .roundtrip import Renderer, attach_pdf, document, escape, start

LAYOUTS = ["coursepack", "script"]
FAMILIES = [f"pdf_fourth_{layout}" for layout in LAYOUTS]
NOTICE = "Reproduced for private study only. Not for resale."

_PACK_CSS = """
body { font-family: serif; font-size: 10.5pt; line-height: 1.45; margin: 0; }
.cover { break-after: page; padding-top: 50mm; text-align: center; }
.cover h1 { font-size: 24pt; font-weight: normal; }
.toc div { margin: 1mm 0; }
.reading { break-before: page; }
.kicker { font-family: sans-serif; font-size: 9pt; letter-spacing: 0.2em; color: #555; }
h2 { font-size: 17pt; margin: 2mm 0 4mm; }
h3 { font-size: 11.5pt; font-style: italic; font-weight: normal; margin: 5mm 0 2mm; }
.source { font-size: 9pt; border-top: 0.5pt solid #000; border-bottom: 0.5pt solid #000;
  padding: 1mm 0; }
.notice { font-size: 8pt; font-style: italic; }
p { margin: 0 0 2.5mm; text-align: justify; }
.notes { font-size: 8.5pt; margin-top: 6mm; }
.notes h4 { font-size: 9.5pt; margin: 0 0 2mm; }
"""


def _build_coursepack(seed: int) -> tuple[str, dict, Truth]:
    rng, prose, truth = start("pdf_fourth_coursepack", seed, FourthProse)
    title = truth.title
    code = f"{rng.choice(['CULT', 'ADED', 'HIST'])} {rng.randint(101, 399)}"
    readings = [prose.title() for _ in range(rng.randint(3, 4))]
    out = [
        f"<div class='cover'><h1>{escape(title)}</h1><p>{escape(code)} · Course pack</p>"
        f"<p>Compiled by {escape(prose.name())}</p></div>"
    ]
    if rng.random() < 0.6:
        page = 3
        lines = []
        for n, name in enumerate(readings, 1):
            entry = f"Reading {n}. {name}"
            lines.append(f"<div>{escape(entry)} {'.' * (64 - len(entry))} {page}</div>")
            page += rng.randint(4, 12)
        out.append(f"<div class='toc'><h2>Contents</h2>{''.join(lines)}</div>")
    for n, name in enumerate(readings, 1):
        truth.headings.append(Heading(name, 1, f"READING {n} {name}"))
        out.append(
            f"<section class='reading'><div class='kicker'>READING {n}</div>"
            f"<h2>{escape(name)}</h2><p class='source'>From: {escape(prose.source())}</p>"
            f"<p class='notice'>{NOTICE}</p>"
        )
        number = rng.randint(4, 30)  # the book's own note numbers
        notes: list[str] = []
        for k in range(rng.randint(3, 6)):
            if k and rng.random() < 0.3:
                sub = prose.title(question=rng.random() < 0.3)
                truth.headings.append(Heading(sub, 2, sub))
                out.append(f"<h3>{escape(sub)}</h3>")
            sentences = prose.sentences(3, 6)
            truth.sentences.extend(sentences)
            parts = [escape(s) for s in sentences]
            if rng.random() < 0.45:
                number += rng.randint(1, 3)
                j = rng.randrange(len(parts))
                parts[j] += f"<sup>{number}</sup>"
                notes.append(f"<p>{number}. {escape(prose.note())}</p>")
                truth.footnotes += 1
            out.append(f"<p>{' '.join(parts)}</p>")
        if notes:
            out.append(f"<div class='notes'><h4>Notes</h4>{''.join(notes)}</div>")
        out.append("</section>")
    head = f"{code} · {title}"
    truth.furniture += [
        Furniture(head),
        Furniture(NOTICE),
        Furniture("Course pack page 2"),
        Furniture("Course pack page 3"),
    ]
    small = "font-size:7.5px; width:100%; font-family:sans-serif; margin: 0 18mm;"
    options = {
        "format": "A4",
        "display_header_footer": True,
        "header_template": f"<div style='{small} text-align:left'>{escape(head)}</div>",
        "footer_template": (
            f"<div style='{small} text-align:right'>Course pack page "
            "<span class='pageNumber'></span></div>"
        ),
        "margin": {"top": "20mm", "bottom": "20mm", "left": "24mm", "right": "24mm"},
    }
    return document(title, _PACK_CSS, "".join(out)), options, truth


_SCRIPT_CSS = """
body { font-family: serif; font-size: 10.5pt; line-height: 1.35; margin: 0; }
.cover { break-after: page; padding-top: 45mm; text-align: center; }
.cast div { margin: 1mm 0 1mm 10mm; }
h2 { text-align: center; font-size: 14pt; letter-spacing: 0.15em; margin: 0 0 6mm;
  break-before: page; }
h2.cast-head { letter-spacing: 0; }
h3 { text-align: center; font-size: 11pt; font-weight: normal; font-style: italic;
  margin: 6mm 0 3mm; }
.who { text-align: center; font-size: 9.5pt; letter-spacing: 0.1em; margin-top: 3mm; }
p { margin: 0 0 1mm; }
.dir { font-style: italic; margin: 2mm 0 2mm 14mm; }
.end { text-align: center; margin-top: 6mm; }
"""


def _build_script(seed: int) -> tuple[str, dict, Truth]:
    rng, prose, truth = start("pdf_fourth_script", seed, FourthProse)
    title = truth.title
    acts = rng.randint(2, 3)
    cast: list[str] = []
    while len(cast) < 4:
        name = prose.name().split()[0].upper()
        if name not in cast:
            cast.append(name)
    out = [
        f"<div class='cover'><h1>{escape(title)}</h1>"
        f"<p>A play in {number_word(acts).lower()} acts</p><p>by {escape(prose.name())}</p></div>",
        "<h2 class='cast-head' style='break-before: auto'>Characters</h2><div class='cast'>",
        *(f"<div>{name}, {escape(rng.choice(AGENTS))}</div>" for name in cast),
        "</div>",
    ]
    truth.headings.append(Heading("Characters", 1, "Characters"))
    roman_acts = rng.random() < 0.5
    for a in range(1, acts + 1):
        number = "I" * a if roman_acts else number_word(a)
        label = f"ACT {number.upper()}"
        truth.headings.append(Heading(f"Act {number}", 1, label))
        out.append(f"<h2>{label}</h2>")
        for s in range(1, rng.randint(2, 3) + 1):
            name = prose.title()
            printed = f"Scene {s}: {name}"
            truth.headings.append(Heading(name, 2, printed))
            out.append(f"<h3>{escape(printed)}</h3>")
            out.append(_direction(truth, prose.sentences(1, 2)))
            for _ in range(rng.randint(5, 9)):
                sentences = [prose.brief()] if rng.random() < 0.2 else prose.sentences(1, 3)
                truth.sentences.extend(s for s in sentences if s not in truth.sentences)
                out.append(
                    f"<div class='who'>{rng.choice(cast)}</div><p>{escape(' '.join(sentences))}</p>"
                )
                if rng.random() < 0.15:
                    out.append(_direction(truth, [prose.sentence()]))
        out.append(f"<p class='end'>END OF ACT {number_word(a).upper()}</p>")
    head = f"{title} — acting edition"
    truth.furniture.append(Furniture(head))
    small = "font-size:7.5px; width:100%; font-family:serif; margin: 0 14mm;"
    options = {
        "format": "A5",
        "display_header_footer": True,
        "header_template": (
            f"<div style='{small} text-align:right; font-style:italic'>{escape(head)}</div>"
        ),
        "footer_template": f"<div style='{small} text-align:center'><span class='pageNumber'>"
        "</span></div>",
        "margin": {"top": "16mm", "bottom": "16mm", "left": "16mm", "right": "16mm"},
    }
    return document(title, _SCRIPT_CSS, "".join(out)), options, truth


def build(layout: str, seed: int) -> tuple[str, dict, Truth]:
    """The HTML source, the print options and the truth for one seed."""
    return {"coursepack": _build_coursepack, "script": _build_script}[layout](seed)


def _direction(truth: Truth, sentences: list[str]) -> str:
    """A stage direction in brackets; its sentences are probes."""
    truth.sentences.extend(s for s in sentences if s not in truth.sentences)
    return f"<p class='dir'>[{escape(' '.join(sentences))}]</p>"


def generate(family: str, seed: int, renderer: Renderer | None) -> Case:
    """A round-trip case; with no renderer, only a cached PDF (or none) is attached."""
    return attach_pdf(*build(family.removeprefix("pdf_fourth_"), seed), renderer)
