"""The page's figure set (portal.complaints.figures): tiles, weekly trend, JSON; and its pandas twin (bench)."""

import json
from dataclasses import replace
from datetime import date, datetime

import duckdb
import numpy as np
import pandas as pd
import pytest

from bench import cases_complaints
from portal import complaints, db, demo, frames, kpi, vocab
from portal.complaints import slices
from portal.filters import Filters
from portal.i18n import t
from portal.scope import Scope
from tests import complaints_fixture as fx

GOALS = complaints.Targets()
EVERYTHING = Scope.everything()


@pytest.fixture
def fcon(con):
    fx.load(con)
    return con


def figures(con, filters=fx.CURRENT, goals=GOALS, as_of=fx.AS_OF, scope=EVERYTHING):
    return complaints.figures(kpi.runner(con, scope), filters, goals, as_of=as_of)


def test_tiles_carry_value_n_target_and_change(fcon):
    tiles = {tile.key: tile for tile in figures(fcon).tiles}
    assert list(tiles) == [spec.key for spec in complaints.TILE_SPECS]
    volume = tiles["volume"]
    # 11 received now, 2 (c11, c12) in the previous period -> +9; n = 11 < 30: low confidence, no target
    assert (volume.value, volume.previous_value, volume.change, volume.n) == (11, 2, 9, 11)
    assert volume.status == "low_confidence" and volume.target is None
    frt = tiles["first_response_median"]
    # 15 h now (see test_complaints_queries), 2 h before -> +13; target the 24 h SLA
    assert (frt.value, frt.change, frt.n, frt.target) == (pytest.approx(15.0), pytest.approx(13.0), 6, 24.0)
    backlog = tiles["backlog"]
    assert (backlog.value, backlog.previous_value, backlog.change) == (
        5,
        3,
        2,
    )  # c4 c5 c6 c12 c14 vs c11 c12 c14
    resolution = tiles["resolution_median"]
    assert resolution.target is None
    assert resolution.targets_by == {"high": 48.0, "normal": 72.0, "low": 168.0}
    assert resolution.previous_value is None and resolution.change is None  # nothing resolved before 03-04
    assert tiles["reopen_rate"].target == 5.0 and tiles["recovery_rate"].target == 70.0


def test_tile_status_only_with_enough_n(fcon):
    goals = replace(GOALS, low_confidence_n=6)
    tiles = {tile.key: tile for tile in figures(fcon, goals=goals).tiles}
    # n >= 6 now: FRT median 15 <= 24 meets; p90 26.5 > 24 misses; reopen 22.2 % > 5 % misses;
    # recovery 71.4 % >= 70 % meets (n 7); SLA has no attainment target (n 6): no colour
    assert tiles["first_response_median"].status == "meets"
    assert tiles["first_response_p90"].status == "misses"
    assert tiles["reopen_rate"].status == "misses"
    assert tiles["recovery_rate"].status == "meets"
    assert tiles["sla_attainment"].status is None
    # one severity chosen: its resolution target applies (high 48 h): c2 48, c13 47 -> median 47.5 meets,
    # but n = 2 < 6: low confidence
    high = {
        t.key: t for t in figures(fcon, filters=replace(fx.CURRENT, severities=("high",)), goals=goals).tiles
    }
    assert high["resolution_median"].target == 48.0 and high["resolution_median"].status == "low_confidence"


def test_weekly_trend_fills_weeks_and_adds_limits(fcon):
    # every week of the fixture rests on fewer than 30 items: at the default low-confidence n no week enters
    # the limits (none drawn, nothing flagged); the limits' arithmetic below at a low-confidence n of 1
    low = figures(fcon).trend
    assert low["complaints_per_day_is_low_confidence"].all() and low["complaints_per_day_upper"].isna().all()
    assert low["sla_attainment_pct_center"].isna().all() and not low["sla_attainment_pct_is_out"].any()
    trend = figures(fcon, goals=replace(GOALS, low_confidence_n=1)).trend
    assert trend["week_start"].tolist() == [pd.Timestamp("2024-03-04"), pd.Timestamp("2024-03-11")]
    # complaints per day: 5 / 7 and 6 / 7; XmR mean 11/14, moving range 1/7 -> limits 11/14 -/+ 2.66/7
    assert trend["complaints_per_day"].tolist() == pytest.approx([5 / 7, 6 / 7])
    assert trend["complaints_per_day_upper"].iloc[0] == pytest.approx(11 / 14 + 2.66 / 7)
    # SLA p-chart: 2 of 4 and 2 of 2 -> 50 % and 100 %; pooled 4 / 6
    assert trend["sla_attainment_pct"].tolist() == pytest.approx([50.0, 100.0])
    assert trend["sla_attainment_pct_center"].iloc[0] == pytest.approx(400 / 6)
    assert not trend["sla_attainment_pct_is_out"].any()
    assert trend["reopen_rate_pct"].tolist() == pytest.approx([200 / 6, 0.0])  # 2 of 6, 0 of 3


def test_weekly_trend_partial_weeks_and_a_day_under_way(fcon):
    # period Wednesday 03-06 .. Wednesday 03-13, as of 03-13 12:00 (half of its last day has passed)
    period = Filters(start=date(2024, 3, 6), end=date(2024, 3, 13))
    trend = figures(fcon, filters=period, as_of=datetime(2024, 3, 13, 12)).trend
    # week 1 from 03-06: 5 days (c3 c4 c8); week 2: 03-11, 03-12 and half of 03-13 = 2.5 days (c7 c9 c10)
    assert trend["days_in_period"].tolist() == pytest.approx([5.0, 2.5])
    assert trend["complaint_count"].tolist() == [3, 3]
    assert trend["is_incomplete_week"].tolist() == [False, True]
    # the week with the day under way counts its finished days alone (3 complaints over 2.5 days would
    # mislead): c9 (03-11) and c7 (03-12) over 03-11 and 03-12 -> 1.0 a day, drawn as the in-progress point
    assert trend["finished_day_count"].tolist() == [3, 2]
    assert trend["finished_days"].iloc[1] == 2.0 and pd.isna(trend["finished_days"].iloc[0])
    assert trend["complaints_per_day"].tolist() == pytest.approx([3 / 5, 1.0])
    assert not trend["complaints_per_day_is_out"].any()
    # the week of 03-11 is still under way at 03-13 12:00: in progress; the week of 03-04 is over
    assert trend["is_in_progress"].tolist() == [False, True]
    # the week of 03-04 holds 5 of its days in the period: partial, left out of the limits (no complete week
    # is left to set them) and never flagged
    assert trend["is_partial_week"].tolist() == [True, False]
    for series in ("complaints_per_day", "first_response_median_hours", "sla_attainment_pct"):
        assert trend[f"{series}_center"].isna().all() and not trend[f"{series}_is_out"].any()
    # the whole weeks 03-04 and 03-11: none partial, limits from both (the test above)
    assert not figures(fcon).trend["is_partial_week"].any()


def test_the_week_in_progress_counts_its_finished_days_in_the_reporting_zone(fcon):
    # as of 03-12 18:00 UTC: in Asia/Shanghai it is 03-13 02:00, 03-11 and 03-12 are over (c9 03-11 08:00 and
    # c7 03-12 08:00 local); in UTC only 03-11 is (c9)
    period = Filters(start=date(2024, 3, 11), end=date(2024, 3, 17), timezone="Asia/Shanghai")
    trend = figures(fcon, filters=period, as_of=datetime(2024, 3, 12, 18)).trend
    assert (trend["finished_day_count"].iloc[0], trend["finished_days"].iloc[0]) == (2, 2.0)
    assert trend["complaints_per_day"].iloc[0] == pytest.approx(1.0)
    utc = replace(period, timezone="UTC")
    trend = figures(fcon, filters=utc, as_of=datetime(2024, 3, 12, 18)).trend
    assert (trend["finished_day_count"].iloc[0], trend["finished_days"].iloc[0]) == (1, 1.0)
    # on the week's first day nothing is finished: no point
    first_day = figures(fcon, filters=utc, as_of=datetime(2024, 3, 11, 18)).trend
    assert first_day["is_in_progress"].iloc[0] and pd.isna(first_day["complaints_per_day"].iloc[0])


def test_a_one_day_first_week_is_not_judged():
    # "Last 90 days" from a Sunday: the first week holds that Sunday alone. Its median rests on one day's
    # complaints; in the limits it would be flagged (it was, in a browser review); left out, it is not
    from portal.complaints import slices

    period = Filters(start=date(2024, 3, 10), end=date(2024, 4, 1))  # Sunday .. Monday: 1 + 3 x 7 + 1 days
    weeks = pd.to_datetime(slices.week_starts(period))
    assert len(weeks) == 5
    medians = [80.0, 10.0, 11.0, 10.0, 12.0]
    bd = pd.DataFrame(
        {
            "dimension": "received_week",
            "week_start": weeks,
            "complaint_count": [40, 300, 310, 305, 45],
            "first_response_n": [40, 300, 310, 305, 45],
            "first_response_median_hours": medians,
            "sla_elapsed_count": [40, 300, 310, 305, 45],
            "sla_met_count": [40, 270, 280, 275, 40],
            "finished_day_count": [40, 300, 310, 305, 45],
        }
    )
    for column in slices._RESOLVED_WEEK_COLUMNS:  # no resolved_week rows: the columns, empty
        bd[column] = np.nan
    trend = slices.weekly_trend(bd, period, as_of=datetime(2024, 4, 2))
    assert trend["days_in_period"].tolist() == pytest.approx([1, 7, 7, 7, 1])
    assert trend["is_partial_week"].tolist() == [True, False, False, False, True]
    assert not trend["first_response_median_hours_is_out"].any()
    # centre from the three whole weeks only: (10 + 11 + 10) / 3
    assert trend["first_response_median_hours_center"].iloc[1] == pytest.approx(31 / 3)
    # with the partial weeks judged, the one-day week would lie outside: the check above is not vacuous
    from portal import control_charts

    assert control_charts.individuals_chart(medians, floor=0.0)["is_out"].iloc[0]


def test_a_week_below_the_low_confidence_n_is_left_out_of_the_limits_and_never_flagged():
    from portal.complaints import slices

    # probe h5: a week on 10 complaints counted toward the limits and was the one flagged, drawn as low
    # confidence; the overview leaves it out. Nine whole weeks (2024-01-01 .. 03-03, as of 03-04), FRT medians
    # 8, 9, 8, 9, 8, 9, 8, 40 (n = 10), 16; the rest n = 40. Left out: x-bar = 75 / 8 = 9.375, moving ranges
    # 1 x 6 and |16 - 8| = 8 -> mR-bar 14 / 7 = 2; UCL 9.375 + 2.66 x 2 = 14.695, LCL 9.375 - 5.32 = 4.055:
    # 16 is flagged, the n = 10 week is not. (Counted, x-bar 115 / 9 = 12.78, mR-bar 62 / 8 = 7.75, UCL 33.39:
    # only the 40 was flagged.) SLA 90 / 100 a week, the n = 10 week 2 / 10: p-bar 0.9 left out, no flag.
    period = Filters(start=date(2024, 1, 1), end=date(2024, 3, 3))
    weeks = pd.to_datetime(slices.week_starts(period))
    n = [40] * 7 + [10, 40]
    bd = pd.DataFrame(
        {
            "dimension": "received_week",
            "week_start": weeks,
            "complaint_count": n,
            "first_response_n": n,
            "first_response_median_hours": [8.0, 9.0, 8.0, 9.0, 8.0, 9.0, 8.0, 40.0, 16.0],
            "sla_elapsed_count": [100] * 7 + [10, 100],
            "sla_met_count": [90] * 7 + [2, 90],
            "finished_day_count": n,
        }
    )
    for column in slices._RESOLVED_WEEK_COLUMNS:
        bd[column] = np.nan
    trend = slices.weekly_trend(bd, period, as_of=datetime(2024, 3, 4), low_confidence_n=30)
    frt = "first_response_median_hours"
    assert trend[f"{frt}_is_low_confidence"].tolist() == [False] * 7 + [True, False]
    # the limits run through the week left out (no gap in the lines), which is not flagged
    assert trend[f"{frt}_center"].tolist() == pytest.approx([9.375] * 9)
    assert trend[f"{frt}_upper"].iloc[0] == pytest.approx(14.695)
    assert trend[f"{frt}_lower"].iloc[0] == pytest.approx(4.055)
    assert trend[f"{frt}_is_out"].tolist() == [False] * 8 + [True]
    assert trend["sla_attainment_pct_center"].iloc[0] == pytest.approx(90.0)
    assert trend["sla_attainment_pct"].iloc[7] == pytest.approx(20.0)
    assert not trend["sla_attainment_pct_is_out"].any()
    assert trend["sla_attainment_pct_is_low_confidence"].tolist() == [False] * 7 + [True, False]


def test_the_week_in_progress_is_left_out_of_the_limits_and_never_flagged():
    from portal import control_charts

    # five steady weeks at 10 a day, then a one-day week at 40: with it in the limits it would be flagged
    # (centre 15, moving ranges 0,0,0,0,30 -> mR-bar 6, UCL 15 + 2.66 * 6 = 30.96 < 40);
    # left out: centre 10, mR-bar 0, and it is not flagged
    values = [10, 10, 10, 10, 10, 40]
    kept = control_charts.individuals_chart(values)
    assert kept["center"].iloc[0] == pytest.approx(15.0) and bool(kept["is_out"].iloc[5])
    apart = control_charts.individuals_chart(values, exclude=[False] * 5 + [True])
    assert apart["center"].iloc[0] == pytest.approx(10.0) and not apart["is_out"].any()
    # rates: 5 weeks of 90/100, then 1/10 in progress: p-bar stays 0.9, nothing flagged
    rates = control_charts.p_chart([90] * 5 + [1], [100] * 5 + [10], exclude=[False] * 5 + [True])
    assert rates["center"].iloc[0] == pytest.approx(0.9) and not rates["is_out"].any()
    assert rates["rate"].iloc[5] == pytest.approx(0.1)


def test_a_period_over_has_no_week_in_progress(fcon):
    # period 03-04 .. 03-17, as of 03-18 00:00 (the period is over): both weeks complete
    trend = figures(fcon).trend
    assert not trend["is_in_progress"].any()


def test_as_of_is_the_end_of_the_period_or_now():
    past = Filters(start=date(2024, 1, 1), end=date(2024, 1, 31))
    assert complaints.as_of_for(past, now=datetime(2024, 6, 1, 10, 7)) == datetime(2024, 2, 1)
    running = Filters(start=date(2024, 5, 1), end=date(2024, 6, 1))
    # a running period: now, rounded down to the full hour (figures are cached for the hour, issue 14)
    assert complaints.as_of_for(running, now=datetime(2024, 6, 1, 10, 7, 30)) == datetime(2024, 6, 1, 10, 0)
    assert complaints.as_of_for(running, now=datetime(2024, 6, 1, 10, 59, 59)) == datetime(2024, 6, 1, 10, 0)
    assert complaints.as_of_for(running, now=datetime(2024, 6, 1, 11, 0)) == datetime(2024, 6, 1, 11, 0)


def test_empty_filters_give_the_empty_state(fcon):
    nothing = figures(
        fcon, filters=Filters(start=date(2023, 1, 1), end=date(2023, 1, 31)), as_of=datetime(2023, 2, 1)
    )
    assert complaints.is_empty(nothing)
    assert not complaints.is_empty(figures(fcon))
    assert nothing.trend["complaint_count"].sum() == 0 and nothing.categories.empty


def test_json_has_every_figure_in_plain_types(fcon):
    out = complaints.to_json(figures(fcon))
    text = json.dumps(out)  # plain JSON: no NaN, no numpy or pandas types
    assert "NaN" not in text
    assert out["period"] == {
        "start": "2024-03-04",
        "end": "2024-03-17",
        "timezone": "UTC",
        "as_of": "2024-03-18T00:00:00",
    }
    assert out["summary"]["complaint_count"] == 11 and isinstance(out["summary"]["complaint_count"], int)
    assert out["summary"]["first_response_p90_hours"] == pytest.approx(26.5)
    assert out["backlog_by_age"] == {"lt_1d": 2, "d1_3": 0, "d3_7": 0, "gt_7d": 3}
    hotline = next(c for c in out["channels"] if c["channel"] == "hotline")
    assert (hotline["complaint_count"], hotline["first_response_median_hours"]) == (4, pytest.approx(10.0))
    assert [c["category_group"] for c in out["categories"]][:2] == ["product_quality", "service_attitude"]
    assert out["weekly"][0]["week_start"] == "2024-03-04"
    assert out["previous_summary"]["resolution_median_hours"] is None
    assert {t["key"] for t in out["tiles"]} >= {"volume", "sla_attainment", "backlog", "recovery_rate"}


def test_json_weekly_rows_carry_the_control_charts_and_the_week_flags(fcon):
    # SPEC §4: every dashboard's figures as JSON. The weeks of test_weekly_trend_fills_weeks_and_adds_limits at a
    # low-confidence n of 1: complaints per day 5 / 7 and 6 / 7, XmR centre 11 / 14, limits 11 / 14 -/+ 2.66 / 7
    # (the lower one floored at 0); SLA 2 / 4 and 2 / 2, p-chart centre 4 / 6
    weekly = complaints.to_json(figures(fcon, goals=replace(GOALS, low_confidence_n=1)))["weekly"]
    first = weekly[0]
    assert (first["week_start"], first["is_in_progress"], first["is_partial_week"]) == (
        "2024-03-04",
        False,
        False,
    )
    assert first["complaints_per_day"] == pytest.approx(5 / 7) and first["finished_days"] is None
    assert first["complaints_per_day_center"] == pytest.approx(11 / 14)
    assert first["complaints_per_day_upper"] == pytest.approx(11 / 14 + 2.66 / 7)
    assert first["complaints_per_day_lower"] == pytest.approx(max(0.0, 11 / 14 - 2.66 / 7))
    assert first["sla_attainment_pct_center"] == pytest.approx(400 / 6)
    assert (
        first["sla_attainment_pct_is_out"] is False and first["sla_attainment_pct_is_low_confidence"] is False
    )
    series = ("complaints_per_day", "first_response_median_hours", "sla_attainment_pct")
    series += ("resolution_median_hours", "reopen_rate_pct", "recovery_rate_pct")
    parts = ("center", "lower", "upper", "is_out", "is_low_confidence")
    assert all(f"{s}_{p}" in row for row in weekly for s in series for p in parts)
    # at the default n of 30 every week (5 and 6 complaints) is low confidence: no limits, nothing flagged
    low = complaints.to_json(figures(fcon))["weekly"]
    assert [w["sla_attainment_pct_is_low_confidence"] for w in low] == [True, True]
    assert [w["sla_attainment_pct_center"] for w in low] == [None, None]
    assert not any(w[f"{s}_is_out"] for w in low for s in series)


def test_display_table_and_text_summary(fcon):
    figs = figures(fcon)
    shown = complaints.display_table(figs.stores, "zh")
    online = shown[shown["门店编码"] == "—"]  # the complaints without a store: named in the wide name column
    assert len(online) == 1 and online["门店"].tolist() == ["无门店(线上)"]
    assert "store_id" not in shown.columns
    text = complaints.text_summary(figs)
    assert "Complaints: 11" in text and "n = 6" in text and "> 7 days 3" in text


# ---------------------------------------------------------------- the pandas twin of the benchmark
# the twin's summary columns that the previous period's row leaves out (no tile's change reads them)
NOT_IN_PREVIOUS = set(
    "received_date_only_count first_response_date_only_count resolution_date_only_count resolution_within_target_count"
    " backlog_lt_1d_count backlog_1_3d_count backlog_3_7d_count backlog_gt_7d_count".split()
)


def _compare(duck: complaints.ComplaintFigures, pand: dict) -> None:
    for key, value in pand["summary"].items():
        assert duck.summary[key] == pytest.approx(value, nan_ok=True), key
    # the previous row holds the columns the tiles' change reads (queries/complaint_previous_summary.sql): every
    # column of the twin's but the counts that no change reads, each compared
    assert {spec.value for spec in complaints.TILE_SPECS} <= duck.previous.keys()
    assert pand["previous"].keys() - duck.previous.keys() == NOT_IN_PREVIOUS
    for key in pand["previous"].keys() & duck.previous.keys():
        assert duck.previous[key] == pytest.approx(pand["previous"][key], nan_ok=True), ("previous", key)
    for name, key in (
        ("channels", "channel"),
        ("categories", "category_group"),
        ("stores", "store_id"),
        ("agents", "agent_id"),
    ):
        # groups with something to show (a group whose touched complaints count in no figure shows zeros)
        p, d = (
            f[(f["complaint_count"] + f["backlog_count"] + f["reopen_base_count"]) > 0].set_index(key)
            for f in (pand[name], getattr(duck, name))
        )
        assert set(d.index.dropna()) == set(p.index.dropna()), name
        for column in (
            "complaint_count",
            "first_response_median_hours",
            "first_response_p90_hours",
            "sla_met_count",
            "sla_elapsed_count",
            "resolution_median_hours",
            "backlog_count",
            "reopened_count",
            "recovery_n",
            "recovered_count",
        ):
            got = d.loc[d.index.notna(), column].astype(float).sort_index()
            want = p.loc[p.index.notna(), column].astype(float).sort_index()
            assert got.to_numpy() == pytest.approx(want.to_numpy(), nan_ok=True), (name, column)
    heat = duck.category_store
    assert int(heat["complaint_count"].sum()) == int(pand["category_store"]["complaint_count"].sum())
    duck_backlog = duck.backlog[duck.backlog["backlog_count"] > 0]
    assert sorted(
        zip(duck_backlog["age_bucket"], duck_backlog["severity"], duck_backlog["backlog_count"], strict=True)
    ) == sorted(
        zip(
            pand["backlog"]["age_bucket"].astype(str),
            pand["backlog"]["severity"],
            pand["backlog"]["backlog_count"],
            strict=True,
        )
    )
    weekly = pand["weekly"].set_index("week_start")
    trend = duck.trend.set_index("week_start").loc[weekly.index]
    assert trend["complaint_count"].to_numpy() == pytest.approx(
        weekly["complaint_count"].fillna(0).to_numpy()
    )
    assert trend["first_response_median_hours"].to_numpy() == pytest.approx(
        weekly["first_response_median_hours"].to_numpy(), nan_ok=True
    )
    assert trend["resolution_median_hours"].to_numpy() == pytest.approx(
        weekly["resolution_median_hours"].to_numpy(), nan_ok=True
    )


def _frames(con) -> dict:
    return {t: con.execute(f"select * from {t}").df() for t in ("complaints", "stores", "agents")}  # noqa: S608


def test_pandas_twin_matches_on_the_fixture(fcon):
    duck = figures(fcon)
    pand = cases_complaints.complaint_figures_pandas(_frames(fcon), fx.CURRENT, fx.AS_OF, GOALS)
    assert pand["summary"]["complaint_count"] == 11
    _compare(duck, pand)


def test_pandas_twin_matches_on_demo_data(tmp_path):
    con = db.connect(tmp_path / "demo.duckdb")
    demo.generate(con, scale=0.02, seed=5, as_of=datetime(2026, 1, 10, 12, 0))
    period = Filters(start=date(2025, 10, 13), end=date(2026, 1, 10))
    as_of = complaints.as_of_for(period, now=datetime(2026, 1, 10, 12, 0))
    duck = complaints.figures(
        kpi.runner(con, Scope.everything()), period, complaints.targets(con), as_of=as_of
    )
    pand = cases_complaints.complaint_figures_pandas(_frames(con), period, as_of, complaints.targets(con))
    assert duck.summary["complaint_count"] > 500 and duck.summary["backlog_count"] > 0
    _compare(duck, pand)
    con.close()


def test_charts_have_titles_axes_and_flags(fcon):
    from portal.complaints import charts

    figs = figures(fcon)
    for series in charts.TREND_SERIES:
        fig = charts.trend(figs.trend, series, "zh")
        assert fig.layout.title.text == t(f"complaints.trend.{series}", "zh")
        assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
        # every week rests on fewer than 30 complaints: hollow markers; n in the hover data
        assert set(fig.data[0].marker.symbol) == {"circle-open"}
        assert list(fig.data[0].customdata) == figs.trend[charts.TREND_N[series]].tolist()
    # a flagged week goes into the red "outside control limits" trace
    trend = figs.trend.assign(sla_attainment_pct_is_out=[True, False])
    flagged = charts.trend(trend, "sla_attainment_pct", "en").data[-1]
    assert flagged.name == "Outside control limits" and list(flagged.y) == pytest.approx([50.0])
    pareto = charts.pareto(figs.categories, "en")
    assert (
        pareto.layout.yaxis2.title.text == "Cumulative share (%)"
        and pareto.layout.yaxis.title.text == "Complaints"
    )
    assert list(pareto.data[1].y) == pytest.approx(figs.categories["cumulative_pct"].tolist())
    heat = charts.heat_map(figs.category_store, "en")
    # the stores' panel and the separate no-store panel hold the 11 complaints between them
    cells = sum(np.array(trace.z, dtype=float).sum() for trace in heat.data)
    assert list(heat.data[1].x) == ["No store (online)"] and int(cells) == 11
    backlog = charts.backlog(figs.backlog, "2024-03-18 00:00", "en")
    assert sum(sum(trace.y) for trace in backlog.data) == 5
    assert charts.channels(figs.channels, "en").data[0].y[0] == "Hotline"


def test_value_lists_match_the_complaint_import():
    from portal.ingest import complaints as ingest

    assert vocab.COMPLAINT_CHANNELS == ingest.CHANNELS
    assert vocab.CATEGORY_GROUPS == ingest.CATEGORY_GROUPS
    assert vocab.SEVERITIES == ingest.SEVERITIES
    # every value has a label in both languages (GLOSSARY terms)
    for kind, values in (
        ("channel", vocab.COMPLAINT_CHANNELS),
        ("category", vocab.CATEGORY_GROUPS),
        ("severity", vocab.SEVERITIES),
        ("age", vocab.AGE_BUCKETS),
    ):
        for value in values:
            en, zh = complaints.value_label(kind, value, "en"), complaints.value_label(kind, value, "zh")
            assert en != value and zh != en, (kind, value)


def test_the_first_response_tile_says_how_many_are_not_answered_yet(fcon):
    # received 03-04..03-17 and not cancelled, without a first response: c4 (03-10) and c5 (03-17 12:00);
    # c7 is cancelled (volume only). The median (15 h over n = 6) rests on the answered ones alone.
    figs = figures(fcon)
    assert figs.summary["unanswered_count"] == 2
    texts = {fig.key: text for fig, text in zip(figs.tiles, complaints.tile_texts(figs, "en"), strict=True)}
    assert ("2 not answered yet: not in the response times", None) in texts["first_response_median"].captions
    zh = {fig.key: text for fig, text in zip(figs.tiles, complaints.tile_texts(figs, "zh"), strict=True)}
    assert ("2 件尚未响应：不计入响应时长", None) in zh["first_response_median"].captions
    # only under the median's tile
    assert not any(
        "not answered" in c for k, x in texts.items() if k != "first_response_median" for c, _ in x.captions
    )
    # a complaint from a file that told no first responses (migration 019) is not "not answered": unknown
    fx.add_complaints(fcon, [fx.complaint("u1", received="03-12 09:00")])
    fcon.execute("update complaints set response_known = false where source_id = 'u1'")
    again = figures(fcon)
    assert (again.summary["complaint_count"], again.summary["unanswered_count"]) == (12, 2)
    # everything answered: no such line
    fcon.execute(
        "update complaints set first_response_at = received_at + interval 1 hour where source_id in ('c4', 'c5')"
    )
    done = figures(fcon)
    assert done.summary["unanswered_count"] == 0
    shown = complaints.tile_texts(done, "en")[[f.key for f in done.tiles].index("first_response_median")]
    assert not any("not answered" in c for c, _ in shown.captions)


def test_weekly_trend_takes_its_weeks_rows_without_filtering_every_column(monkeypatch):
    """Issue 14: the weekly rows were taken by a boolean filter of the whole breakdowns frame (~60 columns
    copied, twice a trend); now only the columns read are. The same figures."""
    bd = pd.DataFrame(
        {
            "dimension": ["summary", "received_week", "received_week", "resolved_week"],
            "week_start": pd.to_datetime([None, "2024-03-04", "2024-03-11", "2024-03-11"]),
        }
    )
    for column in (*slices._RECEIVED_WEEK_COLUMNS, *slices._RESOLVED_WEEK_COLUMNS):
        bd[column] = [9.0, 4.0, 2.0, 3.0]
    real = pd.DataFrame.__getitem__

    def no_row_filter(self, key):
        assert not (isinstance(key, pd.Series) and key.dtype == bool), "a row filter of the whole frame"
        return real(self, key)

    monkeypatch.setattr(pd.DataFrame, "__getitem__", no_row_filter)
    trend = slices.weekly_trend(bd, Filters(start=date(2024, 3, 4), end=date(2024, 3, 17)))
    assert trend["complaint_count"].tolist() == [4, 2]
    assert trend["resolution_n"].tolist() == [0, 3]
    assert trend["first_response_median_hours"].tolist() == [4.0, 2.0]


def test_a_summary_row_is_read_as_plain_values_of_the_columns_types():
    # issue 14: complaint_summary's row read as frames.Rows (fetchall), not a frame; every kind of column its
    # SQL gives (BIGINT, DOUBLE, DATE; and those a summary could give) comes out as the frame path's to_dict and
    # _plain made it, type included; the first day of data (covered_from) is read off, not a tile
    import importlib

    figures = importlib.import_module("portal.complaints.figures")  # the package re-exports figures()
    sql = """
        select * from (values
            (7::bigint, null::bigint, 2::integer, null::double, 66.5::double, date '2026-11-02',
             timestamp '2026-11-02 10:30', true, null::boolean, 'days', null::varchar),
            (9, null, 2, null, 66.5, date '2026-11-02', timestamp '2026-11-02 10:30', true, null, 'days', null)
        ) as t (complaint_count, backlog_count, reopened_count, first_response_median_hours, sla_attainment_pct,
                covered_from, latest_at, is_partial, is_reopen_known, unit, note)
    """
    con = duckdb.connect()
    try:
        row = figures._tiles_of(frames.rows(con.execute(sql)))
        by_frame = con.execute(sql).df().to_dict(orient="records")[0]
    finally:
        con.close()
    expected = {
        "complaint_count": 7,
        "backlog_count": None,
        "reopened_count": 2,
        "first_response_median_hours": None,
        "sla_attainment_pct": 66.5,
        "latest_at": "2026-11-02T10:30:00",
        "is_partial": True,
        "is_reopen_known": None,
        "unit": "days",
        "note": None,
    }
    assert row == expected
    assert [type(v) for v in row.values()] == [type(v) for v in expected.values()]
    del by_frame["covered_from"]
    assert row == {k: figures._plain(v) for k, v in by_frame.items()}
