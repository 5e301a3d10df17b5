"""Calibration: how good were the forecasts, once the period's outcomes are known (rule 5).

Two kinds of forecast are scored at check-out:

- **Confidence** (0–10) is a forecast that the KR will be reached: a level of 7 says "70 %".
  Each confidence check-in of the period is scored against the KR's outcome with the **Brier
  score**, the mean of (p − o)² where p = level / 10 and o = 1 when the KR was reached, else 0.
  0 is a perfect forecaster; always saying 5/10 scores 0.25; the worst possible is 1.
- **Next Up expected values** are point forecasts ("by Friday, 50 leads"). When a Next Up is
  closed, the KR's value at that moment (``actual_value``) is compared with ``expected_value``.

Decisions worth knowing (they are the user's to argue with):

- **Reached** means a final score of at least ``REACHED_THRESHOLD`` (0.7): the usual OKR
  convention that 0.7 of an ambitious KR counts as success. It is a parameter everywhere.
- **The final score** is the Outcome's score when one was written (it may have been adjusted
  with a reason). Without an Outcome, a KR of a *closed* period is judged by the score of its
  last value; a KR of a period still open is not judged yet (its forecasts are left out).
- **Forecast error** is ``expected − actual``, so a positive bias means "expected more than
  happened". As a *share of the KR's range* it is ``(expected − actual) / (target − start)``:
  comparable across units, and positive means optimistic for increase and decrease KRs alike
  (for a decrease KR both signs flip). Means in the KR's own units are given only when every
  forecast shares one unit; the shares are always given.
- **Dropped** Next Ups are left out of the forecast error: the plan was withdrawn, so was its
  forecast. Done, partly and not done all count (an honest miss is the point).

>>> result = calibration([Forecast(level=8, final_score=1.0), Forecast(level=3, final_score=0.2)])
>>> round(result.brier, 3)  # ((0.8 − 1)² + (0.3 − 0)²) / 2 = (0.04 + 0.09) / 2
0.065
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from incheck.domain.progress import score as computed_score

# A final score at or above this counts as reached (the common OKR convention).
REACHED_THRESHOLD = 0.7
LEVELS = range(11)  # confidence 0..10


@dataclass(frozen=True)
class Forecast:
    """One confidence check-in (``level`` 0–10) and the final score of its KR (0–1)."""

    level: int
    final_score: float


@dataclass(frozen=True)
class Bucket:
    """Plain words per level: "when you said ``level``/10 you reached ``reached`` of ``n``"."""

    level: int
    n: int
    reached: int


@dataclass(frozen=True)
class Calibration:
    """The Brier score of a set of forecasts (None when there are none) and its buckets."""

    n: int
    brier: float | None
    buckets: tuple[Bucket, ...]
    threshold: float = REACHED_THRESHOLD


@dataclass(frozen=True)
class ExpectedValue:
    """A closed Next Up's forecast: expected vs actual value, on a KR's start → target scale."""

    expected: float
    actual: float
    start: float
    target: float
    closure: str = "done"
    unit: str = ""


@dataclass(frozen=True)
class ForecastError:
    """Mean errors of Next Up expected values; ``*_share`` as a share of each KR's range."""

    n: int
    mean_absolute: float | None
    mean_signed: float | None
    mean_absolute_share: float | None
    mean_signed_share: float | None
    unit: str | None


def is_reached(final_score: float, *, threshold: float = REACHED_THRESHOLD) -> bool:
    """Whether a final score counts as reached.

    >>> is_reached(0.7), is_reached(0.69)
    (True, False)
    """
    return final_score >= threshold


def final_score(
    *,
    outcome_score: float | None,
    kr_type: str,
    start: float,
    target: float,
    current: float | None,
    period_closed: bool,
) -> float | None:
    """The score a KR's forecasts are judged against, or None while it cannot be judged yet.

    >>> final_score(outcome_score=0.5, kr_type="increase", start=0, target=10, current=9,
    ...             period_closed=False)
    0.5
    >>> final_score(outcome_score=None, kr_type="increase", start=0, target=10, current=9,
    ...             period_closed=True)
    0.9
    """
    if outcome_score is not None:
        return outcome_score
    if not period_closed:
        return None
    return computed_score(kr_type=kr_type, start=start, target=target, current=current)


def _valid(forecast: Forecast) -> bool:
    # A level outside 0..10 or a non-finite score cannot be a forecast; skip it rather than
    # let one bad row poison a whole person's number.
    return forecast.level in LEVELS and math.isfinite(forecast.final_score)


def _judged(forecasts: Iterable[Forecast], threshold: float) -> list[tuple[int, bool]]:
    """The valid forecasts as (level, reached), in their order: what the score and buckets read.

    Judged once for both (a team's review scores hundreds of forecasts per box).
    """
    return [
        (f.level, is_reached(f.final_score, threshold=threshold)) for f in forecasts if _valid(f)
    ]


def _brier(judged: Sequence[tuple[int, bool]]) -> float | None:
    errors = [(level / 10 - (1.0 if reached else 0.0)) ** 2 for level, reached in judged]
    return sum(errors) / len(errors) if errors else None


def _buckets(judged: Iterable[tuple[int, bool]]) -> tuple[Bucket, ...]:
    counts: dict[int, list[int]] = {}
    for level, reached in judged:
        n_reached = counts.setdefault(level, [0, 0])
        n_reached[0] += 1
        n_reached[1] += reached
    return tuple(
        Bucket(level=level, n=n, reached=n_reached)
        for level, (n, n_reached) in sorted(counts.items(), reverse=True)
    )


def brier_score(
    forecasts: Iterable[Forecast], *, threshold: float = REACHED_THRESHOLD
) -> float | None:
    """Mean of (level/10 − reached)² over the forecasts; None when there are none.

    >>> brier_score([Forecast(level=10, final_score=1.0)])
    0.0
    """
    return _brier(_judged(forecasts, threshold))


def buckets(
    forecasts: Iterable[Forecast], *, threshold: float = REACHED_THRESHOLD
) -> tuple[Bucket, ...]:
    """Per confidence level that was used: how many forecasts, how many of them reached.

    Levels never said are left out; the result is ordered by level, highest first (the
    confident forecasts are the ones worth reading first).
    """
    return _buckets(_judged(forecasts, threshold))


def calibration(
    forecasts: Sequence[Forecast], *, threshold: float = REACHED_THRESHOLD
) -> Calibration:
    """The Brier score and the plain-words buckets of a set of confidence forecasts."""
    judged = _judged(forecasts, threshold)
    return Calibration(
        n=len(judged),
        brier=_brier(judged),
        buckets=_buckets(judged),
        threshold=threshold,
    )


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def forecast_error(values: Iterable[ExpectedValue]) -> ForecastError:
    """Mean absolute and signed (bias) error of Next Up expected values, also as range shares.

    >>> e = forecast_error([ExpectedValue(expected=50, actual=40, start=0, target=100)])
    >>> e.mean_signed, e.mean_signed_share
    (10.0, 0.1)
    """
    isfinite = math.isfinite
    counted = [
        v
        for v in values
        if v.closure != "dropped"
        and isfinite(v.expected)
        and isfinite(v.actual)
        and isfinite(v.start)
        and isfinite(v.target)
    ]
    signed = [float(v.expected - v.actual) for v in counted]
    # A KR whose start equals its target has no range to share: it counts in the means in
    # units (when they are comparable) but not in the shares.
    shares = [
        (v.expected - v.actual) / (v.target - v.start) for v in counted if v.target != v.start
    ]
    units = {v.unit for v in counted}
    same_unit = len(units) == 1
    mean_signed = _mean(signed) if same_unit else None
    mean_absolute = _mean([abs(s) for s in signed]) if same_unit else None
    return ForecastError(
        n=len(counted),
        mean_absolute=mean_absolute,
        mean_signed=mean_signed,
        mean_absolute_share=_mean([abs(s) for s in shares]),
        mean_signed_share=_mean(shares),
        unit=units.pop() if same_unit else None,
    )
