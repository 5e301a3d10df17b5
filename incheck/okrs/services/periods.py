"""Writing periods. Closing a period (the check-out) lives in `checkout`."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from incheck.audit.services import audit_record
from incheck.domain.dates import period_date_problems
from incheck.domain.definitions import PERIOD_NAME_LIMIT, title_problems
from incheck.domain.permissions import may_close_period
from incheck.errors import Forbidden, Invalid
from incheck.okrs.messages import message, messages_for
from incheck.okrs.models import Period
from incheck.okrs.services.access import User, actor_for


@transaction.atomic
def period_create(*, actor: User, name: str, start_on: dt.date, end_on: dt.date) -> Period:
    """Open a new period (a quarter, usually): for leads and admins.

    Its dates lie within 2000–2099 and span at most a year (`domain.dates`).
    """
    if not may_close_period(actor_for(actor)):
        raise Forbidden(message("forbidden"), code="forbidden")
    problems = {}
    for code in title_problems(name, limit=PERIOD_NAME_LIMIT).values():
        problems["name"] = "period_name_too_long" if code == "title_too_long" else code
    problems.update(period_date_problems(start_on, end_on))
    if not problems and Period.objects.filter(name=name.strip()).exists():
        problems["name"] = "name_taken"
    if problems:
        raise Invalid(message("invalid_input"), code="invalid", fields=messages_for(problems))
    try:
        # A savepoint: the unique name decides between two creations at once (the check above
        # cannot see a period that is not committed yet), and the loser's transaction lives on.
        with transaction.atomic():
            period = Period.objects.create(name=name.strip(), start_on=start_on, end_on=end_on)
    except IntegrityError:
        if not Period.objects.filter(name=name.strip()).exists():
            raise
        taken = messages_for({"name": "name_taken"})
        raise Invalid(message("invalid_input"), code="invalid", fields=taken) from None
    audit_record(
        actor=actor,
        action="period.opened",
        target=period,
        details={"start_on": start_on.isoformat(), "end_on": end_on.isoformat()},
    )
    return period
