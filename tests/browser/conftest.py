"""Playwright driving Debian's Chromium against a live server of the real app."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
# axe-core comes from npm (package-lock.json) into node_modules/: `make test` installs it.
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def new_page(browser, live_server, settings):
    """Open a fresh browser context (its own cookies) on the live server."""
    settings.SITE_URL = live_server.url  # the links the app hands out point at it
    contexts = []

    def open_page(viewport: dict | None = None):
        context = browser.new_context(base_url=live_server.url, viewport=viewport or DESKTOP)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


AXE_RUN = """async () => {
    const results = await axe.run(document, {
        runOnly: {type: "tag", values: [
            "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice",
        ]},
        resultTypes: ["violations"],
    });
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({
            target: n.target.join(" "), html: n.html, summary: n.failureSummary,
        })),
    }));
}"""


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.exists():
        message = (
            "axe-core is not installed in node_modules/. Run `make test` (it runs "
            "`npm ci`), or install Node.js and npm first (`apt-get install -y npm`)."
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE


@pytest.fixture
def axe(axe_script):
    """Run axe-core on a page; returns its violations (id, impact, help, nodes)."""

    def run(page) -> list[dict]:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            # Evaluated through the DevTools protocol, which the page's Content-Security-Policy
            # does not govern; an added <script> tag would be inline script, refused when the
            # policy is enforced (CSP_ENFORCE).
            page.evaluate(axe_script.read_text())
        return page.evaluate(AXE_RUN)

    return run


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    at {node['target']}: {node['html'][:160]}")
            lines.extend(f"      {line}" for line in (node["summary"] or "").splitlines()[:4])
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more")
    return "\n".join(lines)
