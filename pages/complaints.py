"""Complaints: volume, response and resolution times, SLA, backlog, reopen and recovery (SPEC.md §3)."""

import streamlit as st

from portal import complaints, ui, ui_dash, ui_tiles, vocab, zones
from portal.complaints import charts
from portal.complaints import listing as drill

ui.page_guard("complaints")
st.title(ui.t("page.complaints"))
lang = ui.lang()
options = {
    "channels": [(c, ui.t(f"complaints.channel.{c}")) for c in vocab.COMPLAINT_CHANNELS],
    "categories": [(c, ui.t(f"complaints.category.{c}")) for c in vocab.CATEGORY_GROUPS],
    "severities": [(s, ui.t(f"complaints.severity.{s}")) for s in vocab.SEVERITIES],
}
filters = ui.filter_sidebar("complaints", extra=options, business_hours=True)

wanted = st.query_params.get("complaint")  # ?complaint=<source id>: a link from a survey comment
if wanted:
    ui_dash.complaint_detail_panel(wanted, "complaints")

with st.spinner(ui.t("app.loading")):
    figs = ui.figure_set(
        complaints.figures, filters, complaints.targets(ui.settings_snapshot()), now=complaints.rounded_now()
    )
if complaints.is_empty(figs):
    st.info(ui.t("complaints.empty"))
    st.stop()

summary, goals, prev = figs.summary, figs.targets, figs.previous_filters
as_of_text = complaints.to_local(figs.as_of, filters.timezone).strftime("%Y-%m-%d %H:%M")
sla_as_of_text = complaints.to_local(figs.sla_as_of, filters.timezone).strftime("%Y-%m-%d %H:%M")
st.caption(
    ui.t(
        "complaints.caption",
        start=filters.start,
        end=filters.end,
        tz=zones.zone_name(filters.timezone, lang),
        as_of=as_of_text,
        sla_as_of=sla_as_of_text,
        prev_start=prev.start,
        prev_end=prev.end,
    )
)
if filters.business_hours:
    st.caption(
        ui.t(
            "complaints.business_hours_note",
            total=summary["complaint_count"],
            calendar=summary["complaint_count"] - summary["business_hours_count"],
        )
    )

ui_tiles.figure_tiles(figs.tiles, lang, complaints.tile_texts(figs, lang), per_row=3)
st.caption(
    ui.t(
        "complaints.definitions",
        sla=goals.sla_hours,
        fr_date_only=summary["first_response_date_only_count"],
        res_date_only=summary["resolution_date_only_count"],
    )
)


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
                    flagged=", ".join(flagged) or ui.t("complaints.trend.flagged_none"),
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
            {h: ui.t(f"complaints.hot_spots.tab.{h}") for h in hot_spots}, "complaints_hot_spots_tab"
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


st.subheader(ui.t("complaints.section.trends"))
trend_section(figs.trend, lang, goals.low_confidence_n)
st.subheader(ui.t("complaints.section.hot_spots"))
st.caption(ui.t("clist.drill_hint"))
hot_spots_section(figs, lang)
st.subheader(ui.t("complaints.section.backlog"))
ui_dash.drill_chart(
    ui.built(charts.backlog, figs.backlog, as_of_text, lang), "complaints_backlog", drill.backlog_bar
)

period = f"{filters.start:%Y%m%d}-{filters.end:%Y%m%d}"
for name in ("stores", "agents"):
    st.subheader(ui.t(f"complaints.section.{name}"))
    frame = getattr(figs, name)
    parts = ui.built(ui_dash.complaint_table, frame, goals, filters, lang, name)  # made once per figure set
    ui_dash.drill_table(
        parts.linked,
        frame,
        f"complaints_by_{name[:-1]}_{period}.csv",
        f"complaints_{name}",
        drill.store_row if name == "stores" else drill.agent_row,
        column_config=parts.config,
        export=parts.shown,
        marks=parts.marks,
        once=True,
    )
