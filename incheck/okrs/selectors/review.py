"""The check-out review: outcomes beside the Context written at the start, and calibration.

One review is the page a lead and a team member read together in their 1-on-1 (or a team reads
at its retrospective): per KR the first Context ("what was the tactic?") beside the Outcome
("was it right?"), the closed Next Ups as *expected → happened*, insights, feedback, open
blockers, and how well the forecasts held (``domain.calibration``).

Scope: ``person_id`` → the KRs that person owns in the period; ``team_id`` → the KRs of the
team's objectives and of its members' personal objectives (a KR's team, as in
``domain.teams.key_result_team_ids``); neither → every KR of the period.

Calibration is per **forecaster** (the author of the confidence check-in or Next Up: usually the
owner, sometimes a lead who checked in for them) and per **team** of the KR forecast.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from incheck.accounts.models import Team
from incheck.accounts.names import display_name
from incheck.accounts.selectors import TeamDirectory, person_search, team_directory
from incheck.domain.calibration import REACHED_THRESHOLD, final_score
from incheck.domain.permissions import may_close_period, may_give_feedback
from incheck.errors import NotFound
from incheck.okrs.models import CheckIn, Feedback, KeyResult, Period
from incheck.okrs.selectors import review_reads as reads
from incheck.okrs.selectors.calibration import (
    ForecasterCalibration,
    forecasters,
)
from incheck.okrs.selectors.scopes import in_team, teams_by_key_result
from incheck.okrs.services.access import actor_for
from incheck.prepared import Inline

T = TypeVar("T")


@dataclass
class KeyResultReview:
    """One KR at check-out: the start of the period beside its end."""

    kr: KeyResult
    context: CheckIn | None
    final_score: float | None
    may_give_feedback: bool = False
    # The closed Next Ups read in full: all of them, or (``period_review(recent=…)``) the last
    # few; ``closures`` has every closed Next Up's closure, oldest first, for the tally.
    next_ups: list[CheckIn] = field(default_factory=list)
    closures: list[str] = field(default_factory=list)
    insights: list[CheckIn] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)
    open_blockers: list[CheckIn] = field(default_factory=list)

    @property
    def outcome(self) -> CheckIn | None:
        return self.kr.outcome

    # A review summarises a long history rather than print every card: the tally of the Next
    # Ups' closures, and the last few of them and of the insights (the KR page has them all).
    @property
    def closure_tally(self) -> list[tuple[str, int]]:
        counts = Counter(closure for closure in self.closures if closure)
        return [(status, counts[status]) for status in CLOSURE_ORDER if counts[status]]

    @property
    def recent_next_ups(self) -> list[CheckIn]:
        return self.next_ups[-RECENT:]

    @property
    def earlier_next_ups(self) -> int:
        return max(0, len(self.closures) - RECENT)

    @property
    def recent_insights(self) -> list[CheckIn]:
        return self.insights[:RECENT]

    @property
    def earlier_insights(self) -> int:
        return max(0, len(self.insights) - RECENT)


CLOSURE_ORDER = ("done", "partly", "not_done", "dropped")
RECENT = 3
# A review page shows this many KRs (the calibration and missing Outcomes cover them all):
# five, what a 1-on-1 or a retrospective reads in one sitting; the pager reaches every KR.
# It was ten: a team's page printed 70 KB and cost ten times the signed-in floor
# (docs/architecture.md, "The team review").
REVIEW_PAGE_SIZE = 5
# Past this many KRs, a review reads their check-ins through the scope's subquery rather than
# a list of ids (a parameter list has limits; team and person reviews stay far below).
MAX_ID_LIST = 900


@dataclass
class PeriodReview:
    period: Period
    team: Team | None
    person: AbstractBaseUser | None
    key_results: list[KeyResultReview]
    people: list[ForecasterCalibration]
    teams: list[ForecasterCalibration]
    threshold: float = REACHED_THRESHOLD
    # On a person's review: their teams, whose reviews hold the team calibration.
    person_teams: list[Team] = field(default_factory=list)

    @property
    def missing_outcomes(self) -> list[KeyResultReview]:
        return [review for review in self.key_results if review.kr.outcome_id is None]


def scoped_key_results(
    period: Period, *, team_id: int | None = None, person_id: int | None = None
) -> QuerySet[KeyResult]:
    """The period's KRs a review covers (see the module docstring)."""
    key_results = KeyResult.objects.filter(objective__period=period)
    if person_id is not None:
        key_results = key_results.filter(owner_id=person_id)
    if team_id is not None:
        key_results = key_results.filter(in_team(team_id, key_result=""))
    return key_results


def period_review(
    *,
    period_id: int,
    team_id: int | None = None,
    person_id: int | None = None,
    viewer: AbstractBaseUser | None = None,
    threshold: float = REACHED_THRESHOLD,
    detailed: Callable[[Sequence[KeyResult]], Collection[int]] | None = None,
    recent: int | None = None,
) -> PeriodReview:
    """Outcomes, first Contexts, Next Ups, insights, feedback, blockers and calibration.

    A bounded number of queries whatever the number of KRs and check-ins: eight for a team
    or a person, one more when someone forecast on a KR they do not own (their names,
    ``review_reads.forecasts``). ``viewer`` only decides ``may_give_feedback`` per KR. Unknown
    period, team or person → ``NotFound``.
    ``detailed`` picks, from the scope's KRs in order, those whose Context, insights, blockers
    and feedback are read (a page shows five: the others' would be read for nothing); None →
    all. ``recent``: how many of a detailed KR's closed Next Ups (the last ones) are read in
    full; None → all of them. The Next Ups and forecasts behind the calibration are read for
    every KR, as plain rows (``review_reads.forecasts``).
    """
    period, team, person = reads.subject(period_id, team_id, person_id)
    scope = scoped_key_results(period, team_id=team_id, person_id=person_id)
    key_results: list[KeyResult]
    if team_id is not None:
        # A team's KRs by their ids, read first: joined with the team's union subquery,
        # PostgreSQL's planner took it for a few rows and joined every KR of the period with its
        # objective, owner and Outcome before filtering (150 ms at organisation scale).
        team_ids = list(scope.values_list("id", flat=True))
        key_results = reads.KEY_RESULTS_BY_ID(team_ids)
    elif person_id is not None:
        key_results = reads.KEY_RESULTS_OF(period.pk, person_id)
    else:
        key_results = list(reads.with_printed(scope, with_teams=True))
    # The check-ins by the ids of the KRs just read, not by the scope's subquery: a list of a
    # team's KRs lets the database walk the check-ins' KR index, where the subquery led SQLite
    # to scan every insight of the organisation (bench.scale: the review grew with its size).
    # (A whole period's review, which only the services ask for, keeps the subquery.)
    ids = [kr.pk for kr in key_results]
    shown = sorted(set(ids) if detailed is None else set(detailed(key_results)))
    by_id = len(ids) <= MAX_ID_LIST
    if not ids:
        forecast_rows: Iterable[tuple[Any, ...]] = []
    elif by_id:
        forecast_rows = reads.FORECASTS_BY_ID(ids)
    else:
        forecast_rows = reads.forecast_rows(
            CheckIn.objects.filter(key_result_id__in=scope.values_list("id", flat=True))
        )
    owners = {kr.owner_id: display_name(kr.owner) for kr in key_results}
    levels, closed, names = reads.forecasts(forecast_rows, owners)
    # What the shown KRs print, in one read: their Outcomes, the Contexts (the first is shown),
    # the closed Next Ups (the last few of each, by id, when ``recent`` is given), the insights
    # and the open blockers. One check-in may be in two of them (an insight on a Next Up).
    wanted: set[int] | None = None
    if recent is not None:
        wanted = {
            row.id for kr_id in shown for row in closed.get(kr_id, ())[-recent:] if recent > 0
        }
    shown_set = set(shown)
    by_pk = sorted(
        {kr.outcome_id for kr in key_results if kr.pk in shown_set and kr.outcome_id is not None}
        | (wanted or set())
    )
    every_next_up = Inline(wanted is None)
    if not shown:
        detail: Iterable[CheckIn] = []
    elif by_id or detailed:
        detail = reads.DETAIL(shown, every_next_up, by_pk or Inline(()))
    else:
        detail = reads.detail(scope.values_list("id", flat=True), every_next_up.value, by_pk)
    outcomes: dict[int, CheckIn] = {}
    first_context: dict[int, CheckIn] = {}
    next_ups: dict[int, list[CheckIn]] = defaultdict(list)
    insights: dict[int, list[CheckIn]] = defaultdict(list)
    blockers: dict[int, list[CheckIn]] = defaultdict(list)
    for check_in in detail:
        kr_id = check_in.key_result_id
        if check_in.kind == CheckIn.Kind.OUTCOME:
            outcomes[check_in.pk] = check_in
        if check_in.kind == CheckIn.Kind.CONTEXT:
            first_context.setdefault(kr_id, check_in)
        is_closed_next_up = check_in.kind == CheckIn.Kind.NEXT_UP and check_in.closed_at
        if is_closed_next_up and (wanted is None or check_in.pk in wanted):
            next_ups[kr_id].append(check_in)
        if check_in.signal == CheckIn.Signal.INSIGHT:
            insights[kr_id].append(check_in)
        if check_in.signal == CheckIn.Signal.BLOCKER and check_in.resolved_at is None:
            blockers[kr_id].append(check_in)
    for newest_first in insights.values():
        newest_first.reverse()
    feedback: dict[int, list[Feedback]] = defaultdict(list)
    if not shown:
        given: Iterable[Feedback] = []
    elif by_id or detailed:
        given = reads.FEEDBACK(shown)
    else:
        given = reads.feedback(scope.values_list("id", flat=True))
    for item in given:
        feedback[item.key_result_id].append(item)

    viewer_actor = actor_for(viewer) if viewer is not None else None
    reviews: list[KeyResultReview] = []
    scores: dict[int, float | None] = {}
    for kr in key_results:
        if kr.pk in shown_set and kr.outcome_id is not None:
            kr.outcome = outcomes[kr.outcome_id]
        scores[kr.pk] = final_score(
            outcome_score=kr.outcome_score,  # type: ignore[attr-defined]  # `review_reads.with_printed`
            kr_type=kr.kr_type,
            start=kr.start_value,
            target=kr.target_value,
            current=kr.current_value,
            period_closed=period.is_closed,
        )
        reviews.append(
            KeyResultReview(
                kr=kr,
                context=first_context.get(kr.pk),
                final_score=scores[kr.pk],
                may_give_feedback=viewer_actor is not None
                and may_give_feedback(viewer_actor, owner_id=kr.owner_id),
                next_ups=next_ups.get(kr.pk, []),
                closures=[row.closure for row in closed.get(kr.pk, ())],
                insights=insights.get(kr.pk, []),
                feedback=feedback.get(kr.pk, []),
                open_blockers=blockers.get(kr.pk, []),
            )
        )

    # A team's calibration is over all of the team's KRs, or not shown: on a team's review only
    # that team's box (a member's other teams are seen here only in part), on a person's review
    # none (the person's KRs are a part of each of their teams; the page links the team reviews).
    # A team's review holds exactly the team's KRs (`in_team`, the rule of
    # `domain.teams.key_result_team_ids`), so its box counts every KR of the review without
    # reading their teams again.
    kr_teams: dict[int, list[Team]] | None = None
    person_teams: list[Team] = []
    if person_id is not None:
        person_teams = reads.PERSON_TEAMS(person_id)
    elif team is not None:
        kr_teams = {kr.pk: [team] for kr in key_results}
    else:
        kr_teams = teams_by_key_result(key_results)
    people, teams = forecasters(
        key_results,
        levels=levels,
        next_ups=closed,
        names=names,
        scores=scores,
        threshold=threshold,
        kr_teams=kr_teams,
    )
    return PeriodReview(
        period=period,
        team=team,
        person=person,
        key_results=reviews,
        people=people,
        teams=teams,
        threshold=threshold,
        person_teams=person_teams,
    )


@dataclass
class ReviewPicker:
    """Whose review to open: a page of teams, and the people a search finds."""

    period: Period
    teams: TeamDirectory
    people: list[AbstractBaseUser]
    may_close: bool


def review_picker(
    *, period_id: int, viewer: AbstractBaseUser, q: str = "", after: str | None = None
) -> ReviewPicker:
    """The period, a page of teams and the people matching `q`, and whether the viewer may
    check out. Never every team or person: a page by name, and a search (a few queries)."""
    period = Period.objects.filter(pk=period_id).first()
    if period is None:
        raise NotFound(code="not_found")
    return ReviewPicker(
        period=period,
        teams=team_directory(q, after=after),
        people=person_search(q),
        may_close=may_close_period(actor_for(viewer)),
    )
