"""A Hebrew text reads right to left in the reader, beside a Spanish one that does not; the
page around it (the UI) keeps its own direction."""

from __future__ import annotations

from tests.browser.test_accessibility import sign_in
from tests.builders import make_circle
from tests.factories import make_readings
from tests.library.samples import text_in

MEASURE = """() => {
    const p = document.querySelector('.text-body .para p');
    const range = document.createRange();
    range.selectNodeContents(p);
    const lines = Array.from(range.getClientRects());
    const column = p.getBoundingClientRect();
    const last = lines[lines.length - 1];
    return {
        direction: getComputedStyle(p).direction,
        lang: p.closest('[lang]').getAttribute('lang'),
        page: getComputedStyle(document.body).direction,
        lines: lines.length,
        firstRight: lines[0].right, lastLeft: last.left, lastRight: last.right,
        columnLeft: column.left, columnRight: column.right,
        anchorLeft: p.parentElement.querySelector('.para-anchor').getBoundingClientRect().left,
    };
}"""


def _measure(page, url: str) -> dict:
    page.goto(url)
    return page.evaluate(MEASURE)


def test_a_hebrew_text_reads_right_to_left(page, live_server, screenshot):
    hebrew, spanish = text_in("he", title="Hebrew"), text_in("es", title="Spanish")
    section = hebrew.sections.first()
    rtl = _measure(page, section.get_absolute_url())
    screenshot(page, "reader-right-to-left")
    assert (rtl["direction"], rtl["lang"], rtl["page"]) == ("rtl", "he", "ltr")
    # Lines start at the column's right edge; the last, shorter line leaves the left free.
    assert rtl["lines"] >= 2
    assert abs(rtl["firstRight"] - rtl["columnRight"]) < 2
    assert abs(rtl["lastRight"] - rtl["columnRight"]) < 2
    assert rtl["lastLeft"] - rtl["columnLeft"] > 20
    # The paragraph's link sits in the right margin, outside the column.
    assert rtl["anchorLeft"] >= rtl["columnRight"]

    ltr = _measure(page, spanish.sections.first().get_absolute_url())
    assert (ltr["direction"], ltr["lang"]) == ("ltr", "es")
    assert abs(ltr["lastLeft"] - ltr["columnLeft"]) < 2
    assert ltr["anchorLeft"] < ltr["columnLeft"]


def test_the_groups_reading_page_too(page, live_server, screenshot):
    text = text_in("he")
    make_readings(text)
    circle = make_circle(text=text)
    sign_in(page, live_server, circle.member)
    rtl = _measure(page, circle.page)
    screenshot(page, "group-reading-right-to-left")
    assert (rtl["direction"], rtl["lang"]) == ("rtl", "he")
    assert abs(rtl["lastRight"] - rtl["columnRight"]) < 2
    assert rtl["lastLeft"] - rtl["columnLeft"] > 20
