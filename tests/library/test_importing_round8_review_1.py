"""Review of round eight's importer rules (issue #13): ordinary documents that come near a
new rule's trigger without being its layout, and keep every word.

Each document is written by hand; each test fails without the guard it pins.
"""

from __future__ import annotations

from studygroup.library.importing.pipeline import parse_text
from tests.library.families.words import lost, output_text


def _lost(source: str):
    return lost(source, output_text(parse_text(source)))


# --- structure._drop_headers_under_folios: a diary's dates are no page footers --------

_DIARY = """\
A Winter at the Lock House

The diary Ann Reece kept in the last winter before the canal closed.

March 3.

At the lock

The ice broke up in the night and three boats went through before breakfast.

March 9.

At the lock

No boats at all. Father mended the paddle gear and I read to him after supper.

March 17.

At the lock

The inspector came from Leeds and said the canal would close in the autumn.
"""


def test_a_line_under_each_diary_date_is_the_entrys_text_not_a_running_header():
    # The dates still go (test_words_kept.KNOWN_LOSSES["diary"]); the place under each
    # date must not go with them: the dates leap, as page numbers do not.
    missing = _lost(_DIARY)
    assert set(missing) <= {"march"}, missing


# --- headings.nest_runs_in_groups: a sub-heading is no group over the numbered run ---

_SURVEY = """\
Reading Habits in Three Villages

A survey by the Riverside Reading Group

1. Introduction

We wanted to know who reads what in the villages along the river, and where they get
their books now that the mobile library has stopped coming.

2. How We Asked

We knocked on doors over four weekends in the spring and left a short form with anyone
who could not talk then.

Interviews

Sampling

We chose every fifth house on the electoral roll, and went back twice to houses where
nobody answered.

3. What We Found

Most people read every day, but few of them buy new books; most borrow from friends or
buy second hand.

Tables

Books Read in a Year

The median was eleven books, and nobody who answered read none at all.

4. What Comes Next

We will share these findings with the parish councils and ask them to bring back the mobile library.
"""


def test_a_sub_heading_under_a_numbered_chapter_does_not_take_the_next_chapters_under_it():
    parsed = parse_text(_SURVEY)
    levels = {s.title: s.level for s in parsed.sections}
    numbered = [levels[t] for t in levels if t[:1].isdigit()]
    assert len(numbered) == 4 and len(set(numbered)) == 1, levels
    assert levels["Interviews"] > levels["2. How We Asked"], levels


# --- structure._kicker_over_bylined_title: a collection's title over its first piece --

_WINTER_POEMS = """\
Winter Poems

The Frost Fair
by Ann Reece

They roasted an ox upon the river
and the whole town walked across the ice,
the children sliding where the barges had been.

The Lamplighter
by Tom Hale

He came at dusk with his long pole
and the street filled up with small moons,
one after another, down to the harbour.

The Last Ferry
by Ida Marsh

Nobody crossed that night but the ferryman,
who sang to himself the whole way over
and left the lantern burning on the far side.
"""


def test_a_collections_title_over_its_first_bylined_poem_is_no_kicker():
    parsed = parse_text(_WINTER_POEMS)
    assert parsed.title == "Winter Poems"
    assert not _lost(_WINTER_POEMS)
