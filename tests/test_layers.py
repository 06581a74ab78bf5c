"""App imports run one way: accounts <- library <- groups <- discussion <- meetings, api and search
<- demo.

Every import statement under studygroup/ is read, function-level ones included, so a "lazy"
import is no way around it (docs/architecture.md). Where a lower app must let a higher one
act, it sends a signal or offers a registry instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "studygroup"

# Each app may import the apps of a lower rank, never one of the same or a higher rank.
APP_RANK = {
    "accounts": 0,
    "library": 1,
    "groups": 2,
    "discussion": 3,
    "meetings": 4,
    "api": 4,
    "search": 4,
    "demo": 5,
}
# Helpers that are no app: they may import accounts (the base) and each other, no other app.
SHARED = {"params", "site", "ratelimit", "cache", "serving", "middleware"}
# Above the apps, and importable by all of them: it may import any app's models, and only those.
POLICY = "policy"
# The project's wiring (URLconf, settings, entry points) may import anything.
TOP = {"urls", "views", "context_processors", "settings", "wsgi", "asgi", "__init__"}


def _imported(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, dotted name) of every `studygroup...` import, relative ones resolved."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            # `from studygroup import policy` names a module, not an attribute.
            found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] == "studygroup"]


def _allowed(source: list[str], target: list[str]) -> bool:
    """May module `source` (its dotted parts after "studygroup") import `target`?"""
    if not target:  # `import studygroup`
        return True
    src, dst = source[0], target[0]
    if src in TOP or src == dst:
        return True
    if src in SHARED:
        return dst in SHARED or dst == "accounts"
    if src == POLICY:
        models_of_an_app = dst in APP_RANK and target[1:2] == ["models"]
        return dst in SHARED or dst == "accounts" or models_of_an_app
    if dst in SHARED or dst == POLICY:
        return True
    # An app: only lower apps (and never the project's wiring: urls, views, ...).
    return dst in APP_RANK and APP_RANK[dst] < APP_RANK[src]


def back_edges(root: Path) -> list[str]:
    """Every import under `root` (the studygroup package) that runs against the layers."""
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if "migrations" in relative.parts:  # frozen history, never imported by the app code
            continue
        is_package = path.name == "__init__.py"
        parts = list(relative.with_suffix("").parts)
        if is_package:
            parts = parts[:-1] or ["__init__"]
        module = ".".join(["studygroup", *parts])
        tree = ast.parse(path.read_text(), str(path))
        for line, name in _imported(tree, module, is_package):
            target = name.split(".")[1:]
            if not _allowed(parts, target):
                found.append(f"{relative}:{line} imports {name}")
    return found


# Back-edges that came in with features built beside this test, each to be undone (a signal
# or a registry, as groups/signals.py, groups/split.py's followers and library/curation.py's
# registries do). Nothing may join them; today there are none.
KNOWN_BACK_EDGES: set[str] = set()


def _without_line(edge: str) -> str:
    where, _, what = edge.partition(" imports ")
    return f"{where.split(':')[0]} imports {what}"


def test_app_imports_run_one_way():
    edges = {_without_line(edge) for edge in back_edges(ROOT)}
    assert edges - KNOWN_BACK_EDGES == set()


def test_the_known_back_edges_are_still_there():
    """Once one is undone, it comes off the list, so it cannot quietly come back."""
    edges = {_without_line(edge) for edge in back_edges(ROOT)}
    assert KNOWN_BACK_EDGES - edges == set()


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "studygroup"
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    return root


def test_the_check_fails_on_a_back_edge(tmp_path):
    root = _package(
        tmp_path,
        {
            "library/__init__.py": "",
            "library/views.py": "def f():\n    from studygroup.groups.models import Membership\n",
            "groups/services.py": "from studygroup.discussion import notifications\n",
            "search/views.py": "from studygroup.demo import seed\n",
            "site.py": "from studygroup.groups import models\n",
            "policy.py": "from studygroup.discussion.services import post_comment\n",
            "discussion/views.py": "from studygroup import urls\n",
        },
    )
    assert back_edges(root) == [
        "discussion/views.py:1 imports studygroup.urls",
        "groups/services.py:1 imports studygroup.discussion.notifications",
        "library/views.py:2 imports studygroup.groups.models.Membership",
        "policy.py:1 imports studygroup.discussion.services.post_comment",
        "search/views.py:1 imports studygroup.demo.seed",
        "site.py:1 imports studygroup.groups.models",
    ]


def test_the_check_allows_what_the_layers_allow(tmp_path):
    root = _package(
        tmp_path,
        {
            "discussion/views.py": "\n".join(
                [
                    "from studygroup import policy",
                    "from studygroup.groups.models import Membership",
                    "from studygroup.library import readings",
                    "from studygroup.params import bounded_int",
                    "from studygroup.discussion.moderation import views",
                ]
            ),
            "library/importing/formats.py": "from . import pipeline\nfrom .document import X\n",
            "policy.py": "from studygroup.discussion.models import Comment\n",
            "accounts/admin.py": "from studygroup.policy import SiteAdminOnly\n",
            "cache.py": "from studygroup import ratelimit, accounts\n",
            "urls.py": "from studygroup.search import views\n",
        },
    )
    assert back_edges(root) == []
