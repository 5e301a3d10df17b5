"""The habit loop on a person's profile: their nudge choices, chat channels, calendar feed,
and their coming and last nudges (four queries)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse

from incheck.accounts.models import Profile
from incheck.notify.content.links import absolute
from incheck.notify.models import Channel, Nudge
from incheck.notify.services.channels import PERSONAL_KINDS, url_hint

RECENT = 5


@dataclass
class ChannelRow:
    channel: Channel
    hint: str


@dataclass
class ProfileHabits:
    profile: Profile | None
    channels: list[ChannelRow] = field(default_factory=list)
    free_kinds: list[str] = field(default_factory=list)
    calendar_url: str = ""
    upcoming: list[Nudge] = field(default_factory=list)
    recent: list[Nudge] = field(default_factory=list)


def channel_rows(channels: list[Channel]) -> list[ChannelRow]:
    return [
        ChannelRow(channel, url_hint(channel.secret) if channel.secret else "")
        for channel in channels
    ]


def profile_habits(user: AbstractBaseUser) -> ProfileHabits:
    profile = Profile.objects.filter(user_id=user.pk).first()
    channels = list(Channel.objects.filter(user_id=user.pk).order_by("kind"))
    taken = {channel.kind for channel in channels}
    nudges = Nudge.objects.filter(user_id=user.pk)
    token = profile.calendar_token if profile else None
    return ProfileHabits(
        profile=profile,
        channels=channel_rows(channels),
        free_kinds=[kind.value for kind in PERSONAL_KINDS if kind.value not in taken],
        calendar_url=absolute(reverse("calendar_feed", args=[token])) if token else "",
        upcoming=list(nudges.filter(state=Nudge.State.PLANNED).order_by("send_at")[:RECENT]),
        recent=list(
            nudges.exclude(state__in=[Nudge.State.PLANNED, Nudge.State.SENDING]).order_by(
                "-local_date", "-id"
            )[:RECENT]
        ),
    )
