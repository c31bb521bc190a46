"""Scorecard charts: the card's composite and metric-score trends, the team trend (plotly, titled, 0-100 axes)."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from portal.charts import PALETTE, base_layout, empty_note, hover, series_style
from portal.i18n import t
from portal.rounding import half_up
from portal.scorecards.display import metric_label
from portal.scorecards.figures import AgentCard, TeamPoint
from portal.scorecards.periods import Period
from portal.vocab import SCORECARD_METRICS

_METRIC_COLOURS = ("#1f6feb", "#2da44e", "#bf8700", "#8250df", "#cf222e", "#57606a")


def _shown(value: float | None) -> float | None:
    """A composite as the hover shows it (``%{y:.1f}``)."""
    return half_up(value, 1)


def _score_axis(fig: go.Figure) -> None:
    fig.update_yaxes(range=[0, 105], dtick=20)
    fig.update_xaxes(type="category")


def composite_trend(cards: Sequence[AgentCard], team: Sequence[TeamPoint], lang: str) -> go.Figure:
    """The agent's composite over the trend's periods, beside the team mean where ``team`` has one (a card opened
    alone has none where fewer than three agents are ranked: figures.TEAM_MEAN_MIN_RANKED); ``team``: a point per
    period, of the team the agent was in then (figures.card_team_points), its code in the hover; gaps where data was
    insufficient. The browser gets the values as shown (0.1): the figure's JSON holds no more than the hover."""
    fig = go.Figure()
    labels = [c.period.label for c in cards]
    fig.add_scatter(
        x=labels,
        y=[_shown(c.composite) for c in cards],
        mode="lines+markers",
        name=t("scorecards.tile.composite", lang),
        line={"color": PALETTE["primary"], "width": 3},
        hovertemplate=hover("%{x}", "%{y:.1f}", lang),
    )
    mean_by_period = {p.period.label: p.mean_composite for p in team if p.mean_composite is not None}
    team_by_period = {p.period.label: p.team_code or "—" for p in team}
    if any(x in mean_by_period for x in labels):
        fig.add_scatter(
            x=labels,
            y=[_shown(mean_by_period.get(x)) for x in labels],
            customdata=[team_by_period.get(x, "") for x in labels],  # the team of that period (after a move)
            mode="lines",
            name=t("scorecards.trend.team_mean", lang),
            line={"color": PALETTE["neutral"], "dash": "dot"},
            hovertemplate=hover("%{customdata} %{x}", "%{y:.1f}", lang),
        )
    if all(c.composite is None for c in cards):
        empty_note(fig, t("scorecards.insufficient", lang))
    _score_axis(fig)
    return base_layout(
        fig,
        t("scorecards.trend.composite", lang),
        t("scorecards.axis.period", lang),
        t("scorecards.axis.score", lang),
    )


def metric_trend(cards: Sequence[AgentCard], lang: str) -> go.Figure:
    """Each weighted metric's score over the trend's periods (a metric left out in a period has a gap); with no
    score in any period the chart says the data is insufficient (four empty lines said nothing)."""
    fig = go.Figure()
    labels = [c.period.label for c in cards]
    scored = False
    for colour, code in zip(_METRIC_COLOURS, SCORECARD_METRICS, strict=True):
        if not any(c.metric(code).weight > 0 for c in cards):
            continue
        ys = [None if c.metric(code).left_out else c.metric(code).score for c in cards]
        scored = scored or any(y is not None for y in ys)
        ns = [c.metric(code).n for c in cards]
        fig.add_scatter(
            x=labels,
            y=ys,
            customdata=ns,
            mode="lines+markers",
            name=metric_label(code, lang, cards[-1].sla_hours if cards else 24.0),
            line={"color": colour},
            hovertemplate=hover("%{x}", "%{y:.1f} (n %{customdata})", lang),
        )
    if not scored:
        empty_note(fig, t("scorecards.insufficient", lang))
    _score_axis(fig)
    return base_layout(
        fig,
        t("scorecards.trend.metric_scores", lang),
        t("scorecards.axis.period", lang),
        t("scorecards.axis.score", lang),
    )


def team_trend(points: Sequence[TeamPoint], periods: Sequence[Period], lang: str) -> go.Figure:
    """Each team's mean composite per period (ranked agents only; the hover gives how many); with no agent ranked
    in any period (every mean None: the teams' lines drawn empty) the chart says the data is insufficient."""
    fig = go.Figure()
    labels = [p.label for p in periods]
    teams: dict[str, list[TeamPoint]] = {}
    for p in points:
        teams.setdefault(p.team_code or "—", []).append(p)
    for i, (code, pts) in enumerate(sorted(teams.items())):
        by = {p.period.label: p for p in pts}
        fig.add_scatter(
            x=labels,
            y=[by[x].mean_composite if x in by else None for x in labels],
            customdata=[(by[x].ranked_n if x in by else 0) for x in labels],
            mode="lines+markers",
            name=code,
            **series_style(i),  # ten teams had six colours: each its own colour, dash or marker
            hovertemplate=hover(code + " %{x}", "%{y:.1f} (n %{customdata})", lang),
        )
    if all(p.mean_composite is None for p in points):
        empty_note(fig, t("scorecards.insufficient", lang))
    _score_axis(fig)
    return base_layout(
        fig,
        t("scorecards.trend.team", lang),
        t("scorecards.axis.period", lang),
        t("scorecards.axis.score", lang),
    )
