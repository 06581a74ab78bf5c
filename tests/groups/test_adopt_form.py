"""The adopt form names texts by title and authors, never by file name, and says what happens."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from studygroup.library.models import Text
from tests.factories import make_group, make_text, make_user

pytestmark = pytest.mark.django_db


def options(html: str) -> list[str]:
    select = html.split('name="text"', 1)[1].split("</select>", 1)[0]
    return [label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select)]


def test_adopt_dropdown_shows_titles_and_authors_never_file_names(client):
    facilitator = make_user()
    group = make_group(facilitator=facilitator)
    manifesto = make_text(title="The Communist Manifesto")
    Text.objects.filter(pk=manifesto.pk).update(author="Marx & Engels")
    hashed = make_text(title="3f2a9c0e7b1d4e5f")  # the importer fell back on the file's name
    Text.objects.filter(pk=hashed.pk).update(author="", original_filename="3f2a9c0e7b1d4e5f.txt")
    filename = make_text(title="scan_0042.pdf")
    hashed.refresh_from_db()

    client.force_login(facilitator)
    html = client.get(reverse("groups:schedule", kwargs={"slug": group.slug})).content.decode()
    labels = options(html)
    imported = date_format(hashed.created_at, "j F Y")
    assert "The Communist Manifesto — Marx &amp; Engels" in labels
    assert f"Untitled text (imported {imported})" in labels
    assert f"Untitled text (imported {imported}) — {filename.author}" in labels
    assert not any("3f2a9c0e" in label or "scan_0042" in label for label in labels)
    assert "The group gets its own weeks" in html
    assert "Use the library&#x27;s weekly split of this text" in html


@pytest.mark.parametrize(
    ("title", "original_filename", "real"),
    [
        ("The Communist Manifesto", "manifesto.txt", True),
        ("Capital", "Capital.txt", True),  # a one-word title that is also the file's name
        ("1984", "", True),
        ("", "", False),
        ("3f2a9c0e7b1d", "", False),
        ("0b6f3c2e-9d1a-4f7e-8c5b-2a1d3e4f5a6b", "", False),
        ("notes.epub", "", False),
        ("manifesto_final_v2", "manifesto_final_v2.txt", False),
        ("capital", "capital.txt", False),
    ],
)
def test_has_real_title(title, original_filename, real):
    from studygroup.library.labels import has_real_title

    assert has_real_title(Text(title=title, original_filename=original_filename)) is real
