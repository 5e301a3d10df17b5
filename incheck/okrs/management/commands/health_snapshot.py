"""`incheck health_snapshot`: record the programme's health for the dashboard (run from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from incheck.okrs.services.programme import programme_health_record, programme_health_record_due


class Command(BaseCommand):
    help = (
        "Record the programme's health that the dashboard shows (per team and overall: current "
        "Context, open Next Up, checked in within the rhythm, stale, dead, calibration): today's "
        "figures of every open period, and each week's figures not yet recorded. Run it from "
        "cron, e.g. hourly; safe on several machines at once. --period ID --all recomputes a "
        "period's whole trend from its check-ins."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", type=int, help="only this period")
        parser.add_argument(
            "--all", action="store_true", help="with --period: every trend day again"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["period"] is not None and options["all"]:
            written = programme_health_record(period_id=options["period"])
        else:
            written = programme_health_record_due()
        self.stdout.write(f"{written} row(s) recorded")
