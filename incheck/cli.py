"""The `incheck` command: Django's management commands under the product's name.

`incheck serve`, `incheck demo`, `incheck token create USER`, `incheck coach`, `incheck export`,
`incheck import` and the jobs are management commands in the apps; `incheck help` lists them.
"""

from __future__ import annotations

import os
import sys


def use_the_demos_key() -> None:
    """With no key configured, use the one `make run` keeps under var/, if it is there.

    So that, after `make run`, `incheck token create demo` or `incheck coach …` run in the
    checkout work against the demo as the README says. A configured SECRET_KEY or
    SECRET_KEY_FILE always wins; without either and without the file, the settings refuse to
    load as before (one line, non-zero exit).
    """
    from incheck.env import DEMO_KEY_NAME, var_dir

    if os.environ.get("SECRET_KEY") or os.environ.get("SECRET_KEY_FILE"):
        return
    key_file = var_dir() / DEMO_KEY_NAME
    if key_file.is_file():
        os.environ["SECRET_KEY_FILE"] = str(key_file)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incheck.settings")
    use_the_demos_key()
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        # Loading the settings checks every value from the environment.
        settings.INSTALLED_APPS  # noqa: B018
    except ImproperlyConfigured as problem:
        # A configuration mistake is the operator's to fix: one line that says which, no traceback.
        sys.exit(f"incheck: configuration: {problem}")

    from django.core.management import execute_from_command_line
    from django.db import OperationalError, ProgrammingError

    args = sys.argv[1:] if argv is None else argv
    try:
        execute_from_command_line(["incheck", *args])
    except (OperationalError, ProgrammingError) as problem:
        # A database that is not there, not reachable or not migrated is a set-up step missing,
        # not a bug: say which, in one line (`--traceback` shows the whole story).
        if "--traceback" in args:
            raise
        first_line = str(problem).strip().splitlines()[0] if str(problem).strip() else ""
        sys.exit(
            f"incheck: the database is not ready ({first_line or type(problem).__name__}): "
            "run `incheck migrate` (or `make run`), and check DATABASE_URL"
        )


if __name__ == "__main__":
    main()
