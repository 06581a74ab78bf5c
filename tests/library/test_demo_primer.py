"""The demo primer (our own prose) comes out with the structure we wrote it with."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studygroup.library.importing.formats import read_path

DEMO = Path(__file__).resolve().parents[2] / "studygroup" / "demo"


@pytest.fixture(scope="module")
def primer():
    return read_path(DEMO / "primer.txt", max_bytes=10 * 1024 * 1024)


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads((DEMO / "primer_expected.json").read_text(encoding="utf-8"))


def test_title_and_author(primer, expected) -> None:
    assert primer.title == expected["title"] == "Reading Together: A Primer for Study Circles"
    assert primer.author == expected["author"] == "The studygroup Collective"


def test_sections(primer, expected) -> None:
    got = [{"title": s.title, "level": s.level, "kind": s.kind} for s in primer.sections]
    assert got == expected["sections"]


def test_footnotes(primer, expected) -> None:
    assert [f.number for f in primer.footnotes] == list(range(1, expected["footnotes"] + 1))
    assert all(f.text for f in primer.footnotes)
    refs = [n for s in primer.sections for n in s.footnote_numbers]
    assert refs == list(range(1, 17))


def test_no_page_furniture_in_the_text(primer) -> None:
    for section in primer.sections:
        for para in section.paragraphs:
            assert para.text not in {"Reading Together", "The studygroup Collective"}
            assert not para.text[:3].strip().isdigit(), para.text[:60]
