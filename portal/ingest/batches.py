"""Import batches: look-ups, error reports, and undo of any kind from its table declaration.

Undo restores the state before the batch exactly, for every kind alike (``kinds.Table`` says where its rows
are): rows the batch inserted are deleted (child rows of them first), rows it updated are put back from their
before-image (``batch_row_snapshots``, child rows with them), and master data it added (``created_batch_id``)
is removed right after the undo commits (``writes.sweep_master_data``: DuckDB cannot delete a referenced master
row in the transaction that deleted its referrers). A later committed batch that changed the same rows, or
wrote rows on master data this batch added, blocks the undo (undo that one first). The transaction itself is
``writes.undo_import``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from portal import export, writes
from portal.auth import User
from portal.i18n import listed, t
from portal.ingest import registry
from portal.ingest.core import ImportOptions, constraint_columns, table_columns
from portal.ingest.errors import error_messages
from portal.ingest.header import column_text
from portal.ingest.kinds import Refused, Table
from portal.ingest.raw import RawTable, SheetCells


class UndoRefused(Refused):
    """The batch cannot be undone; nothing was changed."""


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
# The import options that change what is stored: the same bytes read with another of these is another import.
# add_missing: rows with unknown codes, skipped before ("skip invalid rows"), are stored with their codes added to
# the master data; sheet: another sheet of the same workbook (one sheet per month) is another table
STORED_BY = ("timezone", "source", "value_map", "mapping", "add_missing", "sheet")


def stored_options(
    options: ImportOptions, column_mapping: Mapping[str, str | None], raw: RawTable
) -> dict[str, Any]:
    """The options an import batch stores (``import_batches.options``) and the same-file check compares: the
    import options, the columns mapped and, when the sheet read is not the workbook's default one, the sheet. A
    batch stored before sheets could be chosen read the default sheet and has none, as a default read has none."""
    stored = options.as_json() | {"mapping": {k: v for k, v in column_mapping.items() if v}}
    if raw.chosen_sheet is not None:
        stored["sheet"] = raw.chosen_sheet
    return stored


def _stored_by(options: dict[str, Any] | None) -> tuple:
    options = options or {}
    return tuple(json.dumps(options.get(k) or None, sort_keys=True) for k in STORED_BY)


def find_committed_by_hash(
    con, kind: str, file_hash: str, options: dict[str, Any] | None = None
) -> dict[str, Any] | None:
    """The committed (not undone) batch of this kind that imported a file with exactly these bytes and, when
    ``options`` (``stored_options``) is given, the same options that change what is stored (``STORED_BY``): the
    same file read in another time zone, with other values, now adding unknown codes to the master data or from
    another sheet of the workbook is a new import."""
    cur = con.cursor()
    try:
        return committed_by_hash_in(cur, kind, file_hash, options)
    finally:
        cur.close()


def committed_by_hash_in(
    cur, kind: str, file_hash: str, options: dict[str, Any] | None = None, *, other_than: int | None = None
) -> dict[str, Any] | None:
    """``find_committed_by_hash`` on ``cur``: inside a commit's own transaction, which sees what committed before
    it (a preview's check is only as recent as the preview), its own batch (``other_than``) left out."""
    rows = cur.execute(
        "select batch_id, created_at, created_by, file_name, options from import_batches "
        "where kind = ? and file_hash = ? and status = 'committed' order by batch_id",
        [kind, file_hash],
    ).fetchall()
    for row in rows:
        if row[0] == other_than:
            continue
        stored = json.loads(row[4]) if isinstance(row[4], str) and row[4] else (row[4] or {})
        if options is None or _stored_by(stored) == _stored_by(options):
            return {"batch_id": row[0], "created_at": row[1], "created_by": row[2], "file_name": row[3]}
    return None


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


def default_pick(history: pd.DataFrame, username: str) -> int:
    """The batch Import history shows first: the user's own newest batch still committed (the one they most
    likely came to undo), else the newest in the list. Not simply the list's first row: for an admin that is
    whichever batch anyone committed last, so another user's commit between two page loads changed which
    batch the page offered to undo (the soak's "Undo clicks without effect", issue 15)."""
    own = history[(history["created_by"] == username) & (history["status"] == "committed")]
    return int((own if not own.empty else history)["batch_id"].iloc[0])


def error_report(con, batch_id: int) -> bytes | None:
    """The batch's error report (skipped rows: row, column, value, reason, headed in the import's language, then
    the row's cells) as CSV."""
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


def build_error_report(
    errors: pd.DataFrame,
    raw_frame: pd.DataFrame,
    lang: str = "en",
    sheet_cells: SheetCells | None = None,
    rendered: pd.DataFrame | None = None,
) -> str:
    """CSV text of the errors (an ``ErrorLog`` frame) rendered and headed in ``lang`` as the preview shows them (a table
    read from worksheets: sheet, row, column letter), each joined to its row's own cells; formula-leading cells
    neutralised. ``rendered``: those errors already rendered so (``Prepared.error_messages``), not rendered again."""
    if rendered is None:  # a sheet's header problem: once, not once per item
        rendered = error_messages(errors, lang, sheet_cells)
    cells = raw_frame.reindex(errors.loc[rendered.index, "row"].to_numpy()).rename(
        columns=lambda c: f"[{column_text(str(c), lang)}]"  # 备注(第 4 列) in a Chinese report
    )
    # headed in the report's language, as the Upload page's table of the same errors (preview.error_table)
    rendered = rendered.reset_index(drop=True).rename(columns=lambda c: t(f"ingest.col.{c}", lang))
    report = pd.concat([rendered, cells.reset_index(drop=True)], axis=1)
    return export.safe_frame(report).to_csv(index=False)


# ---------------------------------------------------------------- undo
def undo_blockers(cur, tables: tuple[Table, ...], batch_id: int) -> list[int]:
    """Later committed batches that changed or held rows this batch wrote (their before-images, or the mark of a
    row their file held unchanged: ``writes.HELD_UNCHANGED``; undoing this batch would take it from under them), or
    wrote rows that use master data this batch added. A row this batch itself only held is not one it wrote."""
    found: set[int] = set()
    for table in tables:
        name = writes.quoted(table.name)
        if (table.snapshot or table.key) and not table.parent:  # keyed rows a later batch held too (5S)
            key, key_type = writes.quoted(table.key), _sql_type(cur, table.name, table.key)
            # the rows the batch inserted; master rows (stores, agents, teams, regions) the batch created carry
            # created_batch_id instead (a later roster holding an agent an earlier one created: review)
            created = table.batch_column or (
                "created_batch_id" if table.name in writes.MASTER_TABLES else None
            )
            inserted = (
                f"select {key} as row_key from {name} where {writes.quoted(created)} = $b union "  # noqa: S608 - declared, checked identifiers
                if created
                else ""
            )
            found |= {
                r[0]
                for r in cur.execute(
                    f"""
                    with touched as (
                        {inserted}
                        select row_key::{key_type} as row_key from batch_row_snapshots
                        where batch_id = $b and table_name = $t and before_json::varchar <> 'null'
                    )
                    select distinct s.batch_id
                    from batch_row_snapshots as s
                    join import_batches as ib on ib.batch_id = s.batch_id
                    where ib.status = 'committed' and s.batch_id > $b and s.table_name = $t
                      and s.row_key::{key_type} in (select row_key from touched)
                    """,  # noqa: S608 - declared, checked identifiers
                    {"b": batch_id, "t": table.name},
                ).fetchall()
            }
        if table.master:
            writers = ", ".join(
                writes.quoted(c) for c in (table.batch_column, table.updated_batch_column) if c
            )
            uses = " or ".join(
                f"{writes.quoted(column)} in (select {writes.quoted(writes.MASTER_TABLES[master][0])} "  # noqa: S608
                f"from {writes.quoted(master)} where created_batch_id = $b)"
                for column, master in table.master
            )
            found |= {
                r[0]
                for r in cur.execute(
                    f"select distinct unnest([{writers}]) from {name} where {uses}",  # noqa: S608
                    {"b": batch_id},
                ).fetchall()
            }
    return sorted(int(b) for b in found if b is not None and b != batch_id)


def _sql_type(cur, table: str, column: str) -> str:
    return table_columns(cur, table)[column]


def undo_rows(cur, tables: tuple[Table, ...], batch_id: int) -> None:
    """Put a kind's tables back to the state before the batch (see the module docstring)."""
    declared = {t.name: t for t in tables}
    for table in tables:
        if table.parent:
            column, parent = table.parent
            owner = declared[parent]
            if owner.batch_column:  # master rows (no batch column) the batch created are swept after the undo
                writes.delete_child_rows(
                    cur, table.name, column, parent, owner.key, owner.batch_column, batch_id
                )
        if table.batch_column:
            writes.delete_batch_rows(cur, table.name, table.batch_column, batch_id)
    for table in tables:
        if not table.snapshot:
            continue
        columns = table_columns(cur, table.name)
        if table.parent:
            column = table.parent[0]
            rest = {c: t for c, t in columns.items() if c != column}
            writes.restore_child_rows(cur, batch_id, table.name, column, columns[column], rest)
        else:
            fixed = constraint_columns(cur, table.name, "PRIMARY KEY", "UNIQUE")
            foreign = constraint_columns(cur, table.name, "FOREIGN KEY") - fixed
            writes.restore_rows(cur, batch_id, table.name, table.key, columns, fixed, foreign)


def undo_batch(con, batch_id: int, user: User) -> None:
    """Undo a committed batch (admin: any; others: their own); see the module docstring."""
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
        tables = kind.tables
    except KeyError as exc:
        raise UndoRefused(
            "ingest.undo.unknown_kind", "Batches of kind {kind} cannot be undone here.", kind=batch["kind"]
        ) from exc

    def checked_undo(cur) -> None:
        if not can_undo(writes.acting_user(cur, user), batch):  # rights as stored now, not as when drawn
            raise UndoRefused(
                "ingest.undo.not_yours",
                "Batch {batch_id} was imported by someone else; only an admin may undo it.",
                batch_id=batch_id,
            )
        status = cur.execute("select status from import_batches where batch_id = ?", [batch_id]).fetchone()[0]
        if status != "committed":
            raise UndoRefused(
                "ingest.undo.already_undone", "Batch {batch_id} has already been undone.", batch_id=batch_id
            )
        blockers = undo_blockers(cur, tables, batch_id)
        if blockers:
            raise UndoRefused(
                "ingest.undo.blocked",
                "Later imports changed the same rows (batches {batches}). Undo those first.",
                batches=listed(blockers),
            )
        if kind.before_undo is not None:
            kind.before_undo(cur, batch_id)
        undo_rows(cur, tables, batch_id)
        if kind.after_undo is not None:
            kind.after_undo(cur)

    details = {
        "kind": batch["kind"],
        "file_name": batch["file_name"],
        "rows_added": int(batch["rows_added"]),
        "rows_updated": int(batch["rows_updated"]),
    }
    writes.undo_import(con, batch_id, user.username, checked_undo, details)
