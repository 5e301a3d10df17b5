"""Periods, objectives, key results, check-ins and feedback.

The summaries on KeyResult (current value, last check-in, open Next Up, …) are written only by
the services, in the same transaction as the check-in that changes them, so that a page of KRs
and their health reads in one query.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Period(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    start_on = models.DateField(_("starts on"))
    end_on = models.DateField(_("ends on"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-start_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_on__lte=models.F("end_on")), name="period_starts_before_end"
            )
        ]
        verbose_name = _("period")
        verbose_name_plural = _("periods")

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Objective(models.Model):
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="objectives")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="objectives"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_objectives",
    )
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )
    # Set when an unfinished objective is carried into the next period at check-out.
    origin = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_into"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    # Archived: gone from pages, lists and the inbox; kept in reviews and exports.
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    class Meta:
        ordering = ["period", "id"]
        constraints = [
            # An objective belongs to a team or to a person, never to both or to nobody.
            models.CheckConstraint(
                condition=(Q(team__isnull=False) & Q(owner__isnull=True))
                | (Q(team__isnull=True) & Q(owner__isnull=False)),
                name="objective_owned_by_team_or_person",
            )
        ]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return self.title


class ObjectiveRollup(models.Model):
    """An objective's roll-up: its KRs and those of every objective aligned under it, at any
    depth, counted and their `progress` summed, so the alignment tree reads a roll-up from one
    row whatever the size of the subtree (a company objective covers every KR of the period).

    Kept by the services in the transaction that changes a KR's progress or an objective's
    place in the tree (`services.rollups`), last in that transaction; a missing row is an
    objective with nothing under it yet.
    """

    objective = models.OneToOneField(
        Objective, on_delete=models.CASCADE, primary_key=True, related_name="rollup"
    )
    key_results = models.IntegerField(default=0)
    progress_sum = models.FloatField(default=0.0)

    class Meta:
        verbose_name = _("objective roll-up")
        verbose_name_plural = _("objective roll-ups")

    def __str__(self) -> str:
        return f"{self.objective_id}: {self.key_results}"


class KeyResult(models.Model):
    class Type(models.TextChoices):
        INCREASE = "increase", _("increase")
        DECREASE = "decrease", _("decrease")
        MILESTONE = "milestone", _("milestone")

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="key_results")
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="key_results"
    )
    kr_type = models.CharField(
        _("type"), max_length=10, choices=Type.choices, default=Type.INCREASE
    )
    start_value = models.FloatField(_("start"), default=0)
    target_value = models.FloatField(_("target"), default=1)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    origin = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_into"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    # Archived (or under an archived objective): gone from pages, lists and the inbox; kept in
    # reviews and exports.
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    # Summaries kept by the services (see the module docstring).
    changed_at = models.DateTimeField(help_text="Creation or the last significant change.")
    current_value = models.FloatField(null=True, blank=True)
    # domain.progress.progress_fraction of the row's values: alignment averages it in SQL.
    progress = models.FloatField(default=0.0, db_default=0.0)
    last_check_in_at = models.DateTimeField(null=True, blank=True)
    last_progress_at = models.DateTimeField(null=True, blank=True)
    last_context_at = models.DateTimeField(null=True, blank=True)
    confidence = models.PositiveSmallIntegerField(null=True, blank=True)
    previous_confidence = models.PositiveSmallIntegerField(null=True, blank=True)
    open_next_up = models.ForeignKey(
        "CheckIn", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.ForeignKey(
        "CheckIn", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["objective", "id"]
        indexes = [
            models.Index(fields=["owner", "objective"]),
            # Alignment's roll-up reads a subtree's progress from this index alone.
            models.Index(fields=["objective", "progress"], name="okrs_kr_objective_progress"),
        ]
        verbose_name = _("key result")
        verbose_name_plural = _("key results")

    def __str__(self) -> str:
        return self.title


class CheckIn(models.Model):
    """One typed check-in. The kinds made at one sitting share `sitting`."""

    class Kind(models.TextChoices):
        CONTEXT = "context", _("Context")
        PROGRESS = "progress", _("Progress")
        CONFIDENCE = "confidence", _("Confidence")
        NEXT_UP = "next_up", _("Next Up")
        # The recorded choice of no plan this time, where rule 2 asks for one.
        NO_NEXT_UP = "no_next_up", _("No Next Up this time")
        OUTCOME = "outcome", _("Outcome")
        # A signal written on its own, and the insight recorded when a blocker is resolved.
        INSIGHT = "insight", _("Insight")
        BLOCKER = "blocker", _("Blocker")

    class Signal(models.TextChoices):
        NONE = "", _("no signal")
        INSIGHT = "insight", _("insight")
        BLOCKER = "blocker", _("blocker")

    class Closure(models.TextChoices):
        DONE = "done", _("done")
        PARTLY = "partly", _("partly")
        NOT_DONE = "not_done", _("not done")
        DROPPED = "dropped", _("dropped")

    key_result = models.ForeignKey(KeyResult, on_delete=models.CASCADE, related_name="check_ins")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="check_ins"
    )
    created_at = models.DateTimeField()
    # Set when the author corrected the sitting within the grace period (the timeline says
    # "edited").
    edited_at = models.DateTimeField(null=True, blank=True)
    sitting = models.UUIDField(default=uuid.uuid4, db_index=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("text"), blank=True)
    signal = models.CharField(
        _("signal"), max_length=8, choices=Signal.choices, blank=True, default=""
    )

    # progress and outcome: the value (increase/decrease) or reached (milestone)
    value = models.FloatField(null=True, blank=True)
    reached = models.BooleanField(null=True, blank=True)
    # confidence
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    # next_up: the plan's due date, the value expected by then, and its closure
    due_on = models.DateField(null=True, blank=True)
    expected_value = models.FloatField(null=True, blank=True)
    closure = models.CharField(max_length=10, choices=Closure.choices, blank=True, default="")
    closed_at = models.DateTimeField(null=True, blank=True)
    happened = models.TextField(blank=True)
    learned = models.TextField(blank=True)
    actual_value = models.FloatField(null=True, blank=True)
    # outcome: the score (computed from the KR type, adjustable with a reason)
    score = models.FloatField(null=True, blank=True)
    score_reason = models.TextField(blank=True)
    # blocker signal: the way around it, and its resolution
    way_around = models.TextField(blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # on the insight recorded when a blocker is resolved
    resolves = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="resolution_insight"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["key_result", "-created_at"]),
            # Open (or resolved) blockers oldest first: the blockers page's tabs and the
            # dashboard's ages read from here instead of walking every blocker ever written.
            models.Index(
                fields=["signal", "resolved_at", "created_at", "id"],
                name="okrs_checkin_signal_state",
            ),
            # The insight library and the blockers page list by signal, newest first.
            models.Index(
                fields=["signal", "-created_at", "-id"], name="okrs_checkin_signal_newest"
            ),
            models.Index(fields=["author", "-created_at"]),
            # A KR's open blockers (the team page's aside, a team's blocker list): a few
            # lookups instead of every check-in of every KR of the team. Partial, so only a
            # blocker is written to it (and leaves it when resolved): a sitting without one
            # costs no index write.
            models.Index(
                fields=["key_result", "created_at"],
                condition=Q(signal="blocker", resolved_at__isnull=True),
                name="okrs_checkin_open_blocker_kr",
            ),
        ]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.key_result_id}"


class Feedback(models.Model):
    class Signal(models.TextChoices):
        CONTINUE = "continue", _("continue")
        CONSIDER = "consider", _("consider")

    key_result = models.ForeignKey(KeyResult, on_delete=models.CASCADE, related_name="feedback")
    check_in = models.ForeignKey(
        CheckIn, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signal = models.CharField(_("signal"), max_length=8, choices=Signal.choices)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.signal} on {self.key_result_id}"


class ProgrammeHealth(models.Model):
    """The programme's health on one day: a team's KRs in a period, counted by the method's rules.

    `team` None is the whole organisation (each KR once). Written by the `health-snapshot` job
    (services/programme.py) from the check-in history, so the dashboard reads a few rows, never
    every KR, and its weekly trend is these rows over the period.
    """

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    day = models.DateField()
    key_results = models.PositiveIntegerField(default=0)
    context_current = models.PositiveIntegerField(default=0)
    open_next_up = models.PositiveIntegerField(default=0)
    in_rhythm = models.PositiveIntegerField(default=0)
    stale = models.PositiveIntegerField(default=0)
    dead = models.PositiveIntegerField(default=0)
    # Confidence forecasts judged against outcomes so far, and their Brier score.
    forecasts = models.PositiveIntegerField(default=0)
    brier = models.FloatField(null=True, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "team", "day"],
                condition=Q(team__isnull=False),
                name="programme_health_team_day",
            ),
            models.UniqueConstraint(
                fields=["period", "day"],
                condition=Q(team__isnull=True),
                name="programme_health_overall_day",
            ),
        ]
        indexes = [models.Index(fields=["period", "day", "team"])]
        verbose_name = _("programme health")
        verbose_name_plural = _("programme health")

    def __str__(self) -> str:
        return f"{self.period_id}/{self.team_id or '-'} on {self.day}"


class IdempotentRequest(models.Model):
    """A write made once: an API POST with an `Idempotency-Key`, or a submitted check-in form,
    with the response it got. Kept 24 hours, so a retry gets the first response instead of
    writing again (`okrs.services.idempotency`)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=300)
    # SHA-256 of the method, path and body: the same key with another request is refused.
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(db_index=True)
    status = models.PositiveSmallIntegerField(null=True)
    content_type = models.CharField(max_length=100, blank=True)
    body = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.key} by {self.user_id}"
