"""The two writers of export records give the same bytes: SQLite's `json_object` (the fast
path, `portability.sqlite_json`) and Python's JSON encoder (every other database and section)."""

from __future__ import annotations

import json

import pytest
from django.db import connection

from incheck.okrs.models import CheckIn, Feedback, KeyResult
from incheck.portability import export, sqlite_json
from incheck.portability import format as fmt
from incheck.portability.tests.conftest import export_text

pytestmark = pytest.mark.django_db

# Everything JSON escapes, and what it leaves as it is: control characters, quotes, a
# backslash, a slash, DEL, line and paragraph separators, accents, an emoji, and % signs (the
# template is filled with %).
AWKWARD = "".join(map(chr, range(32))) + '"\\/\x7f\u2028\u2029 Åström 🚀 100% %s %(x)s'
FLOATS = [
    0.1 + 0.2,
    1e-7,
    1e16,
    1e15,
    -0.0,
    7.0,
    123456789.123456789,
    5e-324,
    1.7976931348623157e308,
]


def python_lines(section):
    return [export._encode_record(r) for r in export._records(section, with_password_hashes=False)]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own JSON writer")
def test_sqlite_writes_every_section_as_the_python_writer_does(organisation):
    check_ins = list(CheckIn.objects.order_by("id").values_list("id", flat=True))
    for at, value in enumerate(FLOATS):
        CheckIn.objects.filter(pk=check_ins[at % len(check_ins)]).update(
            text=AWKWARD[at:], value=value, expected_value=-value, score=None, reached=at % 2 == 0
        )
    Feedback.objects.update(text=AWKWARD)
    KeyResult.objects.filter(pk=organisation.kr.pk).update(title=AWKWARD, start_value=1e-300)

    written = 0
    for section in fmt.SECTIONS:
        lines = sqlite_json.records(section)
        if section in ("users", "audit_events"):  # a nested profile, a JSON column
            assert lines is None
            continue
        assert lines is not None
        fast = list(lines)
        assert fast == python_lines(section), section
        written += len(fast)
    assert written > 20
    document = json.loads(export_text())
    texts = {c["text"] for c in document["check_ins"]}
    assert AWKWARD in texts
    assert {c["value"] for c in document["check_ins"]} >= set(FLOATS)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL has no infinite float")
def test_an_infinite_float_is_refused_with_its_record(organisation):
    check_in = CheckIn.objects.order_by("id").first()
    CheckIn.objects.filter(pk=check_in.pk).update(value=float("inf"))
    assert sqlite_json.records("check_ins") is None  # the Python writer names the record
    with pytest.raises(export.ExportProblem, match=f"check_ins id {check_in.pk} holds a value"):
        export_text()


@pytest.mark.skipif(connection.vendor == "sqlite", reason="the other databases")
def test_other_databases_use_the_python_writer(organisation):
    assert sqlite_json.records("check_ins") is None
