"""The shared chart layout (portal/charts.py): multi-series charts whose lines all look different, and a
legend that keeps clear of the x axis's title."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from portal import charts
from portal.scorecards import charts as scorecard_charts
from portal.scorecards.periods import Period
from portal.scorecards.types import TeamPoint


def _look(trace) -> tuple:
    return trace.line.color, trace.line.dash or "solid", trace.marker.symbol or "circle"


def test_every_series_style_differs_up_to_forty():
    looks = [
        (s["line"]["color"], s["line"]["dash"], s["marker"]["symbol"])
        for s in (charts.series_style(i) for i in range(40))
    ]
    assert len(set(looks)) == 40
    assert len({c for c, _, _ in looks[:10]}) == 10  # the first ten: ten colours


def test_ten_teams_on_the_team_trend_are_ten_different_lines():
    """The reviewer's chart: ten teams over six colours (T01 and T07 looked the same)."""
    periods = [Period(date(2026, m, 1), "month") for m in range(6, 12)]
    points = [
        TeamPoint(i, f"T{i:02d}", p, 50.0 + i, ranked_n=3, agents_n=4) for i in range(1, 11) for p in periods
    ]
    fig = scorecard_charts.team_trend(points, periods, "en")
    assert len(fig.data) == 10
    assert len({tr.line.color for tr in fig.data}) == 10
    assert len({_look(tr) for tr in fig.data}) == 10


def test_the_legend_sits_at_the_bottom_of_the_figure_not_over_the_axis_title():
    """At y = -0.2 of the plot a legend that wrapped onto a second row grew into the x axis's title
    ("各指标得分(近六期)"); it is now anchored to the bottom of the figure, plotly growing the margin for it."""
    fig = charts.base_layout(go.Figure(), "各指标得分(近六期)", "期间", "得分(0-100)")
    legend = fig.layout.legend
    assert (legend.yref, legend.yanchor, legend.y, legend.orientation) == ("container", "bottom", 0, "h")


def test_the_complaint_charts_legend_is_above_the_plot_area_inside_the_figure():
    # base_layout's legend is anchored to the container (bottom of the figure); the complaint charts move it on
    # top, and merged into it y = 1 meant the top of the figure, where it was cut off (a tablet reviewer: no key
    # to the backlog's severity colours or the control chart's lines)
    import plotly.graph_objects as go

    from portal.complaints import charts as complaint_charts

    fig = complaint_charts._layout(go.Figure(), "title", "x", "y")
    assert (fig.layout.legend.yref, fig.layout.legend.y, fig.layout.legend.yanchor) == (
        "paper",
        1.0,
        "bottom",
    )


def test_the_row_counts_log_axis_ticks_only_at_powers_of_ten():
    # fresh-install probe: an inspector's few rows gave ticks "0 0 0 0 0 1 1 1 1 1 2 3 … 10"
    status = pd.DataFrame({"kind": ["stores", "inspections"], "row_count": [2, 9]})
    fig = charts.row_counts(status, "en")
    assert fig.layout.xaxis.type == "log" and fig.layout.xaxis.dtick == 1


def test_plotly_speaks_chinese_on_a_chinese_page():
    """On a Chinese page the modebar's tooltips said "Download plot as a PNG", "Zoom", "Pan", "Autoscale",
    "Reset axes" (a browser probe): plotly.js looks them up in the chart's config.locales by their English."""
    from portal.charts import plotly_config

    assert plotly_config("en") == {"displaylogo": False}
    config = plotly_config("zh")
    assert config["displaylogo"] is False and config["locale"] == "zh-CN"
    words = config["locales"]["zh-CN"]["dictionary"]
    assert words["Download plot as a PNG"] == "下载图表(PNG)"
    assert (words["Zoom"], words["Pan"], words["Autoscale"], words["Reset axes"]) == (
        "缩放",
        "平移",
        "自动缩放",
        "重置坐标轴",
    )


def _insufficient_card(period: Period):
    """An agent's period in which no metric has enough data: every score None, every weighted metric left out."""
    from portal.scorecards.types import AgentCard, MetricResult
    from portal.vocab import SCORECARD_METRICS

    weights = dict(zip(SCORECARD_METRICS, (30.0, 20.0, 20.0, 30.0, 0.0, 0.0), strict=True))
    metrics = tuple(
        MetricResult(code, None, 0, None, None, w, 0.0, 0.0, 100.0, 5, left_out=w > 0)
        for code, w in weights.items()
    )
    return AgentCard.of(
        agent_id=1,
        agent_code="A001",
        agent_name="Agent One",
        team_id=1,
        team_code="T1",
        team_name="Team 1",
        period=period,
        version=1,
        version_from=date(2026, 1, 1),
        metrics=metrics,
        composite=None,
        weight_share=0.0,
        rank=None,
        ranked_n=0,
        percentile=None,
        previous_composite=None,
        previous_card=False,
        open_disputes=0,
        in_progress=False,
        sla_hours=24.0,
        days_in_scope=None,
        previous_part=False,
    )


def _annotations(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def test_trends_with_no_scored_period_say_the_data_is_insufficient():
    """Sparse-data probe: with no agent ranked the team trend drew T1 and T2 with six empty values each, and the
    metric trend four empty lines, neither saying why (only the composite trend had the note)."""
    periods = [Period(date(2026, m, 1), "month") for m in range(6, 12)]
    points = [TeamPoint(i, f"T{i}", p, None, ranked_n=0, agents_n=2) for i in (1, 2) for p in periods]
    for lang, words in (("en", "insufficient data"), ("zh", "数据不足")):
        team = scorecard_charts.team_trend(points, periods, lang)
        assert len(team.data) == 2 and _annotations(team) == [words]
        cards = [_insufficient_card(p) for p in periods]
        metric = scorecard_charts.metric_trend(cards, lang)
        assert len(metric.data) == 4 and _annotations(metric) == [words]
    # one team with a mean in one period: a line to read, no note
    points[3] = TeamPoint(1, "T1", periods[3], 71.5, ranked_n=1, agents_n=2)
    assert _annotations(scorecard_charts.team_trend(points, periods, "en")) == []


def test_a_figure_without_a_point_to_draw_is_told_apart():
    # a helper's probe (session 54): the Pareto of a day without complaints was drawn as empty axes (-1 to 1)
    import numpy as np

    def points(fig) -> bool:
        return charts.has_points(fig.to_dict())

    assert not points(go.Figure())
    assert not points(go.Figure(go.Bar(x=[], y=[])))  # a Pareto of no category
    assert not points(
        go.Figure(go.Scatter(x=np.array(["2026-12-01"]), y=np.array([np.nan])))
    )  # a week of no value
    assert not points(go.Figure(go.Heatmap(z=[[None, None]], x=["a", "b"], y=["c"])))
    assert points(go.Figure(go.Scatter(x=np.array(["2026-12-01"]), y=np.array([0.0]))))  # a 0 is a point
    assert points(go.Figure(go.Bar(x=np.array([0, 2]), y=["a", "b"], orientation="h")))
    assert points(go.Figure(go.Heatmap(z=np.array([[0, 1]]), x=["a", "b"], y=["c"])))
    # a radar (the 5S sections): its r
    assert points(go.Figure(go.Scatterpolar(r=[80, 60], theta=["Sort", "Shine"])))
    assert not points(go.Figure(go.Scatterpolar(r=[None, None], theta=["Sort", "Shine"])))
    # one empty series beside one with points: drawn
    assert points(go.Figure([go.Scatter(x=[], y=[]), go.Scatter(x=[1], y=[2])]))
