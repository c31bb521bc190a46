"""Row counts and a content checksum per table: "the database is unchanged" made checkable (issue 15)."""

from __future__ import annotations

from pathlib import Path

import duckdb

IGNORED = frozenset({"audit_log"})  # a refused sign-in or import may be audited; everything else must hold


def fingerprint(con_or_path, ignore: frozenset[str] = IGNORED) -> dict[str, tuple[int, int]]:
    """{table: (rows, order-independent hash of every row)} of every base table of the main schema."""
    own = isinstance(con_or_path, str | Path)
    con = duckdb.connect(str(con_or_path), read_only=True) if own else con_or_path
    try:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables "
                "where table_schema = 'main' and table_type = 'BASE TABLE' order by 1"
            ).fetchall()
        ]
        kept = [table for table in tables if table not in ignore]
        if not kept:
            return {}
        # one statement for every table (a statement per table cost ~1 ms each, ~50 ms a fingerprint)
        sql = " union all ".join(
            f'select {i} as n, count(*), coalesce(sum(hash(t)), 0) from "{table}" t'  # noqa: S608 - catalog names
            for i, table in enumerate(kept)
        )
        return {kept[n]: (int(rows), int(digest)) for n, rows, digest in con.execute(sql).fetchall()}
    finally:
        if own:
            con.close()
