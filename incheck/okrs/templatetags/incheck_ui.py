"""Display helpers for the templates: formatting and labels only, never a rule of the method."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import Any

from django import template
from django.utils import formats, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from incheck import clock
from incheck.accounts.models import Team
from incheck.accounts.names import display_name
from incheck.domain.cadence import Cadence
from incheck.domain.vocabulary import KINDS
from incheck.okrs.models import CheckIn

register = template.Library()

# The words for the health signals (domain/health.py), short enough for a chip.
HEALTH_LABELS: dict[str, Promise] = {
    "next_up_overdue": _("Next Up overdue"),
    "dead": _("Dead"),
    "context_due": _("Context due"),
    "next_up_missing": _("No Next Up"),
    "stale": _("Stale"),
    "check_in_due": _("Check-in due"),
    "outcome_due": _("Outcome due"),
    "behind_pace": _("Behind pace"),
    "low_confidence": _("Low confidence"),
    "confidence_falling": _("Confidence falling"),
}

# A longer explanation for each chip, shown on hover and read by screen readers.
HEALTH_EXPLANATIONS: dict[str, Promise] = {
    "next_up_overdue": _("The plan's date has passed with no check-in since."),
    "dead": _("No check-in for weeks, or no progress and no plan: the KR is dying."),
    "context_due": _("No Context since the KR was created or significantly changed."),
    "next_up_missing": _("Never leave a KR without a Next Up."),
    "stale": _("The number has not moved for a while."),
    "check_in_due": _(
        "The team's check-in day has come since the last check-in, or the Next Up is due today."
    ),
    "outcome_due": _("The period is ending: write the Outcome and the reflection."),
    "behind_pace": _("Progress is well below the period's linear pace."),
    "low_confidence": _("The latest forecast says this KR is unlikely to be reached."),
    "confidence_falling": _("Confidence dropped since the previous forecast."),
}

# The order of the kinds inside one sitting is the vocabulary's: what moved, how sure, what next.
KIND_ORDER = KINDS


@register.filter
def health_label(code: str) -> str:
    return str(HEALTH_LABELS.get(code, code))


@register.filter
def health_explanation(code: str) -> str:
    return str(HEALTH_EXPLANATIONS.get(code, ""))


@register.filter
def cadence_label(cadence: Cadence | None) -> str:
    """The rhythm in words, to go in a sentence: "every week on Monday"."""
    if cadence is None:
        return ""
    day = str(Team.Weekday(cadence.weekday).label)
    if cadence.every_weeks == 2:
        return str(_("every two weeks on %(day)s")) % {"day": day}
    return str(_("every week on %(day)s")) % {"day": day}


@register.filter
def kind_label(kind: str) -> str:
    return str(dict(CheckIn.Kind.choices).get(kind, kind))


@register.filter
def closure_label(status: str) -> str:
    return str(dict(CheckIn.Closure.choices).get(status, status))


@register.filter
def number(value: float | int | None) -> str:
    """34.0 → "34", 12.345 → "12.35", in the reader's locale; empty for no value."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if float(value).is_integer():
        return formats.number_format(int(value), use_l10n=True, force_grouping=True)
    return formats.number_format(round(float(value), 2), use_l10n=True, force_grouping=True)


# What a language writes between a number and its per cent sign: nothing in English ("62%"), a
# no-break space in Swedish ("62 %", as the Swedish Language Council writes it). The Swedish
# catalogue's sentences follow the same rule ("%(done)s %%"; incheck/tests/test_number_format.py).
PERCENT_GAP = {"sv": "\u00a0"}


def _percent_gap() -> str:
    return PERCENT_GAP.get((translation.get_language() or "en").split("-")[0], "")


@register.filter
def pct(value: float | int | None) -> str:
    """Whole per cent in the reader's language: 62 → "62%" in English, "62 %" in Swedish."""
    return f"{number(value)}{_percent_gap()}%"


@register.filter
def quantity(value: float | int | None, unit: str = "") -> str:
    """A KR's number with its unit: "200 leads", "14%" ("14 %" in Swedish); "" for no value."""
    text = number(value)
    if not text or not unit:
        return text
    if unit.strip() == "%":
        return f"{text}{_percent_gap()}%"
    return f"{text}\u00a0{unit}"


@register.filter
def person(user: Any) -> str:
    """A person's display name, else their user name (no query when the profile is joined)."""
    return display_name(user)


@register.filter
def days_since(moment: dt.datetime | None) -> int | None:
    """Whole days from an aware moment to now (the frozen clock in tests)."""
    if moment is None:
        return None
    return max(0, (clock.now() - moment).days)


@register.filter
def in_kind_order(check_ins: Iterable[CheckIn]) -> list[CheckIn]:
    """The check-ins of one sitting in the order a person reads them."""
    rank: dict[str, int] = {kind: position for position, kind in enumerate(KIND_ORDER)}
    return sorted(check_ins, key=lambda c: (rank.get(c.kind, len(rank)), c.pk or 0))


@register.filter
def closed_at_sitting(closures: dict[dt.datetime, list[CheckIn]], first: CheckIn) -> list[CheckIn]:
    """The Next Ups closed by the sitting that `first` opens (the service stamps both alike);
    `closures` is the KR page's index of them by closing moment."""
    return closures.get(first.created_at, [])


@register.filter
def percent(fraction: float | None) -> int:
    """0.256 → 26, clamped to 0..100 (for widths and positions)."""
    if fraction is None or not math.isfinite(fraction):
        return 0
    return max(0, min(100, round(fraction * 100)))


@register.filter
def field_key(name: str) -> str:
    """A form field's id suffix, safe in an HTML id."""
    return name.replace(".", "_")
