"""SERVQUAL charts: a gap resting on fewer than the low-confidence n is grey (never a pass or fail colour) and
says so; gaps are coloured by their sign; axes carry titles with units."""

import math

import numpy as np
import pandas as pd
import pytest

from portal import satisfaction
from portal.charts import PALETTE
from portal.i18n import t
from portal.satisfaction import charts
from tests.test_satisfaction_queries import run
from tests.test_satisfaction_servqual import CFG, PERIOD, load_servqual_fixture


def _heatmaps(fig):
    return [tr for tr in fig.data if tr.type == "heatmap"]


def _legend_names(fig):
    return [tr.name for tr in fig.data if tr.showlegend]


@pytest.fixture
def thin_con(con):
    """The SERVQUAL fixture (S001: respondents 1-50, S003: 51-100, 30 low-confidence n) with the tangibles
    answers (items 1-4) of respondents 51-80 removed: S003 tangibles then rests on 20 respondents (81-100,
    who all have P = E there, so gap 0.00); every other store x dimension cell on 50."""
    load_servqual_fixture(con)
    con.execute("delete from servqual_answers where response_id between 51 and 80 and item_no <= 4")
    return con


def test_store_heatmap_greys_low_n_cells(thin_con):
    [sq] = satisfaction.servqual_figures(run(thin_con), PERIOD, CFG)
    cell = sq.by_store.set_index(["store_code", "dimension_code"])
    assert cell.loc[("S003", "tangibles"), "responses_n"] == 20
    assert bool(cell.loc[("S003", "tangibles"), "cell_low_confidence"])
    assert not cell.loc[("S001", "tangibles"), "cell_low_confidence"]
    assert not cell.loc[("S003", "reliability"), "cell_low_confidence"]  # 50 respondents

    fig = charts.store_gap_heatmap(sq.by_store, "en", sq.low_confidence_n)
    coloured, grey = _heatmaps(fig)
    rows, cols = list(coloured.y), list(coloured.x)
    s003, tangibles = rows.index("S003 Store Three"), cols.index("Tangibles")
    # the low cell is left out of the colour scale and drawn by the grey layer, whose one colour is neutral
    assert math.isnan(coloured.z[s003][tangibles])
    assert grey.z[s003][tangibles] == 0.0
    assert {c for _, c in grey.colorscale} == {PALETTE["neutral"]} and grey.showscale is False
    # every other cell is coloured and not grey: S001 tangibles = -1.00 (all 50 respondents d = 1)
    s001 = rows.index("S001 Store One")
    assert coloured.z[s001][tangibles] == pytest.approx(-1.0)
    assert np.isnan(np.array(grey.z, dtype=float)).sum() == len(rows) * len(cols) - 1
    # the hover and the legend say why it is grey
    # a gap of zero shows unsigned ("0.00", not "+0.00" or "-0.00")
    assert list(grey.customdata[s003][tangibles]) == ["20", "0.00", " · low confidence (small sample)"]
    assert grey.customdata[s001][tangibles][2] == ""
    assert _legend_names(fig) == [t("sat.legend.low", "en", n=30)]
    # axis titles, and the colour bar with the unit of a gap
    assert fig.layout.xaxis.title.text == "Dimension"
    assert fig.layout.yaxis.title.text == "Store"
    assert coloured.colorbar.title.text == "Gap: perception − expectation (scale points)"


def test_store_heatmap_without_low_cells_has_no_grey_layer(con):
    load_servqual_fixture(con)  # every cell rests on 50 respondents
    [sq] = satisfaction.servqual_figures(run(con), PERIOD, CFG)
    fig = charts.store_gap_heatmap(sq.by_store, "zh", sq.low_confidence_n)
    assert len(_heatmaps(fig)) == 1 and _legend_names(fig) == []
    assert fig.layout.yaxis.title.text == "门店" and fig.layout.xaxis.title.text == "维度"


def _items(gaps, ns, low_n=30):
    return pd.DataFrame(
        {
            "item_no": range(1, len(gaps) + 1),
            "text_en": [f"Item {i}" for i in range(1, len(gaps) + 1)],
            "text_zh": [f"题项{i}" for i in range(1, len(gaps) + 1)],
            "gap": gaps,
            "answers_n": ns,
            "low_confidence": [n < low_n for n in ns],
        }
    )


def test_item_gaps_coloured_by_sign_and_grey_when_low_n():
    items = _items([-0.8, -0.2, 0.3, -1.5], [40, 30, 45, 12])
    fig = charts.item_gaps(items, "en", 30)
    bars = next(tr for tr in fig.data if tr.type == "bar")
    # -0.8 and -0.2 below expectation: red; +0.3 above: green; -1.5 on 12 answers: grey, not red
    assert list(bars.marker.color) == [PALETTE["bad"], PALETTE["bad"], PALETTE["good"], PALETTE["neutral"]]
    assert [c[1] for c in bars.customdata] == ["", "", "", " · low confidence (small sample)"]
    assert _legend_names(fig) == [
        "Perception below expectation (gap < 0)",
        "Perception meets or exceeds expectation (gap ≥ 0)",
        "Grey: n < 30, low confidence (small sample), not coloured",
    ]
    assert fig.layout.xaxis.title.text == "Gap (P − E), scale points"  # short: a half-width chart on a tablet
    assert fig.layout.yaxis.title.text == "Item"


def test_item_gaps_flag_from_the_figures(thin_con):
    [sq] = satisfaction.servqual_figures(run(thin_con), PERIOD, CFG)
    items = sq.items.set_index("item_no")
    # items 1-4 (tangibles): respondents 1-50 and 81-100 answer them = 70; the others 100
    assert items.loc[[1, 2, 3, 4], "answers_n"].tolist() == [70] * 4
    assert not items["low_confidence"].any()
    cfg = satisfaction.SatisfactionSettings(default_weights=CFG.default_weights, low_confidence_n=80)
    [strict] = satisfaction.servqual_figures(run(thin_con), PERIOD, cfg)
    flagged = strict.items.set_index("item_no")["low_confidence"]
    assert sorted(flagged[flagged].index) == [1, 2, 3, 4]
    assert strict.low_confidence_n == 80
    table = satisfaction.items_table(strict.items, "en")
    assert table.set_index("Item").loc[1, "Low confidence"]


def test_dimension_gaps_say_what_grey_means():
    dims = pd.DataFrame(
        {
            "dimension_name_en": ["Tangibles", "Reliability"],
            "dimension_name_zh": ["有形性", "可靠性"],
            "gap": [0.4, -0.6],
            "responses_n": [12, 50],
            "low_confidence": [True, False],
        }
    )
    fig = charts.dimension_gaps(dims, "zh", 30)
    bars = next(tr for tr in fig.data if tr.type == "bar")
    assert list(bars.marker.color) == [PALETTE["neutral"], PALETTE["bad"]]
    assert _legend_names(fig) == [t("sat.legend.gap_negative", "zh"), t("sat.legend.low", "zh", n=30)]
    assert fig.layout.yaxis.title.text == "维度"


def _trend_frame():
    # three months; September rests on n = 9 (band 60 .. 140 on the index: clipped to 100), November is
    # the month in progress
    return pd.DataFrame(
        {
            "period_start": pd.to_datetime(["2026-09-01", "2026-10-01", "2026-11-01"]),
            "index_points": [90.0, 80.0, 75.0],
            "index_lower": [60.0, 75.0, 50.0],
            "index_upper": [140.0, 85.0, 101.0],
            "nps": [50.0, -95.0, 10.0],
            "nps_lower": [20.0, -130.0, -40.0],
            "nps_upper": [80.0, -60.0, 60.0],
            "overall_n": [9, 120, 40],
            "recommend_n": [9, 120, 40],
            "low_confidence": [True, False, False],
            "nps_low_confidence": [True, False, False],
            "is_in_progress": [False, False, True],
        }
    )


def test_trend_band_clipped_to_the_scale_month_ticks_and_month_in_progress():
    fig = charts.trend(_trend_frame(), "index", None, "month", "en")
    upper, lower, line = fig.data[0], fig.data[1], fig.data[2]
    assert list(upper.y) == [100.0, 85.0, 100.0]  # 140 and 101 clipped to the index's 100
    assert list(lower.y) == [60.0, 75.0, 50.0]
    # one tick per month, at its point, named once
    assert list(fig.layout.xaxis.ticktext) == ["2026-09", "2026-10", "2026-11"]
    assert len(fig.layout.xaxis.tickvals) == 3
    # September (n = 9) hollow; November is not on the line but drawn apart, labelled "in progress"
    assert line.marker.symbol[0] == "circle-open" and pd.isna(line.y[2])
    running = fig.data[3]
    assert list(running.y) == [75.0] and running.text[0] == "in progress"
    nps = charts.trend(_trend_frame(), "nps", None, "month", "en")
    assert list(nps.data[1].y) == [20.0, -100.0, -40.0]  # -130 clipped to NPS's -100


def test_trend_hover_gives_each_interval_and_none_for_one_answer():
    # probe h5: at n = 1 the index has no interval (NaN bounds) and the hover said "95%: nan-nan"; it says "—"
    frame = _trend_frame().assign(
        index_lower=[np.nan, 75.0, 50.0], index_upper=[np.nan, 85.0, 101.0], overall_n=[1, 120, 40]
    )
    for lang in ("en", "zh"):
        line = charts.trend(frame, "index", None, "month", lang).data[2]
        assert [list(c[:2]) for c in line.customdata] == [[1, "—"], [120, "75.0–85.0"], [40, "50.0–100.0"]]
        assert "nan" not in str(line.customdata.tolist()) and "%{customdata[1]}" in line.hovertemplate


def test_in_progress_week_or_month():
    from datetime import date

    from portal.filters import Filters, in_progress  # one rule beside today_in, for satisfaction and 5S

    starts = pd.Series(pd.to_datetime(["2026-11-16", "2026-11-23", "2026-11-30"]))
    running = Filters(start=date(2026, 9, 1), end=date(2026, 11, 30))
    # today Monday 11-30: the week of 11-30 is under way; the week of 11-23 is over
    assert in_progress(starts, "week", running, date(2026, 11, 30)).tolist() == [False, False, True]
    over = Filters(start=date(2026, 9, 1), end=date(2026, 11, 29))
    assert not in_progress(starts, "week", over, date(2026, 11, 30)).any()  # the period is over
    months = pd.Series(pd.to_datetime(["2026-10-01", "2026-11-01"]))
    assert in_progress(months, "month", running, date(2026, 11, 30)).tolist() == [False, True]


def test_hover_texts_join_label_and_value_as_each_language_writes():
    """The trend's confidence interval, and the gap bars: "label: value" in English, "label：value" in
    Chinese."""
    for lang, colon, other in (("en", ": ", "："), ("zh", "：", ": ")):
        built = [charts.trend(_trend_frame(), "index", None, "month", lang)]
        built.append(charts.item_gaps(_items([-0.8, 0.3], [40, 12]), lang, 30))
        hovers = [tr.hovertemplate for fig in built for tr in fig.data if tr.hovertemplate]
        assert len(hovers) >= 2
        assert all(colon in h and other not in h for h in hovers), (lang, hovers)


@pytest.mark.parametrize("target, side", [(76.0, "bottom"), (74.0, "top"), (None, "top")])
def test_the_in_progress_label_keeps_off_the_target_line(target, side):
    """The reviewer's chart (Chinese): the period in progress just under the target, its 「进行中」 above the point
    sat on the target's line and its label. The words go on the side of the point away from the target."""
    fig = charts.trend(_trend_frame(), "index", target, "month", "zh")
    running = fig.data[3]  # November, 75.0
    assert running.text[0] == "进行中"
    assert [p.split()[0] for p in np.atleast_1d(running.textposition)] == [side]
    if target is not None:
        assert [a.text for a in fig.layout.annotations] == [f"{t('common.target', 'zh')} {target:g}"]
