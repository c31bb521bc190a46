"""5S results: headline tiles, chain heat map store x section, store ranking with bands, one store against the
selection (radar, trend), inspector consistency, repeat findings."""

import streamlit as st

from portal import export, ui, ui_fives
from portal.fives import figures

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
    ranking = figures.ranking(ui.query, filters, cfg)  # three of the views and their store names
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
# each view reads what it shows (cached queries) only when it is open
if tabs["heatmap"].open is not False:
    with tabs["heatmap"]:
        ui_fives.heatmap_view(figures.heatmap(ui.query, filters), ranking, lang, cfg.low_confidence_n)
if tabs["ranking"].open is not False:
    with tabs["ranking"]:
        ui_fives.ranking_view(ranking, cfg, lang, period)
if tabs["store"].open is not False:
    with tabs["store"]:
        ui_fives.store_view(
            ranking,
            figures.heatmap(ui.query, filters),
            figures.trend(ui.query, filters),
            figures.repeat_findings(ui.query, filters),
            lang,
            period,
        )
if tabs["inspectors"].open is not False:
    with tabs["inspectors"]:
        ui_fives.inspectors_view(figures.consistency(ui.query, filters), lang, period)
if tabs["repeats"].open is not False:
    with tabs["repeats"]:
        ui_fives.repeats_view(figures.repeat_findings(ui.query, filters), lang, period)
