"""The weekly digest: a lead's team week (and anyone's own), its content, its language, and
one query budget whatever the team's size."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from incheck import clock
from incheck.accounts.models import Profile
from incheck.domain.checkins import Entry
from incheck.notify.jobs import run_jobs
from incheck.notify.models import Digest, Nudge, NudgeItem
from incheck.notify.selectors.digest import digest_data
from incheck.notify.services.channels import channel_save
from incheck.okrs.services.checkins import checkin_sitting_create
from incheck.testing.factories import KeyResultFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 11, 30)
STOCKHOLM = clock.zone("Europe/Stockholm")


def utc(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


@pytest.fixture
def week(personas):
    """A week of Growth: Alice moved and raised a blocker, Bob's KR is silent and ignored."""
    # Alice's plan, weeks before: her sittings below leave the KR with a Next Up (the rule).
    clock.freeze(utc(dt.date(2026, 11, 9), 9))
    checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[
            Entry(
                kind="next_up", text="By Friday I will book 2 webinars", due_on=dt.date(2026, 12, 4)
            )
        ],
    )
    clock.freeze(utc(dt.date(2026, 11, 16), 9))
    checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[
            Entry(kind="progress", value=100, text="Webinar one: 40 leads."),
            Entry(kind="confidence", level=5, text="Budget unclear; asking Lena."),
        ],
    )
    clock.freeze(utc(dt.date(2026, 11, 26), 9))
    checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[
            Entry(kind="progress", value=130, text="Webinar two: 30 leads."),
            Entry(kind="confidence", level=7, text="Budget came; two more webinars booked."),
            Entry(kind="blocker", text="No speaker for December.", way_around="Ask the partners."),
            Entry(kind="insight", text="Clinics come for the case study, not the product demo."),
        ],
    )
    bobs = KeyResultFactory(
        objective=personas.objective, owner=personas.bob, title="Partner referrals"
    )
    for day in (dt.date(2026, 11, 16), dt.date(2026, 11, 23)):
        nudge = Nudge.objects.create(
            user=personas.bob,
            local_date=day,
            send_at=utc(day, 8),
            planned_at=utc(day, 0),
            state="sent",
            sent_at=utc(day, 8),
        )
        NudgeItem.objects.create(nudge=nudge, key_result=bobs, reason="check_in_day", sent=True)
    clock.freeze(utc(MONDAY, 9))
    return personas


def test_the_lead_s_digest_has_moves_stuck_blockers_insights_and_rhythm(week):
    run_jobs(now=utc(MONDAY, 9))
    [message] = [m for m in mail.outbox if m.to == ["lena@example.org"]]
    assert message.subject == "Incheck: the week of Growth"
    text = message.body
    assert "What moved" in text and "200 new leads" in text
    assert "progress +21 points, now 130 leads" in text  # 100 → 130 of 60 → 200
    assert "confidence 5 → 7" in text
    assert "What is stuck" in text and "Partner referrals" in text
    assert "2 nudges went unanswered" in text
    assert "No speaker for December." in text and "open 4 days" in text
    assert "Clinics come for the case study" in text
    assert "Checked in within the rhythm: 1 of 2 key results" in text
    html = message.alternatives[0][0]
    assert f'href="http://127.0.0.1:8000/key-results/{week.kr.pk}/#check-in"' in html
    assert Digest.objects.get(user=week.lena).state == "sent"


def test_the_digest_is_in_the_reader_s_language_by_e_mail_and_chat(week, receiver):
    Profile.objects.filter(user=week.lena).update(language="sv")
    channel_save(user=week.lena, kind="mattermost", url=receiver.url + "/lena/mm")
    run_jobs(now=utc(MONDAY, 9))
    [message] = [m for m in mail.outbox if m.to == ["lena@example.org"]]
    assert message.subject == "Incheck: veckan för Growth"
    assert "Vad som rört sig" in message.body
    [post] = receiver.to("/lena/mm")
    text = post.json()["text"]
    assert "Vad som rört sig" in text and "Partner referrals" in text
    assert f"(http://127.0.0.1:8000/key-results/{week.kr.pk}/#check-in)" in text


def test_anyone_may_opt_in_to_their_own_week_on_mondays(week):
    Profile.objects.filter(user=week.alice).update(wants_digest=True)
    run_jobs(now=utc(MONDAY, 9))
    [own] = [m for m in mail.outbox if m.to == ["alice@example.org"] and "week" in m.subject]
    assert own.subject == "Incheck: your week"
    assert "Partner referrals" not in own.body  # Bob's, not hers


def test_a_lead_who_turned_it_off_gets_none(week):
    Profile.objects.filter(user=week.lena).update(wants_team_digest=False)
    run_jobs(now=utc(MONDAY, 9))
    assert not Digest.objects.filter(user=week.lena).exists()


@pytest.mark.parametrize("size", [2, 25])
def test_one_query_budget_per_digest_whatever_the_team_s_size(
    week, size, django_assert_num_queries
):
    for n in range(size):
        user = UserFactory(username=f"m{n}")
        MembershipFactory(user=user, team=week.growth)
        KeyResultFactory(objective=week.objective, owner=user)
    # The period, the team's members, the KRs, the unanswered nudges, blockers, insights.
    with django_assert_num_queries(6):
        data = digest_data(user=week.lena, team=week.growth, day=MONDAY, tz=STOCKHOLM)
    assert data.key_results == size + 2


@pytest.mark.parametrize("leads", [1, 12])
def test_many_digests_are_read_together_in_the_same_queries(
    week, leads, django_assert_max_num_queries
):
    from incheck.notify.selectors.digest import DigestRequest, digests_data
    from incheck.testing.factories import TeamFactory

    requests = []
    for n in range(leads):
        team = TeamFactory(name=f"Team {n}")
        lead = UserFactory(username=f"lead{n}")
        MembershipFactory(user=lead, team=team, role="lead")
        requests.append(DigestRequest(n, lead.pk, team.pk, MONDAY, STOCKHOLM))
    requests.append(DigestRequest(99, week.lena.pk, week.growth.pk, MONDAY, STOCKHOLM))
    with django_assert_max_num_queries(6):
        read = digests_data(requests)
    assert read[99].key_results == 2 and read[0].key_results == 0
