"""The API of chat and e-mail channels. A team's: everyone signed in reads them (as the team's
settings page shows them); its leads and admins add, change, test and remove them. A person's
own (`/me/channels`, as on the profile page): theirs alone, to read and to change; nobody else's
can be reached (the same services and rule, `services.channels.may_manage`).

A team (or person) has at most one channel of each kind, so a channel is addressed by its kind
and `PUT` creates or changes it. The incoming-webhook address is write-only: answers show its
host only (`url_hint`); a `PUT` without `url` keeps the stored one. Failures are shown to those
who manage the channel, as on the page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status

from incheck.accounts.models import Team
from incheck.domain.permissions import may_change_team_settings
from incheck.errors import NotFound
from incheck.notify.models import Channel
from incheck.notify.services.channels import (
    channel_delete,
    channel_save,
    channel_test,
    url_hint,
)
from incheck.okrs.api.context import user_of
from incheck.okrs.api.types import Flag, Id, Input, Text
from incheck.okrs.services.access import actor_for

router = Router(tags=["people"])

TeamKind = Literal["email", "slack", "teams", "mattermost", "rocketchat"]
# A person's Slack channel is their direct messages from the bot (found by their e-mail).
PersonalKind = Literal["slack", "teams", "mattermost", "rocketchat"]


class ChannelOut(Schema):
    """A team's channel. `target` is a Slack channel (`#growth`) or an e-mail address;
    `url_hint` the host of a Teams, Mattermost or Rocket.Chat webhook (never its address).
    `last_error` is shown to the team's leads and admins only."""

    id: int
    kind: TeamKind
    target: str
    url_hint: str
    enabled: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    last_sent_at: dt.datetime | None
    last_error: str
    last_error_at: dt.datetime | None


class ChannelIn(Input):
    """Slack: `target`, the channel (`#growth` or its id), posted to by the admin's bot.
    E-mail: `target`, the address. Teams, Mattermost, Rocket.Chat: `url`, the incoming
    webhook's address (left out when changing a channel: the stored one stays)."""

    target: Text = ""
    url: Text = ""
    enabled: Flag = True


class PersonalChannelIn(Input):
    """Slack: nothing to give (the admin's bot finds you by your e-mail address). Teams,
    Mattermost, Rocket.Chat: `url`, the incoming webhook's address (left out when changing a
    channel: the stored one stays)."""

    url: Text = ""
    enabled: Flag = True


class ChannelTestOut(Schema):
    ok: bool
    error: str
    channel: ChannelOut


def channel_out(channel: Channel, *, manages: bool) -> dict[str, Any]:
    return {
        "id": channel.pk,
        "kind": channel.kind,
        "target": channel.target,
        "url_hint": url_hint(channel.secret) if channel.secret else "",
        "enabled": channel.enabled,
        "created_at": channel.created_at,
        "updated_at": channel.updated_at,
        "last_sent_at": channel.last_sent_at,
        "last_error": channel.last_error if manages else "",
        "last_error_at": channel.last_error_at if manages else None,
    }


def _tested(request: HttpRequest, channel_id: int) -> dict[str, Any]:
    """A test message through a channel now: whether it went out, the failure, the channel
    (with the outcome the test kept on it)."""
    outcome = channel_test(user=user_of(request), channel_id=channel_id)
    channel = Channel.objects.get(pk=outcome.channel.pk) if outcome.channel else None
    if channel is None:  # pragma: no cover - a channel's outcome always names it
        raise NotFound(code="not_found")
    return {"ok": outcome.ok, "error": outcome.error, "channel": channel_out(channel, manages=True)}


def _team(team_id: int) -> Team:
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        raise NotFound(code="not_found")
    return team


def _channel_id(team_id: int, kind: str) -> int:
    _team(team_id)
    channel_id = (
        Channel.objects.filter(team_id=team_id, kind=kind).values_list("pk", flat=True).first()
    )
    if channel_id is None:
        raise NotFound(code="not_found")
    return channel_id


@router.get("/teams/{team_id}/channels", response=list[ChannelOut])
def list_team_channels(request: HttpRequest, team_id: Id) -> list[dict[str, Any]]:
    """List a team's channels (at most one of each kind, so never more than five)."""
    team = _team(team_id)
    manages = may_change_team_settings(actor_for(user_of(request)), team_id=team.pk)
    return [
        channel_out(channel, manages=manages)
        for channel in Channel.objects.filter(team=team).order_by("kind", "id")
    ]


@router.put("/teams/{team_id}/channels/{kind}", response={200: ChannelOut, 201: ChannelOut})
def update_team_channel(
    request: HttpRequest, team_id: Id, kind: TeamKind, payload: ChannelIn
) -> Status[dict[str, Any]]:
    """Add or change the team's channel of this kind (its leads and admins)."""
    existed = Channel.objects.filter(team_id=team_id, kind=kind).exists()
    channel = channel_save(
        user=user_of(request), team_id=team_id, kind=kind, **payload.model_dump()
    )
    return Status(200 if existed else 201, channel_out(channel, manages=True))


@router.delete("/teams/{team_id}/channels/{kind}", response={204: None})
def delete_team_channel(request: HttpRequest, team_id: Id, kind: TeamKind) -> Status[None]:
    """Remove the team's channel of this kind and its address (its leads and admins)."""
    channel_delete(user=user_of(request), channel_id=_channel_id(team_id, kind))
    return Status(204, None)


@router.post("/teams/{team_id}/channels/{kind}/test", response=ChannelTestOut)
def send_team_channel_test(request: HttpRequest, team_id: Id, kind: TeamKind) -> dict[str, Any]:
    """Send a test message through the team's channel now (its leads and admins).

    The answer says whether it went out, and the failure if not (kept on the channel too)."""
    return _tested(request, _channel_id(team_id, kind))


def _own_channel_id(request: HttpRequest, kind: str) -> int:
    channel_id = (
        Channel.objects.filter(user=user_of(request), kind=kind)
        .values_list("pk", flat=True)
        .first()
    )
    if channel_id is None:
        raise NotFound(code="not_found")
    return channel_id


@router.get("/me/channels", response=list[ChannelOut])
def list_my_channels(request: HttpRequest) -> list[dict[str, Any]]:
    """List your own channels (at most one of each kind)."""
    channels = Channel.objects.filter(user=user_of(request)).order_by("kind", "id")
    return [channel_out(channel, manages=True) for channel in channels]


@router.put("/me/channels/{kind}", response={200: ChannelOut, 201: ChannelOut})
def update_my_channel(
    request: HttpRequest, kind: PersonalKind, payload: PersonalChannelIn
) -> Status[dict[str, Any]]:
    """Add or change your own channel of this kind."""
    user = user_of(request)
    existed = Channel.objects.filter(user=user, kind=kind).exists()
    channel = channel_save(user=user, kind=kind, **payload.model_dump())
    return Status(200 if existed else 201, channel_out(channel, manages=True))


@router.delete("/me/channels/{kind}", response={204: None})
def delete_my_channel(request: HttpRequest, kind: PersonalKind) -> Status[None]:
    """Remove your own channel of this kind and its address."""
    channel_delete(user=user_of(request), channel_id=_own_channel_id(request, kind))
    return Status(204, None)


@router.post("/me/channels/{kind}/test", response=ChannelTestOut)
def send_my_channel_test(request: HttpRequest, kind: PersonalKind) -> dict[str, Any]:
    """Send a test message through your own channel now: whether it went out, and why not."""
    return _tested(request, _own_channel_id(request, kind))
