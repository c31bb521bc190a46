"""The bench's page cases bind the pages' dates: the days of the reporting zone, not of UTC (issue 14, session 41).

At 20:00 UTC on Sunday 6 December 2026 it is Monday 7 December in Asia/Shanghai (the demo's stores): the pages' last
90 days end on the 7th and the overview's last complete week is that of 30 November; counted in UTC (the cases until
session 41) the period ended on the 6th and the week was that of 23 November."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from bench import (
    cases_complaint_list,
    cases_complaints,
    cases_fives,
    cases_overview,
    cases_qa,
    cases_satisfaction,
    run,
)
from portal import db, demo, filter_state, settings
from portal import filters as portal_filters
from portal.complaints import as_of
from portal.overview.sources import window_for

AT = dt.datetime(2026, 12, 6, 20, 0)  # naive UTC


class _Frozen(dt.datetime):
    @classmethod
    def now(cls, tz=None):
        at = AT.replace(tzinfo=dt.UTC)
        return at.astimezone(tz) if tz is not None else AT


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("periods") / "d.duckdb"
    con = db.connect(path)
    demo.generate(con, scale=0.01, seed=5, as_of=AT)
    yield con
    con.close()


@pytest.fixture
def frozen(monkeypatch):
    for module in (portal_filters, cases_overview, as_of):
        monkeypatch.setattr(module, "datetime", _Frozen)


PERIOD = ("start_on", "end_on", "start_at", "end_at")


def _bound(con, case, monkeypatch) -> list[tuple[str, dict, str | None]]:
    """(query, its period's bound parameters, report_tz) of every named query the case binds with a period."""
    seen, real = [], db.bind

    def spy(query, params):
        out = real(query, params)
        period = {k: out[k] for k in PERIOD if k in out}
        if period:
            seen.append((query.name, period, out.get("report_tz")))
        return out

    monkeypatch.setattr(db, "bind", spy)
    case(con)
    monkeypatch.setattr(db, "bind", real)
    assert seen
    return seen


def _binds(bound, page: portal_filters.Filters) -> bool:
    """Whether a query of ``bound`` has the page's period (its days, or their UTC bounds in the zone)."""
    expected = page.sql_params()
    return any(period == {k: expected[k] for k in period} for _, period, _ in bound)


@pytest.mark.parametrize(
    "case",
    [
        cases_satisfaction.satisfaction_page_duckdb,
        cases_complaints.complaints_page_duckdb,
        cases_complaints.complaints_page_hot_spots_duckdb,
        cases_complaints.complaints_page_business_hours_duckdb,
        # session 42: the 5S page, its tabs and actions page, and the QA reviews page
        cases_fives.fives_page_duckdb,
        cases_fives.fives_tab_store_duckdb,
        cases_fives.fives_tab_inspectors_duckdb,
        cases_fives.fives_tab_repeats_duckdb,
        cases_fives.fives_actions_page_duckdb,
        cases_qa.qa_reviews_page_duckdb,
        cases_complaint_list.complaint_list_duckdb,
    ],
)
def test_a_page_case_binds_the_pages_last_90_days_of_the_reporting_zone(demo_db, frozen, monkeypatch, case):
    zone = settings.report_timezone(demo_db)  # what the page's settings snapshot resolves
    assert zone == "Asia/Shanghai"
    # the page: ui.filter_sidebar's default preset seen from today in the zone
    start, end = filter_state.preset_range(filter_state.DEFAULT_PRESET, portal_filters.today_in(zone))
    assert end == dt.date(2026, 12, 7)
    bound = _bound(demo_db, case, monkeypatch)
    assert {tz for *_, tz in bound} <= {zone, None}, bound
    assert _binds(bound, portal_filters.Filters(start, end, timezone=zone)), bound


def test_the_overview_case_binds_the_last_complete_week_of_the_reporting_zone(demo_db, frozen, monkeypatch):
    # the store view's case is left in UTC: its pandas twin's complaint facts count in UTC (bench/periods.py)
    zone = settings.report_timezone(demo_db)
    # the page: ui_overview.window(ui.report_timezone())
    window = window_for(as_of.rounded_now(AT), timezone=zone)
    assert window.week == dt.date(2026, 11, 30)
    bound = _bound(demo_db, cases_overview.overview_page_duckdb, monkeypatch)
    assert {tz for *_, tz in bound} <= {zone, None}, bound
    assert _binds(bound, window.week_filters()), bound


def test_a_twin_reads_the_zone_the_pages_read(demo_db):
    from bench import periods

    frames = run.load_frames(demo_db)
    assert periods.twin_timezone(frames) == settings.report_timezone(demo_db) == "Asia/Shanghai"
    # a report_timezone setting naming a known zone wins over the stores'; one naming no zone does not
    others = frames["settings"][frames["settings"]["key"] != "report_timezone"]
    for chosen in ("America/New_York", "Mars/Olympus"):
        row = pd.DataFrame({"key": ["report_timezone"], "value": [json.dumps(chosen)]})
        frames["settings"] = pd.concat([others, row], ignore_index=True)
        expected = settings.report_timezone(demo_db, {"report_timezone": chosen})
        assert periods.twin_timezone(frames) == expected
        assert expected == (chosen if chosen != "Mars/Olympus" else "Asia/Shanghai")


class _MonthEnd(dt.datetime):
    """20:00 UTC on Monday 30 November 2026: 1 December in Asia/Shanghai."""

    @classmethod
    def now(cls, tz=None):
        at = dt.datetime(2026, 11, 30, 20, 0, tzinfo=dt.UTC)
        return at.astimezone(tz) if tz is not None else at.replace(tzinfo=None)


def test_the_scorecards_case_and_its_twin_take_the_last_complete_month_of_the_reporting_zone(
    demo_db, monkeypatch
):
    # the page: ui_scorecards' periods from ui.today() (the zone's day): on 1 December the last complete month is
    # November; counted in UTC (the case until session 42) it was October
    from bench import cases_scorecards
    from portal.scorecards import figures as scorecard_figures

    for module in (portal_filters, cases_scorecards):
        monkeypatch.setattr(module, "datetime", _MonthEnd)
    seen = []

    def spy(run, versions, period, **kwargs):
        seen.append((period.start, period.end, kwargs["timezone"]))
        raise StopIteration  # the period is all this test reads

    monkeypatch.setattr(scorecard_figures, "compute", spy)
    for case in (
        lambda: cases_scorecards.scorecards_page_duckdb(demo_db),
        lambda: cases_scorecards.scorecards_page_pandas(run.load_frames(demo_db)),
    ):
        with pytest.raises(StopIteration):
            case()
    november = (
        dt.date(2026, 11, 1),
        dt.date(2026, 12, 1),
        "Asia/Shanghai",
    )  # its end: the next month's first day
    assert seen == [november, november]
