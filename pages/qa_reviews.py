"""QA reviews (team lead, manager, admin): disputes to decide, the reviews of their scope, period sign-offs."""

import streamlit as st

from portal import ui, ui_qa
from portal.qa import display

user = ui.page_guard("qa_reviews")
st.title(ui.t("page.qa_reviews"))
st.caption(ui.t("qa.reviews.caption"))
ui_qa.flash("qa_reviews")

with st.spinner(ui.t("app.loading")):
    disputes = ui.query("qa_disputes", {"dispute_statuses": []}, fresh=True)
    agents = ui_qa.agent_options(ui.query("master_teams_agents", fresh=True))
open_disputes = disputes[disputes["status"] == "open"]

tab_disputes, tab_reviews, tab_sign = st.tabs(
    [
        ui.t("qa.tab.disputes", n=len(open_disputes)),
        ui.t("qa.tab.reviews"),
        ui.t("qa.tab.sign_off"),
    ]
)

with tab_disputes:
    if open_disputes.empty:
        st.info(ui.t("qa.disputes.none_open"))
    else:
        ui_qa.decision_form("qa_reviews", open_disputes, user)
    if not disputes.empty:
        st.subheader(ui.t("qa.disputes.all"))
        ui.table(display.disputes_table(disputes, ui.lang()), "qa_disputes.csv", key="qa_reviews_disputes")

with tab_reviews:
    start, end = ui_qa.date_range("qa_reviews")
    picked = st.multiselect(
        ui.t("qa.agents"),
        list(agents),
        format_func=agents.get,
        placeholder=ui.t("filters.all"),
        key="qa_reviews_agents",
    )
    params = {"start_on": start, "end_on": end, "agent_ids": [int(a) for a in picked]}
    with st.spinner(ui.t("app.loading")):
        reviews = ui.query("qa_review_list", params, fresh=True)
    if reviews.empty:
        st.info(ui.t("qa.reviews.empty"))
    else:
        counted = reviews[~reviews["is_excluded"]]
        st.caption(
            ui.t(
                "qa.reviews.summary",
                n=len(reviews),
                counted=len(counted),
                mean=counted["effective_score"].mean(),
            )
            if not counted.empty
            else ui.t("qa.reviews.none_counted", n=len(reviews))
        )
        ui.table(display.reviews_table(reviews, ui.lang()), "qa_reviews.csv", key="qa_reviews_reviews")

with tab_sign:
    ui_qa.sign_off_form("qa_reviews", agents, user)
    sign_offs = ui.query("qa_sign_offs", fresh=True)
    if sign_offs.empty:
        st.info(ui.t("qa.sign.none"))
    else:
        st.subheader(ui.t("qa.sign.history"))
        ui.table(
            display.sign_offs_table(sign_offs, ui.lang()), "qa_sign_offs.csv", key="qa_reviews_sign_offs"
        )
