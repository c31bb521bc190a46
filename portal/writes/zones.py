"""The one write path: time zones, the reporting zone and a store's zone (issue 9 item 4), the stores' opening
hours, each audited.

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


def set_store_hours(con, store_codes, week, changed_by: str) -> dict[str, str]:
    """Give each of the stores (codes) the week (``portal.store_hours.Week``: a weekday without hours is
    closed), replacing their hours, in one transaction; each store's change audited with the week it had.
    Returns ``{code: the week it had, described}``; an unknown code writes nothing and raises KeyError."""
    from portal import store_hours

    codes = list(dict.fromkeys(store_codes))

    def work(cur) -> dict[str, str]:
        found = dict(_w.run(cur, "store_ids_by_code", {"store_codes": codes}).fetchall())
        missing = [c for c in codes if c not in found]
        if missing:
            raise KeyError(missing[0])
        ids = [found[c] for c in codes]
        had: dict[int, list[dict]] = {i: [] for i in ids}
        for store_id, day, opens, closes in _w.run(cur, "store_hours_of", {"store_ids": ids}).fetchall():
            had[store_id].append({"iso_dow": day, "opens_at": opens, "closes_at": closes})
        before = {c: store_hours.describe(store_hours.week_of(had[found[c]])) for c in codes}
        _w.run(cur, "store_hours_delete", {"store_ids": ids})
        for store_id in ids:
            for day, hours in week.items():
                if hours:
                    _w.run(cur, "store_hours_insert", {"store_id": store_id, "iso_dow": day,
                                                       "opens_at": hours[0], "closes_at": hours[1]})  # fmt: skip
        now = store_hours.describe(week)
        for code in codes:
            audit_row(
                cur, changed_by, "settings", f"store:{code}", {"opening_hours": now, "was": before[code]}
            )
        return before

    return _w.transaction(con, work)
