"""The gate's machinery catches what it is there to catch (a gate that cannot fail is no gate)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from incheck.testing.accessibility import (
    AXE_PATH,
    add_axe,
    axe_missing_message,
    axe_violations,
    keyboard_problems,
)

pytestmark = pytest.mark.browser

# Each defect the issue names, once: a white-on-amber badge, a link told apart by colour only,
# a progress bar without a name, a field whose focus does not show, a control the Tab key
# skips. And one of each done right, which must pass.
DEFECTS = """<!doctype html><html lang="en"><head><title>t</title><style>
  body { color: #1c2333; }
  a { color: #3b5bdb; text-decoration: none; }
  .badge { background: #c27c0e; color: #fff; }
  .bare:focus { outline: none; }
  .ok:focus { outline: 2px solid #3b5bdb; }
</style></head><body><main>
  <p><span class="badge">Confidence</span></p>
  <p>Some text around <a href="/x">a link</a> that only its colour shows.</p>
  <div role="progressbar" aria-valuenow="40" aria-valuemin="0" aria-valuemax="100"></div>
  <label>Name <input class="bare" name="bare"></label>
  <label>Other <input class="ok" name="fine"></label>
  <button class="ok" tabindex="-1">Skipped</button>
</main></body></html>"""


@pytest.fixture
def blank(browser: Any) -> Any:
    if connection.vendor != "sqlite":
        pytest.skip("no database involved: runs once, with the SQLite half of make test")
    if not AXE_PATH.exists():
        pytest.fail(axe_missing_message())
    context = browser.new_context()
    add_axe(context)
    tab = context.new_page()
    yield tab
    context.close()


def test_axe_reports_the_contrast_the_unnamed_progress_bar_and_the_colour_only_link(blank):
    blank.set_content(DEFECTS)
    found = {violation.rule: violation for violation in axe_violations(blank)}
    assert {"color-contrast", "aria-progressbar-name", "link-in-text-block"} <= set(found)
    assert "Confidence" in found["color-contrast"].describe()
    assert all(v.impact in {"serious", "critical"} for v in found.values())


def test_the_tab_walk_reports_an_invisible_focus_and_a_skipped_control(blank):
    blank.set_content(DEFECTS)
    problems = "\n".join(keyboard_problems(blank))
    assert "focus not visible: <input name=bare>" in problems
    assert "not reachable with Tab: <button> Skipped" in problems
    assert "name=fine" not in problems
