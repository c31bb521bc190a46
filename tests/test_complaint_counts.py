"""The complaint figures' counts are 0 where no row meets their condition, never null (issue 14: the counts are
coalesce(count_if(condition), 0)::bigint, models/complaint_totals.sql; count_if alone gives null over no row, or
over rows whose condition is null, such as post_resolution_csat >= 4 without a rating)."""

from __future__ import annotations

from datetime import date, datetime

from portal import complaints, kpi
from portal.auth import User
from portal.filters import Filters
from portal.ingest import pipeline, registry
from portal.scope import Scope

EVERYTHING = Scope.everything()
ADMIN = User("t_admin", "Test Admin", ("admin",), EVERYTHING)
WEEK = Filters(start=date(2026, 3, 2), end=date(2026, 3, 8))
GOALS = complaints.Targets(low_confidence_n=1)
# resolved in the week, no satisfaction column: every recovery count rests on null ratings
RESOLVED = (
    "source_id,received_at,channel,store_code,agent_code,resolved_at,reopen_count\n"
    "R-1,2026-03-02 10:00,hotline,S001,A001,2026-03-02 20:00,0\n"
    "R-2,2026-03-03 10:00,online,S001,A001,2026-03-04 06:00,1\n"
)
COUNTS = (
    "complaint_count",
    "resolution_n",
    "reopened_count",
    "recovery_n",
    "recovered_count",
    "backlog_count",
)


def _figures(con):
    return complaints.figures(kpi.runner(con, EVERYTHING), WEEK, GOALS, as_of=datetime(2026, 3, 9))


def _breakdowns(con):
    return complaints.breakdowns(kpi.runner(con, EVERYTHING), WEEK, GOALS, as_of=datetime(2026, 3, 9))


def test_nothing_in_the_period_counts_zero_not_null(con):
    figs = _figures(con)
    for row in (figs.summary, figs.previous):
        counts = {k: v for k, v in row.items() if k.endswith(("_count", "_n"))}
        assert (
            len(counts) >= 20
        )  # the previous row: the 20 counts a tile's change reads (complaint_previous_summary)
        assert all(type(v) is int and v == 0 for v in counts.values()), counts


def test_ratings_missing_count_zero_recovered_in_every_row(con):
    options = pipeline.ImportOptions(now=datetime(2026, 6, 1), timezone="UTC")
    _, result = pipeline.import_bytes(
        con, registry.kind("complaints"), RESOLVED.encode(), "x.csv", None, options, ADMIN
    )
    assert result.rows_added == 2
    bd = _breakdowns(con)
    summary = complaints.summary_of(bd)
    assert (summary["resolution_n"], summary["recovery_n"], summary["recovered_count"]) == (2, 0, 0)
    for dimension in ("resolved_week", "channel", "category", "store", "agent"):
        rows = bd[bd["dimension"] == dimension]
        assert len(rows) > 0, dimension
        assert rows["recovered_count"].tolist() == [0] * len(rows), dimension
        assert rows["recovery_n"].tolist() == [0] * len(rows), dimension
    for column in COUNTS:
        assert str(bd[column].dtype) in ("int64", "Int64"), (column, bd[column].dtype)
