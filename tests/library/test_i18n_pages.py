"""The library, search and discussion pages speak Spanish and German from the catalogues.

The .po files are compiled (polib, as the build does) into a temporary LOCALE_PATHS, so the
test reads the committed translations, not a stale .mo. The language is chosen both ways a
request can get it: `translation.override` (no LocaleMiddleware yet) and Accept-Language
(once it is on), so the test holds before and after the middleware lands.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from studygroup.discussion.models import Comment, ModerationEntry
from studygroup.library.models import Text
from studygroup.search.services import Group
from tests.discovery.world import make_world
from tests.factories import make_readings, make_text

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("es", "de")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


@pytest.fixture
def compiled(settings, tmp_path):
    for lang in LANGS:
        out = tmp_path / lang / "LC_MESSAGES"
        out.mkdir(parents=True)
        polib.pofile(str(ROOT / "locale" / lang / "LC_MESSAGES" / "django.po")).save_as_mofile(
            str(out / "django.mo")
        )
    settings.LOCALE_PATHS = [tmp_path]  # setting_changed resets the translation caches
    yield
    translation.deactivate()


def get(client, url: str, lang: str) -> str:
    with translation.override(lang):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode()


EXPECTED = {
    "es": {
        "list": ["<h1>Biblioteca</h1>", "palabras"],
        "text": ["Índice", "Empezar a leer", "palabras"],
        "readings": ["<h1>Lecturas semanales</h1>", "Semana 1:", "min"],
        "search": ["No se ha encontrado nada para «zzzqx»", ">Buscar</button>"],
    },
    "de": {
        "list": ["<h1>Bibliothek</h1>", "Wörter"],
        "text": ["Inhalt", "Lesen beginnen", "Wörter"],
        "readings": ["<h1>Wochenlektüren</h1>", "Woche 1:", "Min."],
        "search": ["Nichts gefunden für „zzzqx“", ">Suchen</button>"],
    },
}
ENGLISH = ["Start reading", "Contents", "Weekly readings", " words", "Nothing found", "Week 1:"]


@pytest.mark.parametrize("lang", LANGS)
def test_library_and_search_pages_are_translated(client, db, compiled, lang) -> None:
    text = make_text(chapters=2)
    make_readings(text)
    pages = {
        "list": "/library/",
        "text": text.get_absolute_url(),
        "readings": f"/library/{text.slug}/readings/",
        "search": "/search/?q=zzzqx",
    }
    for name, url in pages.items():
        html = get(client, url, lang)
        for phrase in EXPECTED[lang][name]:
            assert phrase in html, (lang, name, phrase)
        main = html.split("<main", 1)[-1]
        for english in ENGLISH:
            assert english not in main, (lang, name, english)


def test_the_same_pages_stay_english_without_a_language(client, db, compiled) -> None:
    text = make_text(chapters=2)
    html = get(client, text.get_absolute_url(), "en")
    assert "Start reading" in html and "Empezar a leer" not in html


@pytest.mark.parametrize(
    ("lang", "one", "many"),
    [
        ("es", "1 pasaje", "3 pasajes"),
        ("de", "1 Textstelle", "3 Textstellen"),
        ("en", "1 passage", "3 passages"),
    ],
)
def test_search_counts_agree_in_number(compiled, lang, one, many) -> None:
    with translation.override(lang):
        assert Group(kind="paragraph", total=1).counted == one
        assert Group(kind="paragraph", total=3).counted == many


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("es", "Notificaciones, 2 sin leer"), ("de", "Benachrichtigungen, 2 ungelesen")],
)
def test_a_partial_renders_translated(compiled, lang, expected) -> None:
    with translation.override(lang):
        html = render_to_string(
            "discussion/notifications_bell.html", {"notification_badge": {"unread": 2}}
        )
    assert f'aria-label="{expected}"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_their_placeholders(lang) -> None:
    """A translation that drops or renames %(name)s would raise, or lose a value, at render."""
    po = polib.pofile(str(ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"))
    wrong = []
    for entry in po.translated_entries():
        if entry.msgid_plural:
            pairs = [(entry.msgid_plural, entry.msgstr_plural[1])]
            # The singular may name the one thing instead of counting it ("Its one comment").
            if not set(PLACEHOLDER.findall(entry.msgstr_plural[0])) <= set(
                PLACEHOLDER.findall(entry.msgid_plural)
            ):
                wrong.append(entry.msgid)
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, translated in pairs:
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translated)):
                wrong.append(source)
    assert wrong == []


@pytest.mark.parametrize(
    ("lang", "heading", "discussion"),
    [
        ("es", "# Tuesday Circle: A Primer on Study Circles, semana 1: Chapter 1", "### Debate"),
        ("de", "# Tuesday Circle: A Primer on Study Circles, Woche 1: Chapter 1", "### Diskussion"),
    ],
)
def test_meeting_notes_are_written_in_the_language(client, db, compiled, lang, heading, discussion):
    world = make_world()
    client.force_login(world.facilitator)
    url = reverse(
        "export:week_file",
        kwargs={"slug": world.group.slug, "reading": world.reading.pk, "fmt": "md"},
    )
    notes = get(client, url, lang)
    lines = notes.splitlines()
    assert lines[0] == heading
    assert discussion in lines
    assert "### Discussion" not in lines and not lines[3].startswith("Exported ")


@pytest.mark.parametrize(
    ("lang", "texts", "comments", "action"),
    [
        ("es", "textos", "comentarios", "ocultó un comentario"),
        ("de", "Texte", "Kommentare", "hat einen Kommentar ausgeblendet"),
    ],
)
def test_model_names_and_choices_follow_the_language(compiled, lang, texts, comments, action):
    """What the admin's lists and the refusal messages ("week 2 has 3 comments") name."""
    with translation.override(lang):
        assert str(Text._meta.verbose_name_plural) == texts
        assert str(Comment._meta.verbose_name_plural) == comments
        assert str(ModerationEntry.Action.HIDE.label) == action
