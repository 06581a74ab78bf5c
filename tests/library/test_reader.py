from __future__ import annotations

import pytest

from studygroup.library.models import Paragraph, Section, Text
from studygroup.library.roles import ensure_curator_group
from tests.factories import make_text, make_user

pytestmark = pytest.mark.django_db


def test_library_lists_public_texts_only_to_outsiders(client):
    make_text(title="Open Book")
    make_text(title="Closed Book", is_public=False)
    html = client.get("/library/").content.decode()
    assert "Open Book" in html
    assert "Closed Book" not in html


def test_restricted_text_is_404_for_anonymous_and_plain_staff_and_readable_by_curators(client):
    text = make_text(is_public=False)
    assert client.get(text.get_absolute_url()).status_code == 404
    client.force_login(make_user(is_staff=True))  # staff alone is no role (studygroup/policy.py)
    assert client.get(text.get_absolute_url()).status_code == 404
    curator = make_user(is_staff=True)
    curator.groups.add(ensure_curator_group())
    client.force_login(curator)
    assert client.get(text.get_absolute_url()).status_code == 200


def test_text_page_shows_contents_with_levels_and_reading_time(client):
    text = make_text()
    html = client.get(text.get_absolute_url()).content.decode()
    assert "Contents" in html
    for section in text.sections.all():
        assert section.get_absolute_url() in html
    assert "min</span>" in html


def test_section_page_has_anchors_footnotes_and_pager(client):
    text = make_text()
    chapter = text.sections.get(title="Chapter 1")
    response = client.get(chapter.get_absolute_url())
    html = response.content.decode()
    first = chapter.paragraphs.first()
    assert f'id="p-{first.pk}"' in html
    assert f'href="#p-{first.pk}"' in html
    # The marker links to the note, the note links back, and its text is escaped.
    assert 'class="fn-note"' in html and "all notes" in html
    assert 'id="fn-1"' in html
    assert "A note on &lt;b&gt;method&lt;/b&gt;." in html
    assert 'rel="prev"' in html and 'rel="next"' in html


def test_section_from_another_text_is_404(client):
    one, other = make_text(title="One"), make_text(title="Other")
    foreign = other.sections.first()
    assert client.get(f"/library/{one.slug}/{foreign.pk}/").status_code == 404


@pytest.mark.parametrize("paragraphs", [2, 40])
def test_section_page_costs_constant_queries(client, django_assert_num_queries, paragraphs):
    text = make_text(chapters=8, paragraphs=paragraphs)
    chapter = text.sections.get(title="Chapter 1")
    # text, sections (contents), paragraphs, their page starts, notes, their citing paragraphs
    with django_assert_num_queries(6):
        assert client.get(chapter.get_absolute_url()).status_code == 200


def test_counts_are_consistent():
    text = make_text(chapters=2, paragraphs=3)
    assert Section.objects.filter(text=text).count() == 3
    assert Paragraph.objects.filter(section__text=text).count() == 7
    assert Text.objects.get(pk=text.pk).words == sum(s.words for s in text.sections.all())
