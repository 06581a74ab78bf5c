"""What the benches share: Django on a throwaway database, timing, lines beside a baseline.

    import _harness as harness  # bench/ is the script's folder, so this resolves

    harness.setup(EMAIL_BACKEND="...")  # before any Django import: env, then django.setup()
    with harness.database():  # migrated; a PostgreSQL one is dropped at the end
        times = harness.timed(lambda: client.get(url), runs)
        harness.line("page", times, baseline=base)

The database: a SQLite file in a temporary folder by default; with DATABASE_URL set, a
throwaway `test_<name>` database on that PostgreSQL server (as the test runner makes one).
REDIS_URL is always dropped: a bench measures the database cache, the same on every machine.
"""

from __future__ import annotations

import contextlib
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `studygroup` and `tests.factories`
    sys.path.insert(0, str(ROOT))
TEXTS = Path(os.environ.get("SHARED_TEXTS") or ROOT.parent / "shared" / "texts")

TMP = ""  # the temporary folder of the SQLite file, made by `setup`
POSTGRES = bool(os.environ.get("DATABASE_URL"))

# Templates name static files; without a collectstatic manifest, plain storage answers.
PLAIN_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def setup(**environment: str) -> None:
    """Production settings with DEBUG off, tasks inline, on the bench's database; then
    `django.setup()`. `environment`: more settings by their environment names."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="studygroup.settings",
        DEBUG="false",
        SECRET_KEY="bench-" + "x" * 50,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        TASKS_BACKEND="immediate",
    )
    os.environ.update(environment)
    global TMP
    TMP = tempfile.mkdtemp(prefix="studygroup-bench-")
    if not POSTGRES:
        os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
    os.environ.pop("REDIS_URL", None)

    import django

    django.setup()


def database_name() -> str:
    return "PostgreSQL" if POSTGRES else "SQLite"


def migrate() -> None:
    """The schema and the database cache's table, on the database Django is set up on."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


@contextlib.contextmanager
def database() -> Iterator[None]:
    """The schema and the cache table, on the SQLite file or a throwaway PostgreSQL database
    (dropped when the block ends, whatever happened in it)."""
    from django.db import connection

    if not POSTGRES:
        migrate()
        yield
        return
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


# --- Timing ----------------------------------------------------------------------------


def timed(fn: Callable[[], object], runs: int, *, before: Callable | None = None) -> list[float]:
    """Milliseconds per call of `fn`, `runs` times; `before` (untimed) runs ahead of each."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def best_of(fn: Callable[[], object], repeats: int = 5) -> tuple[float, object]:
    """(the fastest of `repeats` calls of `fn`, in seconds; what the last call returned)."""
    best, result = float("inf"), None
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def median(times: list[float]) -> float:
    return statistics.median(times)


def p90(times: list[float]) -> float:
    """The 90th percentile (the largest value under 10 samples)."""
    if len(times) < 10:
        return max(times)
    return statistics.quantiles(times, n=10)[-1]


def count_queries(fn: Callable[[], object]) -> tuple[int, object]:
    """(how many SQL statements `fn()` ran, what it returned)."""
    from django.db import connection

    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        result = fn()
    return len(queries), result


# --- Printing --------------------------------------------------------------------------


def line(label: str, times: list[float], *, baseline: list[float] | None = None) -> None:
    """One row: median, p90 and max in ms, and with a baseline (timed in the same run) how
    many times slower than it the median is."""
    ratio = f"   {median(times) / median(baseline):5.1f}x baseline" if baseline else ""
    print(
        f"{label:<34} median {median(times):7.1f} ms   p90 {p90(times):7.1f} ms"
        f"   max {max(times):7.1f} ms{ratio}"
    )


# --- Interleaved rates (a shared, noisy machine) -----------------------------------------


def interleaved(runs: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Each of `runs` (label -> one short measurement, a rate) once per round, in the given
    order, for `rounds` rounds: {label: [rate of round 1, round 2, ...]}.

    On a machine shared with others the rate of the same thing swings several-fold within
    minutes. Short runs that alternate see the same weather: a page's rate divided by its
    baseline's in the same round (seconds apart) is steady where two long runs minutes apart
    are not."""
    rates: dict[str, list[float]] = {label: [] for label in runs}
    for number in range(1, rounds + 1):
        for label, run in runs.items():
            rates[label].append(run())
        print(
            f"  round {number}/{rounds}: "
            + ", ".join(f"{label} {rates[label][-1]:.0f}" for label in runs),
            flush=True,
        )
    return rates


def spread(values: list[float]) -> tuple[float, float, float, float, float]:
    """(median, min, max, first quartile, third quartile)."""
    ordered = sorted(values)
    if len(ordered) >= 2:
        q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    else:
        q1 = q3 = ordered[0]
    return statistics.median(ordered), ordered[0], ordered[-1], q1, q3


def share_line(label: str, shares: list[float], *, target: float | None = None) -> str:
    """One row: the median of per-round shares, their IQR and min-max, against a target."""
    mid, low, high, q1, q3 = spread(shares)
    verdict = ""
    if target is not None:
        verdict = f"   target >= {target:.0%}: {'ok' if mid >= target else 'SLOW'}"
    return (
        f"{label:<24} share median {mid:6.1%}   IQR {q1:6.1%} - {q3:6.1%}"
        f"   min-max {low:6.1%} - {high:6.1%}{verdict}"
    )


def rates_line(label: str, rates: list[float]) -> str:
    mid, low, high, _, _ = spread(rates)
    raw = " ".join(f"{rate:.0f}" for rate in rates)
    return f"{label:<24} req/s median {mid:7.0f} (min {low:.0f}, max {high:.0f}): {raw}"
