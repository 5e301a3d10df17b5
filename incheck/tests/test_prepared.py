"""A `Prepared` read returns what its queryset does, in one query, on both databases."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError

from incheck.accounts.models import Membership
from incheck.domain.checkins import Entry
from incheck.okrs.models import KeyResult
from incheck.okrs.services.checkins import checkin_sitting_create
from incheck.prepared import Prepared, update_columns

pytestmark = pytest.mark.django_db


def _key_result_read(pk):
    return KeyResult.objects.select_related("objective__period", "open_next_up").filter(pk=pk)


def _fields(obj):
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_objects_with_their_related_rows_are_the_querysets(personas, django_assert_num_queries):
    checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[Entry(kind="next_up", text="Call them", due_on=dt.date(2026, 12, 1))],
    )
    read = Prepared(_key_result_read)
    for _ in range(2):  # built on the first call, reused on the second
        with django_assert_num_queries(1):
            (prepared,) = read(personas.kr.pk)
        (expected,) = _key_result_read(personas.kr.pk)
        assert _fields(prepared) == _fields(expected)
        assert isinstance(prepared.last_check_in_at, dt.datetime)  # converted as Django does
        assert prepared.last_check_in_at.tzinfo is not None
        for related in ("objective", "open_next_up"):
            assert _fields(getattr(prepared, related)) == _fields(getattr(expected, related))
        assert _fields(prepared.objective.period) == _fields(expected.objective.period)
        assert prepared._state.adding is False and prepared._state.db == "default"
    with django_assert_num_queries(1):
        assert read(10**9) == []


def test_a_null_related_row_stays_none(personas):
    (prepared,) = Prepared(_key_result_read)(personas.kr.pk)
    assert prepared.open_next_up_id is None and prepared.open_next_up is None


def test_values_list_gives_tuples(personas):
    read = Prepared(
        lambda user_id: (
            Membership.objects.filter(user_id=user_id)
            .order_by("team_id")
            .values_list("team_id", "role")
        )
    )
    for user in (personas.lena, personas.charlie, personas.ada):
        expected = list(
            Membership.objects.filter(user_id=user.pk)
            .order_by("team_id")
            .values_list("team_id", "role")
        )
        assert read(user.pk) == expected


def test_each_argument_must_be_a_parameter_of_its_own(personas):
    twice = Prepared(lambda pk: KeyResult.objects.filter(pk=pk, owner_id=pk))
    with pytest.raises(ValueError, match="one parameter"):
        twice(personas.kr.pk)


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite has no FOR UPDATE")
@pytest.mark.django_db(transaction=True)
def test_a_lock_still_needs_a_transaction(personas):
    lock = Prepared(
        lambda pk: KeyResult.objects.select_for_update().filter(pk=pk).order_by().values_list("pk")
    )
    with transaction.atomic():
        assert lock(personas.kr.pk) == [(personas.kr.pk,)]
    with pytest.raises(TransactionManagementError):
        lock(personas.kr.pk)


def test_update_columns_writes_what_a_queryset_update_does(personas):
    sitting = checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[
            Entry(kind="progress", text="Up", value=90.5),
            Entry(kind="next_up", text="Call them", due_on=dt.date(2026, 12, 1)),
        ],
    )
    names = ("current_value", "last_check_in_at", "confidence", "open_next_up", "outcome")
    kr = KeyResult.objects.get(pk=personas.kr.pk)
    kr.current_value = 123.25
    kr.last_check_in_at = dt.datetime(2026, 11, 20, 8, 15, 30, 250, tzinfo=dt.UTC)
    kr.confidence = 3
    kr.open_next_up = None
    kr.outcome = sitting.check_ins[0]
    other = KeyResult.objects.get(pk=personas.kr.pk)
    for name in names:
        setattr(other, name, getattr(kr, name))
    for _ in range(2):  # built on the first call, reused on the second
        assert update_columns(kr, names) == 1
        written = _fields(KeyResult.objects.get(pk=kr.pk))
        KeyResult.objects.filter(pk=kr.pk).update(**{name: getattr(other, name) for name in names})
        assert written == _fields(KeyResult.objects.get(pk=kr.pk))
    assert written["outcome_id"] == sitting.check_ins[0].pk and written["open_next_up_id"] is None
    assert written["last_check_in_at"] == kr.last_check_in_at
    kr.pk = 10**9
    assert update_columns(kr, names) == 0
