"""Satisfaction charts: trend with 95% band and target, SERVQUAL E vs P, gaps, store heat map, items, drivers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from portal.charts import PALETTE, base_layout
from portal.i18n import t

# metric -> (value column, lower, upper, low-confidence column, i18n title key, unit key)
TREND_METRICS = {
    "index": ("index_points", "index_lower", "index_upper", "low_confidence", "sat.metric.index"),
    "csat": ("csat_pct", "csat_lower", "csat_upper", "low_confidence", "sat.metric.csat"),
    "nps": ("nps", "nps_lower", "nps_upper", "nps_low_confidence", "sat.metric.nps"),
}


def _dim_names(df: pd.DataFrame, lang: str) -> list[str]:
    return list(df["dimension_name_zh" if lang == "zh" else "dimension_name_en"])


def trend(df: pd.DataFrame, metric: str, target: float | None, grain: str, lang: str) -> go.Figure:
    """The metric per week or month, its 95% confidence band, the target line; low-n points hollow."""
    value, lower, upper, low_col, title_key = TREND_METRICS[metric]
    fig = go.Figure()
    x = df["period_start"]
    fig.add_trace(
        go.Scatter(x=x, y=df[upper], mode="lines", line={"width": 0}, hoverinfo="skip", showlegend=False)
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=df[lower],
            mode="lines",
            line={"width": 0},
            fill="tonexty",
            fillcolor="rgba(31,111,235,0.15)",
            name=t("sat.chart.ci95", lang),
            hoverinfo="skip",
        )
    )
    n_col = "recommend_n" if metric == "nps" else "overall_n"
    low = df[low_col].to_numpy(bool)
    fig.add_trace(
        go.Scatter(
            x=x,
            y=df[value],
            mode="lines+markers",
            name=t(title_key, lang),
            line={"color": PALETTE["primary"]},
            marker={
                "size": np.where(low, 10, 7),
                "symbol": np.where(low, "circle-open", "circle"),
                "color": np.where(low, PALETTE["neutral"], PALETTE["primary"]).tolist(),
            },
            customdata=np.stack(
                [
                    df[n_col].to_numpy(),
                    df[lower].to_numpy(),
                    df[upper].to_numpy(),
                    np.where(low, t("common.low_confidence", lang), ""),
                ],
                axis=-1,
            ),
            hovertemplate="%{y:.1f} (95%: %{customdata[1]:.1f}–%{customdata[2]:.1f}), n = %{customdata[0]} "
            "%{customdata[3]}<extra></extra>",
        )
    )
    if target is not None:
        fig.add_hline(
            y=target,
            line={"dash": "dash", "color": PALETTE["warn"]},
            annotation_text=f"{t('common.target', lang)} {target:g}",
            annotation_position="top left",
        )
    return base_layout(
        fig,
        t("sat.chart.trend", lang, metric=t(title_key, lang)),
        t(f"common.{grain}", lang),
        t(f"sat.unit.{metric}", lang),
    )


def expectation_perception(dims: pd.DataFrame, lang: str) -> go.Figure:
    """Dumbbell: per dimension the mean expectation and mean perception (1-7) joined by a line."""
    names = _dim_names(dims, lang)
    fig = go.Figure()
    for name, e, p in zip(names, dims["mean_expectation"], dims["mean_perception"], strict=True):
        fig.add_trace(
            go.Scatter(
                x=[e, p],
                y=[name, name],
                mode="lines",
                line={"color": PALETTE["neutral"]},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    custom = dims["responses_n"].to_numpy()
    fig.add_trace(
        go.Scatter(
            x=dims["mean_expectation"],
            y=names,
            mode="markers",
            name=t("sat.expectation", lang),
            marker={"size": 12, "color": PALETTE["neutral"], "symbol": "diamond"},
            customdata=custom,
            hovertemplate="%{y}: %{x:.2f} (n = %{customdata})<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=dims["mean_perception"],
            y=names,
            mode="markers",
            name=t("sat.perception", lang),
            marker={"size": 12, "color": PALETTE["primary"]},
            customdata=custom,
            hovertemplate="%{y}: %{x:.2f} (n = %{customdata})<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(hovermode="closest")
    return base_layout(fig, t("sat.chart.e_vs_p", lang), t("sat.unit.scale7", lang), None)


def _gap_colours(gaps: pd.Series, low: pd.Series) -> list[str]:
    return [
        PALETTE["neutral"] if lo or pd.isna(g) else (PALETTE["bad"] if g < 0 else PALETTE["good"])
        for g, lo in zip(gaps, low, strict=True)
    ]


def dimension_gaps(dims: pd.DataFrame, lang: str) -> go.Figure:
    """Bars: the gap (P - E) per dimension with its n; low-confidence bars grey."""
    names = _dim_names(dims, lang)
    fig = go.Figure(
        go.Bar(
            x=dims["gap"],
            y=names,
            orientation="h",
            marker_color=_gap_colours(dims["gap"], dims["low_confidence"]),
            text=[
                f"{g:+.2f} (n = {n:,})" if pd.notna(g) else f"n = {n}"
                for g, n in zip(dims["gap"], dims["responses_n"], strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:+.2f}<extra></extra>",
        )
    )
    fig.add_vline(x=0, line={"color": PALETTE["neutral"]})
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(hovermode="closest")
    return base_layout(fig, t("sat.chart.gaps", lang), t("sat.unit.gap", lang), None)


def store_gap_heatmap(by_store: pd.DataFrame, lang: str) -> go.Figure:
    """Heat map store x dimension of the gap (P - E), n in the hover."""
    dims = by_store.drop_duplicates("dimension_code").sort_values("dimension_position")
    labels = by_store["store_code"].astype(str) + " " + by_store["store_name"].astype(str)
    frame = by_store.assign(store_label=labels)
    gap = frame.pivot_table(index="store_label", columns="dimension_code", values="gap", aggfunc="first")
    n = frame.pivot_table(
        index="store_label", columns="dimension_code", values="responses_n", aggfunc="first"
    )
    order = list(dims["dimension_code"])
    gap, n = gap.reindex(columns=order), n.reindex(columns=order, index=gap.index)
    limit = float(np.nanmax(np.abs(gap.to_numpy()))) if gap.notna().any().any() else 1.0
    fig = go.Figure(
        go.Heatmap(
            z=gap.to_numpy(),
            x=_dim_names(dims, lang),
            y=list(gap.index),
            customdata=n.to_numpy(),
            colorscale="RdBu",
            zmid=0,
            zmin=-limit,
            zmax=limit,
            colorbar={"title": t("sat.gap", lang)},
            text=np.vectorize(lambda v: "" if pd.isna(v) else f"{v:+.2f}")(gap.to_numpy()),
            texttemplate="%{text}",
            hovertemplate="%{y} · %{x}: %{z:+.2f} (n = %{customdata})<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(hovermode="closest")
    fig = base_layout(fig, t("sat.chart.store_gaps", lang), None, None)
    fig.update_layout(height=max(300, 60 + 28 * len(gap.index)))
    return fig


def item_gaps(items: pd.DataFrame, lang: str) -> go.Figure:
    """Bars: the items with the largest gaps, their text and n."""
    text_col = "text_zh" if lang == "zh" else "text_en"
    labels = [
        f"{no}. {txt[:60]}{'…' if len(txt) > 60 else ''}"
        for no, txt in zip(items["item_no"], items[text_col], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=items["gap"],
            y=labels,
            orientation="h",
            marker_color=PALETTE["bad"],
            text=[f"{g:+.2f} (n = {n:,})" for g, n in zip(items["gap"], items["answers_n"], strict=True)],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:+.2f}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(hovermode="closest")
    return base_layout(fig, t("sat.chart.items", lang), t("sat.unit.gap", lang), None)


def drivers(df: pd.DataFrame, lang: str) -> go.Figure:
    """Bars: correlation of each dimension's perception with overall satisfaction, 95% interval, n."""
    d = df.sort_values("correlation", ascending=False, na_position="last")
    names = _dim_names(d, lang)
    colours = [PALETTE["neutral"] if lo else PALETTE["primary"] for lo in d["low_confidence"]]
    fig = go.Figure(
        go.Bar(
            x=d["correlation"],
            y=names,
            orientation="h",
            marker_color=colours,
            error_x={
                "type": "data",
                "symmetric": False,
                "array": d["correlation_upper"] - d["correlation"],
                "arrayminus": d["correlation"] - d["correlation_lower"],
            },
            text=[
                f"r = {r:.2f} (n = {n:,})" if pd.notna(r) else f"n = {n}"
                for r, n in zip(d["correlation"], d["responses_n"], strict=True)
            ],
            textposition="auto",
            hovertemplate="%{y}: r = %{x:.2f}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[min(-0.1, float(np.nanmin(d["correlation_lower"])) if len(d) else 0), 1])
    fig.update_layout(hovermode="closest")
    return base_layout(fig, t("sat.chart.drivers", lang), t("sat.unit.correlation", lang), None)
