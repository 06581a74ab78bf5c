"""Smoke test of bench/load.py: a short SQLite leg runs end to end and prints its summary.

It asserts that the suite runs (servers up, people signed in, comments acknowledged, the
database inspected, everything stopped and removed), never what the figures are: those are
for docs/load.md's readers. It starts gunicorn, a task worker and a few dozen requests, so it
costs about half a minute: opt in with LOAD_BENCH=1.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    os.environ.get("LOAD_BENCH") != "1",
    reason="starts real servers for ~30 s; run with LOAD_BENCH=1",
)

SUMMARY = re.compile(
    r"^sqlite: writers=2 s=\d+ acked=(\d+) lost=\d+ dup=\d+ orphan=\d+ 5xx=\d+ .*"
    r"stale=\d+ emails exactly-once=\d+/\d+ .*half-written-imports=\d+$",
    re.MULTILINE,
)


def test_a_quick_sqlite_leg_runs_end_to_end_and_cleans_up(tmp_path):
    # The test run's own database and cache must not leak into the bench's servers.
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env["TMPDIR"] = str(tmp_path)  # where the bench makes (and must remove) its temp dir
    bench = subprocess.Popen(
        [sys.executable, "bench/load.py", "--quick", "--db", "sqlite"]
        + ["--writers", "2", "--readers", "1", "--seconds", "4"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = bench.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        bench.terminate()  # SIGTERM: the bench stops its servers before it exits
        stdout, stderr = bench.communicate(timeout=60)
        pytest.fail(f"bench/load.py did not finish in 300 s:\n{stdout[-4000:]}")
    done = subprocess.CompletedProcess(bench.args, bench.returncode, stdout, stderr)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-4000:]
    summary = SUMMARY.search(done.stdout)
    assert summary, output[-4000:]
    assert int(summary.group(1)) > 0, "no comment was acknowledged"
    for row in ("lost (acknowledged, not saved)", "stale pages", "sent exactly once"):
        assert row in done.stdout
    assert "fault: kill a gunicorn worker: pid" in done.stdout

    # Stopped and removed: the server's port is closed and the temp dir is gone.
    port = int(re.search(r"starting gunicorn on (\d+)", done.stdout).group(1))
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0
    assert not list(tmp_path.glob("studygroup-load-*"))
