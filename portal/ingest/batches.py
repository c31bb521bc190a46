"""Import batches: open and close one per commit, before-images for undo, undo itself, error reports.

Undo restores the state before the batch exactly: rows the batch inserted are deleted, rows it updated
are put back from their before-image (``batch_row_snapshots``), history rows it added are deleted, and
master data it added (``created_batch_id``) is removed. DuckDB refuses to delete a referenced master row
in the same transaction as the rows that referenced it (a documented foreign-key limitation), so master
data goes in a second step right after the undo commits (``sweep_master_data``), which is idempotent and
also runs before every commit, so nothing an undone batch added lingers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from portal import db, export
from portal.auth import User

# Tables whose rows a batch may update, with their key column (an allow-list: identifiers come only from here).
SNAPSHOT_TABLES: dict[str, str] = {
    "complaints": "complaint_id",
    "survey_responses": "response_id",
    "qa_reviews": "qa_review_id",
    "fives_inspections": "inspection_id",
}
# Master data a batch may add; swept (child tables first) when its batch is undone.
MASTER_TABLES: tuple[tuple[str, str], ...] = (("agents", "agent_id"), ("stores", "store_id"))


class UndoRefused(ValueError):
    """The batch cannot be undone; ``reason`` is an i18n key, nothing was changed."""

    def __init__(self, reason: str, english: str, **values):
        super().__init__(english.format(**values) if values else english)
        self.reason = reason
        self.values = values


@dataclass(frozen=True)
class BatchResult:
    batch_id: int
    kind: str
    rows_in_file: int
    rows_added: int
    rows_updated: int
    rows_unchanged: int
    rows_skipped: int
    master_added: dict[str, list[str]]


# ---------------------------------------------------------------- look-ups
def find_committed_by_hash(con, kind: str, file_hash: str) -> dict[str, Any] | None:
    """The committed (not undone) batch of this kind that imported a file with exactly these bytes."""
    cur = con.cursor()
    try:
        row = cur.execute(
            "select batch_id, created_at, created_by, file_name from import_batches "
            "where kind = ? and file_hash = ? and status = 'committed' order by batch_id limit 1",
            [kind, file_hash],
        ).fetchone()
    finally:
        cur.close()
    if row is None:
        return None
    return {"batch_id": row[0], "created_at": row[1], "created_by": row[2], "file_name": row[3]}


def get_batch(con, batch_id: int) -> dict[str, Any] | None:
    cur = con.cursor()
    try:
        df = cur.execute(
            "select * exclude (error_report_csv) from import_batches where batch_id = ?", [batch_id]
        ).df()
    finally:
        cur.close()
    return None if df.empty else df.iloc[0].to_dict()


def history_params(user: User) -> dict[str, Any]:
    """Parameters of queries/import_batches.sql for this user (scope is bound by the caller)."""
    return {"username": user.username, "is_admin": user.has_role("admin")}


def can_undo(user: User, batch: dict[str, Any]) -> bool:
    """Admin: any committed batch; everyone else: only the committed batches they created."""
    if batch.get("status") != "committed":
        return False
    return user.has_role("admin") or batch.get("created_by") == user.username


def error_report(con, batch_id: int) -> bytes | None:
    """The batch's error report (skipped rows: row, column, value, reason, then the row's cells) as CSV."""
    cur = con.cursor()
    try:
        row = cur.execute(
            "select error_report_csv from import_batches where batch_id = ?", [batch_id]
        ).fetchone()
    finally:
        cur.close()
    if row is None or not row[0]:
        return None
    return row[0].encode("utf-8-sig")


def build_error_report(errors: pd.DataFrame, raw_frame: pd.DataFrame) -> str:
    """CSV text of the rendered errors joined to the rows' own cells; formula-leading cells neutralised."""
    cells = raw_frame.loc[raw_frame.index.isin(errors["row"])]
    cells = cells.rename(columns=lambda c: f"[{c}]")
    report = errors.merge(cells, left_on="row", right_index=True, how="left")
    return export.safe_frame(report).to_csv(index=False)


# ---------------------------------------------------------------- writing a batch
def open_batch(
    cur,
    *,
    kind: str,
    file_name: str,
    file_hash: str,
    size_bytes: int,
    source: str | None,
    created_by: str,
    rows_in_file: int,
    options: dict[str, Any],
) -> tuple[int, Any]:
    row = cur.execute(
        "insert into import_batches (kind, file_name, file_hash, file_size_bytes, source, created_by, "
        "rows_in_file, options, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, "
        "current_timestamp at time zone 'UTC') returning batch_id, created_at",
        [
            kind,
            file_name,
            file_hash,
            size_bytes,
            source,
            created_by,
            rows_in_file,
            json.dumps(options, ensure_ascii=False, default=str),
        ],
    ).fetchone()
    return int(row[0]), row[1]


def close_batch(
    cur,
    batch_id: int,
    *,
    added: int,
    updated: int,
    unchanged: int,
    skipped: int,
    error_report_csv: str | None,
) -> None:
    cur.execute(
        "update import_batches set rows_added = ?, rows_updated = ?, rows_unchanged = ?, rows_skipped = ?, "
        "error_report_csv = ? where batch_id = ?",
        [added, updated, unchanged, skipped, error_report_csv, batch_id],
    )


def audit(cur, username: str, action: str, batch_id: int, details: dict[str, Any]) -> None:
    cur.execute(
        "insert into audit_log (username, action, target, details) values (?, ?, ?, ?)",
        [username, action, f"batch:{batch_id}", json.dumps(details, ensure_ascii=False, default=str)],
    )


# ---------------------------------------------------------------- before-images
def _table_key(table: str) -> tuple[str, str]:
    if table not in SNAPSHOT_TABLES:
        raise ValueError(f"{table} is not a table a batch may update")
    return table, SNAPSHOT_TABLES[table]


def snapshot_rows(cur, batch_id: int, table: str, keys_relation: str) -> int:
    """Store the before-image of the rows of ``table`` whose keys are in ``keys_relation`` (a temp table or
    registered view with one column ``row_key``, the key values). Returns how many were stored."""
    table, key = _table_key(table)
    if not keys_relation.isidentifier():
        raise ValueError(f"bad relation name {keys_relation!r}")
    sql = (  # identifiers from SNAPSHOT_TABLES and a checked name; values bound
        f"insert into batch_row_snapshots (batch_id, table_name, row_key, before_json) "  # noqa: S608
        f'select $batch_id, $table_name, t."{key}"::varchar, to_json(t) from "{table}" as t '
        f'where t."{key}" in (select row_key from "{keys_relation}")'
    )
    cur.execute(sql, {"batch_id": batch_id, "table_name": table})
    return int(
        cur.execute(
            "select count(*) from batch_row_snapshots where batch_id = ? and table_name = ?",
            [batch_id, table],
        ).fetchone()[0]
    )


def _columns(cur, table: str) -> list[tuple[str, str]]:
    return [
        (r[0], r[1])
        for r in cur.execute(
            "select column_name, data_type from information_schema.columns where table_name = ? "
            "order by ordinal_position",
            [table],
        ).fetchall()
    ]


def _constraint_columns(cur, table: str, *kinds: str) -> set[str]:
    rows = cur.execute(
        "select constraint_column_names from duckdb_constraints() where table_name = ? "
        "and list_contains(?, constraint_type)",
        [table, list(kinds)],
    ).fetchall()
    return {c for r in rows for c in r[0]}


def restore_rows(cur, batch_id: int, table: str) -> int:
    """Put the rows of ``table`` that the batch updated back to their before-image.

    Key and unique columns never change (they identify the row); foreign-key columns are set in a second
    statement and only where they differ, because DuckDB rewrites every row whose foreign-key column is in
    the SET list (index maintenance, ~50 µs a row) even when the value stays the same."""
    table, key = _table_key(table)
    columns = _columns(cur, table)
    structure = json.dumps({name: dtype for name, dtype in columns})
    fixed = _constraint_columns(cur, table, "PRIMARY KEY", "UNIQUE")
    foreign = _constraint_columns(cur, table, "FOREIGN KEY") - fixed
    plain = [name for name, _ in columns if name not in fixed and name not in foreign]
    params = {"structure": structure, "batch_id": batch_id, "table_name": table}
    before = (
        "(select unnest(json_transform(before_json, $structure)) from batch_row_snapshots "
        "where batch_id = $batch_id and table_name = $table_name) as r"
    )
    for names, only_changed in ((plain, False), (sorted(foreign), True)):
        if not names:
            continue
        assignments = ", ".join(f'"{c}" = r."{c}"' for c in names)
        changed = ""
        if only_changed:
            changed = " and row({}) is distinct from row({})".format(
                ", ".join(f't."{c}"' for c in names), ", ".join(f'r."{c}"' for c in names)
            )
        sql = (  # identifiers from the catalog of an allow-listed table; values bound
            f'update "{table}" as t set {assignments} from {before} '  # noqa: S608
            f'where t."{key}" = r."{key}"{changed}'
        )
        cur.execute(sql, params)
    return int(
        cur.execute(
            "select count(*) from batch_row_snapshots where batch_id = ? and table_name = ?",
            [batch_id, table],
        ).fetchone()[0]
    )


# ---------------------------------------------------------------- undo
def undo_batch(con, batch_id: int, user: User) -> None:
    """Undo a committed batch (admin: any; others: their own); see the module docstring."""
    from portal.ingest import registry

    batch = get_batch(con, batch_id)
    if batch is None:
        raise UndoRefused(
            "ingest.undo.no_such_batch", "There is no import batch {batch_id}.", batch_id=batch_id
        )
    if batch["status"] != "committed":
        raise UndoRefused(
            "ingest.undo.already_undone", "Batch {batch_id} has already been undone.", batch_id=batch_id
        )
    if not can_undo(user, batch):
        raise UndoRefused(
            "ingest.undo.not_yours",
            "Batch {batch_id} was imported by someone else; only an admin may undo it.",
            batch_id=batch_id,
        )
    try:
        kind = registry.kind(batch["kind"])
    except KeyError as exc:
        raise UndoRefused(
            "ingest.undo.unknown_kind", "Batches of kind {kind} cannot be undone here.", kind=batch["kind"]
        ) from exc

    def work(cur):
        status = cur.execute("select status from import_batches where batch_id = ?", [batch_id]).fetchone()[0]
        if status != "committed":
            raise UndoRefused(
                "ingest.undo.already_undone", "Batch {batch_id} has already been undone.", batch_id=batch_id
            )
        blockers = kind.undo_blockers(cur, batch_id)
        if blockers:
            raise UndoRefused(
                "ingest.undo.blocked",
                "Later imports changed the same rows (batches {batches}). Undo those first.",
                batches=", ".join(str(b) for b in sorted(blockers)),
            )
        kind.undo(cur, batch_id)
        cur.execute("delete from batch_row_snapshots where batch_id = ?", [batch_id])
        cur.execute(
            "update import_batches set status = 'undone', undone_at = current_timestamp at time zone 'UTC', "
            "undone_by = ? where batch_id = ?",
            [user.username, batch_id],
        )
        audit(
            cur,
            user.username,
            "undo",
            batch_id,
            {
                "kind": batch["kind"],
                "file_name": batch["file_name"],
                "rows_added": int(batch["rows_added"]),
                "rows_updated": int(batch["rows_updated"]),
            },
        )

    db.in_transaction(con, work)
    sweep_master_data(con)


def sweep_master_data(con) -> int:
    """Remove master data added by batches that are now undone (unless something still refers to it)."""
    removed = 0
    for table, key in MASTER_TABLES:
        cur = con.cursor()
        try:
            ids = [
                r[0]
                for r in cur.execute(
                    f'select "{key}" from "{table}" where created_batch_id in '  # noqa: S608 - allow-listed names
                    "(select batch_id from import_batches where status = 'undone')"
                ).fetchall()
            ]
            for row_id in ids:
                try:
                    cur.execute(f'delete from "{table}" where "{key}" = ?', [row_id])  # noqa: S608
                    removed += 1
                except duckdb.ConstraintException:
                    continue  # still referred to by rows of another batch: it stays
        finally:
            cur.close()
    return removed
