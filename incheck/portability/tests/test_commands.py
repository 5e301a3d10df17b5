"""The `incheck export` and `incheck import` commands: output, files, help, progress."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError

from incheck.okrs.models import CheckIn
from incheck.portability.progress import Progress
from incheck.portability.tests.conftest import empty_database

pytestmark = pytest.mark.django_db


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_export_writes_the_document_to_stdout_and_the_summary_to_stderr(organisation):
    out, err = io.StringIO(), io.StringIO()
    call_command("export", stdout=out, stderr=err)
    assert json.loads(out.getvalue())["format"] == "incheck-export"
    assert "Exported" in err.getvalue()
    assert "\r" not in err.getvalue()  # no progress bar when stderr is not a terminal


def test_export_to_a_file_then_import_it_into_an_empty_database(organisation, tmp_path):
    path = tmp_path / "org.json"
    call_command("export", output=str(path), stderr=io.StringIO())
    assert not (tmp_path / "org.json.partial").exists()
    count = CheckIn.objects.count()
    empty_database()
    err = io.StringIO()
    call_command("import", str(path), stderr=err)
    assert CheckIn.objects.count() == count
    assert f"{count} check_ins" in err.getvalue()


def test_export_csv_to_a_file_starts_with_a_bom(organisation, tmp_path):
    path = tmp_path / "check-ins.csv"
    call_command("export", format="csv", output=str(path), quiet=True)
    data = path.read_bytes()
    assert data.startswith(b'\xef\xbb\xbf"id",')
    assert data.count(b"\r\n") == CheckIn.objects.count() + 1


def test_password_hashes_are_only_for_json(db):
    with pytest.raises(CommandError, match="only for --format json"):
        call_command("export", format="csv", with_password_hashes=True)


def test_a_file_that_does_not_exist_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import", str(tmp_path / "missing.json"), quiet=True)


def test_quiet_prints_nothing_on_stderr(organisation, tmp_path):
    err = io.StringIO()
    call_command("export", output=str(tmp_path / "org.json"), quiet=True, stderr=err)
    assert err.getvalue() == ""


@pytest.mark.parametrize(
    ("name", "phrases"),
    [
        ("export", ["--format", "--with-password-hashes", "API tokens", "exported_at", "BOM"]),
        ("import", ["EMPTY database", "migrations", "nothing is written", "jq -S", "password"]),
    ],
)
def test_the_help_explains_the_command(name, phrases):
    command = load_command_class("incheck.portability", name)
    text = command.create_parser("incheck", name).format_help()
    for phrase in phrases:
        assert phrase in text, phrase


def test_the_progress_bar_draws_on_a_terminal():
    terminal = Terminal()
    progress = Progress(200, label="check_ins", stream=terminal)
    progress.update(50)
    progress.finish()
    drawn = terminal.getvalue()
    assert drawn.startswith("\rcheck_ins")
    assert "200/200" in drawn
    assert "100%" in drawn
    assert drawn.endswith("\n")


def test_the_progress_bar_is_silent_off_a_terminal_and_when_quiet():
    piped, quiet = io.StringIO(), Terminal()
    for progress in (Progress(10, stream=piped), Progress(10, stream=quiet, enabled=False)):
        progress.update(5)
        progress.finish()
    assert piped.getvalue() == quiet.getvalue() == ""


def test_the_progress_bar_shows_bytes_as_mebibytes():
    progress = Progress(3 << 20, label="import", unit=" MiB", per=1 << 20, stream=Terminal())
    progress.update(1 << 20)
    assert "1/3 MiB" in progress.line()
    assert " 33%" in progress.line()


def test_export_csv_takes_a_delimiter(organisation, tmp_path):
    path = tmp_path / "check-ins.csv"
    call_command("export", format="csv", delimiter=";", output=str(path), quiet=True)
    assert path.read_text(encoding="utf-8").startswith('\ufeff"id";"sitting";')
    call_command("export", format="csv", delimiter="tab", output=str(path), quiet=True)
    assert path.read_text(encoding="utf-8").startswith('\ufeff"id"\t"sitting"\t')


def test_a_delimiter_is_only_for_csv(db):
    with pytest.raises(CommandError, match="delimiter"):
        call_command("export", delimiter=";")
