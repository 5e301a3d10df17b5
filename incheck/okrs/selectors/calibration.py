"""Calibration per forecaster and per team, from check-ins already loaded by a review.

The rules are in ``domain.calibration``; this module only groups the loaded rows: confidence
check-ins and closed Next Ups by their author (the forecaster: usually the KR's owner, sometimes
a lead who checked in for them) and by the team of the KR they forecast.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from incheck.accounts.names import display_name
from incheck.domain.calibration import (
    Calibration,
    ExpectedValue,
    Forecast,
    ForecastError,
    calibration,
    forecast_error,
)
from incheck.okrs.models import CheckIn, KeyResult
from incheck.okrs.selectors.scopes import teams_by_key_result


@dataclass(frozen=True)
class ForecasterCalibration:
    """How well one person's (or one team's) forecasts held."""

    id: int
    name: str
    confidence: Calibration
    next_up_error: ForecastError


def _calibrations(
    names: dict[int, str],
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
    levels: list[CheckIn],
    next_ups: dict[int, list[CheckIn]],
    scores: dict[int, float | None],
    threshold: float,
) -> tuple[list[ForecasterCalibration], list[ForecasterCalibration]]:
    """Calibration per forecaster (check-in author) and per team of the KR forecast."""
    kr_by_id = {kr.pk: kr for kr in key_results}
    kr_teams = teams_by_key_result(key_results)
    names: dict[int, str] = {}
    team_names: dict[int, str] = {}
    forecasts: dict[int, list[Forecast]] = defaultdict(list)
    team_forecasts: dict[int, list[Forecast]] = defaultdict(list)
    for check_in in levels:
        judged = scores.get(check_in.key_result_id)
        if judged is None or check_in.level is None:
            continue  # not judged yet: the period is open and the KR has no Outcome
        forecast = Forecast(level=check_in.level, final_score=judged)
        names[check_in.author_id] = display_name(check_in.author)
        forecasts[check_in.author_id].append(forecast)
        for kr_team in kr_teams[check_in.key_result_id]:
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
            names[next_up.author_id] = display_name(next_up.author)
            expected[next_up.author_id].append(value)
            for kr_team in kr_teams[kr_id]:
                team_names[kr_team.pk] = kr_team.name
                team_expected[kr_team.pk].append(value)

    return (
        _calibrations(names, forecasts, expected, threshold),
        _calibrations(team_names, team_forecasts, team_expected, threshold),
    )
