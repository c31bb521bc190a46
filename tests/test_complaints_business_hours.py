"""Complaint figures in business hours (stores' opening hours, a daylight-saving change, stores open until midnight
or all day) and the calendar-hours twin of complaint_facts the queries run when business hours are off (issue 14),
against numbers worked out by hand over tests/complaints_fixture.py. The other figures:
tests/test_complaints_queries.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from portal import complaints, db, kpi
from portal.filters import Filters
from tests import complaints_fixture as fx
from tests.test_complaints_queries import (
    EVERYTHING,
    FACTS_PARAMS,
    FIGURE_FACTS_PARAMS,
    GOALS,
    breakdowns,
    summary,
)


@pytest.fixture
def fcon(con):
    fx.load(con)
    return con


# ---------------------------------------------------------------- business hours
# Stores open 09:00-21:00 local (UTC+8). S002 is closed on Sundays in these tests.
BH_ROWS = [
    # Friday 20:00 local -> Saturday 10:00 local: 1 h Friday + 1 h Saturday = 2 business hours (14 calendar);
    # resolved Monday 09:00 local: 1 + 12 + 12 + 0 = 25 business hours (61 calendar)
    fx.complaint(
        "b1",
        store=1,
        received="03-08 12:00",
        first_response="03-09 02:00",
        resolved="03-11 01:00",
        status="resolved",
    ),
    # Saturday 22:00 local (closed) -> Sunday 10:00 local: 1 business hour (12 calendar)
    fx.complaint("b2", store=1, received="03-09 14:00", first_response="03-10 02:00", status="responded"),
    # no store: calendar hours in both modes, 5 h
    fx.complaint("b3", store=None, received="03-09 00:00", first_response="03-09 05:00", status="responded"),
    # S002 closed Sundays: Saturday 20:00 -> Monday 10:00 local = 1 + 0 + 1 = 2 business hours (38 calendar)
    fx.complaint("b4", store=2, received="03-09 12:00", first_response="03-11 02:00", status="responded"),
    # Saturday 21:00 local, unanswered; as of Monday 08:00 local only Sunday's 12 h have passed: inside 24
    # business hours (neither part), but 35 calendar hours: a breach in calendar hours
    fx.complaint("b5", store=1, received="03-16 13:00"),
]


@pytest.fixture
def bh_con(con):
    con.execute("delete from store_hours where store_id = 2 and iso_dow = 7")
    fx.add_complaints(con, BH_ROWS)
    return con


def test_business_hours_durations(bh_con):
    period = Filters(start=date(2024, 3, 4), end=date(2024, 3, 17))
    calendar = summary(bh_con, filters=period)
    business = summary(bh_con, filters=Filters(period.start, period.end, business_hours=True))
    # FRT calendar: b1 14, b2 12, b3 5, b4 38 -> median (12 + 14) / 2 = 13; business: 2, 1, 5, 2 -> 2
    assert calendar["first_response_median_hours"] == pytest.approx(13.0)
    assert business["first_response_median_hours"] == pytest.approx(2.0)
    assert business["resolution_median_hours"] == pytest.approx(25.0)  # b1
    assert calendar["resolution_median_hours"] == pytest.approx(61.0)
    assert (calendar["business_hours_count"], business["business_hours_count"]) == (0, 4)  # b3 has no store
    # SLA calendar: elapsed b1 b2 b3 b4 b5, met b1 b2 b3 (b4 38 h, b5 unanswered 35 h: breaches)
    assert (calendar["sla_met_count"], calendar["sla_elapsed_count"]) == (3, 5)
    # SLA business: b4 met in 2 business hours; b5 only 12 business hours old: neither part
    assert (business["sla_met_count"], business["sla_elapsed_count"]) == (4, 4)


def test_business_hours_across_a_daylight_saving_change(con):
    # Berlin: clocks go from 02:00 to 03:00 on Sunday 2024-03-31 (01:00 UTC); open 09:00-21:00 local.
    con.execute("update stores set timezone = 'Europe/Berlin' where store_id = 3")
    fx.add_complaints(
        con,
        [
            # Saturday 20:00 CET -> Monday 10:00 CEST: 1 + 12 + 1 = 14 business hours (37 calendar hours)
            fx.complaint(
                "d1", store=3, received="03-30 19:00", first_response="04-01 08:00", status="responded"
            ),
            # on the change day: 09:00 CEST (07:00 UTC) -> 11:30 CEST: 2.5 business hours
            fx.complaint(
                "d2", store=3, received="03-31 07:00", first_response="03-31 09:30", status="responded"
            ),
        ],
    )
    period = Filters(start=date(2024, 3, 25), end=date(2024, 3, 31), business_hours=True)
    bd = breakdowns(con, filters=period, as_of=datetime(2024, 4, 2))
    frt = bd[bd["dimension"] == "received_week"].set_index("week_start")["first_response_median_hours"]
    s = summary(con, filters=period, as_of=datetime(2024, 4, 2))
    assert s["first_response_n"] == 2
    assert s["first_response_median_hours"] == pytest.approx((14 + 2.5) / 2)
    assert frt.loc[pd.Timestamp("2024-03-25")] == pytest.approx(8.25)


def test_store_open_until_midnight_and_all_day(con):
    # S001 closes "00:00" (open 09:00 to midnight); S002 opens and closes at 00:00 (open all day)
    con.execute("update store_hours set closes_at = '00:00' where store_id = 1")
    con.execute("update store_hours set opens_at = '00:00', closes_at = '00:00' where store_id = 2")
    fx.add_complaints(
        con,
        [
            # Monday 22:00 local -> Tuesday 10:00 local at S001: 2 h Monday + 1 h Tuesday = 3
            fx.complaint(
                "m1", store=1, received="03-04 14:00", first_response="03-05 02:00", status="responded"
            ),
            # S002 open all day: 7 business hours = 7 calendar hours
            fx.complaint(
                "m2", store=2, received="03-04 14:00", first_response="03-04 21:00", status="responded"
            ),
        ],
    )
    period = Filters(start=date(2024, 3, 4), end=date(2024, 3, 10), business_hours=True)
    stores = complaints.store_table(breakdowns(con, filters=period)).set_index("store_code")
    assert stores.loc["S001", "first_response_median_hours"] == pytest.approx(3.0)
    assert stores.loc["S002", "first_response_median_hours"] == pytest.approx(7.0)


# ---------------------------------------------------------------- the calendar-hours twin (issue 14)
FACTS_CALL = """
    select * from {macro}(
        scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids, scope_region_ids := $scope_region_ids,
        start_at := $start_at, end_at := $end_at, region_ids := $region_ids, store_ids := $store_ids,
        channels := $channels, categories := $categories, severities := $severities,
        business_hours := $business_hours, as_of := $as_of, sla_as_of := $sla_as_of,
        sla_hours := $sla_hours, target_high_hours := $target_high_hours, target_normal_hours := $target_normal_hours,
        target_low_hours := $target_low_hours, report_tz := $report_tz
    ) order by complaint_id
"""
CLOCK_READ = (
    "is_business_hours",
    "first_response_hours",
    "resolution_hours",
    "is_sla_elapsed",
    "is_answered_within_sla",
    "is_sla_undecided",  # business hours judge no answer on a date: the calendar's judged ones are undecided
)


def _facts(con, macro: str, filters: Filters, report_tz: str = "UTC") -> pd.DataFrame:
    params = complaints.query_params(filters, GOALS, datetime(2024, 3, 18), datetime(2024, 3, 18))
    params.update(EVERYTHING.sql_params(), report_tz=report_tz)
    return con.execute(FACTS_CALL.format(macro=macro), {n: params[n] for n in FIGURE_FACTS_PARAMS}).df()


@pytest.mark.parametrize("report_tz", ["UTC", "Asia/Shanghai"])
def test_the_calendar_twin_gives_the_rows_and_columns_of_complaint_facts(fcon, report_tz):
    # the hand-worked fixture (date-only stamps, cancelled, reopened, no store) and the business-hours rows
    fcon.execute("delete from store_hours where store_id = 2 and iso_dow = 7")
    fx.add_complaints(fcon, BH_ROWS)
    bh_con = fcon
    twin = bh_con.execute(
        "select parameters from duckdb_functions() where function_name = 'complaint_facts_calendar'"
    ).fetchone()
    assert twin is not None and tuple(twin[0]) == FACTS_PARAMS
    period = Filters(start=date(2024, 3, 4), end=date(2024, 3, 17))
    calendar = _facts(bh_con, "complaint_facts_calendar", period, report_tz)
    assert len(calendar) >= 15 and calendar["first_response_hours"].notna().sum() >= 10
    # business hours off: complaint_facts is its twin, column for column
    pd.testing.assert_frame_equal(_facts(bh_con, "complaint_facts", period, report_tz), calendar)
    # on: the same rows; only the clock-read columns differ, and only for complaints of stores with hours
    business = _facts(
        bh_con, "complaint_facts", Filters(period.start, period.end, business_hours=True), report_tz
    )
    assert list(business.columns) == list(calendar.columns)
    others = [c for c in calendar.columns if c not in CLOCK_READ]
    pd.testing.assert_frame_equal(business[others], calendar[others])
    assert business["is_business_hours"].sum() == business["store_id"].notna().sum() > 0
    assert (
        (
            business.loc[business["store_id"].isna(), list(CLOCK_READ)].fillna(-1)
            == calendar.loc[calendar["store_id"].isna(), list(CLOCK_READ)].fillna(-1)
        )
        .all()
        .all()
    )


def _row(con, name: str, filters: Filters) -> dict:
    """``filters``' period's row from the query ``name``: complaint_summary's, or complaint_previous_summary's as the
    previous period of the period after it."""
    if name == complaints.SUMMARY_QUERY:
        return summary(con, filters=filters)
    length = filters.end - filters.start + timedelta(days=1)
    after = replace(filters, start=filters.start + length, end=filters.end + length)
    assert after.previous() == filters
    end = complaints.period_end(after)
    previous_end = complaints.period_end(filters)
    run = kpi.runner(con, EVERYTHING)
    return complaints.previous_summary(
        run, after, GOALS, as_of=end, previous_as_of=previous_end, sla_as_of=end
    )[0]


@pytest.mark.parametrize("name", [complaints.SUMMARY_QUERY, complaints.PREVIOUS_SUMMARY_QUERY])
def test_a_query_runs_the_calendar_twin_only_with_business_hours_off(bh_con, name):
    query = db.load_query(name)
    params = complaints.query_params(fx.CURRENT, GOALS, fx.AS_OF, fx.AS_OF)
    off = db.statement_sql(query, params | {"business_hours": False})
    on = db.statement_sql(query, params | {"business_hours": True})
    assert on == query.sql and "complaint_facts_calendar(" not in on
    assert off == query.sql.replace("from complaint_facts(", "from complaint_facts_calendar(") != query.sql
    # and db.run_query sends that text: business-hour figures still differ from calendar ones (b1: 2 vs 14 h)
    period = Filters(start=date(2024, 3, 4), end=date(2024, 3, 17))
    assert _row(bh_con, name, period)["first_response_median_hours"] == pytest.approx(13.0)
    business = _row(bh_con, name, Filters(period.start, period.end, business_hours=True))
    assert business["first_response_median_hours"] == pytest.approx(2.0)


def test_the_twins_text_is_made_once_a_query():
    # issue 14: the substitution over complaint_breakdowns' text cost 0.24 ms a statement, nine a store view
    query = db.load_query(complaints.BREAKDOWNS_QUERY)
    params = complaints.query_params(fx.CURRENT, GOALS, fx.AS_OF, fx.AS_OF) | {"business_hours": False}
    first = db.statement_sql(query, params)
    again = db.statement_sql(
        query, params | complaints.query_params(fx.CURRENT.previous(), GOALS, fx.AS_OF, fx.AS_OF)
    )
    assert again is first
    assert first.count("complaint_facts_calendar(") == query.sql.count("complaint_facts(") == 1
