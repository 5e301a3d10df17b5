"""The check-in CSV: a BOM, a header, one row per check-in, quoting that spreadsheets read."""

from __future__ import annotations

import csv
import io
import re

import pytest

from incheck.accounts.models import Profile, Team
from incheck.okrs.models import CheckIn
from incheck.portability.spreadsheet import COLUMNS, export_check_ins_csv, neutralised
from incheck.portability.tests.conftest import TRICKY

pytestmark = pytest.mark.django_db


def exported(**options):
    out = io.StringIO(newline="")
    count = export_check_ins_csv(out, **options)
    return out.getvalue(), count


def rows_of(text, delimiter=","):
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=delimiter))


def test_the_file_starts_with_a_bom_and_a_header(organisation):
    text, _ = exported()
    assert text.startswith('\ufeff"id","sitting","time","author","author_name","team","period",')
    header = next(csv.reader(io.StringIO(text[1:], newline="")))
    assert header == [name for name, _lookup, _write in COLUMNS]
    for needed in [
        "kind",
        "signal",
        "text",
        "value",
        "reached",
        "level",
        "due_on",
        "expected_value",
        "closure",
        "happened",
        "learned",
        "actual_value",
        "score",
        "way_around",
        "resolved_at",
        "resolution",
        "key_result",
        "objective",
        "kr_type",
        "unit",
    ]:
        assert needed in header


def test_one_row_per_check_in_in_id_order(organisation):
    text, count = exported()
    rows = rows_of(text)
    assert count == len(rows) == CheckIn.objects.count() > 5
    assert [int(row["id"]) for row in rows] == sorted(CheckIn.objects.values_list("id", flat=True))


def test_tricky_text_survives_the_quoting(organisation):
    rows = rows_of(exported()[0])
    context = next(row for row in rows if row["kind"] == "context")
    assert context["text"].endswith(TRICKY)  # commas, quotes, a line break, å ä ö and an emoji
    assert context["author"] == "alice"
    assert context["author_name"] == "Alice Åström 🎉"


def test_each_row_names_its_key_result_objective_team_and_period(organisation):
    rows = rows_of(exported()[0])
    outcome = next(row for row in rows if row["kind"] == "outcome")
    assert outcome["key_result"] == "Churn “down”"
    assert outcome["objective"] == "Grow the pipeline"
    assert outcome["team"] == "Growth"
    assert outcome["period"] == "2026 Q4"
    assert (outcome["kr_type"], outcome["unit"]) == ("decrease", "%")
    assert (outcome["value"], outcome["score"], outcome["score_reason"]) == (
        "5",
        "0.5",
        "Held back by Q3",
    )
    milestone = next(
        row for row in rows if row["key_result"] == "Ship the report" and row["kind"] == "progress"
    )
    assert milestone["reached"] == "false"
    assert milestone["team"] == ""  # a personal objective


def test_closures_and_resolutions_are_in_their_columns(organisation):
    rows = rows_of(exported()[0])
    closed = next(row for row in rows if row["closure"])
    assert (closed["closure"], closed["happened"], closed["actual_value"]) == (
        "partly",
        "Booked one",
        "94.5",
    )
    assert closed["due_on"] == "2026-10-16"
    assert closed["expected_value"] == "120"
    blocker = next(row for row in rows if row["kind"] == "blocker")
    assert blocker["resolution"] == "Legal said yes by phone"
    assert blocker["way_around"] == "Ask legal directly"
    insight = next(row for row in rows if row["resolves"])
    assert insight["resolves"] == blocker["id"]


def test_times_are_in_the_installation_time_zone(organisation, settings):
    assert settings.TIME_ZONE == "Europe/Stockholm"
    rows = rows_of(exported()[0])
    context = next(row for row in rows if row["kind"] == "context")
    # Stored 2026-10-06 08:15:30 UTC; Stockholm is on summer time (+02:00) then.
    assert context["time"] == "2026-10-06T10:15:30+02:00"


def test_a_text_that_a_spreadsheet_would_run_as_a_formula_is_defused(organisation):
    CheckIn.objects.filter(kind="context").update(text='=HYPERLINK("http://evil","x")')
    rows = rows_of(exported()[0])
    assert next(row for row in rows if row["kind"] == "context")["text"].startswith("'=HYPERLINK")


def test_rows_end_with_crlf_and_line_breaks_inside_cells_stay_quoted(organisation):
    text, _ = exported()
    assert text.count("\r\n") == CheckIn.objects.count() + 1
    assert '"60 leads a quarter now; 200 lets us hire a rep. He said ""yes, maybe"",\nthen' in text


def test_every_cell_is_quoted(organisation):
    text, _ = exported()
    # The whole file is quoted cells (empty ones too), each followed by a comma or a line end.
    assert re.fullmatch(r'(?:"(?:[^"]|"")*"(?:,|\r\n))+', text[1:])


FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_formula_start_is_defused_in_every_text_column(organisation, formula):
    CheckIn.objects.update(text=formula, happened=formula, way_around=f"Ask legal;{formula}")
    for team in Team.objects.all():
        Team.objects.filter(pk=team.pk).update(name=f"{formula} {team.pk}")
    Profile.objects.update(display_name=formula)
    for row in rows_of(exported()[0]):
        for column in ("text", "happened", "author_name"):
            if row[column]:
                assert row[column] == "'" + formula, (column, row[column])
        assert not row["team"] or row["team"].startswith("'" + formula)
        assert row["way_around"] == "Ask legal;'" + formula


def test_a_neutralised_text_keeps_its_words():
    assert neutralised("34 leads; 200 lets us hire") == "34 leads; 200 lets us hire"
    assert neutralised("a,=b") == "a,'=b"
    assert neutralised("") == ""


def test_numbers_stay_numbers(organisation):
    CheckIn.objects.filter(kind="progress").update(value=-5)
    rows = rows_of(exported()[0])
    assert {row["value"] for row in rows if row["kind"] == "progress"} == {"-5"}


def test_semicolons_for_spreadsheets_that_write_decimal_commas(organisation):
    commas, _ = exported()
    semicolons, count = exported(delimiter=";")
    assert semicolons.startswith('\ufeff"id";"sitting";')
    assert rows_of(semicolons, delimiter=";") == rows_of(commas)
    assert count == CheckIn.objects.count()
