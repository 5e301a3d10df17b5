"""Display helpers for the review pages: formatting only, never a rule of the method."""

from __future__ import annotations

import math

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

register = template.Library()

# Units that are themselves percentages: an error in them is in percentage points, which a
# sentence about "% of the distance" must not confuse with a share.
PERCENT_UNITS = frozenset({"%", "percent", "procent", "pct", "pp"})


def approximately(value: float) -> float | int:
    """A number as a person says it in a summary: whole from 10 up, one decimal from 1, two
    significant digits below 1 (4.67 → 4.7, 17.4 → 17, 0.0463 → 0.046).

    >>> approximately(4.666), approximately(17.4), approximately(0.0463), approximately(2.0)
    (4.7, 17, 0.046, 2)
    """
    size = abs(value)
    if size >= 10:
        return round(value)
    if size >= 1:
        rounded = round(value, 1)
        return int(rounded) if rounded.is_integer() else rounded
    if size == 0:
        return 0
    digits = 1 - math.floor(math.log10(size))
    return round(value, digits)


@register.filter
def about(value: float | None) -> str:
    """`approximately`, in the reader's number format ("" for no value)."""
    if value is None or not math.isfinite(value):
        return ""
    return str(formats.number_format(approximately(value), use_l10n=True, force_grouping=True))


@register.filter
def error_unit(unit: str | None) -> str:
    """The unit an error is counted in: "percentage points" for a KR measured in percent."""
    unit = (unit or "").strip()
    if unit.casefold() in PERCENT_UNITS:
        return _("percentage points")
    return unit


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
