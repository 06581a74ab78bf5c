"""Structure rules added in round six, part B (issue #13): layout conventions of web FAQ
pages, course readers and e-reader exports.

Each layout is written by hand with its own prose, so a rule is pinned by what it means.
"""

from __future__ import annotations

from studygroup.library.importing.pipeline import parse_text

from .test_importing_structure import PROSE, outline, plain_text


def _body(parsed) -> str:
    return " ".join(p.text for s in parsed.sections for p in s.paragraphs)


# --- web pages: links back to the top ------------------------------------------------------


def test_back_to_top_links_are_navigation_and_close_their_section():
    text = plain_text(
        "Harbour Walks Club",
        "1. Joining the Club",
        PROSE,
        "[Back to top]",
        "2. Paying the Dues",
        PROSE,
        "Back to top ↑",
        "3. Leaving the Club",
        PROSE,
    )
    parsed = parse_text(text)
    assert "top" not in _body(parsed).casefold()
    assert [title for _level, _kind, title in outline(text)] == [
        "1. Joining the Club",
        "2. Paying the Dues",
        "3. Leaving the Club",
    ]


# --- FAQ pages: questions set over their answers ---------------------------------------------


def _faq(question_label: str, answer_label: str, topics=("Joining the Club", "Paying the Dues")):
    blocks: list[str | object] = ["Harbour Walks Club", PROSE]
    questions = iter(
        [
            "How do I renew my card?",
            "where is the office now?",
            "Can a guest walk with us?",
            "Who keeps the route maps?",
        ]
    )
    for topic in topics:
        blocks.append(topic)
        for _ in range(2):
            question = next(questions)
            blocks.append(f"{question_label}{question[0].upper()}{question[1:]}")
            blocks.append(answer_label + "Write to the secretary before the first walk.")
            blocks.append(PROSE)
    return plain_text(*blocks)


def test_labelled_faq_questions_are_sub_headings_under_their_topics():
    for question, answer in [("Q. ", ""), ("Q: ", "A. "), ("Q: ", "A: ")]:
        got = [(level, title) for level, _kind, title in outline(_faq(question, answer))]
        assert got == [
            (1, "Harbour Walks Club"),  # the opening, under the title
            (1, "Joining the Club"),
            (2, f"{question}How do I renew my card?"),
            (2, f"{question}Where is the office now?"),
            (1, "Paying the Dues"),
            (2, f"{question}Can a guest walk with us?"),
            (2, f"{question}Who keeps the route maps?"),
        ], (question, answer)


def test_an_answer_label_marks_a_plain_question_as_a_heading():
    titles = [title for _level, _kind, title in outline(_faq("", "A. "))]
    assert "How do I renew my card?" in titles
    assert "Who keeps the route maps?" in titles


def test_an_interviewers_question_over_a_named_speaker_stays_in_the_text():
    text = plain_text(
        "Voices from the Quay",
        "Q: What did the dockers want that winter?",
        "ADA VANCE: Bread, and a say in the rota, and nothing more than that.",
        PROSE,
    )
    titles = [title for _level, _kind, title in outline(text)]
    assert not any(title.startswith("Q") for title in titles)


def test_an_interviewers_short_prompt_over_an_answer_stays_in_the_text():
    text = plain_text(
        "Voices from the Quay",
        PROSE,
        "Q: What did the dockers want that winter?",
        "A: Bread, and a say in the rota, and nothing more than that, said the chair.",
        "Q: And then?",
        "A: Right.",
        PROSE,
    )
    titles = [title for _level, _kind, title in outline(text)]
    assert "Q: And then?" not in titles
    assert "And then?" in _body(parse_text(text))


# --- course readers: weeks, their readings and their questions -------------------------------


def test_a_courses_weeks_are_its_chapters():
    text = plain_text(
        "Harbour History Reading Pack",
        PROSE,
        "Week 1: The Old Quay",
        PROSE,
        PROSE,
        "Week 2: The New Docks",
        PROSE,
        PROSE,
    )
    got = [(level, title) for level, _kind, title in outline(text)]
    assert (1, "Week 1: The Old Quay") in got
    assert (1, "Week 2: The New Docks") in got


def test_bylined_readings_sit_under_their_week_and_its_questions_too():
    text = plain_text(
        "Harbour History Reading Pack",
        "Compiled by Cleo Marsh",
        PROSE,
        "Session 1 – The Old Quay",
        PROSE,
        "1.1 Ropes and Nets",
        "by Ada Vance",
        PROSE,
        PROSE,
        "Week 1: questions for discussion",
        PROSE,
        "Session 2 – The New Docks",
        PROSE,
        "The Crane Drivers",
        "by Ben Stroud",
        PROSE,
        PROSE,
    )
    got = [(level, title) for level, _kind, title in outline(text)]
    assert got[1:] == [
        (1, "Session 1 – The Old Quay"),
        (2, "1.1 Ropes and Nets"),
        (2, "Week 1: questions for discussion"),
        (1, "Session 2 – The New Docks"),
        (2, "The Crane Drivers"),
    ]


def test_numbered_questions_set_back_to_back_are_a_list_not_headings():
    text = plain_text(
        "Harbour History Reading Pack",
        "Compiled by Cleo Marsh",
        PROSE,
        "1. Ropes and Nets",
        PROSE,
        "2. Questions for Discussion",
        "1. Who paid for the new crane?",
        "2. Why did the dockers refuse the rota?",
        "3. What would you have done?",
        "3. The New Docks",
        PROSE,
    )
    parsed = parse_text(text)
    titles = [s.title for s in parsed.sections]
    assert "2. Questions for Discussion" in titles
    assert not any(title.endswith("?") for title in titles)
    assert "Why did the dockers refuse the rota?" in _body(parsed)


def test_a_week_label_alone_on_its_line_takes_the_title_under_it():
    text = plain_text(
        "Harbour History Reading Pack",
        "Compiled by Cleo Marsh",
        PROSE,
        "WEEK 1",
        "THE OLD QUAY",
        PROSE,
        PROSE,
        "WEEK 2",
        "THE NEW DOCKS",
        PROSE,
        PROSE,
    )
    got = [(level, title) for level, _kind, title in outline(text)]
    assert got[1:] == [(1, "Week 1: The Old Quay"), (1, "Week 2: The New Docks")]
