"""Production, end to end: docs/deploy.md brought up on loopback and used as a person would.

nginx (Debian's package) with a self-signed certificate in front of `incheck serve` on a
throwaway PostgreSQL, with the documented environment (see `deploy_stack`). One set-up for the
module (~1 minute on a busy machine); it runs once per `make test`, on the SQLite pass: it
brings its own PostgreSQL, so the PostgreSQL pass would only repeat it. `make test-deploy` runs
it alone.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.core.management import ManagementUtility

from incheck.conftest import chromium_path
from incheck.tests.deploy_stack import HOST, Stack, doc_block, running_stack

pytestmark = [pytest.mark.deploy]

ADMIN, PASSWORD = "ops", "a long deploy pass phrase 7"


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    if os.environ.get("DATABASE_URL"):
        pytest.skip("brings its own PostgreSQL: runs once, on the SQLite pass of make test")
    with running_stack() as running:
        created = running.incheck(
            "createsuperuser",
            "--no-input",
            env={
                "DJANGO_SUPERUSER_USERNAME": ADMIN,
                "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
                "DJANGO_SUPERUSER_EMAIL": "ops@example.org",
            },
        )
        assert created.returncode == 0, created.stderr
        yield running


@pytest.fixture(scope="module")
def token(stack: Stack) -> str:
    made = stack.incheck("token", "create", ADMIN)
    assert made.returncode == 0, made.stderr
    return made.stdout.strip()


def api(stack: Stack, token: str, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    response = stack.https(
        method,
        f"/api/v1{path}",
        body=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    raw = response.read_body  # type: ignore[attr-defined]
    return response.status, json.loads(raw) if raw else None


def test_the_documented_environment_passes_djangos_deploy_check(stack: Stack) -> None:
    result = stack.incheck("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_plain_http_is_redirected_to_the_same_address_on_https(stack: Stack) -> None:
    response = stack.http("GET", "/key-results/7/?x=1")
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/key-results/7/?x=1"


def test_static_files_come_from_nginx_with_a_long_cache(stack: Stack) -> None:
    page = stack.https("GET", "/accounts/login/").read_body.decode()  # type: ignore[attr-defined]
    stylesheet = re.search(r'href="(/static/incheck/app\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "collectstatic's hashed name is in the page"
    response = stack.https("GET", stylesheet.group(1))
    assert response.status == 200
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    on_disk = (stack.folder / "var" / stylesheet.group(1).removeprefix("/")).read_bytes()
    assert response.read_body == on_disk  # type: ignore[attr-defined]


def test_the_api_answers_through_the_proxy_with_its_own_limits(stack: Stack, token: str) -> None:
    status, me = api(stack, token, "GET", "/me")
    assert (status, me["username"], me["is_admin"]) == (200, ADMIN, True)
    # The forwarded scheme reached the app: the links it makes are https.
    for n in range(3):
        api(stack, token, "POST", "/teams", {"name": f"Team {n}"})
    status, teams = api(stack, token, "GET", "/teams?limit=2")
    assert status == 200 and teams["next"].startswith(f"https://{HOST}")
    # A body over the app's limit gets the app's own answer; a much bigger one nginx's.
    too_big = stack.https(
        "POST",
        "/api/v1/periods",
        body=b'{"name": "' + b"x" * 300_000 + b'"}',
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert too_big.status == 413
    assert json.loads(too_big.read_body)["error"] == "too_large"  # type: ignore[attr-defined]
    far_too_big = stack.https("POST", "/api/v1/periods", body=b"x" * 2_000_000)
    assert far_too_big.status == 413 and b"nginx" in far_too_big.read_body  # type: ignore[attr-defined]
    status, _body = api(stack, "inc_not-a-token", "GET", "/me")
    assert status == 401


def test_a_person_signs_in_over_https_and_records_a_sitting(stack: Stack, token: str) -> None:
    today = dt.date.today()
    start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = (start + dt.timedelta(days=95)).replace(day=1) - dt.timedelta(days=1)
    quarter = f"{today.year} Q{(today.month - 1) // 3 + 1}"
    status, period = api(
        stack,
        token,
        "POST",
        "/periods",
        {"name": quarter, "start_on": str(start), "end_on": str(end)},
    )
    assert status == 201, period
    status, me = api(stack, token, "GET", "/me")
    status, objective = api(
        stack,
        token,
        "POST",
        "/objectives",
        {"period_id": period["id"], "title": "Run Incheck in production", "owner_id": me["id"]},
    )
    assert status == 201, objective
    status, kr = api(
        stack,
        token,
        "POST",
        "/key-results",
        {"objective_id": objective["id"], "title": "Teams checking in", "target_value": 10},
    )
    assert status == 201, kr

    # Its own Playwright in its own thread: the launch needs a host-resolver rule, and this
    # xdist worker may already hold the session's browser (one sync Playwright per thread).
    def sign_in_and_check_in() -> None:
        from playwright.sync_api import sync_playwright

        path = chromium_path()
        assert path, "Chromium is installed by make test"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=path,
                headless=True,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    f"--host-resolver-rules=MAP {HOST} 127.0.0.1",
                ],
            )
            try:
                context = browser.new_context(ignore_https_errors=True, locale="en-GB")
                context.set_default_timeout(20_000)
                page = context.new_page()
                first = page.goto(f"{stack.origin}/accounts/login/")
                assert first is not None and first.status == 200
                assert "max-age=31536000" in (first.header_value("Strict-Transport-Security") or "")
                page.fill("input[name=username]", ADMIN)
                page.fill("input[name=password]", PASSWORD)
                page.click("form[action='/accounts/login/'] button[type=submit]")
                page.wait_for_url(lambda url: "/accounts/login/" not in url)
                cookies = {cookie["name"]: cookie for cookie in context.cookies()}
                assert cookies["sessionid"]["secure"] and cookies["sessionid"]["httpOnly"]
                assert cookies["csrftoken"]["secure"]

                page.goto(f"{stack.origin}/key-results/{kr['id']}/")
                page.fill("input[name=progress_value]", "3")
                page.fill(
                    "textarea[name=progress_text]", "Growth and Platform check in weekly now."
                )
                page.fill("input[name=confidence_level]", "7")
                page.fill(
                    "textarea[name=confidence_text]", "Sales has not started; I meet them Monday."
                )
                page.fill(
                    "textarea[name=next_up_text]",
                    "By Friday I will run a 20-minute demo for Sales and set up their first KR.",
                )
                page.fill("input[name=next_up_due_on]", str(today + dt.timedelta(days=7)))
                page.click("#check-in button[type=submit]")
                page.wait_for_selector("#checkin-saved")
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(sign_in_and_check_in).result(timeout=300)
    status, timeline = api(stack, token, "GET", f"/key-results/{kr['id']}/check-ins")
    assert status == 200
    assert {item["kind"] for item in timeline["items"]} == {"progress", "confidence", "next_up"}


def test_a_backup_restores_to_the_same_organisation(stack: Stack, token: str) -> None:
    """docs/deploy.md, Backups: pg_dump → pg_restore into a new database gives the same
    organisation, as `incheck export` sees it."""
    assert shutil.which("pg_dump") and shutil.which("pg_restore")
    api(stack, token, "POST", "/teams", {"name": "Backed up"})
    folder = stack.folder
    original = stack.incheck(
        "export", "--format", "json", "--with-password-hashes", "--output", str(folder / "a.json")
    )
    assert original.returncode == 0, original.stderr
    dump = folder / "incheck.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", f"--file={dump}", stack.database_url],
        check=True,
        timeout=300,
    )
    base = stack.database_url.rsplit("/", 1)[0]
    subprocess.run(
        ["createdb", "--maintenance-db", stack.database_url, "restored"], check=True, timeout=60
    )
    subprocess.run(
        ["pg_restore", "--no-owner", f"--dbname={base}/restored", str(dump)],
        check=True,
        timeout=300,
    )
    restored = stack.incheck(
        "export",
        "--format",
        "json",
        "--with-password-hashes",
        "--output",
        str(folder / "b.json"),
        env={"DATABASE_URL": f"{base}/restored"},
    )
    assert restored.returncode == 0, restored.stderr
    # (An export imported into an empty database exports the same again: the round-trip tests
    # of incheck/portability prove it on both databases.)

    def without_time(name: str) -> list[str]:
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        assert lines[3].startswith('"exported_at"')
        return lines[:3] + lines[4:]

    assert without_time("a.json") == without_time("b.json")
    assert '"name":"Backed up"' in (folder / "b.json").read_text(encoding="utf-8")


def test_the_documented_units_run_commands_that_exist() -> None:
    """The systemd units of docs/deploy.md name real `incheck` commands and options."""
    commands = [
        line.split("=", 1)[1].split()
        for name in ("systemd-web", "systemd-jobs", "systemd-sessions")
        for line in doc_block(name).splitlines()
        if line.startswith("ExecStart=")
    ]
    assert commands[0][:2] == ["/srv/incheck/venv/bin/incheck", "serve"]
    # The habit loop runs all the time (not from a timer): `incheck jobs --loop`.
    assert commands[1][1:] == ["jobs", "--loop"]
    for command in commands:
        parser = (
            ManagementUtility(["incheck"])
            .fetch_command(command[1])
            .create_parser("incheck", command[1])
        )
        options = {option for action in parser._actions for option in action.option_strings}
        for option in (part for part in command[2:] if part.startswith("--")):
            assert option in options, f"incheck {command[1]} has no {option}"
