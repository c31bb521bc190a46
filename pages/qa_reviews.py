"""QA reviews (team lead, manager, admin): disputes to decide, the reviews of their scope, period sign-offs (the
forms for the team lead and admin only; a manager reads)."""

import streamlit as st

from portal import export, settings, ui, ui_qa, ui_tiles
from portal.qa import display
from portal.qa import figures as qa_figures

user = ui.page_guard("qa_reviews")
st.title(ui.t("page.qa_reviews"))
st.caption(ui.t("qa.reviews.caption"))
ui_qa.flash("qa_reviews")

start, end, picked = ui_qa.review_filters("qa_reviews")
period = export.period_tag(start, end)  # in every export's file name
low_n = int(settings.get(ui.settings_snapshot(), "scorecard_low_confidence_n"))  # as the cards' QA score
with st.spinner(ui.t("app.loading")):
    figs = qa_figures.figures(
        ui.connection(), user.scope, start, end, picked, low_confidence_n=low_n,
        rolling=ui_qa.is_default_window(start, end), lang=ui.lang(),
    )  # fmt: skip
ui_tiles.figure_tiles([figs.qa_score, figs.open_disputes], ui.lang(), display.tile_texts(figs, ui.lang()))
open_disputes = figs.disputes[figs.disputes["status"] == "open"]

# ui.lazy_tabs: only the open tab is drawn (the review list of a large scope is thousands of rows, sent only when
# its tab is opened); the open tab stays open when its label's count changes
tabs = ui.lazy_tabs(
    {
        "disputes": ui.t("qa.tab.disputes", n=len(open_disputes)),
        "reviews": ui.t("qa.tab.reviews"),
        "sign_off": ui.t("qa.tab.sign_off"),
    },
    "qa_reviews_tab",
)

if tabs["disputes"].open is not False:
    with tabs["disputes"]:
        if open_disputes.empty:
            st.info(ui.t("qa.disputes.none_open"))
        else:
            ui_qa.decision_form("qa_reviews", open_disputes, user)
        if not figs.disputes.empty:
            st.subheader(ui.t("qa.disputes.all"))
            disputes = display.disputes_table(figs.disputes, ui.lang(), timezone=ui.report_timezone())
            ui.table(
                disputes,
                f"qa_disputes_{period}.csv",
                key="qa_reviews_disputes",
                **ui.shown_columns(disputes, display.disputes_table_shown(ui.lang(), ui.report_timezone())),
            )

if tabs["reviews"].open is not False:
    with tabs["reviews"]:
        # a scope of several teams (a manager, an admin): which team has work waiting
        if len(figs.by_team) > 1:
            st.subheader(ui.t("qa.by_team"))
            st.caption(ui.t("qa.by_team.caption"))
            ui.table(
                display.by_team_table(figs.by_team, ui.lang()), f"qa_by_team_{period}.csv", key="qa_by_team"
            )
        if figs.reviews.empty:
            st.info(ui.t("qa.reviews.empty"))
        else:
            ui.table(
                display.reviews_table(figs.reviews, ui.lang()),
                f"qa_reviews_{period}.csv",
                key="qa_reviews_reviews",
            )

if tabs["sign_off"].open is not False:
    with tabs["sign_off"]:
        ui_qa.sign_off_form("qa_reviews", user)
        if figs.sign_offs.empty:
            st.info(ui.t("qa.sign.none"))
        else:
            st.subheader(ui.t("qa.sign.history"))
            ui.table(
                display.sign_offs_table(figs.sign_offs, ui.lang(), timezone=ui.report_timezone()),
                f"qa_sign_offs_{period}.csv",
                key="qa_reviews_sign_offs",
            )
