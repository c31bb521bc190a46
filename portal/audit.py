"""The audit log: who did what, when (logins, failed logins, lockouts, uploads, undos, settings, users)."""

from __future__ import annotations

import json
from typing import Any

ACTIONS = (
    "login",
    "login_failed",
    "lockout",
    "logout",
    "upload",
    "undo",
    "settings",
    "user_change",
    "password_change",
    "qa_dispute",
    "qa_dispute_decision",
    "qa_sign_off",
)


def record(
    cur, username: str | None, action: str, target: str | None = None, details: dict[str, Any] | None = None
) -> None:
    """Write one audit row inside the caller's transaction or cursor."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    cur.execute(
        "insert into audit_log (username, action, target, details) values (?, ?, ?, ?)",
        [username, action, target, json.dumps(details, ensure_ascii=False, default=str) if details else None],
    )
