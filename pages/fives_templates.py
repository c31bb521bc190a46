"""5S checklists: edit a template (items, texts in both languages, weights, maximum score, section weights,
red-line items); saving makes a new version, past inspections keep theirs."""

import streamlit as st

from portal import ui, ui_fives_intake, writes, zones
from portal.fives_intake import editor
from portal.fives_intake import template as tpl

user = ui.page_guard("fives_templates")
st.title(ui.t("page.fives_templates"))
st.caption(ui.t("fives_intake.tpl.caption"))
con = ui.connection()
if "fives_templates_flash" in st.session_state:
    ui.outcome(st.session_state.pop("fives_templates_flash"))

versions = ui.query("fives_template_versions", fresh=True)
if versions.empty:
    st.info(ui.t("fives_intake.tpl.none"))
    st.stop()
shown = versions[
    [
        "template_code",
        "version",
        "name_en",
        "name_zh",
        "items_n",
        "inspections_n",
        "created_at",
        "created_by_name",
    ]
].rename(columns={"created_by_name": "created_by"})  # the display name under the "Created by" heading
zone = ui.report_timezone()  # when each version was created, in the reporting zone (its column says which)
shown = shown.assign(created_at=zones.local_column(shown["created_at"], zone))
ui.table(
    shown.rename(columns=lambda c: ui.t(f"fives_intake.tpl.col.{c}", zone=zones.zone_name(zone, ui.lang()))),
    "fives_template_versions.csv",
    key="fives_templates_versions",
)
templates = tpl.load_all(con)
codes = sorted({c for c, _ in templates})
code = st.selectbox(
    ui.t("fives_intake.tpl.template"),
    codes,
    key="fives_templates_code",
    placeholder=ui.t("common.no_options"),
)
base = tpl.latest(templates, code)
st.subheader(ui.t("fives_intake.tpl.editing", label=base.label))
a, b = st.columns(2)
name_en = a.text_input(
    ui.t("fives_intake.tpl.name_en"), base.name_en, key=f"fives_templates_name_en_{base.label}"
)
name_zh = b.text_input(
    ui.t("fives_intake.tpl.name_zh"), base.name_zh, key=f"fives_templates_name_zh_{base.label}"
)
st.markdown(f"**{ui.t('fives_intake.tpl.sections')}**")
sections = st.data_editor(
    editor.sections_table(base),
    disabled=["section"],
    hide_index=True,
    column_config=ui_fives_intake.section_columns(),
    key=f"fives_templates_sections_{base.label}",
)
st.markdown(f"**{ui.t('fives_intake.tpl.items')}**")
st.caption(ui.t("fives_intake.tpl.items_help"))
items = st.data_editor(
    editor.items_table(base),
    num_rows="dynamic",
    hide_index=True,
    column_config=ui_fives_intake.item_columns(base),
    use_container_width=True,
    key=f"fives_templates_items_{base.label}",
)
if st.button(ui.t("fives_intake.tpl.save"), type="primary", key="fives_templates_save"):
    candidate, problems = editor.from_tables(base, name_en, name_zh, sections, items)
    if editor.same_content(base, candidate):
        st.info(ui.t("fives_intake.tpl.unchanged"))
    elif problems:
        for key, values in problems:
            st.error(ui.t(key, **values))
    else:
        _, version = writes.add_fives_template_version(con, candidate, user.username)
        st.session_state["fives_templates_flash"] = ui.t("fives_intake.tpl.saved", code=code, version=version)
        ui.clear_caches()
        st.rerun()
with st.expander(ui.t("fives_intake.form.sheet_title")):
    ui_fives_intake.sheet_download_form(base, ui.query("filter_stores"), user)
with st.expander(ui.t("fives_intake.foreign.title")):
    ui_fives_intake.foreign_sheet_form(con, user, templates)
