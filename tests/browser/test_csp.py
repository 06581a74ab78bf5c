"""Every main page under the enforced Content-Security-Policy: no violation, nothing broken.

The policy is enforced here (production starts in Report-Only, see tests/test_csp.py), so a
violation really blocks the script or style and shows up three ways, all collected: the
page's `securitypolicyviolation` events (an init script records them), Chromium's console
("Refused to ..."), and the reports it posts to /csp-report (logged by the server).
In Report-Only mode, a violation is let through and Chromium's report reaches the log.
"""

from __future__ import annotations

import logging
import os

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from studygroup.accounts.models import User
from studygroup.discussion.models import Comment
from studygroup.groups.models import ReadingGroup
from studygroup.library.models import Section, Text

WEEK = 3
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`
    + (e.sample ? ` (${e.sample})` : ""));
});
"""


@pytest.fixture
def enforced(settings):
    """The production policy, enforced instead of Report-Only, with reports never throttled."""
    settings.CONTENT_SECURITY_POLICY = django_settings.CSP_POLICY
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = None
    settings.CSP_REPORT_RATE_LIMIT = "1000/m"


@pytest.fixture
def report_only(settings):
    """Production's default (whatever CSP_ENFORCE says in this test run)."""
    settings.CONTENT_SECURITY_POLICY = None
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = django_settings.CSP_REPORT_ONLY_POLICY


class Watch:
    """A browser page, signed in as `user` or not, noting every CSP violation and JS error."""

    def __init__(self, new_page, live_server, user: User | None):
        self.page = new_page()
        self.page.context.add_init_script(RECORD_VIOLATIONS)
        self.where = ""
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.note(f"page error: {error}"))
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
            self.page.context.add_cookies(
                [
                    {
                        "name": django_settings.SESSION_COOKIE_NAME,
                        "value": cookie.value,
                        "url": live_server.url,
                    }
                ]
            )

    def note(self, problem: str) -> None:
        self.problems.append(f"{self.where}: {problem}")

    def _console(self, message) -> None:
        # Chromium words every CSP block as "Refused to …"; other console errors (the admin's
        # missing /favicon.ico) are not this test's business.
        if "Content Security Policy" in message.text or message.text.startswith("Refused to"):
            self.note(f"console {message.type}: {message.text}")

    def visit(self, url: str) -> None:
        self.where = url
        response = self.page.goto(url)
        assert response is not None and response.status == 200, url
        assert "content-security-policy" in response.headers, f"{url} is not enforced"
        self.page.wait_for_load_state("networkidle")
        self.collect()

    def collect(self) -> None:
        """The violation events seen since the last look."""
        for violation in self.page.evaluate("window.__cspViolations.splice(0)"):
            self.note(violation)


def reported(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "studygroup.csp"]


@pytest.mark.django_db(transaction=True)
def test_every_main_page_runs_under_the_enforced_policy(enforced, new_page, live_server, caplog):
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    caplog.set_level(logging.WARNING, logger="studygroup.csp")
    text = Text.objects.get()
    group = ReadingGroup.objects.get(is_public=True)
    section = Section.objects.filter(text=text, level=1, kind="body").order_by("position").first()
    week = reverse("discussion:reading", kwargs={"slug": group.slug, "number": WEEK})
    reading_pk = group.adoptions.get(text=text).readings.get(number=WEEK).pk
    problems: list[str] = []

    anonymous = Watch(new_page, live_server, None)
    for url in (
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
        "/",
        text.get_absolute_url(),
        reverse("tags:list"),
    ):
        anonymous.visit(url)
    problems += anonymous.problems

    facilitator = Watch(new_page, live_server, User.objects.get(username="frances"))
    for url in (
        "/",
        reverse("library:texts"),
        text.get_absolute_url(),
        reverse("library:section", args=[text.slug, section.pk]),
        reverse("library:reading", args=[text.slug, WEEK]),
        reverse("groups:list"),
        group.get_absolute_url(),
        reverse("groups:schedule", args=[group.slug]),
        reverse("groups:edit", args=[group.slug]),
        reverse("groups:create"),
        reverse("groups:requests", args=[group.slug]),
        reverse("library:readings", args=[text.slug]),
        reverse("export:group", args=[group.slug]),
        reverse("export:member"),
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("groups:members", args=[group.slug]),
        reverse("groups:invitations", args=[group.slug]),
        reverse("moderation:log", args=[group.slug]),
        reverse("moderation:reports", args=[group.slug]),
        reverse("discussion:heatmap", args=[group.slug, reading_pk]),
        reverse("notifications:list"),
        reverse("notifications:settings"),
        reverse("search:search") + "?q=circle",
    ):
        facilitator.visit(url)
    problems += facilitator.problems

    # A member on the week's page: the discussion, the text size, the reply and report forms.
    member = Watch(new_page, live_server, User.objects.get(username="rosa"))
    page = member.page
    member.visit(week)
    with page.expect_request(lambda request: "/poll/" in request.url, timeout=8_000):
        pass  # the live poller still runs (its visibility check moved out of an eval)
    page.locator("#reader-size-larger").click()
    expect(page.locator("#reader-size-now")).to_have_text("115%")
    expect(page.locator("article.reading-text")).to_have_class("reader reading-text reader-at-115")
    confused = Comment.objects.get(body__startswith="I'm lost here.")
    page.locator(f"#c-{confused.pk}").get_by_role("link", name="Reply").first.click()
    expect(page.get_by_label("Your reply")).to_be_visible()
    page.locator(f"#c-{confused.pk}-slot").get_by_role("link", name="Cancel").click()
    page.get_by_role("link", name="Report the comment by Tomás Ruiz").first.click()
    expect(page.get_by_label("What is wrong with this comment?")).to_be_visible()
    member.collect()
    member.visit(f"{week}?paragraph={confused.paragraph_id}")
    problems += member.problems

    admin = Watch(new_page, live_server, User.objects.get(username="ada"))
    for url in (
        reverse("admin:index"),
        reverse("admin:library_dashboard"),
        reverse("admin:library_text_import"),
        reverse("admin:library_text_change", args=[text.pk]),
        reverse("admin:library_section_change", args=[section.pk]),
        reverse("admin:library_text_changelist"),
    ):
        admin.visit(url)
    problems += admin.problems

    problems += [f"reported to /csp-report: {line}" for line in reported(caplog)]
    assert problems == [], "Content-Security-Policy violations or errors:\n" + "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_the_poller_waits_while_a_reply_is_being_written(enforced, new_page, live_server):
    """Its condition left hx-trigger (an eval) for reading.js: it must still hold."""
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    group = ReadingGroup.objects.get(is_public=True)
    week = reverse("discussion:reading", kwargs={"slug": group.slug, "number": WEEK})
    member = Watch(new_page, live_server, User.objects.get(username="rosa"))
    page = member.page
    polls: list[str] = []
    page.on("request", lambda request: "/poll/" in request.url and polls.append(request.url))
    member.visit(week)

    confused = Comment.objects.get(body__startswith="I'm lost here.")
    page.locator(f"#c-{confused.pk}").get_by_role("link", name="Reply").first.click()
    page.get_by_label("Your reply").fill("Half-written thoughts")
    polls.clear()
    page.wait_for_timeout(6_000)  # more than one 5 s poll interval
    assert polls == []
    expect(page.get_by_label("Your reply")).to_have_value("Half-written thoughts")

    page.locator(f"#c-{confused.pk}-slot").get_by_role("link", name="Cancel").click()
    with page.expect_request(lambda request: "/poll/" in request.url, timeout=8_000):
        pass
    member.collect()
    assert member.problems == []


@pytest.mark.django_db(transaction=True)
def test_report_only_lets_a_violation_through_and_logs_chromiums_report(
    report_only, page, live_server, caplog
):
    caplog.set_level(logging.WARNING, logger="studygroup.csp")
    page.context.add_init_script(RECORD_VIOLATIONS)
    response = page.goto("/")
    assert "content-security-policy" not in response.headers
    assert "report-uri /csp-report" in response.headers["content-security-policy-report-only"]
    assert response.headers["x-frame-options"] == "DENY"
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__cspViolations") == []

    # Something the policy forbids: an inline style element, added by script.
    page.evaluate(
        """document.head.insertAdjacentHTML(
            "beforeend", "<style>.brand { color: rgb(1, 2, 3) }</style>")"""
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    brand = page.locator(".brand").evaluate("el => getComputedStyle(el).color")
    assert brand == "rgb(1, 2, 3)", "Report-Only blocks nothing"
    for _ in range(50):  # the browser posts its report on its own time
        if reported(caplog):
            break
        page.wait_for_timeout(100)
    [line] = reported(caplog)
    assert '"effective-directive": "style-src-elem"' in line
    assert '"blocked-uri": "inline"' in line
