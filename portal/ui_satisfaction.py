"""The Satisfaction page's sections that rerun on their own (``ui.section``, issue 14): the trend with its grain
and metric, an instrument's SERVQUAL view tabs, and the comments with their score filter. pages/satisfaction.py
draws the rest."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from portal import satisfaction as sat
from portal import ui, ui_dash, ui_overview
from portal.satisfaction import charts
from portal.text import md_plain


@ui.section
def trend_section(filters, cfg, lang: str, version: tuple[int, ...]) -> None:
    """The trend with its grain and metric. A fragment (issue 14): a grain or metric change reruns this section
    only, reading the trend at ``version``, the data version of the page's tiles (``ui.figure_set``'s
    ``at_version``): after an import, the tiles' data or the whole page drawn anew, never newer figures beside
    older ones."""
    left, right = st.columns(2)
    grain = left.radio(
        ui.t("sat.grain"),
        sat.GRAINS,
        format_func=lambda g: ui.t(f"common.{g}"),
        horizontal=True,
        key="satisfaction_grain",
    )
    metric = right.radio(
        ui.t("sat.trend_metric"),
        list(charts.TREND_METRICS),
        horizontal=True,
        format_func=lambda m: ui.t(f"sat.metric.{m}"),
        key="satisfaction_metric",
    )
    trend = ui.figure_set(sat.trend, filters, cfg, grain, at_version=version)
    ui.chart_of(
        charts.trend, trend, metric, sat.target_for(cfg, metric), grain, lang, key="satisfaction_trend"
    )
    st.caption(ui.t("sat.trend_caption", n=cfg.low_confidence_n))


@ui.section
def servqual_views_section(s, lang: str, key: str, period: str) -> None:
    """An instrument's SERVQUAL views, one tab each. A fragment (issue 14): opening a tab reruns these tabs
    only."""
    views = ui.built(sat.servqual_views, s, lang)
    # ui.lazy_tabs: only the open tab's chart and table are sent (the others when they are opened)
    tabs = ui.lazy_tabs({v.name: v.title for v in views}, f"{key}_views")
    for view in views:
        tab = tabs[view.name]
        if tab.open is False:
            continue
        with tab:
            for note in view.notes:
                st.caption(md_plain(note))
            if view.chart is not None:
                ui.chart(view.chart, key=f"{key}_{view.name}_chart")
            if not view.table.empty:
                shown, links = view.table, {}
                if view.name == "stores":  # each store links to its store view
                    first = view.table.columns[0]
                    codes = [str(v).split(" ", 1)[0] for v in view.table[first]]  # "S001 name"
                    shown, links = ui_overview.store_linked(view.table, codes, lang, first)
                ui.table(
                    shown,
                    f"servqual_{s.instrument_code}_{view.name}_{period}.csv",
                    key=f"{key}_{view.name}",
                    column_config=view_column_config(view, links),
                    export=view.table,
                    once=True,  # the view is built once (ui.built): its CSV too
                )


@ui.section
def comments_section(filters, lang: str, period: str, version: tuple[int, ...]) -> None:
    """The latest comments, by overall score. A fragment (issue 14): choosing scores reruns this section only, at
    ``version`` (the page's tiles' data version, as ``trend_section``)."""
    scores = st.multiselect(
        ui.t("sat.comments.scores"),
        [1, 2, 3, 4, 5],
        placeholder=ui.t("filters.all"),
        key="satisfaction_comment_scores",
    )
    with st.spinner(ui.t("app.loading")):
        # the same frame on a cached rerun
        latest = ui.figure_set(sat.comments, filters, tuple(scores), at_version=version)
    if latest.empty:
        st.info(ui.t("sat.comments.empty"))
    else:
        st.caption(ui.t("sat.comments.caption", n=len(latest)))
        link = st.column_config.LinkColumn(display_text=r"complaint=(.+)$")
        shown, store_links, csv = ui.built(ui_dash.comments_parts, latest, lang)
        ui.table(
            shown,
            f"satisfaction_comments_{period}.csv",
            key="satisfaction_comments",
            column_config={ui.t("sat.col.complaint"): link, **store_links},
            export=csv,  # the complaint's id, not the link; no store-view link
            once=True,
        )


def view_column_config(view: sat.View, links: dict) -> dict:
    """A SERVQUAL view's table columns: its number formats, the store links, the short headers with their help
    (``View.shown``), and the store's or region's label as wide as its longest entry ("S010 石家庄中山路店":
    Streamlit sizes a column by its first rows, and cut a longer label further down at a tablet's width), pinned:
    a sideways scroll over the gaps keeps in view which store a row is."""
    config = {}
    for column in view.table.columns:
        label, help_text = view.shown.get(column, (None, None))
        words = {"label": label, "help": help_text} if label is not None else {}
        if column in view.formats:
            config[column] = st.column_config.NumberColumn(format=view.formats[column], **words)
        elif words and pd.api.types.is_bool_dtype(view.table[column]):
            config[column] = st.column_config.CheckboxColumn(**words)
        elif words:
            config[column] = st.column_config.Column(**words)
    if view.name in ("stores", "regions") and not view.table.empty:
        first = view.table.columns[0]
        config[first] = st.column_config.TextColumn(
            width=ui.text_width(view.table[first], first), pinned=True
        )
    return config | links
