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
    name = (profile.display_name if profile is not None else "").strip()
    return name or str(user.get_username())
