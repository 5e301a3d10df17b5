"""Alignment: the tree of a period's objectives, roll-ups, a team's branch, bounded reads."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from incheck.okrs.models import Objective
from incheck.okrs.selectors.alignment import alignment_branch, alignment_tree
from incheck.okrs.services.rollups import rollups_rebuild
from incheck.testing.factories import (
    KeyResultFactory,
    MembershipFactory,
    ObjectiveFactory,
    PeriodFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def company(personas):
    """Company → Growth's objective (the personas') → Alice's own objective, each with KRs."""
    p = personas
    leadership = TeamFactory(name="Leadership")
    root = ObjectiveFactory(period=p.period, team=leadership, title="Win the Nordics")
    KeyResultFactory(objective=root, owner=p.ada, current_value=100, target_value=100)  # 1.0
    p.objective.parent = root
    p.objective.save()
    # The personas' KR: 60 → 200, at 60: progress 0.
    own = ObjectiveFactory(
        period=p.period, team=None, owner=p.alice, parent=p.objective, title="Alice <learns>"
    )
    KeyResultFactory(objective=own, owner=p.alice, current_value=50, target_value=100)  # 0.5
    platform = ObjectiveFactory(period=p.period, team=p.platform, title="Stable platform")
    rollups_rebuild()  # made with factories, not through the services that keep roll-ups
    return {"root": root, "own": own, "platform": platform, "leadership": leadership}


def tz():
    return timezone.get_current_timezone()


def test_the_roll_up_is_the_mean_of_every_kr_below_the_objective_itself_included(company, personas):
    tree = alignment_tree(tz=tz(), period_id=personas.period.pk)
    root = next(node for node in tree.nodes if node.objective == company["root"])
    # (1.0 + 0 + 0.5) / 3
    assert root.rollup_key_results == 3
    assert root.rollup == pytest.approx(0.5)
    growth = root.children[0]
    assert growth.objective == personas.objective
    assert growth.rollup == pytest.approx(0.25)
    assert growth.children is None  # closed: a click away


def test_an_objective_without_key_results_below_it_has_no_roll_up(company, personas):
    tree = alignment_tree(tz=tz(), period_id=personas.period.pk)
    platform = next(node for node in tree.nodes if node.objective == company["platform"])
    assert platform.rollup is None
    assert platform.rollup_key_results == 0


def test_roots_are_objectives_aligned_with_nothing(company, personas):
    tree = alignment_tree(tz=tz(), period_id=personas.period.pk)
    assert [node.objective for node in tree.nodes] == [company["root"], company["platform"]]


def test_a_team_filter_shows_the_teams_objectives_with_their_ancestors(company, personas):
    tree = alignment_tree(tz=tz(), period_id=personas.period.pk, team_id=personas.growth.pk)
    assert [node.objective for node in tree.nodes] == [personas.objective]
    node = tree.nodes[0]
    assert node.ancestors == [company["root"]]
    assert [child.objective for child in node.children] == [company["own"]]
    assert [row.kr for row in node.rows] == [personas.kr]


def test_a_branch_opens_one_objective_with_its_krs_children_and_chain(company, personas):
    tree = alignment_branch(company["own"].pk, tz=tz())
    assert tree.focus.ancestors == [company["root"], personas.objective]
    assert tree.focus.children == []
    assert len(tree.focus.rows) == 1


def test_the_latest_confidence_and_the_health_counts_come_from_its_own_krs(personas):
    kr = personas.kr
    kr.confidence = 7
    kr.last_check_in_at = timezone.now()
    kr.save()
    KeyResultFactory(objective=personas.objective, owner=personas.bob, confidence=3)
    tree = alignment_tree(tz=tz(), period_id=personas.period.pk)
    node = tree.nodes[0]
    assert node.confidence == 7
    assert sum(health.count for health in node.health) == 2


def test_the_roll_up_ends_even_if_bad_data_holds_a_cycle(company, personas):
    # The services refuse cycles; neither a rebuild nor a read may loop if one ever gets in.
    Objective.objects.filter(pk=company["root"].pk).update(parent=company["own"])
    rollups_rebuild()
    assert company["root"].rollup.key_results == 3
    tree = alignment_branch(company["own"].pk, tz=tz())
    assert len(tree.focus.ancestors) <= 3


def test_more_roots_than_a_page_are_paged_after_the_last_shown(personas):
    for n in range(22):
        ObjectiveFactory(period=personas.period, team=personas.growth, title=f"Root {n}")
    first = alignment_tree(tz=tz(), period_id=personas.period.pk)
    assert len(first.nodes) == 20 and first.next_after is not None
    second = alignment_tree(tz=tz(), period_id=personas.period.pk, after=first.next_after)
    assert len(second.nodes) == 3 and second.next_after is None


def _tree_of(period, teams: int, people: int):
    """A company objective, a team objective under it per team, personal ones under those."""
    lead = UserFactory()
    top_team = TeamFactory()
    root = ObjectiveFactory(period=period, team=top_team, title="Company")
    for _t in range(teams):
        team = TeamFactory()
        objective = ObjectiveFactory(period=period, team=team, parent=root)
        for _p in range(people):
            person = UserFactory()
            MembershipFactory(user=person, team=team)
            own = ObjectiveFactory(period=period, team=None, owner=person, parent=objective)
            KeyResultFactory(objective=own, owner=person)
            KeyResultFactory(objective=objective, owner=person)
    return lead, root


def _queries(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize(
    "url",
    ["/alignment/", "/alignment/?team={team}", "/alignment/objectives/{root}/"],
)
def test_the_alignment_pages_read_a_fixed_number_of_queries(url):
    period = PeriodFactory()
    lead, root = _tree_of(period, teams=2, people=2)
    client = client_for(lead)
    team = Objective.objects.filter(parent=root).first().team_id
    small = _queries(client, url.format(team=team, root=root.pk))
    _tree_of(period, teams=0, people=0)
    for objective in Objective.objects.filter(parent=root):
        for _n in range(3):
            person = UserFactory()
            own = ObjectiveFactory(period=period, team=None, owner=person, parent=objective)
            KeyResultFactory(objective=own, owner=person)
    assert _queries(client, url.format(team=team, root=root.pk)) == small


def test_the_page_shows_the_tree_to_everyone_signed_in(company, personas):
    for user in (personas.alice, personas.charlie, personas.ada):
        response = client_for(user).get("/alignment/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Win the Nordics" in html and "Grow the pipeline" in html
        assert 'aria-current="page"' in html and 'href="/alignment/"' in html


def test_signed_out_people_are_sent_to_sign_in():
    for url in ("/alignment/", "/alignment/objectives/1/", "/search/teams/"):
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_user_text_is_escaped(company, personas):
    html = client_for(personas.bob).get(f"/alignment/objectives/{company['own'].pk}/")
    assert b"Alice &lt;learns&gt;" in html.content
    assert b"Alice <learns>" not in html.content


def test_a_toggle_fetches_the_branch_as_a_fragment(company, personas):
    response = client_for(personas.bob).get(
        f"/alignment/objectives/{personas.objective.pk}/", HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "200 new leads" in html and "Alice &lt;learns&gt;" in html


def test_an_unknown_period_team_or_objective_is_a_404(personas):
    client = client_for(personas.bob)
    assert client.get("/alignment/?period=999999").status_code == 404
    assert client.get("/alignment/?team=999999").status_code == 404
    assert client.get("/alignment/objectives/999999/").status_code == 404
    # Not a number: ignored, the current period is shown.
    assert client.get("/alignment/?period=abc&team=x").status_code == 200


def test_the_page_speaks_swedish(company, personas):
    profile = personas.charlie.profile
    profile.language = "sv"
    profile.save()
    html = client_for(personas.charlie).get("/alignment/").content.decode()
    assert "Linjering" in html and "Visa" in html


def test_the_team_filter_searches_as_you_type(company, personas):
    client = client_for(personas.bob)
    html = client.get("/search/teams/?name=team&team_q=grow").content.decode()
    assert f'name="team" value="{personas.growth.pk}"' in html
    assert "Platform" not in html
    # The page itself lists no more teams than a search shows.
    for n in range(30):
        TeamFactory(name=f"Squad {n:02d}")
    page = client.get("/alignment/").content.decode()
    assert page.count('type="radio" name="team"') <= 11
