"""Evaluation families for the importer: inputs of known structure, split for honesty.

Each family is a kind of input a curator really brings (parts with chapters, a contents
page, end-notes, page furniture, two columns...), generated from a seed with its truth
(model.Truth). The families fall in two fixed sets:

- TUNING: layouts the importer's authors know about and may tune on;
- HELD_OUT: layouts kept out of tuning, to measure how the importer generalises. Do not
  tune on them, and do not describe them to whoever tunes the importer beyond their names.
  They are the seventh families (seventh.py, seventh_prose.py, seventh_roundtrip.py),
  written by someone who did not read the importer while the sixth set was still held
  out. The sixth families (sixth.py, sixth_prose.py, sixth_roundtrip.py), written blind the
  same way, were held out until round eight and are tuning since; the fifth were held out
  until round seven and the fourth until round six. All three are tuning now with the
  third families, the fresh ones and the first held-out ones. bench/importer_eval.py
  reports each named set (`SETS`) on request and every held-out set apart.

Every set's prose runs on one engine (grammar.py) with a vocabulary of its own, and every
plain-text set on one typesetter (render.py); bench/family_hashes.py checks that a change
to either leaves the earlier sets' cases byte for byte as they were.

bench/importer_eval.py scores the importer on both; docs/importer-evaluation.md explains.
"""

from __future__ import annotations

from collections.abc import Callable

from . import (
    fifth,
    fifth_roundtrip,
    fourth,
    fourth_roundtrip,
    fresh,
    fresh_roundtrip,
    roundtrip,
    seventh,
    seventh_roundtrip,
    sixth,
    sixth_roundtrip,
    text,
    third,
    third_roundtrip,
)
from .model import Case, Furniture, Heading, Truth

__all__ = [
    "FAMILIES",
    "FIFTH_FAMILIES",
    "FIFTH_PDF_FAMILIES",
    "FOURTH_FAMILIES",
    "FOURTH_PDF_FAMILIES",
    "FRESH_FAMILIES",
    "FRESH_PDF_FAMILIES",
    "HELD_OUT",
    "HELD_OUT_SETS",
    "SETS",
    "SEVENTH_FAMILIES",
    "SEVENTH_PDF_FAMILIES",
    "SIXTH_FAMILIES",
    "SIXTH_PDF_FAMILIES",
    "PDF_FAMILIES",
    "TEXT_FAMILIES",
    "THIRD_FAMILIES",
    "THIRD_PDF_FAMILIES",
    "TUNING",
    "Case",
    "Furniture",
    "Heading",
    "Truth",
    "generate",
]

TEXT_FAMILIES: dict[str, Callable[[int], Case]] = {
    "parts": text.parts,
    "label_title": text.label_title,
    "subheadings": text.subheadings,
    "contents": text.contents,
    "short_lines": text.short_lines,
    "indented": text.indented,
    "endnotes": text.endnotes,
    "furniture": text.furniture,
    "page_breaks": text.page_breaks,
    "hyphenation": text.hyphenation,
    "two_column": text.two_column,
    "midpage_notes": text.midpage_notes,
    "letterspaced": text.letterspaced,
    "numbered": text.numbered,
    "dialogue_verse": text.dialogue_verse,
}
# Fresh families: their own prose; held out once, tuning since the third set replaced them.
FRESH_FAMILIES: dict[str, Callable[[int], Case]] = {
    "gutenberg": fresh.gutenberg,
    "ocr_scan": fresh.ocr_scan,
    "web_article": fresh.web_article,
    "markdown": fresh.markdown,
    "word_processor": fresh.word_processor,
    "zine": fresh.zine,
    "journal": fresh.journal,
    "minutes": fresh.minutes,
    "letters": fresh.letters,
}
TEXT_FAMILIES.update(FRESH_FAMILIES)
FRESH_PDF_FAMILIES = list(fresh_roundtrip.FAMILIES)
# Third families: held out once, tuning since the fourth set replaced them. Kept apart from
# TEXT_FAMILIES because their notes are marked in ways (symbols, "^" back-links) the older
# families' generic checks do not read; the fourth families likewise (notes numbered as in
# another book, line numbers in the margin), and the fifth, sixth and seventh.
THIRD_FAMILIES: dict[str, Callable[[int], Case]] = dict(third.FAMILIES)
THIRD_PDF_FAMILIES = list(third_roundtrip.FAMILIES)
FOURTH_FAMILIES: dict[str, Callable[[int], Case]] = dict(fourth.FAMILIES)
FOURTH_PDF_FAMILIES = list(fourth_roundtrip.FAMILIES)
FIFTH_FAMILIES: dict[str, Callable[[int], Case]] = dict(fifth.FAMILIES)
FIFTH_PDF_FAMILIES = list(fifth_roundtrip.FAMILIES)
SIXTH_FAMILIES: dict[str, Callable[[int], Case]] = dict(sixth.FAMILIES)
SIXTH_PDF_FAMILIES = list(sixth_roundtrip.FAMILIES)
SEVENTH_FAMILIES: dict[str, Callable[[int], Case]] = dict(seventh.FAMILIES)
SEVENTH_PDF_FAMILIES = list(seventh_roundtrip.FAMILIES)
PDF_FAMILIES = [
    *(f"pdf_{layout}" for layout in roundtrip.LAYOUTS),
    *FRESH_PDF_FAMILIES,
    *THIRD_PDF_FAMILIES,
    *FOURTH_PDF_FAMILIES,
    *FIFTH_PDF_FAMILIES,
    *SIXTH_PDF_FAMILIES,
    *SEVENTH_PDF_FAMILIES,
]
FAMILIES = [
    *TEXT_FAMILIES,
    *THIRD_FAMILIES,
    *FOURTH_FAMILIES,
    *FIFTH_FAMILIES,
    *SIXTH_FAMILIES,
    *SEVENTH_FAMILIES,
    *PDF_FAMILIES,
]

# The sets written blind, by name (`bench/importer_eval.py --set fourth`), and those of them
# still held out, as the bench reports them apart and together.
SETS = {
    "fourth": [*FOURTH_FAMILIES, *FOURTH_PDF_FAMILIES],
    "fifth": [*FIFTH_FAMILIES, *FIFTH_PDF_FAMILIES],
    "sixth": [*SIXTH_FAMILIES, *SIXTH_PDF_FAMILIES],
    "seventh": [*SEVENTH_FAMILIES, *SEVENTH_PDF_FAMILIES],
}
HELD_OUT_SETS = {"seventh": SETS["seventh"]}
HELD_OUT = [family for families in HELD_OUT_SETS.values() for family in families]
TUNING = [f for f in FAMILIES if f not in HELD_OUT]


def generate(family: str, seed: int, renderer: roundtrip.Renderer | None = None) -> Case:
    """One case. PDF families need a renderer unless their PDF is already cached."""
    if family in TEXT_FAMILIES:
        return TEXT_FAMILIES[family](seed)
    if family in THIRD_FAMILIES:
        return THIRD_FAMILIES[family](seed)
    if family in FOURTH_FAMILIES:
        return FOURTH_FAMILIES[family](seed)
    if family in FIFTH_FAMILIES:
        return FIFTH_FAMILIES[family](seed)
    if family in SIXTH_FAMILIES:
        return SIXTH_FAMILIES[family](seed)
    if family in SEVENTH_FAMILIES:
        return SEVENTH_FAMILIES[family](seed)
    if family in SEVENTH_PDF_FAMILIES:
        return seventh_roundtrip.generate(family, seed, renderer)
    if family in SIXTH_PDF_FAMILIES:
        return sixth_roundtrip.generate(family, seed, renderer)
    if family in FIFTH_PDF_FAMILIES:
        return fifth_roundtrip.generate(family, seed, renderer)
    if family in FOURTH_PDF_FAMILIES:
        return fourth_roundtrip.generate(family, seed, renderer)
    if family in THIRD_PDF_FAMILIES:
        return third_roundtrip.generate(family, seed, renderer)
    if family in FRESH_PDF_FAMILIES:
        return fresh_roundtrip.generate(family, seed, renderer)
    if family in PDF_FAMILIES:
        return roundtrip.generate(family.removeprefix("pdf_"), seed, renderer)
    raise KeyError(f"unknown family {family!r}; known: {', '.join(FAMILIES)}")
