"""The page map saved, kept and shown: PageStart rows, the reader's margin markers,
a week's page range (library/pages.py) and search's "page 47".
"""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from studygroup.groups.services import adopt_text
from studygroup.library import editing
from studygroup.library.importing.document import FootnoteRef
from studygroup.library.importing.document import PageStart as ParsedPageStart
from studygroup.library.markup import FOOTNOTE_MARKUP
from studygroup.library.models import PageStart, Paragraph, Reading, Text
from studygroup.library.pages import insert_page_marks, page_map, week_pages
from studygroup.library.readings import generate_readings
from studygroup.library.roles import ensure_curator_group
from studygroup.library.services import render_paragraph_html, save_imported_text
from tests.factories import add_member, make_group, make_user, parsed_text
from tests.library.test_page_map import text_with_footers

pytestmark = pytest.mark.django_db


def paged_text(*, chapters: int = 3, paragraphs: int = 4, is_public: bool = True) -> Text:
    """A text whose body paragraphs each start a printed page: 31, 32, 33…"""
    parsed = parsed_text(chapters=chapters, paragraphs=paragraphs)
    parsed.pages = [
        ParsedPageStart(label=str(30 + i), paragraph=i, offset=0)
        for i in range(1, chapters * paragraphs + 1)
    ]
    return save_imported_text(
        parsed=parsed, filename="primer.txt", checksum="0" * 64, is_public=is_public
    ).text


def ordered(text: Text) -> list[Paragraph]:
    return list(
        Paragraph.objects.filter(section__text=text).order_by("section__position", "position")
    )


def labels_by_paragraph(text: Text) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for start in PageStart.objects.filter(text=text).order_by("label"):
        out.setdefault(start.paragraph_id, []).append(start.label)
    return out


# --------------------------------------------------------------------------- saving


def test_import_command_saves_the_page_map_of_a_text_with_page_numbers(tmp_path):
    path = tmp_path / "harbour.txt"
    path.write_text(text_with_footers(["7", "8", "9", "10"], "– {n} –"))
    out = io.StringIO()
    call_command("import_text", str(path), stdout=out)
    assert "3 print pages" in out.getvalue()
    text = Text.objects.get()
    starts = list(PageStart.objects.filter(text=text).in_order())
    assert [s.label for s in starts] == ["8", "9", "10"]
    assert starts[0].paragraph.text.startswith("The orchard was quiet")
    assert "– 8 –" not in " ".join(p.text for p in ordered(text))


def test_reimport_keeps_pages_on_the_paragraphs_that_keep_their_ids():
    text = paged_text()
    before = labels_by_paragraph(text)
    parsed = parsed_text()
    parsed.pages = [ParsedPageStart(label=str(30 + i), paragraph=i, offset=0) for i in range(1, 13)]
    # The file corrects a word in one paragraph: ids and page starts stay where they were.
    parsed.sections[2].paragraphs[1].text = (
        parsed.sections[2].paragraphs[1].text.replace("weekly", "every week")
    )
    save_imported_text(parsed=parsed, filename="primer.txt", checksum="1" * 64, replace=text)
    assert labels_by_paragraph(text) == before


def test_reimport_takes_the_new_files_page_map():
    text = paged_text()
    parsed = parsed_text()
    parsed.pages = [ParsedPageStart(label="ix", paragraph=0, offset=0)]
    save_imported_text(parsed=parsed, filename="primer.txt", checksum="1" * 64, replace=text)
    assert list(PageStart.objects.filter(text=text).values_list("label", flat=True)) == ["ix"]


def test_a_deleted_paragraph_hands_its_page_to_the_next_one():
    text = paged_text()
    paragraphs = ordered(text)
    editing.delete_paragraph(paragraphs[2])
    assert labels_by_paragraph(text)[paragraphs[3].pk] == ["32", "33"]


def test_a_deleted_section_hands_its_pages_to_the_next_section():
    text = paged_text()
    chapter = text.sections.get(title="Chapter 2")
    first_after = ordered(text)[9]  # Chapter 3, paragraph 1
    editing.delete_section(chapter)
    assert labels_by_paragraph(text)[first_after.pk] == ["35", "36", "37", "38", "39"]


def test_a_shorter_correction_keeps_the_page_inside_the_paragraph():
    text = paged_text()
    paragraph = ordered(text)[1]
    PageStart.objects.filter(paragraph=paragraph).update(offset=40)
    editing.edit_paragraph(paragraph, text="Short now.")
    assert PageStart.objects.get(paragraph=paragraph).offset == len("Short now.")


# --------------------------------------------------------------------------- the reader


def test_the_section_page_shows_page_markers_hidden_from_screen_readers(client):
    text = paged_text()
    chapter = text.sections.get(title="Chapter 1")
    html = client.get(chapter.get_absolute_url()).content.decode()
    marks = re.findall(r'<span class="page-marks" aria-hidden="true">(.*?)</span></span>', html)
    assert len(marks) == 4
    assert '<span class="page-mark" id="page-31">p. 31</span>' in html
    # The marker sits inside the paragraph where the page starts.
    first = ordered(text)[1]
    assert re.search(
        rf'id="p-{first.pk}">\s*<p><span class="page-marks"[^>]*><span [^>]*id="page-31"', html
    )


def test_the_week_text_shows_markers_and_query_counts_do_not_grow_with_pages(
    django_assert_num_queries,
):
    for chapters in (2, 12):
        text = paged_text(chapters=chapters, paragraphs=6)
        generate_readings(text, weeks=1)
        reading = Reading.objects.select_related("text").get(text=text)
        from studygroup.library.readings import reading_html

        # sections, paragraphs, their page starts, notes, their citing paragraphs
        with django_assert_num_queries(5):
            html = reading_html(reading)
        assert html.count('class="page-mark"') == chapters * 6
        # The page map: page starts, then section positions; then cached.
        with django_assert_num_queries(2):
            pages = week_pages(reading)
        with django_assert_num_queries(0):
            week_pages(reading)
        assert str(pages) == f"pp. 31–{30 + chapters * 6}"


def test_a_marker_goes_where_the_page_starts_inside_the_paragraph_html():
    text = "Tom & Jerry read aloud. Then the page turned here, mid-paragraph."
    refs = [FootnoteRef(offset=23, number=1)]
    html = render_paragraph_html(text, refs, notes={1: "A note & more."})
    offset = text.index("Then")
    marked = insert_page_marks(html, [PageStart(label="48", offset=offset)])
    plain_before = FOOTNOTE_MARKUP.sub("", marked.split('<span class="page-marks"')[0])
    assert plain_before == "Tom &amp; Jerry read aloud. "
    assert marked.count('id="page-48"') == 1 and ">p. 48<" in marked
    # Two pages at one place share it; offset 0 is the paragraph's start.
    both = insert_page_marks(html, [PageStart(label="7", offset=0), PageStart(label="8", offset=0)])
    assert both.startswith(
        '<span class="page-marks" aria-hidden="true"><span class="page-mark" id="page-7">p. 7'
        '</span><span class="page-mark" id="page-8">p. 8</span></span>Tom'
    )
    verse = render_paragraph_html("One line\nand the next", [], kind="verse")
    at_next = insert_page_marks(verse, [PageStart(label="9", offset=9)])
    assert at_next.startswith('One line<br><span class="page-marks"')


# --------------------------------------------------------------------------- page ranges


def test_week_page_ranges_follow_the_split():
    text = paged_text(chapters=3, paragraphs=4)  # chapter c, paragraph p: page 30 + 4(c-1) + p
    generate_readings(text, weeks=3)
    readings = list(Reading.objects.select_related("text").filter(text=text).order_by("number"))
    ranges = [str(week_pages(r)) for r in readings]
    # Week 1 has the preface (no page yet) and chapter 1; each page starts a paragraph.
    assert ranges == ["pp. 31–34", "pp. 35–38", "pp. 39–42"]


def test_a_week_that_starts_mid_page_begins_with_the_page_open_at_its_start():
    text = paged_text(chapters=2, paragraphs=4)
    generate_readings(text, weeks=2)
    # Only every other paragraph starts a page: week 2 opens on page 33's second half.
    PageStart.objects.filter(text=text, label__in=["32", "34", "36", "38"]).delete()
    text.save()  # a change to the text: the cached map goes stale with its updated_at
    readings = list(Reading.objects.select_related("text").filter(text=text).order_by("number"))
    assert [str(week_pages(r)) for r in readings] == ["pp. 31–33", "pp. 35–37"]


def test_a_text_without_a_page_map_has_no_range():
    text = save_imported_text(parsed=parsed_text(), filename="p.txt", checksum="0" * 64).text
    generate_readings(text, weeks=2)
    reading = Reading.objects.select_related("text").filter(text=text).first()
    assert week_pages(reading) is None
    assert not page_map(text)


def test_one_page_reads_p_not_pp():
    text = paged_text(chapters=1, paragraphs=1)
    generate_readings(text, weeks=1)
    assert str(week_pages(Reading.objects.select_related("text").get(text=text))) == "p. 31"


@pytest.fixture
def group_reading():
    facilitator = make_user()
    group = make_group(facilitator=facilitator)
    text = paged_text(chapters=3, paragraphs=4)
    generate_readings(text, weeks=3)
    adopt_text(group=group, text=text, start_date=date(2026, 1, 5))
    return group, facilitator, text


def test_the_schedule_shows_each_weeks_pages(client, group_reading):
    group, facilitator, _text = group_reading
    client.force_login(facilitator)
    html = client.get(reverse("groups:schedule", kwargs={"slug": group.slug})).content.decode()
    assert "pp. 31–34" in html and "pp. 35–38" in html and "pp. 39–42" in html


def test_the_reading_page_shows_the_weeks_pages(client, group_reading):
    group, facilitator, text = group_reading
    client.force_login(facilitator)
    url = reverse(
        "discussion:reading_in_text", kwargs={"slug": group.slug, "text": text.slug, "number": 2}
    )
    html = client.get(url).content.decode()
    assert '<span class="week-pages">pp. 35–38</span>' in html
    assert 'id="page-35"' in html and 'id="page-31"' not in html
    library = client.get(reverse("library:reading", kwargs={"slug": text.slug, "number": 2}))
    assert "pp. 35–38" in library.content.decode()


def test_the_calendar_feed_gives_each_weeks_pages(client, group_reading):
    group, facilitator, _text = group_reading
    client.force_login(facilitator)
    feed = client.get(reverse("groups:feed", kwargs={"slug": group.slug}))
    body = feed.content.decode().replace("\r\n ", "")
    assert "pp. 31–34" in body and "pp. 39–42" in body


# --------------------------------------------------------------------------- search


@pytest.mark.parametrize("query", ["p. 35", "page 35", "pp. 35", "Page 35", "p35"])
def test_search_answers_a_page_with_a_link_to_it(client, query):
    text = paged_text()
    response = client.get(reverse("search:search"), {"q": query})
    html = response.content.decode()
    chapter2 = text.sections.get(title="Chapter 2")
    assert f'href="{chapter2.get_absolute_url()}#page-35"' in html
    # The link lands on the marker.
    target = client.get(chapter2.get_absolute_url()).content.decode()
    assert 'id="page-35"' in target


def test_search_for_a_page_respects_who_may_read_the_text(client):
    text = paged_text(is_public=False)
    group = make_group()
    adopt_text(group=group, text=text, start_date=date(2026, 1, 5))
    member, outsider = make_user(), make_user()
    add_member(group, member)
    url = reverse("search:search")
    assert "#page-35" not in client.get(url, {"q": "page 35"}).content.decode()  # anonymous
    client.force_login(outsider)
    assert "#page-35" not in client.get(url, {"q": "page 35"}).content.decode()
    client.force_login(member)
    assert "#page-35" in client.get(url, {"q": "page 35"}).content.decode()
    curator = make_user(is_staff=True)
    curator.groups.add(ensure_curator_group())  # curators see restricted texts (policy)
    client.force_login(curator)
    assert "#page-35" in client.get(url, {"q": "page 35"}).content.decode()


def test_an_ordinary_query_has_no_page_hits(client):
    paged_text()
    html = client.get(reverse("search:search"), {"q": "circle 35"}).content.decode()
    assert "#page-35" not in html


def test_the_group_reading_page_costs_the_same_queries_however_many_pages(client):
    """First view of week 1 (nothing cached) for a text of 8 pages and one of 96."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for chapters in (2, 24):
        member = make_user()
        group = make_group()
        add_member(group, member)
        text = paged_text(chapters=chapters, paragraphs=4)
        generate_readings(text, weeks=1)
        adopt_text(group=group, text=text, start_date=date(2026, 1, 5))
        client.force_login(member)
        url = reverse(
            "discussion:reading_in_text",
            kwargs={"slug": group.slug, "text": text.slug, "number": 1},
        )
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(url).content.decode()
        assert html.count('class="page-mark"') == chapters * 4
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_a_dry_run_tells_how_many_pages_were_mapped_and_the_json_is_unchanged(tmp_path):
    import json

    path = tmp_path / "harbour.txt"
    path.write_text(text_with_footers(["7", "8", "9", "10"]))
    out = io.StringIO()
    call_command("import_text", str(path), "--dry-run", stdout=out)
    assert "page numbers of the source: 3 (8–10)" in out.getvalue()
    out = io.StringIO()
    call_command("import_text", str(path), "--dry-run", "--json", stdout=out)
    assert set(json.loads(out.getvalue())) == {"title", "author", "words", "footnotes", "sections"}
    assert not Text.objects.exists() and not PageStart.objects.exists()


def test_curators_can_check_the_page_map_in_the_admin(admin_client):
    text = paged_text()
    start = PageStart.objects.get(text=text, label="35")
    listing = admin_client.get(reverse("admin:library_pagestart_changelist"), {"q": "35"})
    assert listing.status_code == 200 and "p. 35" in listing.content.decode()
    page = admin_client.get(reverse("admin:library_pagestart_change", args=[start.pk]))
    assert page.status_code == 200
    assert f"#p-{start.paragraph_id}" in page.content.decode()
