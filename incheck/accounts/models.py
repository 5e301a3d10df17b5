"""People, teams and API tokens: who may read and who may write."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from incheck.accounts.names import display_name


class Profile(models.Model):
    """What Django's User lacks: how a person is named, reads and keeps time."""

    class Language(models.TextChoices):
        BROWSER = "", _("The browser's language")
        ENGLISH = "en", "English"
        SWEDISH = "sv", "Svenska"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(_("display name"), max_length=120, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, blank=True, default=""
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Stockholm")
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("manager"),
    )
    wants_reminders = models.BooleanField(
        _("e-mail me nudges"),
        default=True,
        help_text=_("A short e-mail when one of your key results needs a check-in."),
    )
    # The habit loop (notify): when a person's nudges may come, when they are away, which
    # digests they read, and the secret of their calendar feed.
    nudge_hour = models.PositiveSmallIntegerField(
        _("nudge hour"),
        default=9,
        help_text=_("Nudges come on the morning they are due, at this hour in your time zone."),
    )
    away_from = models.DateField(_("away from"), null=True, blank=True)
    away_until = models.DateField(_("away until"), null=True, blank=True)
    wants_digest = models.BooleanField(
        _("weekly digest of my key results"),
        default=False,
        help_text=_("On Mondays: what moved, what is stuck, blockers and insights of your week."),
    )
    wants_team_digest = models.BooleanField(
        _("weekly digest of the teams I lead"),
        default=True,
        help_text=_("On the team's check-in day: the team's week, for its leads."),
    )
    # The secret in the calendar feed's address; None when the feed is off (revoked). It is
    # a capability like a password and is never exported.
    calendar_token = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )
    # The jobs plan each person's day once: the local day last planned, and the claim of the
    # run that planned it (a filtered UPDATE, so two machines never both plan the same day).
    planned_on = models.DateField(null=True, blank=True, editable=False)
    plan_claim = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return display_name(self.user)


class Team(models.Model):
    """A team, with its check-in rhythm (``domain.cadence``)."""

    class Every(models.IntegerChoices):
        WEEK = 1, _("every week")
        TWO_WEEKS = 2, _("every two weeks")

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    name = models.CharField(_("name"), max_length=120, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent team"),
    )
    members: models.ManyToManyField = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="teams"
    )
    check_in_every_weeks = models.PositiveSmallIntegerField(
        _("how often"), choices=Every.choices, default=Every.WEEK
    )
    check_in_weekday = models.PositiveSmallIntegerField(
        _("check-in day"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    # A day in a check-in week: which weeks count when the team checks in every two weeks.
    check_in_anchor_on = models.DateField(_("a check-in day"), null=True, blank=True)
    # An archived team keeps its history (objectives, members) but leaves the lists and pickers.
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("lead")
        MEMBER = "member", _("member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.MEMBER)
    # Set by single sign-on from the provider's groups claim: the next sign-in may change or
    # remove it. Memberships made in the app (False) are never touched by a sign-in.
    from_sso = models.BooleanField(_("from single sign-on"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "team"], name="membership_unique_user_team")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} in {self.team} ({self.role})"


class ApiToken(models.Model):
    """A bearer token for the API. Only a SHA-256 digest is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=80, blank=True)
    prefix = models.CharField(
        max_length=12, help_text=_("The token's first characters, to tell tokens apart.")
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
