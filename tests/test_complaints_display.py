"""How the Complaints page shows its figures: tile changes that round to zero, table number formats, the
category x store heat map and the trend's date axis."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from portal import complaints, kpi
from portal.complaints import charts
from portal.i18n import t
from portal.scope import Scope
from tests import complaints_fixture as fx


def tile(unit: str, change: float | None, better: str = "lower") -> kpi.Figure:
    # value 1.0 + change against 1.0 before (no previous value: no change), n = 40
    previous = None if change is None else 1.0
    return kpi.Figure("x", unit, 1.0 + (change or 0.0), 40, "complaints", previous, 40, better=better)


@pytest.mark.parametrize(
    ("unit", "change", "en", "zh"),
    [
        # 0.04 h and -0.04 h both show as 0.0 at one decimal: no sign, no "-0.0"
        ("hours", 0.04, "0.0 h", "0.0 小时"),
        ("hours", -0.04, "0.0 h", "0.0 小时"),
        ("pct", -0.02, "0.0 pp", "0.0 个百分点"),
        ("count", 0, "0", "0"),
    ],
)
def test_a_change_that_rounds_to_zero_has_no_sign_colour_or_arrow(unit, change, en, zh):
    shown = tile(unit, change)
    assert kpi.change_is_zero(shown)
    assert kpi.format_change(shown, "en") == en
    assert kpi.format_change(shown, "zh") == zh
    assert kpi.delta_style(shown) == ("off", "off")


def test_a_real_change_keeps_its_sign_and_direction_colour():
    fewer = tile("count", -2571)
    assert kpi.format_change(fewer, "en") == "-2,571"
    assert kpi.delta_style(fewer) == ("inverse", "auto")  # fewer complaints is better: green
    slower = tile("hours", 0.3)
    assert kpi.format_change(slower, "en") == "+0.3 h"
    assert kpi.delta_style(tile("pct", 1.0, better="higher")) == ("normal", "auto")
    assert kpi.format_change(tile("hours", None), "en") is None
    # too few complaints to call the change better or worse: its arrow, no colour
    few = kpi.Figure("x", "pct", 28.6, 7, "complaints", 0.0, 7, target=5.0, better="lower")
    assert few.status == "low_confidence"
    assert kpi.delta_style(few) == ("off", "auto")
    assert not kpi.change_is_zero(tile("hours", None))


def test_tile_wording_says_vs_previous_period_and_the_sla_window_once():
    assert t("complaints.tile.vs_previous", "en") == "vs previous period"
    sla = kpi.Figure("sla_attainment", "pct", 90.0, 40, "complaints", better="higher")
    text = complaints.target_text(sla, complaints.Targets(), "en")
    assert text == "24-hour response commitment"  # not "24-hour response commitment: within 24 h"
    assert complaints.target_text(sla, complaints.Targets(), "zh") == "24小时响应"


def test_store_table_figures_have_fixed_decimals_and_whole_counts():
    frame = pd.DataFrame(
        {
            "store_id": [1, None],
            "store_code": ["S001", None],
            "store_name": ["Store One", None],
            "complaint_count": [1234, 3],
            "first_response_n": [12.0, np.nan],  # a count that came back as float (NaN for none)
            "first_response_median_hours": [12.0, 11.75],
            "sla_attainment_pct": [91.66, np.nan],
        }
    )
    shown = complaints.display_table(frame, "en")
    assert list(shown.columns) == [
        "Store code",
        "Store",
        "Complaints",
        "n (first response)",
        "First response, median (h)",
        "Response SLA attainment (%)",
    ]
    # the row without a store says so in the Store column (the narrow code column cut the words), code a dash
    assert shown["Store code"].tolist() == ["S001", "—"] and shown["Store"].tolist() == [
        "Store One",
        "No store (online)",
    ]
    assert str(shown["n (first response)"].dtype) == "Int64"
    assert shown["n (first response)"].tolist()[0] == 12 and shown["n (first response)"].isna().tolist()[1]
    # 11.75 -> 11.8 (round to 0.1); 12.0 stays a float, shown "12.0" by the fixed format below
    assert shown["First response, median (h)"].tolist() == [12.0, 11.8]
    assert complaints.display_formats(frame, "en") == {
        "Complaints": "%,d",
        "n (first response)": "%,d",
        "First response, median (h)": "%,.1f",
        "Response SLA attainment (%)": "%,.1f",
    }
    assert complaints.display_formats(frame, "zh")["首次响应时长中位数(小时)"] == "%,.1f"


@pytest.mark.parametrize(("lang", "none"), [("en", "in no team"), ("zh", "不属于任何班组")])
def test_agent_table_names_the_row_of_the_days_in_no_team(lang, none):
    """A moved agent's row of the complaints received while in no team (agent_team_id 0, no team_code) says so in
    the Team cell, on the page and in the CSV (both are this table); the unassigned row has no team. Before, the
    cell was empty."""
    frame = pd.DataFrame(
        {
            "agent_id": [3, 3, None],
            "agent_code": ["A003", "A003", None],
            "agent_name": ["Agent Three", "Agent Three", None],
            "agent_team_id": [1, 0, None],
            "team_code": ["T1", None, None],
            "complaint_count": [2, 1, 4],
        }
    )
    shown = complaints.display_table(frame, lang)
    team = t("complaints.col.team_code", lang)
    assert shown[team].tolist()[:2] == ["T1", none]
    assert pd.isna(shown[team].tolist()[2])
    assert shown[t("complaints.col.agent_code", lang)].tolist()[2] == t("complaints.unassigned", lang)


def test_heat_map_labels_every_store_and_keeps_the_online_column_off_the_colour_scale():
    stores = [f"S{i:03d}" for i in range(1, 13)]
    rows = [("product_quality", i + 1, code, i % 5 + 1) for i, code in enumerate(stores)]
    rows += [("product_quality", None, None, 40), ("delivery", None, None, 25), ("delivery", 1, "S001", 2)]
    frame = pd.DataFrame(rows, columns=["category_group", "store_id", "store_code", "complaint_count"])
    fig = charts.heat_map(frame, "en", order=["product_quality", "delivery"], names={"S005": "Beijing 05"})
    coloured, online = fig.data
    # stores by volume, largest first (ties by code): store k has (k - 1) mod 5 + 1, S001 2 more (= 3)
    by_volume = [
        "S005",
        "S010",
        "S004",
        "S009",
        "S001",
        "S003",
        "S008",
        "S002",
        "S007",
        "S012",
        "S006",
        "S011",
    ]
    assert list(coloured.x) == by_volume
    assert fig.layout.xaxis.tickmode == "array" and list(fig.layout.xaxis.ticktext) == by_volume
    # rows in the Pareto's order (product quality first), not alphabetical; full store name on hover
    assert list(coloured.y) == ["Product quality", "Delivery"]
    assert coloured.hovertext[0][0] == "S005 Beijing 05"
    # the coloured panel holds the stores only, so its top is 5, not the 40 online complaints;
    # delivery: S001 (5th column) 2, others 0
    z = np.array(coloured.z, dtype=float)
    assert z.max() == 5 and z[1].tolist() == [0.0] * 4 + [2.0] + [0.0] * 7
    # each cell names its category and store id for the drill-down
    assert coloured.customdata[1][4] == "delivery|1"
    assert list(online.x) == ["No store (online)"] and online.xaxis == "x2"
    assert np.array(online.z, dtype=float).ravel().tolist() == [40.0, 25.0]  # Pareto order: product first
    assert online.showscale is False and online.texttemplate == "%{text:,}"
    assert {c for _, c in online.colorscale} == {"#eaeef2"}
    assert fig.layout.xaxis.domain[1] < fig.layout.xaxis2.domain[0]  # side by side, stores first
    assert list(coloured.y) == ["Product quality", "Delivery"]


def test_heat_map_without_online_complaints_has_one_layer():
    frame = pd.DataFrame(
        [("price", 1, "S001", 3), ("price", 2, "S002", 1)],
        columns=["category_group", "store_id", "store_code", "complaint_count"],
    )
    fig = charts.heat_map(frame, "zh")
    assert len(fig.data) == 1 and list(fig.data[0].x) == ["S001", "S002"]
    assert fig.layout.xaxis.title.text == "门店" and fig.layout.yaxis.title.text == "类别"


def test_trend_dates_are_numeric_in_both_languages(con):
    fx.load(con)
    run = kpi.runner(con, Scope.everything())
    figs = complaints.figures(run, fx.CURRENT, complaints.Targets(), as_of=fx.AS_OF)
    for lang in ("en", "zh"):
        fig = charts.trend(figs.trend, "complaints_per_day", lang)
        # plotly's default date ticks name months in English ("Aug 23 2026") on the Chinese page too
        assert fig.layout.xaxis.tickformat == "%Y-%m-%d"
        assert fig.layout.xaxis.hoverformat == "%Y-%m-%d"


def test_heat_map_folds_stores_beyond_the_top_into_one_column():
    # 61 stores, store k with k complaints: the top 20 are S061 .. S042, the other 41 folded (sum 1..41 = 861)
    rows = [("price", k, f"S{k:03d}", k) for k in range(1, 62)]
    frame = pd.DataFrame(rows, columns=["category_group", "store_id", "store_code", "complaint_count"])
    coloured, folded = charts.heat_map(frame, "en").data
    assert len(coloured.x) == 20 and coloured.x[0] == "S061" and coloured.x[19] == "S042"
    # the folded column sits in the grey panel with its count written in, off the colour scale: a sum over
    # 41 stores (861) would bleach every store's cell (the top store has 61)
    assert np.array(coloured.z, dtype=float).max() == 61
    assert list(folded.x) == ["41 other stores"] and folded.z[0][0] == 861 and folded.showscale is False
    assert folded.customdata[0][0] == "price|"  # the folded column drills to the category only


def test_the_week_in_progress_is_drawn_apart():
    frame = pd.DataFrame(
        {
            "week_start": pd.to_datetime(["2024-03-04", "2024-03-11"]),
            "sla_attainment_pct": [90.0, 40.0],
            "sla_elapsed_count": [50, 3],
            "sla_attainment_pct_center": [90.0, 90.0],
            "sla_attainment_pct_upper": [100.0, 100.0],
            "sla_attainment_pct_lower": [80.0, 80.0],
            "sla_attainment_pct_is_out": [False, True],
            "is_in_progress": [False, True],
        }
    )
    fig = charts.trend(frame, "sla_attainment_pct", "en")
    names = [tr.name for tr in fig.data]
    main = fig.data[0]
    assert pd.isna(main.y[1]) and main.y[0] == 90.0  # the running week is not on the line
    running = fig.data[names.index("in progress")]
    assert list(running.y) == [40.0] and running.marker.symbol == "diamond-open"
    flagged = (
        fig.data[names.index("Outside control limits")] if "Outside control limits" in names else fig.data[-1]
    )
    assert len(flagged.x) == 0  # never flagged


def test_partial_weeks_are_drawn_apart_and_a_week_in_progress_without_a_value_has_no_diamond():
    frame = pd.DataFrame(
        {
            "week_start": pd.to_datetime(["2024-03-04", "2024-03-11", "2024-03-18"]),
            "complaints_per_day": [400.0, 380.0, float("nan")],
            "complaint_count": [400, 2660, 1500],
            "days_in_period": [1.0, 7.0, 3.6],
            "complaints_per_day_center": [380.0] * 3,
            "complaints_per_day_upper": [420.0] * 3,
            "complaints_per_day_lower": [340.0] * 3,
            "complaints_per_day_is_out": [False] * 3,
            "is_in_progress": [False, False, True],
            "is_partial_week": [True, False, False],
        }
    )
    for lang, days in (("en", "1 of its 7 days in the period"), ("zh", "7天中1天在所选期间内")):
        fig = charts.trend(frame, "complaints_per_day", lang)
        names = [tr.name for tr in fig.data]
        assert pd.isna(fig.data[0].y[0]) and fig.data[0].y[1] == 380.0  # the one-day week is off the line
        edge = fig.data[names.index(t("complaints.chart.partial_week", lang))]
        assert list(edge.y) == [400.0] and edge.marker.symbol == "square-open"
        assert list(edge.customdata[0]) == [400, days]
        # the week in progress has no volume yet (its first day is under way): no empty "in progress" entry
        assert t("complaints.chart.in_progress", lang) not in names


def test_the_week_in_progress_draws_its_volume_over_its_finished_days():
    # a browser review found no point for the running week (its volume was left out while a day was under
    # way); now its finished days' rate is the grey diamond, the days and their n in the hover
    frame = pd.DataFrame(
        {
            "week_start": pd.to_datetime(["2024-03-04", "2024-03-11"]),
            "complaints_per_day": [380.0, 350.0],
            "complaint_count": [2660, 870],
            "finished_day_count": [2660, 700],
            "finished_days": [float("nan"), 2.0],
            "days_in_period": [7.0, 2.5],
            "complaints_per_day_center": [380.0] * 2,
            "complaints_per_day_upper": [420.0] * 2,
            "complaints_per_day_lower": [340.0] * 2,
            "complaints_per_day_is_out": [False, True],
            "is_in_progress": [False, True],
            "is_incomplete_week": [False, True],
            "is_partial_week": [False, False],
        }
    )
    for lang, note in (
        ("en", "in progress: over its 2 finished days (today not counted)"),
        ("zh", "进行中：按本周已结束的2天计算(不含今天)"),
    ):
        fig = charts.trend(frame, "complaints_per_day", lang)
        names = [tr.name for tr in fig.data]
        assert pd.isna(fig.data[0].y[1])  # off the line
        running = fig.data[names.index(t("complaints.chart.in_progress", lang))]
        assert list(running.y) == [350.0] and running.marker.symbol == "diamond-open"
        assert list(running.customdata[0]) == [700, note]
        flagged = fig.data[names.index(t("complaints.chart.flagged", lang))]
        assert len(flagged.x) == 0  # never flagged


def test_pareto_names_its_series_by_coloured_axis_titles_not_a_legend():
    # the legend wrapped over the chart's title in a half-width column on a tablet (screens, issue 10)
    frame = pd.DataFrame(
        {"category_group": ["price", "delivery"], "complaint_count": [5, 3], "cumulative_pct": [62.5, 100.0]}
    )
    fig = charts.pareto(frame, "zh")
    assert fig.layout.showlegend is False
    assert fig.layout.yaxis.title.font.color == fig.data[0].marker.color
    assert fig.layout.yaxis2.title.font.color == fig.data[1].line.color


def test_hover_texts_join_label_and_value_as_each_language_writes(con):
    """Every hover of the Complaints charts: "label: value" in English, "label：value" in Chinese (no
    half-width colon on a Chinese page)."""
    fx.load(con)
    run = kpi.runner(con, Scope.everything())
    figs = complaints.figures(run, fx.CURRENT, complaints.Targets(), as_of=fx.AS_OF)
    for lang, colon, other in (("en", ": ", "："), ("zh", "：", ": ")):
        built = [
            charts.pareto(figs.categories, lang),
            charts.channels(figs.channels, lang),
            charts.heat_map(figs.category_store, lang),
            charts.backlog(figs.backlog, "2026-08-31 00:00", lang),
        ]
        hovers = [tr.hovertemplate for fig in built for tr in fig.data if tr.hovertemplate]
        assert len(hovers) >= len(built)
        assert all(colon in h and other not in h for h in hovers), (lang, hovers)
