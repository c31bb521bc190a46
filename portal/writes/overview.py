"""The one write path: overview: alert acknowledgements and issued weekly briefs.

Part of ``portal.writes`` (callers import the package: ``from portal import writes``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from portal import writes as _w


# ---------------------------------------------------------------- overview (alert acknowledgements, briefs)
def acknowledge_alert(
    con,
    *,
    scope_key: str,
    condition_key: str,
    fingerprint: str,
    action: str,
    note: str,
    now: datetime,
    user=None,
    username: str | None = None,
    snooze_until=None,
) -> int:
    """Acknowledge (quiet while the condition holds unchanged) or snooze (quiet until a day) an overview alert,
    with a note; audited. ``user``: the signed-in user it acts for, checked as stored now (``acting_user``: a
    deactivated or changed account is refused, ``UserChanged``) and refused (``PermissionError``) unless their role
    has the overview (admin, manager, team lead: SPEC §3) and ``scope_key`` is their own scope's; ``username``
    alone: a write that acts for no signed-in user (tests, tools)."""
    from portal import navigation
    from portal.overview import records

    if action not in ("acknowledge", "snooze"):
        raise ValueError(f"unknown alert action {action!r}")
    if action == "snooze" and snooze_until is None:
        raise ValueError("a snooze needs the day it ends")
    if not note.strip():
        raise ValueError("an acknowledgement needs a note")

    if user is None and not username:
        raise ValueError("an acknowledgement needs the user it acts for")

    def work(cur) -> int:
        who = username
        if user is not None:
            acting = _w.acting_user(cur, user)  # rights as stored now, not as when the card was drawn
            if not navigation.allowed(navigation.page("overview"), acting.roles):
                raise PermissionError(f"user {acting.username} may not acknowledge overview alerts")
            if records.scope_key(acting.scope) != scope_key:
                raise PermissionError(
                    f"user {acting.username} acknowledges only the alerts of their own scope"
                )
            who = acting.username
        ack_id = _w.run(
            cur,
            "overview_alert_ack_insert",
            {
                "scope_key": scope_key,
                "condition_key": condition_key,
                "fingerprint": fingerprint,
                "action": action,
                "snooze_until": snooze_until if action == "snooze" else None,
                "note": note.strip(),
                "username": who,
                "now": now,
            },
        ).fetchone()[0]
        _w.audit_row(
            cur,
            who,
            "alert_ack",
            f"alert:{condition_key}",
            {"action": action, "fingerprint": fingerprint, "until": snooze_until, "note": note.strip()},
        )
        return ack_id

    return _w.transaction(con, work)


def store_brief(
    con, *, week: str, scope_key: str, lang: str, markdown: str, body: Mapping[str, Any], issued_by, now
) -> int:
    """Keep an issued weekly brief exactly as it was issued; audited."""

    def work(cur) -> int:
        brief_id = _w.run(
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
        _w.audit_row(cur, issued_by, "brief_issued", f"brief:{brief_id}", {"week": week, "lang": lang})
        return brief_id

    return _w.transaction(con, work)
