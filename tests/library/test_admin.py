"""The library admin: import with preview, re-import, curation, through the test client."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape

from studygroup.groups.models import Adoption
from studygroup.library.importing.document import FootnoteRef, ParsedFootnote
from studygroup.library.importing.formats import read_document
from studygroup.library.models import CuratorEdit, Footnote, Paragraph, Reading, Section, Text
from studygroup.library.readings import generate_readings
from studygroup.library.uploads.preview import build_preview
from tests.factories import make_group, make_readings, make_text, make_user, parsed_text
from tests.library.epubs import make_epub
from tests.library.test_formats import blank_pdf, book_pages, encrypt_pdf, make_pdf

pytestmark = pytest.mark.django_db

IMPORT_URL = "admin:library_text_import"
LIMIT = 20 * 1024 * 1024

MESSY_TXT = """\ufeffTHE WORKERS' READING CIRCLE\r
\r
\r
PREFACE\r
\r
This little book was written for   the circles that meet\r
on Thursday evenings, after work.\r
\r
\r
CHAPTER I. WHY WE READ\r
\r
We read together because reading alone is slow, and because\r
a question asked aloud is half answered.\r
\r
The secretary keeps the minutes and reads them back.\r
\r
\r
CHAPTER II. HOW WE MEET\r
\r
The room is small.  It has a long table and a kettle.\r
\r
Nobody speaks twice before everybody has spoken once.\r
\r
\r
CHAPTER III. WHAT WE LEARN\r
\r
We learn to argue kindly, and to change our minds in public.\r
"""


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def make_admin_epub(tmp_path: Path) -> Path:
    """Three documents; the table of contents nests a sub-heading under Part One."""
    chapters = [
        ("intro.xhtml", "<h1>Introduction</h1><p>Why we meet every week to read.</p>"),
        (
            "ch1.xhtml",
            "<h1>Part One: Minutes</h1><p>The secretary kept the minutes carefully."
            '<a epub:type="noteref" href="#n1">1</a> Everyone signed them.</p>'
            '<h2 id="who">Who Writes Them</h2><p>Each member takes a turn at writing.</p>'
            '<aside epub:type="footnote" id="n1"><p>1. See the rule book.</p></aside>',
        ),
        ("ch2.xhtml", "<h1>The Long Table</h1><p>We bought a long table second hand.</p>"),
    ]
    return write(tmp_path, "together.epub", make_epub(tmp_path, chapters=chapters))


def preview(client, path: Path, url: str | None = None, **fields):
    with path.open("rb") as fh:
        return client.post(url or reverse(IMPORT_URL), {"file": fh, **fields})


def confirm(client, response, url: str | None = None, **overrides):
    """Post the preview's confirm form back, as the "Import" button does."""
    form = response.context["confirm"]
    data = {name: form[name].value() for name in form.fields}
    data["tags"] = data.get("tags") or ""
    if not data.get("is_public"):
        data.pop("is_public", None)
    data.update(overrides)
    return client.post(url or reverse(IMPORT_URL), data)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --------------------------------------------------------------------------- import


def test_changelist_links_to_the_import_page(admin_client):
    response = admin_client.get(reverse("admin:library_text_changelist"))
    assert reverse(IMPORT_URL).encode() in response.content
    assert b"Import a text" in response.content


def test_import_page_is_for_staff_only(client):
    user = make_user()
    client.force_login(user)
    response = client.get(reverse(IMPORT_URL))
    assert response.status_code == 302
    assert "/admin/login/" in response.headers["Location"]


def test_txt_preview_shows_structure_and_writes_nothing(admin_client, tmp_path):
    path = write(tmp_path, "circle.txt", MESSY_TXT)
    expected = read_document(path.read_bytes(), "circle.txt", max_bytes=LIMIT)

    response = preview(admin_client, path)

    assert response.status_code == 200
    shown = response.context["preview"]
    assert [s.title for s in shown.sections] == [s.title for s in expected.sections]
    assert shown.words == expected.words
    assert shown.chapters >= 3
    content = response.content.decode()
    for section in expected.sections:
        assert escape(section.title) in content
    front_or_back = sum(1 for s in expected.sections if s.kind != "body")
    assert front_or_back >= 1  # the preface
    assert content.count('class="matter"') == front_or_back
    assert "The room is small. It has a long table and a kettle." in content  # first words
    assert Text.objects.count() == 0
    assert Paragraph.objects.count() == 0


def test_import_writes_the_previewed_text(admin_client, admin_user, tmp_path):
    path = write(tmp_path, "circle.txt", MESSY_TXT)
    expected = read_document(path.read_bytes(), "circle.txt", max_bytes=LIMIT)
    response = preview(admin_client, path, title="", tags="workers, method")

    response = confirm(admin_client, response, title="The Reading Circle", is_public="")

    text = Text.objects.get()
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("admin:library_text_change", args=[text.pk])
    assert text.title == "The Reading Circle"
    assert text.is_public is False
    assert text.imported_by == admin_user
    assert text.original_filename == "circle.txt"
    assert sorted(text.tags.names()) == ["method", "workers"]
    assert list(text.sections.values_list("title", flat=True)) == [
        s.title for s in expected.sections
    ]
    assert Paragraph.objects.filter(section__text=text).count() == sum(
        len(s.paragraphs) for s in expected.sections
    )
    assert text.words == expected.words


def test_the_same_upload_imports_once(admin_client, tmp_path):
    response = preview(admin_client, write(tmp_path, "circle.txt", MESSY_TXT))
    confirm(admin_client, response)
    again = confirm(admin_client, response)
    assert again.status_code == 200
    assert "expired or was already imported" in again.content.decode()
    assert Text.objects.count() == 1


def test_another_curator_cannot_confirm_my_upload(admin_client, client, tmp_path):
    response = preview(admin_client, write(tmp_path, "circle.txt", MESSY_TXT))
    other = make_user(is_staff=True, is_superuser=True)
    client.force_login(other)
    stolen = confirm(client, response)
    assert "expired or was already imported" in stolen.content.decode()
    assert Text.objects.count() == 0


def test_epub_preview_nests_subheadings_and_counts_notes(admin_client, tmp_path):
    response = preview(admin_client, make_admin_epub(tmp_path))
    shown = response.context["preview"]
    assert [(s.title, s.level) for s in shown.sections] == [
        ("Introduction", 1),
        ("Part One: Minutes", 1),
        ("Who Writes Them", 2),
        ("The Long Table", 1),
    ]
    assert (shown.title, shown.author, shown.footnotes) == ("Reading Together", "Ada Hartley", 1)
    assert '<td class="indent-2">Who Writes Them' in response.content.decode()
    assert Text.objects.count() == 0

    confirm(admin_client, response)
    text = Text.objects.get()
    assert text.sections.count() == 4
    assert Footnote.objects.get(text=text, number=1).cited_by.count() == 1


def test_preview_warns_about_missing_chapters(admin_client, tmp_path):
    plain = (
        "We read together every week and we talk about it afterwards.\n\n"
        "Then we go home and think about what was said.\n\n"
        "The next week we come back.\n"
    )
    response = preview(admin_client, write(tmp_path, "talk.txt", plain))
    assert any(w.startswith("no chapters found") for w in response.context["preview"].warnings)
    assert "No chapters found" in response.content.decode()
    assert Text.objects.count() == 0


def test_build_preview_counts_markers_without_notes():
    parsed = parsed_text(chapters=1)
    parsed.sections = parsed.sections[:1]  # the preface only: front matter, no chapters
    parsed.sections[0].paragraphs[0].refs += [FootnoteRef(0, 1), FootnoteRef(5, 4)]
    parsed.footnotes.append(ParsedFootnote(number=2, text=""))

    shown = build_preview(parsed, checksum="x")

    assert (shown.chapters, shown.footnotes, shown.markers_without_notes) == (0, 2, 1)
    assert "1 note marker has no note text in the source" in shown.warnings
    assert any(w.startswith("no chapters found") for w in shown.warnings)
    assert shown.sections[0].kind_label == "Front matter"
    assert shown.sections[0].first_words == "Written for every group that reads together."


def test_preview_warns_about_a_file_already_imported(admin_client, tmp_path):
    path = write(tmp_path, "circle.txt", MESSY_TXT)
    confirm(admin_client, preview(admin_client, path))
    response = preview(admin_client, path)
    assert "The same file was already imported as" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty.txt is empty."),
        ("blank.md", b"\n\n  \n", "blank.md is empty."),
        ("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), "it looks like a PNG image"),
        ("essay.docx", b"PK\x03\x04 word", ".docx is not supported"),
        ("notes", b"some text", "has no file extension"),
        ("locked.pdf", "encrypted", "is an encrypted PDF"),
        ("scan.pdf", "scanned", "has no text layer"),
        ("broken.epub", b"this is not a zip at all" * 10, "broken.epub is damaged"),
    ],
)
def test_bad_input_shows_its_message_and_writes_nothing(
    admin_client, tmp_path, name, data, message
):
    if data == "encrypted":
        data = encrypt_pdf(make_pdf(book_pages()), "secret")
    elif data == "scanned":
        data = blank_pdf()
    response = preview(admin_client, write(tmp_path, name, data))
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any(message in e for e in errors), errors
    assert escape(errors[0]) in response.content.decode()
    assert "preview" not in response.context
    assert Text.objects.count() == 0
    assert not admin_client.session.get("library_uploads")


def test_too_big_is_refused_before_parsing(admin_client, tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 100
    response = preview(admin_client, write(tmp_path, "circle.txt", MESSY_TXT))
    errors = response.context["form"].errors["file"]
    assert errors[0].startswith("circle.txt is ")
    assert errors[0].endswith("; the limit is 100\xa0bytes.")
    assert Text.objects.count() == 0


def test_no_file_is_a_form_error(admin_client):
    response = admin_client.post(reverse(IMPORT_URL), {"title": "x"})
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert Text.objects.count() == 0


def test_a_parser_crash_is_a_message_not_a_500(admin_client, tmp_path, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("studygroup.library.uploads.reading.read_document", crash)
    response = preview(admin_client, write(tmp_path, "circle.txt", MESSY_TXT))
    assert response.status_code == 200
    assert "could not be read" in response.context["form"].errors["file"][0]
    assert Text.objects.count() == 0


# --------------------------------------------------------------------------- re-import


def _imported(client, tmp_path: Path) -> Text:
    confirm(client, preview(client, write(tmp_path, "circle.txt", MESSY_TXT)))
    return Text.objects.get()


def test_text_change_page_links_to_reimport(admin_client, tmp_path):
    text = make_text()
    response = admin_client.get(reverse("admin:library_text_change", args=[text.pk]))
    assert reverse("admin:library_text_reimport", args=[text.pk]).encode() in response.content


def test_reimport_previews_then_keeps_ids(admin_client, tmp_path):
    text = _imported(admin_client, tmp_path)
    before = {p.text: p.pk for p in Paragraph.objects.filter(section__text=text)}
    corrected = MESSY_TXT.replace("and reads them back", "and reads them back aloud")
    url = reverse("admin:library_text_reimport", args=[text.pk])

    response = preview(admin_client, write(tmp_path, "circle2.txt", corrected), url=url, title="X")
    shown = response.context["preview"]
    # A word added: the paragraph keeps its id by close match rather than being replaced.
    assert (shown.kept, shown.matched, shown.created, shown.removed) == (len(before) - 1, 1, 0, 0)
    page = response.content.decode()
    assert f"{len(before) - 1} paragraphs keep their id exactly (same text)." in page
    assert "1 paragraph keeps its id by close match (corrected text)" in page
    assert "0 paragraphs are new." in page
    assert "0 paragraphs have no close match in the file and give up their id." in page
    assert Paragraph.objects.filter(section__text=text).count() == len(before)  # nothing yet

    response = confirm(admin_client, response, url=url)
    assert response.status_code == 302
    after = {p.text: p.pk for p in Paragraph.objects.filter(section__text=text)}
    assert set(after.values()) == set(before.values())
    assert (
        after["The secretary keeps the minutes and reads them back aloud."]
        == (before["The secretary keeps the minutes and reads them back."])
    )
    text.refresh_from_db()
    assert text.title == "X"
    assert Text.objects.count() == 1
    page = admin_client.get(response.headers["Location"])
    assert any("(1 of them by close match), 0 created, 0 removed" in m for m in messages_of(page))


def test_reimport_that_corrects_a_heading_keeps_the_section_and_its_weeks(admin_client, tmp_path):
    text = _imported(admin_client, tmp_path)
    chapter = text.sections.get(title__icontains="how we meet")
    generate_readings(text, weeks=3)
    weeks = list(text.readings.values_list("pk", "start_section", "end_section"))
    assert any(chapter.pk in week[1:] for week in weeks)
    corrected = MESSY_TXT.replace("CHAPTER II. HOW WE MEET", "CHAPTER II. HOW WE GATHER")
    url = reverse("admin:library_text_reimport", args=[text.pk])

    response = preview(admin_client, write(tmp_path, "circle2.txt", corrected), url=url)
    assert not response.context["preview"].readings_resplit
    assert confirm(admin_client, response, url=url).status_code == 302

    chapter.refresh_from_db()
    assert chapter.title == "Chapter II. How We Gather"
    assert list(text.readings.values_list("pk", "start_section", "end_section")) == weeks


def test_reimport_that_drops_a_reading_boundary_warns_and_resplits(admin_client, tmp_path):
    text = _imported(admin_client, tmp_path)
    chapter = text.sections.get(title__icontains="how we meet")
    week = Reading.objects.create(text=text, number=1, title="Week 1", start_section=chapter)
    # The heading is gone: its paragraphs now belong to chapter I, and the section with it.
    corrected = MESSY_TXT.replace("CHAPTER II. HOW WE MEET\r\n", "")
    url = reverse("admin:library_text_reimport", args=[text.pk])

    response = preview(admin_client, write(tmp_path, "circle2.txt", corrected), url=url)
    assert "Week 1 (the library&#x27;s split) starts or ends at" in response.content.decode()
    assert Section.objects.filter(pk=chapter.pk).exists()  # the preview wrote nothing

    response = confirm(admin_client, response, url=url)
    assert response.status_code == 302  # never a 500 for a PROTECTed section
    assert not Section.objects.filter(pk=chapter.pk).exists()
    week.refresh_from_db()
    assert week.start_section.text_id == text.pk
    page = admin_client.get(response.headers["Location"])
    assert any("split again" in m for m in messages_of(page))


def test_the_resplit_warning_comes_once_with_the_splits_it_concerns(admin_client, tmp_path):
    """The library's week 1 and two groups' own week 1 all start at the dropped chapter: one
    warning, counting the groups without naming them."""
    text = _imported(admin_client, tmp_path)
    chapter = text.sections.get(title__icontains="how we meet")
    Reading.objects.create(text=text, number=1, title="Week 1", start_section=chapter)
    for name in ("Branch A", "Branch B"):
        adoption = Adoption.objects.create(
            group=make_group(name=name), text=text, start_date=date(2030, 1, 1)
        )
        Reading.objects.create(
            text=text, adoption=adoption, number=1, title="Week 1", start_section=chapter
        )
    corrected = MESSY_TXT.replace("CHAPTER II. HOW WE MEET\r\n", "")
    url = reverse("admin:library_text_reimport", args=[text.pk])

    response = preview(admin_client, write(tmp_path, "circle2.txt", corrected), url=url)
    warnings = response.context["preview"].readings_resplit
    assert len(warnings) == 1
    assert warnings[0].startswith("Week 1 (the library's split and 2 groups' own weeks) starts")
    assert "Branch" not in warnings[0]


# --------------------------------------------------------------------------- changelist


@pytest.mark.parametrize("texts", [2, 6])
def test_text_changelist_query_count_does_not_grow(admin_client, django_assert_num_queries, texts):
    for n in range(texts):
        text = make_text(chapters=n % 3 + 1)
        text.tags.add(f"tag{n}", "shared")
        text.imported_by = make_user()
        text.save()
    url = reverse("admin:library_text_changelist")
    admin_client.get(url)  # warm the session and content types
    # session, user, 2 counts, texts, tags prefetch, tag filter choices
    with django_assert_num_queries(7):
        response = admin_client.get(url)
    assert len(response.context["cl"].result_list) == texts
    first = response.context["cl"].result_list[0]
    assert first.section_count == first.sections.count()


def test_publish_and_unpublish_actions(admin_client):
    texts = [make_text(is_public=False), make_text(is_public=False)]
    url = reverse("admin:library_text_changelist")
    ids = [t.pk for t in texts]
    response = admin_client.post(url, {"action": "publish", "_selected_action": ids}, follow=True)
    assert Text.objects.filter(is_public=True).count() == 2
    assert "2 texts are now public." in messages_of(response)
    response = admin_client.post(
        url, {"action": "unpublish", "_selected_action": ids[:1]}, follow=True
    )
    assert list(Text.objects.filter(is_public=False).values_list("pk", flat=True)) == ids[:1]
    assert "1 text is now restricted." in messages_of(response)


def test_publish_and_unpublish_readings_say_how_many(admin_client):
    ids = [r.pk for r in make_readings(make_text())]
    url = reverse("admin:library_reading_changelist")
    response = admin_client.post(
        url, {"action": "unpublish_readings", "_selected_action": ids[:2]}, follow=True
    )
    assert "2 readings are now unpublished." in messages_of(response)
    response = admin_client.post(
        url, {"action": "publish_readings", "_selected_action": ids[:1]}, follow=True
    )
    assert "1 reading is now published." in messages_of(response)


# --------------------------------------------------------------------------- curation


def change_form_data(response) -> dict:
    """The data a browser would post back from an admin change page, unchanged."""
    data: dict = {}

    def add(form) -> None:
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
            elif value is not None:
                if isinstance(value, list | tuple) and value and not isinstance(value[0], str):
                    value = field.widget.format_value(value)  # taggit's tags
                data[form.add_prefix(name)] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def test_text_inline_renames_and_relevels_through_editing(admin_client):
    text = make_text()
    Text.objects.filter(pk=text.pk).update(updated_at="2020-01-01T00:00:00Z")
    url = reverse("admin:library_text_change", args=[text.pk])
    data = change_form_data(admin_client.get(url))
    data["sections-2-title"] = "Chapter Two"
    data["sections-3-level"] = "2"

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(text.sections.values_list("title", "level")) == [
        ("Preface", 1),
        ("Chapter 1", 1),
        ("Chapter Two", 1),
        ("Chapter 3", 2),
    ]
    text.refresh_from_db()
    assert text.updated_at.year > 2020


def test_section_page_edits_a_paragraph_and_rerenders_its_html(admin_client):
    text = make_text()
    chapter = text.sections.get(title="Chapter 1")
    url = reverse("admin:library_section_change", args=[chapter.pk])
    response = admin_client.get(url)
    assert "Chapter 1,[^1] paragraph 1" in response.content.decode()
    data = change_form_data(response)
    first = chapter.paragraphs.get(position=0)
    data["paragraphs-0-text"] = "Edited & improved[^1] text."

    response = admin_client.post(url, data)

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.text == "Edited & improved text."
    assert first.html.startswith('Edited &amp; improved<sup class="fn-ref">')
    assert first.html.endswith("all notes</a></span> text.")
    chapter.refresh_from_db()
    assert chapter.words == sum(p.words for p in chapter.paragraphs.all())


def test_section_page_refuses_an_unknown_note(admin_client):
    text = make_text()
    chapter = text.sections.get(title="Chapter 1")
    url = reverse("admin:library_section_change", args=[chapter.pk])
    data = change_form_data(admin_client.get(url))
    data["paragraphs-1-text"] = "Cites[^7] nothing."
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "This text has no note 7." in response.content.decode()
    assert not Paragraph.objects.filter(text__startswith="Cites").exists()


def test_section_page_deletes_a_paragraph(admin_client):
    text = make_text()
    chapter = text.sections.get(title="Chapter 2")
    ids = list(chapter.paragraphs.values_list("pk", flat=True))
    url = reverse("admin:library_section_change", args=[chapter.pk])
    data = change_form_data(admin_client.get(url))
    data["paragraphs-1-DELETE"] = "on"

    assert admin_client.post(url, data).status_code == 302

    assert list(chapter.paragraphs.values_list("pk", "position")) == [
        (ids[0], 0),
        (ids[2], 1),
        (ids[3], 2),
    ]


def test_section_buttons_move_merge_and_split(admin_client):
    text = make_text()
    two, three = text.sections.get(title="Chapter 2"), text.sections.get(title="Chapter 3")
    page = admin_client.get(reverse("admin:library_section_change", args=[three.pk]))
    assert reverse("admin:library_section_merge", args=[three.pk]).encode() in page.content

    move = reverse("admin:library_section_move", args=[three.pk])
    assert admin_client.get(move).status_code == 405  # never on GET
    admin_client.post(move, {"direction": "up"})
    assert list(text.sections.values_list("title", flat=True))[2:] == ["Chapter 3", "Chapter 2"]

    admin_client.post(reverse("admin:library_section_merge", args=[two.pk]))
    assert list(text.sections.values_list("title", flat=True)) == [
        "Preface",
        "Chapter 1",
        "Chapter 3",
    ]
    assert three.paragraphs.count() == 8

    at = three.paragraphs.get(position=4)
    split = reverse("admin:library_section_split", args=[three.pk])
    assert admin_client.get(split).status_code == 200
    response = admin_client.post(split, {"at_paragraph": at.pk, "title": "Chapter 2", "level": 1})
    new = text.sections.get(position=3)
    assert response.headers["Location"] == reverse("admin:library_section_change", args=[new.pk])
    assert (new.title, new.paragraphs.first().pk) == ("Chapter 2", at.pk)


def test_merging_the_first_section_shows_a_message(admin_client):
    text = make_text()
    preface = text.sections.get(title="Preface")
    response = admin_client.post(
        reverse("admin:library_section_merge", args=[preface.pk]), follow=True
    )
    assert any("is the first section" in m for m in messages_of(response))
    assert text.sections.count() == 4


def test_merge_action_moves_reading_boundaries(admin_client):
    text = make_text()
    one, two = text.sections.get(title="Chapter 1"), text.sections.get(title="Chapter 2")
    week = Reading.objects.create(text=text, number=1, title="W", start_section=two)
    admin_client.post(
        reverse("admin:library_section_changelist"),
        {"action": "merge_into_previous", "_selected_action": [two.pk]},
    )
    week.refresh_from_db()
    assert (week.start_section_id, week.start_paragraph) == (one.pk, 4)
    assert not Section.objects.filter(pk=two.pk).exists()


def test_the_relevel_actions_offer_all_three_levels_in_the_admins_language(admin_client):
    text = make_text()
    one, two = text.sections.get(title="Chapter 1"), text.sections.get(title="Chapter 2")
    changelist = reverse("admin:library_section_changelist")
    page = admin_client.get(changelist, headers={"accept-language": "de"}).content.decode()
    for level in (1, 2, 3):
        assert f'<option value="make_level_{level}">Zu Ebene {level} machen' in page
    for level in (3, 2, 1):
        response = admin_client.post(
            changelist,
            {"action": f"make_level_{level}", "_selected_action": [one.pk, two.pk]},
            follow=True,
        )
        assert f"2 sections are now at level {level}." in messages_of(response)
        assert set(
            text.sections.filter(pk__in=[one.pk, two.pk]).values_list("level", flat=True)
        ) == {level}


def test_the_move_actions_count_what_they_moved_in_the_admins_language(admin_client):
    text = make_text()
    one, two = text.sections.get(title="Chapter 1"), text.sections.get(title="Chapter 2")
    changelist = reverse("admin:library_section_changelist")
    response = admin_client.post(
        changelist,
        {"action": "move_down", "_selected_action": [one.pk]},
        headers={"accept-language": "de"},
        follow=True,
    )
    assert "1 Abschnitt nach unten verschoben." in messages_of(response)
    response = admin_client.post(
        changelist, {"action": "move_up", "_selected_action": [one.pk, two.pk]}, follow=True
    )
    assert "2 sections moved up." in messages_of(response)
    titles = list(text.sections.values_list("title", flat=True))
    assert titles == ["Chapter 2", "Chapter 1", "Preface", "Chapter 3"]


def test_deleting_a_section_a_reading_starts_at_is_refused(admin_client):
    text = make_text()
    two = text.sections.get(title="Chapter 2")
    Reading.objects.create(text=text, number=1, title="W", start_section=two)
    url = reverse("admin:library_section_delete", args=[two.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert b"Cannot delete section" in response.content  # protected, or readings not deletable
    assert Section.objects.filter(pk=two.pk).exists()


def test_deleting_a_section_keeps_positions_contiguous(admin_client):
    text = make_text()
    two = text.sections.get(title="Chapter 2")
    admin_client.post(reverse("admin:library_section_delete", args=[two.pk]), {"post": "yes"})
    assert list(text.sections.values_list("position", "title")) == [
        (0, "Preface"),
        (1, "Chapter 1"),
        (2, "Chapter 3"),
    ]


def test_footnote_admin_shows_citation_counts(admin_client):
    text = make_text()
    response = admin_client.get(reverse("admin:library_footnote_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_list[0].cited_count == 1
    note = Footnote.objects.get(text=text)
    page = admin_client.get(reverse("admin:library_footnote_change", args=[note.pk]))
    assert b"Chapter 1</a>" in page.content


# --------------------------------------------------------------------------- curator edits


def _edit_paragraph_in_admin(client, paragraph: Paragraph, text: str) -> None:
    url = reverse("admin:library_section_change", args=[paragraph.section_id])
    data = change_form_data(client.get(url))
    row = next(k for k, v in data.items() if k.endswith("-id") and str(v) == str(paragraph.pk))
    data[row.removesuffix("-id") + "-text"] = text
    assert client.post(url, data).status_code == 302


def test_a_curators_edit_is_recorded(admin_client, admin_user, tmp_path):
    text = _imported(admin_client, tmp_path)
    room = Paragraph.objects.get(section__text=text, text__startswith="The room")

    _edit_paragraph_in_admin(admin_client, room, "The room is small. It has a long oak table.")

    edit = CuratorEdit.objects.get()
    assert (edit.text_id, edit.paragraph_id, edit.target) == (text.pk, room.pk, "paragraph")
    assert edit.old_value == "The room is small. It has a long table and a kettle."
    assert edit.new_value == "The room is small. It has a long oak table."
    assert edit.edited_by == admin_user and edit.edited_at is not None
    listing = admin_client.get(reverse("admin:library_curatoredit_changelist"))
    assert "long oak table" in listing.content.decode()


@pytest.mark.parametrize("keep", [True, False])
def test_reimport_lists_the_edits_it_would_overwrite_and_keeps_or_drops_each(
    admin_client, tmp_path, keep
):
    text = _imported(admin_client, tmp_path)
    room = Paragraph.objects.get(section__text=text, text__startswith="The room")
    minutes = Paragraph.objects.get(section__text=text, text__startswith="The secretary")
    curated_room = "The room is small. It has a long oak table and a kettle."
    # A rewrite too big for a close match: still recognised, by its text before the edit.
    curated_minutes = "Minutes: the secretary writes them; the chair signs them."
    _edit_paragraph_in_admin(admin_client, room, curated_room)
    _edit_paragraph_in_admin(admin_client, minutes, curated_minutes)
    url = reverse("admin:library_text_reimport", args=[text.pk])

    # The corrected file is the original source again, with one unrelated fix.
    source = MESSY_TXT.replace("kindly", "kindly and")
    response = preview(admin_client, write(tmp_path, "again.txt", source), url=url)
    conflicts = response.context["preview"].conflicts
    assert {c.edit.paragraph_id for c in conflicts} == {room.pk, minutes.pk}
    page = response.content.decode()
    for conflict in conflicts:
        assert f'name="keep_edits" value="{conflict.edit.pk}"' in page
    assert escape(curated_minutes) in page
    assert "The secretary keeps the minutes and reads them back." in page
    assert Paragraph.objects.get(pk=room.pk).text == curated_room  # the preview wrote nothing

    # The boxes come ticked, and confirm() posts them back as they are; unticked: none.
    response = confirm(admin_client, response, url=url, **({} if keep else {"keep_edits": []}))
    assert response.status_code == 302
    room.refresh_from_db()
    minutes.refresh_from_db()  # both ids survive either way
    if keep:
        assert (room.text, minutes.text) == (curated_room, curated_minutes)
    else:
        assert room.text == "The room is small. It has a long table and a kettle."
        assert minutes.text == "The secretary keeps the minutes and reads them back."
    assert Paragraph.objects.get(section__text=text, text__contains="kindly and")


def test_reimport_offers_to_keep_a_renamed_section(admin_client, tmp_path):
    text = _imported(admin_client, tmp_path)
    chapter = text.sections.get(title="Chapter II. How We Meet")
    generate_readings(text, weeks=3)
    weeks = list(text.readings.values_list("pk", "start_section", "end_section"))
    assert any(chapter.pk in week[1:] for week in weeks)  # a week starts or ends there
    url = reverse("admin:library_section_change", args=[chapter.pk])
    data = change_form_data(admin_client.get(url))
    data["title"] = "How We Meet"
    assert admin_client.post(url, data).status_code == 302
    url = reverse("admin:library_text_reimport", args=[text.pk])

    response = preview(admin_client, write(tmp_path, "again.txt", MESSY_TXT), url=url)
    (conflict,) = response.context["preview"].conflicts
    assert (conflict.curator_value, conflict.file_value) == (
        "How We Meet",
        "Chapter II. How We Meet",
    )
    assert not response.context["preview"].readings_resplit  # the section is the same one
    assert confirm(admin_client, response, url=url).status_code == 302

    chapter.refresh_from_db()
    assert chapter.title == "How We Meet"
    assert list(text.readings.values_list("pk", "start_section", "end_section")) == weeks


def test_reimport_refuses_a_keep_id_that_is_not_an_edit_of_this_text(admin_client, tmp_path):
    text = _imported(admin_client, tmp_path)
    url = reverse("admin:library_text_reimport", args=[text.pk])
    response = preview(admin_client, write(tmp_path, "again.txt", MESSY_TXT), url=url)
    before = list(Paragraph.objects.values_list("pk", "text"))

    for bad in ["99999999999999999999999", "abc", "42"]:
        answer = confirm(admin_client, response, url=url, keep_edits=[bad])
        assert answer.status_code == 400
        assert "keep_edits" in answer.context["confirm"].errors
        assert "Nothing was changed: Select a valid choice." in answer.content.decode()
    assert list(Paragraph.objects.values_list("pk", "text")) == before


def test_a_reimport_whose_upload_expired_says_so_and_changes_nothing(admin_client, tmp_path):
    text = _imported(admin_client, tmp_path)
    before = list(Paragraph.objects.values_list("pk", "text"))
    corrected = MESSY_TXT.replace("The room is small.", "The room is very small.")
    url = reverse("admin:library_text_reimport", args=[text.pk])
    response = preview(admin_client, write(tmp_path, "again.txt", corrected), url=url, title="X")
    cache.clear()  # the stashed upload's time is up

    answer = confirm(admin_client, response, url=url)
    assert answer.status_code == 200
    assert "expired or was already imported" in answer.content.decode()
    assert list(Paragraph.objects.values_list("pk", "text")) == before
    text.refresh_from_db()
    assert text.title != "X"


def test_a_reimport_confirmed_twice_saves_once(admin_client, tmp_path):
    text = _imported(admin_client, tmp_path)
    url = reverse("admin:library_text_reimport", args=[text.pk])
    response = preview(admin_client, write(tmp_path, "again.txt", MESSY_TXT), url=url)
    assert confirm(admin_client, response, url=url).status_code == 302

    again = confirm(admin_client, response, url=url, title="Twice")
    assert "expired or was already imported" in again.content.decode()
    text.refresh_from_db()
    assert text.title != "Twice"


def test_an_import_confirmed_with_bad_details_says_why_and_keeps_the_upload(admin_client, tmp_path):
    response = preview(admin_client, write(tmp_path, "circle.txt", MESSY_TXT))

    answer = confirm(admin_client, response, title="x" * 301)
    assert answer.status_code == 400
    assert "Nothing was changed:" in answer.content.decode()
    assert Text.objects.count() == 0
    # Nothing was claimed: the same upload can still be confirmed.
    assert confirm(admin_client, response).status_code == 302
    assert Text.objects.count() == 1
