"""Bytes → clean Unicode text: the first stage of the import pipeline (no Django)."""

from __future__ import annotations

import codecs
import re
import unicodedata

from .document import ImportProblem
from .i18n import gettext as _

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII-heavy text has a NUL in every other byte."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _guess_8bit(data: bytes) -> str:
    """Not UTF-8: Windows-1252 (a superset of Latin-1's printable range), else Latin-1.

    Bytes cp1252 cannot map (0x81, 0x8d, 0x8f, 0x90, 0x9d) mean genuine Latin-1.
    Statistical detectors guess Central European code pages for short Western
    texts ("naïve" → "naďve"), so they are not used here.
    """
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffe\uffff]")


def _looks_binary(text: str) -> bool:
    sample = text[:20_000]
    if not sample:
        return False
    if "\x00" in sample:
        return True
    return len(_CONTROL.findall(sample)) / len(sample) > 0.05


# UTF-8 read as cp1252/Latin-1 leaves these pairs behind ("â€™", "Ã©", "Â ").
_MOJIBAKE = re.compile(
    "[ÂÃâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]"
)


def repair_mojibake(text: str) -> str:
    """Run ftfy only on lines that look broken: it is slow on clean megabytes."""
    if not _MOJIBAKE.search(text):
        return text
    import ftfy

    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _MOJIBAKE.search(line):
            lines[i] = ftfy.fix_text(line, uncurl_quotes=False, fix_line_breaks=False)
    return "\n".join(lines)


def decode(data: bytes) -> str:
    """Decode an uploaded text file; raise ImportProblem for empty or binary files."""
    if not data or not data.strip():
        raise ImportProblem(_("The file is empty."))

    encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            break
    if encoding is None:
        encoding = _sniff_utf16(data)
    if encoding is None and b"\x00" in data[:20_000]:
        raise ImportProblem(_("This looks like a binary file, not text."))
    if encoding is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = _guess_8bit(data)
    if encoding != "utf-8":
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise ImportProblem(
                _("Could not read the file as text (%(encoding)s).") % {"encoding": encoding}
            ) from exc

    text = text.lstrip("\ufeff")
    if _looks_binary(text):
        raise ImportProblem(_("This looks like a binary file, not text."))

    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = repair_mojibake(text)
    text = text.replace("\u2029", "\n\n")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise ImportProblem(_("The file is empty."))
    return text
