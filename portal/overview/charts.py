"""Overview charts: the chain scatter of stores' 5S score against their complaint rate and satisfaction."""

from __future__ import annotations

import plotly.graph_objects as go

from portal.charts import PALETTE, base_layout, empty_note, text_lines
from portal.i18n import t
from portal.overview.relation import StoreRelation, Y
from portal.rounding import fixed


def correlation_text(rel: StoreRelation, relation: str, lang: str) -> str:
    """'r = -0.42 (95% CI -0.68 to -0.08), n = 24 stores' or why there is none."""
    c = rel.correlation(relation)
    if c.reason == "relation.no_responses":
        return t(c.reason, lang, n=c.missing)
    if c.r is None:
        text = t(c.reason, lang, n=c.n, min=4)
    else:
        text = t(
            "relation.r",
            lang,
            r=fixed(c.r, 2, "+"),
            low=fixed(c.low, 2, "+"),
            high=fixed(c.high, 2, "+"),
            n=c.n,
        )
    if c.left_out:
        text += " · " + t("relation.left_out", lang, n=c.left_out, min=rel.min_responses)
    if c.missing:
        text += " · " + t("relation.missing", lang, n=c.missing)
    return text


def scatter(rel: StoreRelation, relation: str, lang: str, highlight: str | None = None) -> go.Figure:
    """One point per store: 5S % (x) against the relation's figure (y); the hover names the store and both n.
    A satisfaction point on too few responses is hollow (drawn, not counted in r); ``highlight``: a store
    code drawn larger in the warning colour (the store view's store)."""
    y_col, n_col, axis_key = Y[relation]
    rows = rel.stores[rel.stores[y_col].notna()]
    counted = rows["sat_counted"] if relation == "satisfaction" else rows[y_col].notna()
    fig = go.Figure()
    hover = (
        "%{customdata[0]} %{customdata[1]}<br>"
        + t("relation.hover.fives", lang)
        + " %{x:.1f}% (n = %{customdata[2]})<br>"
        + t(axis_key, lang)
        + " %{y:.1f} (n = %{customdata[3]})<extra></extra>"
    )
    for flag, symbol in ((True, "circle"), (False, "circle-open")):
        part = rows[counted == flag]
        if part.empty:
            continue
        mine = part["store_code"] == highlight if highlight else part["store_code"].isna()
        fig.add_trace(
            go.Scatter(
                x=part["fives_pct"],
                y=part[y_col],
                mode="markers",
                marker={
                    "symbol": symbol,
                    "size": [16 if m else 9 for m in mine],
                    "color": [PALETTE["warn"] if m else PALETTE["primary"] for m in mine],
                    "line": {"width": 1.5},
                },
                customdata=part[["store_code", "store_name", "fives_n", n_col]].to_numpy(),
                hovertemplate=hover,
                name=t("relation.counted" if flag else "relation.not_counted", lang),
                showlegend=not flag,
            )
        )
    # the figure's name, then r, its interval and n (and why not) in smaller lines under it: on one line the title
    # ran past a half-width chart at 1366 px ("… n = 12 stor")
    lines = [ln for part in correlation_text(rel, relation, lang).split(" · ") for ln in text_lines(part)]
    small = "".join(f"<br><span style='font-size:12px'>{ln}</span>" for ln in lines)
    base_layout(fig, t(f"relation.title.{relation}", lang) + small, t("relation.x", lang), t(axis_key, lang))
    fig.update_layout(
        hovermode="closest",
        title={"font": {"size": 14}},
        margin={"t": 64 + 17 * len(lines)},
        height=360 + 17 * len(lines),
    )
    if rel.stores.empty:
        empty_note(fig, t("relation.empty", lang))
    elif rows.empty:  # stores with a 5S score, none with a value of the figure (no survey response)
        empty_note(fig, t("relation.empty.no_responses", lang, n=len(rel.stores)))
    return fig
