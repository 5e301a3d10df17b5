"""The `incheck` command: Django's management commands under the product's name.

`incheck serve`, `incheck demo`, `incheck token create USER`, `incheck coach`, `incheck export`,
`incheck import` and the jobs are management commands in the apps; `incheck help` lists them.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incheck.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["incheck", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
