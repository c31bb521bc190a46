"""Satisfaction charts: trend with 95% band and target, SERVQUAL E vs P, gaps, store heat map, items, drivers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from portal.charts import PALETTE, base_layout, hover, week_ticks
from portal.i18n import t
from portal.kpi import signed
from portal.rounding import fixed
from portal.satisfaction.figures import on_scale

# metric -> (value column, lower, upper, low-confidence column, i18n title key, unit key)
TREND_METRICS = {
    "index": ("index_points", "index_lower", "index_upper", "low_confidence", "sat.metric.index"),
    "csat": ("csat_pct", "csat_lower", "csat_upper", "low_confidence", "sat.metric.csat"),
    "nps": ("nps", "nps_lower", "nps_upper", "nps_low_confidence", "sat.metric.nps"),
}


# tick and hover format of the trend's time axis per grain (plotly's defaults name months in English)
DATE_FORMATS = {"week": "%Y-%m-%d", "month": "%Y-%m"}


def _dim_names(df: pd.DataFrame, lang: str) -> list[str]:
    return list(df["dimension_name_zh" if lang == "zh" else "dimension_name_en"])


def _away_from(value, target: float | None) -> str:
    """Where a point's words go so that they keep off the target's line: below a point under the target."""
    below = target is not None and value is not None and not pd.isna(value) and value < target
    return "bottom center" if below else "top center"


def trend(df: pd.DataFrame, metric: str, target: float | None, grain: str, lang: str) -> go.Figure:
    """The metric per week or month, its 95% confidence band, the target line; low-n points hollow."""
    value, lower, upper, low_col, title_key = TREND_METRICS[metric]
    unit = "nps" if metric == "nps" else "points"  # the scale's own ends
    running = df["is_in_progress"].to_numpy(bool) if "is_in_progress" in df else np.zeros(len(df), bool)
    fig = go.Figure()
    x = df["period_start"]
    band_low, band_high = on_scale(df[lower], unit), on_scale(df[upper], unit)
    fig.add_trace(
        go.Scatter(x=x, y=band_high, mode="lines", line={"width": 0}, hoverinfo="skip", showlegend=False)
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=band_low,
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
    # the interval as words: stacked with the other strings, a number became a string and a missing bound
    # (n = 1: no interval) showed "nan"; a point without one says "—"
    bounds = zip(band_low.to_numpy(float), band_high.to_numpy(float), strict=True)
    spans = [
        t("common.none", lang) if np.isnan(lo) or np.isnan(hi) else f"{fixed(lo, 1)}–{fixed(hi, 1)}"
        for lo, hi in bounds
    ]
    custom = np.stack(
        [
            df[n_col].to_numpy(),
            np.array(spans, dtype=object),
            np.where(low, t("common.low_confidence", lang), ""),
        ],
        axis=-1,
    )
    interval = t("text.label_value", lang, label="95%", value="%{customdata[1]}")
    point_hover = "%{y:.1f} (" + interval + "), n = %{customdata[0]} %{customdata[2]}"
    fig.add_trace(
        go.Scatter(
            x=x,
            y=df[value].where(~running),
            mode="lines+markers",
            name=t(title_key, lang),
            line={"color": PALETTE["primary"]},
            marker={
                "size": np.where(low, 10, 7),
                "symbol": np.where(low, "circle-open", "circle"),
                "color": np.where(low, PALETTE["neutral"], PALETTE["primary"]).tolist(),
            },
            customdata=custom,
            hovertemplate=point_hover + "<extra></extra>",
        )
    )
    if running.any():  # the week or month under way: hollow, grey, labelled
        label = t("complaints.chart.in_progress", lang)
        fig.add_trace(
            go.Scatter(
                x=x[running],
                y=df[value][running],
                mode="markers+text",
                text=[label] * int(running.sum()),
                # on the side away from the target: above a point just under the target the words sat on the
                # target's line
                textposition=[_away_from(v, target) for v in df[value][running]],
                name=label,
                marker={
                    "symbol": "diamond-open",
                    "size": 11,
                    "color": PALETTE["neutral"],
                    "line": {"width": 2},
                },
                customdata=custom[running],
                hovertemplate=point_hover + f" · {label}<extra></extra>",
            )
        )
    if target is not None:
        fig.add_hline(
            y=target,
            line={"dash": "dash", "color": PALETTE["warn"]},
            annotation_text=f"{t('common.target', lang)} {target:g}",
            annotation_position="top left",
        )
    base_layout(
        fig,
        t("sat.chart.trend", lang, metric=t(title_key, lang)),
        t(f"common.{grain}", lang),
        t(f"sat.unit.{metric}", lang),
    )
    # numeric dates: plotly's own labels name months in English whatever the page's language
    date_format = DATE_FORMATS[grain]
    fig.update_xaxes(tickformat=date_format, hoverformat=date_format)
    if grain == "week":
        week_ticks(fig, x)
    else:  # one tick per month, at its point
        fig.update_xaxes(tickmode="array", tickvals=list(x), ticktext=[f"{pd.Timestamp(d):%Y-%m}" for d in x])
    return fig


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
            hovertemplate=hover("%{y}", "%{x:.2f} (n = %{customdata})", lang),
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
            hovertemplate=hover("%{y}", "%{x:.2f} (n = %{customdata})", lang),
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=_padded_range(pd.concat([dims["mean_expectation"], dims["mean_perception"]])))
    fig.update_layout(hovermode="closest")
    return base_layout(fig, t("sat.chart.e_vs_p", lang), t("sat.unit.scale7", lang), None)


def _padded_range(values: pd.Series, low: float = 1.0, high: float = 7.0) -> list[float]:
    """An axis range around ``values`` (means on a 1-7 scale) with room for a marker at either end."""
    shown = values.dropna().astype(float)
    if shown.empty:
        return [low, high]
    lo, hi = float(shown.min()), float(shown.max())
    pad = max(0.15 * (hi - lo), 0.25)
    return [max(low - 0.25, lo - pad), min(high + 0.25, hi + pad)]


def _gap_colours(gaps: pd.Series, low: pd.Series) -> list[str]:
    """Grey for a low-confidence (or missing) gap, else red below expectation and green at or above it."""
    return [
        PALETTE["neutral"] if lo or pd.isna(g) else (PALETTE["bad"] if g < 0 else PALETTE["good"])
        for g, lo in zip(gaps, low, strict=True)
    ]


def _legend_key(fig: go.Figure, colour: str, name: str) -> None:
    """A legend entry that explains a bar or cell colour (a marker without data)."""
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"symbol": "square", "size": 12, "color": colour},
            name=name,
            hoverinfo="skip",
            showlegend=True,
        )
    )


def _gap_legend(fig: go.Figure, colours: list[str], low_n: int, lang: str) -> None:
    """Say what each colour used by a gap chart means (only the colours it uses)."""
    for colour, key in (
        (PALETTE["bad"], "sat.legend.gap_negative"),
        (PALETTE["good"], "sat.legend.gap_positive"),
        (PALETTE["neutral"], "sat.legend.low"),
    ):
        if colour in colours:
            _legend_key(fig, colour, t(key, lang, n=low_n))


# share of the axis width kept free for the labels beside the zero line
_LABEL_ROOM = 0.6


def _gap_range(gaps: pd.Series) -> list[float]:
    """The gap axis: the bars, and on the other side of zero room for the labels of the bars."""
    values = gaps.dropna().astype(float)
    lo = min(0.0, values.min()) if len(values) else 0.0
    hi = max(0.0, values.max()) if len(values) else 0.0
    span = (hi - lo) or 1.0
    left = max(-lo, _LABEL_ROOM * span if (values >= 0).any() or values.empty else 0.0)
    right = max(hi, _LABEL_ROOM * span if (values < 0).any() or values.empty else 0.0)
    return [-left - 0.03 * span, right + 0.03 * span]


def _gap_bars(fig: go.Figure, names: list[str], gaps: pd.Series, ns: pd.Series) -> None:
    """The text of each gap bar (gap and n) beside the zero line, on the side its bar leaves free: inside the
    axis, so that it never runs into the axis labels nor out of the chart, in any language."""
    span = _gap_range(gaps)
    step = 0.015 * (span[1] - span[0])  # clear of the zero line
    fig.add_trace(
        go.Scatter(
            x=[-step if pd.notna(g) and g >= 0 else step for g in gaps],
            y=names,
            mode="text",
            text=[
                f"{signed(g, 2)} (n = {int(n):,})" if pd.notna(g) else f"n = {int(n):,}"
                for g, n in zip(gaps, ns, strict=True)
            ],
            textposition=["middle left" if pd.notna(g) and g >= 0 else "middle right" for g in gaps],
            hoverinfo="skip",
            showlegend=False,
        )
    )
    fig.update_xaxes(range=span)


def _low_label(low, lang: str) -> list[str]:
    return [f" · {t('common.low_confidence', lang)}" if lo else "" for lo in low]


def _gap_chart(
    names: list[str], gaps: pd.Series, ns: pd.Series, low: pd.Series, lang: str, low_n: int, titles: tuple
) -> go.Figure:
    """Horizontal gap bars (P - E) with their n: red below expectation, green at or above it, grey when
    low-confidence; the labels beside the zero line, a legend of the colours used. ``titles``: (chart, y axis)."""
    colours = _gap_colours(gaps, low)
    fig = go.Figure(
        go.Bar(
            x=gaps,
            y=names,
            orientation="h",
            marker_color=colours,
            customdata=np.stack(
                [
                    ns.to_numpy(),
                    _low_label(low, lang),
                    [signed(g, 2) if pd.notna(g) else "—" for g in gaps],
                ],
                axis=-1,
            ),
            hovertemplate=hover("%{y}", "%{customdata[2]} (n = %{customdata[0]})%{customdata[1]}", lang),
            showlegend=False,
        )
    )
    _gap_bars(fig, names, gaps, ns)
    _gap_legend(fig, colours, low_n, lang)
    fig.add_vline(x=0, line={"color": PALETTE["neutral"]})
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(hovermode="closest")
    chart, y_axis = titles
    return base_layout(fig, chart, t("sat.unit.gap_axis", lang), y_axis)


def dimension_gaps(dims: pd.DataFrame, lang: str, low_n: int) -> go.Figure:
    """Bars: the gap (P - E) per dimension with its n; red below expectation, green above, low-confidence grey."""
    return _gap_chart(
        _dim_names(dims, lang),
        dims["gap"],
        dims["responses_n"],
        dims["low_confidence"],
        lang,
        low_n,
        (t("sat.chart.gaps", lang), t("sat.col.dimension", lang)),
    )


def store_gap_heatmap(by_store: pd.DataFrame, lang: str, low_n: int) -> go.Figure:
    """Heat map store x dimension of the gap (P - E), n in the hover.

    A cell resting on fewer than ``low_n`` responses (``cell_low_confidence``) is drawn neutral grey, outside
    the colour scale, and its hover says low confidence: it is never coloured as better or worse.
    """
    dims = by_store.drop_duplicates("dimension_code").sort_values("dimension_position")
    labels = by_store["store_code"].astype(str) + " " + by_store["store_name"].astype(str)
    frame = by_store.assign(store_label=labels, cell_low=by_store["cell_low_confidence"].astype(float))

    def wide(values: str) -> pd.DataFrame:
        return frame.pivot_table(
            index="store_label", columns="dimension_code", values=values, aggfunc="first"
        )

    order = list(dims["dimension_code"])
    gap = wide("gap").reindex(columns=order)
    n = wide("responses_n").reindex(columns=order, index=gap.index)
    low = wide("cell_low").reindex(columns=order, index=gap.index).fillna(0).to_numpy(bool)
    z = gap.to_numpy(float)
    shown = ~np.isnan(z)
    z_coloured = np.where(low, np.nan, z)
    z_grey = np.where(low & shown, 0.0, np.nan)
    limit = float(np.nanmax(np.abs(z_coloured))) if (shown & ~low).any() else 1.0
    low_text = t("common.low_confidence", lang)
    custom = np.dstack(
        [
            np.vectorize(lambda v: "–" if pd.isna(v) else f"{int(v):,}")(n.to_numpy(float)),
            np.vectorize(lambda v: "" if pd.isna(v) else signed(v, 2))(z),
            np.where(low, f" · {low_text}", ""),
        ]
    )
    x, y = _dim_names(dims, lang), list(gap.index)
    cell_hover = hover("%{y} · %{x}", "%{customdata[1]} (n = %{customdata[0]})%{customdata[2]}", lang)
    fig = go.Figure(
        go.Heatmap(
            z=z_coloured,
            x=x,
            y=y,
            customdata=custom,
            colorscale="RdBu",
            zmid=0,
            zmin=-limit,
            zmax=limit,
            colorbar={"title": {"text": t("sat.unit.gap", lang)}},
            text=np.where(low, "", custom[:, :, 1]),
            texttemplate="%{text}",
            hovertemplate=cell_hover,
            hoverongaps=False,
            showlegend=False,
        )
    )
    if low.any():
        fig.add_trace(
            go.Heatmap(
                z=z_grey,
                x=x,
                y=y,
                customdata=custom,
                colorscale=[[0, PALETTE["neutral"]], [1, PALETTE["neutral"]]],
                showscale=False,
                text=np.where(low, custom[:, :, 1], ""),
                texttemplate="%{text}",
                hovertemplate=cell_hover,
                hoverongaps=False,
                showlegend=False,
            )
        )
        _legend_key(fig, PALETTE["neutral"], t("sat.legend.low", lang, n=low_n))
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(hovermode="closest")
    fig = base_layout(
        fig, t("sat.chart.store_gaps", lang), t("sat.col.dimension", lang), t("sat.col.store", lang)
    )
    fig.update_layout(height=max(300, 60 + 28 * len(gap.index)))
    return fig


def item_gaps(items: pd.DataFrame, lang: str, low_n: int) -> go.Figure:
    """Bars: the items with the largest gaps, their text and n; red below expectation, green above,
    grey when the item rests on fewer than ``low_n`` answers (``low_confidence``)."""
    text_col = "text_zh" if lang == "zh" else "text_en"
    labels = [
        f"{no}. {txt[:60]}{'…' if len(txt) > 60 else ''}"
        for no, txt in zip(
            items["item_code"] if "item_code" in items else items["item_no"], items[text_col], strict=True
        )
    ]
    return _gap_chart(
        labels,
        items["gap"],
        items["answers_n"],
        items["low_confidence"],
        lang,
        low_n,
        (t("sat.chart.items", lang), t("sat.col.item", lang)),
    )


def drivers(df: pd.DataFrame, lang: str) -> go.Figure:
    """Bars: correlation of each dimension's perception with overall satisfaction, 95% interval, n.

    Each bar's text (r and n) stands right of its interval's upper end, clear of the bar and the error bar.
    """
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
            customdata=d["responses_n"].to_numpy(),
            hovertemplate=hover("%{y}", "r = %{x:.2f} (n = %{customdata:,})", lang),
            showlegend=False,
        )
    )
    lower = d["correlation_lower"].dropna().astype(float)
    lo = min(-0.1, float(lower.min())) if len(lower) else -0.1
    span = 1.0 - lo
    ends = d["correlation_upper"].fillna(d["correlation"]).fillna(0.0).astype(float)
    fig.add_trace(
        go.Scatter(
            x=ends + 0.02 * span,
            y=names,
            mode="text",
            text=[
                f"r = {fixed(r, 2)} (n = {int(n):,})" if pd.notna(r) else f"n = {int(n):,}"
                for r, n in zip(d["correlation"], d["responses_n"], strict=True)
            ],
            textposition="middle right",
            hoverinfo="skip",
            showlegend=False,
        )
    )
    fig.update_yaxes(autorange="reversed")
    right = (float(ends.max()) if len(ends) else 1.0) + 0.5 * span
    # ticks only where a correlation can lie (the room right of 1 holds the labels)
    ticks = [round(v, 1) + 0.0 for v in np.arange(np.ceil(lo / 0.2) * 0.2, 1.0001, 0.2)]
    fig.update_xaxes(range=[lo, max(1.0, right)], tickmode="array", tickvals=ticks)
    fig.update_layout(hovermode="closest")
    return base_layout(fig, t("sat.chart.drivers", lang), t("sat.unit.correlation", lang), None)
