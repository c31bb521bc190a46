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
                "username": username,
                "now": now,
            },
        ).fetchone()[0]
        _w.audit_row(
            cur,
            username,
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
