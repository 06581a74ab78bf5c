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
from studygroup.library.importing.formats import read_document
from studygroup.library.readings import generate_readings
from tests.browser.conftest import format_violations
from tests.browser.test_accessibility import sign_in
from tests.factories import add_member, make_group, make_user
from tests.library.test_formats import LIMIT
from tests.library.test_page_starts import paged_text

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def test_page_markers_in_the_margin_skipped_by_screen_readers(
    new_page, live_server, axe, screenshot
):
    member = make_user()
    group = make_group()
    add_member(group, member)
    text = paged_text(chapters=6, paragraphs=6)
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
        if name == "desktop":
            # In the left margin, beside the paragraph's first line, never over the text.
            assert box["x"] >= 0 and box["x"] + box["width"] <= text_box["x"]
            assert abs(box["y"] - text_box["y"]) < 20
        else:
            # No margin on a phone: on its own line above the paragraph.
            assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
            assert box["y"] + box["height"] <= text_box["y"] + 1

        # Screen readers skip it: the paragraph's accessible text has no "p. 47".
        snapshot = paragraph.aria_snapshot()
        assert "p. 47" not in snapshot and "Chapter" in snapshot

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
