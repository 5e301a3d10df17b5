"""The CSV import: read and plan without a database, then dry run, apply, and apply again."""

from __future__ import annotations

import pytest

from incheck.accounts.models import Membership, Team
from incheck.audit.models import AuditEvent
from incheck.domain.roster import PersonFacts, TeamFacts, plan_roster, read_roster
from incheck.errors import Forbidden
from incheck.people.services.roster import roster_dry_run, roster_import

CSV = """name,email,team,role
Nina Holm,nina@nordlys.example,Growth,lead
Nina Holm,nina@nordlys.example,Sales,
Bob,bob@example.org,Growth,lead
Per Ek,per@nordlys.example,,
"""


def kinds(plan):
    return [(change.kind, change.detail) for change in plan.changes]


def test_the_plan_names_each_change_per_line_and_creates_a_person_once():
    rows, problems = read_roster(CSV)
    assert problems == []
    people = {"bob@example.org": PersonFacts(name="Bob", active=True, roles={"growth": "member"})}
    teams = {"growth": TeamFacts(name="Growth", archived=False)}
    plans = plan_roster(rows, people=people, teams=teams)
    assert [kinds(plan) for plan in plans] == [
        [("create_person", ""), ("join_team", "lead")],
        [("create_team", ""), ("join_team", "member")],
        [("change_role", "lead")],
        [("create_person", "")],
    ]


def test_problems_are_named_by_line_and_column():
    text = "Email;Role;Team\nnope;boss;Growth\n;member;\nann@x.org;lead;\nann@x.org;member;\n"
    rows, _problems = read_roster(text)
    plans = plan_roster(rows, people={}, teams={})
    found = [(p.line, p.column, p.code) for plan in plans for p in plan.problems]
    assert found == [
        (2, "email", "email_invalid"),
        (2, "role", "unknown_role"),
        (3, "email", "roster_email_required"),
        (4, "role", "roster_lead_without_team"),
        (5, "", "roster_duplicate_line"),
    ]


def test_a_file_without_an_email_column_or_with_an_unknown_one_is_refused_whole():
    assert [p.code for p in read_roster("name,team\nAnn,Growth\n")[1]] == ["roster_missing_column"]
    assert [(p.column, p.code) for p in read_roster("email,shoe size\n")[1]] == [
        ("shoe size", "roster_unknown_column")
    ]
    assert read_roster("email,team\nann@x.org\n")[1][0].code == "roster_wrong_field_count"


def test_a_file_that_is_not_csv_is_a_problem_not_an_error():
    assert [p.code for p in read_roster("º\rIU+,\tÜ/x")[1]] == [
        "roster_unknown_column",
        "roster_missing_column",
    ]
    assert read_roster('email\n"ann@x.org\n')[1][0].code == "roster_unreadable"


def test_a_dry_run_writes_nothing(personas):
    result = roster_dry_run(actor=personas.ada, text=CSV)
    assert result.counts == {"create_person": 2, "create_team": 1, "join_team": 2, "change_role": 1}
    assert not Team.objects.filter(name="Sales").exists()
    assert not AuditEvent.objects.exists()


def test_the_import_applies_the_plan_and_a_second_import_changes_nothing(personas):
    first = roster_import(actor=personas.ada, text=CSV)
    assert first.applied and first.problems == []
    roles = {
        (m.user.email, m.team.name): m.role
        for m in Membership.objects.select_related("user", "team")
    }
    assert roles[("nina@nordlys.example", "Growth")] == "lead"
    assert roles[("nina@nordlys.example", "Sales")] == "member"
    assert roles[("bob@example.org", "Growth")] == "lead"
    again = roster_import(actor=personas.ada, text=CSV)
    assert again.applied and not any(again.counts.values())
    assert AuditEvent.objects.filter(action="people.imported").count() == 1


def test_one_bad_line_means_nothing_is_written(personas):
    result = roster_import(actor=personas.ada, text=CSV + "Ghost,ghost,Growth,member\n")
    assert not result.applied
    assert [(p.line, p.column) for p in result.problems] == [(6, "email")]
    assert not Team.objects.filter(name="Sales").exists()
    assert Membership.objects.get(user=personas.bob).role == "member"


def test_only_admins_import(personas):
    with pytest.raises(Forbidden):
        roster_dry_run(actor=personas.lena, text=CSV)
    with pytest.raises(Forbidden):
        roster_import(actor=personas.lena, text=CSV)
