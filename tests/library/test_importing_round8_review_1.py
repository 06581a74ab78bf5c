"""Review of round eight's importer rules (issue #13): ordinary documents that come near a
new rule's trigger without being its layout, and keep every word.

Each document is written by hand; each test fails without the guard it pins.
"""

from __future__ import annotations

from studygroup.library.importing.pipeline import parse_text
from tests.library.families.words import lost, output_text


def _lost(source: str):
    return lost(source, output_text(parse_text(source)))


# --- structure._drop_headers_under_folios: a diary's dates are no page footers --------

_DIARY = """\
A Winter at the Lock House

The diary Ann Reece kept in the last winter before the canal closed.

March 3.

At the lock

The ice broke up in the night and three boats went through before breakfast.

March 9.

At the lock

No boats at all. Father mended the paddle gear and I read to him after supper.

March 17.

At the lock

The inspector came from Leeds and said the canal would close in the autumn.
"""


def test_a_line_under_each_diary_date_is_the_entrys_text_not_a_running_header():
    # The dates still go (test_words_kept.KNOWN_LOSSES["diary"]); the place under each
    # date must not go with them: the dates leap, as page numbers do not.
    missing = _lost(_DIARY)
    assert set(missing) <= {"march"}, missing
