"""The accessibility gate's machinery: axe-core inside the page, and a walk with the Tab key.

The gate itself (the list of pages) is `incheck/tests/test_accessibility.py`; this module holds
what it runs on each page, so that the list stays one line a page.

axe-core comes from npm (`package.json`, installed by `make node_modules`, which `make test`
runs). It is added to every document of a browser context as an init script, which the page's
Content-Security-Policy does not apply to (a `<script>` tag would be refused by it).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# WCAG 2.0 and 2.1, levels A and AA: the standard the product promises.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
# Moderate and minor findings are reported by axe too, but only these fail the gate.
BLOCKING_IMPACTS = frozenset({"serious", "critical"})


@dataclass(frozen=True)
class Violation:
    """One axe rule broken on one page, with the elements that break it."""

    rule: str
    impact: str
    help: str
    nodes: tuple[str, ...]

    def describe(self) -> str:
        shown = "\n".join(f"      {node}" for node in self.nodes[:6])
        more = f"\n      … and {len(self.nodes) - 6} more" if len(self.nodes) > 6 else ""
        return f"    {self.rule} ({self.impact}): {self.help}\n{shown}{more}"


def axe_missing_message() -> str:
    return f"{AXE_PATH} is missing: run `make node_modules` (make test runs it)"


# Counts requests in flight (htmx sends XMLHttpRequests), so the gate checks a page once what it
# loads has arrived (the profile page loads its token panel after the page itself). Counted on
# the request, not on htmx's events: those of an element swapped away never reach the document.
_COUNT_REQUESTS = """
(() => {
  window.__requests = 0;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    window.__requests += 1;
    this.addEventListener("loadend", () => { window.__requests -= 1; }, {once: true});
    return send.apply(this, args);
  };
})();
"""
_SETTLED = """() => window.__requests === 0 &&
  !document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added")"""


def add_axe(context: Any) -> None:
    """Make `window.axe` available in every page the browser context opens."""
    context.add_init_script(path=str(AXE_PATH))
    context.add_init_script(script=_COUNT_REQUESTS)


def wait_until_settled(page: Any, timeout: float = 10.0) -> None:
    """Wait until no htmx request is in flight and nothing is being swapped in."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(_SETTLED):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{page.url}: htmx requests still in flight after {timeout} s")
        time.sleep(0.02)


_RUN_AXE = r"""async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact || "",
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ") + "  " + n.html.slice(0, 160) +
      "\n        " + (n.failureSummary || "").split("\n").slice(1, 2).join("").trim()),
  }));
}"""


def axe_violations(page: Any) -> list[Violation]:
    """The serious and critical WCAG 2.1 AA violations axe finds in the page as it is now."""
    found = page.evaluate(_RUN_AXE, list(WCAG_TAGS))
    return [
        Violation(
            rule=item["rule"], impact=item["impact"], help=item["help"], nodes=tuple(item["nodes"])
        )
        for item in found
        if item["impact"] in BLOCKING_IMPACTS
    ]


# Lists every visible control, then records each focus the Tab key brings and whether it shows:
# the product's one focus style is an outline of 2 px or more, on the control itself or, for
# the visually hidden radios of a segmented choice, on the label that draws it.
_PREPARE_WALK = """() => {
  // Native controls count even when taken out of the tab order (tabindex=-1): that is the
  // defect. Anything else counts when it is made focusable or acts on a click (htmx).
  const NATIVE = "a[href], button, input:not([type=hidden]), select, textarea, summary";
  const ACTING = "[hx-get]:not(form), [hx-post]:not(form), [onclick]";
  const isControl = (el) => el.matches(NATIVE) || el.matches(ACTING) || el.tabIndex >= 0;
  const outlined = (el) => {
    const s = getComputedStyle(el);
    return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 &&
      s.outlineColor !== "transparent" && !s.outlineColor.endsWith(", 0)");
  };
  const focusShows = (el) => {
    const parts = [el];
    const hidden = getComputedStyle(el).opacity === "0";
    if (hidden) parts.push(el.nextElementSibling, el.closest("label"));
    return parts.some((part) => part && outlined(part));
  };
  // Not inside a closed <details> (content-visibility), not display:none, not visibility:hidden.
  const shown = (el) => el.checkVisibility({visibilityProperty: true});
  const name = (el) => {
    const text = (el.getAttribute("aria-label") || el.innerText || el.value || "").trim();
    const id = el.id ? " id=" + el.id : "";
    const field = el.name ? " name=" + el.name : "";
    return `<${el.tagName.toLowerCase()}${id}${field}> ${text.slice(0, 50)}`;
  };
  const controls = [...document.querySelectorAll(`${NATIVE}, ${ACTING}, [tabindex]`)].filter(
    (el) => isControl(el) && shown(el) && !el.disabled && !el.closest("[inert]"));
  window.__walk = {controls, reached: new Set(), unseen: new Set(), name};
  // Start at the top of the document, wherever the page put the focus (autofocus).
  document.body.setAttribute("tabindex", "-1");
  document.body.focus({preventScroll: true});
  document.body.removeAttribute("tabindex");
  document.addEventListener("focusin", (event) => {
    const el = event.target;
    window.__walk.reached.add(el);
    if (!focusShows(el)) window.__walk.unseen.add(name(el));
  });
  return controls.length;
}"""

_FINISH_WALK = """() => {
  const {controls, reached, unseen, name} = window.__walk;
  // A group of radios is one stop on the Tab key (the arrows choose inside it).
  const groupReached = (el) => el.type === "radio" && el.name && [...reached].some(
    (other) => other.type === "radio" && other.name === el.name && other.form === el.form);
  const missed = controls.filter((el) => !reached.has(el) && !groupReached(el)).map(name);
  return {missed, unseen: [...unseen]};
}"""


def keyboard_problems(page: Any) -> list[str]:
    """Controls the Tab key never reaches, and controls whose focus cannot be seen."""
    count = page.evaluate(_PREPARE_WALK)
    # One Tab a control reaches each once; the browser may add stops of its own (a scrollable
    # region), so the walk goes on, a round at a time, until everything is reached or twice
    # round the page.
    pressed = 0
    while True:
        presses = count + 3 if pressed == 0 else count
        for _ in range(presses):
            page.keyboard.press("Tab")
        pressed += presses
        result = page.evaluate(_FINISH_WALK)
        if not result["missed"] or pressed >= 2 * count + 3:
            break
    problems = [f"    not reachable with Tab: {item}" for item in result["missed"]]
    problems += [f"    focus not visible: {item}" for item in result["unseen"]]
    return problems
