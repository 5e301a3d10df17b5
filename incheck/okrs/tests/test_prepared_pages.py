"""The team page's and the alignment tree's reads built once a process (`incheck.prepared`)
give what the querysets give, also past `LIST_KEPT` ids, where they are run as they come."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from incheck.okrs.selectors.alignment import alignment_branch, alignment_tree
from incheck.okrs.selectors.pages import team_page
from incheck.okrs.selectors.rhythm import team_rhythm
from incheck.prepared import reads as prepared_reads
from incheck.testing.factories import (
    CheckInFactory,
    KeyResultFactory,
    MembershipFactory,
    ObjectiveFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

STOCKHOLM = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture
def team(personas):
    """Growth with a team objective under the personas' one, and members' personal objectives
    (one with a KR, one without)."""
    p = personas
    child = ObjectiveFactory(period=p.period, team=p.growth, parent=p.objective)
    KeyResultFactory(objective=child, owner=p.alice)
    for n in range(2):
        person = UserFactory()
        MembershipFactory(user=person, team=p.growth)
        own = ObjectiveFactory(period=p.period, team=None, owner=person, parent=child)
        if n:
            kr = KeyResultFactory(objective=own, owner=person)
            CheckInFactory(key_result=kr, kind="context")
            CheckInFactory(key_result=kr, kind="blocker", signal="blocker")
    return p.growth


def _team_view(team_id):
    page = team_page(team_id, tz=STOCKHOLM)
    return (
        [(group.objective.pk, [row.kr.pk for row in group.rows]) for group in page.groups],
        [membership.pk for membership in page.members],
        [blocker.pk for blocker in page.open_blockers],
        team_rhythm(team_id, page.period.pk, tz=STOCKHOLM, rows=page.rows),
    )


def _tree_view(tree):
    def node(n):
        return (
            n.objective.pk,
            [row.kr.pk for row in n.rows],
            n.rollup,
            n.children_count,
            [a.pk for a in n.ancestors],
            [node(child) for child in n.children or []],
        )

    return [node(n) for n in tree.nodes]


def test_past_the_list_limit_the_pages_are_the_same(team, personas, monkeypatch):
    expected_team = _team_view(team.pk)
    groups, _members, blockers, shown_rhythm = expected_team
    assert len(groups) == 4  # the team's two objectives, and two members' personal ones
    assert len(blockers) == 1
    assert shown_rhythm.kinds["context"] == 1
    expected_tree = _tree_view(alignment_tree(tz=STOCKHOLM, team_id=team.pk))
    expected_branch = _tree_view(alignment_branch(personas.objective.pk, tz=STOCKHOLM))
    monkeypatch.setattr(prepared_reads, "LIST_KEPT", 1)
    assert _team_view(team.pk) == expected_team
    assert _tree_view(alignment_tree(tz=STOCKHOLM, team_id=team.pk)) == expected_tree
    assert _tree_view(alignment_branch(personas.objective.pk, tz=STOCKHOLM)) == expected_branch


def test_a_huge_team_id_is_not_found_rather_than_a_database_error(personas):
    client = Client()
    client.force_login(personas.alice)
    assert client.get("/teams/99999999999999999999999/").status_code == 404
    # The alignment's filter takes ids of up to twelve digits; a longer one is not a filter.
    assert client.get("/alignment/?team=99999999999999999999999").status_code == 200
