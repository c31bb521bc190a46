"""Saved column mappings: a file's mapping kept under a name for its kind, with its options (the value map), and
offered again for a file that has all its columns. Split from ``portal.ingest.mapping``, which re-exports them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from portal import writes


@dataclass(frozen=True)
class SavedMapping:
    name: str
    mapping: dict[str, str]
    options: dict[str, Any]
    created_by: str | None


def _row_to_saved(row) -> SavedMapping:
    return SavedMapping(row[0], json.loads(row[1]), json.loads(row[2]) if row[2] else {}, row[3])


def save_mapping(
    con,
    kind_name: str,
    name: str,
    mapping: Mapping[str, str | None],
    username: str | None,
    options: Mapping[str, Any] | None = None,
) -> None:
    """Save (or replace) a mapping under a name for this kind."""
    clean = {k: v for k, v in mapping.items() if v}
    writes.save_column_mapping(con, kind_name, name.strip(), clean, options or {}, username)


def saved_mappings(con, kind_name: str) -> list[SavedMapping]:
    cur = con.cursor()
    try:
        rows = cur.execute(
            "select name, mapping, options, created_by from column_mappings where kind = ? order by name",
            [kind_name],
        ).fetchall()
    finally:
        cur.close()
    return [_row_to_saved(r) for r in rows]


def load_mapping(con, kind_name: str, name: str) -> SavedMapping | None:
    for saved in saved_mappings(con, kind_name):
        if saved.name == name:
            return saved
    return None


def best_saved_mapping(con, kind_name: str, headers: list[str]) -> SavedMapping | None:
    """A saved mapping all of whose columns are in this file (the one covering most fields wins)."""
    present = set(headers)
    fitting = [s for s in saved_mappings(con, kind_name) if s.mapping and set(s.mapping.values()) <= present]
    return max(fitting, key=lambda s: len(s.mapping), default=None)
