"""The one write path: accounts (users, sign-in counters, sessions), the audit log and settings.

Part of ``portal.writes`` (callers import the package: ``from portal import writes``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from portal import audit
from portal import writes as _w

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
    "scope_team_id, agent_id, is_active, failed_attempts, locked_until, coalesce(session_version, 0) "
    "from users where username = ?"
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
    "session_version",
)


def user_row(cur, username: str) -> dict[str, Any] | None:
    """The stored row of ``username`` (already normalised) as a dict, or None: the one read of a user's row
    (portal.users uses it too)."""
    row = cur.execute(_SELECT_USER, [username]).fetchone()
    return None if row is None else dict(zip(_USER_FIELDS, row, strict=True))


def name_lock_state(cur, username: str) -> tuple[datetime | None, int]:
    """``(locked_until, failed_attempts)`` of a name no account holds, kept in the audit log as an account keeps
    them in its row: its failures count since its last lockout or sign-in and a lockout ends at the time it
    recorded, so that an unknown name locks and unlocks exactly as a real one (a sliding window over every
    failure kept it locked while someone kept trying, which told it from a real name)."""
    locked_until, failures = _w.run(cur, "signin_name_lock_state", {"username": username}).fetchone()
    return locked_until, int(failures)


def create_user(con, fields: Mapping[str, Any], *, created_by: str | None, now: datetime) -> int | None:
    """Insert a user (``fields``: the columns of user_insert.sql, password already hashed) and audit it.
    None when the name is taken."""

    def work(cur) -> int | None:
        if user_row(cur, fields["username"]) is not None:
            return None
        user_id = _w.run(cur, "user_insert", {**fields, "now": now}).fetchone()[0]
        # what was given, the scope by its codes (a creation row held only the roles: audit of the admin pages)
        given = {c: fields.get(c) for c in ("display_name", "email", *_SCOPE_CODES) if fields.get(c)}
        audit_row(
            cur,
            created_by,
            "user_change",
            f"user:{fields['username']}",
            {"created": True, "roles": fields["roles"], **_change_details(cur, given)},
        )
        return user_id

    return _w.transaction(con, work)


def update_user(
    con,
    username: str,
    *,
    changed_by: str,
    decide: Callable[[dict[str, Any], int], Mapping[str, Any]],
    password_hash: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any] | None:
    """Change admin-editable columns of a user. ``decide(row, active_admins)`` (inside the transaction, so the
    last-admin rule sees a consistent count) returns the changes to make or raises; None: no such user.
    ``password_hash`` (hashed by the caller, before): an admin's password reset in the same transaction, audited as
    ``set_password`` audits it, so that one Save of the Users form is stored whole or not at all."""

    def work(cur) -> dict[str, Any] | None:
        row = user_row(cur, username)
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
            _w.run(cur, "user_update", params)
            # each change with the value it replaced, as a settings change is audited
            was = _change_details(cur, {c: row[c] for c in changes})
            details = _change_details(cur, changes) | {"was": was}
            audit_row(cur, changed_by, "user_change", f"user:{username}", details)
        if password_hash is not None:
            _set_password_in(cur, username, password_hash, changed_by, reset_by_admin=True, now=now)
        return changes

    return _w.transaction(con, work)


# a user change's details name the scope by codes (ids mean nothing to a reader of the audit log)
_SCOPE_CODES = {
    "scope_region_id": ("region", "select region_code from regions where region_id = ?"),
    "scope_store_ids": ("stores", "select store_code from stores where store_id = ?"),
    "scope_team_id": ("team", "select team_code from teams where team_id = ?"),
    "agent_id": ("agent", "select agent_code from agents where agent_id = ?"),
}
_DETAIL_NAMES = {"is_active": "active"}


def _change_details(cur, changes: Mapping[str, Any]) -> dict[str, Any]:
    """A user change as its audit row keeps it: values as JSON (lists, booleans), the scope by its codes."""
    details: dict[str, Any] = {}
    for column, value in changes.items():
        if column in _SCOPE_CODES:
            name, sql = _SCOPE_CODES[column]
            ids = list(value) if isinstance(value, list | tuple) else [value]
            codes = []
            for row_id in ids:
                row = None if row_id is None else cur.execute(sql, [row_id]).fetchone()
                codes.append(None if row_id is None else row[0] if row else str(row_id))
            details[name] = codes if isinstance(value, list | tuple) else codes[0]
        else:
            details[_DETAIL_NAMES.get(column, column)] = list(value) if isinstance(value, tuple) else value
    return details


def set_password(
    con, username: str, password_hash: str, *, changed_by: str, reset_by_admin: bool, now: datetime
) -> int | None:
    """Store a new password hash (checked and hashed by the caller, outside this transaction); audited. Every
    session of the user ends; returns the new session version (None: no such user)."""

    return _w.transaction(
        con, lambda cur: _set_password_in(cur, username, password_hash, changed_by, reset_by_admin, now)
    )


def _set_password_in(
    cur, username: str, password_hash: str, changed_by: str, reset_by_admin: bool, now: datetime | None
) -> int | None:
    row = _w.run(
        cur, "user_password_set", {"username": username, "password_hash": password_hash, "now": now}
    ).fetchone()
    audit_row(cur, changed_by, "password_change", f"user:{username}", {"reset_by_admin": reset_by_admin})
    return None if row is None else row[0]


def end_sessions(con, username: str, *, by: str | None, action: str = "logout") -> int | None:
    """End every session of ``username`` (its session version goes up: each cookie issued before is refused)
    and audit it (``action``: logout, or user_change when an admin ends them). The new version; None: no user."""

    def work(cur) -> int | None:
        row = _w.run(cur, "user_sessions_end", {"username": username}).fetchone()
        if row is None:
            return None
        audit_row(
            cur, by, action, f"user:{username}", {"sessions_ended": True} if action != "logout" else None
        )
        return row[0]

    return _w.transaction(con, work)


def record_sign_in(
    con, user_id: int, username: str, *, now: datetime, via: str | None = None, session: str | None = None
) -> None:
    """A successful sign-in (password: counters cleared; cookie: only the audit row). ``session``: the id the
    sign-in cookie carries, so the audit row names the session its later page loads belong to."""

    def work(cur) -> None:
        if via is None:
            _w.run(cur, "signin_succeeded", {"user_id": user_id, "now": now})
        details = {k: v for k, v in (("via", via), ("session", session)) if v}
        audit_row(cur, username, "login", target=f"session:{session}" if session else None, details=details)

    _w.transaction(con, work)


def record_failed_sign_in(
    con,
    username: str,
    user_id: int | None,
    *,
    now: datetime,
    reason: str,
    max_attempts: int,
    lock_minutes: int,
    during: str | None = None,
) -> bool:
    """A refused sign-in, after the (slow) password check: the failure counted and audited in one short
    transaction; the account locked at ``max_attempts`` failures in a row. True when it locked just now.
    ``during``: where else the password was checked (``password_change``: the Account page's current password,
    which counts and locks as a sign-in does)."""
    where = {"during": during} if during else {}

    def work(cur) -> bool:
        if reason != "failed":
            audit_row(cur, username, "login_failed", details={"reason": reason, **where})
            return False
        if user_id is None:  # a name no account holds: its count is the audit log's (name_lock_state)
            failures = name_lock_state(cur, username)[1] + 1
        else:
            failures = _w.run(cur, "signin_failed", {"user_id": user_id}).fetchone()[0]
        audit_row(cur, username, "login_failed", details={"reason": reason, "attempt": failures, **where})
        if failures < max_attempts:
            return False
        locked_until = now + timedelta(minutes=lock_minutes)
        if user_id is not None:
            _w.run(cur, "signin_locked", {"user_id": user_id, "locked_until": locked_until})
        audit_row(cur, username, "lockout", details={"minutes": lock_minutes, "locked_until": locked_until})
        return True

    return _w.transaction(con, work)


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
    _w.run(cur, "audit_insert", {"username": username, "action": action, "target": target, "details": text})
    if action in audit.WORKFLOW_ACTIONS:  # figures change without an import: the data version moves
        from portal.writes.imports import note_data_write

        note_data_write()


def audit_event(
    con,
    username: str | None,
    action: str,
    target: str | None = None,
    details: Mapping[str, Any] | None = None,
) -> None:
    """One audit row in its own short transaction (sign-out, and events that change nothing else)."""
    _w.transaction(con, lambda cur: audit_row(cur, username, action, target, details))


# ---------------------------------------------------------------- settings
_settings_version = 0


def settings_version() -> int:
    """Bumped by every settings write of this process: the key under which the UI caches settings."""
    return _settings_version


def put_setting_in(cur, key: str, value: Any, updated_by: str | None) -> None:
    """Write a setting inside the caller's transaction of this module (the caller audits it); a setting a past
    period keeps (``settings.HISTORY_KEYS``) is recorded in its history too."""
    global _settings_version
    from portal.settings import DEFAULTS, HISTORY_KEYS  # the value in force where no admin set one

    if key in HISTORY_KEYS:
        _w.run(
            cur,
            "setting_history_put",
            {
                "key": key,
                "value": json.dumps(value),
                "was": json.dumps(DEFAULTS.get(key)),
                "updated_by": updated_by,
            },
        )
    _w.run(cur, "setting_put", {"key": key, "value": json.dumps(value), "updated_by": updated_by})
    _settings_version += 1


def put_setting(con, key: str, value: Any, updated_by: str | None) -> None:
    """Change a setting and audit the change, in one short transaction."""

    def work(cur) -> None:
        put_setting_in(cur, key, value, updated_by)
        audit_row(cur, updated_by, "settings", f"setting:{key}", {"value": value})

    _w.transaction(con, work)


def put_settings(con, values: Mapping[str, Any], updated_by: str | None) -> dict[str, Any]:
    """Change several settings at once (the Settings page's targets), each audited with the value it replaced,
    in one transaction: all or none. Returns the values they replaced."""

    from portal.settings import DEFAULTS  # the value in force where no admin set one

    def work(cur) -> dict[str, Any]:
        was = {}
        for key, value in values.items():
            row = cur.execute("select value from settings where key = ?", [key]).fetchone()
            was[key] = DEFAULTS.get(key) if row is None else json.loads(row[0])
            put_setting_in(cur, key, value, updated_by)
            audit_row(cur, updated_by, "settings", f"setting:{key}", {"value": value, "was": was[key]})
        return was

    return _w.transaction(con, work)
