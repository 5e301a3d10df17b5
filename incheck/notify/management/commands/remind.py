"""`incheck remind`: the old name of `incheck jobs` (kept so existing cron entries work)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from incheck.notify.jobs import run_jobs


class Command(BaseCommand):
    help = (
        "The reminder e-mail is now part of the habit loop: this runs `incheck jobs` once "
        "(nudges on the morning things are due, digests, webhooks). Use `incheck jobs`."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stderr.write("incheck remind is now `incheck jobs`: running it once.")
        for line in run_jobs().lines():
            self.stdout.write(line)
