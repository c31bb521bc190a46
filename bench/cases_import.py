"""Import cases: a 1,000,000-row complaint export through the same path as ``python -m portal import``.

The CSV is generated once per database (in a temporary folder) from the database's own store and agent
codes, in the shape of a ticketing export: naive local stamps, ~10 % without a first response, ~30 %
still open. ``import_complaints_1m`` runs ``python -m portal import complaints FILE`` (cli.main, in-process: read, decode,
suggest the mapping, validate, commit one batch; a file this size is read in chunks, portal.ingest.stream) against a fresh database file seeded with the bench
database's master data, so the bench database is left as it was and the timing is the import alone (an undo
of a 1M-row batch is much slower: DuckDB deletes from the (source, source_id) VARCHAR index at ~20 µs a row).
The timing includes creating and seeding that file (migrations and master data, well under a second).
It has a pandas-only counterpart: parsing the same file into typed columns with
pandas (read_csv + to_datetime), no validation and no database, as a floor for the parse step.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from bench.registry import register
from portal import cli, db

ROWS = 1_000_000
SEED = 11
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


MASTER_TABLES = ("regions", "stores", "store_region_history", "store_assignments", "teams", "agents")


def import_complaints_duckdb(con) -> int:
    """``python -m portal import complaints FILE`` (cli.main in-process) into a fresh database file that holds
    the bench database's master data; the bench database itself is left untouched."""
    path = _export_file(con)
    target = _temp_folder() / "import_target.duckdb"
    target.unlink(missing_ok=True)
    fresh = db.connect(target)
    try:
        for table in MASTER_TABLES:
            frame = con.cursor().execute(f"select * from {table}").df()  # noqa: S608 - fixed table names
            fresh.register("master_rows", frame)
            fresh.execute(f"insert into {table} by name select * from master_rows")  # noqa: S608
            fresh.unregister("master_rows")
    finally:
        fresh.close()
    before = os.environ.get("PORTAL_DB")
    os.environ["PORTAL_DB"] = str(target)
    try:
        with contextlib.redirect_stdout(io.StringIO()) as out:
            code = cli.main(["import", "complaints", str(path)])  # the OS user: admin, chain-wide
    finally:
        os.environ["PORTAL_DB"] = before or ""
        if before is None:
            os.environ.pop("PORTAL_DB")
        target.unlink(missing_ok=True)
    if code != 0 or f"{ROWS:,} added" not in out.getvalue():
        raise RuntimeError(f"the import did not commit every row (exit {code}): {out.getvalue()[-500:]}")
    return code


def import_complaints_pandas(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Only the parse: the same file into typed columns with pandas (no validation, no database)."""
    path = next(iter(_files.values()))
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    for col in ("received_at", "first_response_at", "resolved_at", "closed_at"):
        df[col] = pd.to_datetime(df[col], format="%Y-%m-%d %H:%M:%S", errors="coerce")
    df["post_resolution_csat"] = pd.to_numeric(df["post_resolution_csat"], errors="coerce").astype("Int64")
    return df


register("import_complaints_1m", import_complaints_duckdb, import_complaints_pandas, kind="import")
