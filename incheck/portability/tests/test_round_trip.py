"""Export → import into an empty database → export gives the same document."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.db import connection

from incheck import clock
from incheck.domain.checkins import Entry
from incheck.okrs.models import CheckIn, KeyResult, Objective, ObjectiveRollup
from incheck.okrs.services.checkins import checkin_sitting_create
from incheck.okrs.services.periods import period_create
from incheck.okrs.services.rollups import rollups_rebuild
from incheck.portability import format as fmt
from incheck.portability.tests.conftest import empty_database, export_text, import_text

pytestmark = pytest.mark.django_db


def without_exported_at(text):
    lines = text.splitlines()
    assert lines[3].startswith('"exported_at": ')
    return lines[:3] + lines[4:]


def test_export_import_export_gives_the_same_document(organisation):
    first = export_text()
    sections = json.loads(first)
    # Not a vacuous round trip: every section has records, and the links the method cares about.
    assert all(sections[name] for name in fmt.SECTIONS)
    assert any(c["resolves"] for c in sections["check_ins"])
    assert any(c["closure"] == "partly" for c in sections["check_ins"])
    assert any(k["open_next_up"] and k["origin"] is None for k in sections["key_results"])
    assert any(k["outcome"] for k in sections["key_results"])
    assert any(o["origin"] and o["parent"] for o in sections["objectives"])
    assert any(u["profile"] is None for u in sections["users"])

    empty_database()
    counts = import_text(first)
    clock.freeze(dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    second = export_text()

    assert counts == {name: len(sections[name]) for name in fmt.SECTIONS}
    assert without_exported_at(second) == without_exported_at(first)
    assert second != first  # only the exported_at line tells them apart


def test_links_survive_the_round_trip(organisation):
    text = export_text()
    kr_before = KeyResult.objects.get(pk=organisation.kr.pk)
    empty_database()
    import_text(text)
    kr = KeyResult.objects.get(pk=organisation.kr.pk)
    assert kr.open_next_up.text == "Call 10 leads by the 30th"
    assert kr.open_next_up_id == kr_before.open_next_up_id
    insight = CheckIn.objects.get(resolves__isnull=False)
    assert insight.resolves.resolution == "Legal said yes by phone"
    copy = Objective.objects.get(origin__isnull=False, parent__isnull=False)
    assert copy.parent.origin_id is not None
    alice = get_user_model().objects.get(username="alice")
    assert alice.profile.display_name == "Alice Åström 🎉"
    assert alice.profile.manager.username == "lena"


def test_the_import_computes_the_alignment_roll_ups(organisation):
    rollups_rebuild()  # the fixture aligned objectives by hand, past the services
    rows = ObjectiveRollup.objects.values_list("objective_id", "key_results", "progress_sum")
    before = sorted(rows)
    assert any(n > 1 for _pk, n, _s in before)
    text = export_text()
    empty_database()
    assert not ObjectiveRollup.objects.exists()
    import_text(text)
    assert sorted(rows) == before


def test_without_hashes_imported_users_cannot_sign_in(organisation):
    text = export_text()
    assert '"password"' not in text
    empty_database()
    import_text(text)
    alice = get_user_model().objects.get(username="alice")
    assert not alice.has_usable_password()
    assert authenticate(username="alice", password="pw") is None


def test_with_hashes_imported_users_sign_in_as_before(organisation):
    text = export_text(with_password_hashes=True)
    assert '"with_password_hashes": true' in text
    empty_database()
    import_text(text)
    assert authenticate(username="alice", password="pw") is not None
    again = export_text(with_password_hashes=True)
    assert without_exported_at(again) == without_exported_at(text)


def test_new_rows_after_an_import_get_fresh_ids(organisation):
    # PostgreSQL's sequences must move past the imported ids, or the next insert collides.
    text = export_text()
    highest = CheckIn.objects.order_by("-id").values_list("id", flat=True).first()
    empty_database()
    import_text(text)
    period = period_create(
        actor=organisation.ada,
        name="2027 Q2",
        start_on=dt.date(2027, 4, 1),
        end_on=dt.date(2027, 6, 30),
    )
    assert period.pk > 2
    kr = KeyResult.objects.filter(objective__period__closed_at__isnull=True).first()
    sitting = checkin_sitting_create(
        actor=organisation.ada,
        key_result_id=kr.pk,
        entries=[Entry(kind="context", text="Why: because"), Entry(kind="no_next_up")],
    )
    assert sitting.check_ins[0].pk > highest


def test_an_empty_installation_round_trips(db):
    text = export_text()
    assert json.loads(text)["check_ins"] == []
    assert import_text(text) == {name: 0 for name in fmt.SECTIONS}


def test_a_reindented_document_imports_the_same(organisation):
    first = export_text()
    reindented = json.dumps(json.loads(first), indent=2, ensure_ascii=True)
    empty_database()
    import_text(reindented)
    assert without_exported_at(export_text()) == without_exported_at(first)


def test_the_field_lists_cover_every_column_of_every_model():
    # A new column must be a visible change to the format (and perhaps a new version).
    for name, model in fmt.section_models().items():
        columns = {field.name for field in model._meta.concrete_fields}
        derived = set(fmt.DERIVED_FIELDS.get(name, ()))
        assert set(fmt.SECTION_FIELDS[name]) | derived == columns, name
    from incheck.accounts.models import Profile

    assert set(fmt.PROFILE_FIELDS) == {f.name for f in Profile._meta.concrete_fields} - {
        "id",
        "user",
        *fmt.NOT_EXPORTED_PROFILE_FIELDS,
    }


def test_the_export_is_read_in_one_snapshot_of_bounded_queries(
    organisation, django_assert_max_num_queries
):
    # One count per section plus one streamed query per section, whatever the data size; on
    # PostgreSQL a query per page of 2,000 records (`postgres_json`, keyset on the id), and
    # per section the float setting and the check for floats it leaves to Python.
    per_section = 2 if connection.vendor == "sqlite" else 4
    with django_assert_max_num_queries(per_section * len(fmt.SECTIONS) + 2):
        export_text()
