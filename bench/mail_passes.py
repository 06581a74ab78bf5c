"""Speed of the mail-digest and contents passes on large inputs made to work them hard
(issue #13).

    .venv/bin/python bench/mail_passes.py

structure.mark_mail_digests on an archive of many short messages (many headers) and on a
digest of many issues, each with its topics list, two messages and a footer (many
issues); structure.find_toc on a file of many "Contents" lists over bare titles. Beside
each figure, a baseline measured in the same run on the same bytes: cutting the lines
into blocks (clean.split_blocks), one plain pass. A linear pass keeps the ratio flat as
the size doubles.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studygroup.library.importing import clean, structure  # noqa: E402

MESSAGE = (
    "Message: {k}\nDate: Sat, 4 Nov 2000 09:12:40 +0000\nFrom: Mair Owen\n"
    "Subject: Leeks and frost {k}\n\nThe leeks came through the first hard frost.\n\n"
)
FOOTER = (
    "________________________________\nAllotment gardeners list\n"
    "Write to the warden to be taken off.\n\nEnd of Allotment Digest, Number {n}\n\n"
)


def archive(size: int) -> str:
    out, k = [], 0
    while sum(map(len, out)) < size:
        k += 1
        out.append(MESSAGE.format(k=k))
    return "".join(out)


def digests(size: int) -> str:
    out, n = [], 0
    while sum(map(len, out)) < size:
        n += 1
        topics = f"1. Leeks and frost {2 * n}\n2. Leeks and frost {2 * n + 1}\n"
        out.append(f"Allotment Digest, Number {n}\n\nTopics in this issue:\n\n{topics}\n")
        out += [MESSAGE.format(k=2 * n), MESSAGE.format(k=2 * n + 1), FOOTER.format(n=n)]
    return "".join(out)


CONTENTS = (
    "Contents\nThe orchard in spring\nThe orchard in summer\nThe orchard in autumn\n\n"
    "The trees were planted by the first tenants of the farm, who came from the valley.\n\n"
)


def contents(size: int) -> str:
    return CONTENTS * (size // len(CONTENTS))


def seconds(fn) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    print(f"{'input':10} {'MB':>5} {'blocks':>7} {'split s':>8} {'pass s':>9} {'ratio':>6}")
    passes = {
        archive: structure.mark_mail_digests,
        digests: structure.mark_mail_digests,
        contents: lambda blocks: structure.find_toc(blocks, 0),
    }
    for make, measured in passes.items():
        for size in (500_000, 1_000_000, 2_000_000):
            lines = make(size).splitlines()
            blocks = clean.split_blocks(lines)
            split = seconds(lambda lines=lines: clean.split_blocks(lines))
            mark = seconds(lambda lines=lines, f=measured: f(clean.split_blocks(lines)))
            print(
                f"{make.__name__:10} {size / 1e6:5.1f} {len(blocks):7} {split:8.3f} "
                f"{mark - split:9.3f} {(mark - split) / split:6.1f}"
            )


if __name__ == "__main__":
    main()
