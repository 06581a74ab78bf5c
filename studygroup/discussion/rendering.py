"""Comment bodies: Markdown in, safe HTML out, rendered once when a comment is saved.

markdown-it-py parses with raw HTML disabled; nh3 then sanitises the result, so even a
parser bug cannot smuggle markup through. @mentions of known handles become links.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

MENTION = re.compile(r"(?<![\w@/])@([A-Za-z0-9_][A-Za-z0-9_.+-]*[A-Za-z0-9_]|[A-Za-z0-9_])")

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "s", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "class"}, "ol": {"start"}, "code": {"class"}}
URL_SCHEMES = {"http", "https", "mailto"}


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable("strikethrough")
    # Headings inside a comment must not outrank the page's own headings.
    md.add_render_rule("heading_open", _demoted_heading_open)
    md.add_render_rule("heading_close", _demoted_heading_close)
    return md


def _demoted(tag: str) -> str:
    return f"h{min(int(tag[1]) + 2, 6)}"


def _demoted_heading_open(self, tokens, idx, options, env) -> str:
    return f"<{_demoted(tokens[idx].tag)}>"


def _demoted_heading_close(self, tokens, idx, options, env) -> str:
    return f"</{_demoted(tokens[idx].tag)}>\n"


_MARKDOWN = _parser()


def find_mentions(body: str) -> set[str]:
    """Handles written as @name in a body (code spans included; resolve against members)."""
    return {match.group(1).lower() for match in MENTION.finditer(body)}


def render_markdown(body: str, *, mention_urls: dict[str, str] | None = None) -> str:
    """Render a comment body to sanitised HTML.

    `mention_urls` maps lower-cased handles of people who may be mentioned (the group's
    members) to the URL their mention links to; other @words stay plain text.
    """
    env = {"mention_urls": {k.lower(): v for k, v in (mention_urls or {}).items()}}
    tokens = _MARKDOWN.parse(body, env)
    _link_mentions(tokens, env["mention_urls"])
    html = _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, env)
    return sanitise(html)


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
        strip_comments=True,
    ).strip()


def _link_mentions(tokens: Iterable[Token], urls: dict[str, str]) -> None:
    if not urls:
        return
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        depth = 0  # inside an existing link, mentions stay text
        children: list[Token] = []
        for token in block.children:
            if token.type == "link_open":
                depth += 1
            elif token.type == "link_close":
                depth -= 1
            if token.type == "text" and depth == 0 and "@" in token.content:
                children.extend(_split_mentions(token, urls.get))
            else:
                children.append(token)
        block.children = children


def _split_mentions(token: Token, url_for: Callable[[str], str | None]) -> list[Token]:
    out: list[Token] = []
    text, cursor = token.content, 0
    for match in MENTION.finditer(text):
        url = url_for(match.group(1).lower())
        if url is None:
            continue
        if match.start() > cursor:
            out.append(_text(text[cursor : match.start()]))
        link = Token("link_open", "a", 1)
        link.attrs = {"href": url, "class": "mention"}
        out += [link, _text(match.group(0)), Token("link_close", "a", -1)]
        cursor = match.end()
    if cursor < len(text):
        out.append(_text(text[cursor:]))
    return out


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token
