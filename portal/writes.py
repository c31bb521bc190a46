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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any, TypeVar

import duckdb

from portal import audit, db
from portal.config import PROJECT_ROOT
from portal.qa import rules

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
) -> int | None:
    """Store a new password hash (checked and hashed by the caller, outside this transaction); audited. Every
    session of the user ends; returns the new session version (None: no such user)."""

    def work(cur) -> int | None:
        row = run(
            cur, "user_password_set", {"username": username, "password_hash": password_hash, "now": now}
        ).fetchone()
        audit_row(cur, changed_by, "password_change", f"user:{username}", {"reset_by_admin": reset_by_admin})
        return None if row is None else row[0]

    return transaction(con, work)


def end_sessions(con, username: str, *, by: str | None, action: str = "logout") -> int | None:
    """End every session of ``username`` (its session version goes up: each cookie issued before is refused)
    and audit it (``action``: logout, or user_change when an admin ends them). The new version; None: no user."""

    def work(cur) -> int | None:
        row = run(cur, "user_sessions_end", {"username": username}).fetchone()
        if row is None:
            return None
        audit_row(
            cur, by, action, f"user:{username}", {"sessions_ended": True} if action != "logout" else None
        )
        return row[0]

    return transaction(con, work)


def record_sign_in(
    con, user_id: int, username: str, *, now: datetime, via: str | None = None, session: str | None = None
) -> None:
    """A successful sign-in (password: counters cleared; cookie: only the audit row). ``session``: the id the
    sign-in cookie carries, so the audit row names the session its later page loads belong to."""

    def work(cur) -> None:
        if via is None:
            run(cur, "signin_succeeded", {"user_id": user_id, "now": now})
        details = {k: v for k, v in (("via", via), ("session", session)) if v}
        audit_row(cur, username, "login", target=f"session:{session}" if session else None, details=details)

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
    transaction(con, lambda cur: run(cur, "column_mapping_save", params))


# ---------------------------------------------------------------- imports (commit, undo)
# Identifiers in the generic statements below come from the upload kinds' table declarations
# (portal.ingest.kinds.Table: code, never input) and the catalog, and are checked and quoted here.
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
# Master data an import may add (unknown codes, when a manager chooses to), with the statement that adds it.
MASTER_TABLES: dict[str, tuple[str, str]] = {
    "agents": ("agent_id", "master_agents_add"),
    "stores": ("store_id", "master_stores_add"),
}


def quoted(name: str) -> str:
    """A checked, quoted SQL identifier (a table or column name from code, never from input)."""
    if not _IDENTIFIER.fullmatch(name):
        raise ValueError(f"Bad identifier {name!r}")
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
        batch_id, batched_at = run(cur, "import_batch_open", params).fetchone()
        counts = write_rows(cur, int(batch_id), batched_at)
        counted = {
            "rows_added": counts.added,
            "rows_updated": counts.updated,
            "rows_unchanged": counts.unchanged,
            "rows_skipped": batch.rows_skipped,
        }
        run(
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

    return transaction(con, work)


def undo_import(
    con, batch_id: int, username: str, undo_rows: Callable[[Any], None], details: Mapping[str, Any]
):
    """Undo an import batch in one transaction: ``undo_rows(cur)`` (checks, then puts the kind's tables back;
    raises to refuse), drop its before-images, mark it undone, audit; then sweep the master data it added."""

    def work(cur) -> None:
        undo_rows(cur)
        run(cur, "import_batch_drop_snapshots", {"batch_id": batch_id})
        run(cur, "import_batch_mark_undone", {"batch_id": batch_id, "username": username})
        audit.record(cur, username, "undo", f"batch:{batch_id}", dict(details))

    transaction(con, work)
    sweep_master_data(con)


def add_master_codes(
    cur, table: str, codes: Sequence[str], batch_id: int, timezone: str | None = None
) -> None:
    """Add unknown codes to the master data ``table`` (stores, agents) as rows of the batch; a store takes the
    import's time zone (``timezone``: the zone its stamps were read in)."""
    params = {"codes": list(codes), "batch_id": batch_id}
    if table == "stores":
        params["timezone"] = timezone
    run(cur, MASTER_TABLES[table][1], params)


def sweep_master_data(con) -> int:
    """Remove master data added by batches that are now undone (unless something still refers to it).

    DuckDB refuses to delete a referenced master row in the transaction that deleted its referrers (a documented
    foreign-key limitation), so this runs right after an undo commits, and before every commit (idempotent)."""
    removed = 0
    for table, (key, _) in MASTER_TABLES.items():
        cur = con.cursor()
        try:
            ids = cur.execute(
                f"select {quoted(key)} from {quoted(table)} where created_batch_id in "  # noqa: S608
                "(select batch_id from import_batches where status = 'undone')"
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
    cur, table: str, parent_column: str, parent: str, parent_key: str, batch_id: int
) -> None:
    """Undo: delete the rows of a child table whose parent row the batch inserted (before the parent goes)."""
    cur.execute(
        f"delete from {quoted(table)} where {quoted(parent_column)} in "  # noqa: S608
        f"(select {quoted(parent_key)} from {quoted(parent)} where batch_id = $b)",
        {"b": batch_id},
    )


def snapshot_rows(cur, batch_id: int, table: str, key: str, stage: str) -> None:
    """Keep the before-image of the rows of ``table`` that the staged import changes (``stage``: a relation
    with ``existing_id``, the stored row's key, and ``is_changed``), as one JSON object a row."""
    cur.execute(
        "insert into batch_row_snapshots (batch_id, table_name, row_key, before_json) "  # noqa: S608
        f"select $batch_id, $table_name, t.{quoted(key)}::varchar, to_json(t) from {quoted(table)} as t "
        f"where t.{quoted(key)} in (select existing_id from {quoted(stage)} where is_changed)",
        {"batch_id": batch_id, "table_name": table},
    )


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
    params = {"structure": json.dumps(dict(columns)), "batch_id": batch_id, "table_name": table}
    before = (
        "(select unnest(json_transform(before_json, $structure)) from batch_row_snapshots "
        "where batch_id = $batch_id and table_name = $table_name) as r"
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
        instrument_id, version = run(cur, "instrument_add", params).fetchone()
        run(
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
        run(
            cur,
            "instrument_items_add",
            {
                "instrument_id": instrument_id,
                "item_nos": [i.item_no for i in items],
                "dimension_codes": [i.dimension_code for i in items],
                "texts_en": [i.text_en for i in items],
                "texts_zh": [i.text_zh for i in items],
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

    return transaction(con, work)


# ---------------------------------------------------------------- 5S workflow


def open_fives_actions(cur, inspection_id: int, *, username: str | None) -> list[dict[str, Any]]:
    """Open the corrective actions of one committed inspection, INSIDE the caller's transaction (an upload's or
    the tablet form's commit): one per failed item without an action yet (at or below 1 of 4, or the template's
    fail rule), owner the store's manager, due ``settings.fives_action_due_days`` (14) after the inspection.
    Idempotent (an item that has an action gets no second one). One audit row per inspection that opened any.
    Returns the new actions (action_id, item_code, store_id, owner, due_on)."""
    from portal.fives import actions

    rows = run(cur, "fives_open_actions", {"inspection_id": inspection_id, "due_days": actions.due_days(cur)})
    opened = [
        dict(zip(("action_id", "item_code", "store_id", "owner", "due_on"), r, strict=True))
        for r in rows.fetchall()
    ]
    if opened:
        audit_row(
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
        audit_row(cur, user.username, "corrective_action", f"corrective_action:{action_id}", details)
        return rule.to_status

    return transaction(con, work)


# -------------------------------- templates and inspections (5S intake: portal.fives_intake)


def add_fives_template_version(con, template, username: str | None) -> tuple[int, int]:
    """Save ``template`` (a portal.fives_intake.template.TemplateSpec) as the next version of its code; past
    inspections keep the version they were scored on. Returns (template_id, version). Audited (settings)."""
    import pandas as pd

    sections = pd.DataFrame(
        [(s.code, s.position, s.name_en, s.name_zh, float(s.weight)) for s in template.sections],
        columns=["section_code", "position", "name_en", "name_zh", "weight"],
    )
    items = pd.DataFrame(
        [
            (
                i.code,
                i.section,
                i.position,
                i.text_en,
                i.text_zh,
                float(i.weight),
                int(i.max_score),
                bool(i.is_red_line),
            )
            for i in template.items
        ],
        columns=[
            "item_code",
            "section_code",
            "position",
            "text_en",
            "text_zh",
            "weight",
            "max_score",
            "is_red_line",
        ],
    )

    def work(cur) -> tuple[int, int]:
        params = {"code": template.code, "name_en": template.name_en, "name_zh": template.name_zh}
        params["allowed_scores"] = list(template.allowed_scores) if template.allowed_scores else None
        template_id, version = run(cur, "fives_template_add", params | {"username": username}).fetchone()
        cur.register("template_sections", sections)
        cur.register("template_items", items)
        try:
            run(cur, "fives_template_sections_add", {"template_id": template_id})
            run(cur, "fives_template_items_add", {"template_id": template_id})
        finally:
            cur.unregister("template_sections")
            cur.unregister("template_items")
        audit_row(
            cur, username, "settings", f"fives_template:{template.code} v{version}", {"items": len(items)}
        )
        return int(template_id), int(version)

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


def save_fives_draft(
    con, username: str, store_id: int, template_id: int, inspected_on, draft_json: str
) -> None:
    """Keep the tablet form's draft of ``username`` (one per user)."""
    params = {
        "username": username,
        "store_id": store_id,
        "template_id": template_id,
        "inspected_on": inspected_on,
        "draft": draft_json,
    }
    transaction(con, lambda cur: run(cur, "fives_draft_save", params))


def delete_fives_draft(con, username: str) -> None:
    transaction(con, lambda cur: run(cur, "fives_draft_delete", {"username": username}))


# ---------------------------------------------------------------- scorecard workflow

# ---- weights (scorecard weights, floors, targets and min n, versioned by the period they apply from)


def save_scorecard_weights(con, username: str, effective_from, rules, note: str | None = None) -> int:
    """A new weights version effective from ``effective_from`` (a month's first day), with one rule per
    metric (``portal.scorecards.weights.MetricRule``), and its audit row; returns the version number.
    The caller validates first (``weights.validate``); the table's checks are the last guard."""

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
        audit_row(
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


# reviews, sign-offs, disputes (the rules: portal/qa/rules.py; the effective score: models/qa_review_scores.sql)


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _qa_review_facts(row) -> rules.ReviewFacts:
    return rules.ReviewFacts(
        int(row[0]), int(row[1]), row[2], bool(row[3]), None if row[4] is None else int(row[4])
    )


def raise_qa_dispute(con, user, qa_review_id: int, reason: str) -> int:
    """The agent disputes one of their QA reviews; returns the dispute's id (``rules.QaRefused`` if refused)."""

    def work(cur) -> int:
        params = {**user.scope.sql_params(), "qa_review_id": int(qa_review_id)}
        row = run(cur, "qa_review_in_scope", params).fetchone()
        text = rules.check_dispute(user, None if row is None else _qa_review_facts(row), reason)
        dispute_id = run(
            cur,
            "qa_dispute_insert",
            {"qa_review_id": int(qa_review_id), "agent_id": int(row[1]), "reason": text}
            | {"username": user.username, "now": _utc_now()},
        ).fetchone()[0]
        audit_row(cur, user.username, "qa_dispute", f"qa_review:{qa_review_id}", {"dispute_id": dispute_id})
        return int(dispute_id)

    return transaction(con, work)


def decide_qa_dispute(
    con,
    user,
    dispute_id: int,
    decision: str,
    corrected_score: float | None = None,
    comment: str | None = None,
) -> None:
    """Decide an open dispute: ``decision`` correct (with ``corrected_score``), remove or reject (with a
    comment). Never by the review's own reviewer; ``rules.QaRefused`` if refused."""

    def work(cur) -> None:
        row = run(cur, "qa_dispute_in_scope", {**user.scope.sql_params(), "dispute_id": int(dispute_id)})
        row = row.fetchone()
        facts = None if row is None else rules.DisputeFacts(int(row[0]), row[1], _qa_review_facts(row[2:]))
        status, resolution, score, text = rules.check_decision(
            user, facts, decision, corrected_score, comment
        )
        values = {"status": status, "resolution": resolution, "corrected_score": score, "comment": text}
        done = run(
            cur,
            "qa_dispute_decide",
            values | {"dispute_id": int(dispute_id), "username": user.username, "now": _utc_now()},
        ).fetchone()
        if done is None:  # decided by someone else since it was read
            raise rules.QaRefused("qa.err.dispute_decided_meanwhile")
        details = {"dispute_id": int(dispute_id), "qa_review_id": int(row[2]), **values}
        audit_row(cur, user.username, "qa_dispute_decision", f"qa_review:{row[2]}", details)

    transaction(con, work)


def sign_off_period(con, user, agent_id: int, grain: str, period_start, note: str, today) -> int:
    """The team lead signs off an agent's period with a coaching note; returns the sign-off's id."""

    def work(cur) -> int:
        found = run(cur, "scorecard_agent_in_scope", {**user.scope.sql_params(), "agent_id": int(agent_id)})
        in_scope = found.fetchone() is not None
        text = rules.check_sign_off(user, in_scope, grain, period_start, note, today)
        params = {"agent_id": int(agent_id), "grain": grain, "period_start": period_start, "note": text}
        sign_off_id = run(
            cur, "scorecard_sign_off_insert", params | {"username": user.username, "now": _utc_now()}
        ).fetchone()[0]
        details = {"sign_off_id": int(sign_off_id), "grain": grain, "period_start": str(period_start)}
        audit_row(cur, user.username, "qa_sign_off", f"agent:{agent_id}", details)
        return int(sign_off_id)

    return transaction(con, work)
