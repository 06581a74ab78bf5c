"""Sixth held-out PDF round-trips: layouts unlike every earlier round-trip's.

- ``songbook``: a choir's song collection on A5: a foreword, the songs gathered in parts,
  each song under its title (numbered or not) with a dedication, the tune it goes to, a
  short headnote, stanzas set line by line and a chorus; the editor's notes on the songs
  at the back, cited from the headnotes; the book's name as a running head, a bare folio.
- ``magazine``: an issue of a members' magazine on A4: a masthead, an "In this issue"
  box, articles with a standfirst, a byline, their body in two columns with crossheads,
  a pull-quote repeating a sentence, a photograph's caption and credit, one article
  jumping to a later page ("Continued on page 4" and its continuation under a label),
  the letters page and a diary of dates; the issue in the header, the page in the footer.

The importer reads the PDF's text layer through pypdf as a curator's upload. Truth from
the source, never from the PDF.
"""

from __future__ import annotations

import random

from .model import Case, Furniture, Heading, Truth
from .render import number_word
from .roundtrip import Renderer, attach_pdf, document, escape, start
from .sixth_prose import SixthProse

LAYOUTS = ["songbook", "magazine"]
FAMILIES = [f"pdf_sixth_{layout}" for layout in LAYOUTS]

_SONGBOOK_CSS = """
body { font-family: serif; font-size: 10pt; line-height: 1.35; margin: 0; }
.cover { break-after: page; padding-top: 45mm; text-align: center; }
.cover h1 { font-size: 22pt; font-weight: normal; margin-bottom: 4mm; }
h2 { font-size: 15pt; font-weight: normal; text-align: center; break-before: page;
  margin: 0 0 8mm; }
h3 { font-size: 11.5pt; margin: 7mm 0 1mm; }
.for { font-style: italic; margin: 0 0 1mm; }
.tune { font-size: 8.5pt; text-transform: uppercase; letter-spacing: 0.05em; margin: 0 0 2mm; }
p { margin: 0 0 2mm; text-align: justify; }
.head { font-size: 9pt; }
.stanza { margin: 0 0 3mm 8mm; text-align: left; }
.chorus { margin: 0 0 3mm 14mm; font-style: italic; text-align: left; }
.notes p { font-size: 9pt; margin: 0 0 1.5mm; }
"""


def _verse(rng: random.Random, prose: SixthProse, lines: int) -> list[str]:
    """Lines of a song: pieces of the world's sentences cut at their words, capitalised."""
    out: list[str] = []
    while len(out) < lines:
        words = prose.sentence().rstrip(".").replace("“", "").replace("”", "").split()
        cut = rng.randint(3, max(3, len(words) - 3))
        for piece in (words[:cut], words[cut:]):
            if piece and len(out) < lines:
                out.append(" ".join(piece)[:1].upper() + " ".join(piece)[1:])
    out[-1] += rng.choice([".", "!", ","])
    return out


def _build_songbook(seed: int) -> tuple[str, dict, Truth]:
    rng, prose, truth = start("pdf_sixth_songbook", seed, SixthProse)
    title = truth.title
    editor = prose.name()
    out = [
        f"<div class='cover'><h1>{escape(title)}</h1><p>Songs of the valley choirs</p>"
        f"<p>Collected and edited by {escape(editor)}</p></div>",
    ]
    foreword = rng.choice(["Foreword", "Preface", "To the Singers"])
    truth.headings.append(Heading(foreword, 1, foreword))
    out.append(f"<h2 style='break-before: auto'>{foreword}</h2>")
    for _ in range(rng.randint(2, 3)):
        out.append(_prose_paragraph(truth, prose.sentences(3, 5)))
    notes: list[str] = []
    part_style = rng.choice(["word", "roman", "name"])
    numbered = rng.random() < 0.5
    song = 0
    for p in range(1, rng.randint(2, 3) + 1):
        part = prose.title()
        label = {"word": f"Part {number_word(p)}", "roman": f"{'I' * p}.", "name": ""}[part_style]
        truth.headings.append(Heading(part, 1, f"{label} {part}".strip()))
        out.append(f"<h2>{label}<br>{escape(part)}</h2>" if label else f"<h2>{escape(part)}</h2>")
        for _ in range(rng.randint(2, 3)):
            song += 1
            name = prose.title()
            printed = f"{song}. {name}" if numbered else name
            truth.headings.append(Heading(name, 1, printed))
            out.append(f"<h3>{escape(printed)}</h3>")
            if rng.random() < 0.6:
                out.append(f"<p class='for'>for {escape(prose.name())}</p>")
            out.append(f"<p class='tune'>Tune: {escape(prose.title())}</p>")
            cite = rng.random() < 0.5
            out.append(
                _prose_paragraph(
                    truth, prose.sentences(1, 3), notes if cite else None, prose.note()
                )
            )
            chorus = _verse(rng, prose, 2)
            for stanza in range(rng.randint(2, 3)):
                lines = "<br>".join(escape(line) for line in _verse(rng, prose, 4))
                out.append(f"<p class='stanza'>{lines}</p>")
                if stanza == 0:
                    out.append(
                        f"<p class='chorus'>Chorus:<br>{'<br>'.join(map(escape, chorus))}</p>"
                    )
                elif rng.random() < 0.5:
                    out.append("<p class='chorus'>(Chorus)</p>")
    if notes:
        name = rng.choice(["Notes on the Songs", "Notes"])
        truth.headings.append(Heading(name, 1, name))
        items = "".join(f"<p>{k}. {escape(n)}</p>" for k, n in enumerate(notes, 1))
        out.append(f"<h2>{name}</h2><div class='notes'>{items}</div>")
    truth.furniture.append(Furniture(title.upper()))
    small = "font-size:7.5px; width:100%; font-family:serif; margin: 0 14mm;"
    options = {
        "format": "A5",
        "display_header_footer": True,
        "header_template": f"<div style='{small} text-align:center'>{escape(title.upper())}</div>",
        "footer_template": f"<div style='{small} text-align:center'><span class='pageNumber'>"
        "</span></div>",
        "margin": {"top": "15mm", "bottom": "15mm", "left": "14mm", "right": "14mm"},
    }
    return document(title, _SONGBOOK_CSS, "".join(out)), options, truth


def _prose_paragraph(
    truth: Truth, sentences: list[str], notes: list[str] | None = None, note: str = ""
) -> str:
    """A paragraph whose sentences are probes; with `notes`, its last sentence cites the
    next one of them (numbered through the book)."""
    truth.sentences.extend(s for s in sentences if s not in truth.sentences)
    parts = [escape(s) for s in sentences]
    if notes is not None:
        notes.append(note)
        parts[-1] += f"<sup>{len(notes)}</sup>"
        truth.footnotes += 1
    return f"<p class='head'>{' '.join(parts)}</p>"


_MAGAZINE_CSS = """
body { font-family: sans-serif; font-size: 9.5pt; line-height: 1.4; margin: 0; }
.mast { border-bottom: 2pt solid #000; margin-bottom: 4mm; }
.mast h1 { font-size: 30pt; margin: 0; letter-spacing: -0.02em; }
.mast p { margin: 0 0 2mm; font-size: 9pt; }
.inside { border: 1pt solid #000; padding: 2mm 4mm; margin: 0 0 5mm; width: 70mm; }
.inside b { display: block; }
h2 { font-size: 18pt; margin: 6mm 0 1mm; }
.stand { font-size: 11pt; font-style: italic; margin: 0 0 1mm; }
.by { font-size: 8.5pt; text-transform: uppercase; margin: 0 0 3mm; }
.cols { column-count: 2; column-gap: 6mm; }
.cols p { margin: 0 0 2mm; text-align: justify; }
h3 { font-size: 10.5pt; margin: 3mm 0 1mm; }
.pull { font-size: 13pt; font-style: italic; border-top: 1pt solid #000;
  border-bottom: 1pt solid #000; margin: 3mm 0; padding: 1mm 0; break-inside: avoid; }
figure { margin: 3mm 0; break-inside: avoid; }
figure .plate { height: 28mm; background: #bbb; }
figcaption { font-size: 8pt; }
.jump { font-size: 8pt; font-weight: bold; text-align: right; }
.label { font-size: 8pt; font-weight: bold; text-transform: uppercase; margin: 6mm 0 2mm; }
.sign { text-align: right; font-style: italic; }
.diary p { margin: 0 0 1mm; }
"""


def _build_magazine(seed: int) -> tuple[str, dict, Truth]:
    rng, prose, truth = start("pdf_sixth_magazine", seed, SixthProse)
    title = truth.title
    issue = rng.randint(4, 90)
    season = f"{rng.choice(['Spring', 'Summer', 'Autumn', 'Winter'])} {rng.randint(1958, 1984)}"
    articles = [prose.title(question=rng.random() < 0.2) for _ in range(rng.randint(3, 4))]
    jumped = rng.randrange(len(articles) - 1)  # its end follows the next article
    out = [
        f"<div class='mast'><h1>{escape(title)}</h1><p>The members' magazine · Issue {issue}"
        f" · {season} · Sixpence</p></div>",
        "<div class='inside'><b>In this issue</b>"
        + "".join(f"<div>{escape(a)} … {2 * k + 1}</div>" for k, a in enumerate(articles))
        + "</div>",
    ]
    held: list[str] = []
    for k, name in enumerate(articles):
        truth.headings.append(Heading(name, 1, name))
        stand = prose.sentences(1, 2)
        truth.sentences.extend(stand)
        out.append(f"<h2>{escape(name)}</h2><p class='stand'>{escape(' '.join(stand))}</p>")
        out.append(f"<p class='by'>By {escape(prose.name())}</p>")
        body = _article_body(rng, prose, truth)
        if k == jumped:
            cut = max(1, len(body) - 2)
            body, held = body[:cut], body[cut:]
            jump = f"Continued on page {rng.randint(4, 7)}"
            body.append(f"<p class='jump'>{jump}</p>")
            truth.furniture.append(Furniture(jump))
        out.append(f"<div class='cols'>{''.join(body)}</div>")
        if k == jumped + 1 and held:
            label = f"{articles[jumped]}, continued from page {2 * jumped + 1}"
            truth.furniture.append(Furniture(label))
            out.append(
                f"<p class='label'>{escape(label)}</p><div class='cols'>{''.join(held)}</div>"
            )
    letters = rng.choice(["Letters to the Editor", "Your Letters"])
    truth.headings.append(Heading(letters, 1, letters))
    out.append(f"<h2>{letters}</h2><div class='cols'>")
    for _ in range(rng.randint(2, 3)):
        sentences = prose.sentences(2, 4)
        truth.sentences.extend(s for s in sentences if s not in truth.sentences)
        out.append(
            f"<p>{escape(' '.join(sentences))}</p>"
            f"<p class='sign'>{escape(prose.name())}, {escape(prose.town())}</p>"
        )
    out.append("</div>")
    diary = rng.choice(["Diary Dates", "What's On"])
    truth.headings.append(Heading(diary, 1, diary))
    out.append(f"<h2>{diary}</h2><div class='diary'>")
    for _ in range(rng.randint(3, 5)):
        out.append(
            f"<p><b>{rng.randint(1, 28)} {rng.choice(['May', 'June', 'July'])}</b> — "
            f"{escape(prose.title())}, {escape(prose.town())}</p>"
        )
    out.append("</div>")
    head = f"{title} · Issue {issue} · {season}"
    truth.furniture.append(Furniture(head))
    small = "font-size:7.5px; width:100%; font-family:sans-serif; margin: 0 18mm;"
    options = {
        "format": "A4",
        "display_header_footer": True,
        "header_template": f"<div style='{small} text-align:right'>{escape(head)}</div>",
        "footer_template": f"<div style='{small} text-align:left'><span class='pageNumber'>"
        "</span></div>",
        "margin": {"top": "18mm", "bottom": "18mm", "left": "18mm", "right": "18mm"},
    }
    return document(title, _MAGAZINE_CSS, "".join(out)), options, truth


def _article_body(rng: random.Random, prose: SixthProse, truth: Truth) -> list[str]:
    """An article's blocks: paragraphs (probes), crossheads, a pull-quote and a photograph."""
    blocks: list[str] = []
    said: list[str] = []
    for c in range(rng.randint(1, 3)):
        if c:
            cross = prose.title()
            truth.headings.append(Heading(cross, 2, cross))
            blocks.append(f"<h3>{escape(cross)}</h3>")
        for _ in range(rng.randint(2, 3)):
            sentences = prose.sentences(2, 5)
            truth.sentences.extend(s for s in sentences if s not in truth.sentences)
            said += sentences
            blocks.append(f"<p>{escape(' '.join(sentences))}</p>")
    if rng.random() < 0.6:
        quote = rng.choice(said)
        truth.furniture.append(Furniture(quote, ("quote", "caption"), allowed=1))
        blocks.insert(rng.randint(1, len(blocks) - 1), f"<p class='pull'>{escape(quote)}</p>")
    if rng.random() < 0.5:
        caption = f"{rng.choice(prose.vocabulary.brief)} Photograph: {prose.name()}"
        truth.furniture.append(Furniture(caption, tolerated=("caption",)))
        blocks.insert(
            rng.randint(1, len(blocks) - 1),
            f"<figure><div class='plate'></div><figcaption>{escape(caption)}</figcaption></figure>",
        )
    return blocks


def build(layout: str, seed: int) -> tuple[str, dict, Truth]:
    """The HTML source, the print options and the truth for one seed."""
    return {"songbook": _build_songbook, "magazine": _build_magazine}[layout](seed)


def generate(family: str, seed: int, renderer: Renderer | None) -> Case:
    """A round-trip case; with no renderer, only a cached PDF (or none) is attached."""
    return attach_pdf(*build(family.removeprefix("pdf_sixth_"), seed), renderer)
