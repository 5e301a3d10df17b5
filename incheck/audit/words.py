"""The audit log in words, in the reader's language: "Ada deactivated Bob"."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from incheck.audit.models import AuditEvent
from incheck.notify.models import Channel

CHANNEL_KINDS = dict(Channel.Kind.choices)

SENTENCES: dict[str, Promise] = {
    "person.invited": _("%(actor)s invited %(target)s"),
    "person.created": _("%(actor)s added %(target)s"),
    "person.signed_up": _("%(target)s signed in with single sign-on for the first time"),
    "person.deactivated": _("%(actor)s deactivated %(target)s"),
    "person.reactivated": _("%(actor)s reactivated %(target)s"),
    "person.admin_granted": _("%(actor)s made %(target)s an administrator"),
    "person.admin_revoked": _("%(actor)s removed %(target)s as an administrator"),
    "person.key_results_handed_over": _("%(actor)s handed the key results of %(target)s to %(to)s"),
    "team.created": _("%(actor)s created the team %(target)s"),
    "team.renamed": _("%(actor)s renamed the team %(from)s to %(to)s"),
    "team.moved": _("%(actor)s moved the team %(target)s"),
    "team.archived": _("%(actor)s archived the team %(target)s"),
    "team.restored": _("%(actor)s restored the team %(target)s"),
    "membership.added": _("%(actor)s added %(person)s to %(target)s as %(role)s"),
    "membership.removed": _("%(actor)s removed %(person)s from %(target)s"),
    "membership.role_changed": _("%(actor)s made %(person)s %(role)s of %(target)s"),
    "period.opened": _("%(actor)s opened the period %(target)s"),
    "period.closed": _("%(actor)s closed the period %(target)s"),
    "token.created": _("%(actor)s created an API token for %(target)s"),
    "token.revoked": _("%(actor)s revoked an API token of %(target)s"),
    "people.imported": _("%(actor)s imported people and teams from a CSV file"),
    "channel.added": _("%(actor)s added the %(kind)s channel of %(target)s"),
    "channel.changed": _("%(actor)s changed the %(kind)s channel of %(target)s"),
    "channel.removed": _("%(actor)s removed the %(kind)s channel of %(target)s"),
    "webhook.added": _("%(actor)s added the webhook %(target)s"),
    "webhook.changed": _("%(actor)s changed the webhook %(target)s"),
    "webhook.removed": _("%(actor)s removed the webhook %(target)s"),
    "slack.token_set": _("%(actor)s set the Slack bot token"),
    "slack.token_removed": _("%(actor)s removed the Slack bot token"),
}


def audit_sentence(event: AuditEvent) -> str:
    """One event as a sentence; the names are those at the time of the event."""
    values: dict[str, object] = {str(key): value for key, value in (event.details or {}).items()}
    values.setdefault("to", "")
    values.setdefault("from", "")
    values.setdefault("person", "")
    values["role"] = {"lead": _("lead"), "member": _("member")}.get(
        str(values.get("role", "")), values.get("role", "")
    )
    # A channel's kind in the reader's words ("Microsoft Teams", "e-post").
    kind = str(values.get("kind", ""))
    values["kind"] = CHANNEL_KINDS.get(kind, kind)
    values["actor"] = event.actor_name or _("The system")
    values["target"] = event.target_name
    template = SENTENCES.get(event.action)
    if template is None:
        return f"{values['actor']}: {event.action} {event.target_name}"
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return f"{values['actor']}: {event.action} {event.target_name}"
