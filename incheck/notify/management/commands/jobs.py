"""`incheck jobs [--loop]`: the habit loop's scheduled jobs (nudges, digests, webhooks)."""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from incheck.notify.jobs import run_jobs


class Command(BaseCommand):
    help = (
        "Run every scheduled job once: plan and send the nudges, team check-in-day posts and "
        "weekly digests whose moment has come, and deliver webhooks. With --loop, run every "
        "INCHECK_JOBS_INTERVAL seconds (60) until stopped. Safe on several machines at once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running, once a minute")
        parser.add_argument(
            "--interval", type=int, default=None, help="seconds between runs with --loop"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["loop"]:
            self._run_once(verbose=True)
            return
        interval = options["interval"] or settings.INCHECK_JOBS_INTERVAL
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        self.stdout.write(f"incheck jobs: running every {interval} s (Ctrl-C stops)")
        while not stop.is_set():
            try:
                self._run_once(verbose=False)
            except Exception as error:  # one bad run must not stop the loop
                self.stderr.write(f"incheck jobs: this run failed: {error!r}")
            finally:
                close_old_connections()
            stop.wait(interval)
        self.stdout.write("incheck jobs: stopped")

    def _run_once(self, *, verbose: bool) -> None:
        report = run_jobs()
        if verbose or report.busy:
            for line in report.lines():
                self.stdout.write(line)
