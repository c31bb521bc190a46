"""Streamlit pieces of the 5S pages: the headline tiles, tables with band and overdue colours, and the
corrective-action workflow panel (every change through portal.writes, checked there on the server)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from portal import ui, ui_overview, writes
from portal.charts import PALETTE
from portal.fives import actions, charts, display
from portal.fives.figures import FivesHeadline, FivesSettings
from portal.i18n import sentences
from portal.text import md_plain
from portal.ui_tiles import figure_tiles

try:  # the inspection photos of the 5S intake (issue 11); without it, text only
    from portal.fives_intake import photos
except ImportError:  # pragma: no cover - depends on what is merged
    photos = None


# Tablets (768 px with the sidebar open: ~450 px for the page): the five headline tiles in one row were 74 px
# wide, their words broken letter by letter; the store view's two charts, side by side, ran their titles into
# each other and under the chart tools. By the width the page gives them (container queries), not the screen's:
# five tiles in a row while each gets ~120 px, else rows of three and two (never four and one alone); the charts
# side by side only while each gets ~470 px, else one under the other.
LAYOUT_CSS = """<style>
.st-key-fives_tiles, .st-key-fives_store_charts { container-type: inline-size; }
@container (max-width: 680px) {
  .st-key-fives_tiles [data-testid="stHorizontalBlock"] {
    display: grid !important; grid-template-columns: repeat(3, minmax(0, 1fr));
  }
  .st-key-fives_tiles [data-testid="stColumn"] { width: auto !important; min-width: 0 !important; }
}
@container (max-width: 380px) {
  .st-key-fives_tiles [data-testid="stHorizontalBlock"] { grid-template-columns: repeat(2, minmax(0, 1fr)); }
}
@container (max-width: 960px) {
  .st-key-fives_store_charts [data-testid="stHorizontalBlock"] { flex-direction: column !important; }
  .st-key-fives_store_charts [data-testid="stColumn"] { width: 100% !important; flex: 1 1 auto !important; }
}
</style>"""


def tiles(
    headline: FivesHeadline, cfg: FivesSettings, lang: str, keys: tuple[str, ...] | None = None
) -> None:
    """The headline figures (``keys``: a subset, in that order), drawn by the shared ``figure_tiles`` in rows
    that suit the page's width (``LAYOUT_CSS``)."""
    figs = [getattr(headline, k) for k in keys] if keys else list(headline.all())
    st.html(LAYOUT_CSS)
    with st.container(key="fives_tiles"):
        figure_tiles(
            figs, lang, display.tile_texts(figs, cfg.needs_improvement_min, lang, cfg.low_confidence_n)
        )


def heatmap_view(heatmap: pd.DataFrame, ranking: pd.DataFrame, lang: str, low_n: int = 0) -> None:
    """The chain heat map store x section: the lowest or highest N stores (or all), ordered by a column."""
    left, right = st.columns(2)
    n_stores = int(ranking["store_id"].nunique())
    # labels made here, in the session's language (a plain dict: AppTest formats outside the session)
    show_labels = {
        s: ui.t(f"fives.heatmap.show.{s}", n=display.HEATMAP_N if s != "all" else n_stores)
        for s in display.HEATMAP_SHOW
    }
    show = "all"  # no lowest / highest choice when every store fits (an inspector's two stores)
    if n_stores > display.HEATMAP_N:
        show = left.radio(
            ui.t("fives.heatmap.show"),
            display.HEATMAP_SHOW,
            format_func=show_labels.get,
            horizontal=True,
            key="fives_heatmap_show",
        )
    names = {c: display.section_label(c, en, zh, lang) for c, en, zh in display.section_options(heatmap)}
    order_by = right.selectbox(
        ui.t("fives.heatmap.sort"),
        ["overall", *names],
        format_func={"overall": ui.t("fives.heatmap.sort.overall"), **names}.get,
        key="fives_heatmap_order",
        placeholder=ui.t("common.no_options"),
    )
    frame = display.heatmap_frame(heatmap, ranking, lang, show, order_by=order_by)
    ui.chart(charts.heatmap(frame, lang, low_n), "fives_heatmap")
    st.caption(ui.t("fives.heatmap.caption"))


def store_view(
    ranking: pd.DataFrame,
    heatmap: pd.DataFrame,
    trend: pd.DataFrame,
    repeats: pd.DataFrame,
    lang: str,
    period: str,
) -> None:
    """One store against the selection: its radar, its monthly trend and its repeat findings (``period``: the
    selection's ``export.period_tag``, in the export's file name)."""
    labels = {int(r.store_id): display.store_label(r.store_code, r.store_name) for r in ranking.itertuples()}
    store_id = st.selectbox(
        ui.t("fives.store.pick"),
        list(labels),
        filter_mode="contains",
        format_func=labels.get,
        key="fives_store",
        placeholder=ui.t("common.no_options"),
    )
    row = ranking[ranking["store_id"] == store_id].iloc[0]
    st.caption(display.store_caption(row, labels[store_id], lang))
    st.html(LAYOUT_CSS)
    with st.container(key="fives_store_charts"):  # side by side, or one under the other (LAYOUT_CSS)
        left, right = st.columns(2)
        with left:
            ui.chart(charts.radar(heatmap, store_id, labels[store_id], lang), "fives_radar")
        with right:
            ui.chart(charts.store_trend(trend, store_id, labels[store_id], lang), "fives_trend")
    mine = repeats[repeats["store_id"] == store_id]
    if pd.isna(row["repeat_findings_n"]):  # its first inspection: nothing could repeat yet (not "none")
        st.caption(ui.t("kpi.caption.no_data", reason=ui.t("fives.no_data.no_earlier_inspection")))
    elif mine.empty:
        st.caption(ui.t("fives.repeats.none"))
    else:
        st.markdown(f"**{ui.t('fives.view.repeats')}** ({len(mine)})")
        ui.table(
            display.repeats_table(mine, lang),
            f"fives_store_repeat_findings_{period}.csv",
            key="fives_store_repeats",
        )


def ranking_view(ranking: pd.DataFrame, cfg: FivesSettings, lang: str, period: str) -> None:
    """The stores ranked, with their bands (the thresholds in the caption) and the ranking's bars."""
    bands = ui.t(
        "fives.ranking.caption",
        excellent=cfg.excellent_min,
        good=cfg.good_min,
        needs=cfg.needs_improvement_min,
    )
    # "—" explained only where the ranking shows one (a store with no inspection before the period's)
    no_repeats = ranking["repeat_findings_n"].isna().any()
    st.caption(sentences([bands, ui.t("fives.ranking.repeats_no_data") if no_repeats else ""], lang))
    ranking_table(ranking, lang, key="fives_ranking", period=period)
    ui.chart(charts.ranking_bars(ranking, cfg, lang), "fives_ranking_chart")


def inspectors_view(consistency: pd.DataFrame, lang: str, period: str) -> None:
    """Each inspector against the others on the same stores (bars where they share stores) and the table."""
    st.caption(ui.t("fives.inspectors.caption"))
    if consistency["difference_pp"].notna().any():
        ui.chart(charts.consistency_bars(consistency, lang), "fives_consistency_chart")
    else:
        st.info(ui.t("fives.inspectors.none_shared"))
    ui.table(
        display.consistency_table(consistency, lang),
        f"fives_inspectors_{period}.csv",
        key="fives_consistency",
    )


def repeats_view(repeats: pd.DataFrame, lang: str, period: str) -> None:
    """The items failed again at a store's next inspection, or a note that there are none."""
    st.caption(ui.t("fives.repeats.caption"))
    if repeats.empty:
        st.info(ui.t("fives.repeats.none"))
    else:
        repeats_table(repeats, lang, "fives_repeats", period)


def repeats_table(repeats: pd.DataFrame, lang: str, key: str, period: str) -> None:
    """Repeat findings, each linked to its corrective action (``period``: ``export.period_tag``)."""
    link = st.column_config.LinkColumn(display_text=r"action=(\d+)$")
    table = display.repeats_table(repeats, lang)
    ui.table(
        table, f"fives_repeat_findings_{period}.csv", key=key, column_config={ui.t("fives.col.action"): link}
    )


def _colour_cells(table: pd.DataFrame, column: str, colours: dict[str, str]):
    def style(value) -> str:
        colour = colours.get(value)
        return f"color: white; background-color: {colour}" if colour else ""

    return table.style.map(style, subset=[column])


def ranking_table(ranking: pd.DataFrame, lang: str, key: str, period: str) -> None:
    table = display.ranking_table(ranking, lang)
    linked, links = ui_overview.store_linked(table, ranking["store_code"], lang, ui.t("fives.col.store"))
    band_col = ui.t("fives.col.band")
    styled = _colour_cells(linked, band_col, display.band_colours(table, lang))
    styled = styled.format(
        {
            ui.t("fives.col.mean_pct"): "{:.1f}",
            ui.t("fives.col.latest_pct"): "{:.1f}",
            ui.t(
                "fives.col.repeats"
            ): "{:.0f}",  # "—": the store's first inspection, nothing could repeat yet
            ui.t("fives.col.repeats_n"): "{:.0f}",  # and its n
        },
        na_rep="—",
    )
    _styled_table(styled, table, f"fives_ranking_{period}.csv", key, links)


def actions_table(acts: pd.DataFrame, lang: str, key: str, period: str) -> None:
    table = display.actions_table(acts, lang)
    linked, links = ui_overview.store_linked(table, acts["store_code"], lang, ui.t("fives.col.store"))
    overdue_col = ui.t("fives.col.overdue")
    # the store's lateness in red; submitted work awaiting verification in amber (the wait is the verifier's)
    awaiting = (acts["status"] == "submitted").tolist()

    def colours(column: pd.Series) -> list[str]:
        return [
            f"color: white; background-color: {PALETTE['warn' if wait else 'bad']}" if mark else ""
            for mark, wait in zip(column, awaiting, strict=True)
        ]

    styled = linked.style.apply(colours, subset=[overdue_col])
    _styled_table(styled, table, f"fives_actions_{period}.csv", key, links)


def _styled_table(styled, table: pd.DataFrame, file_name: str, key: str, links: dict | None = None) -> None:
    """``styled`` shown (with its store links), ``table`` exported (without them)."""
    config = {
        c: st.column_config.DateColumn(format="YYYY-MM-DD")
        for c in table.columns
        if "datetime" in str(table[c].dtype)
    }
    config.update(links or {})
    st.dataframe(
        styled, hide_index=True, width="stretch", key=f"{key}_table", column_config=config, placeholder="—"
    )
    ui.download_csv(table, file_name, key=f"{key}_csv")


# ---------------------------------------------------------------- the workflow panel
def step_message() -> None:
    """The outcome of the last workflow step (success or the reason it was refused), once."""
    message = st.session_state.pop("fives_actions_message", None)
    if message:
        ui.outcome(message[1], message[0])


def _run_step(step: str, action_id: int, user, **values) -> None:
    st.query_params["action"] = str(action_id)  # the picker stays on this action (pages/fives_actions.py)
    con = ui.connection()
    try:
        if step == "submit":
            values["photo"] = _photo(values.get("upload"))
        if step == "start":
            status = writes.start_fives_action(con, user, action_id)
        elif step == "submit":
            status = writes.submit_fives_action(con, user, action_id, values["text"], values.get("photo"))
        elif step == "verify":
            status = writes.verify_fives_action(con, user, action_id)
        else:
            writes.send_back_fives_action(con, user, action_id, values["text"])
            status = "sent_back"
    except (actions.WorkflowError, ValueError) as exc:  # a refused step or a refused photo
        if not hasattr(exc, "key"):
            raise
        extra = dict(exc.values)
        if "status" in extra:
            extra["status"] = display.status_label(extra["status"], ui.lang())
        st.session_state["fives_actions_message"] = ("error", ui.t(exc.key, **extra))
        return
    st.session_state["fives_actions_message"] = ("success", ui.t(f"fives.step.done.{status}", id=action_id))


def _photo(upload) -> str | None:
    if upload is None or photos is None:
        return None
    return photos.store_photo(upload.getvalue())


def _photos(row: pd.Series) -> None:
    """The finding's photo (taken with the tablet form) and the after-photo, side by side: the check compares
    them. Each only when its file is kept."""
    shown = [
        (photos.photo_file(name), ui.t(caption))
        for name, caption in (
            (row.get("finding_photo_path"), "fives.step.finding_photo_shown"),
            (row.get("after_photo_path"), "fives.step.photo_shown"),
        )
        if isinstance(name, str) and photos is not None and photos.photo_file(name) is not None
    ]
    for column, (path, caption) in zip(st.columns(2) if shown else [], shown, strict=False):
        column.image(str(path), caption=caption, width=320)


def workflow_panel(row: pd.Series, user, lang: str) -> None:
    """The chosen action: what it is, what happened, and the steps this user may take on it now."""
    action_id = int(row["action_id"])
    st.markdown(
        f"**#{action_id} · {md_plain(row['item_code'])} · {display.status_label(row['status'], lang)}**"
    )
    st.markdown(md_plain(display.action_description(row, lang)))  # an inspector's comment, as typed
    st.caption(
        ui.t(
            "fives.actions.detail",
            store=display.store_label(row["store_code"], row["store_name"]),
            inspected=f"{pd.Timestamp(row['inspected_on']):%Y-%m-%d}",
            due=f"{pd.Timestamp(row['due_on']):%Y-%m-%d}",
            owner=display.owner_label(row["owner_name"], lang),
        )
    )
    taken = ui.query("fives_action_steps", {"action_id": action_id}, fresh=True)  # each text, as written
    for line in display.action_history(row, lang, ui.report_timezone(), taken):
        st.caption(line)
    _photos(row)
    steps = actions.steps_for(
        user, row["status"], row["submitted_by"]
    )  # the list: actions in scope only (SQL)
    if not steps:
        st.info(ui.t("fives.actions.no_steps"))
        return
    key = f"fives_actions_{action_id}"
    buttons = [s for s in steps if s in ("start", "verify")]
    for column, step in zip(st.columns(max(len(buttons), 1)), buttons, strict=False):
        column.button(
            ui.t(f"fives.step.{step}"),
            key=f"{key}_{step}",
            type="primary" if step == "verify" else "secondary",
            on_click=ui.write_callback(_run_step),  # the step checks the user as stored when it runs
            args=(step, action_id, user),
        )
    if "submit" in steps:
        with st.form(f"{key}_submit_form", enter_to_submit=False):
            text = st.text_area(
                ui.t("fives.step.done_text"), key=f"{key}_done_text", max_chars=actions.TEXT_LIMIT
            )
            upload = None
            if photos is not None:
                from portal import ui_dash

                upload = ui_dash.photo_uploader(
                    ui.t("fives.step.photo", limit=f"{photos.limit_mb():g}"),
                    f"{key}_photo",
                    photos.limit_mb(),
                    lang,
                )
            else:
                st.caption(ui.t("fives.step.photo_unavailable"))
            if st.form_submit_button(ui.t("fives.step.submit"), type="primary"):
                _run_step("submit", action_id, user, text=text, upload=upload)
                st.rerun()
    if "send_back" in steps:
        with st.form(f"{key}_send_back_form", enter_to_submit=False):
            reason = st.text_input(
                ui.t("fives.step.reason"), key=f"{key}_reason", max_chars=actions.TEXT_LIMIT
            )
            if st.form_submit_button(ui.t("fives.step.send_back")):
                _run_step("send_back", action_id, user, text=reason)
                st.rerun()
