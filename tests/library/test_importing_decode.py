"""decode(): bytes in, clean Unicode out, or an ImportProblem."""

from __future__ import annotations

import codecs

import pytest

from studygroup.library.importing.decode import decode
from studygroup.library.importing.document import ImportProblem

SAMPLE = "Café society – “quoted” naïve text, it’s fine.\nSecond line.\n"


def test_plain_utf8():
    assert decode(SAMPLE.encode("utf-8")) == SAMPLE


def test_utf8_with_bom_drops_the_bom():
    assert decode(codecs.BOM_UTF8 + SAMPLE.encode("utf-8")) == SAMPLE


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(encoding):
    assert decode(SAMPLE.encode(encoding)) == SAMPLE


def test_cp1252_smart_quotes():
    data = ("Café “quoted” naïve – and it’s more text. " * 5).encode("cp1252")
    text = decode(data)
    assert "“quoted”" in text and "naïve" in text and "–" in text


def test_latin1_bytes_cp1252_cannot_map():
    # 0x81 is undefined in cp1252, so this must be read as Latin-1.
    data = ("Déjà vu, über naïve façade. " * 20).encode("latin-1") + b"\x81"
    text = decode(data)
    assert text.startswith("Déjà vu, über naïve façade.")


def test_mojibake_is_repaired():
    # UTF-8 read as cp1252 and saved again: "â€™", "Ã©"…
    broken = "It’s a “test – café".encode().decode("cp1252").encode("utf-8")
    assert "â€™" in broken.decode()
    assert decode(broken) == "It’s a “test – café"


def test_nfc_normalisation():
    decomposed = "Cafe\u0301 and nai\u0308ve"
    assert decode(decomposed.encode("utf-8")) == "Café and naïve"


def test_line_endings_normalised():
    assert decode(b"one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", codecs.BOM_UTF8])
def test_empty_files_are_refused(data):
    with pytest.raises(ImportProblem, match="empty"):
        decode(data)


def test_binary_with_nul_bytes_is_refused():
    with pytest.raises(ImportProblem, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)


def test_mostly_control_characters_is_refused():
    with pytest.raises(ImportProblem, match="binary"):
        decode(bytes(range(1, 9)) * 200 + b"some text")
