"""Blockers: open until resolved with the way around; the page resolves them for those allowed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from incheck.errors import Invalid
from incheck.okrs.models import CheckIn
from incheck.okrs.selectors.blockers import blocker_board, blocker_list, blockers_resolvable_by
from incheck.okrs.services.signals import blocker_resolve
from incheck.testing.factories import CheckInFactory, KeyResultFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 10, 5, 8, 0, tzinfo=dt.UTC)


def blocker(kr, text="Legal has not approved the mailing list", *, days=0, **fields):
    return CheckInFactory(
        key_result=kr,
        kind="blocker",
        signal="blocker",
        text=text,
        value=None,
        created_at=T0 + dt.timedelta(days=days),
        **fields,
    )


def resolve_url(item):
    return reverse("blocker_resolve", args=[item.pk])


def test_open_and_resolved_blockers_are_listed_apart(personas):
    first = blocker(personas.kr, "First in the way", days=1)
    second = blocker(personas.kr, "Second in the way", days=2)
    done = blocker(personas.kr, "Was in the way", days=0)
    blocker_resolve(actor=personas.alice, blocker_id=done.pk, resolution="Asked legal directly")
    # Open: longest in the way first. Resolved: with the way around and the insight it became.
    assert [b.pk for b in blocker_list(state="open").items] == [first.pk, second.pk]
    resolved = blocker_list(state="resolved")
    assert [b.pk for b in resolved.items] == [done.pk]
    assert resolved.items[0].resolution == "Asked legal directly"
    assert resolved.items[0].resolution_insight.text == "Asked legal directly"
    assert blocker_list().total == 3


def test_a_blocker_flagged_on_another_kind_is_listed(personas):
    flagged = CheckInFactory(
        key_result=personas.kr, kind="progress", signal="blocker", text="Stuck at 34", value=34
    )
    CheckInFactory(key_result=personas.kr, kind="progress", text="No signal here", value=35)
    assert [b.pk for b in blocker_list(state="open").items] == [flagged.pk]


def test_blockers_filter_by_team_and_key_result(personas):
    platform_kr = KeyResultFactory(
        objective=ObjectiveFactory(period=personas.period, team=personas.platform),
        owner=personas.charlie,
    )
    growth = blocker(personas.kr)
    platform = blocker(platform_kr)
    assert [b.pk for b in blocker_list(team_id=personas.growth.pk).items] == [growth.pk]
    assert [b.pk for b in blocker_list(team_id=personas.platform.pk).items] == [platform.pk]
    assert [b.pk for b in blocker_list(key_result_id=platform_kr.pk).items] == [platform.pk]


def test_an_unknown_state_is_a_field_error():
    with pytest.raises(Invalid) as caught:
        blocker_list(state="stuck")  # type: ignore[arg-type]
    assert "state" in caught.value.fields


def test_the_owner_the_lead_and_an_admin_may_resolve_but_not_a_teammate_or_stranger(personas):
    item = blocker(personas.kr)
    items = blocker_list(state="open").items
    allowed = {
        name: item.pk in blockers_resolvable_by(getattr(personas, name), items)
        for name in ("alice", "lena", "ada", "bob", "charlie")
    }
    assert allowed == {"alice": True, "lena": True, "ada": True, "bob": False, "charlie": False}


def test_the_page_lists_open_blockers_with_the_form_for_the_owner(client, personas):
    item = blocker(personas.kr, "The CRM export is broken")
    client.force_login(personas.alice)
    response = client.get(reverse("blocker_list"))
    assert response.status_code == 200
    assert "The CRM export is broken" in response.content.decode()
    assert resolve_url(item) in response.content.decode()


def test_the_page_shows_no_form_to_someone_who_may_not_resolve(client, personas):
    item = blocker(personas.kr, "The CRM export is broken")
    client.force_login(personas.charlie)
    response = client.get(reverse("blocker_list"))
    assert "The CRM export is broken" in response.content.decode()
    assert resolve_url(item) not in response.content.decode()


def test_the_owner_resolves_a_blocker_from_the_page(client, personas):
    item = blocker(personas.kr)
    client.force_login(personas.alice)
    response = client.post(resolve_url(item), {"resolution": "Bought a list with opt-in"})
    assert response.status_code == 302
    assert "state=resolved" in response["Location"]
    item.refresh_from_db()
    assert item.resolution == "Bought a list with opt-in"
    assert item.resolution_insight.text == "Bought a list with opt-in"
    page = client.get(response["Location"]).content.decode()
    assert "Bought a list with opt-in" in page
    assert "Blocker resolved" in page


def test_charlie_may_not_resolve_alices_blocker_and_nothing_is_written(client, personas):
    item = blocker(personas.kr)
    client.force_login(personas.charlie)
    response = client.post(resolve_url(item), {"resolution": "I fixed it for you"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.resolved_at is None
    assert item.resolution == ""
    assert not CheckIn.objects.filter(signal="insight").exists()


def test_an_empty_way_around_is_a_form_error_and_nothing_is_written(client, personas):
    item = blocker(personas.kr)
    client.force_login(personas.alice)
    response = client.post(resolve_url(item), {"resolution": "   "})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Say how you got around it." in body
    assert 'aria-invalid="true"' in body
    item.refresh_from_db()
    assert item.resolved_at is None
    assert not CheckIn.objects.filter(signal="insight").exists()


def test_a_too_long_way_around_keeps_the_text_as_typed(client, personas):
    item = blocker(personas.kr)
    client.force_login(personas.alice)
    response = client.post(resolve_url(item), {"resolution": "long " * 100})
    assert "at most 280 characters" in response.content.decode()
    assert "long long long" in response.content.decode()
    item.refresh_from_db()
    assert item.resolved_at is None


def test_resolving_twice_is_a_conflict(client, personas):
    item = blocker(personas.kr)
    blocker_resolve(actor=personas.alice, blocker_id=item.pk, resolution="Done once")
    client.force_login(personas.alice)
    response = client.post(resolve_url(item), {"resolution": "Again"})
    assert response.status_code == 409
    assert CheckIn.objects.filter(signal="insight").count() == 1


def test_resolving_a_missing_blocker_is_not_found(client, personas):
    client.force_login(personas.alice)
    assert client.post("/blockers/999999/resolve/", {"resolution": "x"}).status_code == 404


def test_resolving_needs_a_post(client, personas):
    item = blocker(personas.kr)
    client.force_login(personas.alice)
    assert client.get(resolve_url(item)).status_code == 405


@pytest.mark.parametrize(
    "query", ["?state=stuck", "?team=abc", "?team=-1", "?page=0", "?page=99999999999999999999"]
)
def test_bad_filters_are_shown_not_crashed_on(client, personas, query):
    blocker(personas.kr, "Still listed")
    client.force_login(personas.alice)
    response = client.get(reverse("blocker_list") + query)
    assert response.status_code == 200


def test_the_resolved_tab_lists_resolved_blockers_only(client, personas):
    blocker(personas.kr, "Still open")
    done = blocker(personas.kr, "Long gone")
    blocker_resolve(actor=personas.alice, blocker_id=done.pk, resolution="Went around it")
    client.force_login(personas.bob)
    body = client.get(reverse("blocker_list") + "?state=resolved").content.decode()
    assert "Long gone" in body and "Went around it" in body
    assert "Still open" not in body


@pytest.mark.parametrize("size", [3, 30])
def test_the_blockers_page_reads_in_a_fixed_number_of_queries(
    client, personas, django_assert_max_num_queries, size
):
    personal_kr = KeyResultFactory(
        objective=ObjectiveFactory(period=personas.period, team=None, owner=personas.bob),
        owner=personas.bob,
    )
    for n in range(size):
        blocker(personas.kr if n % 2 else personal_kr, f"Blocker {n}", days=n)
    client.force_login(personas.lena)
    client.get(reverse("blocker_list"))  # the session and the user are read once per request
    with django_assert_max_num_queries(10):
        response = client.get(reverse("blocker_list"))
    assert response.content.decode().count('class="resolve-form"') == min(size, 25)


def test_a_team_s_blockers_are_its_objectives_and_its_members_personal_krs_only(personas):
    # The one rule of `selectors.scopes.in_team`: the team's objectives' KRs, and the personal
    # KRs of its members; not a member's KR under another team's objective, not an outsider's
    # personal KR, and (open ones) not an archived KR's.
    own = blocker(personas.kr, "On the team's objective", days=1)
    mine = ObjectiveFactory(period=personas.period, team=None, owner=personas.bob)
    personal = blocker(KeyResultFactory(objective=mine, owner=personas.bob), "Bob's", days=2)
    platform = ObjectiveFactory(period=personas.period, team=personas.platform)
    blocker(KeyResultFactory(objective=platform, owner=personas.bob), "Bob on Platform's")
    theirs = ObjectiveFactory(period=personas.period, team=None, owner=personas.charlie)
    blocker(KeyResultFactory(objective=theirs, owner=personas.charlie), "Charlie's own")
    archived = KeyResultFactory(objective=personas.objective, archived_at=T0)
    blocker(archived, "On an archived KR", days=3)
    growth = blocker_list(state="open", team_id=personas.growth.pk)
    assert [item.pk for item in growth.items] == [own.pk, personal.pk]
    assert growth.total == 2
    assert blocker_list(state="open").total == 4
    assert blocker_list(team_id=personas.growth.pk).total == 3


@pytest.mark.parametrize("team", [False, True])
def test_each_tab_counts_what_its_list_shows(personas, team):
    # An archived KR's open blocker is in no list, so in no tab's count either (it was counted
    # while the list left it out); its resolved blockers stay history in both.
    blocker(personas.kr, "In the way", days=1)
    archived = KeyResultFactory(objective=personas.objective, archived_at=T0)
    blocker(archived, "On an archived KR", days=2)
    done = blocker(archived, "Was in the way on it", days=0)
    done.resolved_at = T0 + dt.timedelta(days=1)
    done.save()
    team_id = personas.growth.pk if team else None
    for state in ("open", "resolved"):
        board = blocker_board(personas.lena, state=state, team_id=team_id)
        listed = {
            tab: blocker_list(state=tab, team_id=team_id).total for tab in ("open", "resolved")
        }
        assert (board.open_count, board.resolved_count) == (listed["open"], listed["resolved"])
        assert (board.open_count, board.resolved_count) == (1, 1)
