"""Rules added in round eight, part B (issue #13): a course outline whose weekly units
sit under the heading that announces them, and a reading group's guide.

Each layout is written by hand with its own words, so a rule is pinned by what it means;
each rule that moves or drops lines has an ordinary document beside it that keeps every
word.
"""

from __future__ import annotations

from studygroup.library.importing.pipeline import parse_text


def _outline(parsed) -> list[tuple[int, str]]:
    """The headings, without front matter or the opening section the title names."""
    return [
        (s.level, s.title) for s in parsed.sections if s.kind != "front" and s.title != parsed.title
    ]


# --- a course outline: its weeks under the heading that announces them ---------------

_COURSE = """\
Pottery for Beginners

Tutor: Mina Okafor


Overview

This evening class takes members from their first lump of clay to a glazed
bowl of their own. No experience is needed; aprons are provided.


Materials

Bring an old towel and a notebook. Clay and glazes are bought in bulk by the
centre and charged at cost at the end of term.


Timetable


Week 1: Wedging and Centring

We learn to wedge clay until it is free of air and to centre it on the wheel,
which takes most people the whole evening and some a little longer.


Week 2: Pulling Walls

Once the clay runs true we open it and draw the walls up in three pulls, then
cut a finished cylinder in half to see where it is thick.


Week 3: Trimming and Feet

Leather-hard pots go back on the wheel upside down so that a foot ring can be
turned, and we look at how a foot changes the look of a bowl.
"""


def test_weeks_counted_from_one_sit_under_the_heading_that_announces_them():
    parsed = parse_text(_COURSE)
    assert _outline(parsed) == [
        (1, "Overview"),
        (1, "Materials"),
        (1, "Timetable"),
        (2, "Week 1: Wedging and Centring"),
        (2, "Week 2: Pulling Walls"),
        (2, "Week 3: Trimming and Feet"),
    ]


def test_numbered_units_under_an_announcing_heading_sit_below_it_too():
    numbered = _COURSE.replace("Week 1: ", "1. ").replace("Week 2: ", "2. ")
    parsed = parse_text(numbered.replace("Week 3: ", "3. "))
    assert [level for level, _ in _outline(parsed)] == [1, 1, 1, 2, 2, 2]


_NOVEL = """\
THE ORCHARD WALL


Chapter 1

The wall had stood longer than anyone in the village could remember, and the
children believed it had been built to keep the apples in rather than thieves out.


Chapter 2

Every autumn the Harker boys climbed it anyway, and every autumn old Mrs Dale
pretended not to see them from her kitchen window.


Chapter 3

It was the winter of the great frost that the wall at last came down, one stone
at a time, under the weight of snow.
"""


def test_a_title_over_its_chapters_does_not_become_their_parent():
    parsed = parse_text(_NOVEL)
    levels = [level for level, title in _outline(parsed) if title.startswith("Chapter")]
    assert levels == [1, 1, 1]


_ESSAY = """\
How We Mended the Village Hall


Background

The hall was built by subscription in 1921 and last repaired in the 1970s, when
the roof was felted over rather than re-slated.


What We Did

We raised the money in two years and did the work ourselves, in this order:


1. Stripping the Roof

Volunteers took off the old felt and battens over three weekends in June.


2. Re-slating

A roofer from the next valley showed us how to hang slates and then left us to it.
"""


def test_numbered_steps_after_a_heading_with_its_own_account_keep_every_word():
    parsed = parse_text(_ESSAY)
    body = " ".join(p.text for s in parsed.sections for p in s.paragraphs)
    for words in ("subscription in 1921", "in this order:", "three weekends", "left us to it"):
        assert words in body


# --- a page's header under the footer that numbers the page before -------------------

_HANDBOOK = """\
Rowing for Newcomers

Coach: Pat Lindqvist


Getting Started

New members row in a stable four for their first month, with a coach in the
launch alongside. Wear close-fitting clothes and bring a drink.


Safety on the Water

Nobody goes out when the river is on red boards, and every crew signs the
book before launching and again when the boat is back on its rack.

                                                       RC 12 · page 1

Riverside Rowing Club


Care of the Boats

Wash each hull down after an outing and wipe the slides dry. Report every
knock, however small, to the boatman before you leave the shed.


Competitions

Novice crews race at the spring head and the summer regatta, and the club
pays the entry fees for anyone in their first season.

                                                       RC 12 · page 2

Riverside Rowing Club


Subscriptions

Fees fall due in October and may be paid in three parts over the winter.
"""


def test_a_line_under_each_page_footer_is_the_next_pages_header():
    parsed = parse_text(_HANDBOOK)
    body = " ".join(p.text for s in parsed.sections for p in s.paragraphs)
    titles = [title for _, title in _outline(parsed)]
    assert "Riverside Rowing Club" not in titles and "Riverside Rowing Club" not in body
    assert titles[-3:] == ["Care of the Boats", "Competitions", "Subscriptions"]


_REPORT = """\
The Millpond Survey

Reported by the survey group, Ellen Baptiste, secretary


The North Bank

Reed has spread along most of the north bank since the last survey, and the
old landing stage is now hidden from the path.


Findings

The reed bed holds more warblers than in any year on record.


The South Bank

The south bank is grazed to the water's edge and its margin is bare mud where
the cattle come down to drink.


Findings

Two pairs of little grebes nested on the south side, the first for ten years.
"""


def test_a_heading_repeated_away_from_page_breaks_keeps_every_word():
    parsed = parse_text(_REPORT)
    titles = [title for _, title in _outline(parsed)]
    assert titles.count("Findings") == 2
    body = " ".join(p.text for s in parsed.sections for p in s.paragraphs)
    assert "warblers" in body and "little grebes" in body


# --- a part's label alone over its title and the chapters it covers -------------------

_GUIDE = """\
Notes for Readers of The Salt Road

Prepared by the Harbour Street Book Circle


Before You Begin

These notes follow the novel's parts and suggest a pace of one part a month,
with a few questions to open each meeting. Page numbers are those of the
paperback; the hardback runs a few pages ahead. Members who finish early are
asked not to give away the ending, which the group will come to in the last
meeting of the season, in June.

The circle meets on the first Thursday of the month in the back room of the
library, from seven until about nine. Tea is provided; biscuits are not, and
it has become the custom for whoever chose the book to bring them. New members
are welcome at any meeting, and do not need to have read the earlier parts to
join in, though they may find the arguments about the brother hard to follow.
Copies of the novel can be borrowed from the library's reading group shelf,
where the staff keep a dozen set aside for the circle until the season ends.


Part One
Leaving the Marsh
Chapters 1–6

The first part follows Ida from the salt pans to the coast road, and sets up the
quarrel with her brother that runs through the book. Watch how little she says
to him, and how much she tells the reader about him instead; the narrator is
not as fair to him as she seems, and the group may want to decide early on how
far to trust her account of the flood.


Discussing Chapters 1–6

1. Why does Ida leave the marsh at night rather than in the morning?

2. What does the brother want from the pans, and is it fair?


Part Two
The Inn at Carrow
Chapters 7–12

In the second part the road brings Ida to an inn where nobody is quite what they
claim, and the quarrel becomes a question of who owns the pans. The landlord's
ledger, which she reads by candle, is the first written record in the book,
and from this point on the novel keeps setting what people say against what
has been written down about them.


Discussing Chapters 7–12

1. Whom at the inn does Ida trust first, and why?

2. What changes once she has read the ledger?
"""


def test_questions_naming_the_chapters_of_the_part_above_are_its_sub_headings():
    parsed = parse_text(_GUIDE)
    outline = _outline(parsed)
    assert (2, "Discussing Chapters 1–6") in outline
    assert (2, "Discussing Chapters 7–12") in outline


def test_a_part_label_alone_over_its_title_and_chapters_heads_the_part():
    parsed = parse_text(_GUIDE)
    titles = [title for _, title in _outline(parsed)]
    assert [t for t in titles if t.startswith("Part")] == [
        "Part One Leaving the Marsh Chapters 1–6",
        "Part Two The Inn at Carrow Chapters 7–12",
    ]


_POEM = """\
The Ferry Songs


Part one of the crossing done,
we slept beside the rope,
the ferryman counting the tide
and never giving up hope.

Part two began before the light,
the river wide and grey,
and nobody spoke a word at all
until the end of day.
"""


def test_a_stanza_opening_on_a_part_in_a_sentence_stays_verse_word_for_word():
    parsed = parse_text(_POEM)
    assert not [title for _, title in _outline(parsed) if title.startswith("Part")]
    body = " ".join(p.text for s in parsed.sections for p in s.paragraphs)
    assert "Part one of the crossing done" in body and "until the end of day" in body


_SCRIPT = """\
The Lock-Keeper's Daughter


ACT ONE

[The lock-keeper's cottage at night. NELL mends a net by the fire while the rain

                    The Lock-Keeper's Daughter · 1
\f
beats.]

NELL: He said he would be back before the gates were shut. He has never
once been late in twenty years, not even the night of the great flood.

[She puts the net down and listens at the shutters, where the rain

                    The Lock-Keeper's Daughter · 2
\f
beats.]

NELL: Whoever you are, you had better come in out of the weather.
"""


def test_a_sentence_going_on_at_each_page_top_is_no_header():
    parsed = parse_text(_SCRIPT)
    body = " ".join(p.text for s in parsed.sections for p in s.paragraphs)
    assert body.count("rain beats.]") == 2


# --- a kicker line over the title and its byline ---------------------------------------

_KICKED = """\
A BOOK CIRCLE COMPANION

The Salt Road
by Ida Marsh


Before You Begin

These notes follow the novel's parts and suggest a pace of one part a month,
with a few questions to open each meeting of the circle.


Further Questions

Which character would you most like to have met, and which would you avoid?
"""


def test_a_short_line_over_the_bylined_title_is_no_title_and_the_first_heading_stays():
    parsed = parse_text(_KICKED)
    assert (parsed.title, parsed.author) == ("The Salt Road", "Ida Marsh")
    assert [title for _, title in _outline(parsed)][:1] == ["Before You Begin"]


_OPENS_ON_A_HEADING = """\
Introduction

Notes on the Mill
by Ada Vance, for the village society


The mill stood on the brook below the church until 1911, when the last miller
gave up the lease and the wheel was broken up for scrap.
"""


def test_a_section_heading_over_a_bylined_title_keeps_every_word():
    parsed = parse_text(_OPENS_ON_A_HEADING)
    words = " ".join(
        [parsed.title, parsed.author or ""]
        + [s.title for s in parsed.sections]
        + [p.text for s in parsed.sections for p in s.paragraphs]
    )
    for kept in ("Introduction", "Notes on the Mill", "the last miller"):
        assert kept in words
