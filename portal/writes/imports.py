"""The one write path: column mappings and imports: commit and undo of a batch, snapshots, master data, instruments.

Part of ``portal.writes`` (callers import the package: ``from portal import writes``)."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

import duckdb

from portal import audit
from portal import writes as _w

T = TypeVar("T")


# ---------------------------------------------------------------- column mappings
def save_column_mapping(
    con, kind: str, name: str, mapping: Mapping[str, str], options: Mapping[str, Any], username: str | None
) -> None:
    """Save (or replace) the column mapping ``name`` of an upload kind."""
    params = {
        "kind": kind,
        "name": name,
        "mapping": json.dumps(dict(mapping), ensure_ascii=False),
        "options": json.dumps(dict(options), ensure_ascii=False),
        "created_by": username,
    }
    _w.transaction(con, lambda cur: _w.run(cur, "column_mapping_save", params))


# ---------------------------------------------------------------- imports (commit, undo)
# Identifiers in the generic statements below come from the upload kinds' table declarations
# (portal.ingest.kinds.Table: code, never input) and the catalog, and are checked and quoted here.
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
# Master data an import may add (unknown codes, when a manager chooses to), with the statement that adds it.
MASTER_TABLES: dict[str, tuple[str, str]] = {
    "agents": ("agent_id", "master_agents_add"),
    "stores": ("store_id", "master_stores_add"),
    # created by the agents and stores uploads; listed after the agents and stores that refer to them, so that
    # the sweep after an undo removes those first (teams before the regions they refer to)
    "teams": ("team_id", "master_teams_add"),
    "regions": ("region_id", "master_regions_add"),
}
# Master rows named in a list column, which no foreign key can guard: (table, list column) per master table. A
# user's store list refers to its stores as their region, team and agent refer to theirs (foreign keys): the sweep
# keeps such a row and a master-data upload's undo is refused (ingest.master_rows.referenced_ids), as for those.
LIST_REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {"stores": (("users", "scope_store_ids"),)}


@cache
def schema_names() -> frozenset[str]:
    """The allow-list of identifiers the write path may name: every word of the portal's schema (its migrations)
    and of its named write statements (the staging tables they create)."""
    from portal import db  # the write path builds on portal.db

    files = [*db.MIGRATIONS_DIR.glob("*.sql"), *(db.QUERIES_DIR / "writes").glob("*.sql")]
    return frozenset(w for f in files for w in _IDENTIFIER.findall(f.read_text(encoding="utf-8").lower()))


def quoted(name: str) -> str:
    """A checked, quoted SQL identifier: a table or column name from code, in the allow-list of the schema's
    own names (``schema_names``), never from input."""
    if not _IDENTIFIER.fullmatch(name) or name not in schema_names():
        raise ValueError(f"Bad identifier {name!r}: not a name of the portal's schema")
    return f'"{name}"'


@dataclass(frozen=True)
class BatchWrite:
    """What an import batch row records before the kind writes its rows."""

    kind: str
    file_name: str
    file_hash: str
    size_bytes: int
    source: str | None
    created_by: str
    rows_in_file: int
    options: Mapping[str, Any]
    rows_skipped: int = 0
    error_report_csv: str | None = None


_data_writes = 0  # import batches committed or undone, workflow steps written, by this process


def data_writes() -> int:
    """How many import batches this process has committed or undone, and workflow steps it has written (a
    dispute, its decision, a sign-off, a corrective action's step): a run that writes one reads the data
    version anew (``portal.ui.core.data_version``)."""
    return _data_writes


def _wrote() -> None:
    global _data_writes
    _data_writes += 1


_workflow_writes = 0  # workflow steps written by this process


def workflow_writes() -> int:
    """How many workflow steps (``audit.WORKFLOW_ACTIONS``) this process has written: part of the UI's data
    version. Only the web server writes them, and it is the one process with the database open read-write
    while it runs (DuckDB), so its own count is every such change: no statement over the audit log a run."""
    return _workflow_writes


def note_data_write() -> None:
    """A workflow step was written (writes.accounts.audit_row of a WORKFLOW_ACTIONS row)."""
    global _workflow_writes
    _workflow_writes += 1
    _wrote()


# Import commits and undos one at a time in this process (the one process that holds the database file: DuckDB
# lets no other write it). Both decide from the stored rows, in a snapshot taken when their transaction begins: an
# undo of batch 1 and the commit of a file holding batch 1's rows, run at one moment, each saw the other's rows as
# they were. The commit classed rows as updated or unchanged, the undo (seeing no later batch yet) deleted them, and
# both committed: the file's rows gone, its batch "committed", status history of complaints no longer stored (a
# helper's fault probe, session 55; DuckDB finds no conflict between a delete and the other's marks or updates).
# The second now waits for the first, then decides on what it left: the undo is refused (a later batch holds the
# rows), or the commit finds the rows gone and adds them.
IMPORT_WRITES = threading.RLock()


def commit_import(con, batch: BatchWrite, write_rows: Callable[[Any, int, Any], T]) -> tuple[int, T]:
    """One import as one transaction: open the batch, ``write_rows(cur, batch_id, batched_at)`` (the kind's
    rows; returns counts with ``added``, ``updated``, ``unchanged``, ``master_added``), close the batch with
    its counts and audit the upload. All or nothing."""

    def work(cur) -> tuple[int, T]:
        params = {
            "kind": batch.kind,
            "file_name": batch.file_name,
            "file_hash": batch.file_hash,
            "size_bytes": batch.size_bytes,
            "source": batch.source,
            "created_by": batch.created_by,
            "rows_in_file": batch.rows_in_file,
            "options": json.dumps(dict(batch.options), ensure_ascii=False, default=str),
        }
        batch_id, batched_at = _w.run(cur, "import_batch_open", params).fetchone()
        counts = write_rows(cur, int(batch_id), batched_at)
        counted = {
            "rows_added": counts.added,
            "rows_updated": counts.updated,
            "rows_unchanged": counts.unchanged,
            "rows_skipped": batch.rows_skipped,
        }
        _w.run(
            cur,
            "import_batch_close",
            counted | {"batch_id": batch_id, "error_report_csv": batch.error_report_csv},
        )
        details = {
            "kind": batch.kind,
            "file_name": batch.file_name,
            "file_hash": batch.file_hash,
            "rows_in_file": batch.rows_in_file,
            **counted,
            "master_added": counts.master_added,
        }
        audit.record(cur, batch.created_by, "upload", f"batch:{batch_id}", details)
        return int(batch_id), counts

    try:
        with IMPORT_WRITES:
            return _w.transaction(con, work)
    finally:
        _wrote()


def undo_import(
    con, batch_id: int, username: str, undo_rows: Callable[[Any], None], details: Mapping[str, Any]
):
    """Undo an import batch in one transaction: ``undo_rows(cur)`` (checks, then puts the kind's tables back;
    raises to refuse), drop its before-images, mark it undone, audit; then sweep the master data it added."""

    def work(cur) -> None:
        undo_rows(cur)
        _w.run(cur, "import_batch_drop_snapshots", {"batch_id": batch_id})
        _w.run(cur, "import_batch_mark_undone", {"batch_id": batch_id, "username": username})
        audit.record(cur, username, "undo", f"batch:{batch_id}", dict(details))

    try:
        with IMPORT_WRITES:  # after a commit under way, deciding on what it wrote (see IMPORT_WRITES)
            _w.transaction(con, work)
    finally:
        _wrote()
    sweep_master_data(con)


def add_master_codes(
    cur,
    table: str,
    codes: Sequence[str],
    batch_id: int,
    timezone: str | None = None,
    names_zh: Sequence[str | None] | None = None,
) -> None:
    """Add unknown codes to the master data ``table`` (stores, agents) as rows of the batch; a store takes the
    import's time zone (``timezone``: the zone its stamps were read in) and its Chinese name from the file
    (``names_zh``, one per code, None where the file names none)."""
    params = {"codes": list(codes), "batch_id": batch_id}
    if table == "stores":
        params["timezone"] = timezone
        params["names_zh"] = list(names_zh) if names_zh is not None else [None] * len(codes)
    _w.run(cur, MASTER_TABLES[table][1], params)


def sweep_master_data(con) -> int:
    """Remove master data added by batches that are now undone (unless something still refers to it).

    DuckDB refuses to delete a referenced master row in the transaction that deleted its referrers (a documented
    foreign-key limitation), so this runs right after an undo commits, and before every commit (idempotent). A row
    a list column names (LIST_REFERENCES: a store in a user's scope) stays too: undo removed such a store and left
    the inspector with a scope of no store."""
    removed = 0
    for table, (key, _) in MASTER_TABLES.items():
        named = "".join(
            f" and not exists (select 1 from {quoted(other)} as r "  # noqa: S608
            f"where list_contains(r.{quoted(column)}, m.{quoted(key)}))"
            for other, column in LIST_REFERENCES.get(table, ())
        )
        cur = con.cursor()
        try:
            ids = cur.execute(
                f"select m.{quoted(key)} from {quoted(table)} as m where m.created_batch_id in "  # noqa: S608
                f"(select batch_id from import_batches where status = 'undone'){named}"
            ).fetchall()
            for (row_id,) in ids:
                try:
                    cur.execute(f"delete from {quoted(table)} where {quoted(key)} = ?", [row_id])  # noqa: S608
                    removed += 1
                except duckdb.ConstraintException:
                    continue  # still referred to by rows of another batch: it stays
        finally:
            cur.close()
    return removed


def delete_batch_rows(cur, table: str, batch_column: str, batch_id: int) -> None:
    """Undo: delete the rows of ``table`` that the batch inserted."""
    cur.execute(f"delete from {quoted(table)} where {quoted(batch_column)} = $b", {"b": batch_id})  # noqa: S608


def delete_child_rows(
    cur, table: str, parent_column: str, parent: str, parent_key: str, parent_batch_column: str, batch_id: int
) -> None:
    """Undo: delete the rows of a child table whose parent row the batch inserted (before the parent goes)."""
    cur.execute(
        f"delete from {quoted(table)} where {quoted(parent_column)} in "  # noqa: S608
        f"(select {quoted(parent_key)} from {quoted(parent)} where {quoted(parent_batch_column)} = $b)",
        {"b": batch_id},
    )


# the "before-image" of a stored row the batch's file held unchanged: no image to restore (``restore_rows`` and
# the master check pass it over), only the mark that a later batch holds the row, so that undoing the batch that
# wrote it is refused (``batches.undo_blockers``: a helper's probe, session 54, undid an earlier batch and lost
# rows a later file also held, which could not be imported again as "already imported")
HELD_UNCHANGED = "null"


def snapshot_rows(cur, batch_id: int, table: str, key: str, stage: str) -> None:
    """Keep the before-image of the rows of ``table`` that the staged import changes (``stage``: a relation
    with ``existing_id``, the stored row's key, and ``is_changed``), as one JSON object a row; and the keys of
    the stored rows it holds unchanged, marked ``HELD_UNCHANGED``."""
    cur.execute(
        "insert into batch_row_snapshots (batch_id, table_name, row_key, before_json) "  # noqa: S608
        f"select $batch_id, $table_name, t.{quoted(key)}::varchar, to_json(t) from {quoted(table)} as t "
        f"where t.{quoted(key)} in (select existing_id from {quoted(stage)} where is_changed)",
        {"batch_id": batch_id, "table_name": table},
    )
    cur.execute(
        "insert into batch_row_snapshots (batch_id, table_name, row_key, before_json) "  # noqa: S608
        f"select distinct $batch_id, $table_name, existing_id::varchar, $held::json from {quoted(stage)} "
        "where existing_id is not null and not is_changed",
        {"batch_id": batch_id, "table_name": table, "held": HELD_UNCHANGED},
    )


def mark_held(cur, batch_id: int, table: str, keys: Sequence[str]) -> None:
    """The ``HELD_UNCHANGED`` mark of stored rows of a table without before-images (5S inspections, which a
    later sheet holds as they are): an undo of the batch that wrote them waits for this one."""
    if keys:
        cur.execute(
            "insert into batch_row_snapshots (batch_id, table_name, row_key, before_json) "
            "select $batch_id, $table_name, unnest($keys), $held::json",
            {"batch_id": batch_id, "table_name": table, "keys": list(keys), "held": HELD_UNCHANGED},
        )


def mark_held_inspections(cur, batch_id: int, source_ids: Sequence[str]) -> None:
    """``mark_held`` of the stored 5S inspections a sheet holds: its ids are their ``source_id``; the table's key
    is their ``inspection_id``."""
    if source_ids:
        keys = cur.execute(
            "select inspection_id::varchar from fives_inspections where list_contains($ids, source_id)",
            {"ids": list(source_ids)},
        ).fetchall()
        mark_held(cur, batch_id, "fives_inspections", [k[0] for k in keys])


def snapshot_child_rows(
    cur, batch_id: int, table: str, parent_column: str, columns: Sequence[str], stage: str
):
    """Keep the before-image of a child table's rows of each parent the staged import changes: one JSON list of
    ``columns`` (the child's columns but the parent's key) a parent, ``[]`` when it has none."""
    struct = "{" + ", ".join(f"'{c}': c.{quoted(c)}" for c in columns) + "}"  # names checked by quoted()
    cur.execute(
        "insert into batch_row_snapshots (batch_id, table_name, row_key, before_json) "  # noqa: S608
        "select $batch_id, $table_name, k.existing_id::varchar, "
        f"coalesce((select to_json(list({struct})) from {quoted(table)} as c "
        f"where c.{quoted(parent_column)} = k.existing_id), '[]'::json) "
        f"from {quoted(stage)} as k where k.is_changed",
        {"batch_id": batch_id, "table_name": table},
    )


def restore_rows(
    cur, batch_id: int, table: str, key: str, columns: Mapping[str, str], fixed: set[str], foreign: set[str]
) -> None:
    """Undo: put the rows of ``table`` that the batch updated back to their before-image.

    ``columns`` name -> type from the catalog. Key and unique columns (``fixed``) never change; foreign-key
    columns are set in a second statement and only where they differ, because DuckDB rewrites every row whose
    foreign-key column is in the SET list (index maintenance, ~50 µs a row) even when the value stays the same."""
    plain = [c for c in columns if c not in fixed and c not in foreign]
    params = {
        "structure": json.dumps(dict(columns)),
        "batch_id": batch_id,
        "table_name": table,
        "held": HELD_UNCHANGED,
    }
    before = (
        "(select unnest(json_transform(before_json, $structure)) from batch_row_snapshots "
        "where batch_id = $batch_id and table_name = $table_name and before_json::varchar <> $held) as r"
    )
    for names, only_changed in ((plain, False), (sorted(foreign), True)):
        if not names:
            continue
        assignments = ", ".join(f"{quoted(c)} = r.{quoted(c)}" for c in names)
        changed = ""
        if only_changed:
            changed = " and row({}) is distinct from row({})".format(
                ", ".join(f"t.{quoted(c)}" for c in names), ", ".join(f"r.{quoted(c)}" for c in names)
            )
        cur.execute(
            f"update {quoted(table)} as t set {assignments} from {before} "  # noqa: S608
            f"where t.{quoted(key)} = r.{quoted(key)}{changed}",
            params,
        )


def restore_child_rows(
    cur, batch_id: int, table: str, parent_column: str, parent_type: str, columns: Mapping[str, str]
) -> None:
    """Undo: put back the child rows of every parent whose before-image the batch kept (delete, re-insert)."""
    if not re.fullmatch(r"[A-Z][A-Z0-9_ ]*", parent_type):
        raise ValueError(f"Bad column type {parent_type!r}")
    names = ", ".join(quoted(c) for c in columns)
    params = {"b": batch_id, "t": table, "structure": json.dumps([dict(columns)])}
    cur.execute(
        f"delete from {quoted(table)} where {quoted(parent_column)} in "  # noqa: S608
        f"(select row_key::{parent_type} from batch_row_snapshots where batch_id = $b and table_name = $t)",
        {"b": batch_id, "t": table},
    )
    cur.execute(
        f"insert into {quoted(table)} ({quoted(parent_column)}, {names}) "  # noqa: S608
        f"select parent_key, {names} from (select s.row_key::{parent_type} as parent_key, "
        "unnest(json_transform(s.before_json, $structure), recursive := true) "
        "from batch_row_snapshots as s where s.batch_id = $b and s.table_name = $t)",
        params,
    )


def add_instrument(
    con, instrument: Mapping[str, Any], dimensions: Sequence, items: Sequence, username: str | None
):
    """Store a survey instrument as the next version of its code, with its dimensions and items; audited.
    Returns (instrument_id, version)."""

    def work(cur) -> tuple[int, int]:
        params = dict(instrument) | {"created_by": username}
        instrument_id, version = _w.run(cur, "instrument_add", params).fetchone()
        _w.run(
            cur,
            "instrument_dimensions_add",
            {
                "instrument_id": instrument_id,
                "codes": [d.code for d in dimensions],
                "positions": list(range(1, len(dimensions) + 1)),
                "names_en": [d.name_en for d in dimensions],
                "names_zh": [d.name_zh for d in dimensions],
                "weights": [float(d.weight) for d in dimensions],
            },
        )
        _w.run(
            cur,
            "instrument_items_add",
            {
                "instrument_id": instrument_id,
                "item_nos": [i.item_no for i in items],
                "dimension_codes": [i.dimension_code for i in items],
                "texts_en": [i.text_en for i in items],
                "texts_zh": [i.text_zh for i in items],
                "item_codes": [i.code or None for i in items],
            },
        )
        audit.record(
            cur,
            username,
            "settings",
            f"instrument:{instrument['instrument_code']}:v{version}",
            {"items": len(items), "dimensions": [d.code for d in dimensions]},
        )
        return int(instrument_id), int(version)

    return _w.transaction(con, work)
