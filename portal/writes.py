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

import json
import re
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from functools import cache
from typing import Any, TypeVar

from portal import audit, db
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
USER_COLUMNS = (
    "display_name",
    "email",
    "roles",
    "scope_region_id",
    "scope_store_ids",
    "scope_team_id",
    "agent_id",
    "is_active",
)  # the columns an admin may change (update_user)
_SELECT_USER = (
    "select user_id, username, display_name, email, password_hash, roles, scope_region_id, scope_store_ids, "
    "scope_team_id, agent_id, is_active, failed_attempts, locked_until from users where username = ?"
)
_USER_FIELDS = (
    "user_id",
    "username",
    "display_name",
    "email",
    "password_hash",
    "roles",
    "scope_region_id",
    "scope_store_ids",
    "scope_team_id",
    "agent_id",
    "is_active",
    "failed_attempts",
    "locked_until",
)


def _user_row(cur, username: str) -> dict[str, Any] | None:
    row = cur.execute(_SELECT_USER, [username]).fetchone()
    return None if row is None else dict(zip(_USER_FIELDS, row, strict=True))


def create_user(con, fields: Mapping[str, Any], *, created_by: str | None, now: datetime) -> int | None:
    """Insert a user (``fields``: the columns of user_insert.sql, password already hashed) and audit it.
    None when the name is taken."""

    def work(cur) -> int | None:
        if _user_row(cur, fields["username"]) is not None:
            return None
        user_id = run(cur, "user_insert", {**fields, "now": now}).fetchone()[0]
        audit_row(
            cur,
            created_by,
            "user_change",
            f"user:{fields['username']}",
            {"created": True, "roles": fields["roles"]},
        )
        return user_id

    return transaction(con, work)


def update_user(
    con,
    username: str,
    *,
    changed_by: str,
    decide: Callable[[dict[str, Any], int], Mapping[str, Any]],
) -> dict[str, Any] | None:
    """Change admin-editable columns of a user. ``decide(row, active_admins)`` (inside the transaction, so the
    last-admin rule sees a consistent count) returns the changes to make or raises; None: no such user."""

    def work(cur) -> dict[str, Any] | None:
        row = _user_row(cur, username)
        if row is None:
            return None
        admins = cur.execute(
            "select count(*) from users where list_contains(roles, 'admin') and is_active"
        ).fetchone()[0]
        changes = dict(decide(row, admins))
        unknown = set(changes) - set(USER_COLUMNS)
        if unknown:
            raise ValueError(f"not an editable user column: {sorted(unknown)}")
        if changes:
            params: dict[str, Any] = {"username": username}
            for column in USER_COLUMNS:
                params[f"set_{column}"] = column in changes
                value = changes.get(column)
                params[column] = list(value) if isinstance(value, list | tuple) else value
            run(cur, "user_update", params)
            audit_row(
                cur, changed_by, "user_change", f"user:{username}", {k: str(v) for k, v in changes.items()}
            )
        return changes

    return transaction(con, work)


def set_password(
    con, username: str, password_hash: str, *, changed_by: str, reset_by_admin: bool, now: datetime
):
    """Store a new password hash (checked and hashed by the caller, outside this transaction); audited."""

    def work(cur) -> None:
        run(cur, "user_password_set", {"username": username, "password_hash": password_hash, "now": now})
        audit_row(cur, changed_by, "password_change", f"user:{username}", {"reset_by_admin": reset_by_admin})

    transaction(con, work)


def record_sign_in(con, user_id: int, username: str, *, now: datetime, via: str | None = None) -> None:
    """A successful sign-in (password: counters cleared; cookie: only the audit row)."""

    def work(cur) -> None:
        if via is None:
            run(cur, "signin_succeeded", {"user_id": user_id, "now": now})
        audit_row(cur, username, "login", details={"via": via} if via else None)

    transaction(con, work)


def record_failed_sign_in(
    con,
    username: str,
    user_id: int | None,
    *,
    now: datetime,
    reason: str,
    max_attempts: int,
    lock_minutes: int,
) -> bool:
    """A refused sign-in, after the (slow) password check: the failure counted and audited in one short
    transaction; the account locked at ``max_attempts`` failures in a row. True when it locked just now."""

    def work(cur) -> bool:
        if user_id is None or reason != "failed":
            audit_row(cur, username, "login_failed", details={"reason": reason})
            return False
        failures = run(cur, "signin_failed", {"user_id": user_id}).fetchone()[0]
        audit_row(cur, username, "login_failed", details={"reason": reason, "attempt": failures})
        if failures < max_attempts:
            return False
        run(cur, "signin_locked", {"user_id": user_id, "locked_until": now + timedelta(minutes=lock_minutes)})
        audit_row(cur, username, "lockout", details={"minutes": lock_minutes})
        return True

    return transaction(con, work)


# ---------------------------------------------------------------- audit
def audit_row(
    cur,
    username: str | None,
    action: str,
    target: str | None = None,
    details: Mapping[str, Any] | None = None,
) -> None:
    """One audit row inside the caller's transaction of this module (``audit.record`` calls this)."""
    if action not in audit.ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    text = json.dumps(dict(details), ensure_ascii=False, default=str) if details else None
    run(cur, "audit_insert", {"username": username, "action": action, "target": target, "details": text})


def audit_event(
    con,
    username: str | None,
    action: str,
    target: str | None = None,
    details: Mapping[str, Any] | None = None,
) -> None:
    """One audit row in its own short transaction (sign-out, and events that change nothing else)."""
    transaction(con, lambda cur: audit_row(cur, username, action, target, details))


# ---------------------------------------------------------------- settings
_settings_version = 0


def settings_version() -> int:
    """Bumped by every settings write of this process: the key under which the UI caches settings."""
    return _settings_version


def put_setting_in(cur, key: str, value: Any, updated_by: str | None) -> None:
    """Write a setting inside the caller's transaction of this module (the caller audits it)."""
    global _settings_version
    run(cur, "setting_put", {"key": key, "value": json.dumps(value), "updated_by": updated_by})
    _settings_version += 1


def put_setting(con, key: str, value: Any, updated_by: str | None) -> None:
    """Change a setting and audit the change, in one short transaction."""

    def work(cur) -> None:
        put_setting_in(cur, key, value, updated_by)
        audit_row(cur, updated_by, "settings", f"setting:{key}", {"value": value})

    transaction(con, work)


# ---------------------------------------------------------------- column mappings

# ---------------------------------------------------------------- imports (commit, undo)

# ---------------------------------------------------------------- 5S workflow

# ---------------------------------------------------------------- scorecard workflow


# ---------------------------------------------------------------- overview (alert acknowledgements, briefs)
def acknowledge_alert(
    con,
    *,
    scope_key: str,
    condition_key: str,
    fingerprint: str,
    action: str,
    note: str,
    username: str,
    now: datetime,
    snooze_until=None,
) -> int:
    """Acknowledge (quiet while the condition holds unchanged) or snooze (quiet until a day) an overview alert,
    with a note; audited."""
    if action not in ("acknowledge", "snooze"):
        raise ValueError(f"unknown alert action {action!r}")
    if action == "snooze" and snooze_until is None:
        raise ValueError("a snooze needs the day it ends")
    if not note.strip():
        raise ValueError("an acknowledgement needs a note")

    def work(cur) -> int:
        ack_id = run(
            cur,
            "overview_alert_ack_insert",
            {
                "scope_key": scope_key,
                "condition_key": condition_key,
                "fingerprint": fingerprint,
                "action": action,
                "snooze_until": snooze_until if action == "snooze" else None,
                "note": note.strip(),
                "username": username,
                "now": now,
            },
        ).fetchone()[0]
        audit_row(
            cur,
            username,
            "alert_ack",
            f"alert:{condition_key}",
            {"action": action, "fingerprint": fingerprint, "until": snooze_until, "note": note.strip()},
        )
        return ack_id

    return transaction(con, work)


def store_brief(
    con, *, week: str, scope_key: str, lang: str, markdown: str, body: Mapping[str, Any], issued_by, now
) -> int:
    """Keep an issued weekly brief exactly as it was issued; audited."""

    def work(cur) -> int:
        brief_id = run(
            cur,
            "overview_brief_insert",
            {
                "week": week,
                "scope_key": scope_key,
                "lang": lang,
                "body_markdown": markdown,
                "body_json": json.dumps(dict(body), ensure_ascii=False, default=str),
                "issued_by": issued_by,
                "now": now,
            },
        ).fetchone()[0]
        audit_row(cur, issued_by, "brief_issued", f"brief:{brief_id}", {"week": week, "lang": lang})
        return brief_id

    return transaction(con, work)
