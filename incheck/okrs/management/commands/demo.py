"""`incheck demo`: load the demo organisation once (Nordlys, with two quarters of check-ins).

incheck demo      # loads it, or says it is already there and changes nothing
"""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from incheck import clock
from incheck.accounts.models import Team
from incheck.okrs.demo import (
    DEMO_PASSWORD,
    DEMO_USERNAME,
    DatabaseNotEmpty,
    load_demo,
)
from incheck.okrs.demo.people import ORGANISATION, TIME_ZONE
from incheck.okrs.models import CheckIn, KeyResult, Period


class Command(BaseCommand):
    help = (
        "Load the demo once: Nordlys, a small Stockholm company with three teams, six people, "
        "the previous quarter (closed, with outcomes and feedback) and seven weeks of check-ins "
        "in this one, dated relative to today. A second run changes nothing. It loads only into "
        "an empty installation, because it adds an administrator and five people whose "
        f"password is published: {DEMO_USERNAME} / {DEMO_PASSWORD}, and every other demo person "
        f"with the password {DEMO_PASSWORD}."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            loaded = load_demo(today=clock.today(clock.zone(TIME_ZONE)))
        except DatabaseNotEmpty as exc:
            raise CommandError(
                _(
                    "This installation already has people, teams or periods; the demo loads "
                    "only into an empty one (it adds an administrator with a published "
                    "password)."
                )
            ) from exc
        if not loaded:
            self.stdout.write(_("The demo is already loaded."))
            return
        self.stdout.write(
            _(
                "Loaded the demo: %(organisation)s, %(teams)d teams, %(periods)d periods, "
                "%(key_results)d key results, %(check_ins)d check-ins."
            )
            % {
                "organisation": ORGANISATION,
                "teams": Team.objects.count(),
                "periods": Period.objects.count(),
                "key_results": KeyResult.objects.count(),
                "check_ins": CheckIn.objects.count(),
            }
        )
        port = os.environ.get("PORT") or "8000"
        self.stdout.write(
            _("Serve it with `incheck serve` and open http://127.0.0.1:%(port)s/") % {"port": port}
        )
        self.stdout.write(
            _("Sign in as %(username)s / %(password)s")
            % {"username": DEMO_USERNAME, "password": DEMO_PASSWORD}
        )
