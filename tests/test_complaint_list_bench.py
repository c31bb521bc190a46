"""The complaint list's benchmark case: the DuckDB page (SQL filter, sort, page) and its pandas twin list the
same complaints in the same order with the same totals, on a small demo database."""

from __future__ import annotations

from datetime import datetime, timedelta

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


def test_both_sides_list_the_period_of_the_reporting_zone(tmp_path):
    # session 42: the twin's complaint facts bound the period at its zone's midnights (Filters.sql_params), as the
    # SQL does; until then at UTC midnights, so that a complaint received in the zone's first evening (16:00-24:00
    # UTC the day before, Asia/Shanghai) and resolved before UTC midnight was listed by DuckDB and not by the twin
    con = db.connect(tmp_path / "z.duckdb")
    demo.generate(con, scale=0.02, seed=7, as_of=NOW)
    filters = default_filters(NOW.date(), timezone="Asia/Shanghai")
    start_at = filters.sql_params()["start_at"]
    assert start_at.hour == 16
    con.execute(
        "update complaints set received_at = ?, first_response_at = ?, resolved_at = ?, closed_at = null, "
        "status = 'resolved', received_date_only = false, first_response_date_only = false, "
        "resolved_date_only = false where complaint_id = (select min(complaint_id) from complaints)",
        [start_at + timedelta(hours=1), start_at + timedelta(hours=2), start_at + timedelta(hours=3)],
    )
    duck = case.complaint_list_duckdb(con, now=NOW, filters=filters)
    twin = case.complaint_list_pandas(load_frames(con), now=NOW, filters=filters)
    for (frame, total), (rows, n) in zip(duck, twin, strict=True):
        assert total == n > 0
        assert list(frame["source_id"]) == list(rows["source_id"])
