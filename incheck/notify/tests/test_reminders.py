"""Reminders go to people with something due, at most once an interval, never twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from incheck import clock
from incheck.accounts.models import Profile
from incheck.notify.reminders import _claim, reminders_send

pytestmark = pytest.mark.django_db


def test_a_person_with_a_kr_due_gets_one_reminder_with_a_link(personas):
    sent = reminders_send()
    assert [reminder.username for reminder in sent] == ["alice"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.org"]
    assert "200 new leads" in message.body
    assert f"/key-results/{personas.kr.pk}/" in message.body


def test_a_second_run_the_same_week_sends_nothing(personas, frozen_time):
    reminders_send()
    clock.freeze(frozen_time + dt.timedelta(days=3))
    assert reminders_send() == []
    clock.freeze(frozen_time + dt.timedelta(days=7))
    assert [reminder.username for reminder in reminders_send()] == ["alice"]
    assert len(mail.outbox) == 2


def test_two_machines_claiming_the_same_person_send_once(personas):
    profile = Profile.objects.get(user=personas.alice)
    today = dt.date(2026, 11, 24)
    assert _claim(profile, today) is True
    assert _claim(profile, today) is False


def test_people_who_turned_reminders_off_or_have_no_address_get_none(personas):
    Profile.objects.filter(user=personas.alice).update(wants_reminders=False)
    assert reminders_send() == []
    Profile.objects.filter(user=personas.alice).update(wants_reminders=True)
    personas.alice.email = ""
    personas.alice.save()
    assert reminders_send() == []
    assert mail.outbox == []


def test_nothing_due_means_no_mail(personas):
    personas.kr.delete()
    assert reminders_send() == []


def test_a_dry_run_claims_and_sends_nothing(personas):
    out = __import__("io").StringIO()
    call_command("remind", "--dry-run", stdout=out)
    assert "would remind alice" in out.getvalue()
    assert mail.outbox == []
    assert Profile.objects.get(user=personas.alice).reminded_on is None


def test_the_reminder_escapes_user_text_in_html(personas):
    personas.kr.title = "<script>alert(1)</script>"
    personas.kr.save()
    reminders_send()
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
