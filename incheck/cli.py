"""The `incheck` command: Django's management commands under the product's name.

`incheck serve`, `incheck demo`, `incheck token create USER`, `incheck coach`, `incheck export`,
`incheck import` and the jobs are management commands in the apps; `incheck help` lists them.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incheck.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        # Loading the settings checks every value from the environment.
        settings.INSTALLED_APPS  # noqa: B018
    except ImproperlyConfigured as problem:
        # A configuration mistake is the operator's to fix: one line that says which, no traceback.
        sys.exit(f"incheck: configuration: {problem}")

    from django.core.management import execute_from_command_line

    execute_from_command_line(["incheck", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
