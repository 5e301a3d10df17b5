"""`incheck remind`: e-mail each person whose key results need a check-in (run it from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from incheck.notify.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "E-mail a short reminder to each person whose inbox has something due (an overdue "
        "Next Up, a Context due, a KR without a Next Up, stale or dead KRs …), at most once every "
        "INCHECK_REMINDER_INTERVAL_DAYS days. Safe to run from cron on several machines at once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="list who would get a reminder; send nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        reminders = reminders_send(dry_run=options["dry_run"])
        verb = "would remind" if options["dry_run"] else "reminded"
        for reminder in reminders:
            self.stdout.write(
                f"{verb} {reminder.username} <{reminder.email}>: {reminder.items} due"
            )
        self.stdout.write(f"{len(reminders)} reminder(s)")
