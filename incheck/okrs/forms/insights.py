"""The insight library's filters and the blocker's resolve form: parsing only, no rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from incheck.domain.checkins import TEXT_LIMIT
from incheck.okrs.models import CheckIn

# Insights are written as any kind but a blocker (a check-in carries one signal).
INSIGHT_KINDS = [(kind, label) for kind, label in CheckIn.Kind.choices if kind != "blocker"]
# No page number is this large in practice; bigger ones are typos or probes.
MAX_PAGE = 100_000


def _id_field() -> forms.IntegerField:
    # An id that names nothing simply matches nothing; the form only insists on a number.
    return forms.IntegerField(required=False, min_value=1, max_value=2**62)


class InsightFilterForm(forms.Form):
    """`?q=&team=&period=&person=&kind=&page=` of the insight library."""

    q = forms.CharField(
        required=False,
        max_length=200,
        label=_("Search"),
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Words from an insight, e.g. webinar")}
        ),
    )
    team = _id_field()
    period = _id_field()
    person = _id_field()
    kind = forms.ChoiceField(required=False, choices=[("", _("Any kind")), *INSIGHT_KINDS])
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def filters(self) -> dict[str, Any]:
        """The valid filters as `insight_list` keywords; a bad field is left out (and shown)."""
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q") or None,
            "team_id": data.get("team"),
            "period_id": data.get("period"),
            "author_id": data.get("person"),
            "kind": data.get("kind") or None,
        }

    def page_number(self) -> int:
        return getattr(self, "cleaned_data", {}).get("page") or 1


class BlockerFilterForm(forms.Form):
    """`?state=open|resolved&team=&page=` of the blockers page."""

    state = forms.ChoiceField(
        required=False, choices=[("open", _("Open")), ("resolved", _("Resolved"))]
    )
    team = _id_field()
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def state_value(self) -> str:
        return getattr(self, "cleaned_data", {}).get("state") or "open"

    def team_id(self) -> int | None:
        value: int | None = getattr(self, "cleaned_data", {}).get("team")
        return value

    def page_number(self) -> int:
        return getattr(self, "cleaned_data", {}).get("page") or 1


class BlockerResolveForm(forms.Form):
    """The way around a blocker; whether it is enough is the service's rule."""

    resolution = forms.CharField(
        required=False,
        strip=False,
        label=_("The way around it"),
        widget=forms.Textarea(
            attrs={
                "rows": 2,
                "data-limit": TEXT_LIMIT,
                "placeholder": _("How did you get around it? This becomes an insight."),
            }
        ),
    )
