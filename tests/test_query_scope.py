"""Scope is enforced inside the SQL of every query file (a new file that forgets it fails here).

Each file in queries/ must (1) start with a comment saying what it returns, (2) filter with the scope
macros / parameters, and (3) return nothing (no rows, or only zero / empty figures) for a caller whose scope
is empty, on a database full of demo data — while returning data for a chain-wide caller; (4) under every
narrow scope (one store, one team, one agent, and the scopes users.scope_for gives the demo users) give the
same answer as on a copy of the database holding only that scope's rows, and show no id of another store,
region, team or agent; admin-only files give narrow scopes nothing. users.scope_for and the upload scope
checks of every upload kind are in the same net.
"""

import contextlib
import copy
import shutil
from datetime import datetime

import pandas as pd
import pytest

from portal import db, demo, frames, settings, users
from portal.ingest import pipeline, registry, templates
from portal.scope import Scope
from tests import fixtures
from tests.query_scope_fixture import (
    MOVED_ON,
    _allowed_ids,
    _narrow_scopes,
    _params,
    _rows,
    _scope_agents,
    _whole_teams,
    move_an_agent,
    prune_outside,
)

SCOPE_USE = (
    "in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids",
    "in_agent_scope($scope_all_agents",
    "agent_in_scope(",
    "$scope_all_stores and $scope_all_agents",
)
SCOPE_MACROS = ("in_store_scope(", "in_agent_scope(", "agent_in_scope(")


@pytest.fixture(scope="module")
def demo_con(tmp_path_factory):
    con = fixtures.fresh_db(tmp_path_factory.mktemp("scope") / "demo.duckdb")
    demo.generate(con, scale=0.01, seed=3)
    users.create_demo_users(con)
    con.execute("insert into audit_log (username, action) values ('someone', 'login')")
    con.execute("insert into import_batches (kind, created_by) values ('complaints', 'someone')")
    move_an_agent(con)
    yield con
    con.close()


QUERIES = db.query_names()


def test_there_are_queries():
    assert "data_status" in QUERIES


def _run(con, name, params=None, scope=None) -> pd.DataFrame:
    """``db.run_query``'s result as a frame: a query of a row or two comes back as ``frames.Rows``."""
    result = db.run_query(con, name, params, scope)
    if isinstance(result, frames.Rows):
        return pd.DataFrame(list(result.values), columns=list(result.columns))
    return result


@pytest.mark.parametrize("name", QUERIES)
def test_query_file_declares_purpose_and_uses_scope(name):
    query = db.load_query(name)
    assert query.sql.lstrip().startswith("--"), "a header comment says what the query returns"
    assert any(use in query.sql for use in SCOPE_USE), "the query must filter with the caller's scope"
    assert {"scope_all_stores", "scope_all_agents"} & query.parameters


def _is_empty_answer(df: pd.DataFrame) -> bool:
    if df.empty:
        return True
    numeric = df.select_dtypes("number")
    return numeric.fillna(0).eq(0).all().all() and not numeric.empty


@pytest.mark.parametrize("name", QUERIES)
def test_empty_scope_sees_nothing(demo_con, shared, name):
    params = shared.params()
    everything = _run(demo_con, name, params, Scope.everything())
    nothing = _run(demo_con, name, params, Scope.nothing())
    assert not _is_empty_answer(everything), "the demo data should give a chain-wide caller some figures"
    assert _is_empty_answer(nothing), nothing.head()


@pytest.mark.parametrize("name", QUERIES)
def test_store_scope_limits_store_rows(demo_con, shared, name):
    first_store = demo_con.execute("select min(store_id) from stores").fetchone()[0]
    result = _run(demo_con, name, shared.params(), Scope(store_ids=(first_store,)))
    if "store_id" in result.columns:
        assert set(result["store_id"].dropna().astype(int)) <= {first_store}


# ---------------------------------------------------------------- the net without holes
# Every query file, under every narrow scope below, must give exactly the answer it gives on a copy of the
# database from which every row outside that scope was deleted: an answer that rests on another store's,
# team's or agent's rows changes when those rows go, whatever columns the query returns. The copy is made
# generically (any table with a store_id or agent_id column is pruned, and what rests on a pruned row with
# it), so a new query file, and a new fact table, is inside the net without being listed anywhere.
# The one query whose answer under an agent's own scope rests on their teammates' rows on purpose: SPEC §3 gives
# the agent their rank and percentile in the team. It names nobody (test_team_standing_names_nobody).
TEAM_STANDING = {"scorecard_team_members"}
# The QA reviews behind a card place each review as the card is placed, by the agent's team and home store on the
# period's last day ($end_on; queries/scorecard_agent_periods.sql), not on the review's own day as the pruned copies
# do: the two differ for the moved agent only where the period spans his move, as the test's 800 days do.
CARD_PERIOD = {"scorecard_qa_reviews"}
MOVED_SCOPES = {"moved_to_team", "moved_to_region"}
ADMIN_ONLY = "$scope_all_stores and $scope_all_agents"


@pytest.fixture(scope="module")
def pruned(demo_con, tmp_path_factory):
    """Per narrow scope: a connection to a copy of the demo database holding only that scope's rows."""
    folder = tmp_path_factory.mktemp("pruned")
    scopes = _narrow_scopes(demo_con)
    demo_con.execute("checkpoint")
    source_path = demo_con.execute(
        "select path from duckdb_databases() where database_name = current_database()"
    ).fetchone()[0]
    opened = {}
    for name, scope in scopes.items():
        target = folder / f"{name}.duckdb"
        shutil.copyfile(source_path, target)
        con = db.connect(target)
        prune_outside(con, scope)
        opened[name] = (scope, con)
    yield opened
    for _, con in opened.values():
        con.close()


class _Shared:
    """What several tests compute identically on the demo database, computed once per module: the queries'
    parameters (``_params``: four statements), a query's answer on the whole database under a narrow scope (by
    its name in ``pruned``) with those parameters (test_answer_rests_only_on_rows_in_scope,
    test_ids_shown_are_in_scope and test_rows_about_agents_show_only_agents_in_scope each ran it) and the ids a
    narrow scope may show (``_allowed_ids``). Every call hands back a copy, so no test alters what another is
    given. The tests reading them run before any test of this module writes to the demo database (the refused
    uploads at its end)."""

    def __init__(self, con):
        self._con = con
        self._params: dict | None = None
        self._answers: dict[tuple[str, str], pd.DataFrame] = {}
        self._allowed: dict[str, dict] = {}

    def params(self) -> dict:
        if self._params is None:
            self._params = _params(self._con)
        return copy.deepcopy(self._params)

    def answer(self, name: str, scope_name: str, scope: Scope) -> pd.DataFrame:
        if (name, scope_name) not in self._answers:
            self._answers[name, scope_name] = _run(self._con, name, self.params(), scope)
        return self._answers[name, scope_name].copy(deep=True)

    def allowed(self, scope_name: str, scope: Scope) -> dict[str, set | None]:
        if scope_name not in self._allowed:
            self._allowed[scope_name] = _allowed_ids(self._con, scope)
        return copy.deepcopy(self._allowed[scope_name])


@pytest.fixture(scope="module")
def shared(demo_con):
    return _Shared(demo_con)


SCOPE_NAMES = (
    "one_store",
    "one_team",
    "one_agent",
    "store_and_team",
    "user_manager",
    "user_teamlead",
    "user_inspector",
    "user_agent",
    "moved_to_team",
    "moved_to_region",
)


def test_the_pruned_copies_really_lose_rows(demo_con, pruned):
    def count(con, table: str) -> int:
        return con.execute(f"select count(*) from {table}").fetchone()[0]  # noqa: S608 - fixed names

    for name, (scope, con) in pruned.items():
        assert count(con, "survey_responses") < count(demo_con, "survey_responses"), name
        if not scope.all_agents:  # with every agent in scope, every complaint is reachable through its agent
            assert count(con, "complaints") < count(demo_con, "complaints"), name
    # the narrow store scope keeps its own store's rows, so the comparison is not between two empty answers
    _, con = pruned["one_store"]
    assert count(con, "complaints") > 0 and count(con, "survey_responses") > 0


@pytest.mark.parametrize("scope_name", SCOPE_NAMES)
@pytest.mark.parametrize("name", QUERIES)
def test_answer_rests_only_on_rows_in_scope(demo_con, pruned, shared, name, scope_name):
    scope, narrow = pruned[scope_name]
    if name in TEAM_STANDING and scope.agent_id is not None:
        pytest.skip("the team standing rests on teammates' rows, unnamed: test_team_standing_names_nobody")
    if name in CARD_PERIOD and scope_name in MOVED_SCOPES:
        pytest.skip("reviews placed by the card's period's last day, which spans the move: CARD_PERIOD")
    params = shared.params()
    full = shared.answer(name, scope_name, scope)
    alone = _run(narrow, name, params, scope)
    if name in TEAM_STANDING and scope.all_agents and not scope.all_stores:
        # a regional manager's region may hold part of a team (the moved agent's new team): that team's standing
        # rests on its members outside the region on purpose (the query's header). The teams reached must be the
        # same, and a team wholly inside the scope in a period must answer row for row
        reached = {tuple(k) for k in full[["team_id", "period_no"]].drop_duplicates().itertuples(index=False)}
        assert reached == {
            tuple(k) for k in alone[["team_id", "period_no"]].drop_duplicates().itertuples(index=False)
        }, f"{name} under {scope_name} reaches other teams than its scope's"
        whole = _whole_teams(demo_con, scope, params)
        # the demo manager's region holds whole teams and part of one: the check below compares rows
        if scope_name == "user_manager":
            assert reached & whole and reached - whole, "the net needs whole and partial teams"
        full, alone = (df[[(t, p) in whole for t, p in zip(df["team_id"], df["period_no"], strict=True)]]
                       for df in (full, alone))  # fmt: skip
    assert _rows(full) == _rows(alone), f"{name} under {scope_name} reads rows outside its scope"


@pytest.mark.parametrize("scope_name", SCOPE_NAMES)
@pytest.mark.parametrize("name", QUERIES)
def test_ids_shown_are_in_scope(pruned, shared, name, scope_name):
    """The ids a result shows: stores and their regions within the store scope; agents and teams within the
    agent scope (an agent's id on a row seen through its store is that row's, so only scopes without stores
    are held to it)."""
    scope, _ = pruned[scope_name]
    result = shared.answer(name, scope_name, scope)
    allowed = shared.allowed(scope_name, scope)
    held = ["store_id", "region_id"] + (
        [] if scope.store_ids or scope.region_ids or scope.all_stores else ["agent_id", "team_id"]
    )
    for column in held:
        if column in result.columns and allowed[column] is not None:
            shown = set(result[column].dropna().astype(int))
            assert shown <= allowed[column], f"{name} shows {column} {sorted(shown - allowed[column])}"


# the queries of rows about agents: agent_in_scope, or for a scorecard period agent_scope_spans (the days a
# manager's stores held the agent's home store), directly or through agent_period_metrics given the caller's scope
AGENT_RULES = ("agent_in_scope(", "agent_scope_spans(", "scope_all_agents := $scope_all_agents")
AGENT_ROW_QUERIES = [q for q in QUERIES if any(rule in db.load_query(q).sql for rule in AGENT_RULES)]


def test_the_agent_rule_covers_the_qa_and_scorecard_queries():
    assert {q for q in QUERIES if q.startswith(("qa_", "scorecard_"))} <= set(AGENT_ROW_QUERIES)


@pytest.mark.parametrize("scope_name", SCOPE_NAMES)
@pytest.mark.parametrize("name", AGENT_ROW_QUERIES)
def test_rows_about_agents_show_only_agents_in_scope(pruned, shared, name, scope_name):
    """QA reviews, disputes, sign-offs, scorecards (the queries of agent_in_scope) show only the scope's agents
    and their teams, also to a scope with stores: a regional manager (user_manager: every agent by role, one
    region's stores) sees the agents whose home store is in the region, no agent of another region."""
    scope, _ = pruned[scope_name]
    if name in TEAM_STANDING and scope.agent_id is not None:
        pytest.skip("the agent's team standing: test_team_standing_names_nobody")
    result = shared.answer(name, scope_name, scope)
    allowed = shared.allowed(scope_name, scope)
    for column in ("agent_id", "team_id"):
        if column in result.columns and allowed[column] is not None:
            shown = set(result[column].dropna().astype(int))
            assert shown <= allowed[column], f"{name} shows {column} {sorted(shown - allowed[column])}"
    if scope_name == "user_manager" and "agent_id" in result.columns:
        assert not result.empty, f"{name}: the demo manager's region has agents with rows"


def test_the_demo_manager_is_regional_and_other_regions_have_agents(demo_con):
    scope = users.load_user(demo_con, "manager").scope
    assert scope.all_agents and not scope.all_stores
    region_agents = _scope_agents(demo_con, scope)
    all_agents = {r[0] for r in demo_con.execute("select agent_id from agents").fetchall()}
    assert region_agents and region_agents < all_agents
    # and agents outside the region have QA reviews, so the net above has something to catch
    assert demo_con.execute(
        "select count(*) from qa_reviews where not list_contains(?, agent_id)", [sorted(region_agents)]
    ).fetchone()[0]


def test_list_caption_names_only_the_regional_managers_agents_and_teams(demo_con, shared):
    """complaint_list_names under a regional manager (every agent by role, one region's stores), asked for every
    agent and each team: it names the agents whose home store is in the region or who have a complaint there, and
    a team only where a complaint there was received while one of them was in it. Before, it named every agent
    and team of the chain (in_agent_scope alone holds every agent for a manager; the query reads no store-scoped
    row otherwise): A043, A056, A057 of another region and "T03 East Team 1"."""
    scope = users.load_user(demo_con, "manager").scope
    (region,) = scope.region_ids
    every_agent = [r[0] for r in demo_con.execute("select agent_id from agents order by agent_id").fetchall()]
    # by hand, on the base tables: a complaint's team on its received date (in the reporting zone) is its agent's
    # team, but for the agent moved on MOVED_ON (move_an_agent, the one agent with history), whose complaints
    # received before that day are his former team's
    ((moved, before),) = demo_con.execute(
        "select agent_id, team_id from agent_team_history where valid_to = ?", [MOVED_ON]
    ).fetchall()
    by_home = {
        r[0]
        for r in demo_con.execute(
            "select a.agent_id from agents as a join stores as s on s.store_id = a.home_store_id "
            "where s.region_id = ?",
            [region],
        ).fetchall()
    }
    by_complaint = set(
        demo_con.execute(
            "select distinct c.agent_id, case when c.agent_id = $m and (case when c.received_date_only "
            "then c.received_at::date else timezone($tz, timezone('UTC', c.received_at))::date end) < $d "
            "then $before else a.team_id end from complaints as c join agents as a using (agent_id) "
            "where c.region_id = $r",
            {
                "m": moved,
                "d": MOVED_ON,
                "tz": settings.report_timezone(demo_con),
                "before": before,
                "r": region,
            },
        ).fetchall()
    )
    assert {team for agent, team in by_complaint if agent == moved} == {
        before
    }  # his complaints there: before it
    expected_agents = by_home | {agent for agent, _ in by_complaint}
    expected_teams = {team for _, team in by_complaint}
    assert expected_agents and set(every_agent) - expected_agents, "the net needs agents on both sides"
    teams = [r[0] for r in demo_con.execute("select team_id from teams order by team_id").fetchall()]
    assert set(teams) - expected_teams, "and teams on both sides"
    for team in teams:
        params = shared.params() | {"caption_agent_ids": every_agent, "caption_team_id": team}
        result = _run(demo_con, "complaint_list_names", params, scope)
        named_agents = set(result.loc[result["kind"] == "agent", "agent_id"].astype(int))
        named_teams = set(result.loc[result["kind"] == "team", "team_id"].astype(int))
        assert named_agents == expected_agents, sorted(named_agents ^ expected_agents)
        assert named_teams == ({team} & expected_teams), (team, named_teams)


@pytest.mark.parametrize("scope_name", ("one_agent", "user_agent"))
@pytest.mark.parametrize("name", sorted(TEAM_STANDING))
def test_team_standing_names_nobody(demo_con, pruned, shared, name, scope_name):
    """Under an agent's scope: only the agent's own team, and no column that names or identifies a member."""
    scope, _ = pruned[scope_name]
    result = _run(demo_con, name, shared.params() | {"agent_ids": [scope.agent_id]}, scope)
    own_team = demo_con.execute("select team_id from agents where agent_id = ?", [scope.agent_id]).fetchone()[
        0
    ]
    assert not result.empty and set(result["team_id"]) == {own_team}
    assert not {"agent_id", "agent_code", "agent_name", "name", "username", "home_store_id"} & set(
        result.columns
    )


@pytest.mark.parametrize("scope_name", SCOPE_NAMES)
@pytest.mark.parametrize("name", [q for q in QUERIES if ADMIN_ONLY in db.load_query(q).sql])
def test_admin_only_queries_give_narrow_scopes_nothing(demo_con, pruned, shared, name, scope_name):
    scope, _ = pruned[scope_name]
    params = shared.params() | {"is_admin": False}
    assert _run(demo_con, name, params, scope).empty


@pytest.mark.parametrize("name", QUERIES)
def test_a_query_without_the_scope_macros_is_admin_only(name):
    sql = db.load_query(name).sql
    if not any(macro in sql for macro in SCOPE_MACROS):
        assert ADMIN_ONLY in sql, f"{name} neither applies a scope macro nor requires the chain-wide scope"


# ---------------------------------------------------------------- users.scope_for inside the net
def test_scope_for_gives_each_demo_user_their_rows_only(demo_con):
    first_region = demo_con.execute("select min(region_id) from regions").fetchone()[0]
    first_team, team_region = demo_con.execute(
        "select team_id, region_id from teams order by team_id limit 1"
    ).fetchone()
    two_stores = {
        r[0] for r in demo_con.execute("select store_id from stores order by store_id limit 2").fetchall()
    }
    first_agent = demo_con.execute(
        "select min(agent_id) from agents where team_id = ?", [first_team]
    ).fetchone()[0]
    scope = {
        n: users.load_user(demo_con, n).scope for n in ("admin", "manager", "teamlead", "inspector", "agent")
    }
    assert scope["admin"] == Scope.everything()
    # a region stays a region: its rows are those stamped with it, not those of the stores it has today
    assert scope["manager"] == Scope(region_ids=(first_region,), all_agents=True)
    assert scope["teamlead"] == Scope(region_ids=(team_region,), team_id=first_team)
    assert scope["inspector"] == Scope(store_ids=tuple(sorted(two_stores)))
    assert scope["agent"] == Scope(agent_id=first_agent)
    # and none of the narrow ones reaches the whole chain
    assert not any(s.all_stores for n, s in scope.items() if n != "admin")


# ---------------------------------------------------------------- upload scope checks inside the net
def _kind_rows(kind, code: str, column: str = "store_code") -> bytes:
    """The kind's own template rows, every row filed under ``code`` (a store, or an agent) with a fresh key."""
    frame = templates.template_frame(kind, "en")
    headers = {f.name: h for f, h in zip(templates.template_fields(kind), frame.columns, strict=True)}
    frame[headers[column]] = code
    for key in kind.key_fields:
        if key in headers:
            frame[headers[key]] = [f"SCOPE-NET-{i}" for i in range(len(frame))]
    return frame.to_csv(index=False).encode()


# Admin-only kinds (the chain's master data: stores, agents) have no uploader with a limited scope.
SCOPED_KINDS = [name for name, k in registry.kinds().items() if k.upload_roles != {"admin"}]


def test_master_data_kinds_are_uploaded_by_admins_only():
    assert sorted(set(registry.kinds()) - set(SCOPED_KINDS)) == ["agents", "stores"]
    assert not any(
        registry.kind(k).may_upload({r})
        for k in ("stores", "agents")
        for r in ("manager", "team_lead", "inspector", "agent")
    )


@pytest.mark.parametrize("kind_name", SCOPED_KINDS)
def test_uploads_outside_the_uploaders_scope_are_refused(demo_con, kind_name):
    kind = registry.kind(kind_name)
    names = [f.name for f in kind.fields]
    assert "store_code" in names or "agent_code" in names, (
        f"upload kind {kind_name} has no store or agent column: say how its rows are scoped and test it here"
    )
    column = "store_code" if "store_code" in names else "agent_code"  # QA reviews: scoped by agent
    uploader = next(
        u
        for u in (users.load_user(demo_con, n) for n in ("inspector", "manager", "teamlead"))
        if kind.may_upload(set(u.roles))
        and not (u.scope.all_stores if column == "store_code" else u.scope.all_agents)
    )
    if column == "store_code":  # new rows: the uploader's stores, or their region's stores of today
        inside, outside = demo_con.execute(
            "select min(store_code) filter (where mine), min(store_code) filter (where not mine) from ("
            "select store_code, list_contains($s, store_id) or list_contains($r, region_id) as mine from stores_now)",
            {"s": list(uploader.scope.store_ids), "r": list(uploader.scope.region_ids)},
        ).fetchone()
    else:
        inside, outside = demo_con.execute(
            "select min(agent_code) filter (where team_id = $t), min(agent_code) filter (where team_id <> $t) "
            "from agents",
            {"t": uploader.scope.team_id},
        ).fetchone()
    options = pipeline.ImportOptions(now=datetime(2026, 6, 1))

    def out_of_scope_rows(code: str) -> set[int]:
        raw = pipeline.read_upload(_kind_rows(kind, code, column), "scope.csv")
        prepared = pipeline.prepare(demo_con, kind, raw, None, options, uploader)
        return {r.row for r in prepared.errors.itertuples() if "out_of_scope" in r.reason}

    n_rows = len(kind.template_rows)
    assert out_of_scope_rows(outside) == set(range(2, n_rows + 2)), "every row of another store is refused"
    assert out_of_scope_rows(inside) == set(), "the uploader's own store is accepted"
    committed = "select count(*) from import_batches where status = 'committed'"
    before = demo_con.execute(committed).fetchone()[0]
    with contextlib.suppress(Exception):  # refused either way: an exception or a batch that writes nothing
        pipeline.import_bytes(
            demo_con, kind, _kind_rows(kind, outside, column), "scope.csv", None, options, uploader
        )
    assert demo_con.execute(committed).fetchone()[0] == before
