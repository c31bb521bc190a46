"""PLACEHOLDER until the 5S results side (portal.fives.actions) is merged: open the corrective actions of a
committed inspection by the SPEC rule (an item at or below 1 of 4 opens one; owner the store's manager; due
in 14 days, setting ``fives_action_due_days``). ``open_actions`` calls theirs when it exists."""

from __future__ import annotations

from portal import writes


def open_actions_for(cur, inspection_id: int, username: str | None = None) -> None:
    writes.run(cur, "fives_actions_open_for", {"inspection_id": int(inspection_id)})


def open_actions(cur, inspection_id: int, username: str | None = None) -> None:
    """Open the actions of one committed inspection (inside the caller's transaction)."""
    try:
        from portal.fives.actions import open_actions_for as results_side
    except ImportError:
        results_side = open_actions_for
    results_side(cur, inspection_id, username=username)
