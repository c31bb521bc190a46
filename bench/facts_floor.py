"""How far stored complaint facts could take the complaint figures: ``python -m bench.facts_floor DB [--repeat 7]``.

Issue 14 asks for the Complaints page's figures at scale 10 in a third of the CPU they took when it was filed,
and proposes storing each complaint's facts (durations, flags) instead of deriving them on every read. This
measures the best that storing can give, before anyone builds it: every statement the ``complaints_page`` case
runs through ``db.run_query`` is timed as it is, then again with its ``complaint_facts(...)`` call replaced by a
table already holding that call's rows (the period's complaints with every flag, duration and period test done:
no scan of ``complaints``, no derivation at all). The second figure is a floor no stored-facts design can beat:
what remains is the statement's own grouping (counts, and the exact medians and 90th percentiles by week,
channel, category, store and agent). Both give the same rows (checked). Printed: process CPU median of each,
their sum, and the table's rows.

A diagnosis aid, like ``bench.profile_queries``; the speed bar is ``python -m bench``.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time

from bench import registry
from portal import db

_CALL = re.compile(r"\bcomplaint_facts(?:_calendar)?\(")
_TABLE = "facts_floor_rows"


def _call_span(sql: str) -> tuple[int, int]:
    """Start and end (exclusive) of the statement's one ``complaint_facts(...)`` call, parentheses balanced."""
    found = list(_CALL.finditer(sql))
    if len(found) != 1:
        raise ValueError(f"expected one complaint_facts call, found {len(found)}")
    depth = 0
    for i in range(found[0].end() - 1, len(sql)):
        depth += {"(": 1, ")": -1}.get(sql[i], 0)
        if depth == 0:
            return found[0].start(), i + 1
    raise ValueError("unbalanced complaint_facts call")


def _used(sql: str, params: dict) -> dict:
    """The parameters ``sql`` names outside its comments (DuckDB refuses a named parameter it does not use)."""
    code = re.sub(r"--[^\n]*", "", sql)
    return {k: v for k, v in params.items() if re.search(rf"\${re.escape(k)}\b", code)}


def _cpu_ms(con, sql: str, params: dict, repeat: int) -> tuple[float, list]:
    runs, rows = [], []
    for i in range(repeat + 1):  # the first run warms up
        cpu0 = time.process_time()
        rows = con.execute(sql, params).fetchall()
        if i:
            runs.append((time.process_time() - cpu0) * 1000)
    return statistics.median(runs), rows


def statements(con, case_name: str) -> list[tuple[str, str, dict]]:
    """(query name, the SQL it runs, its bound parameters) for each complaint statement of a run of the case."""
    seen: list[tuple[str, str, dict]] = []
    original = db.run_query

    def capture(con_, name, params=None, scope=None):
        query = db.load_query(name)
        merged = {"lang": "en"} | (dict(scope.sql_params()) if scope is not None else {})
        merged.update(params or {})
        bound = db.bind(query, merged)
        seen.append((name, db.statement_sql(query, bound), bound))
        return original(con_, name, params, scope)

    registry.load_cases()
    db.run_query = capture
    try:
        registry.CASES[case_name].duckdb_fn(con)
    finally:
        db.run_query = original
    return [s for s in seen if _CALL.search(s[1])]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.facts_floor", description=__doc__)
    parser.add_argument("database")
    parser.add_argument("--case", default="complaints_page")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    con = db.connect(args.database)
    print(f"{'query':25s} {'as is cpu ms':>13s} {'facts ready cpu ms':>19s} {'fact rows':>10s}  (medians)")
    total = [0.0, 0.0]
    for name, sql, params in statements(con, args.case):
        start, end = _call_span(sql)
        call = sql[start:end]
        # the repo's own statement text: the call as the named query wrote it, values bound as parameters
        con.execute(f"create or replace temp table {_TABLE} as select * from {call}", _used(call, params))  # noqa: S608
        floor_sql = sql[:start] + _TABLE + sql[end:]
        as_is, rows = _cpu_ms(con, sql, params, args.repeat)
        ready, floor_rows = _cpu_ms(con, floor_sql, _used(floor_sql, params), args.repeat)
        if sorted(map(repr, rows)) != sorted(map(repr, floor_rows)):
            raise SystemExit(f"{name}: the statement over the ready facts gives other rows")
        n = con.execute(f"select count(*) from {_TABLE}").fetchone()[0]  # noqa: S608 - a constant name
        print(f"{name:25s} {as_is:13.1f} {ready:19.1f} {n:10,d}")
        total = [total[0] + as_is, total[1] + ready]
    print(f"{'total':25s} {total[0]:13.1f} {total[1]:19.1f}   ready / as is = {total[1] / total[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
