"""The Complaints page's sections that rerun on their own (``ui.section``, issue 14): the weekly trend's tabs and
the hot-spot tabs. pages/complaints.py draws the rest."""

from __future__ import annotations

import streamlit as st

from portal import ui, ui_dash
from portal.complaints import charts
from portal.complaints import listing as drill
from portal.i18n import listed


@ui.section
def trend_section(trend, lang: str, low_confidence_n: int) -> None:
    """The weekly trend, one tab a series. A fragment (issue 14): opening a tab reruns this section only."""
    # ui.lazy_tabs: only the open tab's chart is built and sent (the others when they are opened)
    trend_tabs = ui.lazy_tabs(
        {s: ui.t(f"complaints.trend.{s}") for s in charts.TREND_SERIES}, "complaints_trend_tab"
    )
    for series, tab in trend_tabs.items():
        if tab.open is False:
            continue
        with tab:
            ui.chart_of(charts.trend, trend, series, lang, low_confidence_n, key=f"complaints_trend_{series}")
            flagged = trend.loc[trend[f"{series}_is_out"].astype(bool), "week_start"].dt.strftime("%Y-%m-%d")
            st.caption(
                ui.t(
                    "complaints.trend.note",
                    flagged=listed(flagged) if len(flagged) else ui.t("complaints.trend.flagged_none"),
                )
            )


@ui.section
def hot_spots_section(figs, lang: str) -> None:
    """Categories, channels, category x store, one tab each. A fragment (issue 14): opening a tab or switching
    the Pareto's view reruns this section only (a clicked bar or cell still opens the complaint list)."""
    # ui.lazy_tabs: only the open tab's chart is built and sent (the others when they are opened)
    hot_spots = ("categories", "channels", "category_store")
    hot_tabs = list(
        ui.lazy_tabs(
            {h: ui.t(f"complaints.hot_spots.tab.{h}") for h in hot_spots},
            "complaints_hot_spots_tab",
            keep=("complaints_pareto_view",),  # the Pareto's view stays while another tab is open
        ).values()
    )
    if hot_tabs[0].open is not False:
        with hot_tabs[0]:
            views = {v: ui.t(f"complaints.pareto.view.{v}") for v in ("groups", "source")}
            view = st.radio(
                ui.t("complaints.pareto.view"),
                list(views),
                format_func=views.get,
                horizontal=True,
                key="complaints_pareto_view",
            )
            if (
                view == "source"
            ):  # the source's own categories (issue 9): no drill-down, the groups' bars have it
                ui.chart_of(charts.pareto, figs.source_categories, lang, True, key="complaints_pareto_source")
                n = len(figs.source_categories)
                st.caption(
                    ui.t("complaints.pareto.source_note", n=n, shown=min(n, charts.PARETO_SOURCE_BARS))
                )
            else:
                ui_dash.drill_chart(
                    ui.built(charts.pareto, figs.categories, lang), "complaints_pareto", drill.pareto
                )
    if hot_tabs[1].open is not False:
        with hot_tabs[1]:
            ui.chart_of(charts.channels, figs.channels, lang, key="complaints_channels")
    if hot_tabs[2].open is not False:
        with hot_tabs[2]:
            names = dict(zip(figs.stores["store_code"], figs.stores["store_name"], strict=False))
            order = list(figs.categories["category_group"])  # the heat map's rows in the Pareto's order
            heat = ui.built(charts.heat_map, figs.category_store, lang, order=order, names=names)
            ui_dash.drill_chart(heat, "complaints_heat_map", drill.heat_cell)
