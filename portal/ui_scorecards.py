"""Streamlit pieces of the scorecard pages: the period picker, the figure set (cached queries), the ranking
table with its low-data colours, the agent's card with its charts, QA reviews and exports."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from portal import settings, ui, zones
from portal.i18n import sentences
from portal.i18n import t as _t
from portal.rounding import fixed
from portal.scorecards import charts, display, export, figures, pdf, periods, weights
from portal.scorecards.periods import Period, containing
from portal.text import md_lines, md_plain
from portal.ui_tiles import figure_tiles
from portal.vocab import SCORECARD_GRAINS

PICK_PERIODS = 12  # how far back the period picker reaches


def period_picker(page_key: str) -> Period:
    """Grain (month by default) and one of the last periods (the last complete one by default), or the period the
    address names (``?period=2026-09-01``: an alert's or a brief's link; its grain too, month first) when it is
    offered; a period picked is written to the address by its label (``?period=2026-Q3``). Options are the shown texts themselves (no format_func): AppTest and a language switch both keep
    them."""
    today = ui.today()
    offered = {g: [containing(today, g).previous(k) for k in range(PICK_PERIODS)] for g in SCORECARD_GRAINS}
    asked = st.query_params.get("period")
    asked_grain = next(
        (g for g in ("month", *SCORECARD_GRAINS) if periods.named_by(asked, offered[g])), "month"
    )
    if asked is not None and asked != st.session_state.get(f"{page_key}_period_asked"):
        # an address newly followed (the page may already be open: its pickers hold a choice) sets the pickers
        for key in [f"{page_key}_grain_{ui.lang()}"] + [
            f"{page_key}_period_{g}_{ui.lang()}" for g in offered
        ]:
            st.session_state.pop(key, None)
    st.session_state[f"{page_key}_period_asked"] = asked
    left, right = st.columns([1, 2])
    grains = {ui.t(f"scorecard.grain.{g}"): g for g in SCORECARD_GRAINS}
    grain = grains[
        left.radio(
            ui.t("scorecards.grain"),
            list(grains),
            index=SCORECARD_GRAINS.index(asked_grain),
            horizontal=True,
            key=f"{page_key}_grain_{ui.lang()}",
        )
    ]
    options = {display.period_label(p, ui.lang(), today): p for p in offered[grain]}
    wanted = periods.named_by(asked, offered[grain])
    chosen = options[
        right.selectbox(
            ui.t("scorecards.period"),
            list(options),
            index=1 if wanted is None else offered[grain].index(wanted),
            key=f"{page_key}_period_{grain}_{ui.lang()}",
            placeholder=ui.t("common.no_options"),
        )
    ]
    if chosen != wanted:
        # another period picked: the address names it (by its label, 2026-09, 2026-Q3, 2026-W36: its grain too), so
        # a reload, a shared link and a language switch (the pickers' keys are the language's) keep it (a helper's
        # probe: both went back to the last complete month)
        st.query_params["period"] = chosen.label
        st.session_state[f"{page_key}_period_asked"] = chosen.label
    return chosen


def scorecard_set(period: Period, team_ids=(), agent_ids=()) -> figures.ScorecardSet:
    """The figure set for the signed-in user's scope, cached as a whole (``ui.figure_set``: scope, data version,
    and its arguments, the weights versions and the SLA's history among them): a rerun on unchanged data neither
    scores the cards again nor builds their tables and charts again (``ui.built`` keys them by this object;
    issue 14: a cached switch to the scorecards cost the server 310-410 ms of CPU)."""
    con, loaded = ui.connection(), ui.settings_snapshot()  # the settings as cached: no statement per setting
    return ui.figure_set(
        figures.compute,
        weights.load_versions(con),
        period,
        timezone=ui.report_timezone(),
        sla_hours=float(settings.get(loaded, "response_sla_hours")),
        sla_history=settings.history(con, "response_sla_hours"),  # an ended period keeps its hours
        low_confidence_n=int(settings.get(loaded, "scorecard_low_confidence_n")),
        team_ids=tuple(team_ids),
        agent_ids=tuple(agent_ids),
        sla_as_of=_sla_as_of(),
        whole_teams=ui.current_user().scope.holds_whole_teams,  # a regional manager: rank in the whole team
    )


def _sla_as_of():
    from portal.complaints import rounded_now

    return rounded_now()


def _low_data_style(frame: pd.DataFrame, lang: str):
    """Amber for a row with a metric left out, grey for insufficient data (the symbol says it without colour)."""
    column = ui.t("scorecards.col.low_data")

    def colour(row):
        text = str(row[column] or "")
        if text.startswith(display.INSUFFICIENT):
            return ["color: #57606a; background-color: #f6f8fa"] * len(row)
        if text.startswith(display.LOW_DATA):
            return ["background-color: #fff8c5" if c == column else "" for c in row.index]
        return [""] * len(row)

    return frame.style.apply(colour, axis=1)


def ranking_table(sset: figures.ScorecardSet, page_key: str) -> int | None:
    """The sortable ranking; returns the agent of a row the user clicked (to open their card), or None."""
    lang = ui.lang()
    frame = ui.built(display.team_table, sset, lang)  # built and styled once per figure set and language
    formats, helps = display.team_table_formats(sset, lang), display.team_table_help(lang)
    event = ui.kept_dataframe(
        ui.built(_low_data_style, frame, lang),
        hide_index=True,
        width="stretch",
        key=f"{page_key}_ranking",
        placeholder=ui.MISSING,
        column_config={
            c: st.column_config.NumberColumn(format=f, help=helps.get(c))
            for c, f in formats.items()
            if c in frame
        },
        on_select="rerun",
        selection_mode="single-row",
    )
    st.caption(sentences([ui.t("scorecards.legend"), ui.t("scorecards.click_row")], ui.lang()))
    st.download_button(
        ui.t("scorecards.export.team_csv"),
        ui.built(export.team_csv, sset, lang),
        file_name=f"scorecards_{sset.period.label}.csv",
        mime="text/csv",
        key=f"{page_key}_team_csv",
    )
    rows = event.selection.rows if event is not None and hasattr(event, "selection") else []
    return sset.cards[rows[0]].agent_id if rows and rows[0] < len(sset.cards) else None


def card_picker(sset: figures.ScorecardSet, clicked: int | None, page_key: str) -> int:
    """Which agent's card to open: the picker, moved by a newly clicked ranking row or ``?agent=CODE``."""
    key = f"{page_key}_agent"
    agents = {c.agent_id: f"{c.agent_code} {c.agent_name}" for c in sset.cards}
    if clicked is not None and clicked != st.session_state.get(f"{key}_clicked"):
        st.session_state[key] = clicked
        if clicked in agents:  # the card changes below the fold: say so where the user is looking
            st.toast(ui.t("scorecards.card_opened", agent=agents[clicked]))
    st.session_state[f"{key}_clicked"] = clicked
    if st.session_state.get(key) not in agents:
        wanted = st.query_params.get("agent")
        st.session_state[key] = next(
            (c.agent_id for c in sset.cards if c.agent_code == wanted), sset.cards[0].agent_id
        )
    return st.selectbox(
        ui.t("scorecards.agent"),
        list(agents),
        filter_mode="contains",
        format_func=agents.get,
        key=key,
        placeholder=ui.t("common.no_options"),
    )


def team_tiles(sset: figures.ScorecardSet) -> None:
    """The team view's four tiles (figures.headline), each with the n it rests on (``display.tile_texts``)."""
    figs = figures.headline(sset)
    figure_tiles(figs, ui.lang(), display.tile_texts(figs, ui.lang()))
    note = display.tiles_note(sset, ui.lang())
    if note:
        st.caption(note)


def team_trend(sset: figures.ScorecardSet, page_key: str) -> None:
    ui.chart_of(charts.team_trend, sset.team_trend, sset.periods, ui.lang(), key=f"{page_key}_team_trend")
    # a team only partly in the reader's scope (a regional manager's): its mean is withheld as on an agent's card
    if any(p.mean_composite is None and p.ranked_n > 0 for p in sset.team_trend):
        st.caption(ui.t("scorecards.trend.team_mean_withheld", n=figures.TEAM_MEAN_MIN_RANKED))


def agent_card(sset: figures.ScorecardSet, card: figures.AgentCard, page_key: str) -> None:
    """The card: composite and rank, notes, metrics with n, trends over six periods, QA reviews, exports."""
    lang, today = ui.lang(), ui.today()
    name = f"{md_plain(card.agent_name)} ({md_plain(card.agent_code)})"  # as imported: no markup of a file's renders
    st.subheader(f"{name} · {display.period_label(card.period, lang, today)}")
    left, right = st.columns(2)
    left.metric(
        ui.t("scorecards.tile.composite"),
        "—" if card.composite is None else fixed(card.composite, 1),
        None if card.change is None else fixed(card.change, 1, "+"),
        border=True,
        delta_description=ui.t("scorecards.vs_previous") if card.change is not None else None,
        help=ui.t("scorecards.tile.help.composite"),
    )
    if card.composite is None:
        left.caption(f"{display.INSUFFICIENT} {ui.t('scorecards.insufficient')}")
    no_change = display.change_text(card, lang)
    if no_change:
        left.caption(no_change)
    right.metric(ui.t("scorecards.tile.rank"), display.rank_text(card, lang), border=True)
    for note in display.card_notes(card, lang, today):
        st.caption(note)
    # short cells that fit a tablet's width; the words they leave out are the lines under the table
    metrics = ui.built(display.card_table, card, lang, on_screen=True)
    ui.kept_dataframe(  # the tables' number formats (ui.display), its own headers and widths
        metrics,
        hide_index=True,
        width="stretch",
        key=f"{page_key}_metrics",
        placeholder=ui.MISSING,
        **ui.built(ui.shown_columns, metrics, display.card_table_shown(card, lang)),
    )
    st.caption(
        md_lines("\n".join([*ui.built(display.card_table_notes, card, lang), ui.t("scorecards.legend")]))
    )
    history = sset.history.get(card.agent_id, (card,))
    # each period's team: a moved agent's old months the old team's
    team = ui.built(figures.card_team_points, sset, history)
    left, right = st.columns(2)
    with left:
        ui.chart_of(charts.composite_trend, history, team, lang, key=f"{page_key}_composite_trend")
        if any(p.mean_composite is None and p.ranked_n > 0 for p in team):  # withheld on a card opened alone
            st.caption(ui.t("scorecards.trend.team_mean_withheld", n=figures.TEAM_MEAN_MIN_RANKED))
    with right:
        ui.chart_of(charts.metric_trend, history, lang, key=f"{page_key}_metric_trend")
    sign_off = current_sign_off(card)
    coaching(card, sign_off, page_key)
    st.markdown(f"**{ui.t('scorecards.section.reviews')}**")
    reviews = ui.figure_set(figures.qa_reviews, card.agent_id, card.period)  # shared: the exports built once
    if reviews.empty:
        st.info(ui.t("scorecards.reviews.empty"))
    else:
        # built once for the shared reviews and the language, its column formats and CSV bytes too (issue 14: made
        # anew on every rerun, a sixth of a cached switch's script CPU)
        table = ui.built(display.reviews_table, reviews, lang)
        ui.table(
            table,
            f"qa_reviews_{card.agent_code}.csv",
            f"{page_key}_reviews",
            once=True,
            **ui.built(ui.shown_columns, table, display.reviews_table_shown(lang)),
        )
    card_exports(sset, card, reviews, history, sign_off, page_key)


def current_sign_off(card: figures.AgentCard) -> dict | None:
    """The newest sign-off of the card's agent and period (qa_sign_offs), or None. Cached like every query: a
    sign-off is a workflow step, which moves the data version the cache is keyed by (``ui.data_version``)."""
    rows = ui.query("qa_sign_offs")
    if rows.empty:
        return None
    mine = rows[
        (rows["agent_id"] == card.agent_id)
        & (rows["grain"] == card.period.grain)
        & (pd.to_datetime(rows["period_start"]).dt.date == card.period.start)
        & rows["is_current"]
    ]
    return None if mine.empty else mine.iloc[0].to_dict()


def coaching(card: figures.AgentCard, sign_off: dict | None, page_key: str) -> None:
    """The team lead's sign-off of this period with the coaching note the agent reads; a lead (or an admin) signs
    off here too (portal.writes.sign_off_period checks role, scope and period). A manager reads it (SPEC §1)."""
    from portal import writes
    from portal.qa import rules

    st.markdown(f"**{ui.t('scorecards.section.coaching')}**")
    done = st.session_state.pop(f"{page_key}_signed", None)
    if done:
        st.success(done)
    if sign_off is None:
        st.caption(ui.t("scorecards.coaching.none"))
    else:
        st.info(
            ui.t(
                "scorecards.coaching.by",
                by=sign_off["signed_by"],
                at=f"{zones.local(sign_off['signed_at'], ui.report_timezone()):%Y-%m-%d}",  # the reporting day
            )
            + "\n\n"
            + md_lines(sign_off["coaching_note"])
        )
    user = ui.current_user()
    if not user.has_role(*rules.SIGN_OFF_ROLES):
        return
    # the note's widget is the card's own (agent and period) and new after each sign-off: a refused sign-off
    # keeps the typed note (clear_on_submit emptied it), another card does not show it
    generation = st.session_state.get(f"{page_key}_sign_generation", 0)
    key = f"{page_key}_sign_{card.agent_id}_{card.period.grain}_{card.period.start}_{generation}"
    with st.form(key, enter_to_submit=False):
        note = st.text_area(ui.t("qa.sign.note"), key=f"{key}_note", max_chars=4000)
        # signing a signed period again replaces the note shown (the earlier sign-off stays in the history)
        again = sign_off is not None
        submitted = st.form_submit_button(
            ui.t("scorecards.coaching.resubmit" if again else "scorecards.coaching.submit"),
            type="secondary" if again else "primary",
        )
    if submitted:
        try:
            writes.sign_off_period(
                ui.connection(), user, card.agent_id, card.period.grain, card.period.start, note, ui.today()
            )
        except rules.QaRefused as exc:
            st.error(ui.t(exc.key, **exc.values))
        else:
            st.session_state[f"{page_key}_signed"] = ui.t("qa.sign.done", agent=card.agent_name)
            st.session_state[f"{page_key}_sign_generation"] = generation + 1
            st.rerun()


def card_exports(sset, card, reviews, history, sign_off: dict | None, page_key: str) -> None:
    """The card's CSV, print-ready HTML and PDF (the PDF built when clicked); each file built once for the same
    card, reviews, note and minute (the printed "generated at", to the minute: ``ui.built``)."""
    lang = ui.lang()
    st.markdown(f"**{ui.t('scorecards.section.export')}**")
    note = str(sign_off["coaching_note"]) if sign_off else None
    minute = datetime.now(UTC).replace(tzinfo=None, second=0, microsecond=0)
    printable = ui.built(
        export.printable, card, history, reviews, lang, sset.timezone, ui.today(), note, now=minute
    )
    cols = st.columns(3)
    cols[0].download_button(
        ui.t("scorecards.export.card_csv"),
        ui.built(export.card_csv, card, lang),
        file_name=f"{printable.file_stem}.csv",
        mime="text/csv",
        key=f"{page_key}_card_csv",
    )
    cols[1].download_button(
        ui.t("scorecards.export.card_html"),
        ui.built(_html_bytes, printable, lang),
        file_name=f"{printable.file_stem}.html",
        mime="text/html",
        key=f"{page_key}_card_html",
    )
    if pdf.available():
        cols[2].download_button(
            ui.t("scorecards.export.card_pdf"),
            lambda: pdf.card_pdf(printable),
            file_name=f"{printable.file_stem}.pdf",
            mime="application/pdf",
            key=f"{page_key}_card_pdf",
            on_click="ignore",
        )
    else:
        cols[2].caption(ui.t("scorecards.export.no_font"))


def _html_bytes(printable, lang: str) -> bytes:
    return export.card_html(printable, lang).encode("utf-8")


def weights_editor_columns(lang: str) -> dict:
    """The weights editor's columns (the metric code hidden; label and unit read-only)."""
    return {
        "metric": None,
        "label": st.column_config.TextColumn(_t("scorecards.col.metric", lang)),
        "unit": st.column_config.TextColumn(_t("scorecards.weights.col.unit", lang)),
        "weight": st.column_config.NumberColumn(
            _t("scorecards.col.weight", lang), min_value=0, max_value=100, step=1, required=True
        ),
        "floor": st.column_config.NumberColumn(_t("scorecards.weights.col.floor", lang), required=True),
        "target": st.column_config.NumberColumn(_t("scorecards.weights.col.target", lang), required=True),
        "min_n": st.column_config.NumberColumn(
            _t("scorecards.col.min_n", lang), min_value=1, step=1, required=True
        ),
    }
