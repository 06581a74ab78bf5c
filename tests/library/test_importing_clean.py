"""Line-level cleaning: hyphens, blocks, page numbers, boilerplate, unwrapping."""

from __future__ import annotations

import pytest

from studygroup.library.importing import clean
from studygroup.library.importing.clean import Vocabulary, join_hyphen, join_lines


def vocab(text: str) -> Vocabulary:
    return Vocabulary.from_text(text)


def test_hyphen_joined_when_the_word_appears_elsewhere():
    v = vocab("The crisis has pro-\nduced hardship. Work produced elsewhere.")
    assert join_lines(["which has pro-", "duced years"], v) == "which has produced years"


def test_hyphen_joined_by_stem_when_an_inflection_appears_elsewhere():
    v = vocab("Many subscribers joined.")
    assert join_lines(["Those subscrib-", "ing to it"], v) == "Those subscribing to it"


def test_hyphen_kept_when_the_hyphenated_form_appears_mid_line():
    v = vocab("We defend self-management always.\nthe seizure and self-\nmanagement of")
    assert join_lines(["and self-", "management of"], v) == "and self-management of"


def test_hyphen_kept_for_known_prefix_with_a_real_word():
    v = vocab("The colonial question was raised.")
    assert join_lines(["the great anti-", "colonial upsurges"], v) == (
        "the great anti-colonial upsurges"
    )


def test_hyphen_kept_before_capital_or_digit():
    v = vocab("")
    assert join_lines(["the anti-", "Stalinist left"], v) == "the anti-Stalinist left"
    assert join_lines(["that pre-", "1917 radicals had"], v) == "that pre-1917 radicals had"


def test_unknown_split_word_is_joined():
    v = vocab("")
    assert join_hyphen("the tradi-", "tional elites", v)
    assert join_lines(["the tradi-", "tional elites"], v) == "the traditional elites"


def test_number_ranges_and_dashes_across_lines():
    v = vocab("")
    assert join_lines(["Luxemburg (1871-", "1919) wrote"], v) == "Luxemburg (1871-1919) wrote"
    assert join_lines(["and to–", "if it must"], v) == "and to–if it must"
    assert join_lines(["a pause –", "then more"], v) == "a pause – then more"


def test_real_hyphen_mid_line_is_untouched():
    v = vocab("")
    assert join_lines(["convulsions that are de-stabilizing mainstream"], v) == (
        "convulsions that are de-stabilizing mainstream"
    )


def test_vocabulary_ignores_halves_of_broken_words():
    v = vocab("which has pro-\nduced hardship")
    assert "pro" not in v.words and "duced" not in v.words
    assert "hardship" in v.words


def test_split_blocks_records_gaps_and_separator_lines():
    blocks = clean.split_blocks(["one", "two", "", "", " ", "three"])
    assert [b.lines for b in blocks] == [["one", "two"], ["three"]]
    assert blocks[1].gap == 3 and blocks[1].strong


def test_page_numbers_are_recognised_but_years_are_not():
    for line in ["22", "  46", "- 12 -", "Page 7", "xii"]:
        assert clean.is_page_number(clean.Block([line])), line
    for line in ["2014", "22 supposedly", "1917"]:
        assert not clean.is_page_number(clean.Block([line])), line


def test_boilerplate_cut_only_near_the_end():
    lines = ["Title", "", *["Body text line." for _ in range(20)], "", "Leave a Reply", "x"]
    kept, cut = clean.strip_boilerplate(lines)
    assert cut and kept[-1] == "" and "Leave a Reply" not in kept
    early = ["Share this:", *["Body text line." for _ in range(20)]]
    assert clean.strip_boilerplate(early) == (early, False)


def test_ends_sentence_handles_markers_and_quotes():
    assert clean.ends_sentence("the end of it.")
    assert clean.ends_sentence("they said so.”12")
    assert clean.ends_sentence("was it? ")
    assert not clean.ends_sentence("the ‘democratic centralism’")
    assert not clean.ends_sentence("and the communists")


def test_lead_in_capitals():
    assert clean.is_lead_in(" TREMORS COME BEFORE EARTHQUAKES.1 OFTEN THEY ARE FELT ")
    assert not clean.is_lead_in("The U.S. and NATO went on")


def _double_spaced(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        out += [line, ""]
    return out


def test_double_spaced_text_is_unwrapped_into_paragraphs():
    body = [
        "The first paragraph starts here and it runs on for a good long while so the ",
        "line is full of words and wraps at the margin as typeset text does in every ",
        "printed article of this kind, and it ends here.",
        "A second paragraph begins with a capital letter after a short last line, and ",
        "it also wraps at the margin like the other.",
    ] * 6
    blocks = clean.split_blocks(_double_spaced(body))
    width = clean.measure_width(blocks)
    assert width and clean.is_double_spaced(blocks, width)
    paragraphs = clean.unwrap_double_spaced(blocks, width)
    assert len(paragraphs) == 12
    assert paragraphs[0].text.endswith("and it ends here.")
    assert paragraphs[1].text.startswith("A second paragraph")


def test_long_line_paragraphs_are_not_mistaken_for_double_spacing():
    text = "\n\n".join(
        f"Paragraph {i} is one long line of prose. It ends properly." for i in range(30)
    )
    blocks = clean.split_blocks(text.split("\n"))
    assert not clean.is_double_spaced(blocks, clean.measure_width(blocks))


def test_caption_line_with_credit_is_split_out_of_a_block():
    width_lines = ["x" * 70] * 25
    blocks = clean.split_blocks([*width_lines, ""])
    width = clean.measure_width(blocks)
    block = clean.Block(
        [
            "Marchers in the city centre, July 2015                    PHOTO CREDIT",
            " In September 2016, a general strike began across the whole country and",
            "it lasted for days.",
        ]
    )
    pieces = clean.split_inside_blocks([block], width)
    assert [p.kind for p in pieces] == ["caption", "prose"]
    assert pieces[1].first.startswith("In September")


def test_back_to_top_link_starts_the_web_page_furniture():
    lines = ["Text."] * 8 + ["Back to top", "Download this text as PDF | EPUB"]
    assert clean.strip_boilerplate(lines) == (["Text."] * 8, True)


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["over 900,000 Face-", "book followers"], "over 900,000 Facebook followers"),
        (["of pre-", "dominantly female workers"], "of predominantly female workers"),
        (["for pre-", "serving the best traditions"], "for preserving the best traditions"),
        (["read week-", "by-week with care"], "read week-by-week with care"),
        (["a social move-", "ment-building effort"], "a social movement-building effort"),
        (["a Paris-", "based collective"], "a Paris-based collective"),
        (["a self-", "managed union"], "a self-managed union"),
        (["FOR THE RADI-", "cal Left"], "FOR THE RADICAL Left"),
    ],
)
def test_line_end_hyphens(lines, joined):
    vocab = clean.Vocabulary.from_text("A movement of people. The social movement grew.")
    assert clean.join_lines(lines, vocab) == joined


def test_letter_spaced_words_written_solid():
    lines = ["C H A P T E R   O N E", "", "  T H E   B R O K E N   P I L O T S"]
    assert clean.unspace_letters(lines) == ["CHAPTER ONE", "", "  THE BROKEN PILOTS"]


def test_letter_spaced_words_one_space_apart_segmented_by_the_texts_own_words():
    known = {"harbour", "the", "old"}.__contains__
    assert clean.unspace_letters(["T H E O L D H A R B O U R"], lambda w: known(w.lower())) == [
        "THE OLD HARBOUR"
    ]
    # Nothing fits: one word rather than a wrong split.
    assert clean.unspace_letters(["Q X Z Q X"], lambda w: False) == ["QXZQX"]


@pytest.mark.parametrize("line", ["I a m", "A B C", "x = y + z", "1 2", "He said a word."])
def test_short_or_ordinary_lines_are_not_letter_spaced(line):
    assert clean.unspace_letters([line]) == [line]


def _texts(blocks):
    return [b.lines for b in blocks]


WIDTH = 36


def test_a_title_glued_to_the_paragraph_under_it_stands_alone():
    blocks = clean.split_blocks(
        ["twice; on others nobody touched it.", "", "Where Did the Storm Go?",
         "Between the tide tables and the", "storm warnings there was a gap."]
    )  # fmt: skip
    assert _texts(clean.split_glued_titles(blocks, WIDTH))[1] == ["Where Did the Storm Go?"]


def test_a_title_glued_to_the_end_of_a_paragraph_stands_alone():
    blocks = clean.split_blocks(
        ["had measured a weathered", "signboard, as settled at last.",
         "The Last Slipway Question", "", "The glassblowers weighed it."]
    )  # fmt: skip
    out = _texts(clean.split_glued_titles(blocks, WIDTH))
    assert out[:2] == [
        ["had measured a weathered", "signboard, as settled at last."],
        ["The Last Slipway Question"],
    ]


def test_a_title_wrapped_past_a_blank_line_is_one_line():
    blocks = clean.split_blocks(
        ["went on throughout the autumn.", "", "Chapter 2: Against the", "", "Custom House",
         "The uneven records show that the", "signal operator copied the tide."]
    )  # fmt: skip
    out = _texts(clean.split_glued_titles(blocks, WIDTH))
    assert out[1] == ["Chapter 2: Against the Custom House"]
    assert out[2][0] == "The uneven records show that the"


def test_a_contents_box_and_prose_lines_keep_their_first_line():
    box = ["IN THIS ISSUE", "The Harbour ........ 3", "The Ferry ........ 7"]
    prose = ["The dock committee met at", "Nine and argued until dawn", "about the tides."]
    for lines in (box, prose):
        assert _texts(clean.split_glued_titles(clean.split_blocks(lines), WIDTH)) == [lines]
