"""Every string marked for translation has a Spanish and a German translation.

makemessages (GNU xgettext) extracts the marked strings afresh into a copy of the committed
catalogues; every entry of the copy must then have a non-empty, non-fuzzy msgstr. A string
marked but never translated, or one whose English changed since (msgmerge marks it fuzzy),
fails here, named with the file it comes from.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from studygroup.accounts import translations

LANGUAGES = ("es", "de")
DOMAINS = ("django", "djangojs")
IGNORE = [".venv", "node_modules", "tests", "staticfiles", "bench", ".ci", "deploy", "docs"]


def _require_xgettext() -> None:
    if shutil.which("xgettext") and shutil.which("msgmerge"):
        return
    message = "GNU gettext is not installed (xgettext): `apt-get install -y gettext`."
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def untranslated(po: polib.POFile) -> list[str]:
    """Entries without a usable translation: empty, fuzzy, or short of a plural form.

    Spanish has three plural forms (Plural-Forms); an entry with two would fall back to
    English for most counts.
    """
    plurals = int(re.search(r"nplurals=(\d+)", po.metadata.get("Plural-Forms", "")).group(1))
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(plurals)]
        else:
            forms = [entry.msgstr]
        if "fuzzy" in entry.flags or not all(form.strip() for form in forms):
            where = ", ".join(sorted({path for path, _line in entry.occurrences}))
            missing.append(f"{entry.msgid!r} ({where})")
    return missing


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory) -> Path:
    """The committed catalogues, merged with the strings the code marks today."""
    _require_xgettext()
    # makemessages writes each catalogue into the `locale` folder beside the files it reads,
    # so it runs in a scratch tree that links to the sources and holds copies of the
    # catalogues: the committed ones are never touched.
    tree = tmp_path_factory.mktemp("tree")
    base = Path(settings.BASE_DIR)
    for name in ("studygroup", "templates", "static"):
        (tree / name).symlink_to(base / name, target_is_directory=True)
    root = tree / "locale"
    committed = base / "locale"
    for language in LANGUAGES:
        target = root / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        for domain in DOMAINS:
            source = committed / language / "LC_MESSAGES" / f"{domain}.po"
            if source.exists():
                shutil.copy(source, target / f"{domain}.po")
    cwd = os.getcwd()
    os.chdir(tree)  # makemessages reads the tree below the current directory
    try:
        with override_settings(LOCALE_PATHS=[root]):
            for domain in DOMAINS:
                call_command(
                    "makemessages",
                    locale=list(LANGUAGES),
                    domain=domain,
                    ignore_patterns=IGNORE,
                    add_location="file",
                    symlinks=True,
                    verbosity=0,
                )
    finally:
        os.chdir(cwd)
    return root


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_is_translated(fresh_catalogues, language, domain):
    po = polib.pofile(str(fresh_catalogues / language / "LC_MESSAGES" / f"{domain}.po"))
    assert len(po) > 0, "makemessages found no marked string: is the extraction broken?"
    missing = untranslated(po)
    assert not missing, (
        f"{len(missing)} marked strings have no {language} translation in locale/{language}/"
        f"LC_MESSAGES/{domain}.po (run makemessages, then translate them):\n"
        + "\n".join(missing[:200])
    )


def test_the_check_finds_an_untranslated_and_a_fuzzy_string(tmp_path):
    """The check can fail: an empty msgstr and a fuzzy one are both reported."""
    po = polib.POFile()
    po.metadata = {
        "Plural-Forms": "nplurals=3; plural=n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;"
    }
    po.append(polib.POEntry(msgid="Translated", msgstr="Traducido"))
    po.append(polib.POEntry(msgid="Missing", msgstr=""))
    po.append(polib.POEntry(msgid="Changed", msgstr="Cambiado", flags=["fuzzy"]))
    plural = polib.POEntry(msgid="%(n)s week", msgid_plural="%(n)s weeks")
    plural.msgstr_plural = {0: "%(n)s semana", 1: ""}
    po.append(plural)
    two_of_three = polib.POEntry(msgid="%(n)s day", msgid_plural="%(n)s days")
    two_of_three.msgstr_plural = {0: "%(n)s día", 1: "%(n)s días"}
    po.append(two_of_three)
    assert [line.rsplit(" (", 1)[0] for line in untranslated(po)] == [
        "'Missing'",
        "'Changed'",
        "'%(n)s week'",
        "'%(n)s day'",
    ]


def test_compiled_catalogues_are_current_and_used(tmp_path, settings):
    """compile_translations writes a .mo beside each stale .po (pure Python), and Django
    reads it: a string changed in the .po is what the site then says."""
    po_path = tmp_path / "es" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "es"}
    po.append(polib.POEntry(msgid="A test-only sentence.", msgstr="Una frase de prueba."))
    po.save(str(po_path))
    settings.LOCALE_PATHS = [tmp_path]
    assert translations.compile_stale() == [po_path]
    assert po_path.with_suffix(".mo").exists()
    assert translations.compile_stale() == []  # current: nothing to do

    from django.utils import translation
    from django.utils.translation import trans_real

    trans_real._translations = {}  # forget catalogues loaded with the old LOCALE_PATHS
    try:
        with translation.override("es"):
            assert translation.gettext("A test-only sentence.") == "Una frase de prueba."
    finally:
        trans_real._translations = {}
