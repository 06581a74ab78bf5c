"""Seventh held-out PDF round-trips: layouts unlike every earlier round-trip's.

- ``proceedings``: a small conference's proceedings on A4: the editors' preface and the
  programme committee, then each paper opening a page with its title, authors and their
  townships, an "Abstract." run into its first paragraph across the page, the body in two
  columns with sections numbered "1 Title" (or "1. TITLE"), references in small type run
  in under a label, and notes cited "[3]" that are references, not notes; the meeting's
  short name in the header and "Proceedings · 7" in the footer.
- ``programme``: a play-reading society's programme on A5: a cover, a welcome from the
  chair, the cast as a two-column table, "About the Play" with a pull-quote, the scenes
  listed with their settings, the company's biographies (each name a sub-heading),
  sponsors' boxed advertisements set between the sections; the society's name as a
  running head, no page numbers, and numbered notes to "About the Play" at its end.

The importer reads the PDF's text layer through pypdf as a curator's upload. Truth from
the source, never from the PDF.
"""

from __future__ import annotations

import random

from .model import Case, Furniture, Heading, Truth
from .roundtrip import Renderer, attach_pdf, document, escape, start
from .seventh_prose import SeventhProse

LAYOUTS = ["proceedings", "programme"]
FAMILIES = [f"pdf_seventh_{layout}" for layout in LAYOUTS]

_PROCEEDINGS_CSS = """
body { font-family: serif; font-size: 9.5pt; line-height: 1.3; margin: 0; }
.cover { text-align: center; padding-top: 40mm; break-after: page; }
.cover h1 { font-size: 20pt; font-weight: bold; }
h2 { font-size: 14pt; margin: 0 0 3mm; }
h2.paper { text-align: center; break-before: page; font-size: 15pt; margin-top: 4mm; }
.authors { text-align: center; font-size: 10pt; margin: 0 0 1mm; }
.where { text-align: center; font-size: 8.5pt; font-style: italic; margin: 0 0 4mm; }
.abstract { margin: 0 12mm 5mm; font-size: 9pt; text-align: justify; }
.cols { column-count: 2; column-gap: 7mm; }
.cols p { margin: 0 0 1.5mm; text-indent: 4mm; text-align: justify; }
h3 { font-size: 10pt; margin: 3mm 0 1.5mm; }
.refs { font-size: 8pt; margin-top: 3mm; }
.refs p { text-indent: -4mm; margin: 0 0 1mm 4mm; }
.committee p { margin: 0; }
"""


def _reference(rng: random.Random, prose: SeventhProse, k: int) -> str:
    """A reference as a proceedings prints it: "[3] Macrae, I.: The Warp. Kilbarra (1961)"."""
    given, family = prose.name().split()
    return (
        f"[{k}] {family}, {given[0]}.: {prose.title()}. {prose.town()} ({rng.randint(1921, 1979)})"
    )


def _build_proceedings(seed: int) -> tuple[str, dict, Truth]:
    rng, prose, truth = start("pdf_seventh_proceedings", seed, SeventhProse)
    title = truth.title
    meeting = f"{rng.choice(['Island Crafts', 'Township Studies', 'North Isles'])} Meeting"
    year = rng.randint(1961, 1989)
    short = f"{meeting} {year}"
    section_style = rng.choice(["plain", "caps"])
    out = [
        f"<div class='cover'><h1>{escape(title)}</h1><p>Proceedings of the {escape(short)}</p>"
        f"<p>{escape(prose.town())}, {rng.choice(['May', 'October'])} {year}</p></div>"
    ]
    preface = rng.choice(["Preface", "From the Editors"])
    truth.headings.append(Heading(preface, 1, preface))
    out.append(f"<h2>{preface}</h2>")
    for _ in range(rng.randint(1, 2)):
        sentences = prose.sentences(2, 4)
        truth.sentences.extend(s for s in sentences if s not in truth.sentences)
        out.append(f"<p>{escape(' '.join(sentences))}</p>")
    committee = "Programme Committee"
    truth.headings.append(Heading(committee, 1, committee))
    names = "".join(f"<p>{escape(prose.name())}, {escape(prose.town())}</p>" for _ in range(4))
    out.append(f"<h2>{committee}</h2><div class='committee'>{names}</div>")
    used = {title.casefold()}

    def fresh_title() -> str:
        while True:
            name = prose.title(question=rng.random() < 0.15)
            if name.casefold() not in used:
                used.add(name.casefold())
                return name

    for _ in range(rng.randint(2, 3)):
        paper = fresh_title()
        truth.headings.append(Heading(paper, 1, paper))
        authors = ", ".join(prose.name() for _ in range(rng.randint(1, 3)))
        out.append(
            f"<h2 class='paper'>{escape(paper)}</h2><p class='authors'>{escape(authors)}</p>"
        )
        out.append(f"<p class='where'>{escape(prose.town())} and {escape(prose.town())}</p>")
        abstract = prose.sentences(2, 3)
        truth.sentences.extend(s for s in abstract if s not in truth.sentences)
        out.append(f"<p class='abstract'><b>Abstract.</b> {escape(' '.join(abstract))}</p>")
        body = []
        refs = rng.randint(2, 4)
        for n in range(1, rng.randint(2, 4) + 1):
            section = fresh_title()
            printed = f"{n} {section}" if section_style == "plain" else f"{n}. {section.upper()}"
            truth.headings.append(Heading(section, 2, printed))
            body.append(f"<h3>{escape(printed)}</h3>")
            for _ in range(rng.randint(1, 3)):
                sentences = prose.sentences(2, 5)
                shown = [escape(s) for s in sentences]
                if rng.random() < 0.5:  # a citation, which is no note, inside the last sentence
                    shown[-1] = shown[-1][:-1] + f" [{rng.randint(1, refs)}]."
                    sentences = sentences[:-1]
                truth.sentences.extend(s for s in sentences if s not in truth.sentences)
                body.append(f"<p>{' '.join(shown)}</p>")
        listed = "".join(f"<p>{escape(_reference(rng, prose, k))}</p>" for k in range(1, refs + 1))
        body.append(f"<div class='refs'><b>References</b>{listed}</div>")
        out.append(f"<div class='cols'>{''.join(body)}</div>")
    truth.furniture.append(Furniture(short))
    small = "font-size:7.5px; width:100%; font-family:serif; margin: 0 16mm;"
    options = {
        "format": "A4",
        "display_header_footer": True,
        "header_template": f"<div style='{small} text-align:left'>{escape(short)}</div>",
        "footer_template": f"<div style='{small} text-align:right'>Proceedings · "
        "<span class='pageNumber'></span></div>",
        "margin": {"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
    }
    return document(title, _PROCEEDINGS_CSS, "".join(out)), options, truth


_PROGRAMME_CSS = """
body { font-family: sans-serif; font-size: 9.5pt; line-height: 1.4; margin: 0; }
.cover { break-after: page; text-align: center; padding-top: 35mm; }
.cover h1 { font-size: 24pt; margin: 0 0 3mm; }
h2 { font-size: 14pt; margin: 6mm 0 2mm; border-bottom: 0.8pt solid #000; }
h3 { font-size: 10.5pt; margin: 3mm 0 1mm; }
p { margin: 0 0 2mm; }
table { border-collapse: collapse; width: 100%; margin: 0 0 3mm; }
td { padding: 0.5mm 2mm; vertical-align: top; }
.pull { font-size: 12pt; font-style: italic; text-align: center; margin: 4mm 6mm; }
.advert { border: 1.2pt solid #000; padding: 2mm; margin: 4mm 8mm; text-align: center;
  font-size: 8.5pt; break-inside: avoid; }
.scene { margin: 0 0 1mm; }
"""


def _build_programme(seed: int) -> tuple[str, dict, Truth]:
    rng, prose, truth = start("pdf_seventh_programme", seed, SeventhProse)
    title = truth.title
    society = f"The {prose.town()} Play-Reading Society"
    out = [
        f"<div class='cover'><h1>{escape(title)}</h1><p>a play by {escape(prose.name())}</p>"
        f"<p>read by the members</p><p>{rng.randint(1, 28)}–{rng.randint(29, 31)} "
        f"{rng.choice(['March', 'October'])} {rng.randint(1958, 1992)}</p></div>"
    ]
    adverts = [
        f"{prose.surname()}'s Tweeds — every weight, every colour",
        f"Heather honey from the {prose.town()} bee boles",
        f"{prose.surname()} & Daughters, coal and peat merchants",
    ]
    rng.shuffle(adverts)

    def advert() -> None:
        if adverts and rng.random() < 0.7:
            text = adverts.pop()
            truth.furniture.append(Furniture(text))
            out.append(f"<div class='advert'>{escape(text)}</div>")

    def section(name: str) -> None:
        truth.headings.append(Heading(name, 1, name))
        out.append(f"<h2>{escape(name)}</h2>")

    def paragraph(sentences: list[str]) -> str:
        truth.sentences.extend(s for s in sentences if s not in truth.sentences)
        return " ".join(escape(s) for s in sentences)

    welcome = rng.choice(["Welcome", "From the Chair"])
    section(welcome)
    out.append(f"<p>{paragraph(prose.sentences(2, 4))}</p><p><i>{escape(prose.name())}</i></p>")
    advert()
    cast = rng.choice(["The Cast", "Cast in Order of Reading"])
    section(cast)
    company = [prose.name() for _ in range(rng.randint(4, 6))]
    company = list(dict.fromkeys(company))
    rows = "".join(
        f"<tr><td>{escape(prose.title())}</td><td>{escape(name)}</td></tr>" for name in company
    )
    out.append(f"<table>{rows}</table>")
    about = rng.choice(["About the Play", "A Note on the Play"])
    section(about)
    said: list[str] = []
    notes = 0
    for _ in range(rng.randint(2, 3)):
        sentences = prose.sentences(2, 5)
        said += sentences
        text = paragraph(sentences)
        if rng.random() < 0.5:
            notes += 1
            text += f"<sup>{notes}</sup>"
        out.append(f"<p>{text}</p>")
    if rng.random() < 0.7:
        quote = rng.choice(said)
        truth.furniture.append(Furniture(quote, ("quote", "caption"), allowed=1))
        out.insert(len(out) - 1, f"<p class='pull'>{escape(quote)}</p>")
    truth.footnotes += notes
    if notes:
        out.append(
            "<div style='font-size:8pt'>"
            + "".join(f"<p>{k}. {escape(prose.note())}</p>" for k in range(1, notes + 1))
            + "</div>"
        )
    advert()
    scenes = rng.choice(["The Scenes", "Scenes"])
    section(scenes)
    for k in range(1, rng.randint(3, 5) + 1):
        out.append(
            f"<p class='scene'>Scene {k}: {escape(prose.title())}, {escape(prose.town())}</p>"
        )
    company_head = rng.choice(["The Company", "Who's Who in the Company"])
    section(company_head)
    for name in company[: rng.randint(3, len(company))]:
        truth.headings.append(Heading(name, 2, name))
        out.append(f"<h3>{escape(name)}</h3><p>{paragraph(prose.sentences(1, 3))}</p>")
    advert()
    truth.furniture.append(Furniture(society))
    small = "font-size:7.5px; width:100%; font-family:sans-serif; margin: 0 14mm;"
    options = {
        "format": "A5",
        "display_header_footer": True,
        "header_template": f"<div style='{small} text-align:center'>{escape(society)}</div>",
        "footer_template": "<div></div>",
        "margin": {"top": "16mm", "bottom": "14mm", "left": "14mm", "right": "14mm"},
    }
    return document(title, _PROGRAMME_CSS, "".join(out)), options, truth


def build(layout: str, seed: int) -> tuple[str, dict, Truth]:
    """The HTML source, the print options and the truth for one seed."""
    return {"proceedings": _build_proceedings, "programme": _build_programme}[layout](seed)


def generate(family: str, seed: int, renderer: Renderer | None) -> Case:
    """A round-trip case; with no renderer, only a cached PDF (or none) is attached."""
    return attach_pdf(*build(family.removeprefix("pdf_seventh_"), seed), renderer)
