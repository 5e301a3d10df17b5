"""Recording to the audit log. Called by the services that change accounts, roles, teams,
periods, tokens, chat channels, webhooks and the Slack bot, inside their own transaction: the
change and its record land together.

>>> audit_record(actor=ada, action="person.deactivated", target=bob)  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models

from incheck import clock
from incheck.accounts.names import display_name
from incheck.audit.models import AuditEvent

# Every action the log knows, by target. The page and the export show these codes; the words
# for each are in `incheck.audit.words`.
ACTIONS = frozenset(
    {
        "person.invited",
        "person.created",
        "person.signed_up",
        "person.deactivated",
        "person.reactivated",
        "person.admin_granted",
        "person.admin_revoked",
        "person.key_results_handed_over",
        "team.created",
        "team.renamed",
        "team.moved",
        "team.archived",
        "team.restored",
        "membership.added",
        "membership.removed",
        "membership.role_changed",
        "period.opened",
        "period.closed",
        "token.created",
        "token.revoked",
        "people.imported",
        "channel.added",
        "channel.changed",
        "channel.removed",
        "webhook.added",
        "webhook.changed",
        "webhook.removed",
        "slack.token_set",
        "slack.token_removed",
    }
)


def _name(thing: models.Model) -> str:
    return display_name(thing) if isinstance(thing, AbstractBaseUser) else str(thing)


def audit_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    target: models.Model,
    details: dict[str, Any] | None = None,
    target_name: str | None = None,
) -> AuditEvent:
    """Note that `actor` did `action` to `target` (None: the system, e.g. an import script).

    `target_name` replaces the target's own name where that says nothing to a reader (a
    webhook is named by its description or host, never by its address). Details and names
    never hold a secret: the log is read by every administrator and kept in exports.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")  # a programming error
    person = actor if isinstance(actor, AbstractBaseUser) else None
    return AuditEvent.objects.create(
        at=clock.now(),
        actor_id=person.pk if person is not None else None,
        actor_name=_name(person)[:150] if person is not None else "",
        action=action,
        # `_meta` of the instance: a request's lazy user has no model class of its own.
        target_type=target._meta.model_name or "",
        target_id=target.pk,
        target_name=(_name(target) if target_name is None else target_name)[:200],
        details=details or {},
    )
