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
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import F, Q, QuerySet

from incheck.accounts.models import Team
from incheck.accounts.names import display_name, name_from
from incheck.accounts.selectors import TeamDirectory, person_search, team_directory
from incheck.domain.calibration import REACHED_THRESHOLD, final_score
from incheck.domain.permissions import may_close_period, may_give_feedback
from incheck.errors import NotFound
from incheck.okrs.models import CheckIn, Feedback, KeyResult, Period
from incheck.okrs.selectors.calibration import (
    CLOSED_NEXT_UP_FIELDS,
    ClosedNextUp,
    ForecasterCalibration,
    LevelRow,
    forecasters,
)
from incheck.okrs.selectors.scopes import in_team, teams_by_key_result
from incheck.okrs.services.access import actor_for
from incheck.prepared import Inline, Prepared

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


# The review's reads, built once a process (`incheck.prepared`: compiling them cost Django
# more than running them; a list of ids gets a statement per length, past 100 ids the
# queryset runs as Django builds it).
_PERIOD = Prepared(lambda pk: Period.objects.filter(pk=pk))
_TEAM = Prepared(lambda pk: Team.objects.filter(pk=pk))
_PERSON = Prepared(lambda pk: get_user_model().objects.select_related("profile").filter(pk=pk))
_PERSON_TEAMS = Prepared(
    lambda user_id: Team.objects.filter(memberships__user_id=user_id).order_by("name")
)


def _key_results(queryset: QuerySet[KeyResult], *, with_teams: bool) -> QuerySet[KeyResult]:
    """The KRs with what a review prints of them: objective (and its team where the KRs'
    teams are asked: the whole period's review), owner, and the Outcome's score (the final
    score; the Outcome itself, with its author, only for the KRs shown: `_detail`)."""
    return (
        queryset.select_related("objective__team" if with_teams else "objective", "owner__profile")
        .annotate(outcome_score=F("outcome__score"))
        .order_by("objective_id", "id")
    )


_KEY_RESULTS_BY_ID = Prepared(
    lambda ids: _key_results(KeyResult.objects.filter(pk__in=ids), with_teams=False)
)
_KEY_RESULTS_OF = Prepared(
    lambda period_id, owner_id: _key_results(
        KeyResult.objects.filter(objective__period_id=period_id, owner_id=owner_id),
        with_teams=False,
    )
)


def _first(rows: list[T]) -> T | None:
    return rows[0] if rows else None


def _subject(
    period_id: int, team_id: int | None, person_id: int | None
) -> tuple[Period, Team | None, AbstractBaseUser | None]:
    period = _first(_PERIOD(period_id))
    team = _first(_TEAM(team_id)) if team_id is not None else None
    person = _first(_PERSON(person_id)) if person_id is not None else None
    if period is None or (team_id is not None and team is None):
        raise NotFound(code="not_found")
    if person_id is not None and person is None:
        raise NotFound(code="not_found")
    return period, team, person


def _forecast_rows(check_ins: QuerySet[CheckIn]) -> QuerySet[CheckIn, tuple[Any, ...]]:
    return (
        check_ins.filter(
            Q(kind=CheckIn.Kind.CONFIDENCE, level__isnull=False)
            | Q(kind=CheckIn.Kind.NEXT_UP, closed_at__isnull=False)
        )
        .order_by("created_at", "id")
        .values_list("kind", *CLOSED_NEXT_UP_FIELDS, "level")
    )


_FORECASTS_BY_ID = Prepared(
    lambda ids: _forecast_rows(CheckIn.objects.filter(key_result_id__in=ids))
)


def _forecasts(
    rows: Iterable[tuple[Any, ...]], known: Mapping[int, str]
) -> tuple[list[LevelRow], dict[int, list[ClosedNextUp]], dict[int, str]]:
    """The forecasts (``_forecast_rows``), in the order they were written, read once.

    The confidences, the closed Next Ups per KR (the KRs in the order of their first one, as
    the calibration has always summed them) and their authors' names, as tuples: a team's
    review scores hundreds of them, and model instances cost ten times as much. The names
    come from ``known`` (the KRs' owners, read with the KRs); those of the other authors (a
    lead who checked in for their people) in one more read. Joined to every row instead,
    PostgreSQL hashed every person of the organisation twice (its estimate of the rows is a
    third of the truth), a cost that grew with the company.
    """
    levels: list[LevelRow] = []
    closed: dict[int, list[ClosedNextUp]] = defaultdict(list)
    authors: set[int] = set()
    confidence = CheckIn.Kind.CONFIDENCE.value
    for kind, pk, kr_id, author_id, expected, actual, closure, level in rows:
        authors.add(author_id)
        if kind == confidence:
            levels.append(LevelRow(kr_id, author_id, level))
        else:
            closed[kr_id].append(ClosedNextUp(pk, kr_id, author_id, expected, actual, closure))
    names = {author_id: known[author_id] for author_id in authors if author_id in known}
    others = sorted(authors - names.keys())
    if others:
        for user_id, username, shown in (
            get_user_model()
            .objects.filter(pk__in=others)
            .values_list("id", "username", "profile__display_name")
        ):
            names[user_id] = name_from(shown, username)
    return levels, closed, names


def _detail(key_results: Any, every_next_up: bool, by_pk: Sequence[int]) -> QuerySet[CheckIn]:
    """What the shown KRs print: the check-ins ``by_pk`` (their Outcomes, the last few closed
    Next Ups), the Contexts, the insights, the open blockers, and every closed Next Up when
    ``every_next_up``; with their authors, and the blocker a check-in resolves."""
    printed = (
        Q(kind=CheckIn.Kind.CONTEXT)
        | Q(signal=CheckIn.Signal.INSIGHT)
        | Q(signal=CheckIn.Signal.BLOCKER, resolved_at__isnull=True)
    )
    if by_pk:
        printed |= Q(pk__in=by_pk)
    if every_next_up:
        printed |= Q(kind=CheckIn.Kind.NEXT_UP, closed_at__isnull=False)
    return (
        CheckIn.objects.filter(key_result_id__in=key_results)
        .filter(printed)
        .select_related("author__profile", "resolves")
        .order_by("created_at", "id")
    )


def _feedback(key_results: Any) -> QuerySet[Feedback]:
    return Feedback.objects.filter(key_result_id__in=key_results).select_related("author__profile")


_DETAIL = Prepared(_detail)
_FEEDBACK = Prepared(_feedback)


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
    ``_forecasts``). ``viewer`` only decides ``may_give_feedback`` per KR. Unknown period, team or
    person → ``NotFound``.
    ``detailed`` picks, from the scope's KRs in order, those whose Context, insights, blockers
    and feedback are read (a page shows five: the others' would be read for nothing); None →
    all. ``recent``: how many of a detailed KR's closed Next Ups (the last ones) are read in
    full; None → all of them. The Next Ups and forecasts behind the calibration are read for
    every KR, as plain rows (``_forecasts``).
    """
    period, team, person = _subject(period_id, team_id, person_id)
    scope = scoped_key_results(period, team_id=team_id, person_id=person_id)
    key_results: list[KeyResult]
    if team_id is not None:
        # A team's KRs by their ids, read first: joined with the team's union subquery,
        # PostgreSQL's planner took it for a few rows and joined every KR of the period with its
        # objective, owner and Outcome before filtering (150 ms at organisation scale).
        team_ids = list(scope.values_list("id", flat=True))
        key_results = _KEY_RESULTS_BY_ID(team_ids) if team_ids else []
    elif person_id is not None:
        key_results = _KEY_RESULTS_OF(period.pk, person_id)
    else:
        key_results = list(_key_results(scope, with_teams=True))
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
        forecast_rows = _FORECASTS_BY_ID(ids)
    else:
        forecast_rows = _forecast_rows(
            CheckIn.objects.filter(key_result_id__in=scope.values_list("id", flat=True))
        )
    owners = {kr.owner_id: display_name(kr.owner) for kr in key_results}
    levels, closed, names = _forecasts(forecast_rows, owners)
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
        detail = _DETAIL(shown, every_next_up, by_pk or Inline(()))
    else:
        detail = _detail(scope.values_list("id", flat=True), every_next_up.value, by_pk)
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
        given = _FEEDBACK(shown)
    else:
        given = _feedback(scope.values_list("id", flat=True))
    for item in given:
        feedback[item.key_result_id].append(item)

    viewer_actor = actor_for(viewer) if viewer is not None else None
    reviews: list[KeyResultReview] = []
    scores: dict[int, float | None] = {}
    for kr in key_results:
        if kr.pk in shown_set and kr.outcome_id is not None:
            kr.outcome = outcomes[kr.outcome_id]
        scores[kr.pk] = final_score(
            outcome_score=kr.outcome_score,  # type: ignore[attr-defined]  # `_key_results`
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
        person_teams = _PERSON_TEAMS(person_id)
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
