"""Streamlit pieces of the QA review loop: the decision, sign-off and dispute forms (pages/qa_reviews.py,
pages/my_reviews.py). Every write goes through portal/writes/, which checks role and scope again."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from portal import ui, vocab, writes
from portal.auth import User
from portal.i18n import t
from portal.qa import display, rules, scoring
from portal.rounding import fixed
from portal.text import md_plain


def flash(page_key: str) -> None:
    """The message the last successful form left before its rerun."""
    message = st.session_state.pop(f"{page_key}_flash", None)
    if message:
        ui.outcome(message)


def _refused(exc: rules.QaRefused) -> None:
    """The refusal in the user's language (a dispute's status by its label)."""
    values = dict(exc.values)
    if "status" in values:
        values["status"] = ui.t(f"scorecard.dispute_status.{values['status']}")
    st.error(ui.t(exc.key, **values))


def _done(page_key: str, message: str, form: str | None = None) -> None:
    """A form's step succeeded: its message for the next run, and (``form``) the form emptied for the next
    entry. A refused step keeps what was chosen and typed (``clear_on_submit`` emptied it either way: a
    "Reject" refused for its missing comment came back as "Accept: correct the score")."""
    st.session_state[f"{page_key}_flash"] = message
    if form:
        st.session_state[_generation(page_key, form)] = (
            st.session_state.get(_generation(page_key, form), 0) + 1
        )
    st.rerun()


def _generation(page_key: str, form: str) -> str:
    return f"{page_key}_{form}_generation"


def _form_key(page_key: str, form: str, *context) -> str:
    """The widgets' key prefix of one form: new after each success (an empty form) and for each thing the form
    is about (a dispute's corrected score starts at that dispute's score, not the one decided before)."""
    generation = st.session_state.get(_generation(page_key, form), 0)
    return "_".join(str(p) for p in (page_key, form, generation, *context))


def review_filters(page_key: str, days: int = 90) -> tuple[date, date, tuple[int, ...]]:
    """The review dates (default: the last ``days`` days) and agents (empty: all) the page shows; the agents
    offered are those the user's scope holds on some day of those dates, by the team on that day, whether or not
    they have a review then (queries/qa_review_agents.sql; the agent's team now left out the old team's lead after
    a move)."""
    today = ui.today()
    left, right = st.columns([1, 2])
    picked = left.date_input(
        ui.t("qa.reviewed_between"), value=(today - timedelta(days=days - 1), today), key=f"{page_key}_dates"
    )
    start, end = (
        picked
        if isinstance(picked, tuple) and len(picked) == 2
        else (today - timedelta(days=days - 1), today)
    )
    agents = agent_options(ui.query("qa_review_agents", {"start_on": start, "end_on": end}, fresh=True))
    # an agent picked for other dates and not offered for these stays picked, labelled as before, and the page says
    # so: dropping the pick (Streamlit's way when an option goes) would show every agent without a word
    offered_key = f"{page_key}_agents_offered"
    before = st.session_state.get(offered_key, {})
    kept = {
        a: before[a]
        for a in st.session_state.get(f"{page_key}_agents", ())
        if a not in agents and a in before
    }
    agents.update(kept)
    st.session_state[offered_key] = agents
    chosen = right.multiselect(
        ui.t("qa.agents"), list(agents), format_func=agents.get, placeholder=ui.t("filters.all"),
        filter_mode="contains", help=ui.t("qa.agents_help"),
        key=f"{page_key}_agents",
    )  # fmt: skip
    if kept:
        st.info(ui.t("qa.agents_kept", agents=", ".join(kept.values()), start=start, end=end))
    return start, end, tuple(int(a) for a in chosen)


def is_default_window(start: date, end: date, days: int = 90) -> bool:
    """Whether ``start``..``end`` are ``review_filters``' default, the last ``days`` days: a window that rolls with
    today, compared with the days just before it (``Filters.rolling``), not month with month where it happens
    to span whole months (31 March of a year without 29 February: 1 January to 31 March)."""
    today = ui.today()
    return end == today and start == today - timedelta(days=days - 1)


def agent_options(agents: pd.DataFrame) -> dict[int, str]:
    """Agent id -> "code name (teams)": the teams of the dates asked for (qa_review_agents' team_codes)."""
    rows = agents.dropna(subset=["agent_id"])
    return {
        int(r["agent_id"]): f"{r['agent_code']} {r['agent_name']}"
        + (f" ({r['team_codes']})" if isinstance(r["team_codes"], str) else "")
        for r in rows.to_dict("records")
    }


def decision_form(page_key: str, open_disputes: pd.DataFrame, user: User) -> None:
    """Pick an open dispute, read the agent's reason, and accept (correct / remove) or reject it."""
    labels = {
        int(
            r.dispute_id
        ): f"#{r.dispute_id} · {r.agent_code} {r.agent_name} · {r.source_id} · {fixed(r.form_score, 1)}"
        for r in open_disputes.itertuples(index=False)
    }
    picked = st.selectbox(
        ui.t("qa.decide.pick"),
        list(labels),
        filter_mode="contains",
        format_func=labels.get,
        key=f"{page_key}_pick",
        placeholder=ui.t("common.no_options"),
    )
    row = open_disputes.set_index("dispute_id").loc[picked]
    st.caption(
        ui.t(
            "qa.decide.review",
            review=row["source_id"],
            day=f"{pd.Timestamp(row['reviewed_on']):%Y-%m-%d}",
            reviewer=row["reviewer"] or "—",
            score=row["form_score"],
            counts=row["effective_score"],
        )
        + (f" · {ui.t('qa.flag.critical')}" if row["critical_failed"] else "")
    )
    # the label in bold; the agent's text as typed (plain: no Markdown of theirs renders)
    label, reason = f"**{ui.t('qa.col.reason')}**", md_plain(row["reason"])
    st.markdown(t("text.label_value", ui.lang(), label=label, value=reason))
    if not user.has_role(*rules.DECIDER_ROLES):  # a manager reads the dispute; the team lead decides it
        st.info(ui.t("qa.decide.team_lead_only"))
        return
    if rules.is_reviewer(user, row["reviewer"]):
        st.warning(ui.t("qa.err.own_review"))
        return
    key = _form_key(page_key, "decide", picked)  # each dispute its own choice, score and comment
    with st.form(key, enter_to_submit=False):
        choice = st.radio(
            ui.t("qa.decide.choice"),
            rules.DECISIONS,
            index=None,  # chosen on purpose: a press of the button never records an unmeant "accept"
            format_func=lambda d: ui.t(f"qa.decide.{d}"),
            key=f"{key}_choice",
        )
        score = st.number_input(
            ui.t("qa.decide.score"),
            min_value=0.0,
            max_value=100.0,
            value=float(row["form_score"]),
            step=0.5,
            format="%.1f",  # one decimal, as every score is shown (Streamlit's default wrote "65.00")
            help=ui.t("qa.decide.score_help"),
            key=f"{key}_score",
        )
        comment = st.text_area(ui.t("qa.decide.comment"), key=f"{key}_comment", max_chars=4000)
        submitted = st.form_submit_button(ui.t("qa.decide.submit"), type="primary")
    if submitted:
        if choice is None:
            st.error(ui.t("qa.decide.choose"))
            return
        try:
            writes.decide_qa_dispute(ui.connection(), user, picked, choice, score, comment)
        except rules.QaRefused as exc:
            _refused(exc)
        else:
            # the outcome said again (it was "Dispute no. 51 decided." whatever was chosen)
            outcome = ui.t(f"qa.decide.{choice}") + (f" → {fixed(score, 1)}" if choice == "correct" else "")
            _done(page_key, ui.t("qa.decide.done", dispute_id=picked, outcome=outcome), "decide")


def sign_off_form(page_key: str, user: User) -> None:
    """Sign off an agent's week, month or quarter with the coaching note the agent reads. The period is picked
    first: the agents offered are those whose team on its last day the user's scope holds, as the scorecards and
    portal.writes.sign_off_period place a period (qa_review_agents.sql over that one day), so the old lead still
    finds an agent moved since and the new lead does not find him for the old team's periods."""
    if not user.has_role(*rules.SIGN_OFF_ROLES):  # a manager reads the sign-offs; the team lead gives them
        st.info(ui.t("qa.sign.team_lead_only"))
        return
    grain = st.segmented_control(
        ui.t("qa.sign.grain"),
        vocab.SCORECARD_GRAINS,
        default="month",
        format_func=lambda g: ui.t(f"qa.grain.{g}"),
        key=f"{page_key}_sign_grain",
    )
    grain = grain or "month"
    periods = scoring.recent_periods(ui.today(), grain, 6)
    start = st.selectbox(
        ui.t("qa.sign.period"),
        periods,
        index=1 if len(periods) > 1 else 0,  # the last complete period
        format_func=lambda s: display.period_label(grain, s, ui.lang()),
        key=f"{page_key}_sign_{grain}_period",
        placeholder=ui.t("common.no_options"),
    )
    last_day = scoring.period_end(start, grain)
    agents = agent_options(
        ui.query("qa_review_agents", {"start_on": last_day, "end_on": last_day}, fresh=True)
    )
    if not agents:
        st.info(ui.t("qa.sign.no_agents", day=last_day.isoformat()))
        return
    key = _form_key(page_key, "sign", grain, start)
    with st.form(key, enter_to_submit=False):
        agent_id = st.selectbox(
            ui.t("qa.sign.agent"),
            list(agents),
            filter_mode="contains",
            format_func=agents.get,
            key=f"{key}_agent",
            placeholder=ui.t("common.no_options"),
        )
        note = st.text_area(ui.t("qa.sign.note"), key=f"{key}_note", max_chars=4000)
        submitted = st.form_submit_button(ui.t("qa.sign.submit"), type="primary")
    if submitted:
        try:
            writes.sign_off_period(ui.connection(), user, agent_id, grain, start, note, ui.today())
        except rules.QaRefused as exc:
            _refused(exc)
        else:
            _done(page_key, ui.t("qa.sign.done", agent=agents[agent_id]), "sign")


def dispute_form(page_key: str, reviews: pd.DataFrame, user: User) -> None:
    """The agent disputes one of their reviews (not removed, no dispute waiting) with a reason."""
    open_ids = set(reviews.loc[reviews["dispute_status"] == "open", "qa_review_id"])
    eligible = reviews[~reviews["is_excluded"] & ~reviews["qa_review_id"].isin(open_ids)]
    if eligible.empty:
        st.caption(ui.t("qa.dispute.none_eligible"))
        return
    labels = {int(r["qa_review_id"]): display.review_choice(r, ui.lang()) for _, r in eligible.iterrows()}
    key = _form_key(page_key, "dispute")
    with st.form(key, enter_to_submit=False):
        review_id = st.selectbox(
            ui.t("qa.dispute.pick"),
            list(labels),
            filter_mode="contains",
            format_func=labels.get,
            key=f"{key}_review",
            placeholder=ui.t("common.no_options"),
        )
        reason = st.text_area(ui.t("qa.dispute.reason"), key=f"{key}_reason", max_chars=4000)
        submitted = st.form_submit_button(ui.t("qa.dispute.submit"), type="primary")
    if submitted:
        try:
            writes.raise_qa_dispute(ui.connection(), user, review_id, reason)
        except rules.QaRefused as exc:
            _refused(exc)
        else:
            _done(page_key, ui.t("qa.dispute.done"), "dispute")
