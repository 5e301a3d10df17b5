"""The JSON API's routers, one module per resource; `incheck.api` mounts them at /api/v1/."""
