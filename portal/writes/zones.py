"""The one write path: time zones, the reporting zone and a store's zone (issue 9 item 4), each audited.

Part of ``portal.writes`` (callers import the package: ``from portal import writes``)."""

from __future__ import annotations

from portal import writes as _w
from portal.writes.accounts import audit_row, put_setting_in


def set_report_timezone(con, timezone: str | None, changed_by: str) -> str | None:
    """Set the reporting zone (None: the stores' most common zone) and audit it; returns the zone it replaced
    (None: it was not set)."""

    def work(cur) -> str | None:
        row = cur.execute("select value::varchar from settings where key = 'report_timezone'").fetchone()
        before = None if row is None or row[0] in (None, "null") else row[0].strip('"')
        put_setting_in(cur, "report_timezone", timezone, changed_by)
        audit_row(cur, changed_by, "settings", "setting:report_timezone", {"value": timezone, "was": before})
        return before

    return _w.transaction(con, work)


def set_store_timezone(con, store_code: str, timezone: str, changed_by: str) -> str | None:
    """Set one store's zone and audit it; returns the zone it replaced, None when there is no such store
    (nothing written)."""

    def work(cur) -> str | None:
        row = cur.execute("select timezone from stores where store_code = ?", [store_code]).fetchone()
        if row is None:
            return None
        _w.run(cur, "store_timezone_set", {"store_code": store_code, "timezone": timezone})
        audit_row(cur, changed_by, "settings", f"store:{store_code}", {"timezone": timezone, "was": row[0]})
        return row[0]

    return _w.transaction(con, work)
