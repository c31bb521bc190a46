"""Scorecard weights (admin): the versions so far, and a new version's weights (sum 100), floors, targets and
minimum n, in force from a chosen month for the periods not yet ended when saved (weights.version_for); a period
that had ended keeps the version it was scored with."""

import streamlit as st

from portal import ui, ui_scorecards, writes
from portal.scorecards import weights
from portal.scorecards import weights_form as form

user = ui.page_guard("scorecard_weights")
st.title(ui.t("page.scorecard_weights"))
st.caption(ui.t("scorecards.weights.caption"))
lang = ui.lang()
versions = weights.load_versions(ui.connection())
flash = st.session_state.pop("scorecard_weights_flash", None)
if flash:
    st.success(flash)

st.subheader(ui.t("scorecards.weights.current"))
ui.table(
    form.versions_table(versions, lang, ui.report_timezone()),
    "scorecard_weight_versions.csv",
    "scorecard_weights_versions",
)

st.subheader(ui.t("scorecards.weights.edit"))
st.caption(ui.t("scorecards.weights.help.rates"))
months = form.month_choices(ui.today())
with st.form("scorecard_weights_form", enter_to_submit=False):
    edited = st.data_editor(
        form.editor_frame(versions[-1], lang),
        hide_index=True,
        width="stretch",
        disabled=["metric", "label", "unit"],
        column_config=ui_scorecards.weights_editor_columns(lang),
        key="scorecard_weights_editor",
    )
    effective_from = st.selectbox(
        ui.t("scorecards.weights.effective_from"),
        months,
        format_func=lambda d: f"{d:%Y-%m}",
        key="scorecard_weights_from",
        placeholder=ui.t("common.no_options"),
    )
    note = st.text_input(ui.t("scorecards.weights.note"), key="scorecard_weights_note")
    submitted = st.form_submit_button(ui.t("scorecards.weights.save"), type="primary")

st.caption(ui.t("scorecards.weights.sum", total=form.weight_sum(edited)))
if submitted:
    rules = form.rules_from_frame(edited)
    errors = weights.validate(rules, effective_from, months[0])
    if errors:
        for message in form.error_messages(errors, lang):
            st.error(message)
    elif (same := weights.unchanged(versions, rules, effective_from)) is not None:
        st.info(ui.t("scorecards.weights.unchanged", version=same, since=f"{effective_from:%Y-%m}"))
    else:
        version = writes.save_scorecard_weights(
            ui.connection(), user.username, effective_from, rules, note.strip() or None
        )
        ui.clear_caches()
        # the versions table above shows the new one at once (it was drawn before the save)
        st.session_state["scorecard_weights_flash"] = ui.t(
            "scorecards.weights.saved", version=version, since=f"{effective_from:%Y-%m}"
        )
        st.rerun()
