"""Audit log (admin): who did what and when, with filters and CSV export."""

from datetime import timedelta

import streamlit as st

from portal import audit, logs, ui

ui.page_guard("audit_log")
st.title(ui.t("page.audit_log"))
st.caption(ui.t("audit.caption"))

with st.form("audit_log_filters", enter_to_submit=False):
    c1, c2, c3 = st.columns(3)
    picked = c1.date_input(
        ui.t("filters.date_range"),
        value=(ui.today() - timedelta(days=30), ui.today()),
        key="audit_log_dates",
    )
    actions = c2.multiselect(
        ui.t("audit.action"),
        audit.ACTIONS,
        format_func=lambda a: ui.t(f"audit.action.{a}"),
        placeholder=ui.t("filters.all"),
        key="audit_log_actions",
    )
    username = c3.text_input(ui.t("audit.user"), key="audit_log_user")
    st.form_submit_button(ui.t("filters.apply"))

start, end = picked if isinstance(picked, tuple) and len(picked) == 2 else (picked, picked)
params = {"actions": list(actions), "username": username.strip().lower()}
params.update(ui.period_params(start, end))
with st.spinner(ui.t("app.loading")):
    entries = ui.query("audit_log_entries", params, fresh=True)

if entries.empty:
    st.info(ui.t("audit.empty"))
else:
    st.caption(ui.t("audit.rows", n=len(entries)))
    shown = logs.audit_table(
        entries, ui.lang(), ui.report_timezone()
    )  # local times, targets and details in words
    ui.table(shown, f"audit_log_{start:%Y%m%d}-{end:%Y%m%d}.csv", key="audit_log")
