"""Absolute links for messages that leave the site (e-mail, chat, webhooks, the calendar)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def absolute(path: str) -> str:
    return settings.INCHECK_BASE_URL.rstrip("/") + path


def check_in_url(key_result_id: int) -> str:
    """The KR's page, at its check-in form."""
    return absolute(reverse("key_result_detail", args=[key_result_id])) + "#check-in"


def inbox_url() -> str:
    return absolute(reverse("inbox"))


def profile_url() -> str:
    return absolute(reverse("profile")) + "#nudges"


def team_url(team_id: int) -> str:
    return absolute(reverse("team_detail", args=[team_id]))
