"""A KR's chart as server-rendered SVG: progress and confidence over the period, with the pace.

Both series share one 0–1 height: progress as the share of the way from start to target (the
domain's `progress_fraction`, so a decrease KR also climbs towards its target), confidence as
level / 10 on the right-hand axis. The expected pace is the domain's linear pace: 0 on the
period's first day, the whole way on its last. Values hold until the next check-in, so both
series are drawn as steps. Plain SVG: fast, printable, and readable in an e-mail.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from itertools import pairwise

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from incheck import clock
from incheck.domain.progress import expected_fraction, pace_start, progress_fraction
from incheck.okrs.models import KeyResult
from incheck.okrs.selectors.charts import ChartSeries
from incheck.okrs.templatetags.incheck_ui import number

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 40, 14, 34
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM


class _Frame:
    """Maps moments and fractions to SVG coordinates for one period."""

    def __init__(self, start: dt.date, end: dt.date, tz: dt.tzinfo) -> None:
        self.tz = tz
        self.origin = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
        # The period's last day counts whole: it ends at midnight after it.
        self.span = (dt.datetime.combine(end, dt.time.min, tzinfo=tz) - self.origin).total_seconds()
        self.span += 86400

    def x(self, moment: dt.datetime | dt.date) -> float:
        if not isinstance(moment, dt.datetime):
            moment = dt.datetime.combine(moment, dt.time.min, tzinfo=self.tz)
        share = (moment - self.origin).total_seconds() / self.span
        return LEFT + PLOT_W * min(1.0, max(0.0, share))

    def x_after(self, day: dt.date) -> float:
        """Where `day` ends: at midnight after it (the end of the plot after the last day)."""
        if day == dt.date.max:
            return LEFT + PLOT_W
        return self.x(day + dt.timedelta(days=1))

    @staticmethod
    def y(fraction: float) -> float:
        return TOP + PLOT_H * (1 - min(1.0, max(0.0, fraction)))


def _steps(points: Sequence[tuple[float, float]], until_x: float | None) -> str:
    """An SVG path that holds each value until the next point (and until `until_x`)."""
    if not points:
        return ""
    parts = [f"M{points[0][0]:.1f},{points[0][1]:.1f}"]
    for (_x0, y0), (x1, y1) in pairwise(points):
        parts.append(f"H{x1:.1f}V{y1:.1f}" if y1 != y0 else f"H{x1:.1f}")
    if until_x is not None and until_x > points[-1][0]:
        parts.append(f"H{until_x:.1f}")
    return "".join(parts)


def _dots(points: Iterable[tuple[float, float]], css: str, radius: float) -> list[str]:
    return [f'<circle class="{css}" cx="{x:.1f}" cy="{y:.1f}" r="{radius}"/>' for x, y in points]


# More ticks than this would crowd the axis (and a long period would draw thousands).
MAX_TICKS = 13


def _ticks(start: dt.date, end: dt.date) -> tuple[list[dt.date], str]:
    """The first days of months on the axis, and how to label them: every month for a period
    of up to a year or so, else the first of January every few years. Month arithmetic on
    numbers, so the end of the calendar (9999-12-31) never builds a date past it."""
    first = start.year * 12 + start.month - 1  # the month of `start`, counted from year 0
    last = end.year * 12 + end.month - 1
    if last - first < MAX_TICKS:
        months = range(first, last + 1)
        label = pgettext("date format of a month on the chart", "M")
    else:
        years = math.ceil((end.year - start.year + 1) / MAX_TICKS)
        months = range(start.year * 12, last + 1, 12 * years)
        label = "Y"
    ticks = [dt.date(month // 12, month % 12 + 1, 1) for month in months]
    ticks = [tick for tick in ticks if tick >= start]
    return ticks or [start], label


def _text(x: float, y: float, text: str, css: str, anchor: str = "middle") -> str:
    return (
        f'<text class="{css}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{escape(text)}</text>'
    )


def _value_labels(kr: KeyResult) -> list[tuple[float, str]]:
    if kr.kr_type == KeyResult.Type.MILESTONE:
        return [(0.0, _("not yet")), (1.0, _("reached"))]
    middle = kr.start_value + (kr.target_value - kr.start_value) / 2
    return [
        (0.0, number(kr.start_value)),
        (0.5, number(middle)),
        (1.0, number(kr.target_value)),
    ]


def progress_chart(
    *,
    series: ChartSeries,
    kr: KeyResult,
    start: dt.date,
    end: dt.date,
    tz: dt.tzinfo,
    today: dt.date,
) -> SafeString:
    """The SVG for one KR over one period (every text in it is escaped)."""
    frame = _Frame(start, end, tz)
    now_x = frame.x_after(today) if start <= today <= end else None
    until_x = now_x if now_x is not None else (frame.x_after(end) if today > end else None)

    def fraction(value: float) -> float:
        return progress_fraction(
            kr_type=kr.kr_type, start=kr.start_value, target=kr.target_value, current=value
        )

    progress = [(frame.x(moment), frame.y(fraction(value))) for moment, value in series.progress]
    confidence = [(frame.x(moment), frame.y(level / 10)) for moment, level in series.confidence]

    # Outside the f-string: xgettext cannot see a string inside one (makemessages missed it).
    title = _("Progress and confidence over the period")
    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(_chart_description(kr, series))}</desc>',
    ]
    # Grid and axes: the KR's values on the left, confidence 0–10 on the right.
    for share in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = frame.y(share)
        out.append(
            f'<line class="grid" x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
    for share, label in _value_labels(kr):
        out.append(_text(LEFT - 6, frame.y(share) + 4, label, "axis", "end"))
    for level in (0, 5, 10):
        out.append(
            _text(LEFT + PLOT_W + 6, frame.y(level / 10) + 4, str(level), "axis conf", "start")
        )
    # A date format the catalogue translates: Swedish writes months in lower case ("okt").
    ticks, label = _ticks(start, end)
    for tick in ticks:
        x = frame.x(tick)
        out.append(f'<line class="tick" x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{TOP + PLOT_H}"/>')
        out.append(_text(x + 3, HEIGHT - 10, formats.date_format(tick, label), "axis", "start"))
    # The expected pace: the domain's linear pace from the day the KR joined the period (its
    # first day, or later for a KR added mid-period) to the last.
    joined = pace_start(start, clock.local_date(kr.created_at, tz) or start, end)
    pace_from = expected_fraction(period_start=joined, period_end=end, today=joined)
    pace_to = expected_fraction(period_start=joined, period_end=end, today=end)
    out.append(
        f'<line class="pace" x1="{frame.x(joined):.1f}" y1="{frame.y(pace_from):.1f}" '
        f'x2="{frame.x_after(end):.1f}" y2="{frame.y(pace_to):.1f}"/>'
    )
    if now_x is not None:
        out.append(
            f'<line class="today" x1="{now_x:.1f}" x2="{now_x:.1f}" '
            f'y1="{TOP}" y2="{TOP + PLOT_H}"/>'
        )
        out.append(
            _text(
                now_x,
                TOP + 10,
                _("today"),
                "axis today-label",
                "end" if now_x > WIDTH / 2 else "start",
            )
        )
    if confidence:
        out.append(f'<path class="line conf" d="{_steps(confidence, until_x)}"/>')
        out.extend(_dots(confidence, "dot conf", 3))
    out.append(f'<path class="line progress" d="{_steps(progress, until_x)}"/>')
    out.extend(_dots(progress[1:], "dot progress", 3.5))
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above goes through escape()


def _chart_description(kr: KeyResult, series: ChartSeries) -> str:
    latest = series.progress[-1][1] if series.progress else kr.start_value
    count = max(0, len(series.progress) - 1)
    text = ngettext(
        "%(count)s progress check-in; now at %(value)s of %(target)s.",
        "%(count)s progress check-ins; now at %(value)s of %(target)s.",
        count,
    ) % {
        "count": count,
        "value": number(latest),
        "target": number(kr.target_value),
    }
    if series.confidence:
        text += " " + _("Latest confidence %(level)s/10.") % {"level": series.confidence[-1][1]}
    return text
