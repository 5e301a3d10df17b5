"""The check-out page: what is missing before a period closes, and what could be carried over."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch

from incheck.domain.permissions import may_close_period
from incheck.errors import Forbidden, NotFound
from incheck.okrs.messages import message
from incheck.okrs.models import KeyResult, Objective, Period
from incheck.okrs.selectors.scopes import not_archived
from incheck.okrs.services.access import actor_for
from incheck.okrs.services.checkout import (
    may_carry_over,
    objective_is_unfinished,
    unfinished_key_results,
    with_key_results,
)


@dataclass
class CarryCandidate:
    """An unfinished objective, the KRs a copy would take, and whether the reader may carry it."""

    objective: Objective
    unfinished: list[KeyResult]
    may_carry: bool
    carried_into: list[Objective]


# The check-out never lists a whole organisation's period: this many KRs without an Outcome
# (their count stops at COUNT_LIMIT, "100+"), and unfinished objectives a page at a time.
CHECKOUT_LIST = 50
COUNT_LIMIT = 100
# Objectives read (with their KRs) per batch while looking for a page of unfinished ones, and
# at most this many batches a page: a period of finished objectives still costs a bounded read.
BATCH = 100
MAX_BATCHES = 5


@dataclass
class PeriodCheckout:
    period: Period
    missing_outcomes: list[KeyResult]
    candidates: list[CarryCandidate]
    targets: list[Period]
    # KRs without an Outcome, counted up to COUNT_LIMIT + 1 (more reads "100+").
    missing_count: int = 0
    # Where the next page of unfinished objectives starts (an objective id), if there is one.
    next_after: int | None = None

    @property
    def missing_more(self) -> bool:
        return self.missing_count > len(self.missing_outcomes)

    @property
    def missing_over_limit(self) -> bool:
        return self.missing_count > COUNT_LIMIT


def period_checkout(
    *, user: AbstractBaseUser, period_id: int, after: int | None = None
) -> PeriodCheckout:
    """For leads and admins: KRs without an Outcome, unfinished objectives, later open periods.

    A bounded read whatever the size of the period: the first CHECKOUT_LIST KRs without an
    Outcome and their count (up to COUNT_LIMIT + 1), and a page of unfinished objectives after
    the objective id `after`. Anyone else → ``Forbidden``.
    """
    actor = actor_for(user)
    if not may_close_period(actor):
        raise Forbidden(message("forbidden"), code="forbidden")
    period = Period.objects.select_related("closed_by__profile").filter(pk=period_id).first()
    if period is None:
        raise NotFound(code="not_found")
    # Archived KRs were given up: no Outcome is asked of them (the review still shows them).
    missing_query = KeyResult.objects.filter(
        not_archived(), objective__period=period, outcome__isnull=True
    )
    missing = list(
        missing_query.select_related("objective", "owner__profile").order_by("objective_id", "id")[
            :CHECKOUT_LIST
        ]
    )
    missing_count = (
        len(missing)
        if len(missing) < CHECKOUT_LIST
        else missing_query.values("id")[: COUNT_LIMIT + 1].count()
    )
    candidates, next_after = _unfinished_page(user, period, after)
    targets = list(
        Period.objects.filter(start_on__gt=period.start_on, closed_at__isnull=True).order_by(
            "start_on"
        )
    )
    return PeriodCheckout(
        period=period,
        missing_outcomes=missing,
        candidates=candidates,
        targets=targets,
        missing_count=missing_count,
        next_after=next_after,
    )


def _unfinished_page(
    user: AbstractBaseUser, period: Period, after: int | None
) -> tuple[list[CarryCandidate], int | None]:
    """Up to CHECKOUT_LIST unfinished objectives after the id `after`, read in batches (the
    rule is the service's, on the KRs' final scores), and where the next page starts."""
    candidates: list[CarryCandidate] = []
    cursor = after or 0
    for _batch in range(MAX_BATCHES):
        objectives = list(
            Objective.objects.filter(period=period, archived_at__isnull=True, pk__gt=cursor)
            .select_related("team", "owner__profile")
            .prefetch_related(
                with_key_results(),
                Prefetch(
                    "carried_into",
                    queryset=Objective.objects.select_related("period").order_by("id"),
                ),
            )
            .order_by("id")[:BATCH]
        )
        for objective in objectives:
            cursor = objective.pk
            if objective_is_unfinished(objective):
                candidates.append(
                    CarryCandidate(
                        objective=objective,
                        unfinished=unfinished_key_results(objective),
                        may_carry=may_carry_over(user, objective),
                        carried_into=list(objective.carried_into.all()),
                    )
                )
                if len(candidates) == CHECKOUT_LIST:
                    break
        if len(candidates) == CHECKOUT_LIST or len(objectives) < BATCH:
            break
    more = Objective.objects.filter(period=period, archived_at__isnull=True, pk__gt=cursor).exists()
    return candidates, cursor if more else None
