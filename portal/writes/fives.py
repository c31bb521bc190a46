"""The one write path: 5S workflow: corrective actions, checklist versions, tablet-form drafts.

Part of ``portal.writes`` (callers import the package: ``from portal import writes``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from portal import writes as _w

# ---------------------------------------------------------------- 5S facts

FACT_STEPS = (
    "fives_inspection_facts_delete",
    "fives_section_facts_delete",
    "fives_item_facts_delete",
    "fives_item_facts_insert",  # fives_item_rollup: from the source tables
    "fives_section_facts_insert",  # fives_section_rollup: from the item facts
    "fives_inspection_facts_insert",  # fives_inspection_rollup: from the section facts
)


def refresh_fives_facts(cur, *, everything: bool = False) -> int:
    """Bring the stored 5S facts (fives_item_facts, fives_section_facts, fives_inspection_facts: migration 015)
    in step with the inspections, INSIDE the caller's transaction: the stores out of step
    (queries/writes/fives_facts_stale_stores.sql) are computed again whole (a store's repeat flags depend on
    its previous inspections); ``everything``: every store (the demo replaces all rows, ids included).
    Called by the inspections kind's commit and undo, the demo's generation and ``db.connect`` (read-write).
    Returns the number of stores refreshed (-1: every store); 0 when nothing was out of step."""
    if everything:
        stores: list[int] = []
    else:
        stores = [int(r[0]) for r in _w.run(cur, "fives_facts_stale_stores").fetchall()]
        if not stores:
            return 0
    for name in FACT_STEPS:
        _w.run(cur, name, {"store_ids": stores})
    return len(stores) if stores else -1


# ---------------------------------------------------------------- 5S workflow


def open_fives_actions(cur, inspection_id: int, *, username: str | None) -> list[dict[str, Any]]:
    """Open the corrective actions of one committed inspection, INSIDE the caller's transaction (an upload's or
    the tablet form's commit): one per failed item without an action yet (at or below 1 of 4, or the template's
    fail rule), owner the store's manager, due ``settings.fives_action_due_days`` (14) after the inspection.
    Idempotent (an item that has an action gets no second one). One audit row per inspection that opened any.
    Returns the new actions (action_id, item_code, store_id, owner, due_on)."""
    from portal.fives import actions

    rows = _w.run(
        cur, "fives_open_actions", {"inspection_id": inspection_id, "due_days": actions.due_days(cur)}
    )
    opened = [
        dict(zip(("action_id", "item_code", "store_id", "owner", "due_on"), r, strict=True))
        for r in rows.fetchall()
    ]
    if opened:
        _w.audit_row(
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
        acting = _w.acting_user(cur, user)  # rights as stored now, not as when the button was drawn
        row = _w.run(
            cur, "fives_action_current", {"action_id": action_id, **acting.scope.sql_params()}
        ).fetchone()
        store_id, status, submitted_by, in_scope = row[1:5] if row else (None, None, None, False)
        rule = actions.check_step(acting, step, store_id, status, text, in_scope, submitted_by)
        changed = _w.run(
            cur, f"fives_action_{step}", {"action_id": action_id, "username": user.username, **params}
        ).fetchall()
        if not changed:  # changed by someone else since it was read
            raise actions.WorkflowError("fives.error.status", status=status)
        details = {"step": step, "from": status, "to": rule.to_status}
        if text:
            details["text"] = text
        _w.audit_row(cur, user.username, "corrective_action", f"corrective_action:{action_id}", details)
        return rule.to_status

    return _w.transaction(con, work)


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
        template_id, version = _w.run(cur, "fives_template_add", params | {"username": username}).fetchone()
        cur.register("template_sections", sections)
        cur.register("template_items", items)
        try:
            _w.run(cur, "fives_template_sections_add", {"template_id": template_id})
            _w.run(cur, "fives_template_items_add", {"template_id": template_id})
        finally:
            cur.unregister("template_sections")
            cur.unregister("template_items")
        _w.audit_row(
            cur, username, "settings", f"fives_template:{template.code} v{version}", {"items": len(items)}
        )
        return int(template_id), int(version)

    return _w.transaction(con, work)


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
    _w.transaction(con, lambda cur: _w.run(cur, "fives_draft_save", params))


def delete_fives_draft(con, username: str) -> None:
    _w.transaction(con, lambda cur: _w.run(cur, "fives_draft_delete", {"username": username}))
