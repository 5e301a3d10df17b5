"""Deployment checks of our own (`incheck check --deploy`), beside Django's."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.security, deploy=True)
def client_address_behind_a_proxy(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Behind a TLS proxy every request connects from the proxy: without INCHECK_TRUSTED_PROXIES
    every visitor has one address, and five wrong passwords from anyone lock out everyone."""
    if settings.SECURE_PROXY_SSL_HEADER and settings.INCHECK_TRUSTED_PROXIES == 0:
        return [
            Warning(
                "SECURE_PROXY_SSL_HEADER says Incheck is behind a proxy, but "
                "INCHECK_TRUSTED_PROXIES is 0: every request seems to come from the proxy's "
                "address, so sign-in throttling would lock out everyone at once.",
                hint="Set INCHECK_TRUSTED_PROXIES to the number of proxies that append to "
                "X-Forwarded-For (1 behind one nginx); see docs/operations.md.",
                id="incheck.W001",
            )
        ]
    return []
