"""The audit log: who did what, when (logins, failed logins, lockouts, uploads, undos, settings, users).

Rows are written only by ``portal.writes`` (``writes.audit_row`` inside a write transaction,
``writes.audit_event`` on its own); ``record`` is kept for callers written before that.
"""

from __future__ import annotations

from typing import Any

from portal import writes

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
    "corrective_action",  # 5S: opened by an inspection, started, submitted, verified, sent back
    "qa_dispute",
    "qa_dispute_decision",
    "qa_sign_off",
    "alert_ack",  # overview: an alert acknowledged or snoozed
    "brief_issued",  # overview: a weekly brief issued and kept
)


# the steps that change figures without an import (QA scores and open disputes, open and overdue actions): the
# UI's data version counts them (portal.ui.core.data_version), so cached figures refresh after each
WORKFLOW_ACTIONS = ("corrective_action", "qa_dispute", "qa_dispute_decision", "qa_sign_off")


def record(
    cur, username: str | None, action: str, target: str | None = None, details: dict[str, Any] | None = None
) -> None:
    """Write one audit row inside the caller's transaction (``writes.audit_row``)."""
    writes.audit_row(cur, username, action, target, details)
