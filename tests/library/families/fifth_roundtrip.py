"""Fifth held-out PDF round-trips: layouts unlike every earlier round-trip's.

- ``letters``: a volume of selected letters on A5: an editor's introduction, the letters
  gathered in parts by period, each headed "14. To Hester Carrow" with its place and date
  set right, a salutation and a signature, and the editor's notes right after the letter,
  numbered from 1 in each letter; the volume's name as a running head, a bare folio.
- ``brief``: a research unit's briefing paper on A4: a cover, a boxed "Key findings" list,
  sections "2." and sub-sections "2.1", shaded case-study panels with a label, footnotes
  at the foot of the page that cites them (our own page boxes, so Chromium prints them
  there, and a paragraph cut at a page's end goes on after its notes), a header template
  with the paper's number and a footer "Briefing paper 7 · page 3".

The importer reads the PDF's text layer through pypdf as a curator's upload. Truth from
the source, never from the PDF.
"""

from __future__ import annotations

import re

from .fifth_prose import FifthProse
from .model import Case, Furniture, Heading, Truth
from .render import SUPERSCRIPT, number_word
from .roundtrip import Renderer, attach_pdf, document, escape, start, strip_tags

LAYOUTS = ["letters", "brief"]
FAMILIES = [f"pdf_fifth_{layout}" for layout in LAYOUTS]

_LETTERS_CSS = """
body { font-family: serif; font-size: 10pt; line-height: 1.4; margin: 0; }
.cover { break-after: page; padding-top: 40mm; text-align: center; }
.cover h1 { font-size: 20pt; font-weight: normal; }
h2 { font-size: 14pt; text-align: center; font-weight: normal; margin: 0 0 8mm;
  break-before: page; }
h3 { font-size: 11pt; margin: 8mm 0 1mm; }
.date { text-align: right; font-style: italic; margin: 0 0 2mm; }
p { margin: 0 0 1.5mm; text-align: justify; text-indent: 5mm; }
p.open, p.close, p.date { text-indent: 0; }
p.close { margin-left: 40mm; }
.notes { font-size: 8pt; border-top: 0.4pt solid #000; margin-top: 2mm; padding-top: 1mm; }
.notes p { text-indent: 0; margin: 0 0 0.5mm; }
"""


def _build_letters(seed: int) -> tuple[str, dict, Truth]:
    rng, prose, truth = start("pdf_fifth_letters", seed, FifthProse)
    title = truth.title
    writer, editor = prose.name(), prose.name()
    correspondents = [prose.name() for _ in range(3)]
    first = rng.randint(1905, 1935)
    out = [
        f"<div class='cover'><h1>{escape(title)}</h1><p>Selected letters of {escape(writer)}, "
        f"{first}–{first + rng.randint(8, 20)}</p><p>Edited by {escape(editor)}</p></div>",
    ]
    intro = rng.choice(["Introduction", "Editor's Introduction"])
    truth.headings.append(Heading(intro, 1, intro))
    out.append(f"<h2 style='break-before: auto'>{intro}</h2>")
    for _ in range(rng.randint(2, 3)):
        out.append(_paragraph(truth, prose.sentences(3, 5)))
    number = 0
    year = first
    for p in range(1, rng.randint(2, 3) + 1):
        part = prose.title()
        truth.headings.append(Heading(part, 1, f"Part {number_word(p)} {part}"))
        out.append(f"<h2>Part {number_word(p)}<br>{escape(part)}</h2>")
        for _ in range(rng.randint(2, 4)):
            number += 1
            year += rng.randint(0, 2)
            to = rng.choice(correspondents)
            heading = f"{number}. To {to}"
            truth.headings.append(Heading(f"To {to}", 1, heading))
            date = f"{rng.randint(1, 28)} {rng.choice(['March', 'May', 'July', 'October'])} {year}"
            out.append(
                f"<h3>{escape(heading)}</h3><p class='date'>{prose.town()}, {date}</p>"
                f"<p class='open'>Dear {escape(to.split()[0])},</p>"
            )
            notes: list[str] = []
            for _ in range(rng.randint(2, 3)):
                sentences = prose.sentences(3, 5)
                cite = rng.random() < 0.5
                out.append(_paragraph(truth, sentences, notes if cite else None, prose.note()))
            out.append(f"<p class='close'>Yours ever,<br>{escape(writer.split()[0])}</p>")
            if notes:
                items = "".join(f"<p>{k}. {escape(n)}</p>" for k, n in enumerate(notes, 1))
                out.append(f"<div class='notes'>{items}</div>")
    head = f"{title}: selected letters"
    truth.furniture.append(Furniture(head))
    small = "font-size:7.5px; width:100%; font-family:serif; margin: 0 15mm;"
    options = {
        "format": "A5",
        "display_header_footer": True,
        "header_template": f"<div style='{small} text-align:center; font-style:italic'>"
        f"{escape(head)}</div>",
        "footer_template": f"<div style='{small} text-align:center'><span class='pageNumber'>"
        "</span></div>",
        "margin": {"top": "16mm", "bottom": "16mm", "left": "15mm", "right": "15mm"},
    }
    return document(title, _LETTERS_CSS, "".join(out)), options, truth


def _paragraph(
    truth: Truth, sentences: list[str], notes: list[str] | None = None, note: str = ""
) -> str:
    """A paragraph whose sentences are probes; with `notes`, its last sentence cites the
    next one of them (numbered within the letter)."""
    truth.sentences.extend(s for s in sentences if s not in truth.sentences)
    parts = [escape(s) for s in sentences]
    if notes is not None:
        notes.append(note)
        parts[-1] += f"<sup>{len(notes)}</sup>"
        truth.footnotes += 1
    return f"<p>{' '.join(parts)}</p>"


_BRIEF_CSS = """
body { font-family: sans-serif; font-size: 10pt; line-height: 1.45; margin: 0; }
.page { height: 240mm; position: relative; break-after: page; overflow: hidden; }
.page .foot { position: absolute; bottom: 0; left: 0; right: 0; font-size: 8pt; }
.foot hr { width: 40mm; margin: 0 0 1mm; border: 0; border-top: 0.5pt solid #000; }
.cover { break-after: page; }
.cover h1 { font-size: 24pt; margin: 40mm 0 6mm; }
.cover p { font-size: 12pt; }
.findings { border: 1pt solid #000; padding: 3mm 5mm; margin: 4mm 0; }
.findings b { display: block; font-size: 11pt; }
h2 { font-size: 14pt; margin: 6mm 0 2mm; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; }
p { margin: 0 0 2mm; }
.case { background: #e8e8e8; padding: 3mm 4mm; margin: 3mm 0; }
.case b { display: block; font-size: 9pt; text-transform: uppercase; letter-spacing: 0.08em; }
"""


def _build_brief(seed: int) -> tuple[str, dict, Truth]:
    rng, prose, truth = start("pdf_fifth_brief", seed, FifthProse)
    title = truth.title
    paper = rng.randint(2, 40)
    unit = f"{prose.town()} Canal Society Research Unit"
    date = f"{rng.choice(['April', 'October'])} {rng.randint(1955, 1975)}"
    cover = (
        f"<div class='cover'><p>{escape(unit)}</p><h1>{escape(title)}</h1>"
        f"<p>Briefing paper no. {paper} · {date}</p><p>by {escape(prose.name())}</p></div>"
    )
    findings = prose.sentences(3, 4)
    truth.sentences.extend(findings)
    blocks = [
        "<div class='findings'><b>Key findings</b>"
        + "".join(f"<div>• {escape(s)}</div>" for s in findings)
        + "</div>"
    ]
    notes: list[str] = []
    for n in range(1, rng.randint(3, 4) + 1):
        name = prose.title()
        truth.headings.append(Heading(name, 1, f"{n}. {name}"))
        blocks.append(f"<h2>{n}. {escape(name)}</h2>")
        blocks += _brief_paragraphs(rng, prose, truth, notes, 1, 2)
        for k in range(1, rng.randint(1, 3) + 1):
            sub = prose.title(question=rng.random() < 0.25)
            truth.headings.append(Heading(sub, 2, f"{n}.{k} {sub}"))
            blocks.append(f"<h3>{n}.{k} {escape(sub)}</h3>")
            blocks += _brief_paragraphs(rng, prose, truth, notes, 1, 3)
        if rng.random() < 0.5:
            story = prose.sentences(2, 3)
            truth.sentences.extend(story)
            label = f"Case study: {prose.town()}"
            blocks.append(f"<div class='case'><b>{label}</b> {escape(' '.join(story))}</div>")
    head = f"Briefing paper {paper} — {title}"
    folio = f"Briefing paper {paper} · page"
    truth.furniture += [Furniture(head), Furniture(f"{folio} 2"), Furniture(f"{folio} 3")]
    body = cover + _pages(blocks, notes)
    small = "font-size:7.5px; width:100%; font-family:sans-serif; margin: 0 22mm;"
    options = {
        "format": "A4",
        "display_header_footer": True,
        "header_template": f"<div style='{small} text-align:right'>{escape(head)}</div>",
        "footer_template": f"<div style='{small} text-align:left'>{escape(folio)} "
        "<span class='pageNumber'></span></div>",
        "margin": {"top": "22mm", "bottom": "22mm", "left": "22mm", "right": "22mm"},
    }
    return document(title, _BRIEF_CSS, body), options, truth


def _brief_paragraphs(rng, prose: FifthProse, truth: Truth, notes: list[str], low: int, high: int):
    """Paragraphs whose sentences are probes; some cite a note, numbered through the paper."""
    out = []
    for _ in range(rng.randint(low, high)):
        sentences = prose.sentences(3, 6)
        truth.sentences.extend(s for s in sentences if s not in truth.sentences)
        parts = [escape(s) for s in sentences]
        if rng.random() < 0.45:
            notes.append(prose.note())
            parts[rng.randrange(len(parts))] += f"<sup>{len(notes)}</sup>"
            truth.footnotes += 1
        out.append(f"<p>{' '.join(parts)}</p>")
    return out


def _pages(blocks: list[str], notes: list[str], budget: int = 2200) -> str:
    """Our own page boxes: a conservative count of characters a page, a paragraph that does
    not fit cut at a word and continued on the next page, each page's notes at its foot."""
    pages: list[list[str]] = [[]]
    used = 0
    for block in blocks:
        cost = len(strip_tags(block)) + (150 if block.startswith(("<h", "<div")) else 0)
        if block.startswith("<p>") and used + cost > budget and budget - used > 200:
            words = block[3:-4].split(" ")
            head: list[str] = []
            while words and len(" ".join([*head, words[0]])) < budget - used:
                head.append(words.pop(0))
            pages[-1].append(f"<p>{' '.join(head)}</p>")
            pages.append([])
            used = 0
            block = f"<p>{' '.join(words)}</p>"
            cost = len(strip_tags(block))
        elif used + cost > budget:
            pages.append([])
            used = 0
        pages[-1].append(block)
        used += cost
    out = []
    for page in pages:
        cited = [int(n) for n in re.findall(r"<sup>(\d+)</sup>", "".join(page))]
        foot = "".join(
            f"<div>{str(n).translate(SUPERSCRIPT)} {escape(notes[n - 1])}</div>" for n in cited
        )
        foot = f"<div class='foot'><hr>{foot}</div>" if foot else ""
        out.append(f"<div class='page'>{''.join(page)}{foot}</div>")
    return "\n".join(out)


def build(layout: str, seed: int) -> tuple[str, dict, Truth]:
    """The HTML source, the print options and the truth for one seed."""
    return {"letters": _build_letters, "brief": _build_brief}[layout](seed)


def generate(family: str, seed: int, renderer: Renderer | None) -> Case:
    """A round-trip case; with no renderer, only a cached PDF (or none) is attached."""
    return attach_pdf(*build(family.removeprefix("pdf_fifth_"), seed), renderer)
