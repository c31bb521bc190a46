"""What the master-data upload kinds (``master_stores``: stores and regions; ``master_agents``: agents and teams) share:
the reference look-ups that decide whether a key column may still change, and the undo rule for the master rows
a batch created.

DuckDB cannot update a foreign-key column of a row that another table refers to (an update of an indexed column
is a delete and an insert): a store's region, an agent's team and home store are given when the row is created,
and changed later only while nothing refers to the row.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from portal import writes
from portal.i18n import listed


def referring_tables(cur, table: str) -> list[tuple[str, str]]:
    """(table, column) of every foreign key that refers to ``table`` (from the catalog)."""
    rows = cur.execute(
        "select table_name, unnest(constraint_column_names) from duckdb_constraints() "
        "where constraint_type = 'FOREIGN KEY' and referenced_table = ? order by 1, 2",
        [table],
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def referenced_ids(cur, table: str, ids: Iterable[int], ignore: Iterable[str] = ()) -> set[int]:
    """The ids among ``ids`` of rows of ``table`` that a row of another table (not in ``ignore``) refers to."""
    ids, ignore, found = [int(i) for i in ids], set(ignore), set()
    if not ids:
        return found
    for other, column in referring_tables(cur, table):
        if other in ignore:
            continue
        col = writes.quoted(column)
        found |= {
            int(r[0])
            for r in cur.execute(
                f"select distinct {col} from {writes.quoted(other)} where list_contains($ids, {col})",  # noqa: S608
                {"ids": ids},
            ).fetchall()
        }
    return found


def refuse_undo_of_used(
    cur,
    batch_id: int,
    table: str,
    key: str,
    code: str,
    own: Iterable[str],
    kept: tuple[tuple[str, str], ...] = (),
) -> None:
    """Refuse the undo of a batch whose new rows of ``table`` other data now refers to (rows of tables not in
    ``own``, the kind's own tables): undo would leave them behind. ``kept``: (table, key) of own tables whose
    rows count too unless the undo removes or puts them back (created or snapshotted by the batch), e.g. the
    agents of another batch in a team this batch created."""
    created = cur.execute(
        f"select {writes.quoted(key)}, {writes.quoted(code)} from {writes.quoted(table)} "  # noqa: S608
        "where created_batch_id = $b order by 2",
        {"b": batch_id},
    ).fetchall()
    ids = [int(r[0]) for r in created]
    used = referenced_ids(cur, table, ids, ignore=own)
    for other, other_key in kept:
        for referrer, column in referring_tables(cur, table):
            if referrer != other or not ids:
                continue
            col, ok = writes.quoted(column), writes.quoted(other_key)
            used |= {
                int(r[0])
                for r in cur.execute(
                    f"select distinct {col} from {writes.quoted(other)} where list_contains($ids, {col}) "  # noqa: S608
                    "and created_batch_id is distinct from $b and "
                    f"{ok}::varchar not in (select row_key from batch_row_snapshots "
                    "where batch_id = $b and table_name = $t)",
                    {"ids": ids, "b": batch_id, "t": other},
                ).fetchall()
            }
    codes = [r[1] for r in created if r[0] in used]
    if codes:
        from portal.ingest.batches import UndoRefused  # batches loads the kinds (registry): not at the top

        raise UndoRefused(
            "master.undo.in_use",
            "Other data already refer to rows this batch added ({codes}); undo those imports first.",
            codes=listed(codes[:10], more=len(codes) > 10),
        )


def stored_rows(cur, statement: str, codes: list[str]) -> pd.DataFrame:
    """The stored rows of ``codes`` by a named statement (queries/writes/<statement>.sql, ``$codes``)."""
    return writes.run(cur, statement, {"codes": codes}).df()


def refuse_fixed_keys(ctx, found: pd.DataFrame, table: str, id_column: str, checks) -> None:
    """Rows of the file that give a stored row of ``table`` another value of a key column (a store's region, an
    agent's team or home store) while other data refer to that row: errors by row and column. ``found``: the file's
    rows (its index) with the stored row's ``id_column`` and ``stored_<column>``; ``checks``: (column, reason key)
    pairs. The message names the stored value, or says the row has none (``<reason>_none``: a row an import added)."""
    for column, reason in checks:
        before = found[f"stored_{column}"]
        moved = found[id_column].notna() & found[column].notna() & (found[column] != before.fillna(""))
        if not moved.any():
            continue
        used = referenced_ids(ctx.cur, table, found.loc[moved, id_column].astype(int))
        refused = moved & found[id_column].isin(list(used))
        none = before.isna()
        ctx.add_error(refused & ~none, column, reason, detail=before.fillna(""))
        ctx.add_error(refused & none, column, reason + "_none")


def staged_frame(rows: pd.DataFrame, texts, dates=()) -> pd.DataFrame:
    """The file's checked rows as the stage statements read them: ``row_no`` (the sheet's row), each of ``texts``
    as text or None, each of ``dates`` as a date or None; a column the file lacks is all None."""
    rows = rows.reset_index(names="row_no")
    out = pd.DataFrame({"row_no": rows["row_no"]})
    for name in texts:
        column = rows[name] if name in rows.columns else pd.Series(None, index=rows.index)
        out[name] = column.astype(object).where(column.notna(), None)
    for name in dates:
        column = rows[name] if name in rows.columns else pd.Series(pd.NaT, index=rows.index)
        out[name] = pd.to_datetime(column).dt.date.astype(object).where(column.notna(), None)
    return out
