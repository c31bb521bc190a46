"""The overview's own records, read back: acknowledgements of alerts and issued briefs, per reader scope.

These rows are not facts of any store (no store column to scope by): they are keyed by the reader's scope
(``scope_key``), so a regional manager's acknowledgement never quiets the chain-wide view and the reverse.
Written only by ``portal.writes`` (section overview).
"""

from __future__ import annotations

import json

from portal.overview.alerts import Ack
from portal.scope import Scope


def scope_key(scope: Scope) -> str:
    """A stable text for a scope: 'stores=*' or 'stores=1,2' (a regional scope: 'stores=;regions=1'), then the
    agent part."""
    stores = "*" if scope.all_stores else ",".join(str(s) for s in sorted(scope.store_ids))
    if scope.region_ids and not scope.all_stores:
        stores += ";regions=" + ",".join(str(r) for r in sorted(scope.region_ids))
    agents = "*" if scope.all_agents else f"team={scope.team_id or ''};agent={scope.agent_id or ''}"
    return f"stores={stores}|agents={agents}"


def latest_acks(con, key: str) -> dict[str, Ack]:
    """The latest acknowledgement or snooze per condition key for one scope."""
    rows = con.execute(
        "select condition_key, fingerprint, action, snooze_until, note, username, created_at, "
        "user_label(username) "  # who, as the page names them (models/user_label.sql)
        "from overview_alert_acks where scope_key = ? "
        "qualify row_number() over (partition by condition_key order by created_at desc, ack_id desc) = 1",
        [key],
    ).fetchall()
    return {r[0]: Ack(*r) for r in rows}


def briefs(con, key: str) -> list[dict]:
    """The briefs issued for one scope, newest first (id, week, lang, issued_at, issued_by)."""
    rows = con.execute(
        "select brief_id, week, lang, issued_at, issued_by from overview_briefs where scope_key = ? "
        "order by issued_at desc, brief_id desc",
        [key],
    ).fetchall()
    return [dict(zip(("brief_id", "week", "lang", "issued_at", "issued_by"), r, strict=True)) for r in rows]


def brief(con, brief_id: int, key: str) -> dict | None:
    """One issued brief exactly as stored (markdown and JSON), only within the reader's scope."""
    row = con.execute(
        "select week, lang, body_markdown, body_json, issued_at from overview_briefs "
        "where brief_id = ? and scope_key = ?",
        [brief_id, key],
    ).fetchone()
    if row is None:
        return None
    return {
        "week": row[0],
        "lang": row[1],
        "markdown": row[2],
        "json": json.loads(row[3]),
        "issued_at": row[4],
    }
