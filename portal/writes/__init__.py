"""The one write path: every change to the database goes through a function of this module.

Each function is one short transaction (``db.in_transaction``: bounded retry of DuckDB write-write
conflicts), named for what it changes, and idempotent where it can be. Write SQL lives in named files under
``queries/writes/`` (``statement(name)``), values always bound. No other module executes an insert, update
or delete (``tests/test_write_path.py`` checks the source). The scale-out step routes exactly these
functions to a single writer process.

A package: the core (statement, run, transaction) here; the functions by area in its modules, all re-exported
here so that callers write ``writes.<function>``: accounts (users, sign-in counters, audit, settings), imports
(column mappings, commit, undo), fives (5S workflow), scorecards (weights, disputes, sign-offs), overview.
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


class UserChanged(db.WriteFailed):
    """The user a write acts for is not stored as they were when the page was drawn: deactivated, removed, or
    their roles, scope or password changed since (the session version moved). A button's callback runs before
    app.py signs the user in again, with the user of the run that drew it: a manager deactivated (or moved to
    another region) after the page was drawn still verified the action or undid the import. Nothing is
    written; the next run ends the session (``ui.sign_in``)."""

    key = "app.write_user_changed"


def acting_user(cur, user):
    """``user`` as stored now, read inside the write's transaction (active, roles, scope): every write that acts
    for a signed-in user checks its rights on this one. ``UserChanged`` if the account is gone, inactive or its
    session version moved. A user that is no database account (``user_id`` None: tests) is taken as it is."""
    if user.user_id is None:
        return user
    from portal import users

    fresh = users.load_user_with(cur, users.normalise_username(user.username))
    if fresh is None or fresh.session_version != user.session_version:
        raise UserChanged(f"user {user.username} is no longer stored as signed in (inactive, or changed)")
    return fresh


# The functions by area (imported last: they call the core above through this package).
from portal.writes.accounts import (  # noqa: E402, F401
    USER_COLUMNS,
    audit_event,
    audit_row,
    create_user,
    end_sessions,
    put_setting,
    put_setting_in,
    put_settings,
    record_failed_sign_in,
    record_sign_in,
    set_password,
    settings_version,
    update_user,
)
from portal.writes.fives import (  # noqa: E402, F401
    add_fives_template_version,
    delete_fives_draft,
    open_fives_actions,
    refresh_fives_facts,
    save_fives_draft,
    send_back_fives_action,
    start_fives_action,
    submit_fives_action,
    verify_fives_action,
)
from portal.writes.imports import (  # noqa: E402, F401
    HELD_UNCHANGED,
    LIST_REFERENCES,
    MASTER_TABLES,
    BatchWrite,
    add_instrument,
    add_master_codes,
    commit_import,
    data_writes,
    delete_batch_rows,
    delete_child_rows,
    mark_held,
    mark_held_inspections,
    quoted,
    restore_child_rows,
    restore_rows,
    save_column_mapping,
    snapshot_child_rows,
    snapshot_rows,
    sweep_master_data,
    undo_import,
    workflow_writes,
)
from portal.writes.overview import (  # noqa: E402, F401
    acknowledge_alert,
    store_brief,
)
from portal.writes.scorecards import (  # noqa: E402, F401
    decide_qa_dispute,
    raise_qa_dispute,
    save_scorecard_weights,
    sign_off_period,
)
from portal.writes.zones import (  # noqa: E402, F401
    set_report_timezone,
    set_store_hours,
    set_store_timezone,
)

__all__ = [
    "WRITES_DIR",
    "run",
    "statement",
    "transaction",
    "UserChanged",
    "acting_user",
    "USER_COLUMNS",
    "audit_event",
    "audit_row",
    "create_user",
    "end_sessions",
    "put_setting",
    "put_setting_in",
    "put_settings",
    "record_failed_sign_in",
    "record_sign_in",
    "set_password",
    "settings_version",
    "update_user",
    "add_fives_template_version",
    "delete_fives_draft",
    "open_fives_actions",
    "save_fives_draft",
    "send_back_fives_action",
    "start_fives_action",
    "submit_fives_action",
    "verify_fives_action",
    "MASTER_TABLES",
    "LIST_REFERENCES",
    "BatchWrite",
    "add_instrument",
    "add_master_codes",
    "commit_import",
    "data_writes",
    "workflow_writes",
    "delete_batch_rows",
    "delete_child_rows",
    "quoted",
    "restore_child_rows",
    "restore_rows",
    "save_column_mapping",
    "snapshot_child_rows",
    "snapshot_rows",
    "HELD_UNCHANGED",
    "mark_held",
    "mark_held_inspections",
    "sweep_master_data",
    "undo_import",
    "acknowledge_alert",
    "store_brief",
    "set_report_timezone",
    "set_store_hours",
    "set_store_timezone",
    "decide_qa_dispute",
    "raise_qa_dispute",
    "save_scorecard_weights",
    "sign_off_period",
]
