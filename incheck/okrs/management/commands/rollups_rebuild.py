"""`incheck rollups_rebuild`: compute every objective's roll-up again from the KR rows."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from incheck.okrs.services.rollups import rollups_rebuild


class Command(BaseCommand):
    help = (
        "Compute the alignment roll-ups (each objective's KRs and those aligned under it) again "
        "from the KR rows. The services keep them as they write; run this after changing rows "
        "outside them (Django's admin, SQL by hand). Safe while people work."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", type=int, help="only this period's objectives")

    def handle(self, *args: Any, **options: Any) -> None:
        written = rollups_rebuild(period_id=options["period"])
        self.stdout.write(f"{written} roll-up(s) written")
