"""The one write path: every change to the database goes through a function of this module.

Each function is one short transaction (``db.in_transaction``: bounded retry of DuckDB write-write
conflicts), named for what it changes, and idempotent where it can be. Write SQL lives in named files under
``queries/writes/`` (``statement(name)``), values always bound. No other module executes an insert, update
or delete (``tests/test_write_path.py`` checks the source). The scale-out step routes exactly these
functions to a single writer process.

Sections: accounts (users, sign-in counters), audit, settings, column mappings, imports (commit, undo),
5S workflow (inspections, corrective actions), scorecard workflow (sign-offs, disputes, weights).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, TypeVar

from portal import db
from portal.config import PROJECT_ROOT

WRITES_DIR = PROJECT_ROOT / "queries" / "writes"
T = TypeVar("T")


@cache
def statement(name: str) -> db.NamedQuery:
    """A write statement from queries/writes/<name>.sql; its first comment line is its description."""
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"Bad write statement name {name!r}")
    sql = (WRITES_DIR / f"{name}.sql").read_text(encoding="utf-8")
    first = next((ln for ln in sql.splitlines() if ln.startswith("--")), "-- ")
    code = "\n".join(ln.split("--", 1)[0] for ln in sql.splitlines())
    return db.NamedQuery(name, sql, first.lstrip("- ").strip(), frozenset(db._PARAM_RE.findall(code)))


def run(cur, name: str, params: Mapping[str, Any] | None = None):
    """Execute a named write statement on ``cur`` (inside the caller's transaction of this module)."""
    query = statement(name)
    return cur.execute(query.sql, db.bind(query, params or {}))


def transaction(con, work: Callable[[Any], T]) -> T:
    """One short write transaction with bounded conflict retry; the only way a write reaches the database."""
    return db.in_transaction(con, work)


# ---------------------------------------------------------------- accounts (users, sign-in counters)

# ---------------------------------------------------------------- audit

# ---------------------------------------------------------------- settings

# ---------------------------------------------------------------- column mappings

# ---------------------------------------------------------------- imports (commit, undo)

# ---------------------------------------------------------------- 5S workflow

# ---------------------------------------------------------------- scorecard workflow

# ---- weights (scorecard weights, floors, targets and min n, versioned by the period they apply from)


def save_scorecard_weights(con, username: str, effective_from, rules, note: str | None = None) -> int:
    """A new weights version effective from ``effective_from`` (a month's first day), with one rule per
    metric (``portal.scorecards.weights.MetricRule``), and its audit row; returns the version number.
    The caller validates first (``weights.validate``); the table's checks are the last guard."""
    from portal import audit

    def work(cur) -> int:
        version = run(
            cur,
            "scorecard_weight_version_insert",
            {"effective_from": effective_from, "note": note, "created_by": username},
        ).fetchone()[0]
        for r in rules:
            run(
                cur,
                "scorecard_weight_rule_insert",
                {
                    "version": version,
                    "metric_code": r.metric,
                    "weight": float(r.weight),
                    "floor_value": float(r.floor),
                    "target_value": float(r.target),
                    "min_n": int(r.min_n),
                },
            )
        audit.record(
            cur,
            username,
            "settings",
            "scorecard_weights",
            {
                "version": version,
                "effective_from": str(effective_from),
                "note": note,
                "rules": {r.metric: [r.weight, r.floor, r.target, r.min_n] for r in rules},
            },
        )
        return int(version)

    return transaction(con, work)
