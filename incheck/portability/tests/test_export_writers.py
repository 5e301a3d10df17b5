"""The writers of export records give the same bytes: the database's own (the fast path:
SQLite's `json_object`, `portability.sqlite_json`; PostgreSQL's `to_json` and `to_char`,
`portability.postgres_json`) and Python's JSON encoder (the users, a JSON column, a float JSON
cannot hold)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import struct

import pytest
from django.db import connection

from incheck.okrs.models import CheckIn, Feedback, KeyResult
from incheck.portability import export, postgres_json, sqlite_json
from incheck.portability import format as fmt
from incheck.portability.tests.conftest import export_text

pytestmark = pytest.mark.django_db

# Everything JSON escapes, and what it leaves as it is: control characters, quotes, a
# backslash, a slash, DEL, line and paragraph separators, accents, an emoji, and % signs (the
# template is filled with %). A NUL only on SQLite: PostgreSQL's text cannot hold one.
AWKWARD = (
    "".join(map(chr, range(0 if connection.vendor == "sqlite" else 1, 32)))
    + '"\\/\x7f\u2028\u2029 Åström 🚀 100% %s %(x)s'
)
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
    1e-4,
    1.5e-5,
    1e15 + 0.125,  # PostgreSQL writes 1e15 to 1e16 with an exponent, Python without
    3.0e15,
    2.0**53 - 1,
    -(2.0**52),
    12.5,
]


def database_lines(section):
    """The database writer's records, or None where it leaves the section to Python."""
    if connection.vendor == "sqlite":
        lines = sqlite_json.records(section)
        return None if lines is None else list(lines)
    blocks = postgres_json.records(section)
    if blocks is None:
        return None
    blocks = list(blocks)
    text = ",\n".join(text for text, _count in blocks)
    lines = text.split(",\n") if text else []  # a record holds no newline: JSON escapes it
    assert sum(count for _text, count in blocks) == len(lines)
    return lines


def python_lines(section):
    return [export._encode_record(r) for r in export._records(section, with_password_hashes=False)]


def test_the_database_writes_every_section_as_the_python_writer_does(organisation):
    check_ins = list(CheckIn.objects.order_by("id").values_list("id", flat=True))
    # Past 2**53 PostgreSQL leaves the section to Python (the next tests).
    floats = [v for v in FLOATS if connection.vendor == "sqlite" or abs(v) < 2**53]
    pairs = list(itertools.zip_longest(floats[::2], floats[1::2]))
    assert len(check_ins) >= len(pairs)
    for at, (value, actual) in enumerate(pairs):
        CheckIn.objects.filter(pk=check_ins[at]).update(
            text=AWKWARD[at:],
            value=value,
            expected_value=-value,
            actual_value=actual,
            score=None,
            reached=at % 2 == 0,
        )
    # Moments with and without microseconds (isoformat leaves out ".000000"), one before 1970.
    moments = [
        dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.UTC),
        dt.datetime(2026, 11, 24, 9, 30, 0, 123, tzinfo=dt.UTC),
        dt.datetime(2026, 11, 24, 23, 59, 59, 999999, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
        dt.datetime(1969, 12, 31, 23, 59, 59, 500000, tzinfo=dt.UTC),
    ]
    for at, moment in enumerate(moments):
        CheckIn.objects.filter(pk=check_ins[at]).update(
            created_at=moment, resolved_at=moment, due_on=moment.date()
        )
    Feedback.objects.update(text=AWKWARD)
    KeyResult.objects.filter(pk=organisation.kr.pk).update(title=AWKWARD, start_value=1e-300)

    written = 0
    for section in fmt.SECTIONS:
        lines = database_lines(section)
        if section in ("users", "audit_events"):  # a nested profile, a JSON column
            assert lines is None
            continue
        assert lines is not None, section
        assert lines == python_lines(section), section
        written += len(lines)
    assert written > 20
    document = json.loads(export_text())
    texts = {c["text"] for c in document["check_ins"]}
    assert AWKWARD in texts
    written_floats = {c[key] for c in document["check_ins"] for key in ("value", "actual_value")}
    assert written_floats >= set(floats)
    assert {c["created_at"] for c in document["check_ins"]} >= {
        "2026-11-24T09:30:00Z",
        "2026-11-24T09:30:00.000123Z",
        "2026-11-25T04:59:59.999999Z",
        "1969-12-31T23:59:59.500000Z",
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's float text")
def test_postgresql_writes_floats_as_python_does():
    """Random doubles of every magnitude below 2**53, as bits and as typed numbers."""
    rnd = random.Random(11)
    values = []
    while len(values) < 20_000:
        bits = struct.unpack("d", struct.pack("Q", rnd.getrandbits(64)))[0]
        typed = rnd.uniform(-1, 1) * 10 ** rnd.randint(-9, 16)
        counted = rnd.randint(-(10**16), 10**16) / rnd.choice([1, 2, 8, 10, 100, 1000])
        values += [v for v in (bits, typed, counted) if abs(v) < 2**53]
    expression = postgres_json.TEMPLATES["float"] % {"c": "c"}
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL extra_float_digits = 1")
        cursor.execute(
            f"SELECT {expression} FROM UNNEST(%s::float8[]) WITH ORDINALITY AS u(c, i) ORDER BY i",
            [values],
        )
        written = [text for (text,) in cursor.fetchall()]
    assert written == [repr(v) for v in values]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's pages")
@pytest.mark.parametrize("page", [1, 4, 5])  # 12 check-ins: pages that end with it, or do not
def test_postgresql_pages_make_the_same_records(organisation, monkeypatch, page):
    assert CheckIn.objects.count() == 12
    expected = {section: python_lines(section) for section in ("check_ins", "key_results")}
    monkeypatch.setattr(postgres_json, "PAGE", page)
    for section, lines in expected.items():
        assert database_lines(section) == lines, section


def test_a_float_past_2_53_is_written_by_python(organisation):
    check_in = CheckIn.objects.order_by("id").first()
    CheckIn.objects.filter(pk=check_in.pk).update(value=2.0**60 + 2**8)
    if connection.vendor == "postgresql":
        assert database_lines("check_ins") is None
    document = json.loads(export_text())
    assert {c["value"] for c in document["check_ins"]} >= {2.0**60 + 2**8}


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_a_float_json_cannot_hold_is_refused_with_its_record(organisation, value):
    if connection.vendor == "sqlite" and value != value:
        pytest.skip("SQLite stores a NaN as NULL")
    check_in = CheckIn.objects.order_by("id").first()
    CheckIn.objects.filter(pk=check_in.pk).update(value=value)
    assert database_lines("check_ins") is None  # the Python writer names the record
    with pytest.raises(export.ExportProblem, match=f"check_ins id {check_in.pk} holds a value"):
        export_text()


def test_each_database_has_its_own_writer(organisation):
    other = postgres_json if connection.vendor == "sqlite" else sqlite_json
    assert other.records("check_ins") is None
