"""`incheck import FILE`: load a JSON export into an empty database."""

from __future__ import annotations

import os
import sys
from typing import Any, BinaryIO

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incheck.portability.cli import HelpFormatter, stream
from incheck.portability.errors import DatabaseNotEmpty, ImportProblem
from incheck.portability.importer import import_document
from incheck.portability.progress import Progress

MIB = 1 << 20


class Command(BaseCommand):
    # Lazy, so --help speaks the active language; Django's stubs type `help` as a plain str.
    help = gettext_lazy(  # type: ignore[assignment]
        "Load a JSON export (from `incheck export --format json`) into an EMPTY database.\n"
        "\n"
        "It runs the migrations first, then refuses a database that already holds users,\n"
        "teams, periods or anything else, so nothing is mixed or overwritten. The file is\n"
        "checked while it is read, record by record (keys, types, lengths, choices, ids,\n"
        "every reference); the first problem stops the import with a message naming what\n"
        "is wrong and where (line, section, record, field), and nothing is written: it all\n"
        "happens in one transaction. Ids are kept, so links survive, and exporting again\n"
        "gives the same document.\n"
        "\n"
        "The file is read as a stream, so memory stays flat at a million check-ins. A file\n"
        "re-indented by another JSON tool imports the same, as long as its keys keep their\n"
        "order: the header (format, version, exported_at, with_password_hashes) first, then\n"
        "the sections in the order users, teams, memberships, periods, objectives,\n"
        "key_results, check_ins, feedback, each sorted by id. A tool that sorts keys\n"
        "(jq -S) breaks that order, and the import says so.\n"
        "\n"
        "Users exported without password hashes get an unusable password: an admin sets\n"
        "one with `incheck changepassword USER`. API tokens are never exported."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        return super().create_parser(prog_name, subcommand, formatter_class=HelpFormatter, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help=_("The export to load; - reads stdin."))
        parser.add_argument(
            "--quiet", "-q", action="store_true", help=_("No progress bar and no summary.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        quiet = options["quiet"] or options["verbosity"] == 0
        err = stream(options, "stderr")
        name = options["file"]
        call_command("migrate", interactive=False, verbosity=0)
        try:
            raw: BinaryIO = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": name, "error": exc}
            ) from exc
        with raw:
            size = os.fstat(raw.fileno()).st_size if name != "-" else 0
            progress = Progress(
                size or None, label=_("import"), unit=" MiB", per=MIB, stream=err, enabled=not quiet
            )
            try:
                counts = import_document(raw, progress=progress)
            except DatabaseNotEmpty as exc:
                raise CommandError(str(exc)) from exc
            except ImportProblem as exc:
                raise CommandError(
                    _("Cannot import %(file)s, nothing was written: %(problem)s")
                    % {"file": name, "problem": exc}
                ) from exc
        if not quiet:
            listed = ", ".join(f"{count} {section}" for section, count in counts.items())
            err.write(_("Imported %(listed)s.") % {"listed": listed} + "\n")
