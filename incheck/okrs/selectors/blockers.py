"""Blockers across KRs and teams: open ones until resolved, resolved ones with the way around.

A blocker is a check-in with `signal == "blocker"` (written on its own or flagged on another
kind). It stays open until `services.signals.blocker_resolve` records the way around it, which
also writes an insight linked back to it (`resolution_insight`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet

from incheck.domain.permissions import may_check_in
from incheck.errors import Invalid
from incheck.okrs.messages import message
from incheck.okrs.models import CheckIn, KeyResult
from incheck.okrs.selectors.scopes import (
    COUNT_LIMIT,
    MAX_LIMIT,
    Page,
    bounded_count,
    in_team,
    keyset_after,
    not_archived,
    team_ids_by_key_result,
)
from incheck.okrs.services.access import actor_for

BlockerState = Literal["open", "resolved"]
STATES: tuple[str, ...] = ("open", "resolved")


BlockerPage = Page[CheckIn]

# The open blockers in the order of `okrs_checkin_signal_state` (signal, resolved_at,
# created_at, id). `signal` and `resolved_at` are the same for every open one, so this is their
# list's order (`ordering("open")`, the cursor's fields), written so that PostgreSQL's planner
# sees the index gives the rows in order: it reads only the open ones and stops at the page's
# end or the count's limit. Without it, it walked every blocker ever written through
# `okrs_checkin_signal_newest`, filtering on `resolved_at` (`IS NULL` is no equality to its
# planner, and it takes most blockers for open): the blockers page grew with the history.
OPEN_INDEX_ORDER = ("signal", "resolved_at", "created_at", "id")


def blocker_list(
    *,
    state: BlockerState | None = None,
    team_id: int | None = None,
    key_result_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
    after: Sequence[Any] | None = None,
) -> BlockerPage:
    """Blockers with KR, objective, team, period, author, resolver and insight joined.

    Two queries: the count (up to COUNT_LIMIT + 1) and the page. Open blockers come oldest
    first (the longest in the way at the top), resolved ones most recently resolved first, all
    of them newest first (`ordering`). `after` (the ordering's values of the last row seen)
    starts the page after that row, for cursor paging.
    """
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    order = ordering(state)
    queryset = blockers_in(state, team_id=team_id, key_result_id=key_result_id)
    if state != "open":
        queryset = queryset.order_by(*order)
    total = bounded_count(queryset, ordered=state == "open")
    if after is not None:
        queryset = queryset.filter(keyset_after(order, after))
    items = list(
        queryset.select_related(
            "key_result__objective__period",
            "key_result__objective__team",
            "author__profile",
            "resolved_by__profile",
            "resolution_insight",
        )[offset : offset + limit + 1]
    )
    more = len(items) > limit
    return BlockerPage(items=items[:limit], total=total, limit=limit, offset=offset, more=more)


def blockers_in(
    state: BlockerState | None,
    *,
    team_id: int | None = None,
    key_result_id: int | None = None,
    period_id: int | None = None,
) -> QuerySet[CheckIn]:
    """The blockers of one tab (all when `state` is None): what a list shows and its count
    counts, so the two never disagree. The open ones come in the index's order
    (`OPEN_INDEX_ORDER`); `period_id` keeps the open ones of that period's KRs (the
    dashboard's ages)."""
    if state is not None and state not in STATES:
        raise Invalid(
            message("invalid_input"), code="invalid", fields={"state": message("state_unknown")}
        )
    queryset = CheckIn.objects.filter(signal=CheckIn.Signal.BLOCKER)
    if state == "open":
        # An archived KR's open blocker is in nobody's way any more; resolved ones stay (history).
        # Checked per blocker (EXISTS on its KR), not joined: with the join SQLite, knowing only
        # that `signal` has three values, counted by walking every KR's check-ins.
        in_use = KeyResult.objects.filter(not_archived(), pk=OuterRef("key_result_id"))
        if period_id is not None:
            in_use = in_use.filter(objective__period_id=period_id)
        queryset = queryset.filter(Exists(in_use), resolved_at__isnull=True)
        queryset = queryset.order_by(*OPEN_INDEX_ORDER)
    elif state == "resolved":
        queryset = queryset.filter(resolved_at__isnull=False)
    if team_id is not None:
        queryset = queryset.filter(in_team(team_id))
    if key_result_id is not None:
        queryset = queryset.filter(key_result_id=key_result_id)
    return queryset


def blocker_count(state: BlockerState, *, team_id: int | None = None) -> int:
    """How many blockers one tab holds, up to COUNT_LIMIT + 1; the open ones read from the
    index (`OPEN_INDEX_ORDER`)."""
    return bounded_count(blockers_in(state, team_id=team_id), ordered=state == "open")


def ordering(state: BlockerState | None) -> tuple[str, ...]:
    """How a list of blockers is sorted (its cursor is these fields of the last row)."""
    if state == "open":
        return ("created_at", "id")
    if state == "resolved":
        return ("-resolved_at", "-id")
    return ("-created_at", "-id")


def blockers_resolvable_by(
    user: AbstractBaseUser | AnonymousUser, blockers: list[CheckIn]
) -> frozenset[int]:
    """The ids of the blockers a person may resolve now (at most two queries for any number).

    The rule is the check-in rule (`domain.permissions.may_check_in`), as the service applies
    it: the KR's owner, the leads of its team and admins. `blockers` come from `blocker_list`.
    """
    if not user.is_authenticated:
        return frozenset()
    actor = actor_for(user)
    # A closed period is history: the service refuses (409), so the page offers no form.
    open_blockers = [
        b for b in blockers if b.resolved_at is None and not b.key_result.objective.period.is_closed
    ]
    # A KR's team matters only to a lead who is not an admin (`may_check_in`): read the teams
    # of all the page's KRs at once, and only then.
    needs_teams = bool(actor.lead_team_ids) and not actor.is_admin
    teams = team_ids_by_key_result({b.key_result for b in open_blockers}) if needs_teams else {}
    allowed: set[int] = set()
    for blocker in open_blockers:
        kr = blocker.key_result
        if may_check_in(actor, owner_id=kr.owner_id, team_ids=teams.get(kr.pk, frozenset())):
            allowed.add(blocker.pk)
    return frozenset(allowed)


@dataclass(frozen=True)
class BlockerBoard:
    """The blockers page: one tab's page, how many are open and resolved, and who may resolve."""

    page: BlockerPage
    state: BlockerState
    open_count: int
    resolved_count: int
    resolvable: frozenset[int]

    @property
    def open_shown(self) -> str:
        return _shown(self.open_count)

    @property
    def resolved_shown(self) -> str:
        return _shown(self.resolved_count)


def _shown(count: int) -> str:
    return f"{COUNT_LIMIT}+" if count > COUNT_LIMIT else str(count)


def blocker_board(
    user: AbstractBaseUser | AnonymousUser,
    *,
    state: BlockerState = "open",
    team_id: int | None = None,
    limit: int = 25,
    offset: int = 0,
) -> BlockerBoard:
    """`blocker_list` for one tab, the count of each tab and the resolve permission (bounded)."""
    page = blocker_list(state=state, team_id=team_id, limit=limit, offset=offset)
    # Each tab's count stops past COUNT_LIMIT ("100+"): the page costs the same at any size. The
    # shown tab's count is its list's own.
    counts = {
        tab: page.total if tab == state else blocker_count(tab, team_id=team_id)
        for tab in ("open", "resolved")
    }
    return BlockerBoard(
        page=page,
        state=state,
        open_count=counts["open"],
        resolved_count=counts["resolved"],
        resolvable=blockers_resolvable_by(user, page.items),
    )
