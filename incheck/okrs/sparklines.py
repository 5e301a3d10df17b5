"""Small trend charts as server-rendered SVG: a share (0–1) per week, as a line.

Plain SVG like the KR chart (charts.py): no script, printable, and the numbers are in the
chart's accessible name, so a screen reader hears the trend too.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD = 120, 32, 3


def sparkline(values: Sequence[float | None], *, label: str, warning: bool = False) -> SafeString:
    """A line through the shares (None leaves a gap), the last point marked."""
    points = [
        (PAD + (WIDTH - 2 * PAD) * (i / max(1, len(values) - 1)), value)
        for i, value in enumerate(values)
    ]
    segments: list[list[str]] = [[]]
    for x, value in points:
        if value is None:
            segments.append([])
            continue
        y = HEIGHT - PAD - (HEIGHT - 2 * PAD) * max(0.0, min(1.0, value))
        segments[-1].append(f"{x:.1f},{y:.1f}")
    lines = "".join(
        f'<polyline points="{" ".join(segment)}" fill="none" stroke-width="2"/>'
        for segment in segments
        if len(segment) > 1
    )
    last = next(((x, v) for x, v in reversed(points) if v is not None), None)
    dot = ""
    if last is not None:
        y = HEIGHT - PAD - (HEIGHT - 2 * PAD) * max(0.0, min(1.0, last[1]))
        dot = f'<circle cx="{last[0]:.1f}" cy="{y:.1f}" r="2.5"/>'
    tone = "spark-warning" if warning else "spark-habit"
    return mark_safe(  # noqa: S308 - numbers we formatted, and the escaped label
        f'<svg class="spark {tone}" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-label="{escape(label)}">'
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" '
        f'class="spark-axis"/>{lines}{dot}</svg>'
    )


def trend_label(name: str, values: Sequence[float | None]) -> str:
    """ "Open Next Up by week: 40%, 55%, 61%" (the accessible name of a sparkline)."""
    shown = ", ".join("–" if v is None else f"{round(v * 100)}%" for v in values)
    return f"{name}: {shown}"
