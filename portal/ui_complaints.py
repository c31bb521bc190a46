"""The Complaints page's sections that rerun on their own (``ui.section``, issue 14): the weekly trend's tabs and
the hot-spot tabs. pages/complaints.py draws the rest."""

from __future__ import annotations

import streamlit as st

from portal import complaints, ui, ui_dash, vocab
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
            if series == "sla_attainment_pct" and (note := complaints.trend_sla_note(trend, lang)):
                st.caption(note)
            flagged = trend.loc[trend[f"{series}_is_out"].astype(bool), "week_start"].dt.strftime("%Y-%m-%d")
            st.caption(
                ui.t(
                    "complaints.trend.note",
                    flagged=listed(flagged) if len(flagged) else ui.t("complaints.trend.flagged_none"),
                )
            )


@ui.section
def hot_spots_section(figs, lang: str, version: tuple[int, ...]) -> None:
    """Categories, channels, category x store, one tab each. A fragment (issue 14): opening a tab or switching
    the Pareto's view reruns this section only (a clicked bar or cell still opens the complaint list).

    ``figs``: the page's figure set; without its hot spots (the page's first paint, ``figures(...,
    hot_spots=False)``) they are read (``complaints.hot_spots``, cached as the figure set) when a tab or the
    Pareto's view that shows them is opened, at ``version``, the data version the figure set was built on: a tab
    opened after an import reads the data of the tiles beside it, or the whole page is drawn anew."""

    def hot():
        if figs.channels is not None:
            return figs
        return ui.figure_set(
            complaints.hot_spots,
            figs.filters,
            figs.targets,
            as_of=figs.as_of,
            sla_as_of=figs.sla_as_of,
            at_version=version,
        )

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
                source_categories = hot().source_categories
                ui.chart_of(charts.pareto, source_categories, lang, True, key="complaints_pareto_source")
                n = len(source_categories)
                st.caption(
                    ui.t("complaints.pareto.source_note", n=n, shown=min(n, charts.PARETO_SOURCE_BARS))
                )
            else:
                ui_dash.drill_chart(
                    ui.built(charts.pareto, figs.categories, lang), "complaints_pareto", drill.pareto
                )
    if hot_tabs[1].open is not False:
        with hot_tabs[1]:
            ui.chart_of(charts.channels, hot().channels, lang, key="complaints_channels")
    if hot_tabs[2].open is not False:
        with hot_tabs[2]:
            names = dict(zip(figs.stores["store_code"], figs.stores["store_name"], strict=False))
            order = list(figs.categories["category_group"])  # the heat map's rows in the Pareto's order
            heat = ui.built(charts.heat_map, hot().category_store, lang, order=order, names=names)
            ui_dash.drill_chart(heat, "complaints_heat_map", drill.heat_cell)


# ---------------------------------------------------------------- the complaint list's choosers
def sync_list(req: drill.ListRequest, filters, key: str, page: int = 1) -> None:
    """A choice of the complaint list changed: the address holds the list's choices (page back to the first
    unless paging)."""
    s = st.session_state
    new = drill.ListRequest(
        filters,
        which=s[f"{key}_which"],
        statuses=tuple(s[f"{key}_status"]),
        age_buckets=tuple(s[f"{key}_age"]),
        overdue=s[f"{key}_overdue"],
        agent_ids=req.agent_ids,
        agent_team_id=req.agent_team_id,
        sort=s[f"{key}_sort"],
        descending=s[f"{key}_desc"],
        page=page,
    )
    for name in drill.LIST_KEYS:
        if name in st.query_params:
            del st.query_params[name]
    st.query_params.update(drill.request_to_query(new))


def list_choosers(req: drill.ListRequest, filters, key: str):
    """The complaint list's two rows of choices (which complaints, status, age, overdue; sort, order, page
    size), set from the address (``req``); each change goes back to the address. Returns the cell left for the
    page number, which needs the count of rows first."""
    state = {
        f"{key}_which": req.which,
        f"{key}_status": list(req.statuses),
        f"{key}_age": list(req.age_buckets),
        f"{key}_overdue": req.overdue,
        f"{key}_sort": req.sort,
        f"{key}_desc": req.descending,
    }
    for name, value in state.items():
        if st.session_state.get(name) != value:
            st.session_state[name] = value
    sync = {"on_change": sync_list, "args": (req, filters, key)}

    def choose(cell, label: str, options, words: str, name: str, many: bool = False, **more) -> None:
        widget = cell.multiselect if many else cell.selectbox
        if many:
            more["placeholder"] = ui.t("filters.all")
        widget(
            ui.t(label),
            list(options),
            format_func={o: ui.t(words.format(o or "any")) for o in options}.get,
            key=f"{key}_{name}",
            **more,
            **sync,
        )

    # the two single choices wider than the two lists (whose "All" is short): at 768 px (a tablet) a quarter of the
    # row cut the default "Received in the period" to "Received in the perio" (a UI audit)
    row1 = st.columns([3, 2, 2, 3])
    choose(row1[0], "clist.which", drill.WHICH, "clist.which.{}", "which")
    choose(row1[1], "clist.status", vocab.COMPLAINT_STATUSES, "complaints.state.{}", "status", many=True)
    choose(row1[2], "clist.age", drill.AGE_BUCKETS, "complaints.age.{}", "age", many=True)
    choose(row1[3], "clist.overdue", drill.OVERDUE, "clist.overdue.{}", "overdue")
    row2 = st.columns([2, 2, 2, 2])
    choose(row2[0], "clist.sort", drill.SORTS, "clist.sort.{}", "sort")
    row2[1].toggle(ui.t("clist.descending"), key=f"{key}_desc", **sync)
    row2[2].selectbox(
        ui.t("clist.page_size"),
        drill.PAGE_SIZES,
        index=1,
        key=f"{key}_page_size",
        placeholder=ui.t("common.no_options"),
        **sync,
    )
    # the agent selection and (a by-agent row's) the team the complaints were received in, by code and name
    agents, team = drill.caption_names(ui.query, req, ui.lang())
    if agents is not None:
        st.caption(ui.t("text.label_value", label=ui.t("clist.agent"), value=agents))
    if team is not None:
        st.caption(ui.t("text.label_value", label=ui.t("clist.agent_team"), value=team))
    return row2[3]
