"""Days and weeks of the dashboards are those of the reporting time zone (times are stored in UTC)."""

from datetime import date, datetime

import pandas as pd
import pytest

from portal import complaints, kpi, settings
from portal.filters import Filters, default_filters, utc_midnight
from portal.scope import Scope
from tests import complaints_fixture as fx


def test_utc_midnight_of_a_local_day():
    # Shanghai is UTC+8 all year: its 2024-03-04 begins at 2024-03-03 16:00 UTC
    assert utc_midnight(date(2024, 3, 4), "Asia/Shanghai") == datetime(2024, 3, 3, 16, 0)
    # Berlin: UTC+1 before the 2024-03-31 change, UTC+2 after it
    assert utc_midnight(date(2024, 3, 31), "Europe/Berlin") == datetime(2024, 3, 30, 23, 0)
    assert utc_midnight(date(2024, 4, 1), "Europe/Berlin") == datetime(2024, 3, 31, 22, 0)
    assert utc_midnight(date(2024, 3, 4), "UTC") == datetime(2024, 3, 4, 0, 0)


def test_filter_bounds_follow_the_time_zone_and_the_previous_period_keeps_it():
    period = Filters(start=date(2024, 3, 4), end=date(2024, 3, 17), timezone="Asia/Shanghai")
    params = period.sql_params()
    assert (params["start_at"], params["end_at"]) == (datetime(2024, 3, 3, 16), datetime(2024, 3, 17, 16))
    assert params["report_tz"] == "Asia/Shanghai"
    assert period.previous().timezone == "Asia/Shanghai"
    assert default_filters(date(2024, 3, 17), timezone="Asia/Shanghai").timezone == "Asia/Shanghai"


def test_report_timezone_setting_or_the_stores_zone(con):
    # the fixture's three stores are all Asia/Shanghai
    assert settings.report_timezone(con) == "Asia/Shanghai"
    cur = con.cursor()
    settings.put(cur, "report_timezone", "Europe/Berlin", "test")
    assert settings.report_timezone(con) == "Europe/Berlin"
    settings.put(cur, "report_timezone", "Mars/Olympus", "test")  # not a zone: back to the stores' zone
    assert settings.report_timezone(con) == "Asia/Shanghai"
    cur.execute("update stores set timezone = 'Nowhere/None'")
    assert settings.report_timezone(con) == "UTC"


EARLY = [
    # received 2024-03-03 20:00 / 23:30 UTC = Monday 2024-03-04 04:00 / 07:30 in Shanghai
    fx.complaint("tz1", received="03-03 20:00", first_response="03-03 21:00", status="responded"),
    fx.complaint("tz1b", received="03-03 23:30", first_response="03-04 01:00", status="responded"),
    # received Sunday 2024-03-10 18:00 UTC = Monday 2024-03-11 02:00 in Shanghai
    fx.complaint("tz2", received="03-10 18:00", first_response="03-10 20:00", status="responded"),
    # received 2024-03-17 17:00 UTC = Monday 2024-03-18 01:00 in Shanghai: after a 03-04..03-17 period there
    fx.complaint("tz3", received="03-17 17:00", first_response="03-17 18:00", status="responded"),
]


@pytest.mark.parametrize(
    ("timezone", "volume", "weeks"),
    [
        # UTC days: tz2 (Sunday 03-10, week of 03-04) and tz3 (03-17, week of 03-11) in the period;
        # tz1 and tz1b (03-03) before it
        ("UTC", 2, {"2024-03-04": 1, "2024-03-11": 1}),
        # Shanghai days: tz1 and tz1b (Monday 03-04) and tz2 (Monday 03-11) in the period, tz3 (03-18) after it
        ("Asia/Shanghai", 3, {"2024-03-04": 2, "2024-03-11": 1}),
    ],
)
def test_volume_and_weeks_count_local_days(con, timezone, volume, weeks):
    fx.add_complaints(con, EARLY)
    period = Filters(start=date(2024, 3, 4), end=date(2024, 3, 17), timezone=timezone)
    run, goals = kpi.runner(con, Scope.everything()), complaints.targets(con)
    figs = complaints.summary(run, period, goals, as_of=datetime(2024, 3, 20))
    assert figs["complaint_count"] == volume
    bd = complaints.breakdowns(run, period, goals, as_of=datetime(2024, 3, 20))
    rows = bd[bd["dimension"] == "received_week"]
    got = {
        pd.Timestamp(w).strftime("%Y-%m-%d"): int(n)
        for w, n in zip(rows["week_start"], rows["complaint_count"], strict=True)
    }
    assert got == weeks


def test_kpi_command_counts_the_stores_days_by_default(con, tmp_path, monkeypatch, capsys):
    import json

    from portal import cli

    fx.add_complaints(con, EARLY)
    monkeypatch.setenv("PORTAL_DB", str(tmp_path / "fixture.duckdb"))  # the file of the con fixture
    code = cli.main(["kpi", "complaints", "--from", "2024-03-04", "--to", "2024-03-17", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    # no setting: the fixture stores' zone, Asia/Shanghai -> tz1, tz1b and tz2 (see above)
    assert data["period"]["timezone"] == "Asia/Shanghai"
    assert data["summary"]["complaint_count"] == 3
