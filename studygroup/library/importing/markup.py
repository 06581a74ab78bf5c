"""A text kept in a lightweight markup other than Markdown and pasted as its source:
a wiki's wikitext, an org-mode outline or an AsciiDoc document.

Each markup is a named rule: the signs that show a text is kept in it (several
independent ones, since any one of them may turn up in plain prose) and how its own
conventions map onto Markdown's, which the pipeline already reads: its headings onto "#"
levels (the document's title is its level 0, so its first section level is "##"), its
notes onto "[^n]" markers with their "[^n]: text" definitions, its declared title and
author onto front matter, and its directives, drawers, templates and comments away.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

MIN_MARKUP_SIGNALS = 2  # one sign may be a quotation or a coincidence; two make a source
MIN_MARKUP_HEADINGS = 2  # section lines in the markup's own form
MAX_HEADING_LEVEL = 6  # Markdown's deepest
SETEXT_SLACK = 2  # an underline runs its title's length, give or take this many characters
MAX_TITLE_WORDS = 16  # a bold term opening a wiki article that is its title, not a sentence


@dataclass(frozen=True)
class SourceMarkup:
    """`signals` are the markup's structural signs (its headings, its notes); `hints`
    are signs that only support them, since other writing shares them (Markdown's
    wikilinks and shortcodes, LaTeX's quotes, a transcript's "((laughs))")."""

    name: str
    signals: tuple[Callable[[str], bool], ...]
    to_markdown: Callable[[list[str]], list[str]]
    hints: tuple[Callable[[str], bool], ...] = ()
    unless: Callable[[str], bool] | None = None  # a sign the text is in another markup

    def score(self, text: str) -> int:
        structural = sum(1 for signal in self.signals if signal(text))
        if not structural or self.unless is not None and self.unless(text):
            return 0
        return structural + sum(1 for hint in self.hints if hint(text))


def _at_least(pattern: re.Pattern[str], *hints: str, count: int = 1) -> Callable[[str], bool]:
    """A sign: `count` matches of `pattern`, looked for only in a text holding one of
    `hints` (literal pieces of it: most texts are kept in no markup, and some are long)."""

    def signal(text: str) -> bool:
        if not any(hint in text for hint in hints):
            return False
        return any(n >= count for n, _ in enumerate(pattern.finditer(text), 1))

    return signal


class _Notes:
    """Notes in the order their markers come, as Markdown's "[^n]" and "[^n]: text"."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.named: dict[str, int] = {}

    def marker(self, text: str | None, name: str | None = None) -> str:
        if name and name in self.named and not text:
            return f"[^{self.named[name]}]"  # a note cited again by its name
        if text is None and not name:
            return ""
        self.texts.append(" ".join((text or "").split()))
        number = len(self.texts)
        if name:
            self.named.setdefault(name, number)
        return f"[^{number}]"

    def define(self, name: str, text: str) -> None:
        number = self.named.get(name)
        if number is None:
            self.texts.append("")
            number = self.named[name] = len(self.texts)
        self.texts[number - 1] = " ".join(text.split())

    def definitions(self) -> list[str]:
        return ["", *(f"[^{n}]: {text}" for n, text in enumerate(self.texts, 1) if text)]


def _front_matter(title: str | None, author: str | None) -> list[str]:
    fields = [f"{key}: {value}" for key, value in (("title", title), ("author", author)) if value]
    return ["---", *fields, "---", ""] if fields else []


def _heading(level: int, title: str) -> list[str]:
    """A heading is a line of its own in every markup, set apart as Markdown's blocks are."""
    return ["", f"{'#' * level} {title}", ""]


def _inline(text: str, rules: list[tuple[re.Pattern[str], str]]) -> str:
    for pattern, repl in rules:
        text = pattern.sub(repl, text)
    return text


def _blocks_of(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of non-blank lines: inline notes may wrap across lines
    but never across a paragraph."""
    spans, start = [], None
    for i, line in enumerate([*lines, ""]):
        if line.strip() and start is None:
            start = i
        elif not line.strip() and start is not None:
            spans.append((start, i))
            start = None
    return spans


def _rewrite_paragraphs(lines: list[str], rewrite: Callable[[str], str]) -> list[str]:
    """Each paragraph rewritten as a whole (its line breaks kept where they survive)."""
    out: list[str] = []
    last = 0
    for start, end in _blocks_of(lines):
        out += lines[last:start]
        out += rewrite("\n".join(lines[start:end])).split("\n")
        last = end
    return out + lines[last:]


# --------------------------------------------------------------------------- wikitext

# "== History ==": the same run of "=" on both sides.
_WIKI_HEADING = re.compile(r"^(={1,6})\s*([^=\s].*?)\s*\1\s*$")
_WIKI_HEADING_LINES = re.compile(r"^(={2,6})[ \t]*[^=\s][^\n]*?[ \t]*\1[ \t]*$", re.MULTILINE)
_WIKI_REF = re.compile(r"<ref(\s[^>]*?)?\s*(?:/>|>(.*?)</ref\s*>)", re.IGNORECASE | re.DOTALL)
_WIKI_REF_NAME = re.compile(r"\bname\s*=\s*[\"']?([^\"'>/]+?)[\"']?(?=\s|/|$)", re.IGNORECASE)
# "((text))": the note of a wiki whose headings run the other way (more signs, higher).
_WIKI_PAREN_NOTE = re.compile(r"\(\(([^()]+?)\)\)")
_WIKI_REF_SIGN = re.compile(r"<ref[\s>]|<references\s*/?>", re.IGNORECASE)
_WIKI_PAREN_NOTE_SIGN = re.compile(r"\(\([^()\n]{3,}\)\)")
_WIKI_TEMPLATE_LINE = re.compile(r"^\{\{[^{}\n]+\}\}\s*$", re.MULTILINE)
_WIKI_EMPHASIS = re.compile(r"'''?[^'\n]+'''?")
_WIKI_LINK = re.compile(r"\[\[[^\[\]\n]+\]\]")
_WIKI_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")
_WIKI_REFERENCES = re.compile(r"<references\s*/>|<references>.*?</references>", re.I | re.S)
_WIKI_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_WIKI_MAGIC = re.compile(r"__[A-Z]+__")
_WIKI_META_LINK = re.compile(r"^\s*\[\[(?:category|file|image):[^\]]*\]\]\s*$", re.IGNORECASE)
_WIKI_RULE = re.compile(r"^-{4,}\s*$")
_WIKI_NUMBERED = re.compile(r"^(#+)\s*")  # "# item": wikitext's numbered list, no heading
_WIKI_INLINE = [
    (re.compile(r"'{5}(.+?)'{5}"), r"\1"),
    (re.compile(r"'''(.+?)'''"), r"\1"),
    (re.compile(r"''(.+?)''"), r"\1"),
    (re.compile(r"(?<![:\w/])//(?=\S)(.+?)(?<=\S)//"), r"\1"),  # "//italic//"
    (re.compile(r"\[\[(?:[^|\]\n]*\|)?([^\]\n]+)\]\]"), r"\1"),  # [[target|shown]]
    (re.compile(r"\[(?:https?|ftp)://\S+\s+([^\]\n]+)\]"), r"\1"),  # [url shown]
    (re.compile(r"</?(?:small|big|span|sup|sub|u|s|nowiki)[^>]*>", re.IGNORECASE), ""),
]
_WIKI_BOLD_TERM = re.compile(r"'''(?!')(.+?)'''")


_CITED_FIELDS = ("author", "last", "first", "title", "work", "publisher", "date", "year", "page")


def _cited(m: re.Match[str]) -> str:
    """A citation template inside a note ("{{cite book |last=Amis |title=…}}") as the
    note's words: its fields as a reader would see them, in their usual order."""
    fields = {}
    for part in m.group(0)[2:-2].split("|")[1:]:
        key, eq, value = part.partition("=")
        if eq and value.strip():
            fields[key.strip().lower()] = value.strip()
    return ", ".join(fields[k] for k in _CITED_FIELDS if k in fields)


# Templates that show a reader none of the article's words: boxes beside or under it,
# maintenance tags, the list of notes and short citations' markers, page switches.
# Every other template shows some.
_SILENT_TEMPLATES = re.compile(
    r"(?:infobox|navbox|sidebar|taxobox|authority control|portal|commons|coord|reflist"
    r"|refbegin|refend|notelist|references|citation needed|cn|fact|clarify|dead link"
    r"|update|short description|use \w+ (?:dates|english)|multiple issues|toc|clear"
    r"|good article|featured article|pp|stub|[\w-]+-stub|defaultsort|displaytitle"
    r"|sfn\w*|harv\w*|rp)\b.*",
    re.IGNORECASE | re.DOTALL,
)
_QUOTE_TEMPLATES = {"quote", "quotation", "blockquote", "cquote", "quote box"}
_TEMPLATE_ARG_NAME = re.compile(r"\s*[\w -]+\s*")
_TEMPLATE_ARG_SEPARATOR = re.compile(r"\|(?![^\[\]]*\]\])")  # never a [[link|shown]]'s bar
MAX_TEMPLATE_NESTING = 5  # "{{lang|cy|{{small|…}}}}": rendered from the inside out


def _template_name(template: str) -> str:
    name = _TEMPLATE_ARG_SEPARATOR.split(template[2:-2])[0]
    return " ".join(name.replace("_", " ").split()).lower()


def _shown(m: re.Match[str]) -> str:
    """The words a template shows in the page: a citation's fields, a quotation's text
    and its speaker, a measurement's value and unit, otherwise its text or its last
    plain argument ("{{lang|cy|Iard Carrow}}"); nothing for the templates that show none."""
    parts = _TEMPLATE_ARG_SEPARATOR.split(m.group(0)[2:-2])
    name = _template_name(m.group(0))
    if name.startswith(("cite ", "citation")) and not _SILENT_TEMPLATES.fullmatch(name):
        return _cited(m)
    if ":" in name or name.startswith(("#", "<")) or _SILENT_TEMPLATES.fullmatch(name):
        return ""  # a magic word, a parser function, another tool's shortcode, a box
    named: dict[str, str] = {}
    plain: list[str] = []
    for part in parts[1:]:
        key, eq, value = part.partition("=")
        if eq and _TEMPLATE_ARG_NAME.fullmatch(key):
            named[key.strip().lower()] = value.strip()
        elif part.strip():
            plain.append(part.strip())
    if name == "convert":
        return " ".join(plain[:2])
    if name in _QUOTE_TEMPLATES:
        said = named.get("text") or named.get("quote") or (plain[0] if plain else "")
        by = named.get("author") or named.get("sign") or (plain[1] if len(plain) > 1 else "")
        return f"{said} — {by}" if said and by else said
    return named.get("text") or (plain[-1] if plain else "")


def _show_templates(text: str) -> str:
    for _ in range(MAX_TEMPLATE_NESTING):
        text, found = _WIKI_TEMPLATE.subn(_shown, text)
        if not found:
            break
    return text


_ATX_HEADING_RUN = re.compile(r"^#{1,6}[ \t]+\S[^\n]*(?:\n#{1,6}[ \t]+\S[^\n]*)*", re.MULTILINE)


def _markdown_headings(text: str) -> bool:
    """Markdown's "#" headings, each a line of its own: a wiki's "# item" lines are its
    numbered list and come in a run."""
    if "#" not in text:
        return False
    alone = 0
    for m in _ATX_HEADING_RUN.finditer(text):
        alone += "\n" not in m.group(0)
        if alone >= MIN_MARKUP_HEADINGS:
            return True
    return False


def _opens_with_deepest_run(runs: list[int]) -> bool:
    """Whether more "=" signs mean a higher heading: a document opens at its top level,
    so a first heading with the longest run of several says so."""
    return len(set(runs)) > 1 and runs[0] == max(runs)


def _wikitext_to_markdown(lines: list[str]) -> list[str]:
    text = _WIKI_COMMENT.sub("", "\n".join(lines))
    text = _WIKI_REFERENCES.sub("", _WIKI_MAGIC.sub("", text))
    lines = text.split("\n")
    notes = _Notes()
    title = None
    first = next((line for line in lines if line.strip()), "")
    # An article names its subject in bold in its opening sentence: that is its title.
    bold = _WIKI_BOLD_TERM.match(first.strip())
    if bold and len(bold.group(1).split()) <= MAX_TITLE_WORDS:
        title = _inline(bold.group(1), _WIKI_INLINE)

    def ref(m: re.Match[str]) -> str:
        name = _WIKI_REF_NAME.search(m.group(1) or "")
        text = _show_templates(m.group(2)) if m.group(2) else m.group(2)
        return notes.marker(text, name.group(1).strip() if name else None)

    runs = [len(h.group(1)) for line in lines if (h := _WIKI_HEADING.match(line))]
    reversed_levels = _opens_with_deepest_run(runs)

    out: list[str] = []
    depth = 0  # inside a template that spans lines ("{{Infobox" … "}}")
    template: list[str] = []
    for line in lines:
        if depth or line.lstrip().startswith("{{") and line.count("{{") > line.count("}}"):
            depth += line.count("{{") - line.count("}}")
            template.append(line)
            if depth <= 0:
                # A paragraph of its own, to show what it shows ("{{Quote" … "}}").
                out += ["", " ".join(" ".join(template).split()), ""]
                depth, template = 0, []
            continue
        heading = _WIKI_HEADING.match(line)
        if heading:
            run = len(heading.group(1))
            level = max(runs) - run + 2 if reversed_levels else run
            out += _heading(min(level, MAX_HEADING_LEVEL), _inline(heading.group(2), _WIKI_INLINE))
        elif _WIKI_META_LINK.match(line) or _WIKI_RULE.match(line):
            out.append("")
        else:
            out.append(_WIKI_NUMBERED.sub("1. ", line).lstrip(":;"))

    def paragraph(text: str) -> str:
        text = _WIKI_REF.sub(ref, text)
        if reversed_levels:
            text = _WIKI_PAREN_NOTE.sub(lambda m: notes.marker(m.group(1)), text)
        shown = _inline(_show_templates(text), _WIKI_INLINE)
        quotation = _WIKI_TEMPLATE.fullmatch(text.strip())
        if quotation and _template_name(quotation.group(0)) in _QUOTE_TEMPLATES and shown:
            return "> " + shown  # a quotation set apart is Markdown's block quote
        return shown

    out += template  # a template never closed: its words stay
    out = _rewrite_paragraphs(out, paragraph)
    return _front_matter(title, None) + out + notes.definitions()


WIKITEXT = SourceMarkup(
    "wikitext",
    (
        _at_least(_WIKI_HEADING_LINES, "==", count=MIN_MARKUP_HEADINGS),
        _at_least(_WIKI_REF_SIGN, "<ref", "<REF", "<references"),
    ),
    _wikitext_to_markdown,
    hints=(
        _at_least(_WIKI_PAREN_NOTE_SIGN, "(("),
        _at_least(_WIKI_TEMPLATE_LINE, "{{"),
        _at_least(_WIKI_EMPHASIS, "''"),
        _at_least(_WIKI_LINK, "[["),
    ),
    unless=_markdown_headings,
)

# --------------------------------------------------------------------------- org-mode

_ORG_KEYWORD = re.compile(r"^#\+([A-Za-z_]+):[ \t]*(.*)$")
_ORG_KEYWORD_LINES = re.compile(r"^#\+[A-Za-z_]+:", re.MULTILINE)
_ORG_BLOCK = re.compile(r"^\s*#\+(?:begin|end)_\w+.*$", re.IGNORECASE)
_ORG_COMMENT = re.compile(r"^\s*#(?:\s.*)?$")  # "# a comment", never "#+…"
_ORG_HEADING = re.compile(r"^(\*+)\s+(.+?)\s*$")
_ORG_STAR_LINE = re.compile(r"^\*+[ \t]+\S[^\n]*(?:\n\*+[ \t]+\S[^\n]*)*", re.MULTILINE)
_ORG_HEADING_SHAPE = re.compile(r"^\*+[ \t]+[^\s*][^\n]*[^\s.*]$")
_ORG_DRAWER = re.compile(r"^\s*:([A-Za-z_]+):\s*$")
_ORG_DRAWER_END = re.compile(r"^\s*:END:\s*$", re.IGNORECASE)
_ORG_DRAWER_SIGN = re.compile(r"^\s*:(?:PROPERTIES|LOGBOOK):\s*$", re.MULTILINE | re.IGNORECASE)
_ORG_NOTE_SIGN = re.compile(r"\[fn:[\w-]*:?")
_ORG_NOTE_REF = re.compile(r"\[fn:([\w-]*)(?::([^\]]*))?\]")
_ORG_NOTE_DEF = re.compile(r"^\[fn:([\w-]+)\]\s+(.*)$")
_ORG_PLANNING = re.compile(r"^\s*(?:(?:SCHEDULED|DEADLINE|CLOSED):\s*[<\[][^>\]]*[>\]]\s*)+$")
_ORG_TAGS = re.compile(r"\s+:[\w@#%:]+:\s*$")
_ORG_TODO = re.compile(r"^(?:TODO|DONE)\s+(?:\[#[A-Z]\]\s+)?")
NOTES_SECTION = re.compile(r"^footnotes$", re.IGNORECASE)  # org-footnote-section's name
_ORG_INLINE = [
    (re.compile(r"\[\[[^\]\n]*\]\[([^\]\n]+)\]\]"), r"\1"),  # [[target][shown]]
    (re.compile(r"\[\[([^\]\n]+)\]\]"), r"\1"),
    (re.compile(r"(?<![\w/])/(?=\S)([^/\n]+?)(?<=\S)/(?![\w/])"), r"\1"),
    (re.compile(r"(?<![\w=])=(?=\S)([^=\n]+?)(?<=\S)=(?![\w=])"), r"\1"),
    (re.compile(r"(?<![\w~])~(?=\S)([^~\n]+?)(?<=\S)~(?![\w~])"), r"\1"),
    (re.compile(r"(?<![\w+])\+(?=\S)([^+\n]+?)(?<=\S)\+(?![\w+])"), r"\1"),
]


def _org_headings(text: str) -> bool:
    """Outline headings: "*" lines standing alone (a list's "* item" lines come in a run)
    and shaped as titles, not as a starred note's sentence, a "* * *" break or a
    "*** banner ***"."""
    alone = 0
    for m in _ORG_STAR_LINE.finditer(text):
        alone += "\n" not in m.group(0) and bool(_ORG_HEADING_SHAPE.match(m.group(0)))
        if alone >= MIN_MARKUP_HEADINGS:
            return True
    return False


def _org_to_markdown(lines: list[str]) -> list[str]:
    notes = _Notes()
    meta: dict[str, str] = {}
    out: list[str] = []
    definition: str | None = None  # the note whose definition is being read
    drawer = False
    # A drawer runs to its ":END:"; a ":NAME:" line with none after it is text.
    last_end = max((n for n, line in enumerate(lines) if _ORG_DRAWER_END.match(line)), default=-1)
    for n, line in enumerate(lines):
        if drawer:
            drawer = not _ORG_DRAWER_END.match(line)
            continue
        if n < last_end and _ORG_DRAWER.match(line):
            drawer = True
            out.append("")
            continue
        keyword = _ORG_KEYWORD.match(line)
        if keyword:
            meta.setdefault(keyword.group(1).lower(), keyword.group(2).strip())
            out.append("")
            continue
        if _ORG_BLOCK.match(line) or _ORG_COMMENT.match(line) or _ORG_PLANNING.match(line):
            out.append("")
            continue
        note = _ORG_NOTE_DEF.match(line)
        heading = _ORG_HEADING.match(line)
        if note:
            definition = note.group(1)
            notes.define(definition, note.group(2))
            continue
        if heading:
            definition = None
            name = _ORG_TODO.sub("", _ORG_TAGS.sub("", heading.group(2)))
            if NOTES_SECTION.match(name):
                out.append("")  # the notes' own heading: they go to their markers
                continue
            level = min(len(heading.group(1)) + 1, MAX_HEADING_LEVEL)
            out += _heading(level, _inline(name, _ORG_INLINE))
            continue
        if definition is not None and line.strip():
            notes.define(definition, notes.texts[notes.named[definition] - 1] + " " + line)
            continue
        if definition is not None and not line.strip():
            definition = None
        out.append(line)

    def ref(m: re.Match[str]) -> str:
        return notes.marker(m.group(2), m.group(1) or None)

    def paragraph(text: str) -> str:
        return _inline(_ORG_NOTE_REF.sub(ref, text), _ORG_INLINE)

    out = _rewrite_paragraphs(out, paragraph)
    return _front_matter(meta.get("title"), meta.get("author")) + out + notes.definitions()


ORG = SourceMarkup(
    "org",
    (
        _at_least(_ORG_KEYWORD_LINES, "#+"),
        _org_headings,
        _at_least(_ORG_DRAWER_SIGN, ":PROPERTIES:", ":LOGBOOK:", ":properties:", ":logbook:"),
        _at_least(_ORG_NOTE_SIGN, "[fn:"),
    ),
    _org_to_markdown,
)

# --------------------------------------------------------------------------- AsciiDoc

_ADOC_HEADING = re.compile(r"^(={1,6})\s+(\S.*?)(?:\s+=+)?\s*$")
_ADOC_SECTION_LINES = re.compile(r"^={2,6}[ \t]+\S(?:(?!=[ \t]*$).)*$", re.MULTILINE)
_ADOC_TITLE = re.compile(r"\A\s*=[ \t]+\S")
_ADOC_ATTRIBUTE = re.compile(r"^:([a-z][\w-]*)!?:[ \t]*(.*)$")
_ADOC_ATTRIBUTE_LINES = re.compile(r"^:[a-z][\w-]*!?:(?:[ \t].*)?$", re.MULTILINE)
_ADOC_NOTE_SIGN = re.compile(r"footnote(?:ref)?:[\w-]*\[")
_ADOC_NOTE = re.compile(r"\bfootnote:([\w-]*)\[((?:\\\]|[^\]])*)\]")
_ADOC_NOTE_REF = re.compile(r"\bfootnoteref:\[([\w-]+)(?:,\s*((?:\\\]|[^\]])*))?\]")
_ADMONITIONS = ("NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION")
_ADOC_BLOCK_SIGN = re.compile(
    rf"^(?:\[(?:source|quote|verse|listing|literal|{'|'.join(_ADMONITIONS)})\b[^\]\n]*\]"
    rf"|(?:{'|'.join(_ADMONITIONS)}): \S.*|(?:image|include)::\S*\[.*\])$",
    re.MULTILINE,
)
_ADOC_DELIMITER = re.compile(r"^(?:-{4,}|\.{4,}|_{4,}|={4,}|\*{4,}|\+{4,}|/{4,})\s*$")
_ADOC_BLOCK_ATTRIBUTES = re.compile(r"^\[[^\]]*\]\s*$|^[a-z]+::\S*\[.*\]\s*$")  # "toc::[]"
_ADOC_COMMENT = re.compile(r"^//(?!/).*$")
_ADOC_REVISION = re.compile(r"^v?\d+(?:\.\d+)*,?\s")
_ADOC_INLINE = [
    (re.compile(r"\b(?:link:|https?://)\S*?\[([^\]\n]+)\]"), r"\1"),
    (re.compile(r"<<[^,>\n]+,\s*([^>\n]+)>>"), r"\1"),
    (re.compile(r"<<([^>\n]+)>>"), r"\1"),
    (re.compile(r"\s\+$", re.MULTILINE), ""),  # a hard line break
]


def _underlines(lines: list[str], n: int, opened: list[str]) -> bool:
    """Whether a line of "=" or "-" underlines a title (the two-line form of a heading)
    rather than opening or closing a delimited block: it follows a line of text as long
    as itself, and no block it would close is open."""
    line, prev = lines[n].strip(), lines[n - 1].strip() if n else ""
    return (
        line[0] in "=-"
        and line not in opened
        and bool(prev)
        and not _ADOC_BLOCK_ATTRIBUTES.match(prev)
        and abs(len(prev) - len(line)) <= SETEXT_SLACK
    )


def _asciidoc_to_markdown(lines: list[str]) -> list[str]:
    notes = _Notes()
    title = author = None
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    header = _ADOC_HEADING.match(lines[start]) if start < len(lines) else None
    if header and len(header.group(1)) == 1:
        title = header.group(2)
        # The header runs to the first blank line: an author line, a revision line,
        # attribute entries.
        end = start + 1
        while end < len(lines) and lines[end].strip():
            line = lines[end].strip()
            attribute = _ADOC_ATTRIBUTE.match(line)
            if attribute and attribute.group(1) == "author":
                author = attribute.group(2).strip()
            elif not attribute and author is None and not _ADOC_REVISION.match(line):
                author = re.sub(r"\s*<[^>]*>\s*$", "", line)  # without the e-mail address
            end += 1
        lines = lines[end:]
    out: list[str] = []
    comment = False
    opened: list[str] = []  # the delimiters of the blocks open here, innermost last
    for n, line in enumerate(lines):
        if line.strip() == "////":
            comment = not comment
            out.append("")
            continue
        if _ADOC_DELIMITER.match(line) and not _underlines(lines, n, opened):
            if opened and opened[-1] == line.strip():
                opened.pop()
            else:
                opened.append(line.strip())
            out.append("")
            continue
        if (
            comment
            or _ADOC_ATTRIBUTE.match(line)
            or _ADOC_COMMENT.match(line)
            or _ADOC_BLOCK_ATTRIBUTES.match(line)
        ):
            out.append("")
            continue
        heading = _ADOC_HEADING.match(line)
        if heading:
            level = min(len(heading.group(1)), MAX_HEADING_LEVEL)
            out += _heading(level, heading.group(2))
        else:
            out.append(line)

    def note(m: re.Match[str]) -> str:
        return notes.marker(m.group(2).replace("\\]", "]") or None, m.group(1) or None)

    def note_again(m: re.Match[str]) -> str:
        return notes.marker(m.group(2), m.group(1))

    def paragraph(text: str) -> str:
        text = _ADOC_NOTE_REF.sub(note_again, _ADOC_NOTE.sub(note, text))
        return _inline(text, _ADOC_INLINE)

    out = _rewrite_paragraphs(out, paragraph)
    return _front_matter(title, author) + out + notes.definitions()


ASCIIDOC = SourceMarkup(
    "asciidoc",
    (
        _at_least(_ADOC_TITLE, "="),
        _at_least(_ADOC_SECTION_LINES, "==", count=MIN_MARKUP_HEADINGS),
        _at_least(_ADOC_ATTRIBUTE_LINES, "\n:"),  # under the title line, never first
        _at_least(_ADOC_NOTE_SIGN, "footnote"),
        _at_least(_ADOC_BLOCK_SIGN, "\n[", "::", *(f"\n{word}: " for word in _ADMONITIONS)),
    ),
    _asciidoc_to_markdown,
)

SOURCE_MARKUPS = (WIKITEXT, ORG, ASCIIDOC)


def source_markup(text: str) -> SourceMarkup | None:
    """The markup a text is kept in, by the most of its signs (at least two), or None."""
    best, best_score = None, MIN_MARKUP_SIGNALS - 1
    for markup in SOURCE_MARKUPS:
        score = markup.score(text)
        if score > best_score:
            best, best_score = markup, score
    return best


def as_markdown(text: str) -> tuple[str, str | None]:
    """The text in Markdown's terms when it is kept in another markup, and that markup's
    name; otherwise the text unchanged and None."""
    markup = source_markup(text)
    if markup is None:
        return text, None
    return "\n".join(markup.to_markdown(text.split("\n"))), markup.name
