"""The review's reads (``selectors.review``), built once a process (``incheck.prepared``).

Apart from the review's assembly so that each module stays short: the review's subject (period,
team, person), its KRs with what it prints of them, the forecasts behind the calibration as
plain rows, and what the shown KRs print.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import F, Q, QuerySet

from incheck.accounts.models import Team
from incheck.accounts.names import name_from
from incheck.accounts.selectors import team_get
from incheck.errors import NotFound
from incheck.okrs.models import CheckIn, Feedback, KeyResult, Period
from incheck.okrs.selectors.calibration import CLOSED_NEXT_UP_FIELDS, ClosedNextUp, LevelRow
from incheck.prepared import Prepared

T = TypeVar("T")

# The review's reads, built once a process (`incheck.prepared`: compiling them cost Django
# more than running them; a list of ids gets a statement per length, past 100 ids the
# queryset runs as Django builds it).
PERIOD = Prepared(lambda pk: Period.objects.filter(pk=pk))
PERSON = Prepared(lambda pk: get_user_model().objects.select_related("profile").filter(pk=pk))
PERSON_TEAMS = Prepared(
    lambda user_id: Team.objects.filter(memberships__user_id=user_id).order_by("name")
)


def with_printed(queryset: QuerySet[KeyResult], *, with_teams: bool) -> QuerySet[KeyResult]:
    """The KRs with what a review prints of them: objective (and its team where the KRs'
    teams are asked: the whole period's review), owner, and the Outcome's score (the final
    score; the Outcome itself, with its author, only for the KRs shown: `detail`)."""
    return (
        queryset.select_related("objective__team" if with_teams else "objective", "owner__profile")
        .annotate(outcome_score=F("outcome__score"))
        .order_by("objective_id", "id")
    )


KEY_RESULTS_BY_ID = Prepared(
    lambda ids: with_printed(KeyResult.objects.filter(pk__in=ids), with_teams=False)
)
KEY_RESULTS_OF = Prepared(
    lambda period_id, owner_id: with_printed(
        KeyResult.objects.filter(objective__period_id=period_id, owner_id=owner_id),
        with_teams=False,
    )
)


def first(rows: list[T]) -> T | None:
    return rows[0] if rows else None


def subject(
    period_id: int, team_id: int | None, person_id: int | None
) -> tuple[Period, Team | None, AbstractBaseUser | None]:
    period = first(PERIOD(period_id))
    team = team_get(team_id) if team_id is not None else None
    person = first(PERSON(person_id)) if person_id is not None else None
    if period is None or (team_id is not None and team is None):
        raise NotFound(code="not_found")
    if person_id is not None and person is None:
        raise NotFound(code="not_found")
    return period, team, person


def forecast_rows(check_ins: QuerySet[CheckIn]) -> QuerySet[CheckIn, tuple[Any, ...]]:
    return (
        check_ins.filter(
            Q(kind=CheckIn.Kind.CONFIDENCE, level__isnull=False)
            | Q(kind=CheckIn.Kind.NEXT_UP, closed_at__isnull=False)
        )
        .order_by("created_at", "id")
        .values_list("kind", *CLOSED_NEXT_UP_FIELDS, "level")
    )


FORECASTS_BY_ID = Prepared(lambda ids: forecast_rows(CheckIn.objects.filter(key_result_id__in=ids)))


def forecasts(
    rows: Iterable[tuple[Any, ...]], known: Mapping[int, str]
) -> tuple[list[LevelRow], dict[int, list[ClosedNextUp]], dict[int, str]]:
    """The forecasts (``forecast_rows``), in the order they were written, read once.

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


def detail(key_results: Any, every_next_up: bool, by_pk: Sequence[int]) -> QuerySet[CheckIn]:
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


def feedback(key_results: Any) -> QuerySet[Feedback]:
    return Feedback.objects.filter(key_result_id__in=key_results).select_related("author__profile")


DETAIL = Prepared(detail)
FEEDBACK = Prepared(feedback)
