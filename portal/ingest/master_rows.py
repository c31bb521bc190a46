"""What the master-data upload kinds (``master_stores``: stores and regions; ``master_agents``: agents and teams)
share: the reference look-ups behind the undo rule for the master rows a batch created, and the staging frame.

A store's region, an agent's team and home store change after creation too (SPEC §2: a store that changes region
keeps its past figures under the old region). DuckDB cannot update a foreign-key column of a row that another
table refers to (an update of an indexed column is a delete and an insert), so the base column keeps the value the
row was created with and a later change is kept in ``store_assignments`` / ``agent_assignments`` (migration 025;
read through the views ``stores_now`` / ``agents_now``). Those tables are child rows of the store or agent for
undo (``kinds.Table.parent``): their before-image is kept with the row's and put back whole.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from portal import writes
from portal.i18n import listed
from portal.ingest import codes as code_rules
from portal.ingest.core import UNREAD_COLUMNS, unused_columns
from portal.ingest.header import column_label


def referring_tables(cur, table: str) -> list[tuple[str, str]]:
    """(table, column) of every foreign key that refers to ``table`` (from the catalog)."""
    rows = cur.execute(
        "select table_name, unnest(constraint_column_names) from duckdb_constraints() "
        "where constraint_type = 'FOREIGN KEY' and referenced_table = ? order by 1, 2",
        [table],
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def referenced_ids(cur, table: str, ids: Iterable[int], ignore: Iterable[str] = ()) -> set[int]:
    """The ids among ``ids`` of rows of ``table`` that a row of another table (not in ``ignore``) refers to: by a
    foreign key, or by naming it in a list column (``writes.LIST_REFERENCES``: a user's store list)."""
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
    for other, column in writes.LIST_REFERENCES.get(table, ()):  # a user's store list: no foreign key says so
        if other in ignore:
            continue
        found |= {
            int(r[0])
            for r in cur.execute(
                f"select distinct named from (select unnest({writes.quoted(column)}) as named "  # noqa: S608
                f"from {writes.quoted(other)}) where list_contains($ids, named)",
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
    kept: tuple[tuple[str, str, str], ...] = (),
) -> None:
    """Refuse the undo of a batch whose new rows of ``table`` other data now refers to (rows of tables not in
    ``own``, the kind's own tables): undo would leave them behind. ``kept``: (table, key, batch column) of own
    tables whose rows count too unless the undo removes or puts them back (written by the batch: the batch column,
    or snapshotted by it), e.g. the agents of another batch in a team this batch created, or another batch's move
    of an agent into it."""
    created = cur.execute(
        f"select {writes.quoted(key)}, {writes.quoted(code)} from {writes.quoted(table)} "  # noqa: S608
        "where created_batch_id = $b order by 2",
        {"b": batch_id},
    ).fetchall()
    ids = [int(r[0]) for r in created]
    used = referenced_ids(cur, table, ids, ignore=own)
    for other, other_key, other_batch in kept:
        for referrer, column in referring_tables(cur, table):
            if referrer != other or not ids:
                continue
            col, ok, ob = writes.quoted(column), writes.quoted(other_key), writes.quoted(other_batch)
            used |= {
                int(r[0])
                for r in cur.execute(
                    f"select distinct {col} from {writes.quoted(other)} where list_contains($ids, {col}) "  # noqa: S608
                    f"and {ob} is distinct from $b and "
                    f"{ok}::varchar not in (select row_key from batch_row_snapshots "
                    "where batch_id = $b and table_name = $t and before_json::varchar <> 'null')",
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


def match_stored_codes(ctx, column: str, statement: str, alike: str) -> None:
    """The file's ``column`` codes as the stored rows (``statement``: queries/writes/<statement>.sql, every
    stored code, then maybe its names) write them, matched as an import's codes are (``codes.resolve_codes``: case,
    then leading zeros of each digit run: Excel writes the stored 0101 as 101; then one row's name; not a code inside
    a longer one), new ones written alike made one: each said in a notice. A code written like several stored ones is an error of its rows (``alike``,
    naming them), never a new row."""
    v = ctx.values
    given = v[column].astype(object)
    if not given.notna().any():
        return
    rows = writes.run(ctx.cur, statement).df()
    stored = rows.iloc[:, 0]
    # the names a statement gives after the code (a team's, a region's): a value naming one row is its code (a
    # helper's probe: a store list's 区域 of 华东区, R2's name, made a new region 华东区 and moved the stores to it)
    names = (
        dict(zip(stored, rows.iloc[:, 1:].itertuples(index=False), strict=True))
        if rows.shape[1] > 1
        else None
    )
    found = code_rules.resolve_codes(given, stored, names, inside=False)
    v[column] = found.codes
    if found.ambiguous:
        several = found.codes.isin(list(found.ambiguous))
        candidates = found.codes.map(lambda c: ", ".join(found.ambiguous.get(c, ())))
        ctx.add_error(several, column, alike, detail=candidates)
    for key, pairs in (
        ("ingest.notice.codes_repaired", found.repairs),
        ("ingest.notice.new_codes_merged", found.merged),
    ):
        if pairs:
            shown = listed(f"{a} → {b}" for a, b in sorted(pairs.items()))
            ctx.add_notice(key, column=ctx.column_of(column), pairs=shown)


HAN = r"[\u3400-\u9fff\uf900-\ufaff]"
LATIN = r"[A-Za-z]"


def chinese_names_to_zh(ctx, name: str, name_zh: str) -> None:
    """A name column (门店名称, 班组名称: the English name's field) whose cell is Chinese (Han characters, no Latin
    letter) beside no Chinese name is the Chinese name: it goes to ``name_zh`` and the English name is left blank
    (a stored row keeps its English name; a new store or team is named by the Chinese one), said in a notice.
    Before, a Chinese store list overwrote every stored English name with the Chinese one (a helper's probe)."""
    v = ctx.values
    text = v[name].astype("string")
    chinese = (
        text.str.contains(HAN, regex=True, na=False)
        & ~text.str.contains(LATIN, regex=True, na=False)
        & v[name_zh].isna()
    )
    if not chinese.any():
        return
    v.loc[chinese, name_zh] = v.loc[chinese, name]
    v.loc[chinese, name] = None
    ctx.add_notice("master.notice.chinese_names", column=ctx.column_of(name), n=int(chinese.sum()))


def note_unread_columns(ctx) -> None:
    """One notice naming the file's columns no field reads (an HR roster's phone and department, a store list's
    manager, a 质检表's per-item columns): the preview said nothing of them (the mapping form only while some
    optional field had no column)."""
    unread = unused_columns(ctx.headers, ctx.mapping)
    if unread:
        ctx.add_notice(UNREAD_COLUMNS, n=len(unread), columns=listed(column_label(h) for h in unread))


def stored_rows(cur, statement: str, codes: list[str]) -> pd.DataFrame:
    """The stored rows of ``codes`` by a named statement (queries/writes/<statement>.sql, ``$codes``)."""
    return writes.run(cur, statement, {"codes": codes}).df()


def staged_frame(rows: pd.DataFrame, texts, dates=(), flags=()) -> pd.DataFrame:
    """The file's checked rows as the stage statements read them: ``row_no`` (the sheet's row), each of ``texts``
    as text or None, each of ``dates`` as a date or None, each of ``flags`` (a yes/no choice) as ``is_<name>``, a
    boolean or None; a column the file lacks is all None."""
    rows = rows.reset_index(names="row_no")
    out = pd.DataFrame({"row_no": rows["row_no"]})
    for name in texts:
        column = rows[name] if name in rows.columns else pd.Series(None, index=rows.index)
        out[name] = column.astype(object).where(column.notna(), None)
    for name in dates:
        column = rows[name] if name in rows.columns else pd.Series(pd.NaT, index=rows.index)
        out[name] = pd.to_datetime(column).dt.date.astype(object).where(column.notna(), None)
    for name in flags:
        column = rows[name] if name in rows.columns else pd.Series(None, index=rows.index)
        out[f"is_{name}"] = column.map({"yes": True, "no": False}).astype(object).where(column.notna(), None)
    return out


def note_renames(
    ctx, code: str, names: tuple[str, str], table: str, stored: tuple[str, str, str], what
) -> None:
    """Name each stored team (region) whose name the file changes, before the commit: ``code`` and ``names`` (the
    English and Chinese name) are the file's columns, ``stored`` the table's code and name columns, ``what`` the
    things in both languages. A name the file leaves blank keeps the stored one (as master_teams_stage and
    master_regions_stage stage them). A helper's probe (session 54): an agents upload whose team column wrote
    "T1 / Team One / 一组" renamed the team "North Team 1" for all its 14 agents, said nowhere ("0 updated")."""
    v = ctx.values
    # an invalid row is not committed: nor is its name (review)
    valid = ~v.index.isin(list(ctx.errors.rows()))
    given = v[valid & v[code].notna() & (v[names[0]].notna() | v[names[1]].notna())]
    if given.empty:
        return
    first = given.groupby(code, sort=True)[list(names)].first()  # the first row's name of each, as the stage
    key, en, zh = (writes.quoted(c) for c in stored)
    rows = ctx.cur.execute(
        f"select {key}, {en}, {zh} from {writes.quoted(table)} where list_contains($codes, {key})",  # noqa: S608
        {"codes": [str(c) for c in first.index]},
    ).fetchall()
    renames: list[tuple[str, str, str]] = []
    for c, old_en, old_zh in rows:
        new_en, new_zh = (_given(first.at[c, n]) for n in names)
        new = (new_en or old_en, new_zh or old_zh)
        if new != (old_en, old_zh):
            renames.append((str(c), _both_names(old_en, old_zh), _both_names(*new)))
    if renames:
        listed_renames = "; ".join(f"{c}: {old} → {new}" for c, old, new in sorted(renames))
        ctx.add_notice("master.notice.renames", what=what, n=len(renames), renames=listed_renames)


def _given(value) -> str | None:
    return None if value is None or pd.isna(value) or not str(value).strip() else str(value).strip()


def _both_names(en, zh) -> str:
    return " / ".join(n for n in (en, zh) if n) or "—"
