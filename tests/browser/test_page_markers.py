"""The print edition's page markers in a real browser: in the margin, out of the text a
screen reader reads, and `#page-N` lands on them; axe at phone and desktop widths."""

from __future__ import annotations

import io
import re
from datetime import date

from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from studygroup.groups.services import adopt_text
from studygroup.library import editing
from studygroup.library.importing.formats import read_document
from studygroup.library.models import PageStart
from studygroup.library.readings import generate_readings
from tests.browser.conftest import format_violations
from tests.browser.session import sign_in
from tests.factories import add_member, make_group, make_user
from tests.library.test_formats import LIMIT
from tests.library.test_page_starts import paged_text

PHONE = {"width": 375, "height": 740}
# The height on screen of some words inside an element (its text nodes, measured).
WORDS_Y = """(el, words) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(words);
        if (at >= 0) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + words.length);
            return range.getBoundingClientRect().y;
        }
    }
    return null;
}"""
DESKTOP = {"width": 1280, "height": 900}


def test_page_markers_in_the_margin_skipped_by_screen_readers(
    new_page, live_server, axe, screenshot
):
    member = make_user()
    group = make_group()
    add_member(group, member)
    text = paged_text(chapters=6, paragraphs=6)
    # Page 47 starts half-way through a long paragraph, on a line of its own.
    start = PageStart.objects.get(text=text, label="47")
    long = " ".join(["The circle read on, line after line, into the evening."] * 12)
    editing.edit_paragraph(start.paragraph, text=f"{long} Here page 47 begins. {long}")
    PageStart.objects.filter(pk=start.pk).update(offset=len(long) + 1)
    generate_readings(text, weeks=2)
    adopt_text(group=group, text=text, start_date=date(2026, 1, 5))
    url = reverse(
        "discussion:reading_in_text", kwargs={"slug": group.slug, "text": text.slug, "number": 1}
    )

    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = new_page(viewport)
        sign_in(page, live_server, member)
        page.goto(url + "#page-47")
        marker = page.locator("#page-47")
        expect(marker).to_be_visible()
        expect(marker).to_have_text("p. 47")
        expect(page.locator(".week-pages")).to_contain_text("pp. 31–")

        # `#page-47` lands there: the marker is on screen, far down the week.
        box = marker.bounding_box()
        assert page.evaluate("window.scrollY") > 0
        assert 0 <= box["y"] < viewport["height"]

        paragraph = page.locator(".para", has=marker)
        text_box = paragraph.locator("p").first.bounding_box()
        # At the line where the page starts, well below the paragraph's first line.
        words_y = paragraph.evaluate(WORDS_Y, "Here page 47")
        assert box["y"] > text_box["y"] + 40
        if name == "desktop":
            # In the left margin, never over the text.
            assert box["x"] >= 0 and box["x"] + box["width"] <= text_box["x"]
            assert abs(box["y"] - words_y) < 12  # beside the line the page starts on
        else:
            # No margin on a phone: a small label in the line, inside the screen.
            assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]

        # Screen readers skip it: the paragraph's accessible text has no "p. 47".
        snapshot = paragraph.aria_snapshot()
        assert "p. 47" not in snapshot
        assert "into the evening. Here page 47 begins. The circle" in snapshot

        violations = [v for v in axe(page) if v["impact"] in {"serious", "critical"}]
        assert not violations, format_violations(violations)
        page.screenshot(path=str(screenshot(page, f"page-markers-{name}").with_suffix(".view.png")))


TOPICS = ["harbour", "lantern", "orchard", "quarry", "meadow", "granary", "bellows", "ferry"]


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()[:40]


def test_a_pdf_printed_by_chromium_maps_every_page_to_its_printed_number(browser):
    """A book printed to PDF by Chromium with page numbers in the footer: each page of
    the map starts where that page's text starts, under the number printed on it."""
    paragraphs = "".join(
        f"<p>Paragraph {k} tells of the {topic}. "
        + " ".join(f"The {topic} stood near stone {k}-{j} in the valley." for j in range(25))
        + "</p>"
        for k, topic in enumerate(TOPICS * 3)
    )
    page = browser.new_page()
    page.set_content(f"<h1>The Valley Book</h1>{paragraphs}")
    pdf = page.pdf(
        format="A5",
        display_header_footer=True,
        header_template="<span></span>",
        footer_template='<div style="font-size:10px;width:100%;text-align:center">'
        '<span class="pageNumber"></span></div>',
        margin={"top": "2cm", "bottom": "2cm", "left": "2cm", "right": "2cm"},
    )
    page.close()
    parsed = read_document(pdf, "valley.pdf", max_bytes=LIMIT)
    printed = PdfReader(io.BytesIO(pdf)).pages
    assert len(printed) > 10
    texts = [p.text for s in parsed.sections for p in s.paragraphs]
    assert [start.label for start in parsed.pages] == [str(n) for n in range(1, len(printed) + 1)]
    assert parsed.pages[0].paragraph == 0 and parsed.pages[0].offset == 0
    for start in parsed.pages[1:]:
        opening = printed[int(start.label) - 1].extract_text()
        # At the page's first word, or the start of a word the page break cut in two.
        mapped = _squash(texts[start.paragraph][start.offset :][:80])
        assert 0 <= mapped.find(_squash(opening)[:20]) <= 6, (start, mapped, opening[:40])
    # The footers' numbers are not in the text.
    assert not any(re.fullmatch(r"\d+", t.strip()) for t in texts)
