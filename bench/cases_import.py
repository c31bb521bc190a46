"""Import cases: a 1,000,000-row complaint export through the same path as ``python -m portal import``.

The CSV is generated once per database (in a temporary folder) from the database's own store and agent
codes, in the shape of a ticketing export: naive local stamps, ~10 % without a first response, ~30 %
still open. ``import_complaints_1m`` reads, maps, validates and commits it as one batch, then undoes the
batch so that the database is left as it was (the time includes the undo; the import alone is printed).
``import_complaints_1m`` has a pandas-only counterpart: parsing the same file into typed columns with
pandas (read_csv + to_datetime), no validation and no database, as a floor for the parse step.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from bench.registry import register
from portal.auth import User
from portal.ingest import batches, pipeline, registry
from portal.scope import Scope

ROWS = 1_000_000
SEED = 11
BENCH_USER = User("bench", "Benchmark", ("admin",), Scope.everything())
_files: dict[str, Path] = {}
_folder: Path | None = None


def _temp_folder() -> Path:
    global _folder
    if _folder is None:
        _folder = Path(tempfile.mkdtemp(prefix="portal-bench-import-"))
        atexit.register(shutil.rmtree, _folder, True)
    return _folder


def complaint_export(
    n: int, store_codes: list[str], agent_codes: list[str], seed: int = SEED
) -> pd.DataFrame:
    """A ticketing-system export of ``n`` complaints (template headers, naive Asia/Shanghai stamps)."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2025-01-01T00:00:00")
    received = start + rng.integers(0, 300 * 86400, n).astype("timedelta64[s]")
    first = received + rng.integers(60, 48 * 3600, n).astype("timedelta64[s]")
    resolved = first + rng.integers(3600, 96 * 3600, n).astype("timedelta64[s]")
    closed = resolved + rng.integers(0, 72 * 3600, n).astype("timedelta64[s]")
    has_first = rng.random(n) < 0.9
    has_resolved = has_first & (rng.random(n) < 0.8)
    has_closed = has_resolved & (rng.random(n) < 0.7)

    def stamps(values, mask):
        text = pd.Series(values).dt.strftime("%Y-%m-%d %H:%M:%S").to_numpy(dtype=object)
        return np.where(mask, text, "")

    return pd.DataFrame(
        {
            "source_id": np.char.add("B", np.arange(n).astype(str)),
            "received_at": stamps(received, np.ones(n, dtype=bool)),
            "channel": rng.choice(["hotline", "online", "in_store", "social_media", "email", "app"], n),
            "category": rng.choice(
                [
                    "product quality",
                    "service attitude",
                    "delivery",
                    "price",
                    "refund",
                    "store environment",
                    "other",
                ],
                n,
            ),
            "severity": rng.choice(["high", "normal", "low"], n, p=[0.1, 0.7, 0.2]),
            "store_code": rng.choice([*store_codes, ""], n),
            "agent_code": rng.choice(agent_codes, n),
            "first_response_at": stamps(first, has_first),
            "resolved_at": stamps(resolved, has_resolved),
            "closed_at": stamps(closed, has_closed),
            "post_resolution_csat": np.where(has_resolved, rng.integers(1, 6, n).astype(str), ""),
            "source": "bench",
        }
    )


def _export_file(con) -> Path:
    key = str(
        con.execute(
            "select path from duckdb_databases() where database_name = current_database()"
        ).fetchone()[0]
    )
    if key not in _files:
        stores = [r[0] for r in con.execute("select store_code from stores order by 1").fetchall()]
        agents = [r[0] for r in con.execute("select agent_code from agents order by 1").fetchall()]
        path = _temp_folder() / f"complaints_{len(_files)}_{ROWS}.csv"
        complaint_export(ROWS, stores or ["S001"], agents or ["A001"]).to_csv(path, index=False)
        _files[key] = path
    return _files[key]


def import_complaints_duckdb(con) -> dict:
    """Import the 1M-row export exactly as the CLI does (read, suggest mapping, prepare, commit), then undo."""
    path = _export_file(con)
    started = time.perf_counter()
    prepared, result = pipeline.import_bytes(
        con,
        registry.kind("complaints"),
        path.read_bytes(),
        path.name,
        None,
        pipeline.ImportOptions(),
        BENCH_USER,
    )
    imported = time.perf_counter() - started
    batches.undo_batch(con, result.batch_id, BENCH_USER)
    undone = time.perf_counter() - started - imported
    print(
        f"    import_complaints_1m: import {imported:.1f} s ({result.rows_added:,} added, "
        f"{prepared.n_invalid:,} invalid), undo {undone:.1f} s",
        flush=True,
    )
    return {"rows_added": result.rows_added, "import_s": imported, "undo_s": undone}


def import_complaints_pandas(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Only the parse: the same file into typed columns with pandas (no validation, no database)."""
    path = next(iter(_files.values()))
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    for col in ("received_at", "first_response_at", "resolved_at", "closed_at"):
        df[col] = pd.to_datetime(df[col], format="%Y-%m-%d %H:%M:%S", errors="coerce")
    df["post_resolution_csat"] = pd.to_numeric(df["post_resolution_csat"], errors="coerce").astype("Int64")
    return df


register("import_complaints_1m", import_complaints_duckdb, import_complaints_pandas, kind="import")
