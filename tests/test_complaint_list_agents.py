"""The complaint list names only the agents of the reader's agent scope (queries/complaint_list.sql): a team lead
sees her team's agents' codes, with the team each agent was in on the complaint's received date
(models/agent_team_spans.sql), and "Other team" for another team's agent, on the page and in its CSV (listing.display_table). Before, the list showed
every agent's code, another team's too (SPEC §1: a team lead sees the scorecards of her own team's agents only).
The Complaints page's by-agent table (queries/complaint_breakdowns.sql) counts the same complaints per agent: before, it
placed them by the agent's team now (T1's lead got A003 with c12 from his T2 days, T2's lead no A003 row).

Fixture: tests/complaints_fixture.py over 2024-02-19 .. 03-17 (both periods), with A003 moved from T2 to T1 on
2024-03-10 (agent_team_history, migration 027): c12 (03-01, S003) is A003's while in T2, c5 and c6 (03-17, S003)
in T1. Teams: T1 A001, A002; T2 A003 (until the move), A004. c10 has no store: outside a store-list scope.
"""

import dataclasses
from datetime import date

import pandas as pd
import pytest

from portal import complaints, kpi
from portal.complaints import listing
from portal.scope import Scope
from tests import complaints_fixture as fx

BOTH_PERIODS = dataclasses.replace(fx.CURRENT, start=date(2024, 2, 19))
LEAD_ONE = Scope(store_ids=(1, 2, 3), team_id=1)
LEAD_TWO = Scope(store_ids=(1, 2, 3), team_id=2)
MANAGER = Scope(store_ids=(1, 2, 3), all_agents=True)
OTHER = None  # another team's agent: no code


@pytest.fixture
def moved(con):
    fx.load(con)
    con.execute(
        "insert into agent_team_history (agent_id, team_id, valid_from, valid_to) values "
        "(3, 2, null, date '2024-03-10'), (3, 1, date '2024-03-10', null)"
    )
    con.execute("insert into agent_assignments (agent_id, team_id, home_store_id) values (3, 1, 3)")
    return con


def page(con, scope, **choices):
    req = listing.ListRequest(BOTH_PERIODS, sort="received_at", descending=False, **choices)
    run = kpi.runner(con, scope)
    frame, _ = listing.page_of(run, req, complaints.Targets(), as_of=fx.AS_OF, sla_as_of=fx.AS_OF)
    return frame


def codes(con, scope, **choices) -> dict:
    frame = page(con, scope, **choices)
    return {
        s: (None if other else c)
        for s, c, other in zip(
            frame["source_id"], frame["agent_code"], frame["is_other_team_agent"], strict=True
        )
    }


def test_a_team_lead_sees_the_codes_of_her_teams_agents_of_the_complaints_date_only(moved):
    assert codes(moved, LEAD_ONE) == {
        "c11": OTHER, "c12": OTHER, "c1": "A001", "c2": "A001", "c3": "A002", "c8": "A001", "c4": "A002",
        "c9": "A002", "c7": OTHER, "c13": "A001", "c6": "A003", "c5": "A003",
    }  # fmt: skip
    assert codes(moved, LEAD_TWO) == {
        "c11": "A004", "c12": "A003", "c1": OTHER, "c2": OTHER, "c3": OTHER, "c8": OTHER, "c4": OTHER,
        "c9": OTHER, "c7": "A004", "c13": OTHER, "c6": OTHER, "c5": OTHER,
    }  # fmt: skip
    # a manager (all agents of her stores) and an admin: every code, as before
    manager = codes(moved, MANAGER)
    assert OTHER not in manager.values() and manager["c12"] == "A003" and manager["c7"] == "A004"
    assert codes(moved, Scope.everything())["c10"] == "A003"
    # the name goes with the code
    names = page(moved, LEAD_ONE).set_index("source_id")["agent_name"]
    assert names["c5"] == "Agent Three" and names[["c7", "c11", "c12"]].isna().all()


def test_the_agent_selection_lists_only_the_complaints_the_agent_handled_in_the_readers_team(moved):
    assert list(codes(moved, LEAD_ONE, agent_ids=(3,))) == ["c6", "c5"]
    assert list(codes(moved, LEAD_TWO, agent_ids=(3,))) == ["c12"]
    assert codes(moved, LEAD_ONE, agent_ids=(4,)) == {}


@pytest.mark.parametrize(
    ("lang", "column", "other"), [("en", "Agent", "Other team"), ("zh", "客服专员", "其他班组")]
)
def test_the_page_and_its_csv_say_other_team(moved, lang, column, other):
    shown = listing.display_table(page(moved, LEAD_ONE), lang, "UTC")
    assert shown[column].tolist() == [
        other,
        other,
        "A001",
        "A001",
        "A002",
        "A001",
        "A002",
        "A002",
        other,
        "A001",
        "A003",
        "A003",
    ]


def by_agent(con, scope) -> dict:
    """The Complaints page's by-agent table: complaints received in the period per named agent."""
    run = kpi.runner(con, scope)
    bd = complaints.breakdowns(run, BOTH_PERIODS, complaints.Targets(), as_of=fx.AS_OF, sla_as_of=fx.AS_OF)
    table = complaints.agent_table(bd).dropna(subset=["agent_code"])
    # summed per agent: a manager reads a moved agent on one row per team held (the test below)
    return table.groupby("agent_code")["complaint_count"].sum().astype(int).to_dict()


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        # A003's c12 (received 03-01, in T2) is T2's, c5 and c6 (03-17, after the move) T1's
        (LEAD_ONE, {"A001": 4, "A002": 3, "A003": 2}),
        (LEAD_TWO, {"A004": 2, "A003": 1}),
        (MANAGER, {"A001": 4, "A002": 3, "A003": 3, "A004": 2}),
    ],
)
def test_the_by_agent_breakdown_places_a_complaint_on_the_agents_team_of_its_date_as_the_list_does(
    moved, scope, expected
):
    assert by_agent(moved, scope) == expected
    listed = [c for c in codes(moved, scope).values() if c is not None]
    assert by_agent(moved, scope) == {c: listed.count(c) for c in set(listed)}


def by_agent_and_team(con, scope) -> list[tuple[str, str, int]]:
    run = kpi.runner(con, scope)
    bd = complaints.breakdowns(run, BOTH_PERIODS, complaints.Targets(), as_of=fx.AS_OF, sla_as_of=fx.AS_OF)
    table = complaints.agent_table(bd).dropna(subset=["agent_code"])
    return sorted(
        zip(table["agent_code"], table["team_code"], table["complaint_count"].astype(int), strict=True)
    )


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        # T2's lead counts A003's c12 (received in his T2 days): the row says T2, not his team now (T1)
        (LEAD_TWO, [("A003", "T2", 1), ("A004", "T2", 2)]),
        (LEAD_ONE, [("A001", "T1", 4), ("A002", "T1", 3), ("A003", "T1", 2)]),
        # a manager: one row per team A003 held on the complaints' received dates (SPEC §2: history is never
        # overwritten), 1 in T2 and 2 in T1, as each lead reads them; agents never moved as before
        (
            MANAGER,
            [("A001", "T1", 4), ("A002", "T1", 3), ("A003", "T1", 2), ("A003", "T2", 1), ("A004", "T2", 2)],
        ),
    ],
)
def test_the_by_agent_rows_name_the_team_the_complaints_were_received_in(moved, scope, expected):
    assert by_agent_and_team(moved, scope) == expected


def drilled(con, scope) -> dict[tuple[str, str], list[str]]:
    """Each by-agent row (agent, team) -> the complaints its click lists (listing.agent_row, through the address)."""
    run = kpi.runner(con, scope)
    bd = complaints.breakdowns(run, BOTH_PERIODS, complaints.Targets(), as_of=fx.AS_OF, sla_as_of=fx.AS_OF)
    out = {}
    for row in complaints.agent_table(bd).dropna(subset=["agent_code"]).to_dict("records"):
        req = listing.request_from_query(listing.agent_row(row), BOTH_PERIODS)
        assert listing.request_to_query(req) == listing.agent_row(row)  # the address keeps the row's team
        frame, total = listing.page_of(run, req, complaints.Targets(), as_of=fx.AS_OF, sla_as_of=fx.AS_OF)
        assert total == row["complaint_count"]  # the row's count is the list's
        team = None if pd.isna(row["team_code"]) else row["team_code"]  # no team on those dates
        out[(row["agent_code"], team)] = sorted(frame["source_id"])
    return out


@pytest.mark.parametrize(
    ("scope", "a003"),
    [
        # a manager's two rows of A003: c12 received in his T2 days, c5 and c6 in T1 (each row listed all three)
        (MANAGER, {("A003", "T1"): ["c5", "c6"], ("A003", "T2"): ["c12"]}),
        # the admin reaches c10 too (no store; 03-13, in T1)
        (Scope.everything(), {("A003", "T1"): ["c10", "c5", "c6"], ("A003", "T2"): ["c12"]}),
        (LEAD_ONE, {("A003", "T1"): ["c5", "c6"]}),
        (LEAD_TWO, {("A003", "T2"): ["c12"]}),
    ],
)
def test_each_by_agent_rows_drill_down_lists_the_complaints_it_counts(moved, scope, a003):
    rows = drilled(moved, scope)
    assert {k: v for k, v in rows.items() if k[0] == "A003"} == a003
    if scope is MANAGER:  # an agent never moved: one row, all of the agent's complaints, no team asked for
        assert rows[("A004", "T2")] == ["c11", "c7"]


@pytest.fixture
def teamless(con):
    """A003 in no team until the move (03-10), in T1 from it: c12 (03-01) was received while he had no team."""
    fx.load(con)
    con.execute(
        "insert into agent_team_history (agent_id, team_id, valid_from, valid_to) values "
        "(3, null, null, date '2024-03-10'), (3, 1, date '2024-03-10', null)"
    )
    con.execute("insert into agent_assignments (agent_id, team_id, home_store_id) values (3, 1, 3)")
    return con


@pytest.mark.parametrize("scope", [MANAGER, Scope.everything()])
def test_a_moved_agents_row_of_the_days_without_a_team_names_no_team_and_lists_those_complaints(
    teamless, scope
):
    """Session 37's probe: a manager's row of c12 said T1, A003's team now, for a complaint received while he had
    no team; its drill-down listed all of A003's complaints (3 or 4 for a row of 1)."""
    rows = {(c, t or "-"): n for c, t, n in by_agent_and_team_raw(teamless, scope) if c == "A003"}
    assert rows == (
        {("A003", "-"): 1, ("A003", "T1"): 2} if scope is MANAGER else {("A003", "-"): 1, ("A003", "T1"): 3}
    )
    drills = drilled(teamless, scope)
    assert drills[("A003", None)] == ["c12"]
    assert sorted(drills[("A003", "T1")]) == (["c5", "c6"] if scope is MANAGER else ["c10", "c5", "c6"])


def by_agent_and_team_raw(con, scope) -> list[tuple[str, str | None, int]]:
    run = kpi.runner(con, scope)
    bd = complaints.breakdowns(run, BOTH_PERIODS, complaints.Targets(), as_of=fx.AS_OF, sla_as_of=fx.AS_OF)
    table = complaints.agent_table(bd).dropna(subset=["agent_code"])
    teams = [None if pd.isna(t) else t for t in table["team_code"]]
    return list(zip(table["agent_code"], teams, table["complaint_count"].astype(int), strict=True))


@pytest.mark.parametrize(
    "before", [(2, "T2"), (9, "T0")]
)  # his team before the move named after T1 or before it
def test_a_moved_agents_rows_of_equal_counts_come_in_their_teams_order(con, before):
    # a manager's two rows of A003 with equal counts (c12 and u1 received before his move, c5 and c6 in T1) came
    # in either order (complaint_breakdowns ordered the agents by their code alone): now by the team's code
    team_id, code = before
    fx.load(con)
    con.execute(
        "insert or ignore into teams (team_id, team_code, name, region_id) values (9, 'T0', 'Zero', 1)"
    )
    con.execute(
        "insert into agent_team_history (agent_id, team_id, valid_from, valid_to) values "
        "(3, ?, null, date '2024-03-10'), (3, 1, date '2024-03-10', null)",
        [team_id],
    )
    con.execute("insert into agent_assignments (agent_id, team_id, home_store_id) values (3, 1, 3)")
    fx.add_complaints(con, [fx.complaint("u1", store=3, agent=3, received="03-05 09:00")])
    rows = [(c, t, n) for c, t, n in by_agent_and_team_raw(con, MANAGER) if c == "A003"]
    assert rows == sorted([("A003", "T1", 2), ("A003", code, 2)])
