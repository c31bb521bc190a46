"""Scope is enforced inside the SQL of every query file (a new file that forgets it fails here).

Each file in queries/ must (1) start with a comment saying what it returns, (2) filter with the scope
macros / parameters, and (3) return nothing (no rows, or only zero / empty figures) for a caller whose scope
is empty, on a database full of demo data — while returning data for a chain-wide caller.
"""

from datetime import date, timedelta

import pandas as pd
import pytest

from portal import db, demo, users
from portal.filters import Filters
from portal.scope import Scope

SCOPE_USE = (
    "in_store_scope($scope_all_stores, $scope_store_ids",
    "in_agent_scope($scope_all_agents",
    "$scope_all_stores and $scope_all_agents",
)

# Default values for the parameters queries take besides scope and filters (add yours here).
EXTRA_PARAMS = {
    "actions": [],
    "username": "",
    "is_admin": True,  # import_batches: an admin sees every batch (still only with chain-wide scope)
    "previous_start_on": date.today() - timedelta(days=1601),  # satisfaction_summary: the period before
    "previous_end_on": date.today() - timedelta(days=801),
    "grain": "month",  # satisfaction_trend
    "scores": [],  # satisfaction_comments
    "limit": 50,
    "as_of": date.today() + timedelta(days=1),  # complaint_*: backlog
    "sla_as_of": date.today() + timedelta(days=1),  # complaint_*: SLA windows
    "sla_hours": 24.0,
    "target_high_hours": 48.0,
    "target_normal_hours": 72.0,
    "target_low_hours": 168.0,
    "agent_ids": [],  # qa_review_list
    "dispute_statuses": [],  # qa_disputes
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
    return params


@pytest.fixture(scope="module")
def demo_con(tmp_path_factory):
    con = db.connect(tmp_path_factory.mktemp("scope") / "demo.duckdb")
    demo.generate(con, scale=0.01, seed=3)
    users.create_demo_users(con)
    con.execute("insert into audit_log (username, action) values ('someone', 'login')")
    con.execute("insert into import_batches (kind, created_by) values ('complaints', 'someone')")
    yield con
    con.close()


QUERIES = db.query_names()


def test_there_are_queries():
    assert "data_status" in QUERIES


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
def test_empty_scope_sees_nothing(demo_con, name):
    params = _params(demo_con)
    everything = db.run_query(demo_con, name, params, Scope.everything())
    nothing = db.run_query(demo_con, name, params, Scope.nothing())
    assert not _is_empty_answer(everything), "the demo data should give a chain-wide caller some figures"
    assert _is_empty_answer(nothing), nothing.head()


@pytest.mark.parametrize("name", QUERIES)
def test_store_scope_limits_store_rows(demo_con, name):
    first_store = demo_con.execute("select min(store_id) from stores").fetchone()[0]
    result = db.run_query(demo_con, name, _params(demo_con), Scope(store_ids=(first_store,)))
    if "store_id" in result.columns:
        assert set(result["store_id"].dropna().astype(int)) <= {first_store}
