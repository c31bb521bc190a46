"""The overview's window (portal/overview/sources.py): its days are the reporting zone's."""

from datetime import date, datetime

import pandas as pd
import pytest


def test_the_window_s_today_is_the_reporting_zone_s_day():
    # 17:30 UTC on 4 Dec is 01:30 on 5 Dec in Beijing: actions due on 4 Dec are overdue there (the overview used
    # the UTC day: 51 overdue against the 5S page's 52; consistency probe)
    from datetime import date, datetime

    from portal.overview.sources import window_for

    now = datetime(2026, 12, 4, 17, 30)
    assert window_for(now, timezone="Asia/Shanghai").today == date(2026, 12, 5)
    assert window_for(now, timezone="America/New_York").today == date(2026, 12, 4)
    assert window_for(datetime(2026, 12, 5, 2, 0), timezone="America/New_York").today == date(2026, 12, 4)


def test_a_past_week_reads_the_months_as_of_that_week():
    from datetime import date, datetime

    from portal.overview.sources import window_for

    now = datetime(2026, 12, 5, 12, 0)  # a Saturday: the last complete week is 2026-W48 (Nov 23-29)
    assert window_for(now).reference_day == date(2026, 12, 5)  # the default window: today
    # a past week: the Sunday after it, the last day it was the last complete week
    assert window_for(now, week=date(2026, 9, 2)).reference_day == date(2026, 9, 13)  # 2026-W36
    assert window_for(now, week=date(2026, 11, 16)).reference_day == date(2026, 11, 29)  # W47
    assert window_for(datetime(2026, 11, 24), week=date(2026, 11, 9)).reference_day == date(2026, 11, 22)


@pytest.mark.parametrize(
    ("week", "period", "mean", "n"),
    [
        (None, "2026-11", None, 0),  # the default window on 2026-12-05: November, the last complete month
        (date(2026, 11, 9), "2026-10", 93.0556, 2),  # W46, read then: October (A001 86.1111, A003 100.0)
        (date(2026, 10, 12), "2026-09", None, 0),  # W42: September (A001 insufficient data)
    ],
)
def test_the_scorecards_of_a_past_week_are_the_month_complete_that_week(con, week, period, mean, n):
    """``brief --week 2026-W36`` reported the months after that week (today's last complete month) and linked
    to them; now the month complete as of the week, and the alert's link names it."""
    from portal import db, settings
    from portal.overview.sources import Reading, window_for
    from portal.overview.sources_scorecards import scorecards_source
    from portal.scope import Scope
    from tests import scorecards_fixture

    scorecards_fixture.load(con)
    window = window_for(datetime(2026, 12, 5, 12, 0), week=week, timezone="UTC")
    area = scorecards_source(
        lambda name, params: db.run_query(con, name, params, Scope.everything()),
        window,
        Reading(con, settings.load_all(con)),
    )
    assert f"{area.coverage.current.start:%Y-%m}" == period
    team = area.figures[0]
    assert team.n == n and (
        team.value is None if mean is None else team.value == pytest.approx(mean, abs=1e-3)
    )


def test_the_5s_months_of_a_past_week_end_with_it(con):
    """The 5S sparkline of 2026-W06 (Feb 2-8, 2026; the twelve weeks from Mon 2025-11-17): February went on after
    the week (I5 on Feb 3 is in it), so it is not a complete month there, read whenever; January is, and so are
    the months before it the window touches (no inspection: gaps)."""
    from portal import db, settings
    from portal.overview.sources import Reading, window_for
    from portal.overview.sources_fives import fives_source
    from portal.scope import Scope
    from tests import fives_fixture

    fives_fixture.load(con)
    area = fives_source(
        lambda name, params: db.run_query(con, name, params, Scope.everything()),
        window_for(datetime(2026, 12, 5, 12, 0), week=date(2026, 2, 2), timezone="UTC"),
        Reading(con, settings.load_all(con)),
    )
    (spark,) = area.series
    assert list(zip(spark.weeks, spark.complete, spark.n, strict=True)) == [
        (date(2025, 11, 1), True, 0),
        (date(2025, 12, 1), True, 0),
        (date(2026, 1, 1), True, 4),
        (date(2026, 2, 1), False, 1),
    ]
    assert area.coverage.spark_text("en") == (
        "Sparkline: the months 2025-11 – 2026-01 these weeks touch, each read whole (all its days, not only these "
        "weeks'), one mark a month (· none inspected). 2026-02 is in progress and not drawn."
    )
    assert area.coverage.spark_text("zh") == (
        "迷你图：这几周涉及的 2025-11 至 2026-01 各月，每月按整月统计(含这几周以外的日子)，每月一格(· 表示当月无检查)。"
        "2026-02 尚在进行中，未绘入。"
    )


def test_the_store_view_s_5s_months_mark_the_month_in_progress_as_the_sparkline_does(con):
    """SPEC §3: the period in progress is drawn as such. The store view's "5S score by month" table listed the
    month still under way as a complete one (its in-progress flag was dropped on the way, and the sparkline
    judged with a rule of its own). One rule, the window's: S001 in 2026-W06 (Feb 2-8), February goes on after
    the week (I5 on Feb 3), January is over."""
    from portal import db, settings
    from portal.fives import figures as fives
    from portal.overview import store_fives
    from portal.overview.sources import Reading, window_for
    from portal.overview.sources_fives import fives_source
    from portal.scope import Scope
    from tests import fives_fixture

    fives_fixture.load(con)

    def run(name, params):
        return db.run_query(con, name, params, Scope.everything())

    cfg = fives.load_settings(settings.load_all(con))
    window = window_for(datetime(2026, 12, 5, 12, 0), week=date(2026, 2, 2), timezone="UTC")
    sf = store_fives.store_fives(run, window, 1, 1, cfg)
    for lang, word in (("en", "in progress"), ("zh", "进行中")):
        months = store_fives.trend_table(sf, lang).iloc[:, 0].tolist()
        assert months == ["2026-01", f"2026-02 ({word})"]
    (spark,) = fives_source(run, window, Reading(con, settings.load_all(con))).series
    assert [not done for done in spark.complete[-2:]] == sf.trend["is_in_progress"].tolist() == [False, True]


def test_the_store_view_s_5s_months_mark_a_month_only_partly_in_the_window(con):
    """The twelve weeks to 2026-W15 (Mon 2026-01-19 to Sun 04-12) hold 13 of January's 31 days. The store page
    showed two Januaries for S001: its tile's sparkline read the month whole (I1 of Jan 5 and I2 of Jan 20:
    (77.778 + 22.917) / 2 = 50.347, n = 2) and its "5S score by month" table the window's 13 days ("2026-01
    (partial month: 13 of its 31 days in the period)" 22.9 %, n = 1). One definition: both read the months the
    window touches whole, so no month is partial and none says so; February (I5) is whole in both."""
    from portal import db, settings
    from portal.fives import figures as fives
    from portal.overview import store_fives
    from portal.overview.sources import Reading, window_for
    from portal.overview.sources_fives import fives_source
    from portal.scope import Scope
    from tests import fives_fixture

    fives_fixture.load(con)

    def run(name, params):
        return db.run_query(con, name, params, Scope.everything())

    cfg = fives.load_settings(settings.load_all(con))
    window = window_for(datetime(2026, 12, 5, 12, 0), week=date(2026, 4, 6), timezone="UTC")
    assert window.start == date(2026, 1, 19)
    sf = store_fives.store_fives(run, window, 1, 1, cfg)
    for lang in ("en", "zh"):
        table = store_fives.trend_table(sf, lang)
        assert table.iloc[:, 0].tolist() == ["2026-01", "2026-02"]  # whole months: no partial-month note
        assert table.iloc[0, 1:].tolist() == ["50.3% (n = 2)", "53.6% (n = 3)", "65.2% (n = 4)"]
    # the same months and n as the sparklines of the store page's tile (the store), and of the region's and the
    # overview's (the chain): January on all its inspections, February (I5: 58.333), March none, April in progress
    reading = Reading(con, settings.load_all(con))
    for side, view in (
        ("store", window.narrowed("store", [1])),
        ("region", window.narrowed("region", [1])),
        ("chain", window),
    ):
        (spark,) = fives_source(run, view, reading).series
        assert spark.weeks == (date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1))
        assert spark.complete == (True, True, True, False) and spark.values[2:] == (None, None)
        drawn = dict(zip(spark.weeks, zip(spark.values, spark.n, strict=True), strict=True))
        for month, value, n in zip(sf.trend["month_start"], sf.trend[f"{side}_pct"], sf.trend[f"{side}_n"],
                                   strict=True):  # fmt: skip
            assert drawn[pd.Timestamp(month).date()] == (pytest.approx(value, abs=1e-9), n)
    assert sf.trend["store_n"].tolist() == [2, 1] and sf.trend["chain_n"].tolist() == [4, 1]
    assert sf.trend["store_pct"].iloc[0] == pytest.approx(50.347, abs=1e-3)
    assert sf.trend["chain_pct"].tolist() == [
        pytest.approx(65.174, abs=1e-3),
        pytest.approx(58.333, abs=1e-3),
    ]


def test_a_count_s_weeks_before_the_data_begins_are_gaps_not_zeros(con):
    """The volume sparkline drew "0 complaints" for the weeks before the first complaint in scope (nothing was
    recorded then); those weeks are gaps now, and a week after it without complaints stays a counted 0."""
    from portal import db, settings
    from portal.overview.sources import Reading, counted_values, window_for
    from portal.overview.sources_complaints import complaints_source
    from portal.scope import Scope
    from tests import complaints_fixture

    complaints_fixture.load(con)  # the first complaint: c14, 2024-01-10
    window = window_for(datetime(2024, 3, 18, 12, 0), timezone="UTC")  # 12 weeks, 2023-12-25 .. 2024-03-11
    area = complaints_source(
        lambda name, params: db.run_query(con, name, params, Scope.everything()),
        window,
        Reading(con, settings.load_all(con)),
    )
    volume = area.series_for("volume")
    by_week = dict(zip(volume.weeks, volume.values, strict=True))
    assert volume.weeks[0] == date(2023, 12, 25) and len(volume.weeks) == 12
    assert by_week[date(2023, 12, 25)] is None and by_week[date(2024, 1, 1)] is None  # before Jan 10
    assert by_week[date(2024, 1, 8)] == 1  # c14's week, begun before the data: its count as it is
    assert by_week[date(2024, 1, 15)] == 0  # after the data began: a week without complaints counts 0
    assert by_week[date(2024, 2, 26)] == 2  # c11 (Feb 28), c12 (Mar 1)
    # the rule alone: weeks ending before the first day are gaps, none at all without any count
    weeks = (date(2024, 1, 1), date(2024, 1, 8))
    assert counted_values((0, 3), (0, 3), weeks, date(2024, 1, 8)) == (None, 3)
    assert counted_values((0, 0), (0, 0), weeks, None) == (None, None)


def test_the_responses_weeks_before_the_first_survey_are_gaps(con):
    from portal import db, settings
    from portal.overview.sources import Reading, window_for
    from portal.overview.sources_satisfaction import satisfaction_source
    from portal.scope import Scope
    from tests.test_satisfaction_queries import load_tile_fixture

    load_tile_fixture(con)  # the first response: 2024-12-01 (a Sunday)
    window = window_for(datetime(2025, 1, 13, 12, 0), timezone="UTC")  # 2024-10-21 .. 2025-01-06
    area = satisfaction_source(
        lambda name, params: db.run_query(con, name, params, Scope.everything()),
        window,
        Reading(con, settings.load_all(con)),
    )
    responses = area.series_for("responses")
    by_week = dict(zip(responses.weeks, responses.values, strict=True))
    assert [by_week[date(2024, 11, d)] for d in (4, 11, 18)] == [None, None, None]  # nothing recorded yet
    assert by_week[date(2024, 11, 25)] == 1  # Nov 25 - Dec 1 holds the first response
    assert by_week[date(2024, 12, 2)] == 0 and by_week[date(2025, 1, 6)] == 0


@pytest.mark.parametrize("alerts, mode", [(True, "breaches"), (False, "without")])
def test_the_complaints_week_reads_no_channel_mix(con, monkeypatch, alerts, mode):
    """The overview's week reads the SLA breaches by category x store and the store rows (with its alerts), the
    store view the summary alone: neither reads the channel mix (complaint_breakdowns' $hot_spots; 'with', every
    row, before), and the area is the same as with every row."""
    from portal import complaints, db, settings
    from portal.overview import sources_complaints
    from portal.overview.sources import Reading, window_for
    from portal.scope import Scope
    from tests import complaints_fixture

    complaints_fixture.load(con)
    window = window_for(datetime(2024, 3, 13, 12, 0), timezone="UTC")  # the week of 2024-03-11, in progress
    modes: list = []

    def run(name, params):
        if name == "complaint_breakdowns":
            modes.append((params["hot_spots"], params["weeks_only"]))
        return db.run_query(con, name, params, Scope.everything())

    reading = Reading(con, settings.load_all(con), alerts=alerts)
    area = sources_complaints.complaints_source(run, window, reading)
    assert modes == [(mode, False), ("with", True)]  # the week's; the twelve weeks' rows (weekly alone)
    breakdowns = complaints.breakdowns
    monkeypatch.setattr(
        sources_complaints.complaints,
        "breakdowns",
        lambda *a, **k: breakdowns(*a, **{**k, "hot_spots": "with"}),
    )
    every_row = sources_complaints.complaints_source(run, window, reading)
    assert area.figures == every_row.figures and area.series == every_row.series
    assert area.context.keys() == every_row.context.keys()
    for key, value in every_row.context.items():
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(area.context[key], value)
        else:
            assert area.context[key] == value, key
    if alerts:  # breaches to compare
        assert len(area.context["breaches"]) > 0
