"""A `Prepared` read returns what its queryset does (a `PreparedCount` what its `count()`
does), in one query, on both databases."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count
from django.db.transaction import TransactionManagementError

from incheck.accounts.models import Membership, Team
from incheck.domain.checkins import Entry
from incheck.okrs.models import CheckIn, KeyResult
from incheck.okrs.selectors.blockers import blockers_in
from incheck.okrs.selectors.health import with_row_relations
from incheck.okrs.selectors.scopes import COUNT_LIMIT, bounded
from incheck.okrs.services.checkins import checkin_sitting_create
from incheck.prepared import Prepared, PreparedCount, insert_rows, update_columns
from incheck.testing.factories import CheckInFactory, KeyResultFactory, ObjectiveFactory

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


def test_an_argument_may_stand_in_several_places(personas):
    twice = Prepared(lambda pk: KeyResult.objects.filter(pk=pk, objective__key_results__pk=pk))
    assert [kr.pk for kr in twice(personas.kr.pk)] == [personas.kr.pk]
    assert twice(10**9) == []


def test_an_argument_django_transforms_is_refused(personas):
    # icontains wraps the text in wildcards: the argument would not reach the SQL as given.
    contains = Prepared(lambda word: KeyResult.objects.filter(title__icontains=word))
    with pytest.raises(ValueError, match="as a parameter"):
        contains("leads")


def test_what_it_cannot_build_the_same_is_refused(personas):
    for build in (
        lambda pk: KeyResult.objects.filter(pk=pk).prefetch_related("check_ins"),
        lambda pk: KeyResult.objects.filter(pk=pk).extra(select={"one": "1"}),
        lambda pk: KeyResult.objects.filter(pk=pk).values("pk"),
        lambda pk: KeyResult.objects.filter(pk=pk).union(KeyResult.objects.filter(pk=pk)),
        lambda pk: personas.kr.objective.key_results.filter(pk=pk),
    ):
        with pytest.raises(ValueError):
            Prepared(build)(personas.kr.pk)
    read = Prepared(lambda pk: KeyResult.objects.filter(pk=pk))
    for wrong in (True, None, 1.5, dt.datetime(2026, 11, 1), [], [1, "a"]):
        with pytest.raises((TypeError, ValueError)):
            read(wrong)


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


def _with_annotations(pk):
    """The KR page's read: joined rows and the owner's rhythm as annotated subqueries."""
    return with_row_relations(KeyResult.objects.filter(pk=pk)).order_by()


def test_annotations_are_set_on_the_objects_as_django_sets_them(personas):
    personal = KeyResultFactory(
        objective=ObjectiveFactory(period=personas.period, team=None, owner=personas.bob),
        owner=personas.bob,
    )
    personas.growth.check_in_anchor_on = dt.date(2026, 10, 5)
    personas.growth.save()
    read = Prepared(_with_annotations)
    for kr in (personal, personas.kr):
        (prepared,) = read(kr.pk)
        (expected,) = _with_annotations(kr.pk)
        assert _fields(prepared) == _fields(expected)
        names = ("owner_team_every_weeks", "owner_team_weekday", "owner_team_anchor_on")
        assert [getattr(prepared, n) for n in names] == [getattr(expected, n) for n in names]
        assert _fields(prepared.owner.profile) == _fields(expected.owner.profile)
        assert _fields(prepared.objective.period) == _fields(expected.objective.period)
    (prepared,) = read(personal.pk)
    assert prepared.owner_team_anchor_on == dt.date(2026, 10, 5)  # a date, converted


def test_values_list_annotations_and_flat(personas):
    checkins = [
        CheckInFactory(key_result=personas.kr, created_at=at) for at in (_at(1), _at(2), _at(3))
    ]
    flat = Prepared(
        lambda pk: (
            CheckIn.objects.filter(key_result_id=pk).order_by("id").values_list("pk", flat=True)
        )
    )
    assert flat(personas.kr.pk) == [c.pk for c in checkins]
    annotated = Prepared(
        lambda pk: (
            KeyResult.objects.filter(pk=pk)
            .annotate(entries=Count("check_ins"))
            .values_list("pk", "entries")
        )
    )
    assert annotated(personas.kr.pk) == [(personas.kr.pk, 3)]
    with pytest.raises(ValueError, match="annotations last"):
        Prepared(
            lambda pk: (
                KeyResult.objects.filter(pk=pk)
                .annotate(entries=Count("check_ins"))
                .values_list("entries", "pk")
            )
        )(personas.kr.pk)


def _at(days: int) -> dt.datetime:
    return dt.datetime(2026, 11, 20, 8, 15, 30, 250_000, tzinfo=dt.UTC) - dt.timedelta(days=days)


def test_dates_datetimes_strings_and_lists_are_arguments(personas, django_assert_num_queries):
    for days in range(6):
        CheckInFactory(key_result=personas.kr, created_at=_at(days), kind="progress")
    CheckInFactory(key_result=personas.kr, created_at=_at(9), kind="context")

    def build(pk, kinds, since, before, day):
        return (
            CheckIn.objects.filter(
                key_result_id=pk, kind__in=kinds, created_at__gte=since, created_at__lt=before
            )
            .filter(key_result__objective__period__start_on__lte=day)
            .order_by("-created_at", "-id")
            .values_list("pk", "created_at")
        )

    read = Prepared(build)
    cases = [
        (personas.kr.pk, ["progress"], _at(4), _at(1), dt.date(2026, 11, 1)),
        (personas.kr.pk, ["progress", "context"], _at(10), _at(0), dt.date(2026, 11, 1)),
        # The bound itself, to the microsecond, on either side; a zone other than UTC.
        (personas.kr.pk, ("context",), _at(9), _at(8), dt.date(2026, 11, 1)),
        (
            personas.kr.pk,
            ["progress", "context", "confidence"],
            _at(3).astimezone(zoneinfo.ZoneInfo("Europe/Stockholm")),
            _at(2) + dt.timedelta(microseconds=1),
            dt.date(2026, 10, 1),
        ),
        (personas.kr.pk, ["progress"], _at(4), _at(1), dt.date(2026, 9, 30)),  # none
    ]
    for args in cases:
        with django_assert_num_queries(1):
            got = read(*args)
        assert got == list(build(*args)), args
    assert len(read(*cases[1])) == 6 and read(*cases[-1]) == []


def test_a_32_bit_key_and_a_small_field_are_read_as_their_querysets(personas):
    """auth's users have a 32-bit key: a marker outside its range was answered by Django as
    matching nothing, and on PostgreSQL the read came back empty for good."""
    person = Prepared(lambda pk: get_user_model().objects.select_related("profile").filter(pk=pk))
    for _ in range(2):
        (got,) = person(personas.alice.pk)
        assert got.pk == personas.alice.pk and got.profile.pk == personas.alice.profile.pk
    after = Prepared(lambda pk: get_user_model().objects.filter(pk__gt=pk).order_by("pk"))
    everyone = list(get_user_model().objects.order_by("pk"))
    assert after(everyone[0].pk) == everyone[1:]
    weekly = Prepared(lambda weeks: Team.objects.filter(check_in_every_weeks=weeks).order_by("pk"))
    weeks = int(personas.growth.check_in_every_weeks)
    assert weekly(weeks) == list(Team.objects.filter(check_in_every_weeks=weeks).order_by("pk"))
    assert weekly(weeks) != []
    assert weekly(40_000) == []  # past a small integer: nothing, as the queryset answers


def test_a_query_that_can_match_nothing_runs_nothing(personas, django_assert_num_queries):
    read = Prepared(lambda pk: KeyResult.objects.filter(pk=pk, owner_id__in=[]))
    count = PreparedCount(lambda pk: KeyResult.objects.filter(pk=pk, owner_id__in=[]))
    with django_assert_num_queries(0):
        assert read(personas.kr.pk) == []
        assert count(personas.kr.pk) == 0
        # An empty list of ids: read as the queryset, which Django answers without a query.
        assert Prepared(lambda ids: KeyResult.objects.filter(pk__in=ids))([]) == []


def test_a_count_is_the_querysets_count_in_one_query(personas, django_assert_num_queries):
    """The dashboard's capped and ordered count: Django's own SQL for it, run once built."""
    for days in (1, 10, 20, 40):
        CheckInFactory(key_result=personas.kr, signal="blocker", created_at=_at(days))
    CheckInFactory(key_result=personas.kr, signal="blocker", created_at=_at(2), resolved_at=_at(1))

    def build(period_id, since, before=None):
        bucket = blockers_in("open", period_id=period_id).filter(created_at__lte=since)
        if before is not None:
            bucket = bucket.filter(created_at__gt=before)
        return bounded(bucket, ordered=True)

    count = PreparedCount(build)
    cases = [
        (personas.period.pk, _at(0)),
        (personas.period.pk, _at(0), _at(15)),
        (personas.period.pk, _at(10), _at(20)),
        (personas.period.pk, _at(10)),
        (personas.period.pk + 1, _at(0)),
    ]
    for _ in range(2):
        for args in cases:
            with django_assert_num_queries(1):
                got = count(*args)
            assert got == build(*args).count(), args
    assert [count(*args) for args in cases] == [4, 2, 1, 3, 0]
    CheckInFactory.create_batch(
        COUNT_LIMIT + 5, key_result=personas.kr, signal="blocker", created_at=_at(3)
    )
    assert count(*cases[0]) == COUNT_LIMIT + 1  # stops past the limit, as bounded_count does


def _new_rows(kr, n, *, text):
    sitting = uuid.uuid4()
    kinds = ("progress", "confidence", "next_up", "context")
    return [
        CheckIn(
            key_result=kr,
            author_id=kr.owner_id,
            created_at=_at(i),
            sitting=sitting,
            kind=kinds[i % 4],
            text=f"{text} {i} «åäö» 'quoted'",
            value=90.5 + i if i % 4 == 0 else None,
            level=7 if i % 4 == 1 else None,
            due_on=dt.date(2026, 12, 1) if i % 4 == 2 else None,
            reached=None,
        )
        for i in range(n)
    ]


def test_insert_rows_writes_what_bulk_create_does(personas, django_assert_num_queries):
    stored = ("id", "sitting", "text")  # each row's own; every other column the same
    for n in (1, 3, 3, 5):  # a statement per number of rows, built once, reused
        rows = _new_rows(personas.kr, n, text="prepared")
        with django_assert_num_queries(1):
            insert_rows(rows)
        expected = _new_rows(personas.kr, n, text="bulk")
        CheckIn.objects.bulk_create(expected)
        for row, other in zip(rows, expected, strict=True):
            assert row.pk is not None and row._state.adding is False and row._state.db == "default"
            written = _fields(CheckIn.objects.get(pk=row.pk))
            assert written == _fields(row)
            bulk = _fields(CheckIn.objects.get(pk=other.pk))
            assert {k: v for k, v in written.items() if k not in stored} == {
                k: v for k, v in bulk.items() if k not in stored
            }
            assert written["text"].replace("prepared", "bulk") == bulk["text"]


def test_insert_rows_leaves_what_it_cannot_build_to_bulk_create(personas):
    (row,) = _new_rows(personas.kr, 1, text="with a key")
    row.pk = 10**6
    insert_rows([row])  # bulk_create keeps a key that is set
    assert CheckIn.objects.filter(pk=10**6, text=row.text).exists()
    unsaved = KeyResult(objective=personas.objective, owner=personas.alice, title="new")
    (orphan,) = _new_rows(unsaved, 1, text="orphan")
    with pytest.raises(ValueError, match="unsaved related object"):
        insert_rows([orphan])  # as bulk_create refuses it


def test_an_id_past_the_databases_integers_runs_as_django_runs_it(personas):
    read = Prepared(lambda pk: KeyResult.objects.filter(pk=pk))
    count = PreparedCount(lambda pk: KeyResult.objects.filter(pk__lte=pk))
    assert read(personas.kr.pk) and read(2**70) == [] and read(-(2**70)) == []
    assert count(2**70) == KeyResult.objects.count() == 1 and count(-(2**70)) == 0


def test_a_long_list_is_read_whatever_its_length(personas):
    read = Prepared(
        lambda ids: KeyResult.objects.filter(pk__in=ids).order_by().values_list("pk", flat=True)
    )
    for length in (1, 2, 100, 101, 1200):
        assert read([personas.kr.pk, *range(10**6, 10**6 + length - 1)]) == [personas.kr.pk]
