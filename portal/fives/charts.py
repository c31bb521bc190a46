"""5S charts: DataFrame in, plotly figure out (titles, units, readable axes, full labels on hover)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from portal.charts import PALETTE, base_layout, empty_note, hover
from portal.fives.display import BAND_COLOURS, band_label, pct, section_label
from portal.fives.figures import FivesSettings
from portal.i18n import t
from portal.rounding import fixed

LOW_CONFIDENCE_COLOUR = "#8c959f"  # a figure on fewer than the low-confidence n: neither pass nor fail
# red (0) -> amber (60) -> green (100), the bands' colours
SCALE = [[0.0, "#cf222e"], [0.6, "#d4a72c"], [0.8, "#4ac26b"], [1.0, "#1a7f37"]]


def heatmap(frame: pd.DataFrame, lang: str, low_n: int = 0) -> go.Figure:
    """Store x section mean %, the selection's mean on top; every cell's value written in it. A cell on fewer
    than ``low_n`` inspections (the 5S low-confidence n) is grey, outside the red-to-green scale, and its hover
    says low confidence: it is never coloured as a pass or a fail."""
    fig = go.Figure()
    if frame.empty:
        empty_note(fig, t("fives.empty", lang))
        return base_layout(fig, t("fives.heatmap.title", lang))
    rows = frame.drop_duplicates("row_order").sort_values("row_order")
    cols = frame.drop_duplicates("section").sort_values("section_order")["section"].tolist()
    z = frame.pivot_table(
        index="row_order", columns="section", values="mean_pct", aggfunc="first", dropna=False
    )
    z = z.reindex(index=rows["row_order"], columns=cols)
    n = frame.pivot_table(index="row_order", columns="section", values="inspections_n", aggfunc="first")
    n = n.reindex(index=rows["row_order"], columns=cols)
    values = z.to_numpy(float)
    low = ~np.isnan(values) & (n.fillna(0).to_numpy(float) < low_n)
    names = rows.set_index("row_order")["store_label"]
    mark = " · " + t("kpi.status.low_confidence", lang)
    cell_texts = [
        [
            t(
                "fives.heatmap.hover",
                lang,
                store=names[r],
                section=c,
                pct=pct(z.loc[r, c], lang),
                n=_int(n.loc[r, c]),
            )
            + (mark if low[i, j] else "")
            for j, c in enumerate(cols)
        ]
        for i, r in enumerate(z.index)
    ]
    text = np.array([["" if pd.isna(v) else fixed(v, 0) for v in row] for row in values], dtype=object)
    y = rows["row_label"].tolist()
    common = {"x": cols, "y": y, "customdata": cell_texts, "texttemplate": "%{text}", "xgap": 2, "ygap": 2}
    fig.add_trace(
        go.Heatmap(
            z=np.where(low, np.nan, values),
            zmin=0,
            zmax=100,
            colorscale=SCALE,
            text=np.where(low, "", text),
            hovertemplate="%{customdata}<extra></extra>",
            hoverongaps=False,
            colorbar={"title": {"text": "%"}},
            **common,
        )
    )
    if low.any():
        fig.add_trace(
            go.Heatmap(
                z=np.where(low, 0.0, np.nan),
                colorscale=[[0, LOW_CONFIDENCE_COLOUR], [1, LOW_CONFIDENCE_COLOUR]],
                showscale=False,
                text=np.where(low, text, ""),
                hovertemplate="%{customdata}<extra></extra>",
                hoverongaps=False,
                **common,
            )
        )
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(side="top", type="category")
    base_layout(fig, t("fives.heatmap.title", lang))
    fig.update_layout(hovermode="closest", height=max(260, 90 + 24 * len(rows)), margin={"t": 80})
    return fig


def _int(value) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


RANKING_BAR_PX = 22  # room per store: its code readable beside its bar
BAND_NAME_ROW = 16  # px, one row of a band line's name


def ranking_bars(ranking: pd.DataFrame, cfg: FivesSettings, lang: str) -> go.Figure:
    """Mean overall % per store, best on top, coloured by band (the band also in the hover text)."""
    fig = go.Figure()
    df = ranking.dropna(subset=["mean_pct"])
    if df.empty:
        empty_note(fig, t("fives.empty", lang))
        return base_layout(fig, t("fives.ranking.title", lang))
    low = (
        df["is_low_confidence"].fillna(False).astype(bool) if "is_low_confidence" in df else df["band"].isna()
    )
    # a store on fewer than the low-confidence n: grey, under the mark, never in a band's colour
    for band, colour in (*BAND_COLOURS.items(), (None, LOW_CONFIDENCE_COLOUR)):
        part = df[low] if band is None else df[(df["band"] == band) & ~low]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=part["mean_pct"],
                y=part["store_code"],
                orientation="h",
                name=band_label(band, lang, band is None),
                marker_color=colour,
                customdata=list(zip(part["store_name"], part["scored_n"], strict=True)),
                hovertemplate=hover("%{y} %{customdata[0]}", "%{x:.1f}% (n = %{customdata[1]})", lang),
            )
        )
    # each dotted line is where its band starts, named above the plot on its right; the middle one a row higher,
    # so that names of bands 10 points apart stay clear of each other in a narrow chart
    bands = (
        (cfg.needs_improvement_min, "needs_improvement"),
        (cfg.good_min, "good"),
        (cfg.excellent_min, "excellent"),
    )
    for k, (threshold, band) in enumerate(bands):
        fig.add_vline(x=threshold, line_dash="dot", line_color=PALETTE["neutral"])
        fig.add_annotation(
            x=threshold,
            xref="x",
            y=1,
            yref="paper",
            yanchor="bottom",
            xanchor="left",
            yshift=2 + BAND_NAME_ROW * (k % 2),
            text=band_label(band, lang),
            showarrow=False,
            font={"size": 11, "color": PALETTE["neutral"]},
        )
    order = df.sort_values("mean_pct", ascending=False)["store_code"].tolist()
    # every store named (plotly's automatic ticks named every other one of 12 stores in 300 px)
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=order,
        autorange="reversed",
        type="category",
        tickmode="array",
        tickvals=order,
        ticktext=order,
        automargin=True,
    )
    fig.update_xaxes(range=[0, 100])
    base_layout(fig, t("fives.ranking.title", lang), t("fives.axis.pct", lang), None)
    fig.update_layout(
        hovermode="closest",
        height=max(300, 150 + RANKING_BAR_PX * len(df)),
        barmode="overlay",
        margin={"t": 64 + 2 * BAND_NAME_ROW},  # the band names' two rows between the title and the plot
    )
    return fig


def radar(heatmap: pd.DataFrame, store_id: int, store_name: str, lang: str) -> go.Figure:
    """One store's mean section % against the selection's mean."""
    fig = go.Figure()
    chain = heatmap[heatmap["is_chain"]].sort_values("section_position")
    store = heatmap[(~heatmap["is_chain"]) & (heatmap["store_id"] == store_id)].set_index("section_code")
    labels = [
        section_label(c, en, zh, lang)
        for c, en, zh in zip(
            chain["section_code"], chain["section_name_en"], chain["section_name_zh"], strict=True
        )
    ]
    store_values = [store["mean_pct"].get(c) for c in chain["section_code"]]
    for name, values, colour in (
        (t("fives.store.chain", lang), chain["mean_pct"].tolist(), PALETTE["neutral"]),
        (store_name, store_values, PALETTE["primary"]),
    ):
        closed = [None if v is None or pd.isna(v) else float(v) for v in values]
        fig.add_trace(
            go.Scatterpolar(
                r=closed + closed[:1],
                theta=labels + labels[:1],
                name=name,
                line_color=colour,
                fill="toself" if colour == PALETTE["primary"] else None,
                opacity=0.8,
                hovertemplate=hover("%{theta}", "%{r:.1f}%", lang, name),
            )
        )
    base_layout(fig, t("fives.store.radar_title", lang, store=store_name))
    shown = [float(v) for v in [*chain["mean_pct"], *store_values] if v is not None and not pd.isna(v)]
    low = max(
        0, int((min(shown, default=0) - 5) // 10 * 10)
    )  # differences readable; the axis says where it starts
    fig.update_layout(polar=radar_axes(low, len(labels)), hovermode="closest")
    # room beside the plot for the sections' names (plotly does not grow the margins for them): on an iPad in
    # portrait the legend lay on the lowest name and the name on the right ran out of the chart
    fig.update_layout(margin={"l": RADAR_NAME_ROOM, "r": RADAR_NAME_ROOM, "b": RADAR_NAME_ROOM, "t": 84})
    return fig


RADAR_NAME_ROOM = 60  # px: the longest section name ("Standardize") beside the plot, the legend under it
RADAR_MAX_TICKS = 4  # radial labels past the centre's: each clear of the next in a tablet's 300 px wide plot


def radar_axes(low: int, spokes: int) -> dict:
    """The radar's axes: the first section on top, the others clockwise; the radial axis's percentages, no more
    than ``RADAR_MAX_TICKS`` steps of 10, 20 or 25 points, written level along the line halfway between the first two
    spokes (``spokes`` sections), clear of the sections' names. At plotly's automatic ticks, 5 points apart and
    turned on the first spoke, they ran into each other and into the first section's name on an iPad."""
    # the step whose whole steps reach nearest below ``low`` (the axis then starts at a labelled value)
    span, step = min(
        (step * -(-(100 - low) // step), step)
        for step in (10, 20, 25)
        if -(-(100 - low) // step) <= RADAR_MAX_TICKS
    )
    low = 100 - span
    ticks = list(range(low, 101, step))
    return {
        "angularaxis": {"rotation": 90, "direction": "clockwise"},
        "radialaxis": {
            "range": [low, 100],
            "tickmode": "array",
            "tickvals": ticks,
            "ticktext": [f"{v}%" for v in ticks],
            "angle": 90 - 180 / max(spokes, 1),
            "tickangle": 90 - 180 / max(spokes, 1),
            "tickfont": {"size": 10},
        },
    }


HIGH_LABEL_PCT = 95  # over this, the upper in-progress word sits beside its diamond (below the title)


def _upper_side(y: float, first_month: bool) -> str:
    """Where the word of a month's higher marker sits: above it, or beside it above HIGH_LABEL_PCT (over it, it
    reached into the title), on its right in the figure's first month (on its left, over the y axis's labels)."""
    if y <= HIGH_LABEL_PCT:
        return "top center"
    return "middle right" if first_month else "middle left"


def store_trend(trend: pd.DataFrame, store_id: int, store_name: str, lang: str) -> go.Figure:
    """A store's overall % per month against the selection's mean (n on hover); the month still under way
    (``is_in_progress``) is a hollow diamond in its series' colour labelled "in progress", off the line (SPEC §3),
    and a month the period holds only some days of (``is_partial_month``) a hollow square labelled "partial
    month", its days in the period on hover: neither is a month like the others."""
    fig = go.Figure()
    label = t("complaints.chart.in_progress", lang)
    partial_label = t("fives.chart.partial_month", lang)
    for name, part, colour in (
        (t("fives.store.chain", lang), trend[trend["is_chain"]], PALETTE["neutral"]),
        (store_name, trend[(~trend["is_chain"]) & (trend["store_id"] == store_id)], PALETTE["primary"]),
    ):
        running = part.get("is_in_progress", pd.Series(False, index=part.index)).astype(bool)
        partial = part.get("is_partial_month", pd.Series(False, index=part.index)).astype(bool) & ~running
        x = pd.to_datetime(part["month_start"])
        point = hover("%{x|%Y-%m}", "%{y:.1f}% (n = %{customdata})", lang, name)
        fig.add_trace(
            go.Scatter(
                x=x[~(running | partial)],
                y=part["mean_pct"][~(running | partial)],
                mode="lines+markers",
                name=name,
                legendgroup=name,
                line_color=colour,
                customdata=part["inspections_n"][~(running | partial)],
                hovertemplate=point,
            )
        )
        if running.any():
            fig.add_trace(
                go.Scatter(
                    x=x[running],
                    y=part["mean_pct"][running],
                    mode="markers+text",
                    text=[label] * int(running.sum()),
                    textposition="bottom center",
                    cliponaxis=False,
                    name=f"{name} ({label})",
                    legendgroup=name,
                    showlegend=False,
                    marker={"symbol": "diamond-open", "size": 11, "color": colour, "line": {"width": 2}},
                    customdata=part["inspections_n"][running],
                    hovertemplate=hover(
                        "%{x|%Y-%m}", f"%{{y:.1f}}% (n = %{{customdata}}) · {label}", lang, name
                    ),
                )
            )
        if partial.any():
            days = [
                t("fives.chart.partial_month_days", lang, days=int(d), month_days=int(m))
                for d, m in zip(part["days_in_period"][partial], part["month_days"][partial], strict=True)
            ]
            fig.add_trace(
                go.Scatter(
                    x=x[partial],
                    y=part["mean_pct"][partial],
                    mode="markers+text",
                    text=[partial_label] * int(partial.sum()),
                    textposition="bottom center",
                    cliponaxis=False,
                    name=f"{name} ({partial_label})",
                    legendgroup=name,
                    showlegend=False,
                    marker={"symbol": "square-open", "size": 10, "color": colour, "line": {"width": 2}},
                    customdata=list(zip(part["inspections_n"][partial].astype(int), days, strict=True)),
                    hovertemplate=hover(
                        "%{x|%Y-%m}",
                        "%{y:.1f}% (n = %{customdata[0]}) · "
                        + t("text.label_value", lang, label=partial_label, value="%{customdata[1]}"),
                        lang,
                        name,
                    ),
                )
            )
    # the two series' words apart, for the months in progress and the partial months each, month by month: above
    # the higher marker, below the other (they overlapped); above 95 % the word over the marker reached into the
    # title (a 100 % store at 300 px; from ~97 % at 360 px): beside it. Decided per month, not per series: a
    # period ended in the past has a partial month at each end, and the series higher in the first may be the
    # lower in the last (both words then sat between the two markers, on each other). Beside it on its right
    # for the figure's first month when a later one follows: on the left that word lay over the y axis's labels
    months = sorted({x for tr in fig.data for x in tr.x})
    first = months[0] if len(months) > 1 else None
    for word in (label, partial_label):
        marked = [tr for tr in fig.data if tr.mode == "markers+text" and tr.text[0] == word]
        top: dict = {}  # month -> (its highest value, the trace drawn there): the first such on a tie
        for k, trace in enumerate(marked):
            for x, y in zip(trace.x, trace.y, strict=True):
                if x not in top or y > top[x][0]:
                    top[x] = (y, k)
        for k, trace in enumerate(marked):
            sides = [
                _upper_side(y, x == first) if top[x][1] == k else "bottom center"
                for x, y in zip(trace.x, trace.y, strict=True)
            ]
            trace.textposition = sides[0] if len(set(sides)) == 1 else sides
    fig.update_yaxes(range=[0, 100])
    fig.update_xaxes(tickformat="%Y-%m", dtick="M1")
    return base_layout(
        fig,
        t("fives.store.trend_title", lang, store=store_name),
        t("fives.axis.month", lang),
        t("fives.axis.pct", lang),
    )


def consistency_bars(df: pd.DataFrame, lang: str) -> go.Figure:
    """Each inspector's difference to the others on shared stores (pp), lenient to the right."""
    fig = go.Figure()
    part = df.dropna(subset=["difference_pp"])
    fig.add_trace(
        go.Bar(
            x=part["difference_pp"],
            y=part["inspector_name"],
            orientation="h",
            marker_color=[
                PALETTE["warn"] if abs(v) >= 10 else PALETTE["neutral"] for v in part["difference_pp"]
            ],
            customdata=list(zip(part["shared_inspections_n"], part["others_inspections_n"], strict=True)),
            hovertemplate=hover(
                "%{y}",
                t(
                    "fives.inspectors.hover",
                    lang,
                    difference="%{x:+.1f}",
                    shared="%{customdata[0]}",
                    others="%{customdata[1]}",
                ),
                lang,
            ),
        )
    )
    fig.add_vline(x=0, line_color=PALETTE["neutral"])
    fig.update_yaxes(type="category", autorange="reversed")
    base_layout(fig, t("fives.inspectors.title", lang), t("fives.axis.pp", lang), None)
    fig.update_layout(hovermode="closest", height=max(260, 80 + 26 * len(part)))
    return fig
