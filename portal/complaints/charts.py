"""Charts of the Complaints page: a DataFrame from portal.complaints.figures in, a plotly figure out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from portal.charts import PALETTE, base_layout, empty_note, hover, week_ticks, whole_number_axis
from portal.complaints.display import value_label
from portal.complaints.slices import SERIES_N as TREND_N  # the n each weekly point rests on
from portal.i18n import t
from portal.rounding import half_up_all

SEVERITY_COLOURS = {"high": PALETTE["bad"], "normal": PALETTE["warn"], "low": PALETTE["neutral"]}
TREND_SERIES = (
    "complaints_per_day",
    "first_response_median_hours",
    "sla_attainment_pct",
    "resolution_median_hours",
    "reopen_rate_pct",
    "recovery_rate_pct",
)
_UNIT_AXIS = {
    "complaints_per_day": "complaints.chart.per_day",
    "first_response_median_hours": "complaints.chart.hours",
    "resolution_median_hours": "complaints.chart.hours",
}


# yref paper: above the plot area (base_layout anchors its legend to the container: merged in, y = 1 was the
# top of the figure, above its area, and the legend was cut off; found by a tablet reviewer)
LEGEND_ON_TOP = {
    "orientation": "h",
    "yref": "paper",
    "yanchor": "bottom",
    "y": 1.0,
    "x": 0,
    "xanchor": "left",
}
# Numeric dates on time axes: plotly's own tick labels name months in English whatever the page's language.
DATE_FORMAT = "%Y-%m-%d"


def _layout(fig: go.Figure, title: str, x_title: str, y_title: str) -> go.Figure:
    """base_layout with the legend above the plot, clear of rotated axis labels and the axis title."""
    base_layout(fig, title, x_title, y_title)
    # the title pinned to the top of the chart and room for two legend rows under it: on a tablet the six
    # entries of a trend's legend wrap onto a second row, which grew up into the title
    fig.update_layout(
        legend=LEGEND_ON_TOP,
        margin={"t": 100},
        title={"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 8}},
    )
    return fig


def _drawn_apart(
    fig: go.Figure,
    rows: pd.DataFrame,
    series: str,
    name: str,
    symbol: str,
    size: int,
    notes: list[str],
    labelled: bool = False,
    n_column: str | None = None,
) -> None:
    """Weeks of a trend shown beside its line, not on it: hollow grey markers, each with its n (``n_column``, by
    default the series' own) and ``notes`` in the hover (``labelled``: the name written above each marker too).
    Nothing when ``rows`` is empty."""
    if rows.empty:
        return
    n = rows[n_column or TREND_N[series]]
    fig.add_trace(
        go.Scatter(
            x=rows["week_start"],
            y=rows[series],
            customdata=[[n, note] for n, note in zip(n, notes, strict=True)],
            mode="markers+text" if labelled else "markers",
            text=[name] * len(rows) if labelled else None,
            textposition="top center" if labelled else None,
            name=name,
            marker={"symbol": symbol, "size": size, "color": PALETTE["neutral"], "line": {"width": 2}},
            hovertemplate="%{y:,.1f} (n = %{customdata[0]:,}) · %{customdata[1]}<extra></extra>",
        )
    )


def trend(frame: pd.DataFrame, series: str, lang: str, low_confidence_n: int = 30) -> go.Figure:
    """One weekly series with its centre line, control limits and the weeks outside them in red.

    Each point's n is in its hover text; a week resting on fewer than ``low_confidence_n`` complaints is
    drawn hollow (low confidence).
    """
    if series not in TREND_SERIES:
        raise ValueError(f"unknown trend series {series!r}")
    x = frame["week_start"]
    n = frame[TREND_N[series]]
    running = (
        frame["is_in_progress"].astype(bool)
        if "is_in_progress" in frame
        else pd.Series(False, index=frame.index)
    )
    partial = (
        frame["is_partial_week"].astype(bool)
        if "is_partial_week" in frame
        else pd.Series(False, index=frame.index)
    )
    custom, hover_text = n, "%{y:,.1f} (n = %{customdata:,})<extra></extra>"
    if (
        series == "sla_attainment_pct"
        and frame.get("sla_undecided_count", pd.Series(dtype=float)).fillna(0).any()
    ):
        # the week's answers on a date only that the dates cannot judge: not in its n, said (as under the tile)
        custom = list(
            zip(n.tolist(), frame["sla_undecided_count"].fillna(0).astype(int).tolist(), strict=True)
        )
        left_out = t("complaints.chart.sla_undecided", lang, n="%{customdata[1]:,}")
        hover_text = f"%{{y:,.1f}} (n = %{{customdata[0]:,}}; {left_out})<extra></extra>"
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=x,
            y=frame[series].where(~running & ~partial),
            customdata=custom,
            mode="lines+markers",
            name=t("complaints.chart.value", lang),
            line={"color": PALETTE["primary"]},
            marker={"symbol": ["circle-open" if v < low_confidence_n else "circle" for v in n], "size": 8},
            connectgaps=False,
            hovertemplate=hover_text,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=frame[f"{series}_center"],
            mode="lines",
            name=t("complaints.chart.center", lang),
            line={"color": PALETTE["neutral"], "dash": "dash"},
        )
    )
    for part, key in (("upper", "complaints.chart.upper"), ("lower", "complaints.chart.lower")):
        fig.add_trace(
            go.Scatter(
                x=x,
                y=frame[f"{series}_{part}"],
                mode="lines",
                name=t(key, lang),
                line={"color": PALETTE["warn"], "dash": "dot", "shape": "hvh"},
            )
        )
    # the weeks drawn apart, hollow and grey, outside the limits and never judged: a week only partly in the
    # period (its days in the hover) and the week still under way (labelled; its volume while a day is under way
    # rests on its finished days alone, said in the hover; no diamond without a value, as on the week's first day)
    edge = frame[partial & frame[series].notna()]
    days = [f"{d:g}" for d in half_up_all(edge["days_in_period"].astype(float), 1)] if len(edge) else []
    notes = [t("complaints.chart.partial_week_days", lang, days=d) for d in days]
    _drawn_apart(fig, edge, series, t("complaints.chart.partial_week", lang), "square-open", 10, notes)
    running = running & frame[series].notna()
    now = frame[running]
    label = t("complaints.chart.in_progress", lang)
    notes, n_column = [label] * len(now), None
    if series == "complaints_per_day" and "finished_days" in now and now["is_incomplete_week"].any():
        n_column = "finished_day_count"
        days = now["finished_days"].tolist()
        notes = [t("complaints.chart.finished_days", lang, days=f"{d:g}") for d in days]
    _drawn_apart(fig, now, series, label, "diamond-open", 11, notes, labelled=True, n_column=n_column)
    flagged = frame[frame[f"{series}_is_out"].astype(bool) & ~running]
    fig.add_trace(
        go.Scatter(
            x=flagged["week_start"],
            y=flagged[series],
            mode="markers",
            name=t("complaints.chart.flagged", lang),
            marker={"color": PALETTE["bad"], "size": 12, "symbol": "circle-open", "line": {"width": 3}},
        )
    )
    y_title = t(_UNIT_AXIS.get(series, "complaints.chart.pct"), lang)
    _layout(fig, t(f"complaints.trend.{series}", lang), t("complaints.chart.week", lang), y_title)
    fig.update_xaxes(tickformat=DATE_FORMAT, hoverformat=DATE_FORMAT)
    week_ticks(fig, frame["week_start"])
    return fig


def backlog(frame: pd.DataFrame, as_of_text: str, lang: str, no_data: str | None = None) -> go.Figure:
    """Stacked bars: open complaints per age bucket, one colour per severity. ``no_data``: why the backlog has
    no data (its tile's reason, an i18n key): no bars then, that reason in their place (not "no open complaints")."""
    fig = go.Figure()
    for severity, colour in ({} if no_data else SEVERITY_COLOURS).items():
        rows = frame[frame["severity"] == severity]
        fig.add_trace(
            go.Bar(
                x=[value_label("age", b, lang) for b in rows["age_bucket"]],
                y=rows["backlog_count"],
                name=value_label("severity", severity, lang),
                marker_color=colour,
                customdata=[[b, severity] for b in rows["age_bucket"]],  # the drill-down's bucket
                hovertemplate=hover("%{x}", "%{y:,}", lang, "%{fullData.name}"),
            )
        )
    _layout(
        fig,
        t("complaints.chart.backlog", lang, as_of=as_of_text),
        t("complaints.chart.age", lang),
        t("complaints.chart.complaints", lang),
    )
    fig.update_layout(
        barmode="stack", legend_title={"text": t("complaints.chart.severity", lang), "side": "left"}
    )
    total = frame.groupby("age_bucket")["backlog_count"].sum()
    top = float(total.max()) if len(total) else 0.0
    whole_number_axis(fig, top)
    if no_data:
        empty_note(fig, t("kpi.caption.no_data", lang, reason=t(no_data, lang)))
    elif top <= 0:
        empty_note(fig, t("complaints.chart.no_backlog", lang))
    return fig


PARETO_SOURCE_BARS = 25  # the source's own categories drawn; the rest are in the JSON and the table


def pareto(frame: pd.DataFrame, lang: str, source: bool = False) -> go.Figure:
    """Categories as bars, largest first, with the cumulative share as a line on a 0-100 % axis. ``source``:
    the source's own categories (``source_category_pareto``; the first ``PARETO_SOURCE_BARS``) instead of the
    standard groups; their bars carry no drill-down."""
    if source:
        frame = frame.head(PARETO_SOURCE_BARS)
        labels = [
            t("complaints.pareto.none_given", lang) if pd.isna(c) else str(c) for c in frame["category_raw"]
        ]
    else:
        labels = [value_label("category", c, lang) for c in frame["category_group"]]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=labels,
            y=frame["complaint_count"],
            name=t("complaints.chart.complaints", lang),
            marker_color=PALETTE["primary"],
            customdata=None if source else list(frame["category_group"]),  # the drill-down's category
            hovertemplate=hover("%{x}", "%{y:,}", lang),
        )
    )
    fig.add_trace(
        go.Scatter(
            x=labels,
            y=frame["cumulative_pct"],
            name=t("complaints.chart.cumulative_pct", lang),
            mode="lines+markers",
            yaxis="y2",
            line={"color": PALETTE["bad"]},
            hovertemplate=hover("%{x}", "%{y:.1f}%", lang),
        )
    )
    _layout(
        fig,
        t("complaints.chart.pareto_source" if source else "complaints.chart.pareto", lang),
        t("complaints.chart.category", lang),
        t("complaints.chart.complaints", lang),
    )
    # after the shared layout, which titles every y axis alike
    fig.update_layout(
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "range": [0, 105],
            "dtick": 20,
            "ticksuffix": "%",
            "title": {"text": t("complaints.chart.cumulative_pct", lang), "font": {"color": PALETTE["bad"]}},
        },
        # no legend: in a half-width column it wrapped over the title; each axis title, in its series'
        # colour, says which is which
        showlegend=False,
        hovermode="closest",
    )
    fig.update_yaxes(title_font={"color": PALETTE["primary"]}, selector={"side": None})
    return fig


HEAT_MAP_STORES = 20  # stores shown by name; the rest are folded into one column


def heat_map(
    frame: pd.DataFrame,
    lang: str,
    order: list[str] | None = None,
    names: dict[str, str] | None = None,
    top: int = HEAT_MAP_STORES,
) -> go.Figure:
    """Category (rows, in ``order``: the Pareto's) x store (columns): complaints received.

    Readable with 60+ stores: the ``top`` stores by volume, largest first, each labelled upright; the rest
    folded into one "other stores" column; the complaints without a store (online) a grey panel at the right
    with the counts written in, outside the colour scale. Hover names the store in full. Each cell carries
    ``customdata`` "category|store_id" (store_id empty for the folded and no-store columns) for the drill-down.
    """
    names = names or {}
    no_store = t("complaints.no_store", lang)
    with_store = frame[frame["store_code"].notna()]
    volume = with_store.groupby(["store_code", "store_id"])["complaint_count"].sum().reset_index()
    volume = volume.sort_values(["complaint_count", "store_code"], ascending=[False, True], kind="stable")
    kept = list(zip(volume["store_code"], volume["store_id"], strict=True))[:top]
    folded = len(volume) - len(kept)
    other = t("complaints.chart.other_stores", lang, n=folded)
    store_col = frame["store_code"].where(frame["store_code"].isin([c for c, _ in kept]), other)
    store_col = store_col.where(frame["store_code"].notna(), no_store)
    grid = frame.assign(store=store_col).pivot_table(
        index="category_group", columns="store", values="complaint_count", aggfunc="sum", fill_value=0
    )
    cats = [c for c in (order or []) if c in grid.index] + sorted(
        c for c in grid.index if c not in (order or [])
    )
    grid = grid.reindex(cats)
    rows = [value_label("category", c, lang) for c in grid.index]
    codes = [c for c, _ in kept]
    ids = {c: str(int(i)) for c, i in kept}
    # outside the colour scale, in a grey panel with the counts written in: the folded stores (a sum over
    # many stores would bleach every store's cell) and the complaints without a store
    side = ([other] if folded else []) + ([no_store] if no_store in grid.columns else [])
    online = bool(side)
    cell_hover = hover("%{y} · %{hovertext}", "%{z:,}", lang)
    if online:
        width = 0.1 * len(side)
        fig = make_subplots(
            rows=1, cols=2, shared_yaxes=True, column_widths=[1 - width, width], horizontal_spacing=0.01
        )
    else:
        fig = make_subplots(rows=1, cols=1)
    full = [f"{c} {names[c]}" if c in names else c for c in codes]
    fig.add_trace(
        go.Heatmap(
            z=grid.reindex(columns=codes, fill_value=0).to_numpy(),
            x=codes,
            y=rows,
            colorscale="Reds",
            zmin=0,
            hovertext=[full for _ in rows],
            hovertemplate=cell_hover,
            customdata=[[f"{cat}|{ids.get(c, '')}" for c in codes] for cat in grid.index],
            colorbar={"title": {"text": t("complaints.chart.complaints", lang)}},
        ),
        row=1,
        col=1,
    )
    if online:
        counts = grid.reindex(columns=side, fill_value=0).to_numpy()
        fig.add_trace(
            go.Heatmap(
                z=counts,
                x=side,
                y=rows,
                colorscale=[[0, "#eaeef2"], [1, "#eaeef2"]],
                showscale=False,
                text=counts,
                texttemplate="%{text:,}",
                hovertext=[side for _ in rows],
                hovertemplate=cell_hover,
                customdata=[[f"{cat}|" for _ in side] for cat in grid.index],  # the category only
            ),
            row=1,
            col=2,
        )
    base_layout(
        fig,
        t("complaints.chart.heat_map", lang),
        t("complaints.chart.store", lang),
        t("complaints.chart.category", lang),
    )
    fig.update_xaxes(
        tickmode="array",
        tickvals=codes,
        ticktext=codes,
        tickangle=0 if len(codes) <= 12 else -45,
        tickfont={"size": 11},
        row=1,
        col=1,
    )
    fig.update_yaxes(autorange="reversed", row=1, col=1)
    if online:
        fig.update_xaxes(title_text=None, tickangle=0 if len(side) == 1 else -30, row=1, col=2)
        fig.update_yaxes(title_text=None, row=1, col=2)
    fig.update_layout(hovermode="closest", height=max(320, 150 + 40 * len(grid.index)))
    return fig


def channels(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Horizontal bars: complaints per channel with each one's share."""
    labels = [value_label("channel", c, lang) for c in frame["channel"]]
    shares = [t("complaints.chart.share", lang, share=s) for s in frame["share_pct"].fillna(0)]
    fig = go.Figure(
        go.Bar(
            x=frame["complaint_count"],
            y=labels,
            orientation="h",
            text=shares,
            marker_color=PALETTE["primary"],
            hovertemplate=hover("%{y}", "%{x:,} (%{text})", lang),
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(hovermode="closest")
    return base_layout(
        fig,
        t("complaints.chart.channels", lang),
        t("complaints.chart.complaints", lang),
        t("complaints.chart.channel", lang),
    )
