"""Corrective actions: the loop per store at a glance, the list (status, due, overdue, repeat), and the workflow
of one action (start, submit what was done, verify or send back), each step checked and audited on the server."""

import streamlit as st

from portal import export, ui, ui_fives, ui_fives_intake, vocab
from portal.fives import actions, display, figures

user = ui.page_guard("fives_actions")
st.title(ui.t("page.fives_actions"))
ui_fives_intake.touch_targets()  # the steps' buttons tablet-sized, as the inspection form's
st.caption(ui.t("fives.actions.caption"))
filters = ui.filter_sidebar("fives_actions")
cfg = figures.load_settings(ui.settings_snapshot())
lang = ui.lang()
period = export.period_tag(filters.start, filters.end)  # in every export's file name


def fresh(name, params):  # actions change without an import: read them anew on every run
    return ui.query(name, params, fresh=True)


with st.spinner(ui.t("app.loading")):
    headline = figures.headline(fresh, filters, cfg, ui.today())
    loop = figures.action_loop(fresh, filters, cfg, ui.today())
ui_fives.tiles(headline, cfg, lang, ("open_actions", "overdue_actions", "repeat_findings"))

st.subheader(ui.t("fives.actions.loop"))
st.caption(ui.t("fives.actions.loop_caption"))
if loop.empty:
    st.info(ui.t("fives.empty"))
else:
    ui.table(display.loop_table(loop, lang), f"fives_action_loop_{period}.csv", key="fives_actions_loop")

st.subheader(ui.t("fives.actions.list"))
statuses = st.multiselect(
    ui.t("fives.actions.status_filter"),
    vocab.ACTION_STATUSES,
    format_func=lambda s: display.status_label(s, lang),
    placeholder=ui.t("filters.all"),
    key="fives_actions_statuses",
)
acts = figures.actions(fresh, filters, cfg, tuple(statuses), ui.today())
if acts.empty:
    st.info(ui.t("fives.actions.none"))
    st.stop()
st.caption(ui.t("fives.actions.list_caption", n=len(acts)))
ui_fives.actions_table(acts, lang, key="fives_actions_list", period=period)

st.subheader(ui.t("fives.actions.work"))
ui_fives.step_message()  # the last step's outcome (it names its action), above the picker
options = {int(r["action_id"]): display.action_option(r, lang) for _, r in acts.iterrows()}
wanted = st.query_params.get("action")
default = int(wanted) if wanted and wanted.isdigit() and int(wanted) in options else None
# no action asked for: the first work waiting for this user, not the list's first (overdue first: a store's oldest,
# months back; a manager found the one just submitted only by typing): one to check (verify or send back), else one
# with any step
if default is None:
    steps = {int(r.action_id): actions.steps_for(user, r.status, r.submitted_by) for r in acts.itertuples()}
    checks = [a for a, s in steps.items() if set(s) & set(actions.CHECK_STEPS)]
    default = (checks or [a for a, s in steps.items() if s] or [None])[0]
# The picker's labels carry each action's status: a step changes one, Streamlit then takes the picker for a
# new widget and falls back to its index. The chosen action is kept in the address (?action=ID, also set by
# each step) so that the fallback is the same action: its form and the text typed into it stay in place (a
# tablet reviewer's "what was done" and photo were lost after "Start work", the panel showing another action).
picked = st.selectbox(
    ui.t("fives.actions.pick"),
    list(options),
    filter_mode="contains",
    index=list(options).index(default) if default else 0,
    format_func=options.get,
    key="fives_actions_pick",
    placeholder=ui.t("common.no_options"),
)
if st.query_params.get("action") != str(picked):
    st.query_params["action"] = str(picked)
with st.container(border=True):
    ui_fives.workflow_panel(acts[acts["action_id"] == picked].iloc[0], user, lang)
