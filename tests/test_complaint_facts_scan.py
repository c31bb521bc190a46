"""How complaint_facts reads the complaints (issue 14): the period's range is a filter inside the scan, so that
DuckDB skips the row groups outside it by their zone maps; and the complaints received before the period that
a figure still touches are found by the narrow tail scans (resolved in the period, closed in it without a
resolution stamp, still open; a date-only resolution on the period's first day in a zone east of UTC)."""

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest

from portal import complaints, db, kpi
from portal.scope import Scope
from tests import complaints_fixture as fx

GOALS = complaints.Targets()
FIRST_DAY_COLUMNS = {"received_at", "received_date_only", "store_id", "region_id"}
ROW_GROUP = 122_880  # DuckDB's rows a row group


def _scans(node: dict) -> list[dict]:
    found = [node] if node.get("name") == "SEQ_SCAN" else []
    for child in node.get("children", []):
        found += _scans(child)
    return found


@pytest.mark.parametrize("name", [complaints.SUMMARY_QUERY, complaints.PREVIOUS_SUMMARY_QUERY])
@pytest.mark.parametrize("business_hours", [False, True])
def test_period_range_is_pushed_into_the_complaints_scan(con, business_hours, name):
    # the text that runs (db.statement_sql): complaint_facts_calendar in calendar hours, complaint_facts in
    # business hours; the period's row and the previous period's (the columns a tile's change reads)
    fx.load(con)
    query = db.load_query(name)
    params = {"lang": "en", **Scope.everything().sql_params()}
    params |= complaints.query_params(
        replace(fx.CURRENT, business_hours=business_hours), GOALS, fx.AS_OF, fx.AS_OF
    )
    bound = db.bind(query, params)
    sql = db.statement_sql(query, bound)
    assert ("complaint_facts_calendar(" in sql) is not business_hours
    plan = json.loads(con.execute("explain (format json) " + sql, bound).fetchall()[0][1])
    scans = [
        s for node in plan for s in _scans(node) if s["extra_info"].get("Table", "").endswith("complaints")
    ]
    lower = (params["start_at"] - timedelta(days=1)).isoformat(" ")
    # the first day of complaint data in scope (covered_from, beside the tiles: models/complaints_covered_from.sql)
    # is read whatever the period, from the columns that first day takes alone: two scans, the earliest complaint
    # (a top-N) and the complaints of its first days (test_the_first_day_reads_the_first_days_alone)
    first_day = [s for s in scans if f"'{lower}'" not in json.dumps(s["extra_info"].get("Filters", ""))]
    assert len(first_day) == 2, scans
    for scan in first_day:
        read = scan["extra_info"]["Projections"]
        assert set([read] if isinstance(read, str) else read) <= FIRST_DAY_COLUMNS, first_day
    filters = [json.dumps(s["extra_info"].get("Filters", "")) for s in scans if s not in first_day]
    # the rows received in the period: a range on received_at from a day before its start, inside the scan
    assert any(f"received_at>='{lower}'" in f for f in filters), filters
    # every other scan of the complaints carries a bound of the period (none reads them whole)
    assert all(f"'{lower}'" in f for f in filters), filters


def _rows_scanned(node: dict) -> int:
    return node.get("operator_rows_scanned", 0) + sum(map(_rows_scanned, node.get("children", [])))


def test_the_first_day_reads_the_first_days_alone(con, tmp_path):
    # issue 14: the first day of complaint data in scope (complaints_covered_from) read every complaint in scope
    # (~9 ms of CPU a statement chain-wide at bench scale 10, ~55 ms for a list of stores); the earliest complaint
    # and those received within two days of it are enough, and DuckDB skips the row groups after them. 300,000
    # complaints received after the fixture's, in order: three row groups, of which the first day reads the first
    # (once for the earliest complaint, once for its first days)
    fx.load(con)
    total = 300_000 + con.execute("select count(*) from complaints").fetchone()[0]
    con.execute(
        "insert into complaints (source, source_id, received_at, channel, status) "
        "select 'bulk', 'b' || i, timestamp '2024-04-01' + i * interval 1 minute, 'hotline', 'closed' "
        "from range(300000) as r (i)"
    )
    out = tmp_path / "profile.json"
    con.execute("pragma enable_profiling = 'json'")
    con.execute(f"pragma profiling_output = '{out}'")
    try:
        first = con.execute(
            "select covered_from from complaints_covered_from(true, [], [], [], [], 'Asia/Shanghai')"
        ).fetchall()
    finally:
        con.execute("pragma disable_profiling")
    assert first == [(date(2024, 1, 10),)]  # c14: 10 Jan 00:00 UTC, 08:00 in Shanghai
    scanned = _rows_scanned(json.loads(out.read_text()))
    # exactly two row groups: the earliest complaint's and its first days' (DuckDB 1.5.5 pinned)
    assert 0 < scanned <= 2 * ROW_GROUP < total, (scanned, total)  # before: every complaint (total)
    # a scope holding no complaint (a store with none yet) reads the table once, for the earliest complaint, not
    # a second time for its first days (review of 2f625f2: a null bound pushed no filter, 600,028 rows scanned)
    con.execute("pragma enable_profiling = 'json'")
    try:
        none = con.execute(
            "select covered_from from complaints_covered_from(false, [99], [], [], [], 'Asia/Shanghai')"
        ).fetchall()
    finally:
        con.execute("pragma disable_profiling")
    assert none == [(None,)]
    scanned = _rows_scanned(json.loads(out.read_text()))
    assert scanned <= total, (scanned, total)


def _materialized(node: dict) -> list[str]:
    """The names of the CTEs the plan materializes (copies) before reading them."""
    own = [node["extra_info"].get("CTE Name", "")] if node.get("name") == "CTE" else []
    return own + [name for child in node.get("children", []) for name in _materialized(child)]


@pytest.mark.parametrize("business_hours", [False, True])
def test_the_summary_reads_its_facts_without_copying_them(con, business_hours):
    # complaint_summary and the previous period's complaint_previous_summary read their facts once
    # (complaint_totals): materialized, every column of every row was copied first (issue 14: ~17 ms of its ~185
    # ms of CPU at bench scale 10); the breakdowns, which read them in several parts, keep their one copy
    fx.load(con)
    params = {"lang": "en", "weeks_only": False, "hot_spots": "with", **Scope.everything().sql_params()}
    params |= complaints.query_params(
        replace(fx.CURRENT, business_hours=business_hours), GOALS, fx.AS_OF, fx.AS_OF
    )
    found = {}
    for name in (complaints.SUMMARY_QUERY, complaints.PREVIOUS_SUMMARY_QUERY, complaints.BREAKDOWNS_QUERY):
        query = db.load_query(name)
        bound = db.bind(query, params)
        plan = json.loads(
            con.execute("explain (format json) " + db.statement_sql(query, bound), bound).fetchall()[0][1]
        )
        found[name] = [cte for node in plan for cte in _materialized(node)]
    assert "facts" not in found[complaints.SUMMARY_QUERY]
    assert "facts" not in found[complaints.PREVIOUS_SUMMARY_QUERY]
    assert found[complaints.BREAKDOWNS_QUERY].count("facts") == 1


def test_complaints_received_before_the_period(con):
    fx.add_complaints(
        con,
        [
            # received in January; resolved in the period: counted as resolved (its 1,512 h resolution time)
            fx.complaint("t1", received="01-02 00:00", first_response="01-02 01:00", resolved="03-05 00:00",
                         status="resolved"),
            # closed in the period without a resolution stamp: its closing is its resolution stamp
            fx.complaint("t2", received="01-03 00:00", first_response="01-03 01:00", closed="03-06 00:00",
                         status="closed"),
            # still open: backlog at the period's end
            fx.complaint("t3", received="01-04 00:00", first_response="01-04 01:00", status="responded"),
            # resolved on 03-04 (date only): the period's first day in every zone
            fx.complaint("t4", received="01-05 00:00", first_response="01-05 01:00", resolved="03-04 00:00",
                         resolved_date_only=True, status="resolved"),
            # resolved 03-02 12:00 UTC, before the period (03-03 01:00 in Auckland, still before it)
            fx.complaint("t5", received="01-06 00:00", first_response="01-06 01:00", resolved="03-02 12:00",
                         status="resolved"),
            # cancelled, with a closing date in the period: neither resolved nor backlog
            fx.complaint("t6", received="01-07 00:00", closed="03-05 00:00", status="cancelled"),
        ],
    )  # fmt: skip
    run = kpi.runner(con, Scope.everything())
    for zone in ("UTC", "Pacific/Auckland", "America/Los_Angeles"):
        filters = replace(fx.CURRENT, timezone=zone)
        s = complaints.summary(run, filters, GOALS, as_of=complaints.period_end(filters))
        assert s["complaint_count"] == 0, zone
        assert s["resolved_count"] == 3, zone  # t1, t2, t4
        assert s["resolution_n"] == 2, zone  # t1, t2 (t4's date-only stamp has no hours)
        assert s["backlog_count"] == 1, zone  # t3
        bd = complaints.breakdowns(run, filters, GOALS, as_of=complaints.period_end(filters))
        weeks = bd[bd["dimension"] == "resolved_week"]
        assert weeks["resolution_n"].sum() == 2, zone
        assert int(bd.loc[bd["dimension"] == "backlog_age", "backlog_count"].sum()) == 1, zone


def _cte_columns(node: dict, name: str) -> list[str] | None:
    if node.get("name") == "CTE" and node["extra_info"].get("CTE Name") == name:
        return list(node["children"][0]["extra_info"].get("Projections", []))
    for child in node.get("children", []):
        found = _cte_columns(child, name)
        if found is not None:
            return found
    return None


def test_the_breakdowns_copy_only_what_they_read_and_group_categories_once(con):
    # issue 14: the breakdowns' one copy of their facts leaves out the columns no part reads (a copy costs by its
    # width), and the category x store cells and the source's own categories are summed from one aggregate over
    # the period's rows instead of two
    fx.load(con)
    params = {"lang": "en", "weeks_only": False, "hot_spots": "with", **Scope.everything().sql_params()}
    params |= complaints.query_params(fx.CURRENT, GOALS, fx.AS_OF, fx.AS_OF)
    query = db.load_query(complaints.BREAKDOWNS_QUERY)
    bound = db.bind(query, params)
    plan = json.loads(
        con.execute("explain (format json) " + db.statement_sql(query, bound), bound).fetchall()[0][1]
    )
    copied = next(c for node in plan if (c := _cte_columns(node, "facts")) is not None)
    assert {"complaint_id", "region_id", "status", "first_response_at"}.isdisjoint(copied)
    assert {"category_raw", "first_response_hours", "is_backlog", "age_hours"} <= set(copied)
    assert [cte for node in plan for cte in _materialized(node)].count("by_category_source_store") == 1
