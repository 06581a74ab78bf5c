from __future__ import annotations

import re

import pytest

from studygroup.library.importing.document import FootnoteRef, ParsedParagraph
from studygroup.library.models import Footnote, Paragraph, Text
from studygroup.library.services import (
    FOOTNOTE_MARKUP,
    render_paragraph_html,
    save_imported_text,
)
from tests.factories import parsed_text

pytestmark = pytest.mark.django_db


def test_render_escapes_text_and_links_markers():
    text = "Capital <em>is</em> value."
    html = render_paragraph_html(text, [FootnoteRef(offset=len(text), number=7)])
    assert html.startswith("Capital &lt;em&gt;is&lt;/em&gt; value.")
    assert '<a href="#fn-7"' in html  # no note text: the link goes to the list of notes
    assert html.endswith("</sup>")


def test_a_note_opens_in_place_and_links_back():
    text = "Value is social."
    html = render_paragraph_html(
        text, [FootnoteRef(offset=6, number=2)], notes={2: "See <chapter> 1."}
    )
    ref = re.search(r'<a href="#(n2-\w+)" id="(r2-\w+)"', html)
    assert ref, html
    note_id, ref_id = ref.groups()
    assert f'<span class="fn-note" id="{note_id}" role="note">' in html
    assert "See &lt;chapter&gt; 1." in html
    assert f'href="#{ref_id}"' in html  # back to where the reader was
    assert FOOTNOTE_MARKUP.sub("", html) == text


def test_save_creates_sections_paragraphs_footnotes_and_citations():
    report = save_imported_text(
        parsed=parsed_text(), filename="primer.txt", checksum="a" * 64, tags=["method", " "]
    )
    text = report.text
    assert report.created and report.sections == 4 and report.footnotes == 1
    assert list(text.sections.values_list("kind", flat=True)) == ["front", "body", "body", "body"]
    note = Footnote.objects.get(text=text, number=1)
    assert list(note.cited_by.values_list("section__title", flat=True)) == ["Chapter 1"]
    assert list(text.tags.names()) == ["method"]
    assert text.slug == "a-primer-on-study-circles"


def test_reimport_keeps_ids_of_unchanged_paragraphs():
    first = save_imported_text(parsed=parsed_text(), filename="p.txt", checksum="a" * 64).text
    before = {p.text: p.pk for p in Paragraph.objects.filter(section__text=first)}

    corrected = parsed_text()
    chapter_two = corrected.sections[2]
    chapter_two.paragraphs[1] = ParsedParagraph(text="A corrected paragraph.")
    corrected.sections[1].paragraphs.insert(0, ParsedParagraph(text="A new opening."))
    report = save_imported_text(
        parsed=corrected, filename="p.txt", checksum="b" * 64, replace=first
    )

    after = {p.text: p.pk for p in Paragraph.objects.filter(section__text=first)}
    unchanged = set(before) & set(after)
    assert len(unchanged) == len(before) - 1
    assert all(before[t] == after[t] for t in unchanged)
    assert report.paragraphs_created == 2 and report.paragraphs_removed == 1
    assert Text.objects.count() == 1


def test_failed_save_writes_nothing():
    broken = parsed_text()
    broken.footnotes.append(broken.footnotes[0])  # duplicate number breaks a constraint
    with pytest.raises(Exception):  # noqa: B017 - IntegrityError's class differs per backend
        save_imported_text(parsed=broken, filename="p.txt", checksum="c" * 64)
    assert Text.objects.count() == 0
    assert Paragraph.objects.count() == 0


def test_slugs_stay_unique():
    a = save_imported_text(parsed=parsed_text(), filename="a.txt", checksum="a" * 64).text
    b = save_imported_text(parsed=parsed_text(), filename="b.txt", checksum="b" * 64).text
    assert a.slug != b.slug


def test_reimport_with_readings_keeps_reading_rows_and_never_fails():
    from studygroup.library.readings import check_readings, generate_readings

    first = save_imported_text(parsed=parsed_text(chapters=4), filename="p.txt", checksum="a" * 64)
    text = first.text
    generate_readings(text, weeks=3)
    reading_ids = set(text.readings.values_list("pk", flat=True))

    corrected = parsed_text(chapters=4)
    # A section vanishes and another appears (a retitled one with the same paragraphs
    # would be kept: see test_reimport_anchors).
    corrected.sections[2].title = "Chapter 2, rewritten"
    corrected.sections[2].paragraphs = [ParsedParagraph(text="Entirely different words.")]
    report = save_imported_text(parsed=corrected, filename="p.txt", checksum="b" * 64, replace=text)

    assert set(text.readings.values_list("pk", flat=True)) == reading_ids
    assert check_readings(text) == []
    assert any("split again into 3 weekly readings" in w for w in report.warnings)


def test_reimport_matches_sections_sharing_a_title_in_order():
    from studygroup.library.importing.document import ParsedSection

    parsed = parsed_text(chapters=2)
    for chapter in parsed.sections[1:]:
        chapter.paragraphs.append(ParsedParagraph(text=f"Notes of {chapter.title}."))
    parsed.sections.insert(2, ParsedSection(title="Notes", level=2, paragraphs=[]))
    parsed.sections.append(ParsedSection(title="Notes", level=2, paragraphs=[]))
    text = save_imported_text(parsed=parsed, filename="p.txt", checksum="a" * 64).text
    before = list(text.sections.values_list("pk", "title"))

    save_imported_text(parsed=parsed, filename="p.txt", checksum="b" * 64, replace=text)

    assert list(text.sections.values_list("pk", "title")) == before
    assert list(text.sections.values_list("position", flat=True)) == list(range(len(before)))
