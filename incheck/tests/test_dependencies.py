"""Every dependency is pinned to one exact version, and the one installed is the one pinned.

The pins are the product's promise that a fresh machine installs what CI tested (`make install`,
`npm ci`); docs/operations.md says how they are kept current. An installed version that differs
from its pin means a stale `.venv`: `make install` brings it back.
"""

from __future__ import annotations

import json
import re
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGE = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
LOCK = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))

PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)(\[[A-Za-z0-9,._-]+\])?==(?P<version>[0-9][^\s;,]*)$")


def python_requirements() -> list[str]:
    project = PYPROJECT["project"]
    extras = [req for group in project["optional-dependencies"].values() for req in group]
    return [*project["dependencies"], *extras]


def test_every_python_requirement_is_one_exact_version():
    requirements = [*python_requirements(), *PYPROJECT["build-system"]["requires"]]
    assert len(requirements) > 10  # the tables are still where this test reads them
    loose = [req for req in requirements if not PIN.match(req)]
    assert loose == [], f"pin these with ==: {loose}"


def test_the_installed_python_packages_are_the_pinned_ones():
    pins = [PIN.match(req) for req in python_requirements()]
    wrong = {
        match["name"]: (match["version"], metadata.version(match["name"]))
        for match in pins
        if match and metadata.version(match["name"]) != match["version"]
    }
    assert wrong == {}, f"(pinned, installed) differ, run `make install`: {wrong}"


def test_every_npm_test_dependency_is_one_exact_version_locked_as_pinned():
    pins = PACKAGE["devDependencies"]
    assert {"axe-core", "oidc-provider"} <= set(pins)
    loose = {name: spec for name, spec in pins.items() if not re.fullmatch(r"\d+\.\d+\.\d+", spec)}
    assert loose == {}, f"pin these to one version: {loose}"
    assert LOCK["packages"][""]["devDependencies"] == pins, "run `npm install` to update the lock"
    locked = {name: LOCK["packages"][f"node_modules/{name}"]["version"] for name in pins}
    assert locked == pins
