"""Patterns for the paragraph html that services.render_paragraph_html writes.

Kept apart from services.py so that readers of the html (pages.py) need not import the
write side.
"""

from __future__ import annotations

import re

# A rendered footnote reference: the superscript link and, when the note has text, the
# note itself, hidden until the link targets it (CSS :target), so it opens in place
# without JavaScript. Editing and snippets strip references with this pattern.
FOOTNOTE_MARKUP = re.compile(
    r'<sup class="fn-ref">.*?>(\d+)</a></sup>(?:<span class="fn-note"[^>]*>.*?</span>)?', re.S
)
