"""Satisfaction: index, CSAT, NPS against target and previous period; trend; SERVQUAL gaps; drivers; comments."""

import streamlit as st

from portal import satisfaction as sat
from portal import ui, ui_dash, ui_satisfaction, ui_tiles, vocab
from portal.satisfaction import charts
from portal.text import md_plain

user = ui.page_guard("satisfaction")
st.title(ui.t("page.satisfaction"))
channels = [(c, ui.t(f"sat.channel.{c}")) for c in vocab.SURVEY_CHANNELS]
filters = ui.filter_sidebar("satisfaction", extra={"channels": channels})
st.caption(ui.t("sat.caption"))
cfg = sat.load_settings(ui.settings_snapshot())
lang = ui.lang()
period = f"{filters.start:%Y%m%d}-{filters.end:%Y%m%d}"  # in every export's file name

with st.spinner(ui.t("app.loading")):
    # today: is the period in progress; version: the data the tiles were built on, which the trend and the comments
    # (sections that rerun alone) read theirs at
    tiles, version = ui.figure_set_versioned(sat.tiles, filters, cfg, ui.today())
if tiles.responses.n == 0:
    st.info(sat.empty_state("responses", user.roles, lang))
    st.stop()
ui_tiles.figure_tiles(tiles, lang, sat.tile_texts(tiles, lang))


st.subheader(ui.t("sat.section.trend"))
ui_satisfaction.trend_section(filters, cfg, lang, version)

st.subheader(ui.t("sat.section.ranking"))
ranked = ui.figure_set(sat.store_ranking, filters, cfg)  # figure_set shows the loading spinner
if ranked.empty:
    st.info(ui.t("sat.rank.empty"))
else:
    ui_dash.ranking_table(ranked, cfg, lang, f"satisfaction_store_ranking_{period}")


st.subheader(ui.t("sat.section.servqual"))
with st.spinner(ui.t("app.loading")):
    instruments = ui.figure_set(sat.servqual_figures, filters, cfg)
if not instruments:
    st.info(sat.empty_state("servqual", user.roles, lang, tiles.responses.n))
for s in instruments:  # the default instrument first, then any other the selection used
    key = f"satisfaction_sq{s.instrument_id}"
    with st.container(border=True):
        st.markdown(f"**{md_plain(sat.instrument_heading(s, lang))}**")
        for column, (label, value, under) in zip(st.columns(2), sat.score_tiles(s, lang), strict=True):
            column.metric(label, value, help=ui.t("sat.score.help"))
            column.caption(under)
        for note in sat.servqual_notes(s, lang, cfg):
            st.caption(md_plain(note))
        left, right = st.columns(2)
        with left:
            ui.chart_of(charts.expectation_perception, s.dimensions, lang, key=f"{key}_ep")
        with right:
            ui.chart_of(charts.dimension_gaps, s.dimensions, lang, s.low_confidence_n, key=f"{key}_gaps")
        ui_satisfaction.servqual_views_section(s, lang, key, period)


st.subheader(ui.t("sat.section.comments"))
ui_satisfaction.comments_section(filters, lang, period, version)
