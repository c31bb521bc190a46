"""The period a page case binds: the pages' default filter (the last 90 days) counted in the reporting zone.

The pages count days in the reporting zone (``ui.report_timezone``: what ``settings.snapshot`` resolves with the
settings); until session 41 the cases counted them in UTC (``default_filters()``), so from 16:00 to 24:00 UTC in
Asia/Shanghai (the demo's and the bench's stores) every date a case bound was a day behind the page's, and its
period's UTC bounds eight hours off (issue 14, session 40 f2). ``page_filters`` gives the page's filter from a
connection (``settings.snapshot`` when the case reads the settings as the page does); ``twin_timezone`` the same
zone from the tables a pandas twin reads. The 5S, QA reviews, complaint list and scorecards cases and their twins
since session 42 (``cases_complaints.complaint_facts_pandas`` bounds a period at its zone's midnights). Not yet in
the zone: the store view's case (its twin's weekly and daily complaint counts are UTC weeks and days, and
tests/test_store_bench.py holds the two equal) and the Complaints twins (their filter UTC, their weeks UTC weeks).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from portal import settings
from portal.filters import Filters, default_filters


def report_timezone(con, loaded: Mapping[str, Any] | None = None) -> str:
    """The reporting zone as the pages resolve it; ``loaded``: the settings already read (``settings.snapshot``
    holds the zone itself, ``settings.load_all`` the setting)."""
    if loaded is not None and "_report_timezone" in loaded:
        return loaded["_report_timezone"]
    return settings.report_timezone(con, loaded)


def page_filters(con, loaded: Mapping[str, Any] | None = None) -> Filters:
    """The pages' default filter (``ui.filter_sidebar``'s last 90 days) in the reporting zone."""
    return default_filters(timezone=report_timezone(con, loaded))


def twin_timezone(frames: Mapping[str, Any]) -> str:
    """``settings.report_timezone`` over the tables in memory: the setting when it names a known zone, else the zone
    most active stores share (ties: the first by name), else UTC."""
    stored = frames["settings"]
    row = stored[stored["key"] == "report_timezone"]
    chosen = json.loads(row["value"].iloc[0]) if not row.empty else None
    zones = settings.known_timezones()
    if chosen in zones:
        return chosen
    stores = frames["stores"]
    counts = stores[stores["is_active"]].groupby("timezone").size().sort_index()
    best = counts.sort_values(ascending=False, kind="stable").index[0] if not counts.empty else None
    return best if best in zones else "UTC"


def twin_filters(frames: Mapping[str, Any]) -> Filters:
    """``page_filters`` for a pandas twin."""
    return default_filters(timezone=twin_timezone(frames))
