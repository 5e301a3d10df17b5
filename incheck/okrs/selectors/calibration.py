"""Calibration per forecaster and per team, from rows already read by a review.

The rules are in ``domain.calibration``; this module only groups the rows: confidence check-ins
and closed Next Ups by their author (the forecaster: usually the KR's owner, sometimes a lead
who checked in for them) and by the team of the KR they forecast.

The rows are plain tuples (``LevelRow``, ``ClosedNextUp``), not check-ins: a team's review
scores every forecast of the team's KRs, hundreds of rows, and a model instance (with its
author and profile) costs ten times what a tuple does (bench.scale, docs/architecture.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from incheck.domain.calibration import (
    Calibration,
    ExpectedValue,
    Forecast,
    ForecastError,
    calibration,
    forecast_error,
)
from incheck.okrs.models import KeyResult
from incheck.okrs.selectors.scopes import teams_by_key_result


class LevelRow(NamedTuple):
    """A confidence check-in: a forecast of ``level``/10 that its KR will be reached."""

    key_result_id: int
    author_id: int
    level: int


class ClosedNextUp(NamedTuple):
    """A closed Next Up, as the calibration and the review's tally read it."""

    id: int
    key_result_id: int
    author_id: int
    expected_value: float | None
    actual_value: float | None
    closure: str


# The fields of each row, in order: `values_list(*LEVEL_FIELDS)` reads a LevelRow's values.
LEVEL_FIELDS = LevelRow._fields
CLOSED_NEXT_UP_FIELDS = ClosedNextUp._fields


@dataclass(frozen=True)
class ForecasterCalibration:
    """How well one person's (or one team's) forecasts held."""

    id: int
    name: str
    confidence: Calibration
    next_up_error: ForecastError


def _calibrations(
    names: Mapping[int, str],
    forecasts: dict[int, list[Forecast]],
    expected: dict[int, list[ExpectedValue]],
    threshold: float,
) -> list[ForecasterCalibration]:
    return sorted(
        (
            ForecasterCalibration(
                id=key,
                name=names[key],
                confidence=calibration(forecasts.get(key, []), threshold=threshold),
                next_up_error=forecast_error(expected.get(key, [])),
            )
            for key in set(forecasts) | set(expected)
        ),
        key=lambda row: (row.name.casefold(), row.id),
    )


def forecasters(
    key_results: list[KeyResult],
    *,
    levels: Sequence[LevelRow],
    next_ups: Mapping[int, Sequence[ClosedNextUp]],
    names: Mapping[int, str],
    scores: Mapping[int, float | None],
    threshold: float,
) -> tuple[list[ForecasterCalibration], list[ForecasterCalibration]]:
    """Calibration per forecaster (check-in author) and per team of the KR forecast.

    ``levels`` in the order they were written; ``next_ups`` per KR, each KR's in the order they
    were written; ``names`` every author's display name; ``scores`` each KR's final score.
    """
    kr_by_id = {kr.pk: kr for kr in key_results}
    kr_teams = teams_by_key_result(key_results)
    team_names: dict[int, str] = {}
    forecasts: dict[int, list[Forecast]] = defaultdict(list)
    team_forecasts: dict[int, list[Forecast]] = defaultdict(list)
    for kr_id, author_id, level in levels:
        judged = scores.get(kr_id)
        if judged is None or level is None:
            continue  # not judged yet: the period is open and the KR has no Outcome
        forecast = Forecast(level=level, final_score=judged)
        forecasts[author_id].append(forecast)
        for kr_team in kr_teams[kr_id]:
            team_names[kr_team.pk] = kr_team.name
            team_forecasts[kr_team.pk].append(forecast)
    expected: dict[int, list[ExpectedValue]] = defaultdict(list)
    team_expected: dict[int, list[ExpectedValue]] = defaultdict(list)
    for kr_id, closed in next_ups.items():
        kr = kr_by_id[kr_id]
        for next_up in closed:
            if next_up.expected_value is None or next_up.actual_value is None:
                continue
            value = ExpectedValue(
                expected=next_up.expected_value,
                actual=next_up.actual_value,
                start=kr.start_value,
                target=kr.target_value,
                closure=next_up.closure,
                unit=kr.unit,
            )
            expected[next_up.author_id].append(value)
            for kr_team in kr_teams[kr_id]:
                team_names[kr_team.pk] = kr_team.name
                team_expected[kr_team.pk].append(value)

    return (
        _calibrations(names, forecasts, expected, threshold),
        _calibrations(team_names, team_forecasts, team_expected, threshold),
    )
