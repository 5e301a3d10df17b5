"""How a person is named everywhere: the profile's display name, else the user name.

One function, used by the models, the API schemas, the selectors, the ``person`` template filter
and the e-mails, so that a person is called the same on every page and in every message.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist


def display_name(user: Any) -> str:
    """The profile's display name, else the user name; "" for no user.

    No query when the profile is joined (``select_related("profile")``); a user without a
    profile (created outside the app) is named by their user name.
    """
    if user is None:
        return ""
    try:
        profile = user.profile
    except (ObjectDoesNotExist, AttributeError):
        profile = None
    return name_from(
        profile.display_name if profile is not None else None, str(user.get_username())
    )


def name_from(profile_display_name: str | None, username: str) -> str:
    """The same name from the two columns, read without the models (a selector's values).

    >>> name_from("  ", "alice"), name_from(None, "alice"), name_from("Alice A.", "alice")
    ('alice', 'alice', 'Alice A.')
    """
    return (profile_display_name or "").strip() or username
