"""5S results: headline tiles, chain heat map store x section, store ranking with bands, one store against the
selection (radar, trend), inspector consistency, repeat findings."""

import streamlit as st

from portal import ui, ui_fives
from portal.fives import charts, display, figures

user = ui.page_guard("fives")
st.title(ui.t("page.fives"))
st.caption(ui.t("fives.caption"))
filters = ui.filter_sidebar("fives")
cfg = figures.load_settings(ui.connection())
lang = ui.lang()

with st.spinner(ui.t("app.loading")):
    # actions change without an import: the headline (open and overdue actions) is read fresh
    headline = figures.headline(lambda n, p: ui.query(n, p, fresh=True), filters, cfg, ui.today())
    heatmap = figures.heatmap(ui.query, filters)
    ranking = figures.ranking(ui.query, filters, cfg)
if headline.chain_overall.n == 0:
    st.info(
        ui.t("fives.empty")
        + " "
        + ui.t("fives.empty.inspector" if user.has_role("inspector") else "fives.empty.manager")
    )
    st.stop()
ui_fives.tiles(headline, cfg, lang)

views = ("heatmap", "ranking", "store", "inspectors", "repeats")
heat_tab, rank_tab, store_tab, insp_tab, rep_tab = st.tabs([ui.t(f"fives.view.{v}") for v in views])
with heat_tab:
    left, right = st.columns(2)
    n_stores = int(ranking["store_id"].nunique())
    show = left.radio(
        ui.t("fives.heatmap.show"),
        display.HEATMAP_SHOW,
        index=0 if n_stores > display.HEATMAP_N else 2,
        format_func=lambda s: ui.t(
            f"fives.heatmap.show.{s}", n=display.HEATMAP_N if s != "all" else n_stores
        ),
        horizontal=True,
        key="fives_heatmap_show",
    )
    sections = display.section_options(heatmap)
    names = {c: display.section_label(c, en, zh, lang) for c, en, zh in sections}
    order_by = right.selectbox(
        ui.t("fives.heatmap.sort"),
        ["overall", *names],
        format_func=lambda c: names.get(c, ui.t("fives.heatmap.sort.overall")),
        key="fives_heatmap_order",
    )
    ui.chart(
        charts.heatmap(display.heatmap_frame(heatmap, ranking, lang, show, order_by=order_by), lang),
        "fives_heatmap",
    )
    st.caption(ui.t("fives.heatmap.caption"))
with rank_tab:
    st.caption(
        ui.t(
            "fives.ranking.caption",
            excellent=cfg.excellent_min,
            good=cfg.good_min,
            needs=cfg.needs_improvement_min,
        )
    )
    ui_fives.ranking_table(ranking, lang, key="fives_ranking")
    ui.chart(charts.ranking_bars(ranking, cfg, lang), "fives_ranking_chart")
with store_tab:
    labels = {int(r.store_id): display.store_label(r.store_code, r.store_name) for r in ranking.itertuples()}
    store_id = st.selectbox(ui.t("fives.store.pick"), list(labels), format_func=labels.get, key="fives_store")
    row = ranking[ranking["store_id"] == store_id].iloc[0]
    st.caption(
        ui.t(
            "fives.store.caption",
            store=labels[store_id],
            n=int(row["scored_n"]),
            pct=display.pct(row["mean_pct"], lang),
            band=display.band_label(row["band"], lang),
        )
    )
    left, right = st.columns(2)
    with left:
        ui.chart(charts.radar(heatmap, store_id, labels[store_id], lang), "fives_radar")
    with right:
        ui.chart(
            charts.store_trend(figures.trend(ui.query, filters), store_id, labels[store_id], lang),
            "fives_trend",
        )
with insp_tab:
    st.caption(ui.t("fives.inspectors.caption"))
    consistency = figures.consistency(ui.query, filters)
    if consistency["difference_pp"].notna().any():
        ui.chart(charts.consistency_bars(consistency, lang), "fives_consistency_chart")
    else:
        st.info(ui.t("fives.inspectors.none_shared"))
    ui.table(display.consistency_table(consistency, lang), "fives_inspectors.csv", key="fives_consistency")
with rep_tab:
    st.caption(ui.t("fives.repeats.caption"))
    repeats = figures.repeat_findings(ui.query, filters)
    if repeats.empty:
        st.info(ui.t("fives.repeats.none"))
    else:
        ui.table(display.repeats_table(repeats, lang), "fives_repeat_findings.csv", key="fives_repeats")
