"""The check-in form: one section per kind; the filled sections become one sitting's entries."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from incheck.domain.checkins import TEXT_LIMIT, Closure, Entry
from incheck.form_errors import ServiceErrors
from incheck.okrs.forms.fields import IsoDateField, LevelField, NumberField
from incheck.okrs.models import CheckIn

# The kinds that may carry an insight / blocker signal in the form. A Next Up is a plan, not an
# observation, so it carries none here (the API still accepts one).
SIGNAL_KINDS = ("context", "progress", "confidence", "outcome")
# The fields that a milestone KR shows instead of numbers, and the other way round.
NUMERIC_ONLY = ("progress_value", "outcome_value", "next_up_expected_value")
MILESTONE_ONLY = ("progress_reached", "outcome_reached")

# What the live confidence hint reads: the text, the level typed and the level before.
CONFIDENCE_COACH_PARAMS = "kind,confidence_text,confidence_level,confidence_previous"

REACHED_CHOICES = [("", _("—")), ("yes", _("Reached")), ("no", _("Not yet"))]
# The values and words are the models' (whose values are the domain vocabulary's).
SIGNAL_CHOICES = [(value, capfirst(label)) for value, label in CheckIn.Signal.choices]
CLOSURE_CHOICES = [(value, capfirst(label)) for value, label in CheckIn.Closure.choices]


def _text(placeholder: str | Any, rows: int = 3) -> forms.CharField:
    # No max_length: the limit is the domain's rule (it names the field), and the counter
    # shows it while typing.
    return forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(
            attrs={"rows": rows, "placeholder": placeholder, "data-limit": TEXT_LIMIT}
        ),
    )


def _signal() -> forms.ChoiceField:
    return forms.ChoiceField(
        required=False, choices=SIGNAL_CHOICES, initial="", widget=forms.RadioSelect
    )


def _way_around() -> forms.CharField:
    return _text(_("The way around it: what will you try?"), rows=2)


class CheckInForm(ServiceErrors, forms.Form):
    """Parses a sitting. Sections left blank are skipped; every rule is the service's."""

    # The domain names the "no Next Up" entry by its kind; the form shows it on the checkbox.
    aliases = {"no_next_up.kind": "no_next_up", "no_next_up.text": "no_next_up"}

    closure_status = forms.ChoiceField(
        required=False, choices=CLOSURE_CHOICES, widget=forms.RadioSelect
    )
    # A one-time token of this form: sent twice (a double click, a browser retry), it records
    # one sitting (`checkin_sitting_create(submission=…)`).
    submission = forms.UUIDField(required=False, widget=forms.HiddenInput)
    closure_happened = _text(_("What actually happened?"), rows=2)
    closure_learned = _text(_("What did you learn? What would you do differently?"), rows=2)

    progress_value = NumberField(label=_("New value"))
    progress_reached = forms.ChoiceField(
        required=False, choices=REACHED_CHOICES, widget=forms.RadioSelect, label=_("Milestone")
    )
    progress_text = _text(
        _("What happened since last time? What did you learn? Did your confidence move?")
    )
    progress_signal = _signal()
    progress_way_around = _way_around()

    confidence_level = LevelField(label=_("Confidence (0–10)"))
    confidence_text = _text(
        _("What is needed, and what stands in the way? What can you do to lower the risk?")
    )
    confidence_signal = _signal()
    confidence_way_around = _way_around()

    next_up_text = _text(
        _("By next Friday I will … (say how, not only what: the steps, a number, the purpose)")
    )
    next_up_due_on = IsoDateField(label=_("Due"))
    next_up_expected_value = NumberField(label=_("Expected value by then"))
    # Rule 2 asks for a plan whenever the KR would be left without one; this is the visible,
    # recorded way to say "not this time" (the team's rhythm counts it).
    no_next_up = forms.BooleanField(required=False, label=_("No Next Up this time"))

    context_text = _text(
        _(
            "Why this KR, and why this number? Where are we today (the baseline)? "
            "What does reaching it enable? Which tactic for the rest of the period?"
        ),
        rows=4,
    )
    context_signal = _signal()
    context_way_around = _way_around()

    outcome_value = NumberField(label=_("Final value"))
    outcome_reached = forms.ChoiceField(
        required=False, choices=REACHED_CHOICES, widget=forms.RadioSelect, label=_("Milestone")
    )
    outcome_text = _text(
        _("Was the tactic in the Context right? What would you do differently next time?")
    )
    outcome_score = NumberField(label=_("Score (0–1), if the computed one is wrong"))
    outcome_score_reason = _text(_("Why this score?"), rows=2)
    outcome_signal = _signal()
    outcome_way_around = _way_around()

    def __init__(self, *args: Any, kr_type: str, has_open_next_up: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kr_type = kr_type
        self.has_open_next_up = has_open_next_up
        hidden = NUMERIC_ONLY if kr_type == "milestone" else MILESTONE_ONLY
        if not has_open_next_up:
            hidden = (*hidden, "closure_status", "closure_happened", "closure_learned")
        self.hidden_names = frozenset(hidden)
        # Typing the level asks for the reason at once when it moved 2+ (rule 5): the same live
        # hints as the text, into the confidence text's hint list.
        self.fields["confidence_level"].widget.attrs.update(
            {
                "hx-post": reverse("coach"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#hints-confidence_text",
                "hx-swap": "innerHTML",
                "hx-vals": '{"kind": "confidence"}',
                "hx-params": CONFIDENCE_COACH_PARAMS,
                "hx-sync": "this:replace",
                "aria-describedby": "hints-confidence_text",
            }
        )

    # -- from the form to the service -------------------------------------------------------

    def _get(self, name: str) -> Any:
        return self.cleaned_data.get(name)

    def _has_text(self, name: str) -> bool:
        return bool((self._get(name) or "").strip())

    def _reached(self, name: str) -> bool | None:
        if self.kr_type != "milestone":
            return None
        return {"yes": True, "no": False}.get(self._get(name) or "")

    def _signal_of(self, kind: str) -> tuple[str, str]:
        signal = self._get(f"{kind}_signal") or ""
        # The way around belongs to a blocker; typed and then un-flagged, it is left out.
        way_around = self._get(f"{kind}_way_around") or "" if signal == "blocker" else ""
        return signal, way_around

    def _filled(self, kind: str) -> bool:
        if kind == "context":
            return self._has_text("context_text")
        if kind in ("progress", "outcome"):
            return (
                self._get(f"{kind}_value") is not None
                or bool(self._get(f"{kind}_reached"))
                or self._has_text(f"{kind}_text")
                or (kind == "outcome" and self._get("outcome_score") is not None)
            )
        if kind == "confidence":
            return self._get("confidence_level") is not None or self._has_text("confidence_text")
        # The due date comes pre-filled, so the plan's text (or a number) is what fills it.
        return self._has_text("next_up_text") or self._get("next_up_expected_value") is not None

    def entries(self) -> list[Entry]:
        """The filled sections as entries, in the order a person fills them in."""
        entries = []
        for kind in ("context", "progress", "confidence", "next_up", "outcome"):
            if not self._filled(kind):
                continue
            signal, way_around = self._signal_of(kind) if kind in SIGNAL_KINDS else ("", "")
            entries.append(
                Entry(
                    kind=kind,
                    text=self._get(f"{kind}_text") or "",
                    signal=signal,
                    way_around=way_around,
                    value=self._get(f"{kind}_value") if kind in ("progress", "outcome") else None,
                    reached=self._reached(f"{kind}_reached")
                    if kind in ("progress", "outcome")
                    else None,
                    level=self._get("confidence_level") if kind == "confidence" else None,
                    due_on=self._get("next_up_due_on") if kind == "next_up" else None,
                    expected_value=self._get("next_up_expected_value")
                    if kind == "next_up"
                    else None,
                    score=self._get("outcome_score") if kind == "outcome" else None,
                    score_reason=self._get("outcome_score_reason") or ""
                    if kind == "outcome"
                    else "",
                )
            )
        if self._get("no_next_up"):
            entries.append(Entry(kind="no_next_up"))
        return entries

    def closure(self) -> Closure | None:
        """How the open Next Up went, when any of its fields is filled."""
        status = self._get("closure_status") or ""
        happened = self._get("closure_happened") or ""
        learned = self._get("closure_learned") or ""
        if not (status or happened.strip() or learned.strip()):
            return None
        return Closure(status=status, happened=happened, learned=learned)

    # -- from the service back to the form --------------------------------------------------

    def field_for(self, problem: str) -> str | None:
        """A hidden field cannot show an error: its problem goes above the form."""
        name = super().field_for(problem)
        return name if name not in self.hidden_names else None

    def open_sections(self) -> set[str]:
        """The sections that hold errors or input, so a re-rendered form opens them."""
        names = set(self.errors) | {name for name, value in self.data.items() if value}
        return {kind for kind in ("context", "outcome") if any(n.startswith(kind) for n in names)}
