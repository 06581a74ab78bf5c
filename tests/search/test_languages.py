"""Search across languages: accents never matter, and on PostgreSQL each text (and the
comments of the groups reading it) is stemmed by its own language's rules.

Run on both databases:
    .venv/bin/pytest tests/search -q
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lang_test .venv/bin/pytest tests/search -q
"""

from __future__ import annotations

import pytest
from django.db import connection

from studygroup.library.models import Paragraph, Text
from tests.factories import make_readings, make_user
from tests.library.samples import text_in
from tests.search.conftest import make_comment
from tests.search.test_search import found

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="per-language stemming is PostgreSQL's"
)


def _write(text: Text, body: str) -> Paragraph:
    paragraph = Paragraph.objects.filter(section__text=text).order_by("pk").first()
    paragraph.text = body
    paragraph.save(update_fields=["text"])
    return paragraph


def _config(model, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT search_config::text FROM {model._meta.db_table} WHERE id = %s", [pk]
        )
        return cursor.fetchone()[0]


@pytest.mark.parametrize(
    ("written", "searched"),
    [
        ("La Revolución de octubre.", "revolucion"),
        ("La revolucion de octubre.", "Revolución"),
        ("Die Bürger und die Arbeiter.", "burger"),
        ("Ça a commencé à Paris.", "ca commence"),
    ],
)
def test_accents_never_matter(written: str, searched: str) -> None:
    text = text_in("es")
    _write(text, written)
    assert len(found(make_user(), searched, "paragraph")) == 1
    assert found(make_user(), "zanahoria", "paragraph") == []


def test_a_right_to_left_text_is_found_by_its_own_words() -> None:
    text = text_in("he")
    _write(text, "החוברת האדומה מונחת על השולחן")
    assert len(found(make_user(), "האדומה", "paragraph")) == 1


@on_postgresql
def test_spanish_rows_are_stemmed_in_spanish() -> None:
    text = text_in("es")
    paragraph = _write(text, "Las revoluciones de 1848 cambiaron Europa.")
    assert _config(Paragraph, paragraph.pk) == "spanish"
    anon = make_user()
    assert len(found(anon, "revolución", "paragraph")) == 1
    assert len(found(anon, "revoluciones cambiar", "paragraph")) == 1  # cambiaron ~ cambiar
    assert found(anon, "revolución guerra", "paragraph") == []


@on_postgresql
def test_german_compounds_under_german_rules() -> None:
    text = text_in("de")
    _write(text, "Die Geschichte ist die Geschichte von Klassenkämpfen.")
    assert len(found(make_user(), "Klassenkampf", "paragraph")) == 1


@on_postgresql
def test_languages_without_a_configuration_use_simple() -> None:
    text = text_in("he")
    paragraph = Paragraph.objects.filter(section__text=text).first()
    assert _config(Paragraph, paragraph.pk) == "simple"


@on_postgresql
def test_comments_follow_their_texts_language_and_a_new_language_reaches_every_row() -> None:
    from tests.factories import adopt, make_group

    text = text_in("es")
    make_readings(text)
    group = make_group(is_public=True)
    reading = adopt(group, text).readings.order_by("number").first()
    comment = make_comment(group, reading, body="Las revoluciones no se importan.")
    paragraph = Paragraph.objects.filter(section__text=text).first()
    assert _config(type(comment), comment.pk) == "spanish"
    assert len(found(make_user(), "revolución", "comment")) == 1

    text.language = "de"
    text.save(update_fields=["language"])
    assert _config(type(comment), comment.pk) == "german"
    assert _config(Paragraph, paragraph.pk) == "german"
    # Rows of other texts are untouched.
    other = text_in("es", title="Otro")
    assert _config(Paragraph, Paragraph.objects.filter(section__text=other).first().pk) == (
        "spanish"
    )
