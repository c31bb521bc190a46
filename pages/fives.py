"""5S results: headline tiles, chain heat map store x section, store ranking with bands, one store against the
selection (radar, trend), inspector consistency, repeat findings."""

import streamlit as st

from portal import export, ui, ui_fives
from portal.fives import charts, display, figures

user = ui.page_guard("fives")
st.title(ui.t("page.fives"))
st.caption(ui.t("fives.caption"))
filters = ui.filter_sidebar("fives")
cfg = figures.load_settings(ui.settings_snapshot())
lang = ui.lang()
period = export.period_tag(filters.start, filters.end)  # in every export's file name

with st.spinner(ui.t("app.loading")):
    # actions change without an import: the headline (open and overdue actions) is read fresh
    headline = figures.headline(lambda n, p: ui.query(n, p, fresh=True), filters, cfg, ui.today())
    heatmap = figures.heatmap(ui.query, filters)
    ranking = figures.ranking(ui.query, filters, cfg)
    repeats = figures.repeat_findings(ui.query, filters)
if headline.chain_overall.n == 0:
    st.info(
        ui.t("fives.empty")
        + " "
        + ui.t("fives.empty.inspector" if user.has_role("inspector") else "fives.empty.manager")
    )
    st.stop()
ui_fives.tiles(headline, cfg, lang)

# ui.lazy_tabs: only the open view is drawn (each holds charts or tables of every store in scope)
views = ("heatmap", "ranking", "store", "inspectors", "repeats")
# the heat map's choices and the store picked stay while another view is open
tabs = ui.lazy_tabs(
    {v: ui.t(f"fives.view.{v}") for v in views},
    "fives_view",
    keep=("fives_heatmap_show", "fives_heatmap_order", "fives_store"),
)
if tabs["heatmap"].open is not False:
    with tabs["heatmap"]:
        ui_fives.heatmap_view(heatmap, ranking, lang)
if tabs["ranking"].open is not False:
    with tabs["ranking"]:
        st.caption(
            ui.t(
                "fives.ranking.caption",
                excellent=cfg.excellent_min,
                good=cfg.good_min,
                needs=cfg.needs_improvement_min,
            )
        )
        ui_fives.ranking_table(ranking, lang, key="fives_ranking", period=period)
        ui.chart(charts.ranking_bars(ranking, cfg, lang), "fives_ranking_chart")
if tabs["store"].open is not False:
    with tabs["store"]:
        ui_fives.store_view(ranking, heatmap, figures.trend(ui.query, filters), repeats, lang, period)
if tabs["inspectors"].open is not False:
    with tabs["inspectors"]:
        st.caption(ui.t("fives.inspectors.caption"))
        consistency = figures.consistency(ui.query, filters)
        if consistency["difference_pp"].notna().any():
            ui.chart(charts.consistency_bars(consistency, lang), "fives_consistency_chart")
        else:
            st.info(ui.t("fives.inspectors.none_shared"))
        ui.table(
            display.consistency_table(consistency, lang),
            f"fives_inspectors_{period}.csv",
            key="fives_consistency",
        )
if tabs["repeats"].open is not False:
    with tabs["repeats"]:
        st.caption(ui.t("fives.repeats.caption"))
        if repeats.empty:
            st.info(ui.t("fives.repeats.none"))
        else:
            ui_fives.repeats_table(repeats, lang, "fives_repeats", period)
