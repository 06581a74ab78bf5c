"""Third held-out PDF round-trips: layouts unlike roundtrip.py's and fresh_roundtrip.py's.

- ``sidenotes``: a working paper on A4 with a wide outer margin: short glosses set beside
  the paragraphs they annotate, section headings in a dark sans-serif band, sub-headings in
  bold sans, footnotes under a rule at each page's foot, a header template with the
  series and a footer "3 / 7".
- ``handout``: a two-up handout on landscape A4: two narrow page boxes side by side on
  every sheet, each with its own folio ("— 4 —"), ALL-CAPS headings, a boxed summary.

Our own page boxes carry everything the page shows, so Chromium prints exactly that; the
importer reads the PDF's text layer through pypdf as a curator's upload. Truth from the
source, never from the PDF.
"""

from __future__ import annotations

import random

from .model import Case, Furniture, Heading, Truth
from .roundtrip import (
    Renderer,
    attach_pdf,
    document,
    escape,
    foot_notes,
    start,
    strip_tags,
)
from .third_prose import T_NOUNS, ThirdProse

LAYOUTS = ["sidenotes", "handout"]
FAMILIES = [f"pdf_third_{layout}" for layout in LAYOUTS]

_SIDE_CSS = """
body { font-family: serif; font-size: 10pt; line-height: 1.4; margin: 0; }
.page { height: 240mm; position: relative; break-after: page; overflow: hidden; }
.row { display: grid; grid-template-columns: 118mm 42mm; column-gap: 6mm; }
.side { font-family: sans-serif; font-size: 7.5pt; font-style: italic; color: #555; }
.band { background: #333; color: #fff; font-family: sans-serif; font-size: 13pt;
  padding: 2mm 3mm; margin: 5mm 0 3mm; width: 112mm; }
h3 { font-family: sans-serif; font-size: 10.5pt; margin: 4mm 0 2mm; }
p { margin: 0 0 2.5mm; text-align: justify; }
.foot { position: absolute; bottom: 0; left: 0; width: 118mm; font-size: 8pt; }
.foot hr { width: 30%; margin: 0 0 1mm 0; border: 0; border-top: 0.5pt solid #000; }
.cover h1 { font-family: sans-serif; margin-top: 40mm; }
"""
SIDE_BUDGET = 2600  # characters of prose a page holds, with room to spare
SIDE_HEADING, SIDE_NOTE = 250, 160


def build(layout: str, seed: int) -> tuple[str, dict, Truth]:
    """The HTML source, the print options and the truth for one seed."""
    if layout == "sidenotes":
        return _build_sidenotes(seed)
    if layout == "handout":
        return _build_handout(seed)
    raise KeyError(layout)


def _gloss(rng: random.Random, used: set[str]) -> str:
    """A margin gloss, a few words: "Rye Field, 1934"."""
    while True:
        text = rng.choice(
            [
                f"{rng.choice(T_NOUNS)}, {rng.randint(1921, 1989)}",
                f"On the {rng.choice(T_NOUNS).lower()}",
                f"Cf. rule {rng.randint(2, 40)}",
            ]
        )
        if text not in used:
            used.add(text)
            return text


def _build_sidenotes(seed: int) -> tuple[str, dict, Truth]:
    rng, prose, truth = start("pdf_third_sidenotes", seed, ThirdProse)
    title = truth.title
    series = f"{prose.town()} Land Reform League · Working Paper {rng.randint(2, 60)}"
    numbered = rng.random() < 0.6
    # (kind, html, notes cited as "n\ttext")
    blocks: list[tuple[str, str, list[str]]] = []
    glosses: set[str] = set()
    note = 0
    for n in range(1, rng.randint(3, 4) + 1):
        name = prose.title()
        printed = f"{n}  {name}" if numbered else name
        truth.headings.append(Heading(name, 1, " ".join(printed.split())))
        blocks.append(("h2", f"<div class='band'>{escape(printed)}</div>", []))
        for k in range(rng.randint(2, 5)):
            if k and rng.random() < 0.3:
                sub = prose.title(question=rng.random() < 0.3)
                shown = f"{n}.{k} {sub}" if numbered else sub
                truth.headings.append(Heading(sub, 2, shown))
                blocks.append(("h3", f"<h3>{escape(shown)}</h3>", []))
            sentences = prose.sentences(3, 6)
            truth.sentences.extend(sentences)
            parts = [escape(s) for s in sentences]
            cited: list[str] = []
            if rng.random() < 0.4:
                note += 1
                j = rng.randrange(len(parts))
                parts[j] += f"<sup>{note}</sup>"
                cited.append(f"{note}\t{prose.note()}")
                truth.footnotes += 1
            side = ""
            if rng.random() < 0.5:
                gloss = _gloss(rng, glosses)
                side = escape(gloss)
                truth.furniture.append(Furniture(gloss, ("caption",)))
            blocks.append(("p", f"{' '.join(parts)}\x00{side}", cited))
    pages = _paginate(blocks)
    total = len(pages) + 1
    out = [
        f"<div class='page cover'><h1>{escape(title)}</h1><p>{escape(series)}</p>"
        f"<p>{escape(prose.name())}</p></div>"
    ]
    for content, notes in pages:
        foot = foot_notes(notes)
        out.append(f"<div class='page'>{content}{foot}</div>")
    source = document(title, _SIDE_CSS, "".join(out))
    truth.furniture += [Furniture(series), Furniture(f"2 / {total}"), Furniture(f"3 / {total}")]
    small = "font-size:7px; width:100%; font-family:sans-serif; margin: 0 15mm;"
    options = {
        "format": "A4",
        "display_header_footer": True,
        "header_template": f"<div style='{small} text-align:left'>{escape(series)}</div>",
        "footer_template": (
            f"<div style='{small} text-align:right'><span class='pageNumber'></span> / "
            "<span class='totalPages'></span></div>"
        ),
        "margin": {"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "12mm"},
    }
    return source, options, truth


def _row(text: str, side: str) -> str:
    return f"<div class='row'><p>{text}</p><div class='side'>{side}</div></div>"


def _paginate(blocks) -> list[tuple[str, list[str]]]:
    """Pages as (html, notes at its foot). A paragraph that does not fit is cut at a word
    and goes on overleaf; its gloss stays beside its first half."""
    pages: list[list] = [[[], []]]
    used = 0
    for kind, inner, notes in blocks:
        if kind in {"h2", "h3"}:
            if used + SIDE_HEADING + 300 > SIDE_BUDGET:
                pages.append([[], []])
                used = 0
            pages[-1][0].append(inner)
            used += SIDE_HEADING
            continue
        text, side = inner.split("\x00")
        cost = len(strip_tags(text)) + SIDE_NOTE * len(notes)
        if used + cost > SIDE_BUDGET:
            words = text.split(" ")
            head: list[str] = []
            room = SIDE_BUDGET - used - SIDE_NOTE
            while words and len(strip_tags(" ".join([*head, words[0]]))) < room:
                head.append(words.pop(0))
            if head:
                cut = " ".join(head)
                here = [n for n in notes if f"<sup>{n.split(chr(9))[0]}</sup>" in cut]
                pages[-1][0].append(_row(cut, side))
                pages[-1][1].extend(here)
                notes = [n for n in notes if n not in here]
                text, side = " ".join(words), ""
            pages.append([[], []])
            used = 0
            cost = len(strip_tags(text)) + SIDE_NOTE * len(notes)
        pages[-1][0].append(_row(text, side))
        pages[-1][1].extend(notes)
        used += cost
    return [("".join(content), notes) for content, notes in pages if content]


_HANDOUT_CSS = """
body { font-family: sans-serif; font-size: 8.5pt; line-height: 1.35; margin: 0; }
.sheet { display: flex; gap: 12mm; height: 180mm; break-after: page; overflow: hidden; }
.half { width: 128mm; height: 180mm; position: relative; overflow: hidden; }
.folio { position: absolute; bottom: 0; width: 100%; text-align: center; font-size: 7.5pt; }
h2 { font-size: 11pt; letter-spacing: 0.05em; margin: 3mm 0 2mm; }
h3 { font-size: 9pt; font-style: italic; margin: 2mm 0 1mm; }
p { margin: 0 0 2mm; }
.box { border: 0.6pt solid #000; padding: 2mm 3mm; margin: 2mm 0; }
.box b { display: block; }
"""
HALF_BUDGET = 3000  # characters a half-page holds, with room to spare


def _build_handout(seed: int) -> tuple[str, dict, Truth]:
    """Reading-group handout printed two-up: page boxes side by side on landscape sheets."""
    rng, prose, truth = start("pdf_third_handout", seed, ThirdProse)
    title = truth.title
    halves: list[list[str]] = [[f"<h1>{escape(title)}</h1><p>{escape(prose.name())}</p>"]]
    used = 400
    summary_label = rng.choice(["In short", "Summary", "Key points"])
    numbered = rng.random() < 0.4
    for n in range(1, rng.randint(4, 6) + 1):
        name = prose.title()
        printed = f"{n}. {name.upper()}" if numbered else name.upper()
        truth.headings.append(Heading(name, 1, printed))
        if used + 700 > HALF_BUDGET:
            halves.append([])
            used = 0
        halves[-1].append(f"<h2>{escape(printed)}</h2>")
        used += 150
        for k in range(rng.randint(2, 5)):
            if k and rng.random() < 0.25:
                sub = prose.title(question=True)
                truth.headings.append(Heading(sub, 2, sub))
                if used + 450 > HALF_BUDGET:
                    halves.append([])
                    used = 0
                halves[-1].append(f"<h3>{escape(sub)}</h3>")
                used += 100
            sentences = prose.sentences(2, 4)
            truth.sentences.extend(sentences)
            text = " ".join(sentences)
            if used + len(text) + 80 > HALF_BUDGET:
                halves.append([])
                used = 0
            halves[-1].append(f"<p>{escape(text)}</p>")
            used += len(text) + 80
        if rng.random() < 0.5:
            point = prose.brief()
            box = f"<div class='box'><b>{escape(summary_label)}</b>{escape(point)}</div>"
            if used + 200 > HALF_BUDGET:
                halves.append([])
                used = 0
            halves[-1].append(box)
            used += 200
            truth.furniture.append(Furniture(summary_label, ("caption", "quote")))
    if len(halves) % 2:
        halves.append([])
    sheets = []
    for s in range(0, len(halves), 2):
        pair = []
        for h in (s, s + 1):
            folio = f"— {h + 1} —"
            if h:
                truth.furniture.append(Furniture(folio))
            pair.append(
                f"<div class='half'>{''.join(halves[h])}<div class='folio'>{folio}</div></div>"
            )
        sheets.append(f"<div class='sheet'>{''.join(pair)}</div>")
    truth.furniture = list({f.text: f for f in truth.furniture}.values())
    source = document(title, _HANDOUT_CSS, "".join(sheets))
    options = {
        "format": "A4",
        "landscape": True,
        "margin": {"top": "12mm", "bottom": "12mm", "left": "12mm", "right": "12mm"},
    }
    return source, options, truth


def generate(family: str, seed: int, renderer: Renderer | None) -> Case:
    """A round-trip case; with no renderer, only a cached PDF (or none) is attached."""
    return attach_pdf(*build(family.removeprefix("pdf_third_"), seed), renderer)
