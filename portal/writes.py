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


def open_fives_actions(cur, inspection_id: int, *, username: str | None) -> list[dict[str, Any]]:
    """Open the corrective actions of one committed inspection, INSIDE the caller's transaction (an upload's or
    the tablet form's commit): one per failed item without an action yet (at or below 1 of 4, or the template's
    fail rule), owner the store's manager, due ``settings.fives_action_due_days`` (14) after the inspection.
    Idempotent (an item that has an action gets no second one). One audit row per inspection that opened any.
    Returns the new actions (action_id, item_code, store_id, owner, due_on)."""
    from portal import audit
    from portal.fives import actions

    rows = run(cur, "fives_open_actions", {"inspection_id": inspection_id, "due_days": actions.due_days(cur)})
    opened = [
        dict(zip(("action_id", "item_code", "store_id", "owner", "due_on"), r, strict=True))
        for r in rows.fetchall()
    ]
    if opened:
        audit.record(
            cur,
            username,
            "corrective_action",
            f"inspection:{inspection_id}",
            {
                "step": "open",
                "actions": [a["action_id"] for a in opened],
                "items": [a["item_code"] for a in opened],
            },
        )
    return opened


def _fives_action_step(
    con, user, action_id: int, step: str, params: Mapping[str, Any], text: str | None
) -> str:
    from portal import audit
    from portal.fives import actions

    def work(cur) -> str:
        row = run(cur, "fives_action_current", {"action_id": action_id}).fetchone()
        store_id, status = (row[1], row[2]) if row else (None, None)
        rule = actions.check_step(user, step, store_id, status, text)
        changed = run(
            cur, f"fives_action_{step}", {"action_id": action_id, "username": user.username, **params}
        ).fetchall()
        if not changed:  # changed by someone else since it was read
            raise actions.WorkflowError("fives.error.status", status=status)
        details = {"step": step, "from": status, "to": rule.to_status}
        if text:
            details["text"] = text
        audit.record(cur, user.username, "corrective_action", f"corrective_action:{action_id}", details)
        return rule.to_status

    return transaction(con, work)


def start_fives_action(con, user, action_id: int) -> str:
    """open -> in_progress (admin, manager, inspector of the action's store). Returns the new status."""
    return _fives_action_step(con, user, action_id, "start", {}, None)


def submit_fives_action(
    con, user, action_id: int, done_text: str, after_photo_path: str | None = None
) -> str:
    """open / in_progress -> submitted with what was done (required) and an optional after-photo path."""
    text = (done_text or "").strip()
    return _fives_action_step(
        con, user, action_id, "submit", {"done_text": text, "after_photo_path": after_photo_path}, text
    )


def verify_fives_action(con, user, action_id: int) -> str:
    """submitted -> verified (manager or admin of the action's store)."""
    return _fives_action_step(con, user, action_id, "verify", {}, None)


def send_back_fives_action(con, user, action_id: int, reason: str) -> str:
    """submitted -> in_progress with a reason (required; manager or admin of the action's store)."""
    text = (reason or "").strip()
    return _fives_action_step(con, user, action_id, "send_back", {"reason": text}, text)


# ---------------------------------------------------------------- scorecard workflow
