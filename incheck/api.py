"""The JSON API at /api/v1/ (django-ninja). Routers live in each app's `api` module."""

from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(
    title="Incheck API",
    version="1",
    description="OKR check-ins: key results, typed check-ins, health, blockers and insights.",
    urls_namespace="api",
)
