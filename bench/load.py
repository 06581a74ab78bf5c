"""Load and fault suite: many writers and readers against real servers, with faults injected.

    .venv/bin/python bench/load.py [--db sqlite|postgres|both] [--writers 50] [--seconds 60]
                                   [--readers 4] [--quick] [--keep]

Each leg builds a throwaway deployment in a temporary directory, on loopback only:

- sqlite: a fresh SQLite file; gunicorn (2 workers, production settings) and
  `manage.py db_worker` with file-based email.
- postgres: its own PostgreSQL (initdb + postgres as the postgres user, on a spare port) and
  its own redis-server (spare port, no persistence). The machine's own servers are never used.

N writers sign in through the real allauth form and post comments (top-level, replies,
mentions) through the real comment form, each with a unique marker; readers load the reading
page and poll the thread. Faults are injected at spread-out moments: kill -9 of a gunicorn
worker, of the task worker (restarted), of an `import_text` run; on postgres also a Redis
and a PostgreSQL outage. Afterwards the queue is drained and the database is compared with
what the server acknowledged. See docs/load.md for what each figure means.

It prints figures and never asserts. It exits non-zero only when a leg could not run at all.
Everything it starts runs in its own process group and is stopped, by id, in a `finally`.
"""

from __future__ import annotations

import argparse
import contextlib
import email
import hashlib
import html
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import _harness as harness

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PASSWORD = "load-bench-password"
HTTP_TIMEOUT = 30  # seconds for any one request
RATE_LIMIT = "100000/m"  # posting and write limits for the servers, so writers never trip them
TASK_STALE_AFTER = 10  # seconds before the worker requeues a killed worker's task
SIGN_IN_PHASE = 180  # seconds everyone has to sign in before the clock starts
STALE_AFTER = 1.0  # a comment acknowledged this long before a page load must be on it
OUTAGE_GRACE = 3.0  # seconds after a restart still counted as the outage (reconnects)
IMPORT_FILE = Path(os.environ.get("LOAD_IMPORT_FILE", ROOT.parent / "shared" / "texts"))
MAIL_SEPARATOR = "-" * 79
REFERENCE = "Load reference"  # the title of the whole import the killed one is compared with


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def import_file() -> Path | None:
    """The largest text of the corpus (or LOAD_IMPORT_FILE): the import that gets killed."""
    if IMPORT_FILE.is_file():
        return IMPORT_FILE
    if IMPORT_FILE.is_dir():
        texts = sorted(IMPORT_FILE.glob("*.txt"), key=lambda p: p.stat().st_size)
        if texts:
            return texts[-1]
    demo = ROOT / "studygroup" / "demo" / "primer.txt"
    return demo if demo.exists() else None


# --- Processes: each in its own group, stopped by id ------------------------------------


class Processes:
    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.running: dict[str, subprocess.Popen] = {}
        self.lock = threading.Lock()
        self.closed = False  # after stop_all, a fault thread may not start anything again

    def start(self, name: str, command: list[str], *, env: dict, cwd: Path = ROOT):
        with self.lock:
            if self.closed:
                raise RuntimeError(f"not starting {name}: the leg is being cleaned up")
            return self._start(name, command, env=env, cwd=cwd)

    def _start(self, name: str, command: list[str], *, env: dict, cwd: Path):
        log_file = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            command,
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so its children go with it
        )
        log_file.close()
        self.running[name] = process
        return process

    def stop(self, name: str, *, sig: int = signal.SIGTERM, timeout: float = 10) -> None:
        process = self.running.pop(name, None)
        if process is None:
            return
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=timeout)
        # Whatever is left of the group (a forked child), and the leader if it ignored sig.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)

    def stop_all(self) -> None:
        with self.lock:
            self.closed = True
        for name in list(self.running):
            self.stop(name, timeout=5)

    def tail(self, name: str, lines: int = 15) -> str:
        path = self.logs / f"{name}.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def wait_for(check, *, timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(interval)
    return False


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


# --- HTTP: one cookie jar per simulated person ------------------------------------------


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    text: str


class Stats:
    """Every response (or transport error) with its kind and when it was in flight."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.rows: list[tuple[str, str, float, float]] = []

    def add(self, kind: str, status: str, started: float, ended: float) -> None:
        with self.lock:
            self.rows.append((kind, status, started, ended))


class Browser:
    def __init__(self, port: int, source_ip: str, stats: Stats) -> None:
        self.port = port
        self.source_ip = source_ip  # allauth limits sign-ins per IP: each person has their own
        self.stats = stats
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, *, kind: str, data: dict | None = None, htmx: bool = False
    ) -> Response | None:
        headers = {"User-Agent": "studygroup-load-bench"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if htmx:
            headers["HX-Request"] = "true"
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=HTTP_TIMEOUT, source_address=(self.source_ip, 0)
        )
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            content = raw.read()
        except (OSError, http.client.HTTPException) as error:
            self.stats.add(kind, f"error:{type(error).__name__}", started, time.monotonic())
            return None
        finally:
            connection.close()
        self.stats.add(kind, str(raw.status), started, time.monotonic())
        for header in raw.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Response(raw.status, raw.headers, content.decode("utf-8", "replace"))


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
COMPOSE_ACTION = re.compile(
    r'<form id="compose" class="comment-form" method="post" action="([^"]+)"'
)
POLLER = re.compile(r'id="poller"[^>]*?hx-get="([^"]+)"')
COMMENT_ID = re.compile(r'<article id="c-(\d+)"')
ROOT_ARTICLE = re.compile(r'depth-1"><article id="c-(\d+)"')


# --- The people -------------------------------------------------------------------------


@dataclass
class Acked:
    marker: str
    comment_id: int
    parent_id: int | None
    root_id: int
    at: float  # monotonic time the acknowledgement arrived


@dataclass
class World:
    """What the people share: where the page is, and every acknowledged comment."""

    port: int
    page_path: str
    run: str
    deadline: float
    stats: Stats
    lock: threading.Lock = field(default_factory=threading.Lock)
    acked: list[Acked] = field(default_factory=list)
    roots: list[int] = field(default_factory=list)
    handles: list[str] = field(default_factory=list)
    counters: Counter = field(default_factory=Counter)
    stale: list[dict] = field(default_factory=list)
    pages_checked: int = 0
    stale_dir: Path | None = None
    signed_in: int = 0  # people through the sign-in phase (or who gave up on it)
    go: threading.Event = field(default_factory=threading.Event)

    def ready(self) -> None:
        """Signed in (or gave up): wait until everyone is, so the clock times only the load."""
        with self.lock:
            self.signed_in += 1
        self.go.wait(timeout=SIGN_IN_PHASE + 10)

    def count(self, what: str, n: int = 1) -> None:
        with self.lock:
            self.counters[what] += n


class Person:
    def __init__(self, world: World, email_address: str, source_ip: str) -> None:
        self.world = world
        self.email = email_address
        self.browser = Browser(world.port, source_ip, world.stats)
        self.csrf = ""
        self.post_path = ""

    def sign_in(self) -> bool:
        """The allauth form, then the reading page for a fresh form (login rotates CSRF)."""
        deadline = min(self.world.deadline, time.monotonic() + SIGN_IN_PHASE)
        while time.monotonic() < deadline:
            why = self.try_sign_in()
            if why is None:
                self.world.count("sign-ins")
                return True
            self.world.count(f"sign-in attempts failed: {why}")
            time.sleep(1)
        return False

    def try_sign_in(self) -> str | None:
        """None when signed in, else what went wrong."""
        page = self.browser.request("GET", "/accounts/login/", kind="login")
        if page is None or page.status != 200:
            return f"sign-in form answered {page.status if page else 'nothing'}"
        token = CSRF_INPUT.search(page.text)
        if not token:
            return "sign-in form without a CSRF token"
        answer = self.browser.request(
            "POST",
            "/accounts/login/",
            kind="login",
            data={"csrfmiddlewaretoken": token.group(1), "login": self.email, "password": PASSWORD},
        )
        if answer is None or answer.status != 302:
            return f"sign-in answered {answer.status if answer else 'nothing'}"
        if not self.load_page():
            return "no comment form on the reading page after signing in"
        return None

    def load_page(self) -> Response | None:
        page = self.browser.request("GET", self.world.page_path, kind="page")
        if page is None or page.status != 200:
            return None
        token = CSRF_INPUT.search(page.text)
        action = COMPOSE_ACTION.search(page.text)
        if not token or not action:
            return None  # signed out: the page has no comment form
        self.csrf, self.post_path = token.group(1), html.unescape(action.group(1))
        return page


class Writer(Person):
    def __init__(self, world: World, number: int, rng: random.Random, pause: float) -> None:
        super().__init__(world, f"w{number:03d}@load.test", f"127.0.0.{10 + number}")
        self.number = number
        self.handle = f"w{number:03d}"
        self.rng = rng
        self.pause = pause

    def run(self) -> None:
        signed_in = self.sign_in()
        self.world.ready()
        if not signed_in:
            self.world.count("writers who never signed in")
            return
        sequence = 0
        while time.monotonic() < self.world.deadline:
            sequence += 1
            self.post_one(sequence)
            time.sleep(self.rng.uniform(0, 2 * self.pause))

    def post_one(self, sequence: int) -> None:
        world, rng = self.world, self.rng
        marker = f"LD{world.run}x{self.number:03d}x{sequence:05d}"
        with world.lock:
            parent = rng.choice(world.roots) if world.roots and rng.random() < 0.4 else None
            others = [h for h in world.handles if h != self.handle]
        body = f"Load comment {marker}: on the week's reading."
        if others and rng.random() < 0.25:
            body += f" What do you think, @{rng.choice(others)}?"
        # Top-level comments sometimes go through HTMX (the answer is the new thread, which
        # shows a new top-level comment); replies as a plain form (the redirect names the id).
        htmx = parent is None and rng.random() < 0.3
        data = {
            "form_id": f"reply-{parent}" if parent else "compose",
            "client_token": uuid.uuid4().hex,  # as the form's own token: one per submission
            "body": body,
            "quote": "",
        }
        if parent:
            data["parent"] = str(parent)
        for attempt in range(3):  # a person resubmits the same form after an error
            if time.monotonic() > world.deadline + 10:
                return
            data["csrfmiddlewaretoken"] = self.csrf
            answer = self.browser.request("POST", self.post_path, kind="post", data=data, htmx=htmx)
            comment_id = self.acknowledged(answer, marker, htmx)
            if comment_id:
                with world.lock:
                    world.acked.append(
                        Acked(marker, comment_id, parent, parent or comment_id, time.monotonic())
                    )
                    if parent is None:
                        world.roots.append(comment_id)
                    world.counters["posts acknowledged"] += 1
                    world.counters["resubmitted before acknowledged"] += attempt > 0
                return
            if (
                answer is not None
                and answer.status == 302
                and "/accounts/login" in (answer.headers.get("Location") or "")
            ):
                world.count("posts answered 'sign in' (session lost)")
                if not self.sign_in():
                    return
                continue
            if answer is not None and answer.status == 403:
                world.count("posts refused 403 (CSRF or access)")
                self.load_page()
                continue
            if answer is not None and answer.status == 429:
                world.count("posts rate-limited (429)")
                return
            if answer is not None and answer.status < 500:
                world.count(f"posts not acknowledged ({answer.status})")
                return
            time.sleep(1 + attempt)
        world.count("posts given up after 3 tries")

    @staticmethod
    def acknowledged(answer: Response | None, marker: str, htmx: bool) -> int | None:
        if answer is None:
            return None
        if not htmx and answer.status in (301, 302, 303):
            match = re.search(r"#c-(\d+)$", answer.headers.get("Location") or "")
            return int(match.group(1)) if match else None
        if htmx and answer.status == 200:
            at = answer.text.find(marker)
            if at < 0:
                return None
            ids = COMMENT_ID.findall(answer.text[:at])
            return int(ids[-1]) if ids else None
        return None


class Reader(Person):
    def __init__(self, world: World, number: int, rng: random.Random) -> None:
        super().__init__(world, f"r{number:02d}@load.test", f"127.0.1.{10 + number}")
        self.rng = rng
        self.marker = re.compile(rf"LD{world.run}x\d{{3}}x\d{{5}}")

    def run(self) -> None:
        signed_in = self.sign_in()
        self.world.ready()
        if not signed_in:
            self.world.count("readers who never signed in")
            return
        while time.monotonic() < self.world.deadline:
            started = time.monotonic()
            with self.world.lock:
                due = [a for a in self.world.acked if a.at < started - STALE_AFTER]
            page = self.browser.request("GET", self.world.page_path, kind="page")
            if page is not None and page.status == 200:
                self.check(page.text, due, started)
                poll = POLLER.search(page.text)
                if poll:
                    for _ in range(2):
                        time.sleep(self.rng.uniform(0.5, 1.5))
                        self.browser.request(
                            "GET", html.unescape(poll.group(1)), kind="poll", htmx=True
                        )
            else:
                time.sleep(1)
            if page is not None and page.status == 200 and 'id="compose"' not in page.text:
                self.world.count("reader pages without the form (signed out)")
                self.sign_in()

    def check(self, text: str, due: list[Acked], started: float) -> None:
        """Count the page if it misses an acknowledged comment it should show.

        A stale page is loaded again at a URL no page cache has seen: when the comments are
        there, the whole-page cache served the stale copy; when not, the thread itself was.
        """
        missing = self.missing(text, due)
        with self.world.lock:
            self.world.pages_checked += 1
        if not missing:
            return
        fresh = self.browser.request(
            "GET", f"{self.world.page_path}?fresh={uuid.uuid4().hex}", kind="page (fresh URL)"
        )
        still = self.missing(fresh.text, missing) if fresh and fresh.status == 200 else None
        if self.world.stale_dir is not None:  # --keep: the page and what it missed, to look at
            dump = self.world.stale_dir / f"stale-{uuid.uuid4().hex[:8]}"
            dump.with_suffix(".html").write_text(text)
            dump.with_suffix(".json").write_text(json.dumps([a.__dict__ for a in missing]))
        with self.world.lock:
            self.world.stale.append(
                {
                    "missing": len(missing),
                    "oldest_ack_age": round(started - min(a.at for a in missing), 2),
                    "missing_at_fresh_url": None if still is None else len(still),
                }
            )

    def missing(self, text: str, due: list[Acked]) -> list[Acked]:
        """The acknowledged comments the page should show and does not.

        The page shows the newest top-level comments with all their replies; when it has a
        "show more" link, the threads older than its oldest are legitimately absent.
        """
        shown = set(self.marker.findall(text))
        floor = 0
        if "/thread/?upto=" in text:  # the "show more comments" link
            roots = [int(pk) for pk in ROOT_ARTICLE.findall(text)]
            floor = min(roots) if roots else 0
        return [a for a in due if a.root_id >= floor and a.marker not in shown]


# --- Inside the deployment: seeding and inspecting (run as subprocesses) ----------------


SETTINGS_SHIM = """\
# Generated by bench/load.py: the production settings, with static files in the temp dir.
import os

from studygroup.settings import *  # noqa: F403

STATIC_ROOT = os.environ["LOAD_STATIC_ROOT"]
"""


def internal_seed(out: Path, writers: int, readers: int) -> None:
    url = os.environ["DATABASE_URL"]
    if url.startswith("postgres"):
        import psycopg

        parsed = urllib.parse.urlsplit(url)
        with psycopg.connect(
            host=parsed.hostname, port=parsed.port, user=parsed.username, dbname="postgres"
        ) as connection:
            connection.autocommit = True
            connection.execute(f'CREATE DATABASE "{parsed.path.lstrip("/")}"')
    import django

    django.setup()
    import io

    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from studygroup.accounts.models import EmailFrequency, User
    from studygroup.discussion.views.loading import page_url
    from studygroup.groups import services as groups
    from studygroup.groups.models import ReadingGroup

    harness.migrate()
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    group = ReadingGroup.objects.get(name="Tuesday Study Circle")
    reading = group.adoptions.first().readings.get(number=3)  # the seeded discussion's week
    password = make_password(PASSWORD)  # one hash for everyone: hashing is slow on purpose
    people = [(f"w{i:03d}", EmailFrequency.IMMEDIATE) for i in range(writers)]
    people += [(f"r{i:02d}", EmailFrequency.DAILY) for i in range(readers)]
    for handle, frequency in people:
        user = User.objects.create(
            email=f"{handle}@load.test",
            username=handle,
            display_name=f"Load {handle}",
            password=password,
            email_notifications=frequency,
        )
        # Signing in needs a verified address (ACCOUNT_EMAIL_VERIFICATION = "mandatory").
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        groups.add_member(group=group, user=user)
    out.write_text(
        json.dumps(
            {
                "group_id": group.pk,
                "reading_id": reading.pk,
                "page_path": page_url(group, reading),
            }
        )
    )


def internal_tasks(out: Path) -> None:
    import django

    django.setup()
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.values("status").annotate(n=Count("id")).order_by()
    out.write_text(json.dumps({row["status"]: row["n"] for row in rows}))


def internal_inspect(source: Path, out: Path) -> None:
    import django

    django.setup()
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from studygroup.accounts.models import EmailFrequency, User
    from studygroup.discussion.models import Comment, Notification
    from studygroup.library.models import Text

    facts = json.loads(source.read_text())
    marker = re.compile(rf"LD{facts['run']}x\d{{3}}x\d{{5}}")
    rows = Comment.objects.filter(body__contains=f"LD{facts['run']}x").values_list(
        "pk",
        "parent_id",
        "group_id",
        "reading_id",
        "body",
        "parent__group_id",
        "parent__reading_id",
        "author_id",
        "parent__author_id",
    )
    writers = dict(User.objects.filter(email__endswith="@load.test").values_list("username", "pk"))
    saved = []
    owed = set()  # (recipient id, comment id): a reply tells its parent's author, a mention
    for pk, parent_id, group_id, reading_id, body, p_group, p_reading, author, p_author in rows:
        found = marker.search(body)
        saved.append(
            {
                "id": pk,
                "marker": found.group(0) if found else "",
                "parent_id": parent_id,
                "in_place": group_id == facts["group_id"] and reading_id == facts["reading_id"],
                "parent_in_place": parent_id is None
                or (p_group == facts["group_id"] and p_reading == facts["reading_id"]),
            }
        )
        recipients = {p_author} | {writers.get(h) for h in re.findall(r"@(w\d{3})\b", body)}
        owed |= {(r, pk) for r in recipients - {None, author}}
    # Every notification of these comments to someone who wants email right away, and
    # every one that should exist and does not (the comment was saved, its notice was not).
    immediate = set(
        User.objects.filter(email_notifications=EmailFrequency.IMMEDIATE).values_list(
            "pk", flat=True
        )
    )
    emails = dict(User.objects.filter(pk__in=immediate).values_list("pk", "email"))
    notifications = list(
        Notification.objects.filter(
            comment_id__in=[s["id"] for s in saved], recipient_id__in=immediate
        ).values_list("pk", "recipient_id", "comment_id", "emailed_at")
    )
    have = {(r, c) for _, r, c, _ in notifications}
    notifications += [(None, r, c, None) for r, c in owed - have if r in immediate]
    # Each notification's email tasks, to tell why an email was not sent.
    tasks = defaultdict(list)
    for args_kwargs, status in DBTaskResult.objects.filter(
        task_path__endswith="send_notification_email"
    ).values_list("args_kwargs", "status"):
        notification_id = (args_kwargs.get("kwargs") or {}).get("notification_id")
        tasks[notification_id].append(status)
    texts = (
        Text.objects.filter(checksum=facts["import_checksum"])
        .annotate(
            sections_n=Count("sections", distinct=True),
            paragraphs_n=Count("sections__paragraphs", distinct=True),
        )
        .values_list("pk", "title", "sections_n", "paragraphs_n")
    )
    out.write_text(
        json.dumps(
            {
                "saved": saved,
                "notifications": [
                    {
                        "id": pk,
                        "email": emails[r],
                        "comment_id": c,
                        "emailed": bool(at),
                        "tasks": tasks.get(pk, []) if pk else ["no notification saved"],
                    }
                    for pk, r, c, at in notifications
                ],
                "texts": [list(t) for t in texts],
            }
        )
    )


# --- A leg ------------------------------------------------------------------------------


@dataclass
class Fault:
    name: str
    at: float
    outcome: str = "not run"
    outage: tuple[float, float] | None = None


class Leg:
    def __init__(self, db: str, args: argparse.Namespace) -> None:
        self.db = db
        self.args = args
        self.tmp = Path(tempfile.mkdtemp(prefix=f"studygroup-load-{db}-"))
        self.tmp.chmod(0o755)  # the postgres user needs to reach its data directory
        (self.tmp / "logs").mkdir()
        (self.tmp / "mail").mkdir()
        self.procs = Processes(self.tmp / "logs")
        self.port = free_port()
        self.run_id = uuid.uuid4().hex[:6]
        self.faults: list[Fault] = []
        self.pg_port = self.redis_port = 0
        self.env = self.make_env()
        self.import_path = import_file()
        # How long that import takes up to its save (a dry run) and in all: the kill falls
        # between the two.
        self.import_window = (0.0, 0.0)

    def make_env(self) -> dict:
        (self.tmp / "load_settings.py").write_text(SETTINGS_SHIM)
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "DEBUG"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE="load_settings",
            PYTHONPATH=f"{self.tmp}{os.pathsep}{ROOT}",
            LOAD_STATIC_ROOT=str(self.tmp / "static"),
            DEBUG="false",
            SECRET_KEY="load-bench-" + uuid.uuid4().hex * 2,
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="false",
            SECURE_COOKIES="false",
            SECURE_HSTS_SECONDS="0",
            SITE_URL=f"http://127.0.0.1:{self.port}",
            TASKS_BACKEND="database",
            # A task here takes milliseconds: one still RUNNING after 10 s lost its worker.
            TASK_STALE_AFTER=str(TASK_STALE_AFTER),
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(self.tmp / "mail"),
            COMMENT_RATE_LIMIT=RATE_LIMIT,
            WRITE_RATE_LIMIT=RATE_LIMIT,
            LOG_LEVEL="WARNING",
        )
        if self.db == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{self.tmp / 'db.sqlite3'}"
        else:
            self.pg_port, self.redis_port = free_port(), free_port()
            env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:{self.pg_port}/studygroup"
            env["REDIS_URL"] = f"redis://127.0.0.1:{self.redis_port}/0"
        return env

    # The services ----------------------------------------------------------------------

    def start_postgres(self) -> None:
        data = self.tmp / "pg"
        if not data.exists():
            data.mkdir()
            shutil.chown(data, "postgres", "postgres")
            subprocess.run(
                ["runuser", "-u", "postgres", "--", "/usr/local/bin/initdb", "-D", str(data)]
                + ["-A", "trust", "-U", "postgres", "--no-sync"],
                cwd=data,
                check=True,
                capture_output=True,
                timeout=120,
            )
        self.procs.start(
            "postgres",
            ["runuser", "-u", "postgres", "--", "/usr/local/bin/postgres", "-D", str(data)]
            + ["-p", str(self.pg_port), "-k", str(data), "-c", "listen_addresses=127.0.0.1"]
            + ["-c", "fsync=off", "-c", "max_connections=200"],
            env=os.environ.copy(),
            cwd=data,
        )
        if not wait_for(lambda: port_open(self.pg_port), timeout=30):
            raise RuntimeError("PostgreSQL did not start:\n" + self.procs.tail("postgres"))

    def start_redis(self) -> None:
        self.procs.start(
            "redis",
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--daemonize", "no"],
            env=os.environ.copy(),
            cwd=self.tmp,
        )
        if not wait_for(lambda: port_open(self.redis_port), timeout=15):
            raise RuntimeError("redis-server did not start:\n" + self.procs.tail("redis"))

    def manage(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(
            [PYTHON, str(ROOT / "manage.py"), *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def internal(self, *args: str, timeout: float = 300) -> dict:
        out = self.tmp / f"internal-{uuid.uuid4().hex[:8]}.json"
        done = subprocess.run(
            [PYTHON, __file__, *args, "--out", str(out)],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode != 0 or not out.exists():
            raise RuntimeError(f"{args[0]} failed:\n{done.stdout[-2000:]}{done.stderr[-3000:]}")
        return json.loads(out.read_text())

    def start_gunicorn(self) -> None:
        self.procs.start(
            "gunicorn",
            [GUNICORN, "studygroup.wsgi", "--bind", f"127.0.0.1:{self.port}"]
            + ["--workers", str(self.args.gunicorn_workers), "--threads", "4"]
            + ["--timeout", "30", "--graceful-timeout", "5", "--backlog", "512"]
            + ["--no-control-socket"],  # the default socket is one per user, shared
            env=self.env,
        )

        def up() -> bool:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/healthz")
                return connection.getresponse().status == 200
            except OSError:
                return False

        if not wait_for(up, timeout=60, interval=0.5):
            raise RuntimeError("gunicorn did not answer /healthz:\n" + self.procs.tail("gunicorn"))

    def start_worker(self) -> None:
        self.procs.start(
            "db_worker",
            [PYTHON, str(ROOT / "manage.py"), "db_worker", "--no-startup-delay"]
            + ["--interval", "0.5"],
            env=self.env,
        )

    # The faults ------------------------------------------------------------------------

    def schedule(self, start: float, seconds: float) -> list[Fault]:
        names = ["kill a gunicorn worker", "kill the task worker", "kill import_text"]
        if self.db == "postgres":
            names += ["Redis outage", "PostgreSQL outage"]
        step = seconds / (len(names) + 1)
        return [Fault(name, start + step * (i + 1)) for i, name in enumerate(names)]

    def run_faults(self, deadline: float) -> None:
        """The faults in order; the import kill in a thread of its own (it takes seconds)."""
        outage = max(1.0, min(5.0, self.args.seconds / 12))
        helpers = []
        for fault in self.faults:
            if fault.name == "kill import_text":
                helpers.append(threading.Thread(target=self.run_fault, args=(fault, deadline, 0)))
                helpers[-1].start()
            else:
                self.run_fault(fault, deadline, outage)
        for helper in helpers:
            helper.join(timeout=120)

    def run_fault(self, fault: Fault, deadline: float, outage: float) -> None:
        while time.monotonic() < fault.at:
            time.sleep(0.05)
        if time.monotonic() > deadline:
            fault.outcome = "skipped: the run was over"
            return
        log(f"fault: {fault.name}")
        try:
            fault.outcome = self.inject(fault, outage)
        except Exception as error:  # a fault that cannot be injected is reported, not fatal
            fault.outcome = f"could not inject: {error}"

    def inject(self, fault: Fault, outage: float) -> str:
        if fault.name == "kill a gunicorn worker":
            master = self.procs.running["gunicorn"].pid
            workers = children(master)
            if not workers:
                return "no worker found"
            os.kill(workers[0], signal.SIGKILL)
            started = time.monotonic()
            back = wait_for(
                lambda: len([w for w in children(master) if w != workers[0]]) >= len(workers),
                timeout=30,
            )
            took = time.monotonic() - started
            return f"pid {workers[0]} killed; respawned in {took:.1f} s" if back else "no respawn"
        if fault.name == "kill the task worker":
            self.procs.stop("db_worker", sig=signal.SIGKILL)
            time.sleep(0.5)
            self.start_worker()
            return "killed -9 and restarted"
        if fault.name == "kill import_text":
            return self.kill_import()
        if fault.name == "Redis outage":
            fault.outage = (time.monotonic(), 0.0)
            self.procs.stop("redis")
            time.sleep(outage)
            self.start_redis()
            fault.outage = (fault.outage[0], time.monotonic() + OUTAGE_GRACE)
            return f"stopped {outage:.0f} s (SIGTERM), restarted empty"
        if fault.name == "PostgreSQL outage":
            fault.outage = (time.monotonic(), 0.0)
            self.procs.stop("postgres", sig=signal.SIGINT)  # a fast shutdown
            time.sleep(outage)
            self.start_postgres()
            fault.outage = (fault.outage[0], time.monotonic() + OUTAGE_GRACE)
            return f"stopped {outage:.0f} s (fast shutdown), restarted"
        return "unknown fault"

    def kill_import(self) -> str:
        """Start an import of the reference file and kill -9 it about when it saves."""
        delay = random.uniform(*self.import_window)
        process = self.procs.start(
            "import_text",
            [PYTHON, str(ROOT / "manage.py"), "import_text", str(self.import_path)]
            + ["--title", "Load killed import"],
            env=self.env,
        )
        started = time.monotonic()
        while time.monotonic() - started < delay and process.poll() is None:
            time.sleep(0.02)
        if process.poll() is not None:
            code = process.returncode
            self.procs.stop("import_text")
            return f"finished before the kill (exit {code}, {time.monotonic() - started:.1f} s)"
        self.procs.stop("import_text", sig=signal.SIGKILL)
        parse, full = self.import_window
        return (
            f"killed -9 mid-run after {delay:.1f} s "
            f"(unloaded: parsed after {parse:.1f} s, saved after {full:.1f} s)"
        )

    # The run ---------------------------------------------------------------------------

    def run(self) -> dict:
        args = self.args
        if self.import_path is None:
            raise RuntimeError("no text to import (the corpus and the demo primer are missing)")
        if self.db == "postgres":
            for tool in ("runuser", "redis-server", "/usr/local/bin/initdb"):
                if shutil.which(tool) is None:
                    raise RuntimeError(f"{tool} is not installed")
            log(f"starting PostgreSQL on {self.pg_port} and Redis on {self.redis_port}")
            self.start_postgres()
            self.start_redis()
        log("seeding (migrate, createcachetable, collectstatic, seed_demo, people)")
        facts = self.internal(
            "_seed",
            "--writers",
            str(args.writers),
            "--readers",
            str(args.readers),
        )
        # A whole import of the file whose import gets killed: what "whole" looks like, and
        # how long an import takes with and without its save.
        started = time.monotonic()
        whole = self.manage("import_text", str(self.import_path), "--title", REFERENCE)
        full = time.monotonic() - started
        if whole.returncode != 0:
            raise RuntimeError(f"import_text failed: {whole.stderr[-2000:]}")
        started = time.monotonic()
        dry = self.manage("import_text", str(self.import_path), "--dry-run", "--json")
        parse = time.monotonic() - started
        if dry.returncode != 0:
            raise RuntimeError(f"import_text --dry-run failed: {dry.stderr[-2000:]}")
        self.import_window = (parse, max(full, parse * 1.2))
        facts["import_checksum"] = hashlib.sha256(self.import_path.read_bytes()).hexdigest()
        log(f"starting gunicorn on {self.port} and the task worker")
        self.start_gunicorn()
        self.start_worker()

        stats = Stats()
        world = World(
            port=self.port,
            page_path=facts["page_path"],
            run=self.run_id,
            deadline=time.monotonic() + SIGN_IN_PHASE,
            stats=stats,
            handles=[f"w{i:03d}" for i in range(args.writers)],
            stale_dir=self.tmp if args.keep else None,
        )
        rng = random.Random(args.seed)
        people = [
            Writer(world, i, random.Random(rng.random()), args.pause) for i in range(args.writers)
        ] + [Reader(world, i, random.Random(rng.random())) for i in range(args.readers)]
        threads = [threading.Thread(target=p.run, daemon=True) for p in people]
        log(f"signing in {args.writers} writers and {args.readers} readers")
        started = time.monotonic()
        for thread in threads:  # staggered: each sign-in hashes a password on purpose
            thread.start()
            time.sleep(0.2)
        wait_for(lambda: world.signed_in >= len(people), timeout=SIGN_IN_PHASE + 5)
        log(f"signed in after {time.monotonic() - started:.0f} s")
        start = time.monotonic()
        world.deadline = start + args.seconds
        self.faults = self.schedule(start, args.seconds)
        fault_thread = threading.Thread(target=self.run_faults, args=(world.deadline,), daemon=True)
        log(f"load: {args.writers} writers, {args.readers} readers, {args.seconds} s")
        world.go.set()
        fault_thread.start()
        hard_stop = world.deadline + 2 * HTTP_TIMEOUT + 60
        for thread in [*threads, fault_thread]:
            thread.join(timeout=max(0.1, hard_stop - time.monotonic()))
        still = sum(t.is_alive() for t in threads)
        elapsed = time.monotonic() - start
        log(f"load over after {elapsed:.0f} s ({still} people still in a request)")

        tasks, drain = self.drain()
        facts["run"] = self.run_id
        source = self.tmp / "acked.json"
        source.write_text(json.dumps(facts))
        found = self.internal("_inspect", "--source", str(source))
        return self.figures(world, stats, found, tasks, drain, elapsed)

    def drain(self) -> tuple[dict, str]:
        """Let the task worker empty the queue (restarted if it died); bounded."""
        worker = self.procs.running.get("db_worker")
        if worker is None or worker.poll() is not None:
            self.start_worker()
        timeout = 30 if self.args.quick else 120
        deadline = time.monotonic() + timeout
        tasks: dict = {}
        started = time.monotonic()
        idle_since, last = started, None
        while time.monotonic() < deadline:
            try:
                tasks = self.internal("_tasks", timeout=60)
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                tasks = {"error": str(error)[:200]}
            took = time.monotonic() - started
            if "error" not in tasks and not tasks.get("READY"):
                if not tasks.get("RUNNING"):
                    return tasks, f"drained in {took:.0f} s"
                # RUNNING with nothing READY and no progress: the task of a killed worker.
                if tasks != last:
                    idle_since = time.monotonic()
                elif time.monotonic() - idle_since > 3 * TASK_STALE_AFTER:
                    return tasks, f"{tasks['RUNNING']} stuck RUNNING after {took:.0f} s"
            last = tasks
            time.sleep(2)
        return tasks, f"not drained after {timeout} s"

    # The figures -----------------------------------------------------------------------

    def figures(self, world, stats, found, tasks, drain, elapsed) -> dict:
        saved = found["saved"]
        by_marker = defaultdict(list)
        for row in saved:
            by_marker[row["marker"]].append(row)
        acked = {a.marker: a for a in world.acked}
        lost = [m for m in acked if m not in by_marker]
        duplicated = [m for m, rows in by_marker.items() if len(rows) > 1]
        orphaned = 0
        for marker, rows in by_marker.items():
            expected = acked.get(marker)
            for row in rows:
                wrong_parent = expected is not None and row["parent_id"] != expected.parent_id
                if not row["in_place"] or not row["parent_in_place"] or wrong_parent:
                    orphaned += 1
        unacked_saved = len([m for m in by_marker if m not in acked])

        windows = [f.outage for f in self.faults if f.outage and f.outage[1]]

        def in_outage(started: float, ended: float) -> bool:
            return any(started <= end and ended >= begin for begin, end in windows)

        statuses = Counter()
        errors_5xx = Counter()  # (status, kind) outside an outage, or not a 503 inside one
        outage_503 = 0
        transport = Counter()
        for kind, status, started, ended in stats.rows:
            statuses[status] += 1
            outage = in_outage(started, ended)
            if status.startswith("error:"):
                transport[(kind, status, "outage" if outage else "no outage")] += 1
            elif status.startswith("5"):
                if outage and status == "503":
                    outage_503 += 1
                else:
                    errors_5xx[(status, kind, "outage" if outage else "no outage")] += 1

        emails = self.count_emails()
        per_notification = Counter()
        unsent = Counter()  # why a notification got no email: its tasks' states
        for n in found["notifications"]:
            sent = emails.get((n["email"].lower(), n["comment_id"]), 0)
            per_notification[sent] += 1
            if not sent:
                unsent["+".join(sorted(n["tasks"])) or "no task enqueued"] += 1
        expected_emails = len(found["notifications"])
        once = per_notification.get(1, 0)
        zero = per_notification.get(0, 0)
        more = sum(v for k, v in per_notification.items() if k > 1)

        whole = [t[2:] for t in found["texts"] if t[1] == REFERENCE]
        half_written = [t for t in found["texts"] if not whole or t[2:] != whole[0]]
        return {
            "db": self.db,
            "writers": self.args.writers,
            "readers": self.args.readers,
            "seconds": self.args.seconds,
            "elapsed": round(elapsed),
            "requests": len(stats.rows),
            "statuses": statuses,
            "acked": len(acked),
            "saved": len(saved),
            "lost": len(lost),
            "lost_sample": lost[:5],
            "duplicated": len(duplicated),
            "orphaned": orphaned,
            "unacked_saved": unacked_saved,
            "errors_5xx": errors_5xx,
            "5xx_outside": sum(n for k, n in errors_5xx.items() if k[2] == "no outage"),
            "5xx_outage": sum(n for k, n in errors_5xx.items() if k[2] == "outage"),
            "outage_503": outage_503,
            "transport": transport,
            "pages_checked": world.pages_checked,
            "stale": len(world.stale),
            "stale_sample": world.stale[:3],
            "stale_page_cache": sum(1 for x in world.stale if x["missing_at_fresh_url"] == 0),
            "counters": world.counters,
            "faults": self.faults,
            "tasks": tasks,
            "drain": drain,
            "emails_expected": expected_emails,
            "emails_once": once,
            "emails_zero": zero,
            "emails_more": more,
            "unsent": unsent,
            "email_files": len(list((self.tmp / "mail").iterdir())),
            "texts": found["texts"],
            "half_written": len(half_written),
            "server_errors": self.server_errors(),
        }

    def count_emails(self) -> Counter:
        """(recipient, comment id) → how many notification emails name that comment."""
        counts = Counter()
        for path in (self.tmp / "mail").iterdir():
            raw = path.read_bytes().decode("utf-8", "replace")
            for chunk in raw.split(f"\n{MAIL_SEPARATOR}\n"):
                if not chunk.strip():
                    continue
                message = email.message_from_string(chunk.lstrip("\n"))
                body = message.get_payload(decode=True) or b""
                if isinstance(body, bytes):
                    body = body.decode("utf-8", "replace")
                match = re.search(r"#c-(\d+)", body)
                if match:
                    counts[(str(message["To"]).strip().lower(), int(match.group(1)))] += 1
        return counts

    def server_errors(self) -> Counter:
        """The last line of each traceback the server processes logged, counted."""
        found = Counter()
        for name in ("gunicorn", "db_worker"):
            path = self.tmp / "logs" / f"{name}.log"
            if not path.exists():
                continue
            lines = path.read_text(errors="replace").splitlines()
            for i, line in enumerate(lines):
                if line.startswith("Traceback"):
                    j = i + 1
                    while j < len(lines) and (lines[j].startswith(" ") or not lines[j]):
                        j += 1
                    if j < len(lines):
                        found[f"{name}: {lines[j][:160]}"] += 1
        return found

    def cleanup(self) -> None:
        # A SIGTERM now would stop the cleanup half-way: finish it first (it is bounded).
        pending = []
        previous = signal.signal(signal.SIGTERM, lambda *_: pending.append(True))
        try:
            self._cleanup()
        finally:
            signal.signal(signal.SIGTERM, previous)
        if pending:
            sys.exit(143)

    def _cleanup(self) -> None:
        self.procs.stop_all()
        if self.args.keep:
            log(f"kept {self.tmp}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)


# --- Printing ---------------------------------------------------------------------------


def report(f: dict) -> str:
    lines = [
        "",
        f"== {f['db']}: {f['writers']} writers, {f['readers']} readers, {f['seconds']} s "
        f"(over after {f['elapsed']} s: requests in flight finish), {f['requests']} requests "
        f"(COMMENT_RATE_LIMIT and WRITE_RATE_LIMIT set to {RATE_LIMIT} for the servers)",
    ]
    rows = [
        ("comments acknowledged", f["acked"]),
        ("comments saved (with a marker)", f["saved"]),
        ("lost (acknowledged, not saved)", f["lost"]),
        ("duplicated (one marker, several rows)", f["duplicated"]),
        ("orphaned (reply's parent missing or elsewhere)", f["orphaned"]),
        ("saved but never acknowledged", f["unacked_saved"]),
        ("5xx outside outages (errors)", f["5xx_outside"]),
        ("5xx during an outage, not 503 (errors)", f["5xx_outage"]),
        ("503 during an outage (expected unavailability)", f["outage_503"]),
        ("transport errors (no answer)", sum(f["transport"].values())),
        ("pages checked for staleness", f["pages_checked"]),
        (f"stale pages (missing a comment acked > {STALE_AFTER:.0f} s before)", f["stale"]),
        ("  of which fresh at a new URL (a kept page copy)", f["stale_page_cache"]),
        ("notification emails owed (replies, mentions)", f["emails_expected"]),
        ("  sent exactly once", f["emails_once"]),
        ("  sent zero times", f["emails_zero"]),
        ("  sent more than once", f["emails_more"]),
        ("email files written", f["email_files"]),
        ("half-written imported texts", f["half_written"]),
    ]
    width = max(len(name) for name, _ in rows)
    lines += [f"  {name:<{width}}  {value}" for name, value in rows]
    lines.append("  statuses: " + ", ".join(f"{k}={v}" for k, v in sorted(f["statuses"].items())))
    for (status, kind, when), n in sorted(f["errors_5xx"].items()):
        lines.append(f"  5xx: {status} on {kind} ({when}): {n}")
    for (kind, status, when), n in sorted(f["transport"].items()):
        lines.append(f"  no answer: {status} on {kind} ({when}): {n}")
    for name, n in sorted(f["counters"].items()):
        lines.append(f"  {name}: {n}")
    for fault in f["faults"]:
        lines.append(f"  fault: {fault.name}: {fault.outcome}")
    lines.append(f"  task queue after the run: {f['tasks']} ({f['drain']})")
    for why, n in f["unsent"].most_common():
        lines.append(f"  emails not sent, their task: {why}: {n}")
    lines.append(
        f"  imported texts of the killed file (id, title, sections, paragraphs): {f['texts']}"
    )
    if f["lost_sample"]:
        lines.append(f"  lost, e.g.: {', '.join(f['lost_sample'])}")
    for stale in f["stale_sample"]:
        lines.append(
            f"  stale, e.g.: {stale['missing']} missing, the oldest acknowledged "
            f"{stale['oldest_ack_age']} s before; at a fresh URL "
            f"{stale['missing_at_fresh_url']} still missing"
        )
    for line, n in f["server_errors"].most_common(8):
        lines.append(f"  logged: {n} x {line}")
    return "\n".join(lines)


def summary(f: dict) -> str:
    return (
        f"{f['db']}: writers={f['writers']} s={f['seconds']} acked={f['acked']} "
        f"lost={f['lost']} dup={f['duplicated']} orphan={f['orphaned']} "
        f"5xx={f['5xx_outside'] + f['5xx_outage']} (outside outages={f['5xx_outside']}, "
        f"in outages={f['5xx_outage']}; outage 503s={f['outage_503']}) stale={f['stale']} "
        f"emails exactly-once={f['emails_once']}/{f['emails_expected']} "
        f"(zero={f['emails_zero']} more={f['emails_more']}) "
        f"half-written-imports={f['half_written']}"
    )


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1].startswith("_"):
        return internal(sys.argv[1], sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--writers", type=int, default=None, help="default 50 (--quick: 5)")
    parser.add_argument("--readers", type=int, default=None, help="default 4 (--quick: 2)")
    parser.add_argument("--seconds", type=int, default=None, help="default 60 (--quick: 10)")
    parser.add_argument("--pause", type=float, default=0.5, help="mean pause between posts")
    parser.add_argument("--gunicorn-workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="5 writers, 2 readers, 10 s")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir and its logs")
    args = parser.parse_args()
    quick = args.quick
    args.writers = args.writers if args.writers is not None else (5 if quick else 50)
    args.readers = args.readers if args.readers is not None else (2 if quick else 4)
    args.seconds = args.seconds if args.seconds is not None else (10 if quick else 60)
    if not 1 <= args.writers <= 200 or not 0 <= args.readers <= 50 or args.seconds < 1:
        parser.error("writers must be 1..200, readers 0..50, seconds >= 1")

    # A SIGTERM (a timeout, a CI stop) unwinds like Ctrl-C, so every `finally` stops its servers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    legs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results, failed = [], []
    for db in legs:
        leg = Leg(db, args)
        try:
            log(f"--- {db} leg in {leg.tmp}")
            figures = leg.run()
            print(report(figures), flush=True)
            results.append(figures)
        except Exception as error:  # the leg could not run: say why, go on, exit non-zero
            failed.append(db)
            print(f"\n{db}: could not run: {error}", flush=True)
            for name in ("gunicorn", "db_worker", "postgres", "redis"):
                tail = leg.procs.tail(name, 8)
                if tail:
                    print(f"--- {name} log:\n{tail}")
        finally:
            leg.cleanup()
    print()
    for figures in results:
        print(summary(figures))
    for db in failed:
        print(f"{db}: could not run")
    return 1 if failed or not results else 0


def internal(command: str, argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--writers", type=int, default=0)
    parser.add_argument("--readers", type=int, default=0)
    parser.add_argument("--source", type=Path)
    args = parser.parse_args(argv)
    if command == "_seed":
        internal_seed(args.out, args.writers, args.readers)
    elif command == "_tasks":
        internal_tasks(args.out)
    elif command == "_inspect":
        internal_inspect(args.source, args.out)
    else:
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
