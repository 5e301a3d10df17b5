"""Inviting, deactivating, admin rights and handing over KRs: the rules, with the personas."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from incheck import clock
from incheck.accounts.models import ApiToken, Membership
from incheck.accounts.services import token_authenticate, token_create
from incheck.audit.models import AuditEvent
from incheck.errors import Conflict, Forbidden, Invalid, NotFound
from incheck.okrs.models import KeyResult
from incheck.people.models import Invitation
from incheck.people.services import people as people_services
from incheck.people.services.invitations import (
    invitation_accept_with_password,
    invitation_find,
)
from incheck.testing.factories import KeyResultFactory, ObjectiveFactory, PeriodFactory


@pytest.fixture
def mailbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.INCHECK_BASE_URL = "https://okr.nordlys.example"
    return mail.outbox


def invite(personas, **kwargs):
    values = {"email": "nina@nordlys.example", "name": "Nina Holm", **kwargs}
    return people_services.person_invite(actor=personas.ada, **values)


def test_an_admin_invites_someone_who_is_e_mailed_a_link_valid_seven_days(
    personas, mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        nina, raw = invite(personas, team_id=personas.growth.pk, role="lead")
    assert nina.profile.display_name == "Nina Holm" and not nina.has_usable_password()
    assert Membership.objects.get(user=nina).role == "lead"
    invitation = Invitation.objects.get(user=nina)
    assert invitation.expires_at - invitation.created_at == dt.timedelta(days=7)
    assert raw not in invitation.digest
    assert len(mailbox) == 1 and mailbox[0].to == ["nina@nordlys.example"]
    assert f"https://okr.nordlys.example/invitations/{raw}/" in mailbox[0].body
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"person.created", "person.invited", "membership.added"} <= actions


@pytest.mark.parametrize("who", ["alice", "lena", "charlie"])
def test_only_admins_invite(personas, who):
    with pytest.raises(Forbidden):
        people_services.person_invite(actor=getattr(personas, who), email="x@nordlys.example")
    assert not get_user_model().objects.filter(email="x@nordlys.example").exists()


def test_a_bad_address_an_unknown_role_and_a_taken_address_are_refused(personas):
    with pytest.raises(Invalid) as refused:
        invite(personas, email="not an address", role="boss")
    assert set(refused.value.fields) == {"email", "role"}
    with pytest.raises(Invalid) as taken:
        invite(personas, email="ALICE@example.org")
    assert "email" in taken.value.fields


def test_inviting_again_before_the_first_sign_in_replaces_the_old_link(personas):
    nina, first = invite(personas)
    again, second = invite(personas)
    assert again == nina and first != second
    with pytest.raises(NotFound):
        invitation_find(first)
    assert invitation_find(second).user == nina


def test_the_link_sets_a_password_once(personas):
    nina, raw = invite(personas)
    user = invitation_accept_with_password(raw=raw, password="a long pass phrase 42")
    assert user == nina and user.check_password("a long pass phrase 42")
    with pytest.raises(Conflict) as used:
        invitation_accept_with_password(raw=raw, password="another long phrase 43")
    assert used.value.code == "invitation_used"


def test_a_weak_password_is_refused_and_the_link_still_works(personas):
    _nina, raw = invite(personas)
    with pytest.raises(Invalid) as weak:
        invitation_accept_with_password(raw=raw, password="123")
    assert "password" in weak.value.fields
    assert invitation_find(raw)


def test_a_link_older_than_seven_days_has_expired(personas):
    _nina, raw = invite(personas)
    clock.freeze(clock.now() + dt.timedelta(days=7, seconds=1))
    with pytest.raises(Conflict) as expired:
        invitation_find(raw)
    assert expired.value.code == "invitation_expired"


def test_a_deactivated_person_cannot_sign_in_or_use_tokens_and_keeps_their_krs(personas):
    _token, raw = token_create(user=personas.alice)
    people_services.person_deactivate(actor=personas.ada, person_id=personas.alice.pk)
    alice = get_user_model().objects.get(pk=personas.alice.pk)
    assert not alice.is_active
    assert token_authenticate(raw) is None
    assert ApiToken.objects.get(user=alice).revoked_at is not None
    assert KeyResult.objects.get(pk=personas.kr.pk).owner == alice
    from django.contrib.auth import authenticate

    assert authenticate(username="alice", password="pw") is None


def test_an_admin_cannot_deactivate_themselves_and_someone_must_stay_admin(personas):
    with pytest.raises(Conflict) as themselves:
        people_services.person_deactivate(actor=personas.ada, person_id=personas.ada.pk)
    assert themselves.value.code == "self_deactivation"
    with pytest.raises(Conflict) as last:
        people_services.person_set_admin(
            actor=personas.ada, person_id=personas.ada.pk, is_admin=False
        )
    assert last.value.code == "last_admin"


def test_an_admin_makes_someone_an_admin_who_then_may_manage_people(personas):
    people_services.person_set_admin(actor=personas.ada, person_id=personas.lena.pk, is_admin=True)
    lena = get_user_model().objects.get(pk=personas.lena.pk)
    assert lena.is_superuser and lena.is_staff
    people_services.person_deactivate(actor=lena, person_id=personas.bob.pk)
    assert AuditEvent.objects.filter(action="person.admin_granted").count() == 1


def test_reactivation_lets_them_back_in(personas):
    people_services.person_deactivate(actor=personas.ada, person_id=personas.bob.pk)
    with pytest.raises(Conflict):
        people_services.person_deactivate(actor=personas.ada, person_id=personas.bob.pk)
    people_services.person_reactivate(actor=personas.ada, person_id=personas.bob.pk)
    assert get_user_model().objects.get(pk=personas.bob.pk).is_active


def test_hand_over_moves_the_krs_of_open_periods_in_one_step_and_leaves_history(personas):
    closed = PeriodFactory(
        name="2026 Q3",
        start_on=dt.date(2026, 7, 1),
        end_on=dt.date(2026, 9, 30),
        closed_at=clock.now(),
    )
    old = KeyResultFactory(
        objective=ObjectiveFactory(period=closed, team=personas.growth), owner=personas.alice
    )
    second = KeyResultFactory(objective=personas.objective, owner=personas.alice)
    moved = people_services.key_results_hand_over(
        actor=personas.ada, from_person_id=personas.alice.pk, to_person_id=personas.bob.pk
    )
    assert moved == 2
    owners = dict(KeyResult.objects.values_list("pk", "owner_id"))
    assert owners[personas.kr.pk] == owners[second.pk] == personas.bob.pk
    assert owners[old.pk] == personas.alice.pk
    event = AuditEvent.objects.get(action="person.key_results_handed_over")
    assert event.details["key_results"] == 2


def test_hand_over_to_oneself_or_to_a_deactivated_person_is_refused(personas):
    with pytest.raises(Invalid):
        people_services.key_results_hand_over(
            actor=personas.ada, from_person_id=personas.alice.pk, to_person_id=personas.alice.pk
        )
    people_services.person_deactivate(actor=personas.ada, person_id=personas.bob.pk)
    with pytest.raises(Invalid):
        people_services.key_results_hand_over(
            actor=personas.ada, from_person_id=personas.alice.pk, to_person_id=personas.bob.pk
        )
    with pytest.raises(Forbidden):
        people_services.key_results_hand_over(
            actor=personas.lena, from_person_id=personas.alice.pk, to_person_id=personas.lena.pk
        )
