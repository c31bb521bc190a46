"""Charts: a DataFrame in, a plotly figure out, always with a title, units and readable axes."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from portal.i18n import t

PALETTE = {"primary": "#1f6feb", "good": "#2da44e", "bad": "#cf222e", "neutral": "#8c959f", "warn": "#bf8700"}


def base_layout(
    fig: go.Figure, title: str, x_title: str | None = None, y_title: str | None = None
) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        height=360,
        hovermode="x unified",
        legend={"orientation": "h", "y": -0.2},
        template="plotly_white",
    )
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig


def row_counts(status: pd.DataFrame, lang: str) -> go.Figure:
    """Horizontal bars: rows per kind of data (Data status page)."""
    labels = [t(f"status.kind.{k}", lang) for k in status["kind"]]
    fig = go.Figure(
        go.Bar(
            x=status["row_count"],
            y=labels,
            orientation="h",
            marker_color=PALETTE["primary"],
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(hovermode="closest")
    return base_layout(fig, t("status.chart_title", lang), t("status.rows", lang), None)
