"""Who is asking and in which time zone: read once per request from `request.auth`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest

from incheck import clock


def user_of(request: HttpRequest) -> User:
    """The authenticated user (the API's auth has already refused anyone else)."""
    user: Any = getattr(request, "auth", None)
    if user is None:  # pragma: no cover - every operation is authenticated
        raise RuntimeError("API operation without an authenticated user")
    return user


def tz_of(request: HttpRequest) -> dt.tzinfo:
    """The user's time zone: "today", "overdue" and pace are judged in it."""
    profile = getattr(user_of(request), "profile", None)
    return clock.zone(profile.time_zone if profile is not None else None)
