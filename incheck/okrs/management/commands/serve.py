"""`incheck serve`: run Incheck with gunicorn, in this process (no separate config file).

    incheck serve                          # http://127.0.0.1:8000/ (or $PORT)
    incheck serve --port 8080 --workers 4
    incheck serve --host 0.0.0.0           # all interfaces: put a TLS proxy in front

Static files are served by WhiteNoise from `incheck collectstatic`'s output, so run that first
(`make run` does). The access log goes to stdout, errors to stderr.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, connections
from django.utils.translation import gettext as _
from gunicorn.app.base import BaseApplication

from incheck.okrs.demo import DEMO_PASSWORD, DEMO_USERNAME, is_loaded
from incheck.settings import server_port, server_workers

DEFAULT_PORT = 8000
DEFAULT_HOST = "127.0.0.1"


def url_for(host: str, port: int) -> str:
    """The address a browser opens: IPv6 hosts in brackets, 'all interfaces' as loopback."""
    shown = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)  # noqa: S104
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


class _Gunicorn(BaseApplication):
    """Gunicorn configured from a dict and serving Django's WSGI application."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Callable[..., Any]:
        from incheck.wsgi import application

        return application


class Command(BaseCommand):
    help = (
        "Serve Incheck with gunicorn. "
        "--port PORT: the port to listen on (default: $PORT, else 8000). "
        "--host HOST: the address to bind (default 127.0.0.1, this machine only; 0.0.0.0 for "
        "all interfaces, then set ALLOWED_HOSTS and put a TLS proxy in front). "
        "--workers N: worker processes (default: $WEB_CONCURRENCY, else 2). "
        "Run `incheck migrate` and `incheck collectstatic` first. The access log goes to "
        "stdout; stop with Ctrl-C."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--port",
            type=int,
            default=None,
            help=f"port to listen on (default: $PORT, else {DEFAULT_PORT})",
        )
        parser.add_argument(
            "--host",
            default=DEFAULT_HOST,
            help=f"address to bind (default {DEFAULT_HOST}: this machine only)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="worker processes (default: $WEB_CONCURRENCY, else 2)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            # The environment's values, parsed as strictly as the settings parse them.
            port = options["port"] if options["port"] is not None else server_port()
            workers = options["workers"] if options["workers"] is not None else server_workers()
        except ImproperlyConfigured as problem:
            raise CommandError(str(problem)) from None
        if not 0 < port < 65536:
            raise CommandError(_("The port must be between 1 and 65535, got %d.") % port)
        if workers < 1:
            raise CommandError(_("There must be at least one worker."))
        host = options["host"]
        try:
            demo = is_loaded()
        except DatabaseError:
            demo = False  # not migrated yet: the pages will say so, not this command
        # Workers are forked from this process: they must not share its database connection.
        connections.close_all()
        lines = [_("Incheck is running at %(url)s") % {"url": url_for(host, port)}]
        if demo:
            lines.append(
                _("Sign in as %(username)s / %(password)s")
                % {"username": DEMO_USERNAME, "password": DEMO_PASSWORD}
            )

        def when_ready(server: Any) -> None:
            # Printed once the socket is bound, so the URL is true when it is shown.
            for line in lines:
                self.stdout.write(line)
            self.stdout.flush()

        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        _Gunicorn(
            {
                "bind": bind,
                "workers": workers,
                "accesslog": "-",
                "errorlog": "-",
                "when_ready": when_ready,
                "proc_name": "incheck",
                # A check-in form posts little; a slow client should not hold a worker long.
                "timeout": 30,
                "graceful_timeout": 10,
            }
        ).run()
