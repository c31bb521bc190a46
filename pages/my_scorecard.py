"""My scorecard: the signed-in agent's own card (their scope holds only themselves, in the SQL)."""

import streamlit as st

from portal import ui, ui_scorecards

user = ui.page_guard("my_scorecard")
st.title(ui.t("page.my_scorecard"))
st.caption(ui.t("scorecards.caption"))
if user.scope.agent_id is None:
    st.info(ui.t("scorecards.no_agent_link"))
    st.stop()
period = ui_scorecards.period_picker("my_scorecard")
sset = ui_scorecards.scorecard_set(period, agent_ids=(user.scope.agent_id,))
card = sset.card(user.scope.agent_id)
if card is None:
    st.info(ui.t("scorecards.empty"))
    st.stop()
ui_scorecards.agent_card(sset, card, "my_scorecard")
