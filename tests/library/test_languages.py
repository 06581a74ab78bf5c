"""A text's language: detected at import, chosen by a curator, and what it sets in the reader."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from studygroup.library import languages
from studygroup.library.models import Section, Text
from studygroup.library.readings import generate_readings
from tests.builders import make_circle
from tests.factories import make_readings, make_user
from tests.library.samples import SAMPLES, text_in


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_detects_each_sample(code: str) -> None:
    assert languages.detect(SAMPLES[code]) == code


@pytest.mark.parametrize("sample", ["", "ok", "1 2 3 4 5 6 7 8 9 10", "Chapter 1", "§ 12 — ibid."])
def test_unsure_on_too_little_text(sample: str) -> None:
    assert languages.detect(sample) is None
    assert languages.detect_paragraphs([sample]) == languages.DEFAULT


def test_direction_and_reading_rate() -> None:
    assert languages.direction("he") == languages.direction("ar") == "rtl"
    assert languages.direction("es") == "ltr"
    # English keeps the site's setting; German is read more slowly, Spanish nearly as fast.
    from django.conf import settings

    assert languages.words_per_minute("en") == settings.WORDS_PER_MINUTE
    assert languages.words_per_minute("de") < languages.words_per_minute("es")
    assert languages.words_per_minute("es") < languages.words_per_minute("en")


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["es", "de", "he"])
def test_an_import_gets_the_detected_language(code: str) -> None:
    assert text_in(code).language == code


@pytest.mark.django_db
def test_a_chosen_language_wins_and_a_reimport_keeps_it() -> None:
    from studygroup.library.services import save_imported_text
    from tests.library.samples import parsed_in

    text = text_in("es", language="ca")
    assert text.language == "ca"
    save_imported_text(parsed=parsed_in("es"), filename="s.txt", checksum="2" * 64, replace=text)
    text.refresh_from_db()
    assert text.language == "ca"


@pytest.mark.django_db
def test_reading_time_follows_the_language() -> None:
    german = text_in("de")
    section = Section.objects.filter(text=german).first()
    rate = languages.words_per_minute("de")
    assert section.minutes == max(1, -(-section.words // rate))
    # The weeks' stored minutes use the same rate.
    (week,) = generate_readings(german, weeks=1)
    assert week.minutes == max(1, -(-week.words // rate)) > 0
    german.language = "en"
    german.save()
    (week,) = generate_readings(german, weeks=1)
    assert week.minutes == max(1, -(-week.words // languages.words_per_minute("en")))


def _text_body(page: str) -> str:
    match = re.search(r'<div class="text-body" ([^>]*)>', page)
    assert match, "no text-body element"
    return match.group(1)


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "direction"), [("he", "rtl"), ("ar", "rtl"), ("es", "ltr")])
def test_the_reader_marks_the_texts_language_and_direction(client, code, direction) -> None:
    text = text_in(code)
    section = text.sections.first()
    page = client.get(reverse("library:section", args=[text.slug, section.pk])).content.decode()
    assert _text_body(page) == f'lang="{code}" dir="{direction}"'
    # Only the text: the page around it stays in the UI's language.
    assert f'<html lang="{code}"' not in page
    (week,) = make_readings(text, weeks=1)
    page = client.get(reverse("library:reading", args=[text.slug, week.number])).content.decode()
    assert _text_body(page) == f'lang="{code}" dir="{direction}"'


@pytest.mark.django_db
def test_the_group_reading_page_marks_the_language(client) -> None:
    text = text_in("he")
    make_readings(text)
    circle = make_circle(text=text)
    client.force_login(circle.member)
    page = client.get(circle.page).content.decode()
    assert _text_body(page) == 'lang="he" dir="rtl"'


def _admin_form_data(response) -> dict:
    """What the admin's change form would post unchanged (the text and its inlines)."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is True:
                data[field.html_name] = "on"
            elif value not in (None, False):
                data[field.html_name] = "" if isinstance(value, list) and not value else value
    return data


@pytest.mark.django_db
def test_a_curator_changes_the_language_in_the_admin(client) -> None:
    text = text_in("es")
    admin = make_user(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:library_text_change", args=[text.pk])
    page = client.get(url).content.decode()
    assert '<option value="es" selected>' in page
    form = _admin_form_data(client.get(url))
    form["language"] = "pt"
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Text.objects.get(pk=text.pk).language == "pt"
    form["language"] = "xx"
    assert client.post(url, form).status_code == 200  # not a choice: the form says so
    assert Text.objects.get(pk=text.pk).language == "pt"
