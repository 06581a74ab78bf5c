"""User text with `'`, `&`, `<` and `"` shows as itself on every page: escaped once, never twice,
and never turned into markup."""

from __future__ import annotations

from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils.html import escape

from studygroup.discussion import moderation, services
from studygroup.library.models import Paragraph, Section
from tests.builders import make_circle

pytestmark = pytest.mark.django_db

NASTY = """O'Hara & <i class="injected">Sons</i> "quoted" let's face it"""
# What a second escape leaves visible once the browser has decoded the page once.
DOUBLE_ESCAPED = ("&#x27;", "&#39;", "&amp;", "&lt;", "&gt;", "&quot;", "&#34;")


class Page(HTMLParser):
    """Collects what a reader sees or hears: text nodes and the attributes read aloud."""

    SPOKEN = {"aria-label", "title", "alt", "placeholder", "value", "content"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.injected: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "injected" in (attrs.get("class") or "").split():
            self.injected.append(tag)
        if tag in {"script", "style"}:
            self._skip += 1
        for name, value in attrs.items():
            if value and (name in self.SPOKEN or name.startswith("data-")):
                self.texts.append(f"[{name}] {value}")

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data):
        if not self._skip:
            self.texts.append(data)


def check(html: str, where: str) -> None:
    page = Page()
    page.feed(html)
    assert not page.injected, f"{where}: user input became markup"
    shown = [t for t in page.texts if any(e in t for e in DOUBLE_ESCAPED)]
    assert not shown, f"{where}: escaped twice: {shown[:3]}"


@pytest.fixture
def nasty_world():
    world = make_circle(is_public=True)  # so its feeds are open without a token
    for user in (world.facilitator, world.member, world.other):
        user.display_name = f"{user.display_name} {NASTY}"
        user.save()
    world.group.name = f"Circle {NASTY}"
    world.group.description = NASTY
    world.group.location = NASTY
    world.group.save()
    text = world.reading.text
    text.title = f"Book {NASTY}"
    text.author = NASTY
    text.save()
    world.reading.title = f"Week {NASTY}"
    world.reading.save()
    Section.objects.filter(text=text).update(title=f"Chapter {NASTY}")
    paragraph = world.paragraphs()[0]
    Paragraph.objects.filter(pk=paragraph.pk).update(
        text=f"Para {NASTY}", html=escape(f"Para {NASTY}")
    )
    caches["local"].clear()
    question = services.propose_question(
        group=world.group,
        reading=world.reading,
        body=f"Q {NASTY}",
        by=world.facilitator,
        approved=True,
    )
    proposed = services.propose_question(
        group=world.group, reading=world.reading, body=f"P {NASTY}", by=world.member
    )
    root = world.post(
        body=f"C {NASTY}", paragraph=paragraph, quote=f"Para {NASTY}"[:20], question=question
    )
    reply = world.post(author=world.other, body=f"R {NASTY}", parent=root)
    gone = world.post(author=world.other, body=f"D {NASTY}")
    services.delete_comment(comment=gone, actor=world.other)
    services.edit_comment(comment=reply, body=f"R2 {NASTY}")
    moderation.hide_comment(actor=world.facilitator, comment=reply, reason=f"Why {NASTY}")
    services.toggle_paragraph_flag(group=world.group, paragraph=paragraph, user=world.member)
    world.extra = {"paragraph": paragraph, "root": root, "reply": reply, "proposed": proposed}
    return world


def test_no_page_shows_user_text_escaped_twice_or_as_markup(client, nasty_world):
    world = nasty_world
    slug = world.group.slug
    text_slug = world.reading.text.slug
    root, reply = world.extra["root"], world.extra["reply"]
    pid = world.extra["paragraph"].pk
    pages = [
        world.page,
        f"{world.page}?paragraph={pid}",
        world.url("heatmap"),
        world.url("thread"),
        world.url("poll") + "?v=stale&n=0",
        world.url("discussion") + f"?paragraph={pid}",
        world.url("comment", pk=root.pk),
        world.url("reply", pk=root.pk),
        world.url("history", pk=reply.pk),
        reverse("groups:detail", kwargs={"slug": slug}),
        reverse("groups:schedule", kwargs={"slug": slug}),
        reverse("groups:members", kwargs={"slug": slug}),
        reverse("groups:list"),
        reverse("library:text", kwargs={"slug": text_slug}),
        reverse("library:readings", kwargs={"slug": text_slug}),
        reverse("groups:edit", kwargs={"slug": slug}),
        reverse("moderation:log", kwargs={"slug": slug}),
        reverse("moderation:reports", kwargs={"slug": slug}),
        reverse("moderation:comment", kwargs={"slug": slug, "pk": reply.pk}),
        reverse("notifications:list"),
        reverse("export:group", kwargs={"slug": slug}),
        reverse("export:member"),
        reverse("search:search") + "?q=Hara",
        "/",
    ]
    for viewer in (world.facilitator, world.member):
        client.force_login(viewer)
        for url in pages:
            for headers in ({}, {"HX-Request": "true"}):
                response = client.get(url, headers=headers, follow=True)
                # Members may not see the heat map; the refusal page is checked all the same.
                assert response.status_code == 200 or viewer != world.facilitator, url
                check(response.content.decode(), f"{url} {headers}")


def test_feeds_and_exports_carry_user_text_escaped_once(client, nasty_world):
    world = nasty_world
    slug = world.group.slug
    client.force_login(world.facilitator)
    for name in ("groups:atom", "groups:comments_atom"):
        feed = client.get(reverse(name, kwargs={"slug": slug}))
        assert feed.status_code == 200, name
        root = ElementTree.fromstring(feed.content)
        for element in root.iter():
            text = element.text or ""
            if element.tag.endswith(("content", "summary")):
                check(text, f"{name} {element.tag}")  # HTML, once decoded from the XML
            else:
                assert not any(e in text for e in DOUBLE_ESCAPED), f"{name}: {text}"
    for fmt in ("json", "md"):
        body = client.get(
            reverse("export:group_file", kwargs={"slug": slug, "fmt": fmt})
        ).content.decode()
        assert "O'Hara & <i" in body or "O\\u0027Hara" in body, fmt
        assert not any(e in body for e in ("&#x27;", "&#39;", "&amp;")), fmt
    calendar = client.get(reverse("groups:feed", kwargs={"slug": slug})).content.decode()
    assert "&#x27;" not in calendar and "&amp;" not in calendar
