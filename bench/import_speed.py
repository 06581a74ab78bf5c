"""Import speed: the five shared texts, then a 5 MB synthetic text.

    .venv/bin/python bench/import_speed.py

Targets: the five texts in < 1 s together (best of 5 each); 5 MB in < 10 s with a
peak of < 300 MB. Beside each figure, a baseline measured in the same run on the same
bytes: decoding them and splitting them into paragraphs at blank lines, nothing else.
"""

from __future__ import annotations

import gc
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # so that `python bench/import_speed.py` works from anywhere

from studygroup.library.importing.decode import decode  # noqa: E402
from studygroup.library.importing.formats import read_document  # noqa: E402
from studygroup.library.importing.pipeline import parse_text  # noqa: E402
from tests.library.synthetic import generate_large  # noqa: E402

TEXTS = Path(os.environ.get("SHARED_TEXTS") or ROOT.parent / "shared" / "texts")
MAX_BYTES = 50 * 1024 * 1024
REPEATS = 5


def best_of(fn, repeats: int = REPEATS) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def plain_split(data: bytes) -> list[str]:
    """The baseline: the same bytes decoded and cut at blank lines."""
    return [" ".join(p.split()) for p in decode(data).split("\n\n") if p.strip()]


def bench_texts() -> float:
    files = sorted(p for p in TEXTS.iterdir() if p.is_file()) if TEXTS.is_dir() else []
    if not files:
        print(f"no texts in {TEXTS}; skipped")
        return 0.0
    print(f"{'file':34} {'KB':>7} {'sections':>8} {'words':>8} {'ms':>8} {'split ms':>9}")
    total = baseline = 0.0
    for path in files:
        data = path.read_bytes()
        seconds, parsed = best_of(
            lambda d=data, n=path.name: read_document(d, n, max_bytes=MAX_BYTES)
        )
        split_seconds, _ = best_of(lambda d=data: plain_split(d))
        total += seconds
        baseline += split_seconds
        print(
            f"{path.name:34} {len(data) / 1024:7.1f} {len(parsed.sections):8d} "
            f"{parsed.words:8d} {seconds * 1000:8.1f} {split_seconds * 1000:9.1f}"
        )
    verdict = "ok" if total < 1.0 else "SLOW"
    print(
        f"{'total (best of 5 each)':34} {'':25} {total * 1000:8.1f} {baseline * 1000:9.1f}",
        f" target < 1000 ms: {verdict}",
    )
    return total


def bench_large() -> None:
    start = time.perf_counter()
    text = generate_large(5_000_000, seed=0)
    print(
        f"\ngenerated {len(text.encode()) / 1e6:.2f} MB synthetic text",
        f"in {time.perf_counter() - start:.1f} s",
    )

    data = text.encode()
    gc.collect()
    start = time.perf_counter()
    paragraphs = plain_split(data)
    print(
        f"baseline: decoding and splitting the same bytes into {len(paragraphs)} paragraphs "
        f"at blank lines: {time.perf_counter() - start:.2f} s"
    )
    del paragraphs
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    parsed = parse_text(text, filename="large.txt")
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu  # less sensitive to other work on the machine
    print(
        f"parsed: {len(parsed.sections)} sections, {parsed.words} words, "
        f"{len(parsed.footnotes)} footnotes in {seconds:.2f} s (CPU {cpu:.2f} s)  "
        f"target < 10 s: {'ok' if seconds < 10 else 'SLOW'}"
    )
    del parsed
    gc.collect()

    # A second run under tracemalloc (slower) for the peak of Python allocations.
    tracemalloc.start()
    parsed = parse_text(text, filename="large.txt")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del parsed
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    print(
        f"peak traced memory while parsing: {peak / 1e6:.0f} MB  "
        f"target < 300 MB: {'ok' if peak < 300e6 else 'TOO MUCH'}"
    )
    print(f"process max RSS (whole run, text included): {maxrss_mb:.0f} MB")


def main() -> None:
    bench_texts()
    bench_large()


if __name__ == "__main__":
    main()
