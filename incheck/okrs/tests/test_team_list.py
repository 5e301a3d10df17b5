"""The teams page: a page of teams at a time, searched as you type, never the whole list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from incheck.accounts.selectors import TEAMS_PER_PAGE, team_directory
from incheck.testing.factories import MembershipFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_teams_come_a_page_at_a_time_after_the_last_name_shown(personas):
    for n in range(TEAMS_PER_PAGE + 3):
        TeamFactory(name=f"Squad {n:02d}")
    first = team_directory()
    assert len(first.teams) == TEAMS_PER_PAGE and first.next_after
    second = team_directory(after=first.next_after)
    # Growth and Platform come first by name.
    assert [t.name for t in second.teams] == [f"Squad {n}" for n in range(22, 27)]
    assert second.next_after is None


def test_a_search_matches_every_word_of_the_name(personas):
    TeamFactory(name="Growth Nordics")
    assert [t.name for t in team_directory("grow nord").teams] == ["Growth Nordics"]


def test_each_team_shows_its_leads_and_how_many_members(personas):
    growth = next(t for t in team_directory("growth").teams if t.name == "Growth")
    assert growth.member_count == 3
    assert [m.user for m in growth.leads] == [personas.lena]


def test_the_page_reads_a_fixed_number_of_queries_and_lists_a_page(personas):
    client = client_for(personas.charlie)

    def count():
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/teams/")
        assert response.status_code == 200
        return len(captured), response.content.decode()

    small, _html = count()
    for n in range(40):
        team = TeamFactory(name=f"Squad {n:02d}")
        MembershipFactory(user=UserFactory(), team=team, role="lead")
    queries, html = count()
    assert queries == small
    assert html.count('class="card team-card"') == TEAMS_PER_PAGE
    assert 'id="teams-next"' in html


def test_typing_swaps_the_list_only(personas):
    response = client_for(personas.bob).get("/teams/?q=plat", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "Platform" in html and "Growth" not in html
