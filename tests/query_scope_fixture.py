"""The query-scope net's fixture building (tests/test_query_scope.py): the parameters every query is run with, the
demo's moved agent (move_an_agent), the narrow scopes, the model of scope the pruned copies are cut by (an agent's
spans, the day a row is placed on) and prune_outside, which deletes every row outside a scope."""

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pandas as pd

from portal import navigation, settings, users
from portal.auth import User
from portal.filters import Filters
from portal.ingest import pipeline, registry
from portal.scope import Scope

MOVED_ON = date.today() - timedelta(
    days=400
)  # mid-period (the queries read the 800 days to today): move_an_agent
# Default values for the parameters queries take besides scope and filters (add yours here).
EXTRA_PARAMS = {
    "actions": [],
    # data_status: every kind of data (what the roles may see is the page's choice; scope is the SQL's)
    "kinds": list(navigation.DATA_KINDS),
    "username": "",
    "store_codes": ["S001", "S002", "S003"],  # fives_sheet_stores: the codes a 5S sheet upload names
    "is_admin": True,  # import_batches: an admin sees every batch (still only with chain-wide scope)
    "previous_start_on": date.today() - timedelta(days=1601),  # satisfaction_summary: the period before
    "previous_end_on": date.today() - timedelta(days=801),
    "grain": "month",  # satisfaction_trend
    "scores": [],  # satisfaction_comments
    "limit": 50,
    "weeks_only": False,  # complaint_breakdowns: every row (its 'summary' row and the breakdowns by key too)
    "hot_spots": "with",  # complaint_breakdowns: the hot spots' rows too
    # complaint_list: every complaint received in the period, first page
    "which": "received",  # (its $statuses and $agent_ids: the empty lists below)
    "received_from": datetime(1, 1, 2),  # no lower bound on received_at (portal.complaints.listing.EARLIEST)
    "age_buckets": [],
    "overdue": "",
    "sort": "received_at",
    "descending": True,
    "offset": 0,
    "as_of": date.today() + timedelta(days=1),  # complaint_*: backlog
    "sla_as_of": date.today() + timedelta(days=1),  # complaint_*: SLA windows
    "sla_hours": 24.0,
    "target_high_hours": 48.0,
    "target_normal_hours": 72.0,
    "target_low_hours": 168.0,
    "excellent_min": 90.0,  # fives_*: band thresholds
    "good_min": 80.0,
    "needs_improvement_min": 60.0,
    "today": date.today(),  # fives_*: overdue actions
    "statuses": [],  # fives_actions
    "action_id": 1,  # fives_action_steps: one action's steps
    # scorecard_*: two periods over the whole window, split on the day the moved agent moved (move_an_agent: the
    # first is placed by his former team and home store); no team or agent selection
    "period_starts_at": [
        datetime.combine(d, time.min) for d in (date.today() - timedelta(days=800), MOVED_ON)
    ],
    "period_ends_at": [datetime.combine(d, time.min) for d in (MOVED_ON, date.today() + timedelta(days=1))],
    "period_starts_on": [date.today() - timedelta(days=800), MOVED_ON],
    "period_ends_on": [MOVED_ON, date.today() + timedelta(days=1)],
    "team_ids": [],
    "agent_ids": [],
    "agent_team_id": None,  # complaint_list: no team on the received date asked for
    # complaint_list_names: the caption of a list of agents 1 to 40 and team 2 on the received date
    "caption_agent_ids": list(range(1, 41)),
    "caption_team_id": 2,
    "dispute_statuses": [],  # qa_disputes
    "weeks": 12,  # overview_store_relation: the weeks of the window (complaints per store-week)
    "store_id": 1,  # store_regions_held: one store's regions (with a database: a store that moved)
    "low_confidence_n": 5,  # fives_headline: a store is counted in a band on at least this many inspections
}


def _params(con=None) -> dict:
    today = date.today()
    params = Filters(start=today - timedelta(days=800), end=today).sql_params()
    params.update(EXTRA_PARAMS)
    if (
        con is not None
    ):  # complaint_detail, complaint_status_history: one complaint (with a history) by source id
        params["complaint"] = con.execute(
            "select min(c.source_id) from complaints as c join complaint_status_history as h using (complaint_id)"
        ).fetchone()[0]
        # store_regions_held: a store that changed region (the demo's S043), else the first store
        params["store_id"] = con.execute(
            "select coalesce(max(store_id), 1) from (select store_id from store_region_history "
            "group by store_id having count(*) > 1)"
        ).fetchone()[0]
        # fives_action_steps: an action with a step (a verified one)
        params["action_id"] = con.execute(
            "select coalesce(min(action_id), 1) from corrective_actions where verified_at is not null"
        ).fetchone()[0]
    return params


# The portal never writes a move in the past: the agents upload dates a move on the day it is made. Re-dating the
# history rows to MOVED_ON stands in for an upload made on that day, so that the queries' 800 days hold a move.
def move_an_agent(con) -> int:
    """An agent of the first team (the demo team lead's), homed in the first region (the demo manager's), with QA
    reviews before and after ``MOVED_ON``, moved that day to another team and a home store of another region: by
    the agents upload (the write path; its history rows begin on the upload's day), then dated back to
    ``MOVED_ON`` as a move of then would be. Every query's scope is then checked on an agent with history: his
    rows before the move are the first team's and region's, those after the new ones' (models/agent_team_spans.sql).
    Returns his agent_id."""
    agent, code = (
        con.execute(
            "select a.agent_id, a.agent_code from agents_now as a join stores_now as s on s.store_id = a.home_store_id "
            "where a.team_id = (select min(team_id) from teams) and s.region_id = (select min(region_id) from regions) "
            "and a.agent_id > (select min(agent_id) from agents_now where team_id = a.team_id) "  # not the demo agent
            "and exists (select 1 from qa_reviews as r where r.agent_id = a.agent_id and r.reviewed_on < $d) "
            "and exists (select 1 from qa_reviews as r where r.agent_id = a.agent_id and r.reviewed_on >= $d) "
            "order by a.agent_id limit 1",
            {"d": MOVED_ON},
        ).fetchone()
        or _reviews_either_side(con)
    )
    team, store = con.execute(
        "select t.team_code, s.store_code from teams as t, stores_now as s "
        "where t.team_id > (select min(team_id) from teams) and s.region_id > (select min(region_id) from regions) "
        "order by t.team_id, s.store_id limit 1"
    ).fetchone()
    admin = User("t_admin", "Admin", ("admin",), Scope.everything())
    text = f"agent_code,team_code,home_store_code\n{code},{team},{store}\n"
    pipeline.import_bytes(
        con, registry.kind("agents"), text.encode(), "agents.csv", None, pipeline.ImportOptions(), admin
    )
    day = con.execute(
        "select max(valid_from) from agent_team_history where agent_id = ?", [agent]
    ).fetchone()[0]
    con.execute("update agent_team_history set valid_to = $m where agent_id = $a and valid_to = $d",
                {"m": MOVED_ON, "a": agent, "d": day})  # fmt: skip
    con.execute("update agent_team_history set valid_from = $m where agent_id = $a and valid_from = $d",
                {"m": MOVED_ON, "a": agent, "d": day})  # fmt: skip
    return agent


def _reviews_either_side(con) -> tuple[int, str]:
    """(agent_id, agent_code) of the first such agent with a QA review, given a review (of no complaint) a month
    before or after ``MOVED_ON`` where he has none: the demo's 200 reviews at scale 0.01 follow the clock of the
    moment it is built, and on some runs none of his team and region had reviews on both sides of the day (the
    fixture failed with "cannot unpack non-iterable NoneType"). A review of no complaint, so that no complaint of
    the other team is named by it."""
    agent, code = con.execute(
        "select a.agent_id, a.agent_code from agents_now as a join stores_now as s on s.store_id = a.home_store_id "
        "where a.team_id = (select min(team_id) from teams) and s.region_id = (select min(region_id) from regions) "
        "and a.agent_id > (select min(agent_id) from agents_now where team_id = a.team_id) "
        "and exists (select 1 from qa_reviews as r where r.agent_id = a.agent_id) "
        "order by a.agent_id limit 1"
    ).fetchone()
    before, after = con.execute(
        "select count(*) filter (where reviewed_on < $d), count(*) filter (where reviewed_on >= $d) "
        "from qa_reviews where agent_id = $a",
        {"d": MOVED_ON, "a": agent},
    ).fetchone()
    for held, day in ((before, MOVED_ON - timedelta(days=30)), (after, MOVED_ON + timedelta(days=30))):
        if not held:
            con.execute(
                "insert into qa_reviews (source_id, agent_id, complaint_id, reviewed_on, reviewer, score) "
                "values (?, ?, null, ?, 'QA fixture', 80)",
                [f"QA-MOVE-{day:%Y%m%d}", agent, day],
            )
    return agent, code


MASTER_TABLES = {"regions", "stores", "teams", "agents", "users"}  # listed for pickers; scoped by id checks
# kept whole too: the region a store had on a date places an agent's row (agent_in_scope); a copy without another
# region's history rows would place a moved store's past in its region now
KEPT_TABLES = MASTER_TABLES | {"store_region_history"}


def _narrow_scopes(con) -> dict[str, Scope]:
    store = con.execute(
        "select min(store_id) from stores where store_id in (select store_id from complaints) "
        "and store_id in (select store_id from survey_responses)"
    ).fetchone()[0]
    team = con.execute("select min(team_id) from teams").fetchone()[0]
    agent = con.execute(
        "select min(agent_id) from agents where agent_id in (select agent_id from complaints)"
    ).fetchone()[0]
    scopes = {
        "one_store": Scope(store_ids=(store,)),
        "one_team": Scope(team_id=team),
        "one_agent": Scope(agent_id=agent),
        "store_and_team": Scope(store_ids=(store,), team_id=team),
    }
    # and the scopes users.scope_for gives the demo users (one region, a team lead, two stores, one agent)
    for name in ("manager", "teamlead", "inspector", "agent"):
        scopes[f"user_{name}"] = users.load_user(con, name).scope
    # where the moved agent went (move_an_agent): his new team's lead, his new home store's region's manager, whom
    # his rows from before the move do not concern
    ((team, region),) = con.execute(
        "select a.team_id, s.region_id from agents_now as a join stores_now as s on s.store_id = a.home_store_id "
        "where a.agent_id in (select agent_id from agent_team_history)"
    ).fetchall()
    scopes["moved_to_team"] = Scope(team_id=team)
    scopes["moved_to_region"] = replace(scopes["user_manager"], region_ids=(region,))
    return scopes


def _span_in_scope(scope: Scope, span: str = "s") -> str:
    """SQL: an agent's span (``span``, a row of agent_team_spans(): the team and home store the agent had over some
    days) lies inside ``scope``, as agent_in_scope decides: a manager's (every agent by role) reaches the agents
    whose home store is in their stores (their list, or their regions by the region the home store had on some
    day of its history: a superset of agent_in_scope's region on the row's date, which
    tests/test_agent_store_region_move.py holds to the day), unless they have the whole chain; a team lead their
    team's; an agent their own."""
    if scope.all_agents and scope.all_stores:
        return "true"
    if scope.all_agents and scope.agent_id is None:
        regions = f"{list(scope.region_ids)}::integer[]"
        return (
            f"(list_contains({list(scope.store_ids)}::integer[], {span}.home_store_id) "  # noqa: S608 - scope ids
            f"or {span}.home_store_id in (select store_id from stores_now where list_contains({regions}, region_id) "
            f"union select store_id from store_region_history where list_contains({regions}, region_id)))"
        )
    if scope.agent_id is not None:
        return f"{span}.agent_id = {int(scope.agent_id)}"
    if scope.team_id is not None:
        return f"{span}.team_id = {int(scope.team_id)}"
    return "false"


def _scope_agents(con, scope: Scope) -> set[int] | None:
    """The agents a scope reaches on some day (None: all): an agent moved out of it is reached for the days
    before the move (move_an_agent)."""
    if scope.all_agents and scope.all_stores:
        return None
    return {
        r[0]
        for r in con.execute(
            f"select distinct s.agent_id from agent_team_spans() as s where {_span_in_scope(scope)}"  # noqa: S608
        ).fetchall()
    }


# The day a row about an agent is placed on (the team and home store the agent had then decide the scope,
# models/agent_team_spans.sql): a complaint's received day in the reporting zone, a QA review's day, a sign-off's
# period's last day. A table with an agent_id not listed here is kept where its agent is in scope on any day (a
# dispute then goes with its review, which it rests on).
def _agent_day(table: str, tz: str) -> str | None:
    return {
        "complaints": f"timezone('{tz}', timezone('UTC', received_at))::date",
        "qa_reviews": "reviewed_on",
        "scorecard_sign_offs": "period_last_day(grain, period_start)",
    }.get(table)


def _agent_in(scope: Scope, table: str, tz: str) -> str:
    """SQL: the row of ``table`` (with an agent_id) is inside ``scope`` by its agent on the row's day (an agent's
    history rows: on any day)."""
    if scope.all_agents and scope.all_stores:
        return "true"
    day = _agent_day(table, tz)
    on_day = f"and {day} >= s.valid_from and {day} < s.valid_to" if day else ""
    return (
        f"exists (select 1 from agent_team_spans() as s where s.agent_id = {table}.agent_id {on_day} "  # noqa: S608
        f"and {_span_in_scope(scope)})"
    )


def _keys(con) -> tuple[dict[str, str], list[tuple[str, str, str, str]]]:
    """(single-column primary key per table, references child.col -> parent.col): the declared foreign keys
    and, by name, every column named like another table's primary key (complaint_id, response_id, ...)."""
    pks = {
        t: cols[0]
        for t, cols in con.execute(
            "select table_name, constraint_column_names from duckdb_constraints() "
            "where constraint_type = 'PRIMARY KEY'"
        ).fetchall()
        if len(cols) == 1
    }
    refs = {
        (t, c[0], p, pc[0])
        for t, c, p, pc in con.execute(
            "select table_name, constraint_column_names, referenced_table, referenced_column_names "
            "from duckdb_constraints() where constraint_type = 'FOREIGN KEY'"
        ).fetchall()
        if len(c) == 1
    }
    for table, column in con.execute(  # base tables: a view (stores_now) holds no rows of its own to prune
        "select c.table_name, c.column_name from information_schema.columns as c "
        "join information_schema.tables as t using (table_schema, table_name) "
        "where c.table_schema = 'main' and t.table_type = 'BASE TABLE'"
    ).fetchall():
        for parent, pk in pks.items():
            # store_assignments / agent_assignments are keyed by their store's or agent's own id (a 1:1 extension
            # of stores / agents): no other row rests on them
            if (
                column == pk
                and parent != table
                and column.endswith("_id")
                and not parent.endswith("_assignments")
            ):
                refs.add((table, column, parent, pk))
    return pks, sorted(refs)


def _columns(con) -> dict[str, set[str]]:
    cols: dict[str, set[str]] = {}
    for table, column in con.execute(
        "select c.table_name, c.column_name from information_schema.columns as c "
        "join information_schema.tables as t using (table_schema, table_name) "
        "where c.table_schema = 'main' and t.table_type = 'BASE TABLE'"
    ).fetchall():
        cols.setdefault(table, set()).add(column)
    return cols


def _row_region(table: str, columns: dict[str, set[str]], refs) -> str:
    """The region a row of ``table`` is placed in by a regional scope: its own region_id (the region stamped on a
    fact row), else the region of the fact row it hangs off (a corrective action: its inspection's), else its
    store's current region (master data: store hours, drafts)."""
    if "region_id" in columns[table]:
        return "region_id"
    for child, col, parent, pcol in refs:
        if child == table and parent != "stores" and {"region_id", "store_id"} <= columns.get(parent, set()):
            return f"(select p.region_id from {parent} as p where p.{pcol} = {table}.{col})"  # noqa: S608 - catalog names
    return f"(select s.region_id from stores_now as s where s.store_id = {table}.store_id)"  # noqa: S608 - catalog names


def prune_outside(con, scope: Scope) -> dict[str, int]:
    """Delete every row outside ``scope``: a row of a table with a store_id / agent_id column is outside when
    neither its store (in_store_scope: its store in the scope's list, or its region in the scope's regions, for a
    fact row its own region: _row_region) nor its agent (in_agent_scope) is in the scope; a row that rests on a
    deleted row goes with it (a nullable link from an in-scope row of its own is cut instead)."""
    columns = _columns(con)
    _, refs = _keys(con)
    tz = settings.report_timezone(con)
    deleted: dict[str, int] = {}

    def owns_scope(table: str) -> bool:
        return bool({"store_id", "agent_id"} & columns[table])

    def delete(table: str, where: str, depth: int = 0) -> None:
        assert depth < 8, f"reference cycle at {table}"
        for child, col, parent, pcol in refs:
            if parent != table or child in MASTER_TABLES or child == table:
                continue
            rests_on = f"{col} in (select {pcol} from {table} where {where})"  # noqa: S608 - identifiers from the catalog
            nullable = con.execute(
                "select is_nullable from information_schema.columns where table_name = ? and column_name = ?",
                [child, col],
            ).fetchone()[0]
            if owns_scope(child) and nullable == "YES":
                con.execute(f"update {child} set {col} = null where {rests_on}")  # noqa: S608 - identifiers from the catalog
            else:
                delete(child, rests_on, depth + 1)
        n = con.execute(f"select count(*) from {table} where {where}").fetchone()[0]  # noqa: S608 - identifiers from the catalog
        con.execute(f"delete from {table} where {where}")  # noqa: S608 - identifiers from the catalog
        deleted[table] = deleted.get(table, 0) + n

    for table in sorted(columns):
        if table in KEPT_TABLES or not owns_scope(table):
            continue
        stores = (
            "true"
            if scope.all_stores
            else f"list_contains({list(scope.store_ids)}::integer[], store_id) "
            f"or list_contains({list(scope.region_ids)}::integer[], {_row_region(table, columns, refs)})"
        )
        inside = [
            f"coalesce({stores}, false)" if "store_id" in columns[table] else None,
            f"coalesce({_agent_in(scope, table, tz)}, false)" if "agent_id" in columns[table] else None,
        ]
        delete(table, "not (" + " or ".join(c for c in inside if c) + ")")
    return deleted


def _rows(df: pd.DataFrame) -> list[tuple]:
    """A result as a sorted list of plain rows (floats rounded), so two answers compare by content."""

    def plain(value):
        if isinstance(value, float):
            return None if value != value else round(value, 9)
        if hasattr(value, "tolist"):
            value = value.tolist()
        if isinstance(value, list | tuple):
            return tuple(plain(v) for v in value)
        if value is None or value is pd.NaT or (not isinstance(value, str) and pd.isna(value) is True):
            return None
        return value

    return sorted((tuple(plain(v) for v in row) for row in df.itertuples(index=False)), key=repr)


def _whole_teams(con, scope: Scope, params: dict) -> set[tuple[int, int]]:
    """(team_id, period_no) of the teams every member of which (on the period's last day, as
    scorecard_team_members places them) lies inside ``scope``."""
    whole = set()
    for period_no, end in enumerate(params["period_ends_on"]):
        whole |= {
            (team, period_no)
            for team, inside in con.execute(
                f"select s.team_id, bool_and({_span_in_scope(scope)}) from agent_team_spans() as s "  # noqa: S608
                "where $day >= s.valid_from and $day < s.valid_to and s.team_id is not null group by s.team_id",
                {"day": end - timedelta(days=1)},
            ).fetchall()
            if inside
        }
    return whole


def _allowed_ids(con, scope: Scope) -> dict[str, set | None]:
    """Stores: the explicit list and every store that is or was in a region of the scope; regions: the scope's
    own and those the listed stores are or were in (a regional scope shows no other region's id)."""
    stores = None if scope.all_stores else set(scope.store_ids)
    agents = _scope_agents(con, scope)
    regions = None
    if stores is not None:
        regions = set(scope.region_ids) | {
            r[0]
            for r in con.execute(
                "select region_id from stores where list_contains(?, store_id) union "
                "select region_id from store_region_history where list_contains(?, store_id)",
                [sorted(stores), sorted(stores)],
            ).fetchall()
        }
        stores |= {
            r[0]
            for r in con.execute(
                "select store_id from stores_now where list_contains($r, region_id) union "
                "select store_id from store_region_history where list_contains($r, region_id)",
                {"r": list(scope.region_ids)},
            ).fetchall()
        }
    teams = None
    if agents is not None:  # the teams the scope's agents had while in it (a moved agent: before or after)
        teams = {
            r[0]
            for r in con.execute(
                f"select distinct s.team_id from agent_team_spans() as s where {_span_in_scope(scope)}"  # noqa: S608
            ).fetchall()
        }
    return {"store_id": stores, "region_id": regions, "agent_id": agents, "team_id": teams}
