"""Display helpers for the review pages: formatting only, never a rule of the method."""

from __future__ import annotations

import math

from django import template

register = template.Library()


@register.filter
def share_percent(share: float | None) -> int | None:
    """A signed share of a KR's range as whole percent points, without its sign: −0.193 → 19."""
    if share is None or not math.isfinite(share):
        return None
    return abs(round(share * 100))


@register.filter
def bias(share: float | None) -> str:
    """ "optimistic" (expected more than happened), "cautious" (less) or "" (on the mark)."""
    if share is None or not math.isfinite(share) or round(share * 100) == 0:
        return ""
    return "optimistic" if share > 0 else "cautious"
