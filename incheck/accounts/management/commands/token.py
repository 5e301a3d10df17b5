"""`incheck token`: API tokens from the command line.

    incheck token create alice --name "sales script"   # prints only the token
    incheck token list alice
    incheck token revoke inc_AbCdEfGh

Whoever runs this administers the installation, so any user's tokens may be listed or revoked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from incheck.accounts.selectors import token_list
from incheck.accounts.services import NAME_LIMIT, token_create, token_revoke
from incheck.errors import DomainError


def _when(moment: dt.datetime | None) -> str:
    # In the installation's time zone (TIME_ZONE), like the admin shows it.
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment is not None else "-"


class Command(BaseCommand):
    help = (
        "Manage API tokens. `token create USERNAME [--name NAME]` prints only the new token "
        "(it is shown once; only a hash is stored), so a script can capture it. "
        "`token list USERNAME` shows prefix, name, creation, last use and revocation. "
        "`token revoke PREFIX` revokes the token that starts with PREFIX."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = actions.add_parser(
            "create", help="create a token for a user and print it (only the token)"
        )
        create.add_argument("username", help="the user the token acts as")
        create.add_argument(
            "--name", default="", help=f"what the token is for (up to {NAME_LIMIT} characters)"
        )
        listing = actions.add_parser("list", help="list a user's tokens (never the tokens)")
        listing.add_argument("username")
        revoke = actions.add_parser("revoke", help="revoke a token by its prefix")
        revoke.add_argument("prefix", help="the token's first 12 characters, as `list` shows")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "create":
                _, raw = token_create(user=self._user(options["username"]), name=options["name"])
                self.stdout.write(raw)
            elif options["action"] == "list":
                self._list(options["username"])
            else:
                token = token_revoke(prefix=options["prefix"])
                self.stderr.write(f"Revoked {token.prefix}… of {token.user}.")
        except DomainError as exc:
            detail = "; ".join(f"{k}: {v}" for k, v in exc.fields.items()) or exc.detail
            raise CommandError(detail) from exc

    def _user(self, username: str) -> Any:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        return user

    def _list(self, username: str) -> None:
        tokens = token_list(self._user(username))
        self.stdout.write(
            "prefix        created           last used         revoked           name"
        )
        for token in tokens:
            self.stdout.write(
                f"{token.prefix:<13} {_when(token.created_at):<17} {_when(token.last_used_at):<17} "
                f"{_when(token.revoked_at):<17} {token.name}"
            )
