"""Fingerprints of every evaluation family's generated cases, to prove a refactor changed none.

.venv/bin/python bench/family_hashes.py [--seeds 20] > before.txt
.venv/bin/python bench/family_hashes.py --check before.txt

One line per family and seed: a SHA-256 of the file name, the input (the text, or the HTML
source and print options of a PDF family; no PDF is printed) and the truth's repr.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.library.families import (  # noqa: E402
    FAMILIES,
    PDF_FAMILIES,
    generate,
    roundtrip,  # noqa: E402
)


def fingerprint(family: str, seed: int) -> str:
    case = generate(family, seed, renderer=None)
    options = _options(family, seed) if family in PDF_FAMILIES else None
    data = "\x00".join([case.filename, case.text, json.dumps(options), repr(case.truth)])
    return hashlib.sha256(data.encode()).hexdigest()


def _options(family: str, seed: int) -> dict:
    """The print options the family's builder gives with its source."""
    from tests.library.families import fresh_roundtrip, third_roundtrip

    modules = {"pdf_fresh_": fresh_roundtrip, "pdf_third_": third_roundtrip}
    try:
        from tests.library.families import fourth_roundtrip

        modules["pdf_fourth_"] = fourth_roundtrip
        from tests.library.families import fifth_roundtrip

        modules["pdf_fifth_"] = fifth_roundtrip
        from tests.library.families import sixth_roundtrip

        modules["pdf_sixth_"] = sixth_roundtrip
        from tests.library.families import seventh_roundtrip

        modules["pdf_seventh_"] = seventh_roundtrip
    except ImportError:  # before the fourth, fifth, sixth or seventh set existed
        pass
    for prefix, module in modules.items():
        if family.startswith(prefix):
            return module.build(family.removeprefix(prefix), seed)[1]
    return roundtrip.build(family.removeprefix("pdf_"), seed)[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=20)
    ap.add_argument("--check", type=Path, help="compare with a saved listing; exit 1 on a change")
    args = ap.parse_args()
    lines = [f"{f} {s} {fingerprint(f, s)}" for f in FAMILIES for s in range(args.seeds)]
    if not args.check:
        print("\n".join(lines))
        return
    saved = dict(line.rsplit(" ", 1) for line in args.check.read_text().splitlines())
    now = dict(line.rsplit(" ", 1) for line in lines)
    changed = [key for key in saved if key in now and now[key] != saved[key]]
    missing = [key for key in saved if key not in now]
    print(f"{len(saved)} saved, {len(now)} now: {len(changed)} changed, {len(missing)} missing")
    for key in changed + missing:
        print(f"  {key}")
    sys.exit(1 if changed or missing else 0)


if __name__ == "__main__":
    main()
