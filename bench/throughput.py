"""Reading page throughput under gunicorn, as a share of the same bytes served as a static file.

    .venv/bin/python bench/throughput.py [--comments 100] [--rounds 9] [--duration 3]
                                         [--connections 8]

Seeds a public group's week with 100 comments into a temporary SQLite database (the seeding
of bench/discussion.py), starts gunicorn with 2 workers on a free loopback port with the
production settings (DEBUG off, the database cache, SECURE_SSL_REDIRECT off, ALLOWED_HOSTS
127.0.0.1) and drives `wrk -t2 -c8` against the week with every comment shown (`?upto`):

* an anonymous new visitor: no cookie at all, every request;
* a signed-in member: a session saved in the database, sent as a cookie with the CSRF
  cookie, as a browser would after its first visit;

and, as the ceiling of this machine and server, a static file of each page's size served by
WhiteNoise in the same gunicorn processes.

The method, for a shared machine (the static rate alone swings 1,000-3,000 req/s within one
run when others work on it): the four are measured **interleaved**, in short rounds of
--duration seconds each (static of the anonymous page's size, anonymous, static of the
member page's size, member; again, --rounds times), after a warm-up of each page. Each
round's share is the page's rate divided by the rate of its static file measured seconds
before it, so both saw the same load. The result is the **median share** over the rounds,
with its interquartile range and min-max, and the raw rates of every round. A verdict needs
the median at or over the target; a spread reaching under it says the machine was busy.

Needs wrk (`apt-get install -y wrk`). Targets (issue 12): each page >= 25 % of the static rate.
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
TARGET_SHARE = 0.25


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
            # The first render is cold: seconds on a busy machine.
            with urllib.request.urlopen(request, timeout=30) as response:
                if response.status != 200:
                    raise SystemExit(f"{url} answered {response.status}")
                return response.read()
        except (ConnectionError, TimeoutError, urllib.error.URLError) as e:
            if isinstance(e, urllib.error.HTTPError):
                raise SystemExit(f"{url} answered {e.code}: {e.read()[:500]!r}") from e
            if time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not answer {url} in {timeout:.0f} s") from e
            time.sleep(0.2)


def run_wrk(url: str, *, cookie: str, duration: int, connections: int) -> tuple[float, str]:
    """Requests/s and mean latency; `cookie` "" sends none (a new visitor every request)."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "5s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(url)
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
    rounds = _arg("--rounds", 9)
    duration = _arg("--duration", 3)
    connections = _arg("--connections", 8)

    # bench/discussion.py configures Django on import: a temporary SQLite database, DEBUG off.
    sys.path.insert(0, str(ROOT / "bench"))
    import _harness as harness
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
    group, reading, member = world.seed(comments, random.Random(0), public=True)
    client = Client()
    path = reverse("discussion:reading", kwargs={"slug": group.slug, "number": reading.number})
    path += f"?upto={comments}"  # every comment shown
    anonymous_size = len(client.get(path).content)
    client.force_login(member)  # saves the session in the database
    member_size = len(client.get(path).content)  # also sets the CSRF cookie, as in a browser
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
    # The static files are written before gunicorn starts: WhiteNoise indexes its root at start.
    server = None
    try:
        (Path(static_dir) / "anonymous.html").write_bytes(b"x" * anonymous_size)
        (Path(static_dir) / "member.html").write_bytes(b"x" * member_size)
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
        if b"Signed in as" in wait_until_up(base + path, cookie=""):
            raise SystemExit("The anonymous page was served signed in.")
        print(
            f"gunicorn, 2 workers, 127.0.0.1:{port}; SQLite (database cache), DEBUG off; "
            f"{comments} comments, all shown; page {member_size / 1024:.0f} KB (member), "
            f"{anonymous_size / 1024:.0f} KB (anonymous); wrk -t2 -c{connections}; "
            f"{rounds} interleaved rounds of {duration} s each",
            flush=True,
        )
        url = base + path
        for static in ("anonymous.html", "member.html"):
            wait_until_up(base + "/bench/" + static, cookie="")
        for who_cookie in ("", cookie):  # a warm-up, so each worker has the page at hand
            run_wrk(url, cookie=who_cookie, duration=2, connections=connections)

        def rate(target: str, who_cookie: str = ""):
            return lambda: run_wrk(
                target, cookie=who_cookie, duration=duration, connections=connections
            )[0]

        rates = harness.interleaved(
            {
                "static (anonymous size)": rate(base + "/bench/anonymous.html"),
                "anonymous new visitor": rate(url),
                "static (member size)": rate(base + "/bench/member.html"),
                "signed-in member": rate(url, cookie),
            },
            rounds,
        )
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
    print(
        f"CPU calibration: a 3M-step Python loop took {world.calibrate():.0f} ms here "
        "(about 120 ms on a recent laptop)"
    )
    for label, value in rates.items():
        print(harness.rates_line(label, value))
    for label, static in (
        ("anonymous new visitor", "static (anonymous size)"),
        ("signed-in member", "static (member size)"),
    ):
        shares = [
            page / baseline for page, baseline in zip(rates[label], rates[static], strict=True)
        ]
        print(harness.share_line(label, shares, target=TARGET_SHARE))


if __name__ == "__main__":
    main()
