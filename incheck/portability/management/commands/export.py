"""`incheck export`: the whole organisation as JSON, or the check-ins as CSV."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incheck.portability.cli import HelpFormatter, stream
from incheck.portability.export import ExportProblem, export_document
from incheck.portability.progress import Progress
from incheck.portability.spreadsheet import export_check_ins_csv


class Command(BaseCommand):
    # Lazy, so --help speaks the active language; Django's stubs type `help` as a plain str.
    help = gettext_lazy(  # type: ignore[assignment]
        "Export the organisation's data.\n"
        "\n"
        "--format json (the default) writes everything as ONE versioned JSON document: users\n"
        "with their profiles, teams, memberships, periods, objectives, key results, check-ins\n"
        "and feedback, with their ids, so that `incheck import` can load it into an empty\n"
        "database and a new export gives the same document again (all but the exported_at\n"
        "line). Records are sorted by id, one per line.\n"
        "\n"
        "Not exported: API tokens (secrets: people make new ones), sessions, and Django's\n"
        "groups and permissions (Incheck does not use them). Password hashes only with\n"
        "--with-password-hashes; without them imported users cannot sign in until an admin\n"
        "sets a password (`incheck changepassword USER`). Treat a file with hashes as a secret.\n"
        "\n"
        "--format csv writes one row per check-in for spreadsheets: UTF-8 with a BOM, times\n"
        "in the installation's time zone, KR, objective, team and period named on each row,\n"
        "every cell quoted, a text that would run as a formula shown as text. --delimiter ';'\n"
        "for spreadsheets that write decimal commas (Swedish, German, ...).\n"
        "\n"
        "Both stream: memory stays flat however many check-ins there are. Output goes to\n"
        "standard output unless --output names a file (written in full, then renamed into\n"
        "place, so a failed export leaves no half file). A progress bar shows on a terminal."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        return super().create_parser(prog_name, subcommand, formatter_class=HelpFormatter, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--format",
            choices=["json", "csv"],
            default="json",
            help=_("json: the whole organisation (default); csv: the check-ins as a spreadsheet."),
        )
        parser.add_argument(
            "--delimiter",
            choices=[",", ";", "tab"],
            default=",",
            help=_(
                "csv only: what separates the cells; ';' for spreadsheets that write decimal "
                "commas (Swedish, German, …)."
            ),
        )
        parser.add_argument(
            "--output",
            "-o",
            metavar="FILE",
            help=_("Write to FILE instead of standard output."),
        )
        parser.add_argument(
            "--with-password-hashes",
            action="store_true",
            help=_("Include password hashes (json only), so people can sign in after an import."),
        )
        parser.add_argument(
            "--quiet", "-q", action="store_true", help=_("No progress bar and no summary.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["with_password_hashes"] and options["format"] != "json":
            raise CommandError(_("--with-password-hashes is only for --format json."))
        if options["delimiter"] != "," and options["format"] != "csv":
            raise CommandError(_("--delimiter is only for --format csv."))
        quiet = options["quiet"] or options["verbosity"] == 0
        err = stream(options, "stderr")
        progress = Progress(None, label=_("export"), stream=err, enabled=not quiet)
        output = options["output"]
        try:
            if output in (None, "-"):
                summary = self._write(stream(options, "stdout"), options, progress)
            else:
                summary = self._write_file(Path(output), options, progress)
        except ExportProblem as exc:
            raise CommandError(str(exc)) from exc
        if not quiet:
            err.write(summary + "\n")

    def _write_file(self, path: Path, options: dict[str, Any], progress: Progress) -> str:
        partial = path.with_name(path.name + ".partial")
        try:
            with partial.open("w", encoding="utf-8", newline="") as out:
                summary = self._write(out, options, progress)
            os.replace(partial, path)
        except OSError as exc:
            raise CommandError(
                _("Cannot write %(path)s: %(error)s") % {"path": path, "error": exc}
            ) from exc
        finally:
            partial.unlink(missing_ok=True)
        return summary + " " + _("Written to %(path)s.") % {"path": path}

    def _write(self, out: TextIO, options: dict[str, Any], progress: Progress) -> str:
        if options["format"] == "csv":
            delimiter = "\t" if options["delimiter"] == "tab" else options["delimiter"]
            rows = export_check_ins_csv(out, progress=progress, delimiter=delimiter)
            out.flush()
            return _("Exported %(rows)s check-ins as CSV.") % {"rows": rows}
        counts = export_document(
            out, with_password_hashes=options["with_password_hashes"], progress=progress
        )
        out.flush()
        listed = ", ".join(f"{count} {name}" for name, count in counts.items())
        return _("Exported %(listed)s.") % {"listed": listed}
