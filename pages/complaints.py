"""Complaints: volume, response and resolution times, SLA, backlog, reopen and recovery (SPEC.md §3)."""

import streamlit as st

from portal import complaints, ui, ui_complaints, ui_dash, ui_tiles, vocab, zones
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
    # the hot-spot tabs' own figures (channels, category x store, the source's categories) when they are opened
    # and the data version it was built on: the hot-spot tabs (a section rerun alone) read theirs at it
    figs, version = ui.figure_set_versioned(
        complaints.figures,
        filters,
        complaints.targets(ui.settings_snapshot()),
        now=complaints.rounded_now(),
        hot_spots=False,
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
        hours=f"{goals.sla_hours:g}",  # the response_sla_hours setting (it said "24-hour" whatever was set)
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
        sla_undecided=summary["sla_undecided_count"],
    )
    + " "
    + ui.t("kpi.target.rule")
)


st.subheader(ui.t("complaints.section.trends"))
ui_complaints.trend_section(figs.trend, lang, goals.low_confidence_n)
st.subheader(ui.t("complaints.section.hot_spots"))
st.caption(ui.t("clist.drill_hint"))
ui_complaints.hot_spots_section(figs, lang, version)
st.subheader(ui.t("complaints.section.backlog"))
ui_dash.drill_chart(
    ui.built(charts.backlog, figs.backlog, as_of_text, lang, figs.tile("backlog").reason),
    "complaints_backlog",
    drill.backlog_bar,
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
