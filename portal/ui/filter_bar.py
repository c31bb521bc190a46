"""The one sidebar filter: a period, then one multiselect per dimension the page declares, in one form."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import streamlit as st

from portal import navigation
from portal.filters import DIMENSIONS, LEGACY_FIELDS, Filters, today_in
from portal.ui.core import lang, query, report_timezone, t

_PRESETS = ("last_30", "last_90", "last_365", "this_year", "custom")


def _preset_range(preset: str, today: date) -> tuple[date, date]:
    if preset == "last_30":
        return today - timedelta(days=29), today
    if preset == "last_365":
        return today - timedelta(days=364), today
    if preset == "this_year":
        return date(today.year, 1, 1), today
    return today - timedelta(days=89), today


def _dimensions_of(page_key: str, extra: Mapping[str, Any] | None) -> tuple[str, ...]:
    """The page's declared dimensions (``PageSpec.dimensions``); a page that declares none gets region and
    store plus the dimensions its legacy ``extra`` lists name (channels, categories, severities)."""
    try:
        declared = navigation.page(page_key).dimensions
    except KeyError:
        declared = ()
    if declared:
        return declared
    return ("region", "store", *(LEGACY_FIELDS.get(field, field) for field in (extra or {})))


def _vocabulary_options(name: str) -> list[tuple[str, str]]:
    dim = DIMENSIONS[name]
    return [(v, t(f"{dim.value_label_prefix}.{v}")) for v in dim.values or ()]


def filter_sidebar(
    page_key: str,
    *,
    today: date | None = None,
    dimensions: Sequence[str] | None = None,
    extra: Mapping[str, Sequence[tuple[str, str]]] | None = None,
    business_hours: bool = False,
) -> Filters:
    """The one sidebar filter: the period, then the dimensions the page offers, region and store within the
    user's scope. ``dimensions`` overrides the page's declaration in ``navigation.PAGES``; ``extra`` (the
    former field -> (value, label) lists) is accepted for pages not yet moved, its options unused when the
    page declares its dimensions. One form, so a batch of changes is one rerun.
    """
    timezone = report_timezone()
    today = today or today_in(timezone)
    offered = tuple(dimensions or _dimensions_of(page_key, extra))
    unknown = [d for d in offered if d not in DIMENSIONS]
    if unknown:
        raise ValueError(f"unknown filter dimensions {unknown}")
    key = f"{page_key}_filters"
    _from_link(key, offered)
    st.sidebar.markdown(f"**{t('filters.title')}**")
    # the period sits outside the form, so choosing "Custom" opens the date picker at once
    preset = st.sidebar.selectbox(
        t("filters.preset"),
        _PRESETS,
        index=1,
        format_func=lambda p: t(f"filters.preset.{p}"),
        key=f"{key}_preset",
    )
    start, end = _preset_range(preset, today)
    chosen: dict[str, tuple] = {}
    with st.sidebar.form(key):
        if preset == "custom":
            picked = st.date_input(t("filters.date_range"), value=(start, end), key=f"{key}_dates")
            if isinstance(picked, tuple) and len(picked) == 2:
                start, end = picked
        else:
            st.caption(f"{start:%Y-%m-%d} – {end:%Y-%m-%d}")
        st.caption(t("filters.timezone_note", tz=timezone))
        for name in offered:
            dim = DIMENSIONS[name]
            if name == "region":
                regions = query("filter_regions")
                labels = dict(zip(regions["region_id"], regions["region_name_" + lang()], strict=False))
            elif name == "store":
                stores = query("filter_stores")
                regions_chosen = chosen.get("region", ())
                labels = {
                    s: f"{code} {store_name}"
                    for s, code, store_name, r in zip(
                        stores["store_id"],
                        stores["store_code"],
                        stores["store_name"],
                        stores["region_id"],
                        strict=False,
                    )
                    if not regions_chosen or r in regions_chosen
                }
            else:
                labels = dict(_vocabulary_options(name))
            picked_values = st.multiselect(
                t(dim.label_key),
                list(labels),
                format_func=labels.get,
                placeholder=t("filters.all"),
                key=f"{key}_{dim.key_suffix}",
            )
            if name in ("region", "store"):
                picked_values = [int(v) for v in picked_values]
            chosen[name] = tuple(picked_values)
        hours = False
        if business_hours:
            hours = st.toggle(t("filters.business_hours"), key=f"{key}_business_hours")
        st.form_submit_button(t("filters.apply"), width="stretch")
    if start > end:
        st.sidebar.warning(t("filters.bad_range"))
        start, end = _preset_range("last_90", today)
    return Filters(start=start, end=end, business_hours=hours, timezone=timezone, selections=chosen)


def _from_link(key: str, offered: Sequence[str]) -> None:
    """A link (the overview's alerts and brief) may carry ``?start=YYYY-MM-DD&end=...&store=CODE&category=X``:
    the filter starts from it, once (before its widgets exist), and the reader may change it from there."""
    params = st.query_params
    if f"{key}_preset" in st.session_state or "start" not in params or "end" not in params:
        return
    try:
        start, end = date.fromisoformat(params["start"]), date.fromisoformat(params["end"])
    except ValueError:
        return
    st.session_state[f"{key}_preset"] = "custom"
    st.session_state[f"{key}_dates"] = (min(start, end), max(start, end))
    if "store" in params and "store" in offered:
        stores = query("filter_stores")
        ids = [int(i) for i in stores.loc[stores["store_code"] == params["store"], "store_id"]]
        if ids:
            st.session_state[f"{key}_{DIMENSIONS['store'].key_suffix}"] = ids
    if "category" in params and "category" in offered and params["category"] in DIMENSIONS["category"].values:
        st.session_state[f"{key}_{DIMENSIONS['category'].key_suffix}"] = [params["category"]]


def period_params(start: date, end: date) -> dict[str, Any]:
    """``$start_at`` / ``$end_at`` (end exclusive) for a pair of inclusive dates."""
    return {
        k: v
        for k, v in Filters(start=min(start, end), end=max(start, end), timezone=report_timezone())
        .sql_params()
        .items()
        if k in ("start_at", "end_at", "start_on", "end_on")
    }
