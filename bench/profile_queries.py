"""Where a page case's time goes, query by query: ``python -m bench.profile_queries DB CASE [--repeat 3]``.

Runs the DuckDB function of a registered page case on an existing demo database (``python -m portal demo``
builds one) and prints, for every named query it runs through ``db.run_query``: the wall time of executing it,
the wall time of converting its result to a DataFrame, the process CPU time of both, and its rows. The CPU
column is the figure to trust on a shared, loaded machine (wall time there waits for the other processes).
A diagnosis aid only: the speed bar is ``python -m bench``.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict

from bench import registry
from portal import db


def profile(con, fn, repeat: int) -> dict[str, list[tuple[float, float, float, int]]]:
    """``{query name: [(exec ms, df ms, cpu ms, rows), ...]}`` over ``repeat`` runs after one warm-up."""
    seen: dict[str, list[tuple[float, float, float, int]]] = defaultdict(list)
    original = db.run_query

    def timed(con_, name, params=None, scope=None):
        query = db.load_query(name)
        merged = {"lang": "en"} | (dict(scope.sql_params()) if scope is not None else {})
        merged.update(params or {})
        cur = con_.cursor()
        try:
            cpu0, t0 = time.process_time(), time.perf_counter()
            bound = db.bind(query, merged)
            result = cur.execute(db.statement_sql(query, bound), bound)
            t1 = time.perf_counter()
            # read as the portal reads it (db.read_result: frames.Rows, small_frame or frame by the query's header)
            frame = db.read_result(query, result)
            t2, cpu2 = time.perf_counter(), time.process_time()
        finally:
            cur.close()
        seen[name].append(((t1 - t0) * 1000, (t2 - t1) * 1000, (cpu2 - cpu0) * 1000, len(frame)))
        return frame

    db.run_query = timed
    try:
        fn(con)
        seen.clear()
        for _ in range(repeat):
            fn(con)
    finally:
        db.run_query = original
    return seen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_queries", description=__doc__)
    parser.add_argument("database")
    parser.add_argument("case")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    registry.load_cases()
    case = registry.CASES[args.case]
    con = db.connect(args.database)
    seen = profile(con, case.duckdb_fn, args.repeat)
    print(f"{'query':35s} {'exec ms':>8s} {'df ms':>8s} {'cpu ms':>8s} {'rows':>7s}  (medians)")
    totals = [0.0, 0.0, 0.0]
    for name, runs in seen.items():
        med = [sorted(r[i] for r in runs)[len(runs) // 2] for i in range(3)]
        totals = [a + b for a, b in zip(totals, med, strict=True)]
        print(f"{name:35s} {med[0]:8.1f} {med[1]:8.1f} {med[2]:8.1f} {runs[0][3]:7d}")
    print(f"{'total':35s} {totals[0]:8.1f} {totals[1]:8.1f} {totals[2]:8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
