"""The Settings page's store opening hours: each store's week as a table, a weekly editor for chosen stores."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from portal import store_hours, ui, writes


def store_hours_section(user) -> None:
    lang = ui.lang()
    rows = ui.query("settings_store_hours", fresh=True)
    if rows.empty:
        st.info(ui.t("settings.store_zone.none"))
        return
    by_store = store_hours.weeks_of(rows)
    store_names = dict(zip(rows["store_code"], rows["store_name"].fillna(""), strict=False))
    names = {c: f"{c} {n}".strip() for c, n in store_names.items()}
    shown = pd.DataFrame(
        {
            ui.t("settings.col.store_code"): list(by_store),
            ui.t("settings.col.store_name"): [store_names[c] for c in by_store],
            ui.t("settings.hours.col.hours"): [store_hours.describe(w, lang) for w in by_store.values()],
        }
    )
    ui.table(shown, "store_opening_hours.csv", "settings_hours_list")
    chosen = st.multiselect(
        ui.t("settings.hours.stores"),
        list(names),
        filter_mode="contains",
        format_func=names.get,
        placeholder=ui.t("users.choose"),
        key="settings_hours_stores",
    )
    if not chosen:
        st.caption(ui.t("settings.hours.pick"))
        return
    start = by_store[chosen[0]]
    if any(by_store[c] != start for c in chosen[1:]):
        st.info(ui.t("settings.hours.differ", store=chosen[0]))
    labels = {c: ui.t(f"settings.hours.col.{c}") for c in ("day", "open", "opens", "closes")}
    # the editor's key follows the chosen stores: another choice starts from its own week
    key = "settings_hours_" + "_".join(chosen)
    with st.form(f"{key}_form", enter_to_submit=False):
        edited = st.data_editor(
            pd.DataFrame(store_hours.editor_rows(start, lang)),
            column_config={
                "day": st.column_config.TextColumn(labels["day"], disabled=True),
                "open": st.column_config.CheckboxColumn(labels["open"]),
                "opens": st.column_config.TimeColumn(labels["opens"], format="HH:mm", step=300),
                "closes": st.column_config.TimeColumn(labels["closes"], format="HH:mm", step=300),
            },
            hide_index=True,
            num_rows="fixed",
            key=f"{key}_editor",
            width="stretch",
        )
        submitted = st.form_submit_button(ui.t("settings.hours.save"), type="primary")
    if submitted:
        try:
            week = store_hours.week_from_rows(edited.to_dict(orient="records"), lang)
        except store_hours.HoursError as exc:
            st.error(ui.t(exc.key, **exc.values))
            return
        writes.set_store_hours(ui.connection(), chosen, week, user.username)
        ui.clear_caches()
        st.session_state["settings_flash"] = ui.t(
            "settings.hours.saved", n=len(chosen), hours=store_hours.describe(week, lang)
        )
        st.rerun()
