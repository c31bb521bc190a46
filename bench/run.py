"""The benchmark runner: ``python -m bench [--scales 1 10] [--repeat 5] [--out bench/results/bench.json]``.

For each scale it builds a demo database in a temporary folder (the database at PORTAL_DB is never opened;
PORTAL_DB points at the temporary file while the run lasts, so a case that opens "the" database opens that),
or reuses ``--db-dir/scale_<s>.duckdb`` when it exists (kept there after a first run), times the demo
generation, loads the tables into pandas once (each table's load timed), then runs every registered case:
once to warm up each side, then ``--repeat`` rounds in which its DuckDB function and its pandas twin (where
there is one) run interleaved (DuckDB first in even rounds, pandas first in odd ones), so that the machine's
load falls on both alike. Each run is timed in wall time and in CPU time (the process's, all threads: DuckDB
works in several). A twin's load time (the tables it reads, loaded with DuckDB's ``.df()``) is reported
beside it: a pandas page pays it once per data change. The machine's load average is recorded before and
after each case. A failing case prints its error and the run goes on. The results are printed as a table and
written as JSON with the machine and its load.

Each page case also gets a third side, ``sql`` (issue 14: "a page's figures within 1.2x of the raw time of its
SQL"): the warm-up run of its DuckDB function records every statement it sends to DuckDB, with its bound
parameters (``_Recording``, a stand-in for the connection); the ``sql`` side replays exactly those statements
on one fresh cursor and fetches each result as the page fetched it (``fetchall`` for the settings and a
``-- result: rows`` query, ``fetchnumpy`` for ``-- result: small``, Arrow for a frame; the warm-up notes each
statement's fetch): the database's own time and its result's fetch, without the page's Python (DataFrame
conversion, arithmetic, shaping). The ``page/sql`` columns are the DuckDB side over it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from bench import registry
from portal import config, db, demo

DEFAULT_OUT = Path(__file__).parent / "results" / "bench.json"
# the tables handed to pandas_fn (all data and master tables, and the reference data they join to)
FRAME_TABLES = (
    "regions",
    "stores",
    "store_hours",
    "store_region_history",
    "teams",
    "agents",
    "complaints",
    "complaint_status_history",
    "survey_instruments",
    "instrument_dimensions",
    "instrument_items",
    "survey_responses",
    "servqual_answers",
    "servqual_importance",
    "qa_reviews",
    "qa_review_criteria",
    "qa_disputes",
    "scorecard_sign_offs",
    "fives_templates",
    "fives_sections",
    "fives_items",
    "fives_inspections",
    "fives_item_scores",
    "corrective_actions",
    "import_batches",
    "settings",
    "scorecard_weight_versions",
    "scorecard_weight_rules",
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Time the portal's figures on demo data."
    )
    parser.add_argument(
        "--scales", type=float, nargs="+", default=[1.0], help="demo data scales (1 = 250k complaints)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per case after one warm-up run")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--cases", nargs="*", default=None, help="only the cases whose name contains one of these"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the JSON results go")
    parser.add_argument(
        "--db-dir",
        type=Path,
        default=None,
        help="keep each scale's demo database here (scale_<s>.duckdb) and reuse it on the next run",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1 or any(s <= 0 for s in args.scales):
        parser.error("--repeat must be at least 1 and every scale positive")
    return args


def machine_info() -> dict[str, Any]:
    return {
        "cores": os.cpu_count(),
        # PORTAL_DB_THREADS: DuckDB's threads of every connection db.connect opens; None: DuckDB's own (a core each)
        "db_threads": config.db_threads(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "pandas": pd.__version__,
        "numpy": np.__version__,
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }


def _summary(wall: list[float], cpu: list[float]) -> dict[str, Any]:
    return {
        "median_ms": round(statistics.median(wall), 2),
        "min_ms": round(min(wall), 2),
        "max_ms": round(max(wall), 2),
        "cpu_median_ms": round(statistics.median(cpu), 2),
        "runs": len(wall),
    }


def _error(exc: Exception) -> dict[str, Any]:
    return {"error": "".join(traceback.format_exception_only(exc)).strip()}


def _timed(fn: Callable[[], Any]) -> tuple[float, float]:
    """One run: (wall ms, CPU ms of the whole process, every thread)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def time_fn(fn: Callable[[], Any], repeat: int) -> dict[str, Any]:
    """One warm-up run, then ``repeat`` timed runs; an exception becomes ``{"error": ...}``."""
    return time_pair({"only": fn}, repeat)["only"]


def time_pair(fns: dict[str, Callable[[], Any]], repeat: int) -> dict[str, dict[str, Any]]:
    """Each function warmed up once, then ``repeat`` rounds running every function once, interleaved (the
    order reversed every other round). A function that raises is reported as ``{"error": ...}`` and left out
    of the later rounds; the others go on."""
    out: dict[str, dict[str, Any]] = {}
    live = {}
    for side, fn in fns.items():
        try:
            fn()
            live[side] = fn
        except Exception as exc:  # noqa: BLE001 - a failing case is reported, the run goes on
            out[side] = _error(exc)
    walls: dict[str, list[float]] = {side: [] for side in live}
    cpus: dict[str, list[float]] = {side: [] for side in live}
    for i in range(repeat):
        order = list(live) if i % 2 == 0 else list(reversed(live))
        for side in order:
            if side in out:
                continue
            try:
                wall, cpu = _timed(live[side])
            except Exception as exc:  # noqa: BLE001
                out[side] = _error(exc)
                continue
            walls[side].append(wall)
            cpus[side].append(cpu)
    for side in live:
        if side not in out:
            out[side] = _summary(walls[side], cpus[side])
    return {side: out[side] for side in fns}


_FETCHES = frozenset(("fetchall", "fetchone", "fetchmany", "fetchnumpy", "to_arrow_table", "df", "fetchdf"))


class _Result:
    """A recorded statement's result: its first fetch (``fetchall``, ``fetchnumpy``, ``to_arrow_table``, ``df``,
    …) is noted in the log beside the statement, so that the ``sql`` side fetches it the same way."""

    def __init__(self, result, entry: list):
        self._result = result
        self._entry = entry

    def __getattr__(self, name):
        attr = getattr(self._result, name)
        if name in _FETCHES and self._entry[2] is None:
            self._entry[2] = name
        return attr


class _Recording:
    """The connection handed to a page case's warm-up run: every ``execute`` on it or on a cursor it made is
    noted (SQL text, bound parameters and the fetch its result is read with) in ``log``, then done on the real
    connection."""

    def __init__(self, con, log: list[list]):
        self._con = con
        self._log = log
        self._last: list | None = None  # a fetch on the cursor itself reads its last statement's result

    def cursor(self):
        return _Recording(self._con.cursor(), self._log)

    def execute(self, sql, parameters=None):
        self._last = [sql, parameters, None]
        self._log.append(self._last)
        result = self._con.execute(sql) if parameters is None else self._con.execute(sql, parameters)
        return _Result(result, self._last)

    def __getattr__(self, name):
        attr = getattr(self._con, name)
        if name in _FETCHES and self._last is not None and self._last[2] is None:
            self._last[2] = name
        return attr

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self._con.__exit__(*exc)


def recorded_fetches(con, fn: Callable[[Any], Any]) -> list[tuple[str, Any, str | None]]:
    """The statements ``fn(con)`` sends to DuckDB, in order (one run of it): (SQL, parameters, the fetch its
    result was read with: ``fetchall``, ``fetchnumpy``, ``to_arrow_table``, … or None when it was not read)."""
    log: list[list] = []
    fn(_Recording(con, log))
    return [(sql, parameters, fetch) for sql, parameters, fetch in log]


def recorded_statements(con, fn: Callable[[Any], Any]) -> list[tuple[str, Any]]:
    """The statements ``fn(con)`` sends to DuckDB, in order (one run of it): (SQL, parameters)."""
    return [(sql, parameters) for sql, parameters, _ in recorded_fetches(con, fn)]


def replay(con, statements: list[tuple[str, Any, str | None]]) -> None:
    """The raw SQL of a page: its recorded statements on one fresh cursor, each result fetched as the page
    fetched it (``recorded_fetches``; as Arrow when the page did not read it)."""
    cur = con.cursor()
    try:
        for sql, parameters, fetch in statements:
            result = cur.execute(sql) if parameters is None else cur.execute(sql, parameters)
            if result.description is not None:
                getattr(result, fetch or "to_arrow_table")()
    finally:
        cur.close()


class _ReadLog(dict):
    """The frames handed to a pandas twin, noting which tables it reads (for its load time)."""

    def __init__(self, frames: dict[str, pd.DataFrame]):
        super().__init__(frames)
        self.read: set[str] = set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)


def load_avg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:  # not on every platform
        return []


def load_frames(con, timings: dict[str, float] | None = None) -> dict[str, pd.DataFrame]:
    """Every table of FRAME_TABLES as a DataFrame; ``timings`` (if given) gets each table's load seconds."""
    frames = {}
    for table in FRAME_TABLES:
        cur = con.cursor()
        try:
            started = time.perf_counter()
            frames[table] = cur.execute(f"select * from {table}").df()  # noqa: S608 - names from FRAME_TABLES
            if timings is not None:
                timings[table] = time.perf_counter() - started
        finally:
            cur.close()
    return frames


@contextmanager
def portal_db_at(path: Path):
    before = os.environ.get("PORTAL_DB")
    os.environ["PORTAL_DB"] = str(path)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("PORTAL_DB", None)
        else:
            os.environ["PORTAL_DB"] = before


def selected_cases(patterns: list[str] | None) -> list[registry.Case]:
    cases = list(registry.CASES.values())
    if patterns:
        cases = [c for c in cases if any(p in c.name for p in patterns)]
    # pages first: import cases change the database
    return sorted(cases, key=lambda c: (registry.KINDS.index(c.kind), c.name))


def run_scale(scale: float, args: argparse.Namespace, cases: list[registry.Case]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as folder:
        kept = args.db_dir / f"scale_{scale:g}.duckdb" if args.db_dir else None
        path = kept or Path(folder) / "bench.duckdb"
        with portal_db_at(path):
            if kept is not None:
                kept.parent.mkdir(parents=True, exist_ok=True)
            reuse = kept is not None and kept.exists()
            con = db.connect(path)
            try:
                generate_s = None
                if reuse:
                    print(f"\n== scale {scale:g}: reusing {path}", flush=True)
                    rows = {
                        t: con.execute(f"select count(*) from {t}").fetchone()[0]  # noqa: S608 - fixed names
                        for t in ("complaints", "survey_responses")
                    }
                else:
                    print(f"\n== scale {scale:g}: generating demo data …", flush=True)
                    started = time.perf_counter()
                    rows = demo.generate(con, scale=scale, seed=args.seed)
                    generate_s = time.perf_counter() - started
                table_s: dict[str, float] = {}
                started = time.perf_counter()
                frames = load_frames(con, table_s)
                load_s = time.perf_counter() - started
                print(
                    f"   {rows['complaints']:,} complaints, {rows['survey_responses']:,} survey responses"
                    + (f", generated in {generate_s:.1f} s" if generate_s is not None else "")
                    + f"; tables loaded into pandas in {load_s:.1f} s",
                    flush=True,
                )
                results = []
                for case in cases:
                    result = {"name": case.name, "kind": case.kind, "module": case.module}
                    result["load_before"] = load_avg()
                    fns = {"duckdb": lambda case=case: case.duckdb_fn(con)}
                    if case.kind == "page":
                        try:
                            statements = recorded_fetches(con, case.duckdb_fn)
                            fns["sql"] = lambda statements=statements: replay(con, statements)
                            result["sql_statements"] = len(statements)
                        except Exception as exc:  # noqa: BLE001 - reported by the duckdb side's own run
                            result["sql"] = _error(exc)
                    log = _ReadLog(frames)
                    if case.pandas_fn is not None:
                        fns["pandas"] = lambda case=case, log=log: case.pandas_fn(log)
                    result.update(time_pair(fns, args.repeat))
                    if case.pandas_fn is not None:
                        result["pandas_tables"] = sorted(log.read)
                        result["pandas_load_ms"] = round(sum(table_s.get(t, 0) for t in log.read) * 1000, 1)
                    result["load_after"] = load_avg()
                    for side in ("duckdb", "pandas", "sql"):
                        if "error" in result.get(side, {}):
                            print(f"   ! {case.name} ({side}) failed: {result[side]['error']}", flush=True)
                    results.append(result)
            finally:
                con.close()
    return {
        "scale": scale,
        "seed": args.seed,
        "generate_s": None if generate_s is None else round(generate_s, 2),
        "load_frames_s": round(load_s, 2),
        "table_load_s": {t: round(v, 3) for t, v in table_s.items()},
        "rows": rows,
        "cases": results,
    }


def _cell(timing: dict[str, Any] | None) -> str:
    if timing is None:
        return "-"
    if "error" in timing:
        return "FAILED"
    return f"{timing['median_ms']:.1f} ({timing['min_ms']:.1f}-{timing['max_ms']:.1f})"


def _cpu(timing: dict[str, Any] | None) -> str:
    if not timing or "cpu_median_ms" not in timing:
        return "-"
    return f"{timing['cpu_median_ms']:.1f}"


def _ratio(a: dict[str, Any] | None, b: dict[str, Any] | None, key: str, decimals: int = 1) -> str:
    if a and b and key in a and key in b and b[key] > 0:
        return f"{a[key] / b[key]:.{decimals}f}x"
    return "-"


def format_table(scale_result: dict[str, Any]) -> str:
    header = (
        "case",
        "kind",
        "duckdb wall ms median (min-max)",
        "cpu ms",
        "pandas wall ms median (min-max)",
        "cpu ms",
        "pandas load ms",
        "pandas/duckdb wall",
        "cpu",
        "raw sql cpu ms",
        "page/sql wall",
        "cpu",
        "load 1m",
    )
    lines = []
    for r in scale_result["cases"]:
        duck, pand, raw = r.get("duckdb"), r.get("pandas"), r.get("sql")
        load = r.get("load_before") or []
        lines.append(
            (
                r["name"],
                r["kind"],
                _cell(duck),
                _cpu(duck),
                _cell(pand),
                _cpu(pand),
                f"{r['pandas_load_ms']:.0f}" if "pandas_load_ms" in r else "-",
                _ratio(pand, duck, "median_ms"),
                _ratio(pand, duck, "cpu_median_ms"),
                _cpu(raw),
                _ratio(duck, raw, "median_ms", 2),
                _ratio(duck, raw, "cpu_median_ms", 2),
                f"{load[0]:.2f}" if load else "-",
            )
        )
    widths = [max(len(str(row[i])) for row in [header, *lines]) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    generated = scale_result["generate_s"]
    title = (
        f"scale {scale_result['scale']:g}: {scale_result['rows']['complaints']:,} complaints, "
        + (f"demo generation {generated:.1f} s, " if generated is not None else "reused database, ")
        + f"pandas load (all tables) {scale_result['load_frames_s']:.1f} s"
    )
    return "\n".join(
        [title, fmt.format(*header), fmt.format(*("-" * w for w in widths)), *(fmt.format(*r) for r in lines)]
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    failed_modules = registry.load_cases()
    for module, error in failed_modules.items():
        print(f"! bench/{module}.py could not be imported: {error}", file=sys.stderr)
    cases = selected_cases(args.cases)
    if not cases:
        print("No benchmark cases match; nothing to run.", file=sys.stderr)
        return 2
    report = {
        "generated_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "machine": machine_info(),
        "load_at_start": load_avg(),
        "repeat": args.repeat,
        "failed_modules": failed_modules,
        "scales": [],
    }
    for scale in args.scales:
        report["scales"].append(run_scale(scale, args, cases))
    report["load_at_end"] = load_avg()
    print()
    for scale_result in report["scales"]:
        print(format_table(scale_result) + "\n")
    m = report["machine"]
    print(f"machine: {m['cores']} cores, Python {m['python']}, DuckDB {m['duckdb']}, pandas {m['pandas']}")
    print(f"DuckDB threads (PORTAL_DB_THREADS): {m['db_threads'] or 'unset, DuckDB default'}")
    print(f"load average (1, 5, 15 min) at start {report['load_at_start']}, at end {report['load_at_end']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"results written to {args.out}")
    return 0
