"""A throwaway database for a benchmark: a temp SQLite file, or DATABASE_URL when set."""

from __future__ import annotations

import os
import tempfile


def django_with_fresh_database() -> str:
    """Point Django at a fresh database, set it up and migrate; returns its description."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incheck.settings")
    os.environ.setdefault("INCHECK_TESTING", "true")
    # Django's test client calls itself "testserver".
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    if not os.environ.get("DATABASE_URL"):
        directory = tempfile.mkdtemp(prefix="incheck-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.db import connection

    return f"{connection.vendor} ({os.environ['DATABASE_URL'].split('@')[-1]})"
