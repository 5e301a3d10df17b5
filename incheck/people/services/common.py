"""What the people services share: the admin check and the error shape."""

from __future__ import annotations

from incheck.domain.permissions import Actor, may_manage_people
from incheck.errors import Forbidden, Invalid
from incheck.okrs.services.access import User, actor_for
from incheck.people.messages import message, messages_for


def admin_actor(actor: User) -> Actor:
    """The actor, if an admin; else Forbidden."""
    checked = actor_for(actor)
    if not may_manage_people(checked):
        raise Forbidden(message("forbidden"), code="forbidden")
    return checked


def invalid(problems: dict[str, str]) -> Invalid:
    """`{field: code}` as the one Invalid error (422) with every field's words."""
    return Invalid(message("invalid_input"), code="invalid", fields=messages_for(problems))
