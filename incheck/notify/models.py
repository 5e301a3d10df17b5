"""The habit loop's rows: channels, planned nudges and posts, digests, outgoing webhooks.

Secrets (webhook URLs, signing secrets, the Slack bot token) live in columns that no page,
export or API response ever reads back: they are written, used by the jobs, and replaced.

Every row that a job sends is *claimed* first with a filtered UPDATE (state planned → sending,
with the run's claim id), so several machines running `incheck jobs` never send it twice.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Channel(models.Model):
    """Where a person's or a team's messages go, besides the person's own e-mail.

    A person's Slack channel needs no secret (the admin's bot writes to them, found by their
    e-mail); Teams, Mattermost and Rocket.Chat channels hold an incoming-webhook URL; a team's
    Slack channel names the channel the bot posts to, and a team's e-mail channel an address.
    """

    class Kind(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SLACK = "slack", "Slack"
        TEAMS = "teams", "Microsoft Teams"
        MATTERMOST = "mattermost", "Mattermost"
        ROCKETCHAT = "rocketchat", "Rocket.Chat"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notify_channels",
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.CASCADE, null=True, blank=True, related_name="channels"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    # Not secret: a Slack channel ("#growth" or its id), a team's e-mail address, or (kept by
    # the jobs) a person's Slack user id once looked up.
    target = models.CharField(_("channel or address"), max_length=200, blank=True)
    # Secret and write-only: an incoming-webhook URL.
    secret = models.TextField(blank=True, editable=False)
    enabled = models.BooleanField(_("on"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    # What happened last, for whoever set it up (a failing channel never blocks the others).
    last_sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(team__isnull=True))
                | (Q(user__isnull=True) & Q(team__isnull=False)),
                name="channel_of_a_person_or_a_team",
            ),
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=Q(user__isnull=False),
                name="channel_one_kind_a_person",
            ),
            models.UniqueConstraint(
                fields=["team", "kind"],
                condition=Q(team__isnull=False),
                name="channel_one_kind_a_team",
            ),
        ]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")

    def __str__(self) -> str:
        return f"{self.kind} of {self.user_id or self.team_id}"


class SlackSettings(models.Model):
    """The installation's Slack bot (one row): its token is an admin's, write-only."""

    bot_token = models.TextField(blank=True, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Slack settings")
        verbose_name_plural = _("Slack settings")

    def __str__(self) -> str:
        return "Slack"


class Dispatch(models.Model):
    """Base of what the jobs plan and send once: its moment, state and claim."""

    class State(models.TextChoices):
        PLANNED = "planned", _("planned")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        SKIPPED = "skipped", _("skipped")
        FAILED = "failed", _("failed")

    local_date = models.DateField()
    send_at = models.DateTimeField()
    planned_at = models.DateTimeField()
    state = models.CharField(max_length=8, choices=State.choices, default=State.PLANNED)
    # Why it was skipped or failed: "checked_in", "away", "cap", "closed", "no_channel", …
    reason = models.CharField(max_length=20, blank=True)
    claim = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class Nudge(Dispatch):
    """One message to one person at one moment, bundling their KRs that are due then."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nudges"
    )

    class Meta:
        ordering = ["send_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "local_date"], name="nudge_one_a_day")
        ]
        indexes = [
            models.Index(fields=["state", "send_at"]),
            models.Index(fields=["user", "state", "local_date"]),
        ]
        verbose_name = _("nudge")
        verbose_name_plural = _("nudges")

    def __str__(self) -> str:
        return f"nudge to {self.user_id} on {self.local_date}"


class NudgeItem(models.Model):
    """One KR in a nudge: why it is due, the plan it quotes, and whether it went out."""

    class Reason(models.TextChoices):
        NEXT_UP_DUE = "next_up_due", _("Next Up due")
        CHECK_IN_DAY = "check_in_day", _("check-in day")

    nudge = models.ForeignKey(Nudge, on_delete=models.CASCADE, related_name="items")
    key_result = models.ForeignKey(
        "okrs.KeyResult", on_delete=models.CASCADE, related_name="nudge_items"
    )
    reason = models.CharField(max_length=12, choices=Reason.choices)
    next_up = models.ForeignKey(
        "okrs.CheckIn", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["nudge", "key_result"], name="nudge_item_once")
        ]
        indexes = [models.Index(fields=["key_result", "sent"])]

    def __str__(self) -> str:
        return f"{self.key_result_id} in {self.nudge_id}"


class TeamPost(Dispatch):
    """A team channel's message on the team's check-in day: the team's KRs that are due."""

    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, related_name="posts")

    class Meta:
        ordering = ["send_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["team", "local_date"], name="team_post_one_a_day")
        ]
        indexes = [models.Index(fields=["state", "send_at"])]

    def __str__(self) -> str:
        return f"post to team {self.team_id} on {self.local_date}"


class Digest(Dispatch):
    """A weekly digest: a lead's team week (``team`` set) or a person's own (``team`` empty)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests"
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.CASCADE, null=True, blank=True, related_name="digests"
    )

    class Meta:
        ordering = ["send_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "team", "local_date"],
                condition=Q(team__isnull=False),
                name="digest_one_a_team_a_day",
            ),
            models.UniqueConstraint(
                fields=["user", "local_date"],
                condition=Q(team__isnull=True),
                name="digest_own_one_a_day",
            ),
        ]
        indexes = [models.Index(fields=["state", "send_at"])]
        verbose_name = _("digest")
        verbose_name_plural = _("digests")

    def __str__(self) -> str:
        return f"digest for {self.user_id} on {self.local_date}"


class JobDay(models.Model):
    """A job that runs once a day for the installation (the event scans), claimed by date."""

    name = models.CharField(max_length=40, unique=True)
    done_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} on {self.done_on}"


class WebhookEndpoint(models.Model):
    """An integration's address, subscribed to some events, signed per Standard Webhooks."""

    url = models.TextField(editable=False)  # may carry a token: shown as its host only
    # The signing secret ("whsec_" + base64), write-only.
    secret = models.CharField(max_length=200, editable=False)
    events = models.JSONField(default=list)
    description = models.CharField(_("description"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return f"webhook {self.pk}"


class WebhookMessage(models.Model):
    """One event, as every subscribed endpoint receives it (the same id on every retry)."""

    msg_id = models.CharField(max_length=40, unique=True)
    event_type = models.CharField(max_length=40)
    # Set for events the jobs find (an overdue Next Up, a dead KR), so each is sent once.
    dedupe_key = models.CharField(max_length=120, unique=True, null=True, blank=True)
    payload = models.JSONField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.msg_id


class WebhookDelivery(models.Model):
    """One message to one endpoint: attempts with back-off, and what the endpoint answered."""

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("sending")
        DELIVERED = "delivered", _("delivered")
        FAILED = "failed", _("failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    message = models.ForeignKey(WebhookMessage, on_delete=models.CASCADE, related_name="deliveries")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claim = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "message"], name="delivery_once")
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"]),
            models.Index(fields=["endpoint", "-id"]),
        ]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self) -> str:
        return f"{self.message_id} to {self.endpoint_id}"


def new_claim() -> uuid.UUID:
    """A run's claim id."""
    return uuid.uuid4()
