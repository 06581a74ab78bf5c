"""A wiki or encyclopedia page copied out of a browser: its article, without the site.

Such a page shows itself by its chrome: "[edit]" links after its section headings, the
site's tagline under the title ("From …, the free encyclopedia"), "Jump to navigation",
and at the foot "Retrieved from …", the categories, "This page was last edited on …" and
a row of policy links. When a page shows enough of these signs, the chrome lines go, the
"[edit]" links leave their headings, and the collapsible contents box ("Contents" /
"hide" / "1 History" …) is set apart so that it reads as a contents list.
"""

from __future__ import annotations

import re

# "History[edit]", "Early life [edit source]": a section heading with its edit link.
EDIT_LINK = re.compile(r"\s*\[\s*edit(?: source)?\s*\]\s*$", re.IGNORECASE)
MAX_HEADING_WORDS = 16  # an edit link ends a heading, never a paragraph
# Lines that only a wiki page's chrome has.
_WIKI_CHROME_STRONG = re.compile(
    r"^\s*(?:from \S.{0,60}, the free (?:encyclopedia|encyclopaedia|dictionary)|"
    r"jump to (?:navigation|search|content)|"
    r"retrieved from\s+[\"“]?(?:https?://|www\.)\S+|"
    r"this page was last (?:edited|modified) on\b.{0,80})\s*$",
    re.IGNORECASE,
)
_WIKI_CHROME_STRONG_LINES = re.compile(_WIKI_CHROME_STRONG.pattern, re.IGNORECASE | re.MULTILINE)
_CHROME_WORDS = ("free encyclop", "free dictionary", "jump to", "retrieved from", "page was last")
# … and lines that go with them once the page is known to be one.
_WIKI_CHROME = re.compile(
    r"^\s*(?:(?:hidden )?categories?\s*:\s*\S.*|"
    r"privacy policy\b.{0,120}|"  # the footer's row of links
    r"(?:text is available under|content is available under)\b.*|"
    r"\[?\s*(?:hide|show)\s*\]?)\s*$",  # the contents box's toggle
    re.IGNORECASE,
)
# An editor's inline tag asking for a source: "…as resolved.[citation needed]".
MAINTENANCE_TAG = re.compile(
    r"\[(?:(?:citation|clarification|verification|page|year|date|quotation) needed|"
    r"who\?|when\?|which\?|by whom\?|according to whom\?|dubious[^\]]{0,30})\]",
    re.IGNORECASE,
)
_CONTENTS = re.compile(r"^\s*contents\s*$", re.IGNORECASE)
MIN_WIKI_SIGNALS = 2  # one sign may be a quotation; two make a page
MIN_EDIT_LINKS = 2  # headings with an edit link count as one sign


def _edit_heading(line: str) -> bool:
    return bool(EDIT_LINK.search(line)) and 0 < len(line.split()) <= MAX_HEADING_WORDS + 1


def strip_wiki_chrome(lines: list[str]) -> tuple[list[str], bool]:
    """The article without the wiki's chrome, and whether the text was such a page."""
    # Looked for in the whole text at once: most texts are no wiki page.
    text = "\n".join(lines)
    low = text.lower()
    hinted = any(word in low for word in _CHROME_WORDS)
    signals = len(_WIKI_CHROME_STRONG_LINES.findall(text)) if hinted else 0
    if sum(1 for line in lines if "[" in line and _edit_heading(line)) >= MIN_EDIT_LINKS:
        signals += 1
    if signals < MIN_WIKI_SIGNALS:
        return lines, False
    out: list[str] = []
    for line in lines:
        if _WIKI_CHROME_STRONG.match(line) or _WIKI_CHROME.match(line):
            out.append("")
        elif _edit_heading(line):
            out.append(EDIT_LINK.sub("", line))
        else:
            out.append(MAINTENANCE_TAG.sub("", line))
        if _CONTENTS.match(line):
            out.append("")  # the box's entries follow straight on: set its title apart
    return out, True
