"""Settings and targets: defaults here, an admin's overrides in the settings table."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import cache
from typing import Any
from zoneinfo import available_timezones

from portal import writes

DEFAULTS: dict[str, Any] = {
    "response_sla_hours": 24,
    "response_sla_target_pct": 90,
    "resolution_target_hours": {"high": 48, "normal": 72, "low": 168},
    "satisfaction_target": 85,
    "csat_target_pct": 85,
    "nps_target": 30,
    "reopen_rate_target_pct": 5,
    "recovery_rate_target_pct": 70,
    "low_confidence_n": 30,
    "scorecard_low_confidence_n": 5,
    "servqual_default_weights": {
        "tangibles": 20,
        "reliability": 20,
        "responsiveness": 20,
        "assurance": 20,
        "empathy": 20,
    },
    "fives_bands": {"excellent": 90, "good": 80, "needs_improvement": 60},
    "fives_action_due_days": 14,
    "fives_low_confidence_n": 3,  # 5S inspections: fewer and the overall % is shown but not judged (a quarter of monthly audits)
    "lockout_max_attempts": 5,
    "lockout_minutes": 15,
    "demo_data": None,
    # the zone whose midnights bound a dashboard's days and weeks; None: the stores' most common time zone
    "report_timezone": None,
}


# Settings a past period keeps (table setting_history, migration 028): a scorecard period that has ended is scored
# with the response commitment in force when it ended (SPEC §3: a past period keeps what it was scored with), as it
# keeps its weights version. The dashboards read every setting as it is now.
HISTORY_KEYS = ("response_sla_hours",)


def load_all(con) -> dict[str, Any]:
    """Every setting in one read: the defaults with the admin's overrides (what a page run needs)."""
    cur = con.cursor()
    try:
        rows = cur.execute("select key, value from settings").fetchall()
    finally:
        cur.close()
    return {**DEFAULTS, **{key: json.loads(value) for key, value in rows}}


def snapshot(con) -> dict[str, Any]:
    """``load_all`` with the reporting zone resolved from it (``_report_timezone``): what a page run reads once
    (``ui.settings_snapshot`` caches it; the bench's cases read it so too), so no run scans the time zones or counts
    stores for the zone."""
    values = load_all(con)
    values["_report_timezone"] = report_timezone(con, values)
    return values


def values(con) -> Mapping[str, Any]:
    """The settings as ``load_all`` gives them: ``con`` itself when it is that mapping, else read from the database
    ``con`` in one statement (issue 14: the 5S figures read their three settings one statement each)."""
    return con if isinstance(con, Mapping) else load_all(con)


def get(con, key: str) -> Any:
    """The setting ``key``: read from the database ``con``, or looked up in ``con`` when it is the mapping
    ``load_all`` returns (a page passes its cached ``ui.settings_snapshot()``: no statement per setting on every
    run, issue 14)."""
    if isinstance(con, Mapping):
        return con.get(key, DEFAULTS.get(key))
    cur = con.cursor()
    try:
        row = cur.execute("select value from settings where key = ?", [key]).fetchone()
    finally:
        cur.close()
    if row is None:
        return DEFAULTS.get(key)
    return json.loads(row[0])


def put(cur, key: str, value: Any, updated_by: str | None) -> None:
    """Write a setting inside the caller's transaction (the caller audits it): ``writes.put_setting_in``."""
    writes.put_setting_in(cur, key, value, updated_by)


def history(con, key: str) -> tuple[tuple[datetime, Any], ...]:
    """The values setting ``key`` had, oldest first, each as (saved_at, value): in force from saved_at (UTC, naive,
    as ``Period.end_at``) on. Empty for a setting never changed since migration 028: it holds as it is now."""
    cur = con.cursor()
    try:
        rows = cur.execute(
            "select saved_at, value from setting_history where key = ? order by saved_at", [key]
        ).fetchall()
    finally:
        cur.close()
    return tuple((saved_at, json.loads(value)) for saved_at, value in rows)


def value_at(values: Sequence[tuple[datetime, Any]], ends_at: datetime, now: Any) -> Any:
    """The value in force for a period ending at ``ends_at`` (``history``): the last one saved before it ended, as
    a weights version (``weights.version_for``); a period not yet ended (or a setting without history) has the value
    ``now``. One saved at or after the end is not the period's: it had ended, and keeps its value."""
    kept = [value for saved_at, value in values if saved_at < ends_at]
    if kept:
        return kept[-1]
    return values[0][1] if values else now


@cache
def known_timezones() -> frozenset[str]:
    """The IANA zones this machine knows: scanning them costs ~75 ms, so once per process."""
    return frozenset(available_timezones())


def report_timezone(con, loaded: Mapping[str, Any] | None = None) -> str:
    """The reporting time zone: the setting when it names a known zone, else the time zone most active stores
    share, else UTC. Dashboards and ``kpi`` commands count days and weeks in it. ``loaded``: settings
    already read (``load_all``)."""
    zones = known_timezones()
    chosen = (loaded or {}).get("report_timezone") if loaded is not None else get(con, "report_timezone")
    if chosen in zones:
        return chosen
    return stores_timezone(con)


def stores_timezone(con) -> str:
    """The time zone most active stores share (ties: the first by name), else UTC: the reporting zone when
    none is set."""
    zones = known_timezones()
    cur = con.cursor()
    try:
        row = cur.execute(
            "select timezone from stores where is_active group by timezone order by count(*) desc, timezone limit 1"
        ).fetchone()
    finally:
        cur.close()
    return row[0] if row and row[0] in zones else "UTC"
