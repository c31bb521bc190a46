"""The benchmark runner: ``python -m bench [--scales 1 10] [--repeat 5] [--out bench/results/bench.json]``.

For each scale it builds a demo database in a temporary folder (the database at PORTAL_DB is never opened;
PORTAL_DB points at the temporary file while the run lasts, so a case that opens "the" database opens that),
times the demo generation, loads the tables into pandas once, then runs every registered case: once to warm
up, then ``--repeat`` times timed, for its DuckDB function and, where there is one, its pandas equivalent.
A failing case prints its error and the run goes on. The results are printed as a table and written as JSON
with the machine they were measured on.
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
from portal import db, demo

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
    args = parser.parse_args(argv)
    if args.repeat < 1 or any(s <= 0 for s in args.scales):
        parser.error("--repeat must be at least 1 and every scale positive")
    return args


def machine_info() -> dict[str, Any]:
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "pandas": pd.__version__,
        "numpy": np.__version__,
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }


def time_fn(fn: Callable[[], Any], repeat: int) -> dict[str, Any]:
    """One warm-up run, then ``repeat`` timed runs; an exception becomes ``{"error": ...}``."""
    try:
        fn()
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            fn()
            runs.append((time.perf_counter() - started) * 1000)
    except Exception as exc:  # noqa: BLE001 - a failing case is reported, the run goes on
        return {"error": "".join(traceback.format_exception_only(exc)).strip()}
    return {
        "median_ms": round(statistics.median(runs), 2),
        "min_ms": round(min(runs), 2),
        "max_ms": round(max(runs), 2),
        "runs": len(runs),
    }


def load_frames(con) -> dict[str, pd.DataFrame]:
    frames = {}
    for table in FRAME_TABLES:
        cur = con.cursor()
        try:
            frames[table] = cur.execute(f"select * from {table}").df()  # noqa: S608 - names from FRAME_TABLES
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
        path = Path(folder) / "bench.duckdb"
        with portal_db_at(path):
            con = db.connect(path)
            try:
                print(f"\n== scale {scale:g}: generating demo data …", flush=True)
                started = time.perf_counter()
                rows = demo.generate(con, scale=scale, seed=args.seed)
                generate_s = time.perf_counter() - started
                started = time.perf_counter()
                frames = load_frames(con)
                load_s = time.perf_counter() - started
                print(
                    f"   generated {rows['complaints']:,} complaints, {rows['survey_responses']:,} survey responses "
                    f"in {generate_s:.1f} s; tables loaded into pandas in {load_s:.1f} s",
                    flush=True,
                )
                results = []
                for case in cases:
                    result = {"name": case.name, "kind": case.kind, "module": case.module}
                    result["duckdb"] = time_fn(lambda case=case: case.duckdb_fn(con), args.repeat)
                    if case.pandas_fn is not None:
                        result["pandas"] = time_fn(lambda case=case: case.pandas_fn(frames), args.repeat)
                    for side in ("duckdb", "pandas"):
                        if "error" in result.get(side, {}):
                            print(f"   ! {case.name} ({side}) failed: {result[side]['error']}", flush=True)
                    results.append(result)
            finally:
                con.close()
    return {
        "scale": scale,
        "seed": args.seed,
        "generate_s": round(generate_s, 2),
        "load_frames_s": round(load_s, 2),
        "rows": rows,
        "cases": results,
    }


def _cell(timing: dict[str, Any] | None) -> str:
    if timing is None:
        return "-"
    if "error" in timing:
        return "FAILED"
    return f"{timing['median_ms']:.1f} ({timing['min_ms']:.1f}-{timing['max_ms']:.1f})"


def format_table(scale_result: dict[str, Any]) -> str:
    header = ("case", "kind", "duckdb ms median (min-max)", "pandas ms median (min-max)", "pandas/duckdb")
    lines = []
    for r in scale_result["cases"]:
        duck, pand = r.get("duckdb"), r.get("pandas")
        ratio = "-"
        if duck and pand and "median_ms" in duck and "median_ms" in pand and duck["median_ms"] > 0:
            ratio = f"{pand['median_ms'] / duck['median_ms']:.1f}x"
        lines.append((r["name"], r["kind"], _cell(duck), _cell(pand), ratio))
    widths = [max(len(str(row[i])) for row in [header, *lines]) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    title = (
        f"scale {scale_result['scale']:g}: {scale_result['rows']['complaints']:,} complaints, "
        f"demo generation {scale_result['generate_s']:.1f} s, pandas load {scale_result['load_frames_s']:.1f} s"
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
        "repeat": args.repeat,
        "failed_modules": failed_modules,
        "scales": [],
    }
    for scale in args.scales:
        report["scales"].append(run_scale(scale, args, cases))
    print()
    for scale_result in report["scales"]:
        print(format_table(scale_result) + "\n")
    m = report["machine"]
    print(f"machine: {m['cores']} cores, Python {m['python']}, DuckDB {m['duckdb']}, pandas {m['pandas']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"results written to {args.out}")
    return 0
