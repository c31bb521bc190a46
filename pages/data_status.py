"""Data status: what the portal holds, per kind of data."""

import streamlit as st

from portal import charts, data_status, export, navigation, ui

user = ui.page_guard("data_status")
st.title(ui.t("page.data_status"))
st.caption(ui.t("status.caption"))

with st.spinner(ui.t("app.loading")):
    # only the kinds of data the user's roles may see (a team lead: no 5S rows; an inspector: 5S only)
    status = ui.query("data_status", {"kinds": navigation.visible_data_kinds(user.roles)})

if status["row_count"].sum() == 0:
    st.info(ui.t("status.empty"))
else:
    shown = data_status.table(status, ui.report_timezone(), ui.lang())  # last import: the reporting zone
    period = export.period_tag(ui.today())  # the status as of today (reporting zone) names the export
    kind = ui.t("status.kind")
    ui.table(
        shown,
        f"data_status_{period}.csv",
        key="data_status",
        column_config={kind: st.column_config.TextColumn(width=ui.text_width(shown[kind], kind))},
    )
    if status["last_import_at"].isna().any():  # "—" alone did not say why
        st.caption(ui.t("status.no_import"))
    ui.chart(charts.row_counts(status, ui.lang()), key="data_status_chart")
st.caption(ui.t("status.schema_version", v=ui.schema_version()))
