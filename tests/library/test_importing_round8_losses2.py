"""Word losses found with more seeds and by review, mended (issue #13, round eight).

Each guard asks for the dropping rule's own evidence (a page break, a line repeated where
headers stand) rather than excepting particular words. Every document here is written
for the test.
"""

from __future__ import annotations

from studygroup.library.importing.formats import read_document
from tests.library.families.words import lost, output_text


def _lost(text: str) -> dict[str, int]:
    parsed = read_document(text.encode(), "a.txt", max_bytes=1_000_000)
    return dict(lost(text, output_text(parsed)))


def test_a_wrapped_entrys_last_line_is_no_running_header():
    """ "    Press, 1931." recurs, short and with digits, like a page's header; but it ends
    the sentence of the line just above it with no blank line or page break between."""
    text = (
        "Sources\n=======\n\n"
        "Harrow, Edith. The Lantern of the Weir. Kingsmere: Gannet\n"
        "    Press, 1931.\n\n"
        "Lowther, Silas. A Crossing in March. Kingsmere: Otter Press, 1907.\n\n"
        "Pennock, Agnes. The Keeper of Sluices. Harwick: Plover\n"
        "    Press, 1888.\n\n"
        "Dunmore, Abel. The Reedbed. Harwick: Curlew Press, 1902.\n\n"
        "Tallis, Grace. Notes on the Towpath. Kingsmere: Heron\n"
        "    Press, 1950.\n"
    )
    assert _lost(text) == {}


def test_a_plays_first_short_turn_is_no_line_of_its_title_page():
    """A short first line under the title would join the title page; its speaker's label
    opening later turns too is the sign that the text has begun."""
    text = (
        "The Ferry at Dusk\n=================\n\n"
        "AGNES. Before the tide?\n\n"
        "SILAS. The warden locked the boathouse and walked along the\nembankment.\n\n"
        "AGNES. The clerk folded the charts before supper.\n\n"
        "SILAS. Under the crane?\n\n"
        "AGNES. The keeper lit the lamps at the jetty when the rain stopped.\n\n"
        "SILAS. The harbourmaster read the notices aloud.\n"
    )
    assert _lost(text) == {}


def test_a_numbered_item_over_the_same_instruction_each_time_is_no_running_header():
    """ "Hymn 47" recurs short with other digits, as a page's header does; but each time
    it stands over the same line ("All stand"), where a header heads whatever text its
    page begins with."""
    text = (
        "Evensong at the Harbour Chapel\n==============================\n\n"
        "The wardens lit the candles along the aisle while the bell was rung.\n\n"
        "Hymn 47\n\nAll stand\n\n"
        "The minister read the notices and thanked the flower guild for the lilies.\n\n"
        "Hymn 103\n\nAll stand\n\n"
        "The collection was taken for the harbour mission and the lamp fund.\n\n"
        "Hymn 212\n\nAll stand\n\n"
        "The choir went out by the west door as the tide turned.\n"
    )
    assert _lost(text) == {}


def test_a_first_numbered_item_is_no_line_of_the_title_page():
    """ "Hymn 12" / "All stand" under the title would join the title page; the item's
    words recurring with other numbers further on are the sign the text has begun."""
    text = (
        "Evensong at the Harbour Chapel\n\n"
        "Hymn 12\n\nAll stand\n\n"
        "The wardens lit the candles along the aisle while the bell was rung.\n\n"
        "Hymn 47\n\nAll stand\n\n"
        "The minister read the notices and thanked the flower guild for the lilies.\n\n"
        "Hymn 103\n\nAll stand\n\n"
        "The collection was taken for the harbour mission and the lamp fund.\n"
    )
    assert _lost(text) == {}
