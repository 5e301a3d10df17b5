"""Who a single sign-on is: found, linked, created or refused (on both databases)."""

from __future__ import annotations

import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from incheck.accounts.models import Membership
from incheck.audit.models import AuditEvent
from incheck.people.models import ExternalIdentity
from incheck.people.sso import SignInRefused, person_for_sign_in
from incheck.testing.factories import MembershipFactory, TeamFactory, UserFactory

ISSUER = "https://id.nordlys.example"
ROOT = Path(__file__).resolve().parents[3]


def claims(sub="s-1", email="oskar@nordlys.example", verified=True, **more):
    return {"sub": sub, "email": email, "email_verified": verified, "name": "Oskar Berg", **more}


@pytest.fixture
def sso_settings(settings):
    settings.OIDC_ISSUER = ISSUER
    settings.OIDC_CLIENT_ID = "incheck"
    settings.OIDC_CREATE_PEOPLE = True
    settings.OIDC_GROUPS_CLAIM = "groups"
    return settings


def test_a_verified_stranger_becomes_a_person_without_a_password(db, sso_settings):
    user = person_for_sign_in(issuer=ISSUER, claims=claims())
    assert (user.email, user.profile.display_name) == ("oskar@nordlys.example", "Oskar Berg")
    assert user.username == "oskar" and not user.has_usable_password()
    assert ExternalIdentity.objects.get(user=user).subject == "s-1"
    assert AuditEvent.objects.filter(action="person.signed_up", target_id=user.pk).count() == 1


def test_an_unverified_e_mail_is_refused_and_nothing_is_written(db, sso_settings):
    for unverified in (claims(verified=False), {"sub": "s-1", "email": "oskar@nordlys.example"}):
        with pytest.raises(SignInRefused) as refused:
            person_for_sign_in(issuer=ISSUER, claims=unverified)
        assert refused.value.code == "email_unverified"
    assert not get_user_model().objects.exists() and not ExternalIdentity.objects.exists()


def test_an_unverified_e_mail_never_takes_over_an_existing_account(db, sso_settings):
    UserFactory(username="oskar", email="oskar@nordlys.example")
    with pytest.raises(SignInRefused):
        person_for_sign_in(issuer=ISSUER, claims=claims(verified=False))
    assert not ExternalIdentity.objects.exists()


def test_an_invited_person_is_found_by_e_mail_whatever_its_case_and_linked(db, sso_settings):
    invited = UserFactory(username="oskar.b", email="Oskar@Nordlys.example")
    assert person_for_sign_in(issuer=ISSUER, claims=claims()) == invited
    assert ExternalIdentity.objects.get().user == invited


def test_after_the_first_sign_in_the_subject_finds_them_even_with_a_new_e_mail(db, sso_settings):
    first = person_for_sign_in(issuer=ISSUER, claims=claims())
    again = person_for_sign_in(issuer=ISSUER, claims=claims(email="o.berg@nordlys.example"))
    assert again == first
    assert get_user_model().objects.count() == 1


def test_the_same_subject_at_another_issuer_is_someone_else(db, sso_settings):
    first = person_for_sign_in(issuer=ISSUER, claims=claims())
    other = person_for_sign_in(issuer="https://other.example", claims=claims(email="x@o.example"))
    assert other != first
    assert ExternalIdentity.objects.count() == 2


def test_with_invitations_only_a_stranger_is_refused(db, sso_settings):
    sso_settings.OIDC_CREATE_PEOPLE = False
    with pytest.raises(SignInRefused) as refused:
        person_for_sign_in(issuer=ISSUER, claims=claims())
    assert refused.value.code == "not_invited"
    assert not get_user_model().objects.exists()


def test_a_deactivated_person_is_refused_by_subject_and_by_e_mail(db, sso_settings):
    user = person_for_sign_in(issuer=ISSUER, claims=claims())
    user.is_active = False
    user.save()
    with pytest.raises(SignInRefused) as refused:
        person_for_sign_in(issuer=ISSUER, claims=claims())
    assert refused.value.code == "deactivated"
    ExternalIdentity.objects.all().delete()
    with pytest.raises(SignInRefused):
        person_for_sign_in(issuer=ISSUER, claims=claims())


def test_two_people_with_the_address_are_refused_rather_than_guessed(db, sso_settings):
    UserFactory(username="a", email="oskar@nordlys.example")
    UserFactory(username="b", email="OSKAR@nordlys.example")
    with pytest.raises(SignInRefused) as refused:
        person_for_sign_in(issuer=ISSUER, claims=claims())
    assert refused.value.code == "ambiguous_email"


def test_groups_make_memberships_and_leads_and_the_next_sign_in_follows_them(db, sso_settings):
    growth, platform, sales = (TeamFactory(name=n) for n in ("Growth", "Platform", "Sales"))
    user = person_for_sign_in(
        issuer=ISSUER, claims=claims(groups=["/growth:lead", "Platform", "everyone"])
    )
    # A membership made in the app is the app's: no sign-in touches it.
    MembershipFactory(user=user, team=sales, role="lead")
    roles = {m.team.name: (m.role, m.from_sso) for m in Membership.objects.filter(user=user)}
    assert roles == {
        "Growth": ("lead", True),
        "Platform": ("member", True),
        "Sales": ("lead", False),
    }

    person_for_sign_in(issuer=ISSUER, claims=claims(groups=["Growth"]))
    roles = {m.team.name: (m.role, m.from_sso) for m in Membership.objects.filter(user=user)}
    assert roles == {"Growth": ("member", True), "Sales": ("lead", False)}
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions.count("membership.added") == 2
    assert "membership.removed" in actions and "membership.role_changed" in actions
    assert not Membership.objects.filter(team__in=[platform]).exists()
    assert Membership.objects.filter(team=growth, user=user).exists()


def test_without_the_groups_claim_memberships_are_left_alone(db, sso_settings):
    growth = TeamFactory(name="Growth")
    user = person_for_sign_in(issuer=ISSUER, claims=claims(groups=["Growth"]))
    person_for_sign_in(issuer=ISSUER, claims=claims())
    assert Membership.objects.get(user=user).team == growth
    sso_settings.OIDC_GROUPS_CLAIM = ""
    person_for_sign_in(issuer=ISSUER, claims=claims(groups=[]))
    assert Membership.objects.filter(user=user).count() == 1


def test_archived_teams_are_not_joined_through_groups(db, sso_settings):
    from incheck import clock

    old = TeamFactory(name="Old")
    old.archived_at = clock.now()
    old.save()
    user = person_for_sign_in(issuer=ISSUER, claims=claims(groups=["Old"]))
    assert not Membership.objects.filter(user=user).exists()


def test_the_sign_in_page_offers_single_sign_on_only_when_configured(client, db, settings):
    assert "Sign in with" not in client.get("/accounts/login/").content.decode()
    assert client.get("/accounts/sso/").status_code == 404
    settings.OIDC_ISSUER, settings.OIDC_NAME = ISSUER, "Nordlys ID"
    assert "Sign in with Nordlys ID" in client.get("/accounts/login/").content.decode()


def test_the_sign_out_form_may_go_on_to_the_provider_and_nowhere_else(client, db, settings):
    def form_action():
        policy = client.get("/accounts/login/")["Content-Security-Policy"]
        return next(p for p in policy.split(";") if p.strip().startswith("form-action")).split()

    assert form_action() == ["form-action", "'self'"]
    settings.OIDC_ISSUER, settings.OIDC_CLIENT_ID = "https://id.example.org/realms/x", "incheck"
    assert form_action() == ["form-action", "'self'", "https://id.example.org"]


def test_with_password_sign_in_off_a_correct_password_still_signs_nobody_in(client, db, settings):
    UserFactory(username="alice")
    settings.OIDC_ISSUER, settings.INCHECK_PASSWORD_SIGN_IN = ISSUER, False
    page = client.get("/accounts/login/").content.decode()
    assert 'name="password"' not in page
    response = client.post("/accounts/login/", {"username": "alice", "password": "pw"})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    # The Django admin's own form is refused by the same backend.
    client.post("/admin/login/", {"username": "alice", "password": "pw"})
    assert "_auth_user_id" not in client.session
    # A password that could never be used is not set either.
    assert client.get("/accounts/password/reset/").status_code == 404


def test_a_callback_that_no_sign_in_started_is_refused(client, db, settings):
    settings.OIDC_ISSUER, settings.OIDC_CLIENT_ID = "http://127.0.0.1:9", "incheck"
    response = client.get("/accounts/sso/callback/?code=x&state=forged")
    assert response.status_code == 403
    assert "was not started here" in response.content.decode()


def test_a_provider_that_does_not_answer_is_a_clear_message_not_a_500(client, db, settings):
    # Port 9 (discard) on loopback: nothing listens there.
    settings.OIDC_ISSUER, settings.OIDC_CLIENT_ID = "http://127.0.0.1:9", "incheck"
    response = client.get("/accounts/sso/")
    assert response.status_code == 403
    assert "did not answer" in response.content.decode()


def load_settings(**env):
    """Import the settings in a fresh interpreter with this environment."""
    return subprocess.run(
        [sys.executable, "-c", "import incheck.settings as s; print(s.OIDC_ISSUER)"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "SECRET_KEY": secrets.token_urlsafe(50), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_settings_take_single_sign_on_and_refuse_it_half_configured():
    good = load_settings(
        OIDC_ISSUER="https://id.example.org/realms/x/",
        OIDC_CLIENT_ID="incheck",
        INCHECK_PASSWORD_SIGN_IN="false",
    )
    assert good.returncode == 0, good.stderr
    assert good.stdout.strip() == "https://id.example.org/realms/x"
    for env, words in [
        ({"INCHECK_PASSWORD_SIGN_IN": "false"}, "needs single sign-on"),
        ({"OIDC_ISSUER": "https://id.example.org"}, "OIDC_CLIENT_ID is not"),
        ({"OIDC_ISSUER": "id.example.org", "OIDC_CLIENT_ID": "x"}, "OIDC_ISSUER"),
        (
            {
                "OIDC_ISSUER": "https://id.example.org",
                "OIDC_CLIENT_ID": "x",
                "OIDC_SCOPES": "email",
            },
            "must include openid",
        ),
    ]:
        result = load_settings(**env)
        assert result.returncode != 0 and words in result.stderr, (env, result.stderr)
