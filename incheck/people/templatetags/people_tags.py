"""Template filters of the people pages."""

from __future__ import annotations

from django import template

from incheck.audit.models import AuditEvent
from incheck.audit.words import audit_sentence as sentence

register = template.Library()


@register.filter
def audit_sentence(event: AuditEvent) -> str:
    return sentence(event)
