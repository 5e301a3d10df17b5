"""The production set-up of docs/deploy.md, brought up on loopback for `test_deploy.py`.

A throwaway PostgreSQL (`scripts/with-postgres`), `incheck serve` with the documented
environment, and Debian's nginx with the documented site and a self-signed certificate, each
on a free port of 127.0.0.1. The environment and the nginx site are read from docs/deploy.md,
with only the host, ports, paths and database put in, so the page and the test cannot drift.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEPLOY_DOC = REPO / "docs" / "deploy.md"
HOST = "okr.incheck.test"
DOC_HOST = "okr.example.org"
STARTUP_SECONDS = 90


def doc_block(name: str) -> str:
    """The fenced block after `<!-- name -->` in docs/deploy.md."""
    text = DEPLOY_DOC.read_text(encoding="utf-8")
    found = re.search(rf"<!-- {re.escape(name)} -->\s*```[a-z]*\n(.*?)```", text, re.S)
    if found is None:
        raise AssertionError(f"docs/deploy.md has no {name} block")
    return found.group(1)


def documented_environment() -> dict[str, str]:
    """The `deploy-env` block as a dict (the format of a systemd EnvironmentFile)."""
    env: dict[str, str] = {}
    for line in doc_block("deploy-env").splitlines():
        if re.match(r"[A-Z_]+=", line):
            name, _, value = line.partition("=")
            env[name] = value.split(" #")[0].strip()
    return env


def free_port() -> int:
    return free_ports(1)[0]


def free_ports(count: int) -> list[int]:
    """Distinct free ports: the probes stay bound until all are chosen (one after another, the
    kernel may hand out the same port twice; nginx then serves its redirect on the TLS port)."""
    with ExitStack() as probes:
        sockets = [probes.enter_context(socket.socket()) for _ in range(count)]
        for probe in sockets:
            probe.bind(("127.0.0.1", 0))
        return [int(probe.getsockname()[1]) for probe in sockets]


def wait_for_port(port: int, process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped with status {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not listen on port {port} within {STARTUP_SECONDS} s")


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    """Stop a process this module started, and its children (it leads its own session)."""
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


@dataclass
class Stack:
    folder: Path
    env: dict[str, str]
    database_url: str
    https_port: int
    http_port: int
    app_port: int
    cert: Path
    logs: dict[str, Path] = field(default_factory=dict)

    @property
    def origin(self) -> str:
        return f"https://{HOST}:{self.https_port}"

    def incheck(
        self, *args: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """An `incheck` command with the installation's environment (as a systemd unit has it)."""
        return subprocess.run(
            [sys.executable, "-m", "incheck.cli", *args],
            cwd=self.folder,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    def https(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> http.client.HTTPResponse:
        """A request to nginx over HTTPS, checking the certificate against the test's own."""
        context = ssl.create_default_context(cafile=str(self.cert))
        connection = _PinnedHTTPS(self.https_port, context)
        connection.request(
            method,
            path,
            body=body,
            headers={"Host": f"{HOST}:{self.https_port}", **(headers or {})},
        )
        response = connection.getresponse()
        response.read_body = response.read()  # type: ignore[attr-defined]
        connection.close()
        return response

    def http(self, method: str, path: str) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=30)
        connection.request(method, path, headers={"Host": HOST})
        response = connection.getresponse()
        response.read()
        connection.close()
        return response


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to 127.0.0.1 that sends (and verifies) the test host name, as a browser would."""

    def __init__(self, port: int, context: ssl.SSLContext) -> None:
        super().__init__("127.0.0.1", port, timeout=30, context=context)
        self._pinned_context = context

    def connect(self) -> None:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=self.timeout)
        self.sock = self._pinned_context.wrap_socket(sock, server_hostname=HOST)


def _certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-nodes",
            "-days",
            "2",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            f"/CN={HOST}",
            "-addext",
            f"subjectAltName=DNS:{HOST}",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


def nginx_config(stack: Stack, key: Path) -> str:
    """The documented site in a minimal main configuration, on the test's ports and paths."""
    site = doc_block("nginx-site")
    site = "\n".join(line for line in site.splitlines() if "[::]" not in line)
    replacements = {
        "listen 80;": f"listen 127.0.0.1:{stack.http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{stack.https_port} ssl http2;",
        "127.0.0.1:8000": f"127.0.0.1:{stack.app_port}",
        "/srv/incheck/var/static/": f"{stack.folder}/var/static/",
        f"/etc/ssl/{DOC_HOST}/fullchain.pem": str(stack.cert),
        f"/etc/ssl/{DOC_HOST}/privkey.pem": str(key),
        DOC_HOST: HOST,
    }
    for old, new in replacements.items():
        assert old in site, f"the nginx site in docs/deploy.md no longer has {old!r}"
        site = site.replace(old, new)
    temp = stack.folder / "nginx"
    return f"""
daemon off;
worker_processes 1;
pid {temp}/nginx.pid;
error_log {temp}/error.log warn;
events {{ worker_connections 128; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {temp}/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{site}
}}
"""


@contextmanager
def running_stack() -> Iterator[Stack]:
    """PostgreSQL, `incheck serve` and nginx, as docs/deploy.md sets them up; all stopped and
    removed afterwards."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists() or shutil.which("openssl") is None:
        raise RuntimeError("nginx and openssl are needed: run `make system-deps`")
    with ExitStack() as cleanup:
        folder = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="incheck-deploy-")))
        # nginx's workers run as an unprivileged user when the test runs as root: they must be
        # able to read the static files, as www-data must in production.
        folder.chmod(0o755)
        (folder / "nginx").mkdir()
        postgres_log = folder / "postgres.log"
        postgres = subprocess.Popen(
            [str(REPO / "scripts" / "with-postgres"), "sleep", "3600"],
            stdout=subprocess.DEVNULL,
            stderr=postgres_log.open("wb"),
            start_new_session=True,
        )
        cleanup.callback(stop, postgres)
        database_url = _database_url(postgres, postgres_log)
        cert, key = _certificate(folder)
        key_file = folder / "secret_key"
        key_file.write_text(secrets.token_urlsafe(50) + "\n")
        ports = free_ports(3)
        stack = Stack(
            folder=folder,
            env={},
            database_url=database_url,
            https_port=ports[0],
            http_port=ports[1],
            app_port=ports[2],
            cert=cert,
        )
        env = documented_environment()
        origin = f"https://{HOST}:{stack.https_port}"
        env.update(
            {
                "SECRET_KEY_FILE": str(key_file),
                "DATABASE_URL": database_url,
                "INCHECK_VAR_DIR": str(folder / "var"),
                "ALLOWED_HOSTS": HOST,
                "CSRF_TRUSTED_ORIGINS": origin,
                "INCHECK_BASE_URL": origin,
                # Nothing is e-mailed here; the documented SMTP host does not exist.
                "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
                "WEB_CONCURRENCY": "2",
                "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                "HOME": str(folder),
                "LANG": "C.UTF-8",
            }
        )
        stack.env = env
        for command in (
            ("migrate", "--no-input", "-v", "0"),
            ("collectstatic", "--no-input", "-v", "0"),
        ):
            done = stack.incheck(*command)
            if done.returncode != 0:
                raise RuntimeError(f"incheck {command[0]} failed: {done.stdout}{done.stderr}")
        (folder / "var").chmod(0o755)
        serve_log = folder / "serve.log"
        serve = subprocess.Popen(
            [sys.executable, "-m", "incheck.cli", "serve", "--port", str(stack.app_port)],
            cwd=folder,
            env=env,
            stdout=serve_log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        cleanup.callback(stop, serve)
        config = folder / "nginx" / "nginx.conf"
        config.write_text(nginx_config(stack, key), encoding="utf-8")
        nginx_log = folder / "nginx" / "stderr.log"
        proxy = subprocess.Popen(
            [nginx, "-c", str(config), "-p", str(folder / "nginx")],
            stdout=subprocess.DEVNULL,
            stderr=nginx_log.open("wb"),
            start_new_session=True,
        )
        cleanup.callback(stop, proxy, signal.SIGQUIT)
        stack.logs = {
            "serve": serve_log,
            "nginx": folder / "nginx" / "error.log",
            "postgres": postgres_log,
        }
        wait_for_port(stack.app_port, serve, "incheck serve")
        wait_for_port(stack.https_port, proxy, "nginx")
        yield stack


def _database_url(process: subprocess.Popen[bytes], log: Path) -> str:
    """The throwaway cluster's URL, once `scripts/with-postgres` says it is up."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        found = re.search(r"on 127\.0\.0\.1:(\d+)", log.read_text(errors="replace"))
        if found:
            return f"postgres://incheck@127.0.0.1:{found.group(1)}/incheck"
        if process.poll() is not None:
            raise RuntimeError(f"with-postgres stopped: {log.read_text(errors='replace')}")
        time.sleep(0.2)
    raise RuntimeError("the throwaway PostgreSQL did not start")
