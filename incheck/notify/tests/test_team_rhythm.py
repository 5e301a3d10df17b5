"""A team's check-in rhythm: leads and admins set it (page and API), everyone reads it."""

from __future__ import annotations

import datetime as dt

import pytest

from incheck.accounts.models import Team
from incheck.accounts.rhythm import cadence_of, team_cadence_update
from incheck.domain.cadence import Cadence
from incheck.errors import Forbidden, Invalid, NotFound
from incheck.okrs.tests.api.helpers import api, assert_error
from incheck.testing.factories import CheckInFactory, KeyResultFactory, ObjectiveFactory

__all__ = ["api"]

pytestmark = pytest.mark.django_db

THURSDAY = 3


def test_a_new_team_checks_in_every_week_on_monday(personas):
    assert cadence_of(personas.growth) == Cadence(weekday=0, every_weeks=1)


def test_the_lead_sets_the_rhythm(personas):
    team_cadence_update(user=personas.lena, team_id=personas.growth.pk, every_weeks=1, weekday=4)
    assert cadence_of(Team.objects.get(pk=personas.growth.pk)) == Cadence(weekday=4)


def test_every_two_weeks_without_a_date_starts_on_the_next_such_day(personas):
    # Today is Tuesday 24 November 2026: the next Thursday is the 26th.
    team = team_cadence_update(
        user=personas.ada, team_id=personas.growth.pk, every_weeks=2, weekday=THURSDAY
    )
    assert team.check_in_anchor_on == dt.date(2026, 11, 26)


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_members_and_others_may_not_change_the_rhythm(personas, who):
    with pytest.raises(Forbidden):
        team_cadence_update(
            user=getattr(personas, who), team_id=personas.growth.pk, every_weeks=2, weekday=1
        )
    assert cadence_of(Team.objects.get(pk=personas.growth.pk)) == Cadence()


def test_bad_values_name_their_field_and_change_nothing(personas):
    with pytest.raises(Invalid) as error:
        team_cadence_update(
            user=personas.lena, team_id=personas.growth.pk, every_weeks=3, weekday=9
        )
    assert set(error.value.fields) == {"every_weeks", "weekday"}
    with pytest.raises(Invalid) as error:
        team_cadence_update(
            user=personas.lena,
            team_id=personas.growth.pk,
            every_weeks=2,
            weekday=THURSDAY,
            anchor_on=dt.date(2026, 11, 27),  # a Friday
        )
    assert set(error.value.fields) == {"anchor_on"}
    assert cadence_of(Team.objects.get(pk=personas.growth.pk)) == Cadence()
    with pytest.raises(NotFound):
        team_cadence_update(user=personas.ada, team_id=999_999, every_weeks=1, weekday=1)


def test_a_personal_kr_follows_its_owner_s_first_team(personas, client):
    team_cadence_update(user=personas.lena, team_id=personas.growth.pk, every_weeks=1, weekday=0)
    # Alice checked in last on Sunday 22 November; Growth checks in on Mondays: due today, and
    # nothing else is wrong with it.
    mine = KeyResultFactory(
        objective=ObjectiveFactory(period=personas.period, team=None, owner=personas.alice),
        owner=personas.alice,
        title="My own KR",
        created_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        last_check_in_at=dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC),
        last_progress_at=dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC),
        last_context_at=dt.datetime(2026, 11, 2, 12, tzinfo=dt.UTC),
        changed_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        current_value=60,
    )
    mine.open_next_up = CheckInFactory(
        key_result=mine, kind="next_up", due_on=dt.date(2026, 12, 4), created_at=mine.created_at
    )
    mine.save()
    client.force_login(personas.alice)
    body = client.get("/").content.decode()
    assert f'data-kr="{mine.pk}" data-code="check_in_due"' in body
    assert "your team checks in every week on Monday" in body


# The settings page


def test_the_settings_page_shows_the_rhythm_and_the_next_days_to_everyone(client, personas):
    client.force_login(personas.charlie)
    response = client.get(f"/teams/{personas.growth.pk}/settings/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "The team checks in every week on Monday." in body
    assert "Mon 30 Nov" in body
    assert 'id="rhythm-form"' not in body


def test_the_lead_saves_the_rhythm_in_the_form(client, personas):
    client.force_login(personas.lena)
    url = f"/teams/{personas.growth.pk}/settings/"
    response = client.post(url, {"every_weeks": "2", "weekday": "3", "anchor_on": "2026-12-03"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "The team checks in every two weeks on Thursday." in page
    assert "Thu 3 Dec" in page and "Thu 26 Nov" not in page


def test_a_bad_form_is_a_form_error_and_saves_nothing(client, personas):
    client.force_login(personas.lena)
    url = f"/teams/{personas.growth.pk}/settings/"
    response = client.post(url, {"every_weeks": "2", "weekday": "3", "anchor_on": "2026-12-04"})
    assert response.status_code == 422
    assert "Pick a date on the team" in response.content.decode()
    response = client.post(url, {"every_weeks": "5", "weekday": "x"})
    assert response.status_code == 422
    assert cadence_of(Team.objects.get(pk=personas.growth.pk)) == Cadence()


def test_a_member_cannot_post_the_form(client, personas):
    client.force_login(personas.alice)
    response = client.post(
        f"/teams/{personas.growth.pk}/settings/", {"every_weeks": "2", "weekday": "3"}
    )
    assert response.status_code == 403
    assert cadence_of(Team.objects.get(pk=personas.growth.pk)) == Cadence()


def test_the_team_page_shows_the_rhythm_and_links_the_settings(client, personas):
    client.force_login(personas.lena)
    body = client.get(f"/teams/{personas.growth.pk}/").content.decode()
    assert "Checks in every week on Monday · next on Mon 30 Nov" in body
    assert f'href="/teams/{personas.growth.pk}/settings/"' in body


def test_an_unknown_team_s_settings_are_a_404(client, personas):
    client.force_login(personas.ada)
    assert client.get("/teams/999999/settings/").status_code == 404


# The API


def test_the_api_reads_the_rhythm(api, personas):
    response = api.get(f"/teams/{personas.growth.pk}/rhythm", as_="charlie")
    assert response.status_code == 200
    assert response.json() == {
        "every_weeks": 1,
        "weekday": "monday",
        "anchor_on": None,
        "next_check_in_on": "2026-11-30",
    }


def test_the_api_sets_the_rhythm_for_leads_only(api, personas):
    path = f"/teams/{personas.growth.pk}/rhythm"
    body = {"every_weeks": 2, "weekday": "thursday", "anchor_on": "2026-12-03"}
    assert_error(api.call("PUT", path, body, as_="alice"), 403, "forbidden")
    response = api.call("PUT", path, body, as_="lena")
    assert response.status_code == 200
    assert response.json()["next_check_in_on"] == "2026-12-03"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"every_weeks": 3, "weekday": "monday"}, "every_weeks"),
        ({"every_weeks": 1, "weekday": "mondag"}, "weekday"),
        ({"every_weeks": "1", "weekday": "monday"}, "every_weeks"),
        ({"every_weeks": 1, "weekday": "monday", "often": True}, "often"),
        ({"every_weeks": 2, "weekday": "monday", "anchor_on": "2026-12-03"}, "anchor_on"),
    ],
)
def test_bad_api_input_is_a_422_naming_the_field(api, personas, body, field):
    response = api.call("PUT", f"/teams/{personas.growth.pk}/rhythm", body, as_="lena")
    assert field in assert_error(response, 422)["fields"]
    assert cadence_of(Team.objects.get(pk=personas.growth.pk)) == Cadence()


def test_the_api_answers_404_for_an_unknown_team(api, personas):
    assert_error(api.get("/teams/999999/rhythm"), 404, "not_found")
    body = {"every_weeks": 1, "weekday": "monday"}
    assert_error(api.call("PUT", "/teams/999999/rhythm", body, as_="ada"), 404, "not_found")


def test_a_personal_kr_in_two_teams_follows_the_first_team_by_id(personas):
    from incheck.accounts.rhythm import cadence_of_key_result
    from incheck.okrs.models import KeyResult
    from incheck.okrs.selectors.health import with_row_relations
    from incheck.testing.factories import MembershipFactory

    # Growth was made before Platform: Alice, in both, keeps Growth's rhythm.
    MembershipFactory(user=personas.alice, team=personas.platform)
    team_cadence_update(user=personas.ada, team_id=personas.growth.pk, every_weeks=1, weekday=2)
    team_cadence_update(user=personas.ada, team_id=personas.platform.pk, every_weeks=1, weekday=4)
    mine = KeyResultFactory(
        objective=ObjectiveFactory(period=personas.period, team=None, owner=personas.alice),
        owner=personas.alice,
    )
    loaded = with_row_relations(KeyResult.objects.filter(pk=mine.pk)).get()
    plain = KeyResult.objects.select_related("objective__team").get(pk=mine.pk)
    assert cadence_of_key_result(loaded) == cadence_of_key_result(plain) == Cadence(weekday=2)
