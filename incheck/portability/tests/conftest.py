"""A rich organisation made through the real services, and helpers to export and empty it."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from incheck import clock
from incheck.accounts.models import ApiToken, Membership, Profile, Team
from incheck.audit.models import AuditEvent
from incheck.audit.services import audit_record
from incheck.domain.checkins import Closure, Entry
from incheck.okrs.models import CheckIn, Feedback, KeyResult, Objective, Period
from incheck.okrs.services.checkins import checkin_sitting_create
from incheck.okrs.services.checkout import objectives_carry_over, period_close
from incheck.okrs.services.key_results import key_result_create
from incheck.okrs.services.objectives import objective_create
from incheck.okrs.services.periods import period_create
from incheck.okrs.services.signals import blocker_resolve, feedback_create
from incheck.portability.export import export_document
from incheck.portability.importer import import_document

TRICKY = 'He said "yes, maybe",\nthen: 100% sure; å ä ö, Ærø 🎉'


def export_text(**options: Any) -> str:
    out = io.StringIO()
    export_document(out, **options)
    return out.getvalue()


def import_text(text: str) -> dict[str, int]:
    return import_document(io.BytesIO(text.encode("utf-8")))


def empty_database() -> None:
    """Delete everything an export holds, in an order the protecting foreign keys allow."""
    AuditEvent.objects.all().delete()
    Feedback.objects.all().delete()
    KeyResult.objects.update(open_next_up=None, outcome=None)
    CheckIn.objects.all().delete()
    KeyResult.objects.update(origin=None)
    KeyResult.objects.all().delete()
    Objective.objects.update(parent=None, origin=None)
    Objective.objects.all().delete()
    Period.objects.all().delete()
    Membership.objects.all().delete()
    Team.objects.update(parent=None)
    Team.objects.all().delete()
    ApiToken.objects.all().delete()
    Profile.objects.all().delete()
    get_user_model().objects.all().delete()


def _at(days: int, hours: int = 0) -> None:
    clock.freeze(
        dt.datetime(2026, 10, 5, 8, 15, 30, 123456, tzinfo=dt.UTC) + dt.timedelta(days, hours=hours)
    )


@pytest.fixture
def organisation(personas: Any) -> Any:
    """Every kind of check-in, a closed Next Up, a blocker resolved into an insight, feedback,
    a closed period carried over into the next, nested teams and objectives, unicode and
    quotes and line breaks in text, a manager, a user without a profile, an archived team, a
    membership from single sign-on, and the audit log of it all."""
    p = personas
    p.platform.parent = p.growth
    p.platform.archived_at = dt.datetime(2026, 10, 1, 7, 0, tzinfo=dt.UTC)
    p.platform.save()
    Membership.objects.filter(user=p.charlie).update(from_sso=True)
    audit_record(
        actor=p.ada,
        action="team.renamed",
        target=p.growth,
        details={"from": "Tillväxt", "to": "Growth"},
    )
    Profile.objects.filter(user=p.alice).update(
        display_name="Alice Åström 🎉", language="sv", manager=p.lena, time_zone="Europe/Oslo"
    )
    get_user_model().objects.create_user("no_profile", email="np@example.org", password="pw")

    _at(0)
    parent = objective_create(
        actor=p.lena, period_id=p.period.pk, title="Grow revenue", team_id=p.growth.pk
    )
    p.objective.parent = parent
    p.objective.description = TRICKY
    p.objective.save()
    personal = objective_create(
        actor=p.alice, period_id=p.period.pk, title="Learn SQL", owner_id=p.alice.pk
    )
    milestone = key_result_create(
        actor=p.alice,
        objective_id=personal.pk,
        title="Ship the report",
        owner_id=p.alice.pk,
        kr_type="milestone",
    )
    churn = key_result_create(
        actor=p.lena,
        objective_id=p.objective.pk,
        title="Churn “down”",
        owner_id=p.alice.pk,
        kr_type="decrease",
        start_value=8.5,
        target_value=4.25,
        unit="%",
    )

    _at(1)
    checkin_sitting_create(
        actor=p.alice,
        key_result_id=p.kr.pk,
        entries=[
            Entry(kind="context", text="60 leads a quarter now; 200 lets us hire a rep. " + TRICKY),
            Entry(kind="no_next_up", text="The plan comes with the first numbers"),
        ],
    )
    _at(3, 2)
    checkin_sitting_create(
        actor=p.alice,
        key_result_id=p.kr.pk,
        entries=[
            Entry(kind="progress", value=94.5, text="Webinar brought 34 leads", signal="insight"),
            Entry(kind="confidence", level=7, text="Need the webinar to repeat"),
            Entry(
                kind="next_up",
                text="By Friday I will book 2 webinars",
                due_on=dt.date(2026, 10, 16),
                expected_value=120,
            ),
            Entry(
                kind="blocker",
                text="Legal has not approved the list",
                way_around="Ask legal directly",
            ),
        ],
    )
    _at(10)
    checkin_sitting_create(
        actor=p.alice,
        key_result_id=p.kr.pk,
        entries=[
            Entry(kind="next_up", text="Call 10 leads by the 30th", due_on=dt.date(2026, 10, 30))
        ],
        closure=Closure(status="partly", happened="Booked one", learned='Book earlier, "really"'),
    )
    blocker = CheckIn.objects.get(kind="blocker")
    _at(11)
    blocker_resolve(actor=p.alice, blocker_id=blocker.pk, resolution="Legal said yes by phone")
    checkin_sitting_create(
        actor=p.alice,
        key_result_id=milestone.pk,
        entries=[
            Entry(kind="progress", reached=False, text="Half the queries written"),
            Entry(kind="insight", text="Window functions beat subqueries"),
            Entry(kind="no_next_up"),
        ],
    )
    checkin_sitting_create(
        actor=p.alice,
        key_result_id=churn.pk,
        entries=[
            Entry(
                kind="outcome",
                value=5.0,
                text="Close, not there",
                score=0.5,
                score_reason="Held back by Q3",
            ),
        ],
    )
    progress = CheckIn.objects.filter(kind="progress", key_result=p.kr).first()
    feedback_create(
        actor=p.lena,
        key_result_id=p.kr.pk,
        signal="continue",
        text="Keep the webinars 👍",
        check_in_id=progress.pk,
    )
    feedback_create(actor=p.bob, key_result_id=churn.pk, signal="consider", text=TRICKY)

    _at(12)
    next_period = period_create(
        actor=p.lena,
        name="2027 Q1 – vår",
        start_on=dt.date(2027, 1, 1),
        end_on=dt.date(2027, 3, 31),
    )
    period_close(actor=p.lena, period_id=p.period.pk)
    objectives_carry_over(
        actor=p.lena, objective_ids=[parent.pk, p.objective.pk], to_period_id=next_period.pk
    )
    clock.freeze(dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.UTC))
    return p
