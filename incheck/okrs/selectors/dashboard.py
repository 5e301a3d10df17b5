"""The company dashboard: the programme's health for a period, overall and per team.

It reads the `ProgrammeHealth` rows the job records (services/programme.py), never every KR:
the overall row of each trend day, one page of team rows for the latest day (sorted by name
or by a figure, worst first) with those teams' trend, and the open blockers counted by age,
each count stopping at 100 ("100+") so it costs the same in any organisation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F, FloatField, QuerySet
from django.db.models.functions import Cast, NullIf

from incheck import clock
from incheck.accounts.models import Team
from incheck.domain.programme import FIGURES, WARNINGS, trend_days
from incheck.okrs.models import CheckIn, Period, ProgrammeHealth
from incheck.okrs.selectors.alignment import period_and_team
from incheck.okrs.selectors.blockers import blockers_in
from incheck.okrs.selectors.scopes import bounded
from incheck.okrs.services.programme import programme_health_record
from incheck.prepared import Inline, Prepared, PreparedCount

TEAMS_PER_PAGE = 25
# A count past this reads "100+": counting further would grow with the organisation.
COUNT_LIMIT = 100
# Open blockers by age in days: up to a week, two, four, and older.
AGE_BUCKETS = ((0, 7), (8, 14), (15, 28), (29, None))


@dataclass(frozen=True)
class Figure:
    name: str
    count: int
    total: int

    @property
    def share(self) -> float | None:
        return self.count / self.total if self.total else None

    @property
    def percent(self) -> int | None:
        share = self.share
        return None if share is None else round(share * 100)

    @property
    def is_warning(self) -> bool:
        return self.name in WARNINGS


def figures_of(row: ProgrammeHealth | None) -> list[Figure]:
    if row is None:
        return []
    return [Figure(name, getattr(row, name), row.key_results) for name in FIGURES]


def share_of(count: int, key_results: int) -> float | None:
    """A figure as a share of the KRs it counts among (None when there are none)."""
    return count / key_results if key_results else None


def trend_of(rows: list[ProgrammeHealth], name: str) -> list[float | None]:
    return [share_of(getattr(row, name), row.key_results) for row in rows]


@dataclass
class TeamLine:
    row: ProgrammeHealth
    # The share checked in within the rhythm on each trend day, oldest first.
    rhythm_trend: list[float | None] = field(default_factory=list)

    @property
    def figures(self) -> list[Figure]:
        return figures_of(self.row)


@dataclass(frozen=True)
class BlockerAge:
    low: int
    high: int | None
    count: int

    @property
    def more(self) -> bool:
        """The count stopped at the limit: there are at least this many."""
        return self.count > COUNT_LIMIT

    @property
    def shown(self) -> int:
        return min(self.count, COUNT_LIMIT)


@dataclass
class Dashboard:
    period: Period | None
    periods: list[Period]
    overall: ProgrammeHealth | None = None
    overall_trend: list[ProgrammeHealth] = field(default_factory=list)
    teams: list[TeamLine] = field(default_factory=list)
    team: Team | None = None
    sort: str = "name"
    page: int = 1
    has_next: bool = False
    blockers: list[BlockerAge] = field(default_factory=list)

    @property
    def figures(self) -> list[Figure]:
        return figures_of(self.overall)

    def trend(self, name: str) -> list[float | None]:
        return trend_of(self.overall_trend, name)

    @property
    def trends(self) -> list[tuple[Figure, list[float | None]]]:
        return [(figure, self.trend(figure.name)) for figure in self.figures]


def _sorted(rows: QuerySet[ProgrammeHealth], sort: str) -> QuerySet[ProgrammeHealth]:
    if sort not in FIGURES:
        return rows.order_by("team__name", "team_id")
    share = Cast(F(sort), FloatField()) / NullIf(F("key_results"), 0)
    # Worst first: the lowest share of a habit, the highest share of a warning.
    order = (
        F("share").desc(nulls_last=True) if sort in WARNINGS else F("share").asc(nulls_last=True)
    )
    return rows.annotate(share=share).order_by(order, "team__name", "team_id")


def dashboard(
    *,
    tz: dt.tzinfo,
    period_id: int | None = None,
    team_id: int | None = None,
    sort: str = "name",
    page: int = 1,
) -> Dashboard:
    """The dashboard of a period (the current one by default): a bounded number of queries."""
    periods, period, team = period_and_team(tz=tz, period_id=period_id, team_id=team_id)
    board = Dashboard(period=period, periods=periods, team=team, sort=sort, page=max(1, page))
    if period is None:
        return board
    overall = _OVERALL(period.pk)
    if not overall and period.start_on <= clock.today(tz):
        # Nothing recorded yet (a new installation, no cron yet): record it now, once.
        programme_health_record(period_id=period.pk, tz=tz)
        overall = _OVERALL(period.pk)
    if not overall:
        board.blockers = blocker_ages(period, tz=tz)
        return board
    board.overall = overall[-1]
    days = set(trend_days(period.start_on, period.end_on, board.overall.day))
    board.overall_trend = [row for row in overall if row.day in days]
    start = (board.page - 1) * TEAMS_PER_PAGE
    rows = _TEAM_ROWS(
        period.pk,
        board.overall.day,
        Inline(sort if sort in FIGURES else "name"),
        Inline(start),
        *([team.pk] if team is not None else []),
    )
    board.has_next = len(rows) > TEAMS_PER_PAGE
    lines = {row.team_id: TeamLine(row=row) for row in rows[:TEAMS_PER_PAGE]}
    if lines:
        # A page of teams' trends is a few hundred rows: read as values, not instances.
        for team_id, in_rhythm, key_results in _TEAM_TRENDS(period.pk, list(lines), sorted(days)):
            lines[team_id].rhythm_trend.append(share_of(in_rhythm, key_results))
    board.teams = list(lines.values())
    board.blockers = blocker_ages(period, tz=tz)
    return board


def _overall(period_id: int) -> QuerySet[ProgrammeHealth]:
    """The organisation's row of each recorded day, oldest first."""
    return ProgrammeHealth.objects.filter(period_id=period_id, team__isnull=True).order_by("day")


def _team_rows(
    period_id: int, day: dt.date, sort: str, start: int, team_id: int | None = None
) -> QuerySet[ProgrammeHealth]:
    """A page of teams' rows of a day (one more than the page: whether a next one follows),
    sorted by name or by a figure, worst first; one team's row when `team_id`."""
    latest = ProgrammeHealth.objects.filter(
        period_id=period_id, day=day, team__isnull=False
    ).select_related("team")
    if team_id is not None:
        latest = latest.filter(team_id=team_id)
    return _sorted(latest, sort)[start : start + TEAMS_PER_PAGE + 1]


def _team_trends(
    period_id: int, team_ids: list[int], days: list[dt.date]
) -> QuerySet[ProgrammeHealth, tuple[int, int, int]]:
    """The teams' rhythm figures on the trend's days, oldest first."""
    return (
        ProgrammeHealth.objects.filter(period_id=period_id, team_id__in=team_ids, day__in=days)
        .order_by("day")
        .values_list("team_id", "in_rhythm", "key_results")
    )


# Built once a process (`incheck.prepared`): Django took longer to build the dashboard's reads
# than the database to run them (a statement per sort and page of teams, and per number of
# teams and trend days).
_OVERALL = Prepared(_overall)
_TEAM_ROWS = Prepared(_team_rows)
_TEAM_TRENDS = Prepared(_team_trends)


def blocker_ages(period: Period, *, tz: dt.tzinfo) -> list[BlockerAge]:
    """The period's open blockers by age, each count stopping past COUNT_LIMIT."""
    now = clock.now()
    ages = []
    for low, high in AGE_BUCKETS:
        bounds = [now - dt.timedelta(days=low)]
        if high is not None:
            bounds.append(now - dt.timedelta(days=high + 1))
        count = _OPEN_BLOCKERS_AGED(period.pk, *bounds)
        ages.append(BlockerAge(low=low, high=high, count=count))
    return ages


def _open_blockers_aged(
    period_id: int, since: dt.datetime, before: dt.datetime | None = None
) -> QuerySet[CheckIn]:
    """The period's open blockers written at or before `since` and after `before`, as
    `bounded_count` counts them.

    As the blockers board reads them (checked per blocker with EXISTS on its KR, in the
    index's order): each count reads the open blockers of its age range from
    `okrs_checkin_signal_state`."""
    bucket = blockers_in("open", period_id=period_id).filter(created_at__lte=since)
    if before is not None:
        bucket = bucket.filter(created_at__gt=before)
    return bounded(bucket, ordered=True)


# Built once a process (`incheck.prepared`): Django took ~1 ms to build each of the four
# counts, which run in a few hundredths of that.
_OPEN_BLOCKERS_AGED = PreparedCount(_open_blockers_aged)
