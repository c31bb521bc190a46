"""My QA reviews (agent): the reviews behind my QA score, my coaching notes, and disputing a review."""

from datetime import timedelta

import streamlit as st

from portal import ui, ui_qa
from portal.qa import display

user = ui.page_guard("my_reviews")
st.title(ui.t("page.my_reviews"))
st.caption(ui.t("qa.mine.caption"))
ui_qa.flash("my_reviews")

today = ui.today()
with st.spinner(ui.t("app.loading")):
    reviews = ui.query(
        "qa_review_list",
        {"start_on": today - timedelta(days=365), "end_on": today, "agent_ids": []},
        fresh=True,
    )
    disputes = ui.query("qa_disputes", {"dispute_statuses": []}, fresh=True)
    notes = ui.query("qa_sign_offs", fresh=True)

st.subheader(ui.t("qa.mine.notes"))
current = notes[notes["is_current"]] if not notes.empty else notes
if current.empty:
    st.info(ui.t("qa.mine.no_notes"))
else:
    for row in current.head(3).itertuples(index=False):
        period = display.period_label(row.grain, row.period_start, ui.lang())
        st.markdown(f"**{period}** · {row.signed_by}\n\n> {row.coaching_note}")
    if len(current) > 3:
        ui.table(
            display.sign_offs_table(current, ui.lang(), mine=True), "my_notes.csv", key="my_reviews_notes"
        )

st.subheader(ui.t("qa.mine.reviews"))
if reviews.empty:
    st.info(ui.t("qa.mine.no_reviews"))
else:
    counted = reviews[~reviews["is_excluded"]]
    if not counted.empty:
        st.caption(
            ui.t(
                "qa.reviews.summary",
                n=len(reviews),
                counted=len(counted),
                mean=counted["effective_score"].mean(),
            )
        )
    ui.table(
        display.reviews_table(reviews, ui.lang(), mine=True), "my_qa_reviews.csv", key="my_reviews_reviews"
    )
    st.subheader(ui.t("qa.dispute.title"))
    st.caption(ui.t("qa.dispute.caption"))
    ui_qa.dispute_form("my_reviews", reviews, user)

if not disputes.empty:
    st.subheader(ui.t("qa.mine.disputes"))
    ui.table(
        display.disputes_table(disputes, ui.lang(), mine=True), "my_disputes.csv", key="my_reviews_disputes"
    )
