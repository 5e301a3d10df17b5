"""A bad file gets a message naming what is wrong and where, and imports nothing."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from incheck.accounts.models import Membership, Team
from incheck.domain.checkins import Entry
from incheck.okrs.models import CheckIn, KeyResult
from incheck.okrs.services.checkins import checkin_sitting_create
from incheck.okrs.services.signals import feedback_create
from incheck.portability import format as fmt
from incheck.portability.errors import DatabaseNotEmpty, ImportProblem
from incheck.portability.importer import import_document, occupied_tables
from incheck.portability.tests.conftest import empty_database, export_text
from incheck.testing.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(personas):
    """A small valid export; the database is empty again afterwards."""
    checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[
            Entry(kind="progress", value=34, text="Webinar"),
            Entry(kind="next_up", text="Book 2 webinars by Friday", due_on=personas.period.end_on),
        ],
    )
    feedback_create(
        actor=personas.lena, key_result_id=personas.kr.pk, signal="continue", text="Good"
    )
    text = export_text()
    empty_database()
    return text


def line_of(text, section, index=1):
    """The 1-based line number of a section's record (the export writes one per line)."""
    lines = text.split("\n")
    start = lines.index(f'"{section}": [')
    return start + 1 + index


def record(doc, section, index=1):
    return json.loads(doc)[section][index - 1]


def edit(doc, section, index=1, /, **changes):
    """The document with one record changed (a value of ... removes the key)."""
    lines = doc.split("\n")
    at = line_of(doc, section, index) - 1
    comma = lines[at].endswith(",")
    record = json.loads(lines[at].rstrip(","))
    for key, value in changes.items():
        if value is ...:
            record.pop(key)
        else:
            record[key] = value
    lines[at] = json.dumps(record, ensure_ascii=False) + ("," if comma else "")
    return "\n".join(lines)


def refused(content):
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    with pytest.raises(ImportProblem) as caught:
        import_document(io.BytesIO(data))
    assert occupied_tables() == [], "a refused import must write nothing"
    return str(caught.value)


def test_a_valid_document_imports(document):
    assert import_document(io.BytesIO(document.encode()))["check_ins"] == 2


def test_a_file_that_is_not_json_is_refused(document):
    message = refused("id,name\n1,Alice\n")
    assert "not an Incheck export" in message
    assert "line 1, column 1" in message


def test_an_empty_file_is_refused(db):
    assert "empty" in refused("")


def test_broken_json_in_a_record_names_the_line_and_record(document):
    at = line_of(document, "check_ins", 2)
    lines = document.split("\n")
    lines[at - 1] = lines[at - 1].replace('"kind":', '"kind"', 1)
    message = refused("\n".join(lines))
    assert "not valid JSON" in message
    assert f"line {at}," in message
    assert "check_ins record 2" in message


def test_another_format_is_refused(document):
    message = refused(document.replace('"incheck-export"', '"other-export"', 1))
    assert "\"format\" is 'other-export'" in message
    assert "line 2" in message


def test_a_newer_version_is_refused(document):
    newer = fmt.VERSION + 1
    message = refused(document.replace(f'"version": {fmt.VERSION},', f'"version": {newer},', 1))
    assert f"version {newer}" in message
    assert 'field "version"' in message


def as_version(document: str, version: int) -> dict:
    """The document as that older version wrote it: what later versions added taken out."""
    data = json.loads(document)
    data["version"] = version
    for added_in, sections in fmt.ADDED_COLUMNS.items():
        if added_in > version:
            for section, keys in sections.items():
                for row in data[section]:
                    for key in keys:
                        del row[key]
    for added_in, keys in fmt.ADDED_PROFILE_FIELDS.items():
        if added_in > version:
            for user in data["users"]:
                for key in keys if user["profile"] is not None else ():
                    del user["profile"][key]
    for added_in, names in fmt.ADDED_SECTIONS.items():
        if added_in > version:
            for name in names:
                del data[name]
    return data


def test_a_version_3_document_imports_without_the_columns_version_4_added(document):
    """Version 4 added archived objectives and KRs and corrected check-ins; a file of version 3
    (written before) imports with none archived or corrected."""
    data = as_version(document, 3)
    # A version 3 document with a version 4 key is refused: the keys are the version's.
    data["check_ins"][0]["edited_at"] = None
    assert "unknown key: edited_at" in refused(json.dumps(data))
    del data["check_ins"][0]["edited_at"]
    assert import_document(io.BytesIO(json.dumps(data).encode()))["check_ins"] == 2
    assert not CheckIn.objects.filter(edited_at__isnull=False).exists()
    assert not KeyResult.objects.filter(archived_at__isnull=False).exists()


def test_a_missing_key_is_named(document):
    message = refused(edit(document, "check_ins", 1, text=...))
    assert "a key is missing: text" in message
    assert f"line {line_of(document, 'check_ins')}, check_ins record 1" in message


def test_an_unknown_key_is_named(document):
    message = refused(edit(document, "periods", 1, colour="red"))
    assert "unknown key: colour" in message
    assert "periods record 1" in message


def test_a_wrong_type_names_the_field(document):
    message = refused(edit(document, "check_ins", 1, value="34"))
    check_in = record(document, "check_ins")["id"]
    assert f'check_ins record 1 (id {check_in}), field "value": must be a number' in message


def test_nan_is_refused_with_its_field(document):
    lines = document.split("\n")
    at = line_of(document, "check_ins", 1) - 1
    assert '"value":34.0' in lines[at]
    lines[at] = lines[at].replace('"value":34.0', '"value":NaN')
    message = refused("\n".join(lines))
    assert 'field "value": NaN is not allowed' in message
    assert f"line {at + 1}" in message


def test_a_check_in_pointing_at_a_missing_key_result_is_refused(document):
    message = refused(edit(document, "check_ins", 2, key_result=999_999_999))
    assert (
        f'check_ins record 2 (id {record(document, "check_ins", 2)["id"]}), field "key_result"'
        in message
    )
    assert 'points at id 999999999 in "key_results", which is not in the file' in message


def test_a_key_result_pointing_forward_at_a_missing_check_in_is_refused(document):
    # Checked only once the check-ins are read, yet named by its own record and field.
    message = refused(edit(document, "key_results", 1, open_next_up=999_999_999))
    assert (
        f'key_results record 1 (id {record(document, "key_results")["id"]}), field "open_next_up"'
        in message
    )
    assert f"line {line_of(document, 'key_results')}" in message


def test_a_missing_manager_inside_a_profile_is_refused(document):
    users = json.loads(document)["users"]
    profile = {**users[0]["profile"], "manager": 777_777_777}
    message = refused(edit(document, "users", 1, profile=profile))
    assert 'field "profile.manager": points at id 777777777' in message


def test_duplicate_ids_are_refused(document):
    first = record(document, "check_ins")["id"]
    message = refused(edit(document, "check_ins", 2, id=first))
    assert f"the id {first} appears twice" in message
    assert "check_ins record 2" in message


def test_ids_out_of_order_are_refused(document):
    second = record(document, "check_ins", 2)["id"]
    message = refused(edit(document, "check_ins", 1, id=second + 3))
    assert f"ids must go up record by record; {second} comes after {second + 3}" in message


def test_a_truncated_file_is_refused(document):
    message = refused(document[: len(document) * 2 // 3])
    assert "ends too early" in message


def test_a_key_twice_in_one_record_is_refused(document):
    lines = document.split("\n")
    at = line_of(document, "teams", 1) - 1
    lines[at] = lines[at].replace('{"id":', '{"name":"X","id":', 1)
    message = refused("\n".join(lines))
    assert 'the key "name" appears twice' in message
    assert "teams record 1" in message


def test_keys_sorted_by_another_tool_are_refused_with_the_reason(document):
    message = refused(json.dumps(json.loads(document), sort_keys=True, indent=2))
    assert "out of order" in message
    assert "jq -S" in message


def test_a_missing_section_is_refused(document):
    data = json.loads(document)
    del data["audit_events"]
    assert "sections are missing: audit_events" in refused(json.dumps(data))


def test_a_missing_header_key_is_refused(document):
    message = refused(document.replace('"with_password_hashes": false,\n', "", 1))
    assert 'the header key "with_password_hashes" is missing' in message


def test_a_file_that_is_not_utf8_is_refused(document):
    data = document.encode("utf-8").replace(b"Webinar", b"Web\xffinar", 1)
    assert "not UTF-8" in refused(data)


def test_text_after_the_document_is_refused(document):
    assert "more text after the end" in refused(document + "{}\n")


def test_a_bad_date_is_refused(document):
    message = refused(edit(document, "periods", 1, end_on="2026-13-45"))
    assert 'field "end_on": must be a date written YYYY-MM-DD' in message


def test_a_bad_choice_is_refused(document):
    message = refused(edit(document, "check_ins", 1, kind="status"))
    assert 'field "kind": must be one of' in message


def test_an_over_long_title_is_refused(document):
    message = refused(edit(document, "key_results", 1, title="x" * 201))
    assert 'field "title": is longer than 200 characters' in message


def test_a_username_twice_is_refused(document):
    message = refused(edit(document, "users", 2, username="alice"))
    assert "users record 2" in message
    assert "'alice' is already used" in message


def test_an_objective_owned_by_a_team_and_a_person_is_refused(document):
    objective = record(document, "objectives")["id"]
    message = refused(edit(document, "objectives", 1, owner=record(document, "users")["id"]))
    assert (
        f'objectives record 1 (id {objective}), field "owner": an objective belongs to a team'
        in message
    )


def test_a_password_without_the_header_saying_so_is_refused(document):
    message = refused(edit(document, "users", 1, password="md5$x$y"))
    assert "unknown key: password" in message


@pytest.mark.parametrize("bad", [0, -3, True, "7", 1.5])
def test_an_id_must_be_a_positive_whole_number(document, bad):
    message = refused(edit(document, "teams", 1, id=bad))
    assert 'field "id": must be a whole number from 1' in message


def test_a_section_that_is_not_an_array_is_refused(document):
    data = json.loads(document)
    data["teams"] = {}
    assert "a section must be a JSON array" in refused(json.dumps(data, indent=1))


def test_a_record_that_is_not_an_object_is_refused(document):
    lines = document.split("\n")
    lines[line_of(document, "teams", 1) - 1] = "[1, 2],"
    assert "teams record 1: a record must be a JSON object" in refused("\n".join(lines))


def test_a_non_empty_database_is_refused_before_reading(document):
    UserFactory(username="early_bird")
    checkin_count = CheckIn.objects.count()
    with pytest.raises(DatabaseNotEmpty) as caught:
        import_document(io.BytesIO(document.encode()))
    assert "not empty" in str(caught.value)
    assert "users" in str(caught.value)
    assert get_user_model().objects.count() == 1
    assert CheckIn.objects.count() == checkin_count


def test_the_command_refuses_a_bad_file_and_says_nothing_was_written(document, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(edit(document, "check_ins", 2, key_result=999_999_999), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("import", str(path), quiet=True)
    assert "nothing was written" in str(caught.value)
    assert 'field "key_result"' in str(caught.value)
    assert occupied_tables() == []


def test_the_command_refuses_a_non_empty_database(document, tmp_path):
    TeamFactory(name="Already here")
    path = tmp_path / "org.json"
    path.write_text(document, encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("import", str(path), quiet=True)
    assert "not empty" in str(caught.value)


def test_the_command_exits_non_zero_on_a_bad_file(tmp_path):
    # Through the real command line, in a fresh SQLite database the import migrates first.
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "incheck-export", "version": 9}', encoding="utf-8")
    env = {**os.environ, "INCHECK_VAR_DIR": str(tmp_path), "INCHECK_TESTING": "true"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "incheck.cli", "import", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[3],
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert "version 9 of the export format" in result.stderr
    assert "nothing was written" in result.stderr
    assert (tmp_path / "incheck.sqlite3").exists()  # migrated first


def test_every_section_is_covered_by_the_document_fixture(document):
    data = json.loads(document)
    assert [key for key in data if key in fmt.SECTIONS] == list(fmt.SECTIONS)


def test_a_number_too_large_for_a_float_is_refused(document):
    message = refused(edit(document, "check_ins", 1, value=10**400))
    assert 'field "value": must be a finite number' in message


def test_a_deeply_nested_value_is_refused(document):
    lines = document.split("\n")
    at = line_of(document, "check_ins", 1) - 1
    lines[at] = lines[at].replace('"text":"Webinar"', '"text":' + "[" * 50_000 + "]" * 50_000)
    message = refused("\n".join(lines))
    assert "nested too deeply" in message
    assert "check_ins record 1" in message


def test_a_nul_character_is_refused_where_postgresql_cannot_store_it(document):
    from django.db import connection

    changed = edit(document, "check_ins", 1, text="Web\x00inar")
    if connection.vendor == "postgresql":
        message = refused(changed)
        assert "check_ins record 1 (id " in message
        assert 'field "text": holds a NUL character' in message
    else:
        import_document(io.BytesIO(changed.encode()))
        assert CheckIn.objects.get(pk=record(document, "check_ins")["id"]).text == "Web\x00inar"


def test_a_version_1_document_imports_with_what_version_2_added_at_its_defaults(document):
    """Version 1 had no team rhythm, no archived teams, no memberships from single sign-on, no
    nudges, away days or digests on the profile, and no audit log (nor what version 4 added)."""
    data = as_version(document, 1)
    counts = import_document(io.BytesIO(json.dumps(data, indent=1).encode()))
    assert counts["memberships"] == len(data["memberships"]) and "audit_events" not in counts
    assert not Membership.objects.filter(from_sso=True).exists()
    assert not Team.objects.filter(archived_at__isnull=False).exists()


def test_a_version_1_document_with_a_version_2_key_is_refused(document):
    data = json.loads(document)
    data["version"] = 1
    del data["audit_events"]
    assert "unknown key: away_from" in refused(json.dumps(data))


def test_a_version_2_document_with_the_dropped_reminded_on_imports(document):
    """Version 3 dropped the profile's `reminded_on` (the reminder job became `incheck jobs`):
    an older file that has it imports, the key ignored."""
    data = as_version(document, 2)
    for user in data["users"]:
        if user["profile"] is not None:
            user["profile"]["reminded_on"] = "2026-11-20"
    counts = import_document(io.BytesIO(json.dumps(data, indent=1).encode()))
    assert counts["users"] == len(data["users"])
