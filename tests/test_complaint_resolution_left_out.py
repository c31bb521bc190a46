"""A resolution stamp the import leaves out (earlier than the received time: SPEC §4, "such a stamp is left out of
the durations and reported") is not replaced by another stamp: a closed complaint whose resolution was left out
has no resolution duration, not one to its close time (models/complaint_facts_calendar.sql took closed_at as the
resolution stamp whenever resolved_at was blank). It still counts as resolved, and in the volume.

Every expected number is worked out by hand in the comments. Times in UTC (the import's zone is UTC here)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from portal import complaints, kpi
from portal.auth import User
from portal.filters import Filters
from portal.ingest import pipeline, registry
from portal.scope import Scope

KIND = registry.kind("complaints")
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
NOW = datetime(2026, 6, 1)
HEADER = "source_id,received_at,channel,store_code,resolved_at,closed_at"


def do_import(con, *lines: str):
    data = ("\n".join((HEADER, *lines)) + "\n").encode()
    options = pipeline.ImportOptions(now=NOW, timezone="UTC")
    return pipeline.import_bytes(con, KIND, data, "export.csv", None, options, ADMIN)


def week_of_03_02(con, business_hours: bool = False) -> dict:
    return complaints.figures(
        kpi.runner(con, Scope.everything()),
        Filters(start=date(2026, 3, 2), end=date(2026, 3, 8), timezone="UTC", business_hours=business_hours),
        complaints.Targets(low_confidence_n=1),
        as_of=datetime(2026, 3, 20),
    ).summary


@pytest.mark.parametrize("business_hours", [False, True])
def test_a_left_out_resolution_is_not_replaced_by_the_close_time(con, business_hours):
    # X1: received 03-02 10:00, "resolved" 03-02 08:00 (before it: left out), closed 03-03 10:00. X2: received
    # 03-02 10:00, resolved 03-02 16:00, closed 03-04 10:00 (a resolution of 6 h, calendar hours)
    prepared, _ = do_import(
        con,
        "X1,2026-03-02 10:00,hotline,S001,2026-03-02 08:00,2026-03-03 10:00",
        "X2,2026-03-02 10:00,hotline,S001,2026-03-02 16:00,2026-03-04 10:00",
    )
    assert [v["rows"] for k, v in prepared.notices if k == "ingest.notice.stamps_left_out"] != []
    s = week_of_03_02(con, business_hours)
    assert s["complaint_count"] == 2
    # X2's resolution alone: n = 1; before, X1 had one too, to its close time (24 h calendar): n = 2
    assert s["resolution_n"] == 1
    if not business_hours:
        assert s["resolution_median_hours"] == 6.0  # before: (6 + 24) / 2 = 15
