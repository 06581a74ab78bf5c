"""Search through the client: what is found, who may see it, how it is shown, what it costs."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from studygroup.discussion import services as discussion
from studygroup.library import editing
from studygroup.library.importing.formats import read_path
from studygroup.library.models import Paragraph
from studygroup.library.services import save_imported_text
from studygroup.search import backends
from studygroup.search import services as search
from tests.factories import adopt, make_group, make_question, make_readings, make_user
from tests.search.conftest import SearchScene, make_comment

URL = "/search/"


def results(client, q: str, **params) -> str:
    response = client.get(URL, {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


def found(user, q: str, kind: str) -> list[str]:
    """The urls of the hits of one kind, as the page would show them."""
    [group] = search.search(user=user, text=q, kind=kind).groups
    return [hit.url for hit in group.hits]


def test_url_and_header_box(client, db) -> None:
    assert reverse("search:search") == URL
    html = results(client, "")
    assert (
        '<form role="search" aria-label="Site" class="site-search" method="get" action="/search/">'
        in html
    )
    assert '<label for="site-search-q"' in html


def test_empty_query_is_a_friendly_page(client, world: SearchScene) -> None:
    html = results(client, "")
    assert "Type a word or a phrase" in html
    assert "There is nothing to search for" in results(client, '"" **')


def test_finds_a_paragraph_with_a_link_to_its_section(client, world: SearchScene) -> None:
    paragraph = Paragraph.objects.filter(section__text=world.public_text).order_by("pk")[3]
    Paragraph.objects.filter(pk=paragraph.pk).update(text="The dialectic of marmalade and toast.")
    html = results(client, "marmalade toast")
    section = paragraph.section
    assert f'href="/library/{world.public_text.slug}/{section.pk}/#p-{paragraph.pk}"' in html
    assert 'In the texts <span class="count">(1 passage)</span>' in html
    assert "<mark>marmalade</mark>" in html
    assert f"{world.public_text.title} · {section.title}" in html


def test_stemming_and_phrases(world: SearchScene) -> None:
    paragraph = Paragraph.objects.filter(section__text=world.public_text).first()
    Paragraph.objects.filter(pk=paragraph.pk).update(text="Workers produced the values together.")
    anon = make_user()
    assert len(found(anon, "worker produce value", "paragraph")) == 1
    assert len(found(anon, '"produced the values"', "paragraph")) == 1
    assert found(anon, '"values produced"', "paragraph") == []
    assert len(found(anon, "togeth*", "paragraph")) == 1


def test_restricted_text_only_for_its_readers(client, world: SearchScene) -> None:
    paragraph = Paragraph.objects.filter(section__text=world.restricted_text).first()
    Paragraph.objects.filter(pk=paragraph.pk).update(text="A secret about quinces.")
    assert "Nothing found" in results(client, "quinces")
    client.force_login(world.outsider)
    assert "Nothing found" in results(client, "quinces")
    client.force_login(world.member)
    assert f"#p-{paragraph.pk}" in results(client, "quinces")


def test_private_group_comments_never_reach_outsiders(client, world: SearchScene) -> None:
    comment = make_comment(
        world.private_group, world.private_reading, author=world.member, body="Zanzibar whispers."
    )
    public = make_comment(
        world.public_group, world.public_reading, author=world.outsider, body="Zanzibar aloud."
    )
    anchor, public_anchor = f"#c-{comment.pk}", f"#c-{public.pk}"
    for viewer in (None, world.outsider, make_user(is_staff=True)):
        if viewer is not None:
            client.force_login(viewer)
        html = results(client, "zanzibar")
        assert public_anchor in html
        assert anchor not in html and "whispers" not in html
        assert "(1 comment)" in html
    client.force_login(world.member)
    html = results(client, "zanzibar")
    assert anchor in html and public_anchor in html
    assert "(2 comments)" in html
    week = f"/groups/{world.private_group.slug}/texts/{world.restricted_text.slug}/weeks/1/"
    assert f'href="{week}{anchor}"' in html
    assert "Quiet Circle · Week 1" in html


def test_hidden_only_for_facilitators_and_deleted_never(client, world: SearchScene) -> None:
    hidden = make_comment(
        world.private_group, world.private_reading, body="Hidden kumquat.", is_hidden=True
    )
    # A tombstone keeps no text, but even one that did must never be found.
    make_comment(
        world.private_group,
        world.private_reading,
        body="Deleted kumquat.",
        deleted_at=hidden.created_at,
    )
    client.force_login(world.member)
    assert "Nothing found" in results(client, "kumquat")
    client.force_login(world.facilitator)
    html = results(client, "kumquat")
    assert f"#c-{hidden.pk}" in html and "(1 comment)" in html
    assert '<span class="badge">hidden</span>' in html
    admin = make_user(is_superuser=True)
    client.force_login(admin)
    assert "(1 comment)" in results(client, "kumquat")


def test_index_follows_every_write(world: SearchScene, settings) -> None:
    """Comments posted, edited, deleted; paragraphs edited and deleted; questions added."""
    settings.COMMENT_RATE_LIMIT = "1000/m"
    comment = discussion.post_comment(
        author=world.member,
        group=world.private_group,
        reading=world.private_reading,
        body="Persimmon thoughts.",
    )
    assert found(world.member, "persimmon", "comment")
    discussion.edit_comment(comment=comment, body="Apricot thoughts.")
    assert not found(world.member, "persimmon", "comment")
    assert found(world.member, "apricot", "comment")
    discussion.delete_comment(comment=comment, actor=world.member)
    assert not found(world.member, "apricot", "comment")

    paragraph = Paragraph.objects.filter(section__text=world.public_text).order_by("pk")[2]
    editing.edit_paragraph(paragraph, text="Now about gooseberries.")
    assert found(world.outsider, "gooseberries", "paragraph")
    editing.delete_paragraph(paragraph)
    assert not found(world.outsider, "gooseberries", "paragraph")

    question = discussion.propose_question(
        group=world.private_group,
        reading=world.private_reading,
        body="Why the elderberry?",
        by=world.member,
    )
    assert not found(world.member, "elderberry", "question")  # proposed, not yet approved
    discussion.decide_question(question=question, approve=True)
    assert found(world.member, "elderberry", "question") == [
        f"/groups/{world.private_group.slug}/texts/{world.restricted_text.slug}/weeks/1/"
        f"#q-{question.pk}"
    ]
    assert not found(world.outsider, "elderberry", "question")


def test_curated_questions_follow_their_text(world: SearchScene) -> None:
    make_question(world.public_reading, body="What is the mulberry for?")
    make_question(world.private_reading, body="Where is the mulberry kept?")
    assert found(make_user(), "mulberry", "question") == [
        f"/library/{world.public_text.slug}/readings/1/"
    ]
    assert len(found(world.member, "mulberry", "question")) == 2


def test_snippets_escape_the_source(client, world: SearchScene) -> None:
    make_comment(
        world.public_group,
        world.public_reading,
        body='<script>alert("x")</script> <img src=x onerror=alert(1)> tamarind **bold**',
    )
    Paragraph.objects.filter(section__text=world.public_text).order_by("pk").filter(
        pk=Paragraph.objects.filter(section__text=world.public_text).order_by("pk")[1].pk
    ).update(text="Fish & <b>tamarind</b> chips")
    html = results(client, "tamarind")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>tamarind</mark>" in html
    assert "Fish &amp; &lt;b&gt;<mark>tamarind</mark>&lt;/b&gt; chips" in html


def test_htmx_gets_the_results_fragment(client, world: SearchScene) -> None:
    make_comment(world.public_group, world.public_reading, body="Loquat season.")
    response = client.get(URL, {"q": "loquat"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "<html" not in html and "<mark>Loquat</mark>" in html
    assert response["Vary"] and "HX-Request" in response["Vary"]
    page = results(client, "loquat")
    assert 'hx-trigger="input changed delay:300ms' in page and 'hx-target="#results"' in page


def test_preview_more_link_and_pages(client, world: SearchScene) -> None:
    for i in range(search.PAGE_SIZE + 3):
        make_comment(world.public_group, world.public_reading, body=f"Quince number {i}.")
    html = results(client, "quince")
    assert html.count('class="search-hit"') == search.PREVIEW
    assert f"All {search.PAGE_SIZE + 3} comments →" in html
    more = re.search(r'href="(\?[^"]*kind=comment[^"]*)"', html).group(1)
    page1 = results(client, "quince", kind="comment")
    assert "?q=quince&amp;kind=comment" in more
    assert page1.count('class="search-hit"') == search.PAGE_SIZE
    assert f"1–{search.PAGE_SIZE} of {search.PAGE_SIZE + 3}" in page1
    page2 = results(client, "quince", kind="comment", page=2)
    assert page2.count('class="search-hit"') == 3
    assert 'rel="prev"' in page2 and 'rel="next"' not in page2
    past = results(client, "quince", kind="comment", page=9)
    assert "No more comments here" in past and 'class="search-hit"' not in past


def test_query_count_is_constant(client, world: SearchScene, django_assert_num_queries) -> None:
    client.force_login(world.member)
    make_comment(world.private_group, world.private_reading, body="One damson.")
    make_question(world.private_reading, body="A damson question?")
    Paragraph.objects.filter(
        pk=Paragraph.objects.filter(section__text=world.restricted_text).first().pk
    ).update(text="A damson paragraph.")
    # session, user, notification badge; then two per kind (ranked page, rows shown)
    with django_assert_num_queries(9):
        results(client, "damson")
    for i in range(12):
        make_comment(world.private_group, world.private_reading, body=f"Damson {i}.")
        make_question(world.public_reading, body=f"Damson question {i}?")
    Paragraph.objects.filter(section__text=world.restricted_text).update(text="Damson again.")
    with django_assert_num_queries(9):
        html = results(client, "damson")
    assert html.count('class="search-hit"') == 3 * search.PREVIEW
    with django_assert_num_queries(3):
        results(client, "")


def test_rebuild_command(world: SearchScene) -> None:
    make_comment(world.public_group, world.public_reading, body="Sloe gin.")
    out = StringIO()
    call_command("rebuild_search_index", "--dry-run", stdout=out)
    assert out.getvalue().split("\n")[:3] == ["paragraph: ok", "question: ok", "comment: ok"]
    call_command("rebuild_search_index", stdout=out)
    assert "comment: rebuilt, ok" in out.getvalue()
    assert found(world.outsider, "sloe", "comment")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite keeps the index by trigger")
def test_sqlite_triggers_come_back_after_a_table_rebuild(world: SearchScene) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER search_comment_fts_ai")
    make_comment(world.public_group, world.public_reading, body="Written while unindexed: yuzu.")
    assert backends.check(connection)["comment"].startswith("missing triggers")
    assert not found(world.outsider, "yuzu", "comment")
    backends.repair_after_migrate(using="default")
    assert backends.check(connection)["comment"] == "ok"
    assert found(world.outsider, "yuzu", "comment")


# --- The five real texts -------------------------------------------------------------


@pytest.mark.corpus
def test_finds_a_phrase_from_each_real_text(client, db, shared_texts, settings) -> None:
    texts = []
    for path in sorted(shared_texts.glob("*.txt")):
        parsed = read_path(path, max_bytes=settings.IMPORT_MAX_BYTES)
        texts.append(save_imported_text(parsed=parsed, filename=path.name, checksum="0" * 64).text)
    assert len(texts) == 5
    reader = make_user()
    for text in texts:
        # The longest paragraph of the middle of the text; six words from its middle.
        paragraphs = list(Paragraph.objects.filter(section__text=text).order_by("pk"))
        middle = paragraphs[len(paragraphs) // 3 : 2 * len(paragraphs) // 3]
        paragraph = max(middle, key=lambda p: len(p.text))
        words = paragraph.text.split()
        phrase = " ".join(words[len(words) // 2 : len(words) // 2 + 6])
        hits = search.search(user=reader, text=f'"{phrase}"', kind="paragraph").groups[0]
        assert any(hit.url.endswith(f"#p-{paragraph.pk}") for hit in hits.hits), phrase
        assert "<mark>" in hits.hits[0].snippet
    group_text = texts[0]
    make_readings(group_text)
    group = make_group(is_public=True)
    reading = adopt(group, group_text).readings.order_by("number").first()
    comment = make_comment(group, reading, body="I keep coming back to the free association.")
    client.force_login(reader)
    html = results(client, '"coming back to the free association"')
    assert f"#c-{comment.pk}" in html
