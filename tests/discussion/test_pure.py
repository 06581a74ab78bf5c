"""The discussion's pure core: Markdown rendering and thread trees."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from studygroup.discussion.rendering import ALLOWED_TAGS, find_mentions, render_markdown
from studygroup.discussion.threads import MAX_DEPTH, build_tree, depth_of, flatten, path_for

MEMBERS = {"rosa": "/u/rosa/", "karl": "/u/karl/"}

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<img src=x onerror=alert(1)>",
    '<a href="#" onclick="alert(1)">x</a>',
    "<svg><script>alert(1)</script></svg>",
    "<svg onload=alert(1)>",
    "![x](javascript:alert(1))",
    '![x](https://example.org/x.png "onerror=alert(1)")',
    '[x](https://example.org "title" onmouseover=alert(1))',
    "<iframe src=https://example.org></iframe>",
    "<style>body{display:none}</style>",
    "[x]: javascript:alert(1)\n\n[x]",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    "`<script>`",
]


class LiveMarkup(HTMLParser):
    """Collects the elements and attributes a browser would actually build."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_render_inert(payload):
    markup = LiveMarkup()
    markup.feed(render_markdown(payload, mention_urls=MEMBERS))
    assert markup.tags <= ALLOWED_TAGS
    for tag, name, value in markup.attributes:
        assert not name.startswith("on"), (payload, tag, name)
        assert name in {"href", "class", "rel", "start"}, (payload, tag, name)
        if name == "href":
            scheme = urlsplit(value.strip()).scheme.lower()
            assert scheme in {"", "http", "https", "mailto"}, (payload, value)


def test_links_get_nofollow_ugc_noopener():
    html = render_markdown("see [the text](https://example.org/a)")
    assert '<a href="https://example.org/a" rel="nofollow ugc noopener">the text</a>' in html


def test_markdown_basics_and_demoted_headings():
    html = render_markdown("# Big\n\n**bold** _em_ ~~gone~~\n\n> quoted\n\n- one\n- two")
    assert "<h3>Big</h3>" in html
    assert "<strong>bold</strong>" in html and "<em>em</em>" in html and "<s>gone</s>" in html
    assert "<blockquote>" in html and "<li>one</li>" in html


def test_mentions_of_members_become_links_others_stay_text():
    html = render_markdown("thanks @Rosa and @nobody, mail me at x@karl.org", mention_urls=MEMBERS)
    assert '<a href="/u/rosa/" class="mention"' in html and ">@Rosa</a>" in html
    assert "@nobody" in html and 'href="/u/nobody' not in html
    assert "x@karl.org" in html and 'href="/u/karl/"' not in html


def test_mentions_inside_code_and_links_stay_text():
    html = render_markdown("`@rosa` and [@karl](https://example.org)", mention_urls=MEMBERS)
    assert "<code>@rosa</code>" in html
    assert 'href="/u/karl/"' not in html


def test_find_mentions():
    assert find_mentions("hi @Rosa, @karl! email a@b.c") == {"rosa", "karl"}


@dataclass
class C:
    pk: int
    parent_id: int | None = None


def chain(length: int) -> list[C]:
    return [C(pk=i, parent_id=i - 1 if i > 1 else None) for i in range(1, length + 1)]


def test_paths_sort_in_display_order():
    a = path_for(2)
    b = path_for(10, a)
    assert a == "0000000002" and b == "0000000002/0000000010"
    assert depth_of(b) == 2
    assert sorted([path_for(10), b, a]) == [a, b, path_for(10)]


def test_tree_nests_replies_under_parents():
    comments = [C(1), C(2, 1), C(4, 2), C(3, 1), C(5)]
    roots = build_tree(comments)
    assert [n.comment.pk for n in roots] == [1, 5]
    assert [n.comment.pk for n in roots[0].children] == [2, 3]
    assert [n.comment.pk for n in roots[0].children[0].children] == [4]
    assert [n.comment.pk for n in flatten(roots)] == [1, 2, 4, 3, 5]


def test_replies_deeper_than_six_flatten_under_level_six_ancestor():
    roots = build_tree(chain(9))
    nodes = list(flatten(roots))
    assert [n.depth for n in nodes] == [1, 2, 3, 4, 5, 6, 6, 6, 6]
    level_six = nodes[5]
    assert [n.comment.pk for n in level_six.children] == [7, 8, 9]
    assert level_six.children[0].replying_to is None  # a direct reply needs no "replying to"
    assert level_six.children[1].replying_to.pk == 7
    assert level_six.children[2].replying_to.pk == 8
    assert max(n.depth for n in nodes) == MAX_DEPTH


def test_orphaned_reply_is_left_out():
    assert [n.comment.pk for n in flatten(build_tree([C(1), C(3, 2)]))] == [1]
