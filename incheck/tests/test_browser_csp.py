"""The Content-Security-Policy holds on every page: no inline script anywhere, no violation.

A browser signs in to the demo organisation and crawls every page a person can reach by
following links (one page per kind of page), plus the pages in PAGES that no link leads to,
and fails on any Content-Security-Policy violation the browser reports.

Adding a page: if a link leads to it from a page that is reached, the crawl finds it; if not
(a form's target, a page behind a button), add its path to PAGES (or SIGNED_OUT_PAGES).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest
from django.db import connection
from django.test import Client
from django.urls import Resolver404, resolve

from incheck.conftest import FROZEN_NOW, sign_in
from incheck.okrs.demo import DEMO_PASSWORD, DEMO_USERNAME, load_demo

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

# Pages no link leads to (or only a button), as the demo administrator sees them.
PAGES: list[str] = [
    "/accounts/tokens/",
    "/api/v1/docs",
    "/admin/",
    "/admin/auth/user/",
    "/admin/auth/user/add/",
    "/no-such-page/",
]
SIGNED_OUT_PAGES: list[str] = [
    "/accounts/login/",
    "/accounts/password/reset/",
    "/accounts/password/reset/sent/",
    "/accounts/password/reset/MQ/no-such-token/",
    "/accounts/password/reset/done/",
    "/invitations/no-such-invitation/",
]
# Not pages: files, feeds, actions; and the admin's many model pages beyond those above.
SKIP = re.compile(r"^/(static/|api/|admin/|accounts/logout/)|\.(ics|csv|json)$")
MAX_PAGES = 120

# Records what the browser reports, before any script of the page runs.
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample || ""}`);
});
"""

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_header_forbids_inline_script(client: Client) -> None:
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in directives["style-src"]


INLINE_SCRIPT = [
    # A JSON data block (the API docs' settings) is data, never run.
    (
        re.compile(r"<script(?![^>]*\b(?:src=|type=[\"']application/json))[^>]*>", re.I),
        "a <script> without src",
    ),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an inline event handler (onclick=…)"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
    (re.compile(r"\shx-on", re.I), "hx-on (htmx evaluates it as script)"),
    (re.compile(r"""hx-vals=["']\s*js:""", re.I), "hx-vals with js:"),
    (re.compile(r"<style", re.I), "a <style> element"),
]


def test_no_template_has_inline_script() -> None:
    found = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        for pattern, what in INLINE_SCRIPT:
            # E-mails are no pages (and mail clients want their styles inline).
            if pattern.search(text) and template.parts[-2] != "notify":
                found.append(f"{template.relative_to(TEMPLATES)}: {what}")
    assert found == [], "move it into a static file (docs/architecture.md, Security)"


@pytest.fixture
def demo_site(live_server: Any) -> Iterator[Any]:
    if connection.vendor == "postgresql":
        # What the browser allows does not depend on the database; the crawl runs on SQLite.
        pytest.skip("the policy is the same on every database")
    load_demo(today=FROZEN_NOW.date())
    yield live_server


def page_kind(path: str) -> str | None:
    """One page of each kind: /key-results/12/ and /key-results/13/ are the same kind."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def visit(page: Any, path: str, problems: list[str]) -> str:
    page.goto(path)
    page.wait_for_load_state("load")
    for violation in page.evaluate("window.__csp"):
        problems.append(f"{path}: {violation}")
    return str(page.url)


def links(page: Any, base: str) -> list[str]:
    found = []
    for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
        url = urlparse(urljoin(base, href))
        if url.netloc == urlparse(base).netloc:
            found.append(url.path + (f"?{url.query}" if url.query else ""))
    return found


def crawl(page: Any, start: list[str], problems: list[str], seen: set[str]) -> list[str]:
    visited: list[str] = []
    queue = list(start)
    kinds: set[str] = set()
    while queue and len(visited) < MAX_PAGES:
        path = queue.pop(0)
        kind = page_kind(urlparse(path).path)
        if path in seen or SKIP.search(urlparse(path).path) or kind is None or kind in kinds:
            continue
        seen.add(path)
        kinds.add(kind)
        url = visit(page, path, problems)
        visited.append(path)
        queue.extend(link for link in links(page, url) if link not in seen)
    return visited


def console_errors(page: Any) -> Callable[[], list[str]]:
    messages: list[str] = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return lambda: messages


def test_no_page_breaks_the_content_security_policy(demo_site: Any, browser: Any) -> None:
    problems: list[str] = []
    context = browser.new_context(base_url=demo_site.url, locale="en-GB")
    context.set_default_timeout(15_000)
    context.add_init_script(LISTEN)
    page = context.new_page()
    console = console_errors(page)
    try:
        for path in SIGNED_OUT_PAGES:
            visit(page, path, problems)
        sign_in(page, DEMO_USERNAME, DEMO_PASSWORD)
        seen: set[str] = set()
        visited = crawl(page, ["/"], problems, seen)
        for path in PAGES:
            visit(page, path, problems)

        # htmx at work: live coaching swaps hints in as one types.
        kr_page = next(path for path in visited if path.startswith("/key-results/"))
        visit(page, kr_page, problems)
        page.fill("textarea[name=next_up_text]", "Look into the webinar numbers")
        page.wait_for_selector("#hints-next_up_text li")
        problems.extend(f"{kr_page} (coaching): {v}" for v in page.evaluate("window.__csp"))
    finally:
        context.close()
    # The crawl reached the pages a person uses (a guard against a crawl that found nothing).
    kinds = {page_kind(urlparse(path).path) for path in visited}
    assert {"inbox", "key_result_detail", "team_list", "period_list", "profile"} <= kinds, kinds
    assert problems == [] and console() == [], "\n".join(problems + console())
