"""Which nudges went unanswered: sent about a KR, with no check-in on it since.

One rule for the planner (stop nudging after ``INCHECK_ESCALATE_AFTER``) and for the lead's
digest (name the KR): a check-in by anyone resets the count.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import F, Q

from incheck.notify.models import NudgeItem


def unanswered_nudge_days(key_results: Any) -> dict[int, list[dt.date]]:
    """For each KR (ids or a KR queryset), the days of its nudges sent since its last check-in.

    One query. A nudge counts as ignored once its day is over: callers count the days before
    the day they judge (``domain.nudges``).
    """
    days: dict[int, list[dt.date]] = defaultdict(list)
    rows = (
        NudgeItem.objects.filter(sent=True, key_result__in=key_results)
        .filter(
            Q(key_result__last_check_in_at__isnull=True)
            | Q(nudge__sent_at__gt=F("key_result__last_check_in_at"))
        )
        .values_list("key_result_id", "nudge__local_date")
    )
    for kr_id, day in rows:
        days[kr_id].append(day)
    return days


def ignored_before(days: list[dt.date], day: dt.date) -> int:
    """How many of those nudges were sent before ``day``."""
    return sum(1 for sent_on in days if sent_on < day)
