"""Streamlit helpers of the dashboards (issue 10): the complaint detail panel, and the drill-down from a chart
point or a table row to the complaint list filtered to what was clicked."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from portal import complaints, filter_state, ui, ui_overview, ui_tiles
from portal.charts import plotly_config
from portal.ui.filter_bar import applied_filter
from portal.ui.signin import links_locked

LIST_PAGE = "pages/complaint_list.py"


def open_list(drill: Mapping[str, str]) -> None:
    """Switch to the complaint list with the applied filter and the clicked selection in its address."""
    params = {**filter_state.to_query(applied_filter()), **dict(drill)}
    st.switch_page(LIST_PAGE, query_params=params)


def drill_chart(fig, key: str, to_drill: Callable[[Mapping[str, Any]], Mapping[str, str] | None]) -> None:
    """A chart whose points open the complaint list: ``to_drill`` maps a clicked point (plotly's selection
    point: x, y, customdata, curve_number) to the list's address parameters (None: not a drill point). Locked
    as the page links are (``signin.links_locked``): no point selectable until the sign-in cookie is stored."""
    ready = ui.prepared(fig)  # labels from data as plain text, as ui.chart does; its JSON made once
    if not ready.points:
        ui.empty_chart(ready)
        return
    locked = links_locked()
    event = st.plotly_chart(
        ready,
        width="stretch",
        key=key,
        config=plotly_config(ui.lang()),
        on_select="ignore" if locked else "rerun",
        selection_mode="points",
    )
    if locked:
        return
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    for point in points:
        drill = to_drill(point)
        if drill:
            open_list(drill)


def drill_table(
    shown: pd.DataFrame,
    raw: pd.DataFrame,
    file_name: str,
    key: str,
    to_drill: Callable[[Mapping[str, Any]], Mapping[str, str] | None],
    column_config: dict | None = None,
    export: pd.DataFrame | None = None,
    marks: Mapping[str, list[str | None]] | None = None,
    once: bool = False,
) -> None:
    """A table (with its CSV) whose selected row opens the complaint list; ``raw`` holds the ids in the same
    row order as ``shown``; ``export`` the CSV's frame when it differs from ``shown`` (e.g. no link column).
    ``marks``: per column label each row's status against its target, drawn with the one rule
    (``ui_tiles.marked_table``: symbol and colour); the CSV keeps the plain numbers. ``once``: the frames and
    marks are kept between reruns (a cached figure set's, or made by ``ui.built``), so the styled table and the
    CSV are made once for them (issue 14), not on every rerun. Locked as the page links are
    (``signin.links_locked``): no row selectable until the sign-in cookie is stored."""
    # a kept frame's column formats are worked out once too (ui.table's way): made anew on every rerun, the two
    # tables' formats were a tenth of a cached Complaints rerun's script CPU (issue 14)
    config = dict(ui.built(ui.display._column_config, shown)) if once else ui.display._column_config(shown)
    config.update({k: v for k, v in (column_config or {}).items() if k not in (marks or {})})
    for column in marks or {}:
        config.pop(column, None)  # the marked cells' text comes from the styler
    data = shown
    if marks:  # kept between reruns (once): the styled table is made, computed and translated once
        data = ui.built(ui_tiles.marked_table, shown, marks) if once else ui_tiles.marked_table(shown, marks)
    locked = links_locked()
    event = (ui.kept_dataframe if once else st.dataframe)(
        data,
        hide_index=True,
        width="stretch",
        key=f"{key}_table",
        column_config=config,
        placeholder=ui.MISSING,
        on_select="ignore" if locked else "rerun",
        selection_mode="single-row",
    )
    ui.download_csv(shown if export is None else export, file_name, key=f"{key}_csv", once=once)
    rows = [] if locked else event.selection.rows if event else []
    if rows:
        drill = to_drill(raw.iloc[rows[0]].to_dict())
        if drill:
            open_list(drill)


@dataclass(frozen=True)
class ComplaintTable:
    """A complaints page table as drawn: the frame shown (labelled, rounded), the same with its store links,
    the column config and each marked cell's status. Built once per figure set (``ui.built``)."""

    shown: pd.DataFrame
    linked: pd.DataFrame
    config: dict[str, Any]
    marks: dict[str, list[str | None]]


def complaint_table(frame: pd.DataFrame, goals, filters, lang: str, name: str) -> ComplaintTable:
    """The store (``name="stores"``) or agent table of the complaints page for its figure set's ``frame``."""
    formats = complaints.display_formats(frame, lang)
    shown = complaints.display_table(frame, lang)
    config = {label: st.column_config.NumberColumn(format=f) for label, f in formats.items()}
    linked, links = shown, {}
    if name == "stores":  # each store's row links to its store view
        linked, links = ui_overview.store_linked(
            shown, frame["store_code"], lang, ui.t("complaints.col.store_name")
        )
    marks = complaints.table_statuses(frame, goals, filters, lang)
    return ComplaintTable(shown, linked, {**config, **links}, marks)


def ranking_table(ranked: pd.DataFrame, cfg, lang: str, file_stem: str) -> None:
    """The per-store satisfaction ranking: marked against the targets (symbol and colour), sortable, with its
    CSV (every interval's bounds as numbers)."""

    st.caption(
        ui.t(
            "sat.rank.caption",
            n=cfg.low_confidence_n,
            index=f"{cfg.target:g}",
            csat=f"{cfg.csat_target_pct:g}",
            nps=f"{cfg.nps_target:+g}",
        )
        + " "
        + ui.t("kpi.target.rule")
    )
    from portal import satisfaction as sat

    styled, csv = ui.built(_ranking_parts, ranked, cfg, lang)  # styled and written once per figure set
    helps = {
        label: st.column_config.TextColumn(help=words) for label, words in sat.ranking_help(cfg, lang).items()
    }
    ui.kept_dataframe(
        styled,
        hide_index=True,
        width="stretch",
        key="satisfaction_ranking_table",
        placeholder=ui.MISSING,
        column_config={styled.data.columns[0]: st.column_config.NumberColumn(format="%d"), **helps},
    )
    ui.download_csv(csv, f"{file_stem}.csv", key="satisfaction_ranking_csv", once=True)


def _ranking_parts(ranked: pd.DataFrame, cfg, lang: str):
    from portal import satisfaction as sat

    shown = sat.ranking_table(ranked, cfg, lang)
    styled = ui_tiles.marked_table(shown, sat.ranking_marks(ranked, cfg, lang), sat.ranking_formats(lang))
    return styled, sat.ranking_csv(ranked, lang)


def comments_parts(latest: pd.DataFrame, lang: str):
    """The satisfaction comments as drawn: (the table with its store links, their column config, the CSV's
    frame); built once per comment list (``ui.built``)."""
    from portal import satisfaction as sat

    table = sat.comments_table(latest, lang)
    shown, store_links = ui_overview.store_linked(table, latest["store_code"], lang, ui.t("sat.col.store"))
    return shown, store_links, sat.comments_csv(latest, lang)


def complaint_detail_panel(wanted: str, page_key: str) -> None:
    """The complaint(s) with this source id (``?complaint=``): fields and status history, local times."""
    with st.container(border=True):
        st.subheader(ui.t("complaints.detail.title", id=wanted))
        found = complaints.complaint_details(ui.query, wanted, ui.lang(), ui.report_timezone())
        if not found:
            st.info(ui.t("complaints.detail.not_found"))
        for i, detail in enumerate(found):
            left, right = st.columns(2)
            left.dataframe(detail.fields, hide_index=True, key=f"{page_key}_detail_{i}")
            right.markdown(f"**{ui.t('complaints.detail.history')}**")
            if detail.history.empty:
                right.caption(ui.t("complaints.detail.no_history"))
            else:
                right.dataframe(detail.history, hide_index=True, key=f"{page_key}_detail_history_{i}")
        if st.button(ui.t("complaints.detail.close"), key=f"{page_key}_detail_close"):
            del st.query_params["complaint"]
            st.rerun()


# Tablets (1024x768, 768x1024): tile titles wrap instead of being cut ("First response tim…"), chart and
# table labels get the room; the sidebar collapses by itself below 768 px (initial_sidebar_state="auto").
LAYOUT_CSS = """
<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  height: auto !important; max-height: none !important;
}
[data-testid="stMetricLabel"] { min-height: 1.5rem; }
@media (max-width: 1100px) {
  [data-testid="stMainBlockContainer"] { padding-left: 1rem; padding-right: 1rem; }
  [data-testid="stMetricValue"] { font-size: 1.8rem; }
}
/* a tile's value, change and "vs previous period" wrap instead of ending in an ellipsis ("33.6 小…", "较上…" in
   a narrow tile); the words go under the change when there is no room beside it */
[data-testid="stMetricValue"], [data-testid="stMetricValue"] *,
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] *,
[data-testid="stMetricDeltaDescription"], [data-testid="stMetricDeltaDescription"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
div:has(> [data-testid="stMetricDeltaDescription"]) { flex-wrap: wrap; row-gap: 0.25rem; }
/* the words may shrink to the tile's width and wrap there: with "flex: 1 0 auto" they kept their one-line width,
   wider than a tile of a five-tile row at 1024 px with the sidebar open, and the row (overflow hidden) cut them
   ("vs previous peri") */
[data-testid="stMetricDeltaDescription"] { flex: 1 1 auto; max-width: 100%; }
/* a tile narrower than its value at full size (five tiles a row at 1280 px with the sidebar open: "35.8 小时" broke
   between 小 and 时, on two lines): the value's size follows the tile's own width, not the window's, and a number
   keeps its unit on its line (a break only at the space) */
[data-testid="stMetric"] { container-type: inline-size; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { word-break: keep-all; }
/* a change's unit and a title's words in brackets keep their characters together (a UI audit at 768 px in
   Chinese: "+2.3 个百分 / 点", "解决时长(中 / 位数)"): lines break at spaces and brackets, inside a word only where
   it cannot fit the tile ("break-word": Streamlit's own rule; "anywhere" would let the change's box shrink to a
   character's width beside "vs previous period", as Streamlit's did) */
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] *,
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  word-break: keep-all !important; overflow-wrap: break-word !important;
}
@container (max-width: 190px) { [data-testid="stMetricValue"] { font-size: 1.5rem; } }
/* a tablet in portrait: five tiles a row (the overview's complaints) cut the value ("33.2 …"): a smaller value
   (every value wraps rather than end in an ellipsis, above) */
@media (max-width: 900px) {
  [data-testid="stMetricValue"] { font-size: 1.4rem; }
  [data-testid="stMetricDeltaDescription"] { flex-basis: 100%; }
}
/* a touch screen (no hover): a table keeps its toolbar (search, download, full screen) shown while it has the
   focus, above its top right corner, where it covered the caption or text above the table. The table gets the
   toolbar's room above it there. */
@media (hover: none) and (pointer: coarse) {
  [data-testid="stElementContainer"]:has([data-testid="stDataFrame"]) { margin-top: 2.25rem; }
}
</style>
"""


def layout_css() -> None:
    st.html(LAYOUT_CSS)


def _css_string(text: str) -> str:
    """``text`` as a CSS string (for ``content:``)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def uploader_words(lang: str) -> None:
    """Streamlit's file drop zone says "Upload" and "200MB per file • CSV, XLSX" in English whatever the page's
    language, with no option to change it (streamlit/streamlit#13500). On a Chinese page CSS puts the portal's
    words there instead; the file types are in each uploader's own label."""
    if lang == "en":
        return
    from portal.i18n import t

    button = _css_string(t("ingest.dropzone.button", lang))
    limit = _css_string(t("ingest.dropzone.limit", lang, limit=st.get_option("server.maxUploadSize")))
    zone = '[data-testid="stFileUploaderDropzone"]'
    st.html(
        "<style>"
        f'{zone} [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p {{ font-size: 0; }}'
        f'{zone} [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p::after'
        f" {{ content: {button}; font-size: 0.875rem; }}"
        f'{zone} [data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}'
        f'{zone} [data-testid="stFileUploaderDropzoneInstructions"] span::after'
        f" {{ content: {limit}; font-size: 0.875rem; }}"
        "</style>"
    )


# one watcher of the page for the scripts of ``connection_words``' element (each registers its apply in
# window.__portalWatch): the body's changes (a plotly hover's too) run them once a frame at most, not once a change
_WATCH_JS = """<script>
(() => {
  const watch = (window.__portalWatch = window.__portalWatch || {});
  if (window.__portalWatchObserver) return;
  let queued = false;
  const run = () => {
    queued = false;
    for (const apply of Object.values(watch)) {
      try { apply(); } catch (error) { console.error(error); }  // one failing keeps none of the others from running
    }
  };
  window.__portalWatchObserver = new MutationObserver(() => {
    if (!queued) { queued = true; requestAnimationFrame(run); }
  });
  window.__portalWatchObserver.observe(document.body, {childList: true, subtree: true, characterData: true});
})();
</script>"""

# Streamlit's own dialogs when the server is gone ("Connection error": "Is Streamlit still running? … streamlit run
# yourscript.py", or "Streamlit server is not responding. Are you connected to the internet?") speak to a developer,
# in English whatever the page's language: a store's staff on a tablet read them when the server restarts. This
# script (drawn on every page, kept in the page when the server dies) marks such a dialog's heading and text with the
# portal's words, which CSS shows in their place (attributes only: the nodes stay React's, untouched). The words are
# the page's language's (updated when it changes: the element is new then).
_CONNECTION_JS = """<script>
(() => {{
  window.__portalConnectionWords = {{title: {title}, body: {body}}};
  const watch = (window.__portalWatch = window.__portalWatch || {{}});
  if (watch.connection) return;
  const style = document.createElement("style");
  style.textContent = `
    [data-portal-title], [data-portal-body] {{ font-size: 0 !important; }}
    [data-portal-body] > * {{ display: none !important; }}
    [data-portal-title]::after {{ content: attr(data-portal-title); font-size: 1.5rem; }}
    [data-portal-body]::before {{ content: attr(data-portal-body); font-size: 1rem; display: block; }}`;
  document.head.appendChild(style);
  watch.connection = () => {{
    const words = window.__portalConnectionWords;
    for (const dialog of document.querySelectorAll('[role="dialog"]')) {{
      const heading = dialog.querySelector("h2");
      const body = heading && heading.nextElementSibling;
      if (!body || heading.textContent.trim() !== "Connection error") continue;
      if (heading.getAttribute("data-portal-title") !== words.title) heading.setAttribute("data-portal-title", words.title);
      if (body.getAttribute("data-portal-body") !== words.body) body.setAttribute("data-portal-body", words.body);
    }}
  }};
}})();
</script>"""


def connection_words(lang: str) -> None:
    """The dialog shown while the server cannot be reached, in the portal's words and the page's language; and
    (the same element: one script drawn) the reason of a file an uploader refuses in the browser (``ui_refusals``)
    and Streamlit's English names of its chrome (``ui_labels``)."""
    import json

    from portal import ui_labels, ui_refusals
    from portal.i18n import t

    words = {
        "title": json.dumps(t("chrome.connection_lost_title", lang), ensure_ascii=False),
        "body": json.dumps(t("chrome.connection_lost", lang), ensure_ascii=False),
    }
    with st.sidebar:
        st.html(
            _WATCH_JS + _CONNECTION_JS.format(**words) + ui_refusals.script(lang) + ui_labels.script(lang),
            unsafe_allow_javascript=True,
        )


def chrome_words(lang: str) -> None:
    """English of the widgets' chrome that CSS can reach, in the page's language: the Fullscreen button Streamlit
    adds to plotly's modebar (its tooltip is CSS of its ``data-title``; plotly's own buttons get theirs from
    ``charts.plotly_config``) and the multiselect's bulk action ("Select all", "Select 15 matches": the count is
    in its text alone, so the Chinese says "select all matches" without it), and the skip link a keyboard's first
    Tab shows at the top left of every page ("Skip to main content"). Tooltips and aria labels that
    Streamlit renders from its own strings (the table toolbar's "Show/hide columns", "Search", "Fullscreen", the
    skip link's spoken name) are out of CSS's reach: ``ui_labels``' script renames them."""
    if lang == "en":
        return
    from portal.i18n import t

    css = []
    for title, key in (("Fullscreen", "chrome.fullscreen"), ("Close fullscreen", "chrome.close_fullscreen")):
        button = f'.js-plotly-plot .plotly .modebar-btn[data-title="{title}"]::after'
        css.append(f"{button} {{ content: {_css_string(t(key, lang))}; }}")
    for value, key in (
        ("__select_all__", "chrome.select_all"),
        ("__select_matches__", "chrome.select_matches"),
    ):
        item = f'[role="option"][data-key="{value}"] [data-item-hl]'
        words = _css_string(t(key, lang))
        css.append(f"{item} {{ font-size: 0; }}{item}::after {{ content: {words}; font-size: 0.875rem; }}")
    # 14px (0.875rem) and padding in px when focused, by a rule of two classes: [href] outweighs it
    skip = 'a[data-testid="stSkipToContent"][href]'
    words = _css_string(t("chrome.skip_to_content", lang))
    css.append(f"{skip} {{ font-size: 0; }}{skip}::after {{ content: {words}; font-size: 0.875rem; }}")
    st.html("<style>" + "".join(css) + "</style>")


def input_hint_words(lang: str) -> None:
    """Streamlit writes "Press Enter to apply" under a text or number input that is not in a form, in English
    whatever the page's language (the forms are ``enter_to_submit=False``: no hint there). On a Chinese page CSS
    puts the portal's words there instead. No input outside a form has ``max_chars``, so the hint is the only
    text of its box (a character count would be replaced too)."""
    if lang == "en":
        return
    from portal.i18n import t

    words = _css_string(t("app.input_hint_apply", lang))
    hint = (
        ':is([data-testid="stTextInput"], [data-testid="stNumberInput"]):not([data-testid="stForm"] *) '
        '[data-testid="InputInstructions"] span'
    )
    st.html(
        f"<style>{hint} {{ font-size: 0; }}{hint}::after {{ content: {words}; font-size: 0.75rem; }}</style>"
    )


PHOTO_TYPES = ("jpg", "jpeg", "png", "webp")


def photo_uploader(label: str, key: str, limit_mb: float, lang: str):
    """A photo's uploader whose drop zone states the photo limit (``PORTAL_PHOTO_LIMIT_MB``, whole MB up), not the
    server's file limit: Streamlit's own words ("8MB per file") in English, the portal's on a Chinese page (CSS
    scoped to this uploader's ``st-key-`` class, after uploader_words' words for every drop zone)."""
    whole_mb = max(1, math.ceil(limit_mb))
    if lang != "en":
        from portal.i18n import t

        scope = "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())  # as Streamlit names the class
        limit = _css_string(t("ingest.dropzone.limit", lang, limit=f"{limit_mb:g}"))
        st.html(
            f'<style>.{scope} [data-testid="stFileUploaderDropzoneInstructions"] span::after'
            f" {{ content: {limit}; font-size: 0.875rem; }}</style>"
        )
    return st.file_uploader(label, type=list(PHOTO_TYPES), key=key, max_upload_size=whole_mb)


_TOUCH = re.compile(r"iPad|Tablet|Android|Mobile|Silk|Kindle|PlayBook", re.IGNORECASE)


def sidebar_state(user_agent: str | None = None) -> str:
    """'collapsed' on tablets and phones (the sidebar would take ~30 % of a 1024 px screen; the filter caption
    under the title says what applies), else 'auto' (Streamlit collapses it below 768 px anyway)."""
    if user_agent is None:
        try:
            user_agent = st.context.headers.get("User-Agent", "")
        except Exception:  # noqa: BLE001 - no request (AppTest): a desktop
            user_agent = ""
    return "collapsed" if _TOUCH.search(user_agent or "") else "auto"
