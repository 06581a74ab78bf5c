"""Rules added in round seven, part H (issue #13): a question-and-answer page with a
dated masthead, a play's curtain lines, and a typescript's title page (its byline right
under the title, the occasion and date under that).

Each layout is written by hand with its own words, so a rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing.pipeline import parse_text

from .test_importing_structure import body_text


def _outline(parsed) -> list[tuple[int, str]]:
    """The headings, without front matter or the opening section the title names."""
    return [
        (s.level, s.title) for s in parsed.sections if s.kind != "front" and s.title != parsed.title
    ]


def _titles(parsed) -> list[str]:
    return [title for _, title in _outline(parsed)]


# --- an FAQ page ------------------------------------------------------------------------

_FAQ = """\
NORTHGATE ALLOTMENT SOCIETY
Questions from New Plot Holders

Revised: 4 March 2011


Water and Tools

Where is the nearest standpipe for my plot?

There are three standpipes along the main path, one by each gate. Please close the
tap fully after use, as the society pays for every drop that leaks away.

Can I borrow the society's rotavator?

Members may book it for a weekend from the shed noticeboard. Bring it back clean and
with the fuel tank topped up for the next person.


Rent and Rules

When is the annual rent collected?

The treasurer collects it at the November meeting. Anyone who cannot attend may leave
an envelope in the locked box in the shed.

May I keep bees on my allotment?

Only with the committee's written agreement, and only once a neighbour on each side has
been told where the hives will stand.
"""


def test_a_dated_masthead_gives_the_page_its_title_and_keeps_the_first_topic():
    parsed = parse_text(_FAQ)
    assert parsed.title == "Questions from New Plot Holders"
    assert _outline(parsed)[0] == (1, "Water and Tools")


def test_bare_questions_over_unlabelled_answers_sit_under_their_topics():
    parsed = parse_text(_FAQ)
    assert _outline(parsed) == [
        (1, "Water and Tools"),
        (2, "Where is the nearest standpipe for my plot?"),
        (2, "Can I borrow the society's rotavator?"),
        (1, "Rent and Rules"),
        (2, "When is the annual rent collected?"),
        (2, "May I keep bees on my allotment?"),
    ]


def test_numbered_questions_in_sentence_case_are_the_topics_questions():
    text = (
        "Swimming Club Handbook\n\nby Ines Marlow\n\n\n"
        "Joining In\n\n"
        "1.1 How old must a new swimmer be?\n\n"
        "Children may join from the age of seven if they can swim a width unaided.\n\n"
        "1.2 What should a beginner bring to the first session?\n\n"
        "A towel, a swimming cap and a bottle of water are all anybody needs.\n\n\n"
        "Galas and Races\n\n"
        "2.1 Who chooses the relay teams each season?\n\n"
        "The coaches choose them after the autumn time trials, by times alone.\n\n"
        "2.2 Where are the county galas usually held?\n\n"
        "Most years they are held at the city baths, with a coach laid on from the club.\n"
    )
    assert [level for level, _ in _outline(parse_text(text))] == [1, 2, 2, 1, 2, 2]


def test_a_few_questions_in_an_essay_do_not_make_it_an_faq():
    text = (
        "The Orchard Year\n\nby Tom Keel\n\n\n"
        "Pruning\n\n"
        "The trees were pruned in the dead of winter, when the sap was low and the wood "
        "hard, and the cuttings went to the bonfire by the gate.\n\n"
        "Why did nobody think of grafting the old varieties?\n\n"
        "The answer, as so often in that village, was that nobody had been asked, and so "
        "the old trees died one by one and were not replaced.\n\n\n"
        "Harvest\n\n"
        "The apples came in through September and were stored in the loft on slatted "
        "shelves, each one wrapped in newspaper against the frost.\n"
    )
    assert _titles(parse_text(text)) == ["Pruning", "Harvest"]


# --- a play -----------------------------------------------------------------------------

_PLAY = """\
THE LOCK-KEEPER

by Edith Crane


The action takes place at a canal lock, in the spring of 1890.


ACT ONE

MARTHA. The barge is late again and the water is dropping by the hour.

JONAH. It will come when the river lets it, and not a minute before.


END OF ACT ONE


ACT TWO

MARTHA. They say the company has sold the canal to the railway.

JONAH. Then we shall have to learn to read a timetable.


Curtain.
"""


def test_curtain_lines_close_an_act_and_head_nothing():
    parsed = parse_text(_PLAY)
    assert _titles(parsed) == ["Act One", "Act Two"]
    body = body_text(parsed)
    assert "END OF ACT ONE" in body and "Curtain." in body


def test_a_title_beginning_the_end_still_heads_its_text():
    text = (
        "Four Stories\n\nby Nell Archer\n\n\n"
        "The End of the Pier\n\n"
        "The pier had been closed for a year when the storm took the last of the "
        "boards, and nobody in the town was sorry to see it go.\n\n\n"
        "A Winter Crossing\n\n"
        "The ferry ran twice a day through the winter, whatever the weather, and the "
        "crew knew every passenger by name before the spring.\n"
    )
    assert _titles(parse_text(text)) == ["The End of the Pier", "A Winter Crossing"]


# --- a typescript -----------------------------------------------------------------------

_TYPESCRIPT = """\
THE CO-OPERATIVE DAIRY
by Ruth Hallam

Talk given to the Women's Guild, 12 October 1938


THE FIRST HERD

        When the society bought its first cows the members argued for a week
about who should milk them, and in the end they drew lots in the schoolroom.

        The lots fell to two sisters from the hill farm, who milked the herd for
eleven years and never missed a morning, not even in the snows of 1929.


THE ROUND

        The milk went round the streets in a handcart until the society could
afford a pony, which the children named after the chairman.
"""


def test_a_title_with_its_byline_under_it_in_one_block_is_the_title_page():
    parsed = parse_text(_TYPESCRIPT)
    assert parsed.title.upper() == "THE CO-OPERATIVE DAIRY"
    assert parsed.author == "Ruth Hallam"


def test_the_dated_occasion_under_a_byline_leaves_the_first_chapter_its_heading():
    parsed = parse_text(_TYPESCRIPT)
    assert [title.upper() for _, title in _outline(parsed)] == ["THE FIRST HERD", "THE ROUND"]


def test_questions_in_title_case_stay_section_titles_beside_their_siblings():
    para = (
        "The harbour board met every second Tuesday in the room above the chandlery, "
        "and the minutes of those meetings are the best record we have."
    )
    text = "The Harbour Book\n\nby Ada Quill\n\n\n" + "".join(
        f"Chapter {n}: {chapter}\n\n{para}\n\n{sub}\n\n{para}\n\n{ask}\n\n{para}\n\n\n"
        for n, chapter, sub, ask in [
            (1, "The Board", "THE CHANDLERY ROOM", "Who Kept the Minutes?"),
            (2, "The Light", "THE KEEPER'S LOG", "Why Did the Lamp Fail?"),
            (3, "The Pilots", "THE PILOT CUTTER", "Who Paid the Pilots?"),
        ]
    )
    levels = {title: level for level, title in _outline(parse_text(text))}
    assert levels["Who Kept the Minutes?"] == levels["The Chandlery Room"] == 2


def test_rhetorical_questions_in_an_essay_stay_its_prose():
    # Three questions alone over their answers, but no label, number, FAQ heading or
    # page of mostly questions: a writer asking, not an FAQ.
    text = (
        "What the Weavers Wanted\n\n"
        "The strike began in the autumn, when the masters cut the piece rate.\n\n"
        "So what did the weavers want?\n\n"
        "They wanted the old rate back, and a say in how it was set.\n\n"
        "And why did the masters refuse?\n\n"
        "The masters had orders to fill and thought the weavers would give in.\n\n"
        "Who won in the end?\n\n"
        "Neither side did. The mills closed for a month and then opened on the old terms.\n"
    )
    parsed = parse_text(text)
    assert _titles(parsed) == []
    assert "So what did the weavers want?" in body_text(parsed)
    assert "Who won in the end?" in body_text(parsed)


def test_questions_an_essays_sections_ask_are_not_an_faq_without_a_second_sign():
    # Three bare questions alone over their answers, under the essay's own sections:
    # no label, number, "A.", FAQ heading, and most short lines are not questions.
    text = (
        "The Mill Towns\n\nby Tom Keel\n\n\n"
        "The Strike\n\n"
        "The strike began in the autumn, when the masters cut the piece rate.\n\n"
        "What did the weavers want from the masters?\n\n"
        "They wanted the old rate back, and a say in how it was set.\n\n\n"
        "The Masters\n\n"
        "The masters met at the exchange every Tuesday through the winter.\n\n"
        "Why did the masters refuse them for so long?\n\n"
        "They had orders to fill and thought the weavers would give in.\n\n\n"
        "The Settlement\n\n"
        "The mills closed for a month in the new year.\n\n"
        "Who won in the end, if anybody did?\n\n"
        "Neither side did. The mills opened again on the old terms.\n"
    )
    parsed = parse_text(text)
    assert not any(title.endswith("?") for title in _titles(parsed))
    assert "Who won in the end, if anybody did?" in body_text(parsed)


# --- ordinary first paragraphs the title-page rules must leave alone ----------------------


def test_a_first_paragraph_whose_wrapped_line_starts_revised_keeps_its_words():
    text = (
        "The first edition of this pamphlet appeared in the spring of 1912 and was\n"
        "revised in 1921.\n\n"
        "Since then the society has grown from a handful of weavers to a movement\n"
        "of several thousand members, spread over four counties and two trades.\n\n"
        "It is our hope that readers will find in these pages a plain account of\n"
        "how the society began, and of what it still asks of its members.\n"
    )
    parsed = parse_text(text)
    assert body_text(parsed).startswith(
        "The first edition of this pamphlet appeared in the spring of 1912 and was revised in 1921."
    )


def test_a_first_paragraph_whose_wrapped_line_starts_by_a_name_is_no_byline():
    text = (
        "This essay looks again at Tess of the d'Urbervilles, the novel written\n"
        "by Thomas Hardy in 1891.\n\n"
        "Hardy called it a pure woman faithfully presented, and the subtitle\n"
        "caused more trouble than the book itself did for some years afterwards.\n\n"
        "The reviewers were not kind. Many of them objected to the subtitle more\n"
        "than to anything that happened in the story.\n"
    )
    parsed = parse_text(text)
    assert "the novel written by Thomas Hardy in 1891." in body_text(parsed)
    assert parsed.author is None


def test_a_first_sentence_under_the_byline_ending_in_a_date_is_kept():
    text = (
        "The Bridge at Derry\n\n"
        "By Ada Vance\n\n"
        "On the second day, we reached the bridge on 5 October 1968.\n\n"
        "The police had closed the road at both ends, and the marchers stood\n"
        "between the lines for most of an hour before anyone moved.\n\n"
        "Nobody who was there has forgotten what came next.\n"
    )
    parsed = parse_text(text)
    assert (parsed.title, parsed.author) == ("The Bridge at Derry", "Ada Vance")
    assert "On the second day, we reached the bridge on 5 October 1968." in body_text(parsed)
