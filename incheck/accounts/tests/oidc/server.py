"""Starts the test OpenID provider (`provider.mjs`, the npm package oidc-provider) for a test
module and stops it after: a real provider on 127.0.0.1, on a port the system chose."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[4]
SCRIPT = Path(__file__).with_name("provider.mjs")
STARTUP_SECONDS = 30
CLIENT_ID = "incheck-tests"
CLIENT_SECRET = "a-client-secret-for-tests-only"


@dataclass(frozen=True)
class RunningProvider:
    issuer: str
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET

    def settings(self) -> dict[str, Any]:
        """The Django settings that point Incheck at this provider."""
        return {
            "OIDC_ISSUER": self.issuer,
            "OIDC_CLIENT_ID": self.client_id,
            "OIDC_CLIENT_SECRET": self.client_secret,
            "OIDC_SCOPES": ["openid", "email", "profile", "groups"],
            "OIDC_NAME": "Nordlys ID",
            "OIDC_GROUPS_CLAIM": "groups",
            "OIDC_CREATE_PEOPLE": True,
        }


@contextmanager
def running_provider(*, app_url: str, users: dict[str, Any]) -> Iterator[RunningProvider]:
    """The provider, knowing one client (Incheck at `app_url`) and these users."""
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "oidc-provider").is_dir():
        raise RuntimeError("Node.js and node_modules/oidc-provider are needed: run `make test`")
    config = {
        "client": {
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "redirect_uris": [f"{app_url}/accounts/sso/callback/"],
            "post_logout_redirect_uris": [f"{app_url}/accounts/login/"],
        },
        "users": users,
    }
    with tempfile.TemporaryDirectory(prefix="incheck-oidc-") as folder:
        config_path = Path(folder) / "config.json"
        config_path.write_text(json.dumps(config), encoding="utf-8")
        process = subprocess.Popen(
            [node, str(SCRIPT), str(config_path)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            yield RunningProvider(issuer=_wait_until_ready(process))
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _wait_until_ready(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.append(process.stdout.readline()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    reader.join(STARTUP_SECONDS)
    line = lines[0] if lines else ""
    if not line.startswith("ready "):
        process.kill()
        errors = process.stderr.read() if process.stderr else ""
        raise RuntimeError(f"the test OpenID provider did not start: {line!r} {errors}")
    # Keep draining its warnings so a full pipe never blocks it.
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            threading.Thread(target=stream.read, daemon=True).start()
    return line.split(" ", 1)[1].strip()
