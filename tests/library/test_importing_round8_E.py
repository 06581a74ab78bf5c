"""Rules added in round eight, part E (issue #13): a song book (each song under its title
with the air it is sung to, refrains cued in brackets) and a magazine's pages.

Each layout is written by hand with its own words, so a rule is pinned by what it means;
each rule that reclassifies lines has an ordinary document beside it that keeps its words.
"""

from __future__ import annotations

from studygroup.library.importing.pipeline import parse_text
from tests.library.families.words import lost_in_parse

_HEADNOTE = (
    "The ferrymen sang this one on the last crossing of the evening, when the lamps\n"
    "on the far bank were already lit and the tide was turning under the boat."
)
_STANZA = (
    "        Pull away, the river's wide,\n"
    "        Pull away, the lamps are lit,\n"
    "        Over the water, over the tide,\n"
    "        Home to the town and all of it."
)


def _song(title: str, air: str) -> str:
    return f"{title}\nAIR: {air}\n\n{_HEADNOTE}\n\n{_STANZA}"


_SONG_BOOK = "\n\n\n".join(
    [
        "Songs of the Ferry",
        "These are the songs the river people sang, gathered over three summers from\n"
        "the boatmen, the net makers and the ropewalk girls who still remember them.",
        _song("The Evening Crossing", "THE MILLER'S DAUGHTER"),
        _song("Lanterns on the Quay", "OVER THE HILLS"),
        _song("The Ropewalk Girls", "THE OLD GREEN LANE"),
        _song("Low Water at Morning", "THE BELLS OF ST ANNE"),
    ]
)


def _titles(parsed) -> list[str]:
    return [s.title for s in parsed.sections if s.kind == "body" and s.title != parsed.title]


def test_a_labelled_line_under_every_song_title_is_a_note_not_a_heading():
    parsed = parse_text(_SONG_BOOK, filename="ferry.txt")
    titles = _titles(parsed)
    assert titles == [
        "The Evening Crossing",
        "Lanterns on the Quay",
        "The Ropewalk Girls",
        "Low Water at Morning",
    ]
    first = next(s for s in parsed.sections if s.title == "The Evening Crossing")
    assert first.paragraphs[0].text.casefold() == "air: the miller's daughter"
    assert not lost_in_parse(_SONG_BOOK, parsed)


_REPORT = """\
Annual Report of the Rowing Club

The committee presents its report for the year to the members, with thanks to all
who rowed, coached, cooked and kept the books through a long and busy season.

The Boathouse
NOTE: FIGURES ARE UNAUDITED

The boathouse roof was mended in the spring at a cost the committee thought fair,
and the new slipway was poured before the summer regatta began in earnest.

The Regatta

The regatta drew crews from four towns along the river and the weather held for
both days, which the treasurer says has not happened since the club was founded.

Membership
NOTE: TWO NEW JUNIOR CREWS

Membership rose by a third over the year, most of it among the juniors, and the
committee thanks the schools that lent their coaches for the winter training."""


def test_a_labelled_line_under_only_two_headings_is_left_as_it_was_and_every_word_kept():
    parsed = parse_text(_REPORT, filename="report.txt")
    assert not lost_in_parse(_REPORT, parsed)
    assert "The Regatta" in _titles(parsed)
    assert "Membership" in _titles(parsed)


_REFRAIN = "        [Refrain]"


def _carol(title: str) -> str:
    return f"{title}\n\n{_HEADNOTE}\n\n{_STANZA.replace('.', ',')}\n\n{_REFRAIN}"


_CAROLS = "\n\n\n".join(
    [
        "Carols of the Ferry",
        "These are the carols the river people sang at the turn of the year, taken down\n"
        "from the boatmen and the net makers who still remember every verse of them.",
        _carol("The Evening Crossing"),
        _carol("Lanterns on the Quay"),
        _carol("The Ropewalk Girls"),
    ]
)


def test_a_bracketed_cue_printed_again_and_again_is_no_heading_and_a_title_may_follow_it():
    parsed = parse_text(_CAROLS, filename="carols.txt")
    assert _titles(parsed) == ["The Evening Crossing", "Lanterns on the Quay", "The Ropewalk Girls"]
    cues = [p for s in parsed.sections for p in s.paragraphs if p.text == "[Refrain]"]
    assert len(cues) == 3
    assert not lost_in_parse(_CAROLS, parsed)


_MEETING = """\
Notes of the Boat Club Meeting

The chair opened the meeting at seven and thanked the members for coming out on
so wet an evening, with the river high and the towpath under water in places.

(Laughter)

The Treasurer's Account

The treasurer said the accounts were in order, though the new oars had cost more
than anyone expected and the raffle had not covered the difference this time.

(Laughter)

The secretary read the letters received since the last meeting, among them one
from the council about the moorings and one from a former captain in Canada."""


def test_a_bracketed_aside_printed_twice_keeps_its_words_and_the_heading_after_it():
    parsed = parse_text(_MEETING, filename="meeting.txt")
    assert not lost_in_parse(_MEETING, parsed)
    assert "The Treasurer's Account" in _titles(parsed)


def _dedicated(title: str, person: str, air: str) -> str:
    return f"{title}\nfor {person}\nAIR: {air}\n\n{_HEADNOTE}\n\n{_STANZA}"


_DEDICATED = "\n\n\n".join(
    [
        "Songs of the Ferry",
        "These are the songs the river people sang, gathered over three summers from\n"
        "the boatmen, the net makers and the ropewalk girls who still remember them.",
        _dedicated("The Evening Crossing", "Ann Reece", "THE MILLER'S DAUGHTER"),
        _dedicated("Lanterns on the Quay", "Tom Hale", "OVER THE HILLS"),
        _song("The Ropewalk Girls", "THE OLD GREEN LANE"),
        _dedicated("Low Water at Morning", "Meg Owen", "THE BELLS OF ST ANNE"),
    ]
)


def test_a_dedication_run_into_the_title_above_it_is_a_note_of_its_own():
    parsed = parse_text(_DEDICATED, filename="ferry.txt")
    assert _titles(parsed) == [
        "The Evening Crossing",
        "Lanterns on the Quay",
        "The Ropewalk Girls",
        "Low Water at Morning",
    ]
    first = next(s for s in parsed.sections if s.title == "The Evening Crossing")
    assert [p.text for p in first.paragraphs[:2]] == ["for Ann Reece", "AIR: THE MILLER'S DAUGHTER"]
    assert not lost_in_parse(_DEDICATED, parsed)


def test_one_dedication_counts_when_a_labelled_note_found_under_three_titles_follows_it():
    text = _DEDICATED.replace("\nfor Tom Hale", "").replace("\nfor Meg Owen", "")
    parsed = parse_text(text, filename="ferry.txt")
    assert "The Evening Crossing" in _titles(parsed)
    assert not lost_in_parse(text, parsed)


_ROLL = """\
The Assize Roll

The court sat at Easter in the old hall, the roof still open to the weather after
the storm, and the clerk wrote down who spoke and for whom, as was the custom.

Thomas Hart
for the defence, who spoke for an hour and was heard in silence by the bench.

Mary Lewis
for the crown, and the jury were sent out before she had finished her case."""


def test_a_short_line_over_a_sentence_in_lower_case_keeps_its_words():
    parsed = parse_text(_ROLL, filename="roll.txt")
    assert not lost_in_parse(_ROLL, parsed)
