"""Agent scorecards, team view: ranking with composite and each metric's value and score, the team trend, open
disputes; then one agent's card. Team lead: own team only; manager, admin: the agents of their scope."""

import streamlit as st

from portal import ui, ui_scorecards

user = ui.page_guard("scorecards")
st.title(ui.t("page.scorecards"))
st.caption(ui.t("scorecards.caption"))
period = ui_scorecards.period_picker("scorecards")

teams = ui.query("master_teams_agents").dropna(subset=["agent_id", "team_id"]).drop_duplicates("team_id")
team_ids: tuple[int, ...] = ()
if len(teams) > 1:
    labels = {None: ui.t("scorecards.all_teams")} | {
        int(r.team_id): f"{r.team_code} {r.team_name}" for r in teams.itertuples()
    }
    chosen = st.selectbox(
        ui.t("scorecards.team"),
        list(labels),
        filter_mode="contains",
        format_func=labels.get,
        key="scorecards_team",
        placeholder=ui.t("common.no_options"),
    )
    team_ids = () if chosen is None else (chosen,)

sset = ui_scorecards.scorecard_set(period, team_ids=team_ids)
if not sset.cards:
    st.info(ui.t("scorecards.empty"))
    st.stop()

ui_scorecards.team_tiles(sset)
st.subheader(ui.t("scorecards.section.ranking"))
clicked = ui_scorecards.ranking_table(sset, "scorecards")
st.subheader(ui.t("scorecards.section.team_trend"))
ui_scorecards.team_trend(sset, "scorecards")

st.subheader(ui.t("scorecards.section.card"))
agent_id = ui_scorecards.card_picker(sset, clicked, "scorecards")
with st.container(border=True):
    ui_scorecards.agent_card(sset, sset.card(agent_id), "scorecards_card")
