"""Factories for tests and benchmarks: a believable default for every field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.contrib.auth import get_user_model

from incheck import clock
from incheck.accounts.models import Membership, Profile, Team
from incheck.domain.progress import progress_fraction
from incheck.okrs.models import CheckIn, KeyResult, Objective, Period


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("pw")

    @factory.post_generation
    def profile(obj: Any, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            Profile.objects.get_or_create(
                user=obj, defaults={"display_name": obj.username.title(), **kwargs}
            )


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    role = Membership.Role.MEMBER


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Period
        django_get_or_create = ("name",)

    name = "2026 Q4"
    start_on = dt.date(2026, 10, 1)
    end_on = dt.date(2026, 12, 31)


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    period = factory.SubFactory(PeriodFactory)
    title = factory.Sequence(lambda n: f"Objective {n}")
    team = factory.SubFactory(TeamFactory)
    owner = None
    created_at = factory.LazyFunction(clock.now)
    updated_at = factory.LazyFunction(clock.now)


def _period_opening(period: Period) -> dt.datetime:
    start = period.start_on
    start = dt.date.fromisoformat(start) if isinstance(start, str) else start
    opening = dt.datetime.combine(start, dt.time(8), tzinfo=dt.UTC)
    return min(opening, clock.now())


class KeyResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyResult

    objective = factory.SubFactory(ObjectiveFactory)
    title = factory.Sequence(lambda n: f"Key result {n}")
    owner = factory.SubFactory(UserFactory)
    kr_type = KeyResult.Type.INCREASE
    start_value = 0.0
    target_value = 100.0
    unit = "leads"
    current_value = factory.LazyAttribute(lambda kr: kr.start_value)
    # As the services keep it (domain.progress), whatever values a test gives.
    progress = factory.LazyAttribute(
        lambda kr: progress_fraction(
            kr_type=kr.kr_type,
            start=kr.start_value,
            target=kr.target_value,
            current=kr.current_value,
        )
    )
    # A KR set up with its period (its pace runs from the period's first day), unless the
    # period starts after now.
    created_at = factory.LazyAttribute(lambda kr: _period_opening(kr.objective.period))
    updated_at = factory.LazyAttribute(lambda kr: kr.created_at)
    changed_at = factory.LazyAttribute(lambda kr: kr.created_at)


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    key_result = factory.SubFactory(KeyResultFactory)
    author = factory.LazyAttribute(lambda c: c.key_result.owner)
    created_at = factory.LazyFunction(clock.now)
    kind = CheckIn.Kind.PROGRESS
    text = "Two webinars brought 14 new leads; the LinkedIn post did nothing."
    value = 34.0
