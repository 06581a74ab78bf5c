"""The page map at import: what it finds and what it costs (importing/pages.py).

    .venv/bin/python bench/page_map.py

For each of the five shared texts, the demo primer, and the primer repeated to a long
book (with its page numbers counted on), prints the pages mapped and the time the page
map adds to a parse (finding page-number lines and locating each page; best of 5),
beside the whole parse as the baseline measured in the same run.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # so that `python bench/page_map.py` works from anywhere

from studygroup.library.importing.decode import decode  # noqa: E402
from studygroup.library.importing.pages import cuts_from_number_lines, locate  # noqa: E402
from studygroup.library.importing.pipeline import parse_bytes  # noqa: E402

TEXTS = Path(os.environ.get("SHARED_TEXTS") or ROOT.parent / "shared" / "texts")
PRIMER = ROOT / "studygroup" / "demo" / "primer.txt"
REPEATS = 5


def best(fn) -> tuple[float, object]:
    times, result = [], None
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def long_primer(copies: int) -> bytes:
    """The primer's body `copies` times over, its page numbers going on from copy to copy."""
    text = PRIMER.read_text(encoding="utf-8")
    head, body = text[: text.index("\nIntroduction\n")], text[text.index("\nIntroduction\n") :]
    out, offset = [head], 0
    for _ in range(copies):
        out.append(re.sub(r"(?m)^(\d{1,3})$", lambda m, o=offset: str(int(m.group(1)) + o), body))
        offset += 20
    return "".join(out).encode()


def measure(name: str, data: bytes) -> None:
    parse_time, parsed = best(lambda: parse_bytes(data, name))
    text = decode(data)
    map_time, pages = best(lambda: locate(parsed.sections, cuts_from_number_lines(text)))
    span = f"{pages[0].label}–{pages[-1].label}" if pages else "-"
    print(
        f"{name[:28]:28} {len(data) / 1024:8.0f} KB {len(pages):6} pages ({span:>9}) "
        f"parse {parse_time * 1000:8.1f} ms  page map {map_time * 1000:7.1f} ms "
        f"({map_time / parse_time:5.1%})"
    )


def main() -> None:
    print(f"{'text':28} {'size':>11} {'mapped':>12} {'':11} {'baseline':>16} {'added':>19}")
    for path in sorted(TEXTS.glob("*.txt")):
        measure(path.name, path.read_bytes())
    measure("demo primer.txt", PRIMER.read_bytes())
    measure("primer x 40 (long book)", long_primer(40))


if __name__ == "__main__":
    main()
