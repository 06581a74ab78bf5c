"""Rules added in round eight, part C (issue #13): layout conventions of a meeting's
agenda of numbered motions grouped under sections, and of a society's annual report.

Each layout is written by hand with its own prose, so a rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing.pipeline import parse_text

from .test_importing_structure import PROSE, outline, plain_text


def _paragraphs(parsed) -> list[str]:
    return [p.text for s in parsed.sections for p in s.paragraphs]


def _body(parsed) -> str:
    return " ".join(_paragraphs(parsed))


def _words(text: str) -> list[str]:
    return [w.strip(".,:;!?“”\"'()").casefold() for w in text.split() if w.strip(".,:;!?“”\"'()")]


def _all_words_kept(text: str) -> None:
    parsed = parse_text(text)
    kept = " ".join(
        [parsed.title or "", *(s.title for s in parsed.sections), _body(parsed)]
    ).casefold()
    kept_words = set(_words(kept))
    lost = [w for w in _words(text) if w not in kept_words]
    assert not lost, lost


# --- a record whose divisions each end on the same lines -------------------------------------

AGENDA = plain_text(
    "Harbour Users' Meeting",
    PROSE,
    "Moorings",
    "1. Winter Berths for the Ferry",
    PROSE,
    "Proposed by: Quay Street Residents",
    "AGREED",
    "2. A New Slipway Light",
    PROSE,
    "Proposed by: The Rowing Club",
    "Fees",
    "3. Harbour Dues for Visitors",
    PROSE,
    "Proposed by: The Fishermen's Guild",
    "AGREED",
    "Any other business is taken at the chair's discretion.",
)


def test_lines_every_division_ends_on_head_nothing():
    parsed = parse_text(AGENDA)
    titles = [s.title for s in parsed.sections]
    assert not [t for t in titles if t.startswith("Proposed by") or t.casefold() == "agreed"]
    assert "Proposed by: The Rowing Club" in _paragraphs(parsed)
    assert _paragraphs(parsed).count("AGREED") == 2


def test_a_closing_line_followed_once_by_an_amendment_still_closes():
    text = plain_text(
        "Allotment Society Meeting",
        PROSE,
        "1. Water Butts on Every Plot",
        PROSE,
        "Proposed by: Plot Nine",
        "2. A Later Gate Time",
        PROSE,
        "Proposed by: Plot Four",
        "Amendment: change the hour from eight to nine.",
        "3. Bonfires After Dusk",
        PROSE,
        "Proposed by: Plot Twelve",
        "4. A Shared Shed",
        PROSE,
        "Proposed by: Plot One",
    )
    parsed = parse_text(text)
    assert not [s.title for s in parsed.sections if s.title.startswith("Proposed by")]
    assert "Proposed by: Plot Four" in _paragraphs(parsed)
    _all_words_kept(text)


def test_a_recurring_label_over_its_own_text_stays_a_heading():
    text = plain_text(
        "Three Walks Near the Town",
        PROSE,
        "Walk: The Old Quarry",
        PROSE,
        "Walk: Hengate Fields",
        PROSE,
        "Walk: The River Path",
        PROSE,
    )
    titles = [title for _level, _kind, title in outline(text)]
    assert titles[-3:] == ["Walk: The Old Quarry", "Walk: Hengate Fields", "Walk: The River Path"]
    _all_words_kept(text)


def test_a_document_without_closing_lines_keeps_every_word():
    text = plain_text(
        "Notes on the Allotments",
        PROSE,
        "Spring",
        PROSE,
        "Planted by: the Tuesday volunteers",
        "Summer",
        PROSE,
        "Watered by: whoever came first",
        "Autumn",
        PROSE,
    )
    _all_words_kept(text)
    _all_words_kept(AGENDA)
