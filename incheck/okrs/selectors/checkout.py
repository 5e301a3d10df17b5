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


@dataclass
class PeriodCheckout:
    period: Period
    missing_outcomes: list[KeyResult]
    candidates: list[CarryCandidate]
    targets: list[Period]


def period_checkout(*, user: AbstractBaseUser, period_id: int) -> PeriodCheckout:
    """For leads and admins: KRs without an Outcome, unfinished objectives, later open periods.

    Five queries whatever the size of the period. Anyone else → ``Forbidden``.
    """
    actor = actor_for(user)
    if not may_close_period(actor):
        raise Forbidden(message("forbidden"), code="forbidden")
    period = Period.objects.select_related("closed_by__profile").filter(pk=period_id).first()
    if period is None:
        raise NotFound(code="not_found")
    missing = list(
        # Archived KRs were given up: no Outcome is asked of them (the review still shows them).
        KeyResult.objects.filter(not_archived(), objective__period=period, outcome__isnull=True)
        .select_related("objective", "owner__profile")
        .order_by("objective_id", "id")
    )
    objectives = (
        Objective.objects.filter(period=period, archived_at__isnull=True)
        .select_related("team", "owner__profile")
        .prefetch_related(
            with_key_results(),
            Prefetch(
                "carried_into", queryset=Objective.objects.select_related("period").order_by("id")
            ),
        )
        .order_by("id")
    )
    candidates = [
        CarryCandidate(
            objective=objective,
            unfinished=unfinished_key_results(objective),
            may_carry=may_carry_over(user, objective),
            carried_into=list(objective.carried_into.all()),
        )
        for objective in objectives
        if objective_is_unfinished(objective)
    ]
    targets = list(
        Period.objects.filter(start_on__gt=period.start_on, closed_at__isnull=True).order_by(
            "start_on"
        )
    )
    return PeriodCheckout(
        period=period, missing_outcomes=missing, candidates=candidates, targets=targets
    )
