"""With the browser in Spanish or German, the main journeys show no English.

Each page is rendered twice for the same reader, once with the browser in English and once
in the other language (Playwright's `locale` sets Accept-Language). A visible text node that
reads the same in both and still holds a word of three or more letters is English that was
never translated, unless it is the readers' own content (marked translate="no", or one of
the names, titles and texts this test wrote), a word the catalogue itself keeps unchanged
("Feeds", "Link"), or on the short allowlist of proper nouns.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from studygroup.accounts.models import User
from studygroup.groups.models import ReadingGroup
from studygroup.library.models import Footnote, Paragraph, Reading, Section, Text
from tests.builders import make_circle

pytestmark = pytest.mark.django_db(transaction=True)

LOCALES = {"es": "es-ES", "de": "de-DE"}
# Proper nouns and the language names, which are the same in every language.
ALLOWED = {"studygroup", "English", "Español", "español", "Deutsch", "UTC", "Markdown", "JSON"}
WORD = re.compile(r"[^\W\d_]{3,}")

# Every visible text node outside translate="no", with its nearest element's tag.
VISIBLE_TEXT = """() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.data.replace(/\\s+/g, " ").trim();
        const element = node.parentElement;
        const skip = '[translate="no"], script, style, template';
        if (!text || !element || element.closest(skip)) continue;
        if (!element.getClientRects().length) continue;  // display: none, or not rendered
        const style = getComputedStyle(element);
        if (style.visibility === "hidden") continue;
        out.push(text);
    }
    return out;
}"""

# (name, owner) of each page of the main journeys: "A" is the i18n machinery's part
# (accounts, groups, meetings); the others mark their own pages.
PAGES = [
    ("home", "A"),
    ("sign-in", "A"),
    ("groups", "A"),
    ("group", "A"),
    ("schedule", "A"),
    ("members", "A"),
    ("meetings", "A"),
    ("meeting", "A"),
    ("vote", "A"),
    ("profile", "A"),
    ("library", "B"),
    ("text", "B"),
    ("notifications", "B"),
    ("week", "C"),
]


def unchanged_in_catalogue(language: str) -> set[str]:
    """Words of the translations that are the very same in English: German "Link",
    Spanish "Token", "min" in "%(minutes)s min"."""
    same = set()
    for domain in ("django", "djangojs"):
        path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            for entry in polib.pofile(str(path)):
                if entry.msgstr == entry.msgid:
                    same |= set(WORD.findall(entry.msgid))
    return same


def own_content() -> list[str]:
    """What the readers wrote or imported: names, titles, the book, comments."""
    from studygroup.discussion.models import Comment

    strings = [
        *User.objects.values_list("display_name", flat=True),
        *User.objects.values_list("username", flat=True),
        *ReadingGroup.objects.values_list("name", flat=True),
        *Text.objects.values_list("title", flat=True),
        *Text.objects.values_list("author", flat=True),
        *Section.objects.values_list("title", flat=True),
        *Reading.objects.values_list("title", flat=True),
        *Paragraph.objects.values_list("text", flat=True),
        *Footnote.objects.values_list("body", flat=True),
        *Comment.objects.values_list("body", flat=True),
    ]
    return sorted({s for s in strings if s}, key=len, reverse=True)


def english_left(text: str, content: list[str], allowed: set[str]) -> list[str]:
    if any(text in piece for piece in content):
        return []  # a part of the readers' own text, cut by a footnote marker or a link
    for piece in content:
        text = text.replace(piece, " ")
    return [word for word in WORD.findall(text) if word not in allowed]


def session_cookie(user, live_server) -> dict:
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": live_server.url}


def render(browser, live_server, url: str, locale: str, cookie: dict | None) -> list[str]:
    context = browser.new_context(base_url=live_server.url, locale=locale)
    try:
        if cookie:
            context.add_cookies([cookie])
        page = context.new_page()
        response = page.goto(url)
        assert response.status == 200, f"{url} answered {response.status} in {locale}"
        return page.evaluate(VISIBLE_TEXT)
    finally:
        context.close()


@pytest.fixture
def world():
    circle = make_circle(is_public=True, name="Lantern Circle")
    circle.post(author=circle.member, body="Where does the lantern hang in winter?")
    return circle


def page_url(name: str, world) -> str:
    slug = world.group.slug
    reading = world.readings[0]
    return {
        "home": "/",
        "sign-in": reverse("account_login"),
        "groups": reverse("groups:list"),
        "group": world.group.get_absolute_url(),
        "schedule": reverse("groups:schedule", args=[slug]),
        "members": reverse("groups:members", args=[slug]),
        "meetings": reverse("meetings:list", args=[slug]),
        "meeting": reverse("meetings:detail", kwargs={"slug": slug, "reading": reading.pk}),
        "vote": reverse("groups:next_text", args=[slug]),
        "profile": reverse("profile"),
        "library": reverse("library:texts"),
        "text": reading.text.get_absolute_url(),
        "notifications": reverse("notifications:list"),
        "week": world.page,
    }[name]


@pytest.mark.parametrize("language", LOCALES)
@pytest.mark.parametrize(("name", "owner"), PAGES)
def test_no_english_is_left_on_the_page(browser, live_server, world, name, owner, language):
    url = page_url(name, world)
    # The facilitator sees the most (every control); the sign-in page is a visitor's.
    cookie = None if name == "sign-in" else session_cookie(world.facilitator, live_server)
    english = render(browser, live_server, url, "en-US", cookie)
    other = render(browser, live_server, url, LOCALES[language], cookie)
    assert english != other, f"{url} did not change language at all"
    allowed = ALLOWED | unchanged_in_catalogue(language)
    content = own_content()
    same = set(english) & set(other)
    untranslated = sorted(t for t in same if english_left(t, content, allowed))
    assert not untranslated, (
        f"{name} ({url}, part {owner}) shows English in {language}:\n" + "\n".join(untranslated)
    )


def test_a_members_own_language_wins_over_the_browsers(browser, live_server, world, screenshot):
    member = world.member
    member.language = "de"
    member.save(update_fields=["language"])
    context = browser.new_context(base_url=live_server.url, locale="es-ES")
    try:
        context.add_cookies([session_cookie(member, live_server)])
        page = context.new_page()
        page.goto(world.group.get_absolute_url())
        screenshot(page, "languages-group-in-german")
        page.goto("/")
        assert page.locator("html").get_attribute("lang") == "de"
        assert page.get_by_role("heading", name="Deine Gruppen").is_visible()
        # The footer's switch changes it, and keeps the choice on the profile.
        page.get_by_role("button", name="Español").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "es"
        assert page.get_by_role("heading", name="Tus grupos").is_visible()
        screenshot(page, "languages-home-in-spanish")
        member.refresh_from_db()
        assert member.language == "es"
    finally:
        context.close()
