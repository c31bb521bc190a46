"""The Users page's agent choice lists every agent, those without a team too (an import's "add unknown codes"
adds agents without one): queries/master_teams_agents.sql was ``teams left join agents``, so such an agent could
not be linked to an agent user."""

from __future__ import annotations

from portal import db, user_admin
from portal.scope import Scope
from tests import fixtures


def test_an_agent_without_a_team_is_offered_to_link_an_agent_user(tmp_path):
    con = fixtures.build_fixture_db(tmp_path / "m.duckdb")
    con.execute("insert into agents (agent_code, name) values ('A009', 'A009')")  # as master_agents_add does
    pickers = db.run_query(con, "master_teams_agents", {}, Scope.everything())
    assert pickers["agent_code"].tolist() == ["A001", "A002", "A003", "A004", "A009"]
    names = user_admin.labels(
        db.run_query(con, "filter_regions", {}, Scope.everything()),
        db.run_query(con, "filter_stores", {}, Scope.everything()),
        pickers,
        "en",
    )
    assert list(names.agents.values()) == [
        "A001 Agent One", "A002 Agent Two", "A003 Agent Three", "A004 Agent Four", "A009 A009"
    ]  # fmt: skip
    assert names.teams == {1: "T1 Team One", 2: "T2 Team Two"}
    con.close()
