"""Settings (admin): the reporting time zone and each store's time zone (issue 9 item 4), the stores' opening
hours, the targets; each change audited."""

import streamlit as st

from portal import settings, targets, ui, ui_settings, writes
from portal.ingest.preview import TIMEZONES
from portal.zones import zone_choice

user = ui.page_guard("settings")
st.title(ui.t("page.settings"))
st.caption(ui.t("settings.caption"))
flash = st.session_state.pop("settings_flash", None)
if flash:
    st.success(flash)
con = ui.connection()
zones = list(dict.fromkeys([*TIMEZONES, *sorted(settings.known_timezones())]))
chosen = settings.get(con, "report_timezone")
chosen = chosen if chosen in settings.known_timezones() else None
in_use = settings.report_timezone(con)

st.subheader(ui.t("settings.report_zone.title"))
with st.form("settings_report_zone", enter_to_submit=False):
    options = [None, *zones]
    auto = ui.t("settings.report_zone.auto", zone=settings.stores_timezone(con))
    pick = st.selectbox(
        ui.t("settings.report_zone.label"),
        options,
        index=options.index(chosen),
        format_func=lambda z: zone_choice(z) if z else auto,
        key="settings_report_zone_pick",
        placeholder=ui.t("common.no_options"),
    )
    st.caption(ui.t("settings.report_zone.now", zone=in_use))
    if st.form_submit_button(ui.t("settings.report_zone.save"), type="primary"):
        writes.set_report_timezone(con, pick, user.username)
        ui.clear_caches()
        st.session_state["settings_flash"] = ui.t(
            "settings.report_zone.saved", zone=settings.report_timezone(con)
        )
        st.rerun()

st.subheader(ui.t("settings.store_zone.title"))
stores = ui.query("settings_store_zones", fresh=True)
if stores.empty:
    st.info(ui.t("settings.store_zone.none"))
else:
    shown = stores[["store_code", "store_name", "region_name_" + ui.lang(), "timezone", "is_active"]]
    shown.columns = [
        ui.t(f"settings.col.{c}") for c in ("store_code", "store_name", "region", "timezone", "active")
    ]
    ui.table(shown, "store_time_zones.csv", "settings_stores")
    names = dict(zip(stores["store_code"], stores["store_code"] + " " + stores["store_name"], strict=True))
    with st.form("settings_store_zone", enter_to_submit=False):
        left, right = st.columns(2)
        code = left.selectbox(
            ui.t("settings.store_zone.store"),
            list(names),
            filter_mode="contains",
            format_func=names.get,
            key="settings_store_pick",
            placeholder=ui.t("common.no_options"),
        )
        zone = right.selectbox(
            ui.t("settings.store_zone.zone"),
            zones,
            format_func=zone_choice,  # Etc/GMT-8 (UTC+8)
            key="settings_store_zone_pick",
            placeholder=ui.t("common.no_options"),
        )
        if st.form_submit_button(ui.t("settings.store_zone.save"), type="primary"):
            was = writes.set_store_timezone(con, code, zone, user.username)
            ui.clear_caches()
            st.session_state["settings_flash"] = ui.t(
                "settings.store_zone.saved", store=code, zone=zone, was=was
            )
            st.rerun()

st.subheader(ui.t("settings.hours.title"))
st.caption(ui.t("settings.hours.caption", hours=f"{ui.setting('response_sla_hours'):g}"))
ui_settings.store_hours_section(user)

st.subheader(ui.t("settings.targets.title"))
st.caption(ui.t("settings.targets.caption"))
loaded = settings.load_all(con)
now = targets.current(loaded)
with st.form("settings_targets", enter_to_submit=False):
    values = {}
    for heading, prefixes in targets.GROUPS:
        st.markdown(f"**{ui.t(heading)}**")
        columns = st.columns(3)
        for i, field in enumerate(targets.group_fields(prefixes)):
            values[field.name] = columns[i % 3].number_input(
                ui.t(field.label_key),
                value=int(now[field.name]) if field.whole else now[field.name],
                step=1 if field.whole else 0.5,
                key=f"settings_targets_{field.name}",
            )
    if st.form_submit_button(ui.t("settings.targets.save"), type="primary"):
        errors = targets.validate(values)
        for key, found in errors:
            st.error(ui.t(key, **found | ({"field": ui.t(found["field"])} if "field" in found else {})))
        changed = {} if errors else targets.changes(loaded, values)
        if not errors and not changed:
            st.info(ui.t("settings.targets.unchanged"))
        elif changed:
            writes.put_settings(con, changed, user.username)
            ui.clear_caches()
            st.session_state["settings_flash"] = ui.t("settings.targets.saved", n=len(changed))
            st.rerun()
