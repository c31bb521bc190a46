"""My QA reviews (agent): the reviews behind my QA score, my coaching notes, and disputing a review."""

from datetime import timedelta

import streamlit as st

from portal import settings, ui, ui_qa, ui_tiles
from portal.qa import display
from portal.qa import figures as qa_figures
from portal.text import md_lines, md_plain

user = ui.page_guard("my_reviews")
st.title(ui.t("page.my_reviews"))
st.caption(ui.t("qa.mine.caption"))
ui_qa.flash("my_reviews")

today = ui.today()
low_n = int(settings.get(ui.settings_snapshot(), "scorecard_low_confidence_n"))  # as the cards' QA score
with st.spinner(ui.t("app.loading")):
    figs = qa_figures.figures(
        ui.connection(), user.scope, today - timedelta(days=364), today, low_confidence_n=low_n, rolling=True
    )
ui_tiles.figure_tiles([figs.qa_score, figs.open_disputes], ui.lang(), display.tile_texts(figs, ui.lang()))

st.subheader(ui.t("qa.mine.notes"))
notes = figs.sign_offs[figs.sign_offs["is_current"]] if not figs.sign_offs.empty else figs.sign_offs
if notes.empty:
    st.info(ui.t("qa.mine.no_notes"))
else:
    for row in notes.head(3).itertuples(index=False):
        period = display.period_label(row.grain, row.period_start, ui.lang())
        # the lead's name and note as typed: no heading, link or image of theirs renders in the agent's page
        st.markdown(f"**{period}** · {md_plain(row.signed_by)}\n\n> {md_lines(row.coaching_note)}")
    if len(notes) > 3:
        ui.table(
            display.sign_offs_table(notes, ui.lang(), mine=True, timezone=ui.report_timezone()),
            "my_notes.csv",
            key="my_reviews_notes",
        )

st.subheader(ui.t("qa.mine.reviews"))
if figs.reviews.empty:
    st.info(ui.t("qa.mine.no_reviews"))
else:
    table = display.reviews_table(figs.reviews, ui.lang(), mine=True)
    ui.table(table, "my_qa_reviews.csv", key="my_reviews_reviews")
    st.subheader(ui.t("qa.dispute.title"))
    st.caption(ui.t("qa.dispute.caption"))
    ui_qa.dispute_form("my_reviews", figs.reviews, user)

if not figs.disputes.empty:
    st.subheader(ui.t("qa.mine.disputes"))
    ui.table(
        display.disputes_table(figs.disputes, ui.lang(), mine=True, timezone=ui.report_timezone()),
        "my_disputes.csv",
        key="my_reviews_disputes",
    )
