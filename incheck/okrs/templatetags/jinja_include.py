"""`{% jinja "okrs/_kr_cards.html" rows=group.rows %}`: a Jinja2 template inside a Django one.

The hot loops of the heavy pages are Jinja2 templates (`incheck/jinja.py` says why); the
page around them, and the base layout, stay Django's. The Jinja2 template sees the Django
context (flattened) plus the keyword arguments.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template import engines
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja(context: template.Context, name: str, **extra: Any) -> SafeString:
    values: dict[str, Any] = {str(key): value for key, value in context.flatten().items()}
    values.update(extra)
    request: Any = values.pop("request", None)
    rendered = engines["jinja2"].get_template(name).render(values, request=request)
    return mark_safe(rendered)  # noqa: S308 - Jinja2 escaped every value (autoescape)
