"""Corrective actions: which failed items open one, and who may move an action along its workflow.

Workflow (SPEC.md §2): open -> in_progress -> submitted (what was done, optional after-photo) -> verified by a
manager or admin, or sent back with a reason (-> in_progress). Submitting is the store staff's (SPEC §1: the
inspector submits what was done, the manager verifies; an admin may too, for a store without an inspector's
account); whoever submitted the work never verifies it or sends it back (``check_step``): the Check of the PDCA loop
is someone else's, as a QA dispute is never decided by its reviewer. The writes are portal.writes
``start_fives_action``, ``submit_fives_action``, ``verify_fives_action``, ``send_back_fives_action`` (each one
transaction with an audit row); the rules they check on the server are here.

An inspection's commit (upload or tablet form) opens its actions inside its own transaction with
``portal.writes.open_fives_actions(cur, inspection_id, username=...)``; ``actions_to_open(cur, inspection_id)``
previews the same rows (models/fives_actions_to_open.sql) without writing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.auth import User

DEFAULT_DUE_DAYS = 14


@dataclass(frozen=True)
class Step:
    name: str
    from_statuses: tuple[str, ...]
    to_status: str
    roles: frozenset[str]
    needs_text: bool = False  # submit: what was done; send back: the reason


CHECK_STEPS = ("verify", "send_back")  # never by the one who submitted the work
STEPS: dict[str, Step] = {
    s.name: s
    for s in (
        Step("start", ("open",), "in_progress", frozenset({"admin", "manager", "inspector"})),
        Step("submit", ("open", "in_progress"), "submitted", frozenset({"admin", "inspector"}), True),
        Step("verify", ("submitted",), "verified", frozenset({"admin", "manager"})),
        Step("send_back", ("submitted",), "in_progress", frozenset({"admin", "manager"}), True),
    )
}
TEXT_LIMIT = 2000


class WorkflowError(ValueError):
    """A step that is not allowed; ``key`` is the i18n key of the message (fives.error.*)."""

    def __init__(self, key: str, **values) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def steps_for(user: User, status: str, submitted_by: str | None = None) -> list[str]:
    """The steps this user may take on an action in this status, submitted by ``submitted_by`` (for the page's
    buttons; the page lists only actions in the user's scope, and ``check_step`` checks again on the server)."""
    own = isinstance(submitted_by, str) and submitted_by == user.username
    return [
        s.name
        for s in STEPS.values()
        if status in s.from_statuses and s.roles & set(user.roles) and not (own and s.name in CHECK_STEPS)
    ]


def check_step(
    user: User,
    step: str,
    store_id: int | None,
    status: str | None,
    text: str | None,
    in_scope: bool,
    submitted_by: str | None = None,
) -> Step:
    """The step, if this user may take it on an action of this store and status; else ``WorkflowError``.
    ``in_scope``: whether the user's scope holds the action (queries/writes/fives_action_current.sql decides it in
    SQL, by the region of the action's inspection); ``submitted_by``: who submitted the work now awaiting its
    check (verify and send back are refused to that user)."""
    rule = STEPS.get(step)
    if rule is None:
        raise ValueError(f"unknown step {step!r}")
    if store_id is None:
        raise WorkflowError("fives.error.no_action")
    if not (rule.roles & set(user.roles)):
        raise WorkflowError("fives.error.role")
    if not in_scope:
        raise WorkflowError("fives.error.scope")
    if status not in rule.from_statuses:
        raise WorkflowError("fives.error.status", status=status)
    if step in CHECK_STEPS and submitted_by is not None and submitted_by == user.username:
        raise WorkflowError("fives.error.own_submission")
    if rule.needs_text and not (text or "").strip():
        raise WorkflowError(f"fives.error.text_{step}")
    if text and len(text) > TEXT_LIMIT:
        raise WorkflowError("fives.error.too_long", limit=TEXT_LIMIT)
    return rule


@dataclass(frozen=True)
class ActionToOpen:
    inspection_id: int
    store_id: int
    item_code: str
    section_code: str
    score: int
    max_score: int
    is_red_line: bool
    description: str
    owner: str | None
    due_on: date


def due_days(cur) -> int:
    """settings.fives_action_due_days (default 14), read on the caller's cursor."""
    row = cur.execute("select value from settings where key = 'fives_action_due_days'").fetchone()
    try:
        return int(float(row[0])) if row else DEFAULT_DUE_DAYS
    except (TypeError, ValueError):
        return DEFAULT_DUE_DAYS


def actions_to_open(cur, inspection_id: int) -> list[ActionToOpen]:
    """The actions committing this inspection opens (failed items without an action), without writing."""
    rows = cur.execute(
        "select inspection_id, store_id, item_code, section_code, score, max_score, is_red_line, description, "
        "owner, due_on from fives_actions_to_open(?, ?)",
        [inspection_id, due_days(cur)],
    ).fetchall()
    return [ActionToOpen(*row) for row in rows]


def open_actions_for(cur, inspection_id: int, username: str | None = None) -> list[dict]:
    """Open the corrective actions of one committed inspection inside the caller's transaction (the 5S intake's
    upload and tablet form call this): ``portal.writes.open_fives_actions``. Returns the new actions."""
    from portal import writes

    return writes.open_fives_actions(cur, int(inspection_id), username=username)
