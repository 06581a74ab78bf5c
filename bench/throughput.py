"""Reading page throughput under gunicorn: requests per second for a signed-in member.

    .venv/bin/python bench/throughput.py [--comments 100] [--duration 10] [--connections 8]

Seeds a week with 100 comments into a temporary SQLite database (the seeding of
bench/discussion.py), starts gunicorn with 2 workers on a free loopback port with the
production settings (DEBUG off, the database cache, SECURE_SSL_REDIRECT off, ALLOWED_HOSTS
127.0.0.1), signs a member in (a session saved in the database, sent as a cookie with the
CSRF cookie, as a browser would after its first visit) and runs `wrk -t2 -c8 -d10s` against
the reading page: after the warm-up each worker serves it from its page cache until a write
(docs/caching.md). Then, for the ceiling of this machine and server, against a static file
of the same size served by WhiteNoise in the same processes. Every request goes to
127.0.0.1 and each run is bounded by --duration. The static figure and the CPU calibration
(the same loop as bench/discussion.py) tell how fast this machine is today.

Needs wrk (`apt-get install -y wrk`). Target: >= 400 requests/s at 100 comments.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 400


def _arg(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


# --- The WSGI app gunicorn serves: the site, with the same-size static file in front -------


def application(environ, start_response):
    """Django's WSGI app behind a WhiteNoise that also serves BENCH_STATIC_DIR at /bench/."""
    global _app
    if _app is None:
        from whitenoise import WhiteNoise

        from studygroup.wsgi import application as site

        _app = WhiteNoise(site, root=os.environ["BENCH_STATIC_DIR"], prefix="bench/")
    return _app(environ, start_response)


_app = None


# --- Driving it ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, *, cookie: str, timeout: float = 30) -> bytes:
    deadline = time.monotonic() + timeout
    while True:
        try:
            request = urllib.request.Request(url, headers={"Cookie": cookie})
            with urllib.request.urlopen(request, timeout=5) as response:
                if response.status != 200:
                    raise SystemExit(f"{url} answered {response.status}")
                return response.read()
        except (ConnectionError, urllib.error.URLError) as e:
            if isinstance(e, urllib.error.HTTPError):
                raise SystemExit(f"{url} answered {e.code}: {e.read()[:500]!r}") from e
            if time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not answer {url} in {timeout:.0f} s") from e
            time.sleep(0.2)


def run_wrk(url: str, *, cookie: str, duration: int, connections: int) -> tuple[float, str]:
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "5s",
        "-H",
        f"Cookie: {cookie}",
        url,
    ]
    out = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + 30, check=True
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"wrk saw {errors.group(1)} error responses from {url}:\n{out}")
    latency = re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", out)
    return float(match.group(1)), (latency.group(1) if latency else "?")


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit(
            "wrk is not installed: this bench needs it (e.g. `apt-get install -y wrk`)."
        )
    comments = _arg("--comments", 100)
    duration = _arg("--duration", 10)
    connections = _arg("--connections", 8)

    # bench/discussion.py configures Django on import: a temporary SQLite database, DEBUG off.
    sys.path.insert(0, str(ROOT / "bench"))
    import discussion as world
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        print("collecting static files (the manifest storage needs them with DEBUG off)")
        call_command("collectstatic", interactive=False, verbosity=0)
    group, reading, member = world.seed(comments, random.Random(0))
    client = Client()
    client.force_login(member)  # saves the session in the database
    path = reverse("discussion:reading", kwargs={"slug": group.slug, "number": reading.number})
    page_size = len(client.get(path).content)  # also sets the CSRF cookie, as in a browser
    cookie = "; ".join(
        f"{name}={client.cookies[name].value}"
        for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    )

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    static_dir = tempfile.mkdtemp(prefix="studygroup-static-", dir=world.TMP)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "studygroup.settings",
        "DATABASE_URL": settings.DATABASES["default"]["NAME"].join(["sqlite:///", ""]),
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "BENCH_STATIC_DIR": static_dir,
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "bench")]),
    }
    env.pop("REDIS_URL", None)
    # The static file is written before gunicorn starts: WhiteNoise indexes its root at start.
    server = None
    try:
        (Path(static_dir) / "page.html").write_bytes(b"x" * page_size)
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "throughput:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        body = wait_until_up(base + path, cookie=cookie)
        if b"Signed in as" not in body:
            raise SystemExit("The page was not served to a signed-in member: check the cookie.")
        wait_until_up(base + "/bench/page.html", cookie=cookie)
        print(
            f"gunicorn, 2 workers, 127.0.0.1:{port}; SQLite (database cache), DEBUG off; "
            f"{comments} comments; page {len(body) / 1024:.0f} KB; "
            f"wrk -t2 -c{connections} -d{duration}s"
        )
        # A short warm-up, so each worker has rendered the thread once.
        run_wrk(base + path, cookie=cookie, duration=2, connections=connections)
        page_rps, page_latency = run_wrk(
            base + path, cookie=cookie, duration=duration, connections=connections
        )
        static_rps, static_latency = run_wrk(
            base + "/bench/page.html", cookie=cookie, duration=duration, connections=connections
        )
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
    verdict = "ok" if page_rps >= TARGET else "SLOW"
    print(
        f"CPU calibration: a 3M-step Python loop took {world.calibrate():.0f} ms here "
        "(about 120 ms on a recent laptop)"
    )
    print(f"{'reading page':<28} {page_rps:8.0f} requests/s  (mean latency {page_latency})")
    print(f"  target >= {TARGET} requests/s: {verdict}")
    print(
        f"{'static file, same size':<28} {static_rps:8.0f} requests/s  "
        f"(mean latency {static_latency}; the ceiling)"
    )


if __name__ == "__main__":
    main()
