"""How the Satisfaction page shows its figures: signed zeros, targets with their unit, fixed decimals and whole
counts in the SERVQUAL tables, chart labels inside the plot, numeric dates on the trend."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from portal import kpi, satisfaction, stats
from portal.i18n import t
from portal.satisfaction import charts
from tests.test_satisfaction_queries import run
from tests.test_satisfaction_servqual import CFG, PERIOD, load_servqual_fixture

SIGNIFICANT = stats.TestResult(3.0, 0.001)


def tile(key, value, previous, target=None, test=SIGNIFICANT, low=False):
    # n = 100 on both sides; low: a low-confidence threshold above that n
    return satisfaction.tile_figure(key, value, 100, previous, 100, test, target, 101 if low else 30)


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [(-0.004, 2, "0.00"), (0.004, 2, "0.00"), (-0.65, 2, "-0.65"), (0.3, 1, "+0.3"), (-0.3, 0, "0")],
)
def test_signed_never_shows_a_signed_zero(value, digits, text):
    assert kpi.signed(value, digits) == text


def test_a_change_that_rounds_to_zero_is_grey_without_arrow_even_when_significant():
    # 72.46 - 72.5 = -0.04 -> "0.0" at one decimal
    flat = tile("index", 72.46, 72.5)
    assert kpi.format_change(flat, "en") == "0.0"
    assert kpi.delta_style(flat)[0] == "off" and kpi.delta_style(flat)[1] == "off"
    # CSAT 80.02 % vs 80.0 %: +0.02 pp -> "0.0 pp"
    assert kpi.format_change(tile("csat", 80.02, 80.0), "zh") == "0.0 个百分点"
    rising = tile("index", 75.0, 72.5)
    assert kpi.format_change(rising, "en") == "+2.5"
    assert kpi.delta_style(rising)[0] == "normal" and kpi.delta_style(rising)[1] == "auto"
    assert kpi.format_change(tile("responses", 120, 120), "en") == "0"


def test_targets_carry_their_unit_in_the_one_status_vocabulary_and_colour():
    # CSAT 80 % on n = 100 below its 85 % target: red with its cross, as the complaint tiles say it
    csat = tile("csat", 80.0, 78.0, target=85.0)
    assert satisfaction.status_line(csat, "en") == ("✗ misses target (target ≥ 85%)", "red")
    assert satisfaction.status_line(csat, "zh") == ("✗ 未达标 (目标 ≥ 85%)", "red")
    assert satisfaction.status_line(tile("index", 86.0, 80.0, 85.0), "en") == (
        "✓ meets target (target ≥ 85)",
        "green",
    )
    assert (
        satisfaction.status_line(tile("nps", 20.0, 10.0, 30.0), "en")[0] == "✗ misses target (target ≥ +30)"
    )
    # the tile draws it as its second caption line, coloured (the first: n and the test, uncoloured)
    index = tile("index", 86.0, 80.0, 85.0)
    responses = tile("responses", 100.0, 100.0, None)
    texts = satisfaction.tile_texts(satisfaction.SatisfactionTiles(index, csat, index, responses), "en")[1]
    assert texts.captions[1] == ("✗ misses target (target ≥ 85%)", "red")
    assert texts.captions[0][1] is None
    assert len(texts.captions) == 2  # every response answered overall satisfaction: no left-out line
    # 100 responses, the index rests on 90: 10 without overall satisfaction, said under the index
    index90 = satisfaction.tile_figure("index", 86.0, 90, 80.0, 90, SIGNIFICANT, 85.0, 30)
    first = satisfaction.tile_texts(satisfaction.SatisfactionTiles(index90, csat, index90, responses), "en")[
        0
    ]
    assert first.captions[-1] == (t("sat.tile.no_overall", "en", n=10), None)
    assert t("sat.tile.vs_previous", "zh") == "较上一周期"


def test_servqual_tables_have_fixed_decimals_and_whole_counts(con):
    load_servqual_fixture(con)
    [sq] = satisfaction.servqual_figures(run(con), PERIOD, CFG)
    views = {v.name: v for v in satisfaction.servqual_views(sq, "en")}
    dims = views["dimensions"]
    # n (answers) is a sum in SQL (a float there): whole numbers here, 400 answers = 100 respondents x 4 items
    assert str(dims.table["n (answers)"].dtype) == "Int64"
    assert dims.table.set_index("Dimension").loc["Tangibles", "n (answers)"] == 400
    assert dims.formats == {
        "Mean expectation": "%.2f",
        "Mean perception": "%.2f",
        "Gap (P − E)": "%.2f",
        "n (responses)": "%,d",
        "n (answers)": "%,d",
        "Importance weight": "%.1f",
    }
    stores = views["stores"]
    assert stores.formats["Gap: Tangibles"] == "%.2f" and stores.formats["n (responses)"] == "%,d"
    assert stores.formats["Weighted score"] == "%.2f" and "Low confidence" not in stores.formats
    assert "Item" not in views["items"].formats  # the item number is a label, not a count


def _dims(gaps, ns):
    return pd.DataFrame(
        {
            "dimension_name_en": [f"D{i}" for i in range(len(gaps))],
            "dimension_name_zh": [f"维度{i}" for i in range(len(gaps))],
            "gap": gaps,
            "responses_n": ns,
            "low_confidence": [False] * len(gaps),
        }
    )


def test_gap_labels_stay_inside_the_plot_beside_the_zero_line():
    fig = charts.dimension_gaps(_dims([-1.10, -0.65, 0.40], [50, 1234, 50]), "zh", 30)
    labels = next(tr for tr in fig.data if tr.type == "scatter" and tr.mode == "text")
    assert list(labels.text) == ["-1.10 (n = 50)", "-0.65 (n = 1,234)", "+0.40 (n = 50)"]
    # a negative bar leaves the right of zero free, a positive one the left
    assert list(labels.textposition) == ["middle right", "middle right", "middle left"]
    # span 1.5; left max(1.10, 0.6 x 1.5 = 0.9) = 1.10, right max(0.40, 0.9) = 0.9; 3 % of 1.5 = 0.045 each side
    assert list(fig.layout.xaxis.range) == pytest.approx([-1.145, 0.945])
    # each label starts 1.5 % of the axis (2.09 x 0.015 = 0.03135) away from the zero line
    assert list(labels.x) == pytest.approx([0.03135, 0.03135, -0.03135])
    bars = next(tr for tr in fig.data if tr.type == "bar")
    assert bars.text is None  # no text at the bar ends, where it ran into the axis labels


def test_driver_labels_stand_right_of_the_error_bars():
    drivers = pd.DataFrame(
        {
            "dimension_name_en": ["Reliability", "Empathy"],
            "dimension_name_zh": ["可靠性", "移情性"],
            "correlation": [0.5, 0.3],
            "correlation_lower": [0.2, -0.05],
            "correlation_upper": [0.7, 0.55],
            "responses_n": [80, 1200],
            "low_confidence": [False, False],
        }
    )
    fig = charts.drivers(drivers, "en")
    bars = next(tr for tr in fig.data if tr.type == "bar")
    labels = next(tr for tr in fig.data if tr.type == "scatter")
    assert bars.text is None
    assert list(labels.text) == ["r = 0.50 (n = 80)", "r = 0.30 (n = 1,200)"]
    # axis from min(-0.1, -0.05) = -0.1: span 1.1; each label at its upper end + 0.022
    assert list(labels.x) == pytest.approx([0.722, 0.572])
    # right edge: largest upper end 0.7 + half the span 0.55 = 1.25; ticks only up to a correlation of 1
    assert list(fig.layout.xaxis.range) == pytest.approx([-0.1, 1.25])
    assert list(fig.layout.xaxis.tickvals) == pytest.approx([0.0, 0.2, 0.4, 0.6, 0.8, 1.0])


def test_expectation_perception_axis_has_room_for_the_end_markers():
    dims = _dims([-1.0, -0.65], [50, 50]).assign(mean_expectation=[6.0, 7.0], mean_perception=[4.9, 6.35])
    fig = charts.expectation_perception(dims, "en")
    # values 4.9..7.0 (span 2.1): pad max(0.315, 0.25) = 0.315 -> 4.585; the top capped at 7 + 0.25
    assert list(fig.layout.xaxis.range) == pytest.approx([4.585, 7.25])


@pytest.mark.parametrize(("grain", "fmt"), [("week", "%Y-%m-%d"), ("month", "%Y-%m")])
def test_trend_dates_are_numeric(grain, fmt):
    df = pd.DataFrame(
        {
            "period_start": pd.to_datetime(["2026-07-06", "2026-08-03"]),
            "index_points": [70.0, 72.0],
            "index_lower": [65.0, 67.0],
            "index_upper": [75.0, 77.0],
            "low_confidence": [False, True],
            "overall_n": [40, 12],
        }
    )
    fig = charts.trend(df, "index", 85.0, grain, "zh")
    assert fig.layout.xaxis.tickformat == fmt and fig.layout.xaxis.hoverformat == fmt


def test_a_change_on_fewer_answers_than_the_minimum_is_not_called_significant():
    # NPS 100 on 4 answers against -14.3 on 7: "significant change (p = 0.000)" beside "low confidence"
    from portal import stats
    from portal.satisfaction import display as sat_display
    from portal.satisfaction.figures import tile_figure

    test = stats.nps_z_test(4, 0, 4, 2, 3, 7)
    assert test.significant  # the test alone says so
    fig = tile_figure("nps", 100.0, 4, -14.3, 7, test, 0.0, 30)
    assert fig.significant is False and fig.p_value is None
    assert "not tested" in sat_display.tile_caption(fig, "en")
    enough = tile_figure("nps", 100.0, 40, -14.3, 70, stats.nps_z_test(40, 0, 40, 20, 30, 70), 0.0, 30)
    assert enough.significant and enough.p_value is not None


def test_the_servqual_score_tiles_show_their_n_and_low_confidence():
    # the two SERVQUAL scores showed no n and no mark on 24 responses (consistency probe)
    from types import SimpleNamespace

    from portal.satisfaction import display as sat_display

    s = SimpleNamespace(
        responses_n=24, low_confidence_n=30, scores=SimpleNamespace(unweighted=-0.61, weighted=-0.55)
    )
    tiles = sat_display.score_tiles(s, "en")
    assert [v for _, v, _ in tiles] == ["-0.61", "-0.55"]
    assert tiles[0][2] == "n = 24 responses · low confidence (n < 30)"
    assert (
        sat_display.score_tiles(SimpleNamespace(**{**vars(s), "responses_n": 300}), "zh")[0][2]
        == "n = 300 份答卷"
    )


def test_a_figure_without_data_says_why_on_its_tile_in_the_json_and_in_the_text():
    # a period whose responses answered overall satisfaction only: NPS printed "- (n = 0)" and JSON "value": null
    # with no reason, the tile "no data" over "n = 0" alone (the complaint figures give the reason)
    index = satisfaction.tile_figure("index", 50.0, 2, None, 0, None, 85.0, 30)
    csat = satisfaction.tile_figure("csat", 50.0, 2, None, 0, None, 85.0, 30)
    nps = satisfaction.tile_figure("nps", None, 0, None, 0, None, 30.0, 30)
    responses = satisfaction.tile_figure("responses", 2.0, 2, 0.0, 0, None, None, 30)
    tiles = satisfaction.SatisfactionTiles(index, csat, nps, responses)
    reason = t(kpi.NONE_IN_PERIOD, "en")
    assert reason == "nothing to count in this period and selection (n = 0)"
    assert satisfaction.tile_texts(tiles, "en")[2].captions[-1] == (f"no data: {reason}", None)
    assert satisfaction.tile_texts(tiles, "zh")[2].captions[-1] == (
        f"无数据：{t(kpi.NONE_IN_PERIOD, 'zh')}",
        None,
    )
    assert not any("no data" in c for c, _ in satisfaction.tile_texts(tiles, "en")[0].captions)
    figs = satisfaction.SatisfactionFigures(PERIOD, CFG, tiles, pd.DataFrame())
    out = satisfaction.to_json(figs)
    assert (out["nps"]["value"], out["nps"]["no_data_reason"]) == (None, reason)
    assert out["index"]["no_data_reason"] is None
    assert f"NPS: no data: {reason}" in satisfaction.text_summary(out).splitlines()


def test_the_comments_table_names_each_store_as_the_other_tables_do():
    """The latest comments' store column showed the code alone ("S001") while the query reads the store's name in
    the reader's language and every other table of the portal shows "S001 北京王府井店"."""
    latest = pd.DataFrame(
        {
            "responded_on": [pd.Timestamp("2026-11-30"), pd.Timestamp("2026-11-29")],
            "store_code": ["S001", "S002"],
            "store_name": ["北京王府井店", None],  # a name the query could not find: the code alone
            "overall_satisfaction": [2, 5],
            "recommend_score": [1, 10],
            "comment": ["送货晚了两天", "很好"],
            "complaint_source_id": [None, None],
            "complaint_status": [None, None],
            "source_response_id": ["R-1", "R-2"],
        }
    )
    shown = satisfaction.comments_table(latest, "zh")
    assert shown[t("sat.col.store", "zh")].tolist() == ["S001 北京王府井店", "S002"]
    assert satisfaction.comments_csv(latest, "zh")[t("sat.col.store", "zh")].tolist() == [
        "S001 北京王府井店",
        "S002",
    ]


def test_the_per_store_table_is_as_wide_as_its_longest_store_label():
    # probe (tablet, zh): 按门店's table cut "S010 石家庄中山路店" to "S010 石家庄中山路" in a column sized by the
    # first rows' four-character names; the column is now as wide as its longest label
    from portal.ui_satisfaction import view_column_config

    labels = ["S001 北京王府井店", "S002 北京西单店", "S010 石家庄中山路店"]
    table = pd.DataFrame({"门店": labels, "n(答卷)": [11, 6, 5], "差距：有形性": [-0.16, -0.17, 0.0]})
    view = satisfaction.View("stores", "按门店", table, formats={"差距：有形性": "%.2f"})
    config = view_column_config(view, {})
    # "S010 " five narrow characters at 7.5 px, 石家庄中山路店 seven wide ones at 14 px, 24 px of padding
    assert config["门店"]["width"] == int(24 + 5 * 7.5 + 7 * 14) == 159
    assert config["差距：有形性"]["type_config"]["format"] == "%.2f"
    # the dimensions' view keeps Streamlit's own widths
    assert "维度" not in view_column_config(
        satisfaction.View("dimensions", "维度", table.rename(columns={"门店": "维度"})), {}
    )


def test_a_low_confidence_tile_names_its_target_without_judging_it():
    """SPEC §3: the satisfaction index's target is 85. A tile on fewer responses than the low-confidence n said only
    "◌ low confidence (n < 30)": the Satisfaction page named no target, where the Overview's and the store view's
    tiles did (a helper's audit, session 55)."""
    from portal.satisfaction import display as sat_display
    from portal.satisfaction.figures import tile_figure

    few = tile_figure("index", 68.3, 15, None, 0, None, 85.0, 30)
    assert few.status == "low_confidence"
    assert sat_display.status_line(few, "en") == ("◌ low confidence (n < 30) · target ≥ 85", "gray")
    assert sat_display.status_line(few, "zh")[0].endswith("· 目标 ≥ 85")
    # judged on enough responses, as before: the target in brackets
    many = tile_figure("index", 68.3, 40, None, 0, None, 85.0, 30)
    assert sat_display.status_line(many, "en")[0] == "✗ misses target (target ≥ 85)"


def test_the_strongest_driver_is_a_dimension_whose_perception_rises_with_satisfaction_and_says_when_unclear():
    """SPEC §3: drivers, the dimension whose perception moves most with overall satisfaction. A helper's audit
    (session 55): on 5 responses the page named Empathy (r = 0.14) the "strongest driver", unqualified."""
    from portal.satisfaction import display as sat_display

    def drivers(rs, n):
        lo, hi = stats.correlation_ci(np.array(rs, dtype=float), np.full(len(rs), float(n)))
        return pd.DataFrame(
            {
                "dimension_code": ["tangibles", "assurance", "empathy"][: len(rs)],
                "dimension_name_en": ["Tangibles", "Assurance", "Empathy"][: len(rs)],
                "dimension_name_zh": ["有形性", "保证性", "移情性"][: len(rs)],
                "correlation": rs,
                "responses_n": [n] * len(rs),
                "correlation_lower": lo,
                "correlation_upper": hi,
            }
        )

    # r = 0.14 on 5: its interval reaches far below 0; Assurance's -0.80 falls as satisfaction rises: no driver
    few = drivers([float("nan"), -0.80, 0.14], 5)
    assert sat_display.driver_note(few, "en") == (
        "Strongest driver: Empathy (r = 0.14, n = 5). Not a clear driver yet: its r's 95% interval reaches 0, so "
        "these responses cannot tell it from none."
    )
    # on 200 responses r = 0.45 is clear (Fisher z interval about 0.33-0.55)
    many = drivers([0.20, 0.45, 0.10], 200)
    assert sat_display.driver_note(many, "en") == "Strongest driver: Assurance (r = 0.45, n = 200)."
    assert sat_display.driver_note(many, "zh") == "最强驱动因素：保证性(r = 0.45，n = 200)。"
    # every r at or below 0: none named
    falling = drivers([-0.3, -0.1, 0.0], 40)
    assert sat_display.driver_note(falling, "en") == (
        "No dimension's perception rises with overall satisfaction in these responses (n = 40): no driver to name."
    )
    assert sat_display.driver_note(drivers([float("nan")], 2), "en").startswith("Too few responses")
