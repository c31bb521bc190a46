"""The complaint list's benchmark case: the DuckDB page (SQL filter, sort, page) and its pandas twin list the
same complaints in the same order with the same totals, on a small demo database."""

from __future__ import annotations

from datetime import datetime

from bench import cases_complaint_list as case
from bench import registry
from bench.run import load_frames
from portal import db, demo
from portal.filters import default_filters

NOW = datetime(2026, 1, 10, 12, 0)


def test_both_sides_list_the_same_complaints(tmp_path):
    con = db.connect(tmp_path / "b.duckdb")
    demo.generate(con, scale=0.02, seed=7, as_of=NOW)
    filters = default_filters(NOW.date())
    duck = case.complaint_list_duckdb(con, now=NOW, filters=filters)
    twin = case.complaint_list_pandas(load_frames(con), now=NOW, filters=filters)
    for (frame, total), (rows, n) in zip(duck, twin, strict=True):
        assert total == n > 0
        assert list(frame["source_id"]) == list(rows["source_id"])
    # the drill lists open complaints older than 7 days only, oldest first
    drill, _ = duck[1]
    assert (drill["age_hours"] >= 168).all()
    assert list(drill["age_hours"]) == sorted(drill["age_hours"], reverse=True)
    assert registry.CASES["complaint_list_page"].pandas_fn is case.complaint_list_pandas
