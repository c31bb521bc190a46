"""Streamlit pieces of the overview and the store view: tiles with sparklines, one alert with its actions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import streamlit as st

from portal import export, kpi, navigation, writes
from portal.i18n import t
from portal.overview import brief, coverage
from portal.overview import figures as overview
from portal.overview.figures import OverviewFigures
from portal.overview.sources import Alert, AreaOverview, Window, window_for
from portal.overview.spark import sparkline
from portal.ui.signin import links_locked


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def window(timezone: str, **narrow) -> Window:
    """The overview's window as of now rounded down to the full hour (so the cached figures are reused)."""
    from portal.complaints import rounded_now

    return window_for(rounded_now(now_utc()), timezone=timezone)


# cache_resource: the figures are shared, not copied (the page only reads them): a cache_data copy was unpickled on
# every run (issue 14), and a copy anew each run gave ui.built nothing to key the alerts' sentences and the brief by
@st.cache_resource(ttl=600, max_entries=64, show_spinner=False)
def _figures(
    win: Window, scope, areas: tuple[str, ...], version, settings_version: int, db_file: str
) -> OverviewFigures:
    con = _connection()
    return overview.figures(kpi.runner(con, scope), win, con, areas)


def figures(win: Window, scope, roles, version) -> OverviewFigures:
    """The overview of the areas the signed-in user's ``roles`` may see (``navigation.visible_areas``: a team
    lead's has no 5S) for their scope, cached until an import or a settings change. ``version``: the data version
    the page read once (``ui.data_version()``), so the sections drawn after the tiles read at the same one."""
    from portal import db

    areas = navigation.visible_areas(roles)
    return _figures(win, scope, areas, version, writes.settings_version(), str(db.db_path()))


def area_tiles(area: AreaOverview, lang: str, key: str) -> None:
    """The line saying which days the area's tiles cover and are compared with (``coverage``: the areas differ),
    then one bordered tile per headline figure: value, change (grey unless significant), n, target, sparkline."""
    cover = area.coverage
    if cover is not None:
        st.caption(coverage.area_caption(cover, area.figures, lang))
    columns = st.columns(len(area.figures))
    for column, fig in zip(columns, area.figures, strict=True):
        series = area.series_for(fig.key)
        drawn = (
            [(v, n) for v, n, ok in zip(series.values, series.n, series.complete, strict=True) if ok]
            if series
            else []
        )
        line = sparkline([v for v, _ in drawn]) if drawn else ""
        color, arrow = kpi.delta_style(fig)
        delta = kpi.format_change(fig, lang)
        with column:
            st.metric(
                t(fig.label, lang),
                kpi.format_value(fig, lang),
                delta=delta,
                delta_color=color,
                delta_arrow=arrow,
                border=True,
                help=coverage.tile_help(cover, fig, lang, sparkline=bool(line))
                if cover
                else kpi.with_change_note(fig, None, lang),
                # no "vs previous period" under a tile that has no change to show (open actions, a first period)
                delta_description=kpi.vs_previous(fig, t("kpi.vs_previous", lang), lang),
            )
            if line and cover is not None:
                value = f"`{line}`"
                if cover.spark == "month":  # a mark a month: the inspections each rests on, joined by "/"
                    # (not " · ", the sparkline's gap mark; not ", ", which 1,234 holds)
                    value = t(
                        "overview.spark.month_n", lang, line=value, n="/".join(f"{n:,}" for _, n in drawn)
                    )
                st.caption(t("text.label_value", lang, label=cover.spark_label(lang), value=value))
            text = kpi.tile_text(fig, lang)
            for line, colour in text.captions:
                st.caption(f":{colour}[{line}]" if colour else line)


ALERTS_PER_PAGE = 10


def store_names() -> dict[str, str]:
    """Store code -> "S001 北京王府井店": the stores the reader may see, named in the session's language
    (``brief.store_names``: the store_label macro), for sentences that would otherwise name a store by its code
    alone."""
    from portal import ui

    # one dict per scope, language and data version (ui.figure_set), shared: the alerts and the brief read it, and
    # ui.built keys their sentences by it
    return ui.figure_set(brief.store_names, ui.lang())


ATTENTION_SHOWN = 3


def attention(open_alerts: list[Alert], window: Window, lang: str) -> None:
    """Above the tiles: how many open alerts there are and the most severe ``ATTENTION_SHOWN`` in a sentence each
    (``open_alerts`` come ranked, most severe first); nothing without one (the Alerts heading below says so)."""
    if not open_alerts:
        return
    names = store_names()
    with st.container(border=True):
        lines = [f":material/warning: **{t('overview.attention', lang, n=len(open_alerts))}**"]
        lines += [
            f"- {brief.alert_sentence(window, a, lang, names).markdown}"
            for a in open_alerts[:ATTENTION_SHOWN]
        ]
        if len(open_alerts) > ATTENTION_SHOWN:
            lines.append("\n" + t("overview.attention.more", lang, n=len(open_alerts) - ATTENTION_SHOWN))
        st.markdown("\n".join(lines))


def alert_list(
    alerts, lang: str, *, username: str, scope_key: str, window_week, roles=("admin",), user=None
) -> None:
    """The open alerts, highest severity first, ``ALERTS_PER_PAGE`` cards a page (each card holds a form:
    seventy of them made the landing page slow to draw), with a page choice when there are more."""
    pages = max(1, -(-len(alerts) // ALERTS_PER_PAGE))
    page = 1
    if pages > 1:
        left, _ = st.columns([1, 3])
        page = int(
            left.number_input(
                t("overview.alerts.page", lang, pages=pages), 1, pages, 1, key="overview_alerts_page"
            )
        )
    first = (page - 1) * ALERTS_PER_PAGE
    shown = alerts[first : first + ALERTS_PER_PAGE]
    if pages > 1:
        st.caption(
            t("overview.alerts.showing", lang, first=first + 1, last=first + len(shown), n=len(alerts))
        )
    names = store_names() if any(a.store for a in shown) else {}
    for i, alert in enumerate(shown, start=first):
        alert_card(
            alert,
            lang,
            f"overview_alert_{i}",
            store_names=names,
            username=username,
            scope_key=scope_key,
            window_week=window_week,
            roles=roles,
            user=user,
        )


# the alert whose acknowledge / snooze form is open: (condition key, fingerprint)
OPEN_FORM = "overview_alert_open"


def _toggle_form(which: tuple[str, str]) -> None:
    """on_click of a card's "Acknowledge or snooze…" / "Close": one form open at a time."""
    if st.session_state.get(OPEN_FORM) == which:
        st.session_state.pop(OPEN_FORM, None)
    else:
        st.session_state[OPEN_FORM] = which


def alert_card(
    alert: Alert,
    lang: str,
    key: str,
    *,
    username: str,
    scope_key: str,
    window_week,
    roles=("admin",),
    store_names: dict[str, str] | None = None,
    user=None,
) -> None:
    """One alert: severity, sentence (value, n, comparison), link to the page and filters (only to a page the
    user's ``roles`` may open: a team lead's 5S alert has no link to 5S actions), and a button that opens the
    acknowledge / snooze form under it. Only the open card draws its form (issue 14: ten cards of a note, a
    date and two buttons each were half of a cached rerun of the landing page)."""
    from portal import ui

    sentence = ui.built(brief.alert_sentence, window_week, alert, lang, store_names)
    params = dict(alert.link_params)
    which = (alert.condition_key, alert.fingerprint)
    opened = st.session_state.get(OPEN_FORM) == which
    locked = links_locked()  # until the sign-in cookie is stored: a click now could be lost (signin.py)
    with st.container(border=True):
        st.markdown(f"**{t(f'overview.alert.severity.{alert.severity}', lang)}** · {sentence.markdown}")
        left, middle, right = st.columns(3)
        target = navigation.page(alert.page)
        if navigation.allowed(target, roles):
            with left:
                st.page_link(
                    f"pages/{alert.page}.py",
                    label=t("overview.open_page", lang, page=t(target.title_key, lang)),  # which page: named
                    help=t("overview.open_page_help", lang),
                    query_params=params,
                    disabled=locked,
                )
        if alert.store:
            with middle:
                st.page_link(
                    "pages/store.py",
                    label=t(
                        "overview.open_store", lang, store=(store_names or {}).get(alert.store, alert.store)
                    ),
                    query_params={"store": alert.store},
                    disabled=locked,
                )
        right.button(
            t("overview.ack.close" if opened else "overview.ack.open", lang),
            key=f"{key}_open",
            on_click=_toggle_form,
            args=(which,),
        )
        if not opened:
            return
        with st.form(f"{key}_form", clear_on_submit=True, border=False, enter_to_submit=False):
            note = st.text_input(t("overview.ack.note", lang), key=f"{key}_note")
            left, middle, right = st.columns(3)
            until = right.date_input(
                t("overview.ack.until", lang), value=now_utc().date() + timedelta(days=7), key=f"{key}_until"
            )
            ack = left.form_submit_button(t("overview.ack.acknowledge", lang))
            snooze = middle.form_submit_button(t("overview.ack.snooze", lang))
        if ack or snooze:
            if not note.strip():
                st.warning(t("overview.ack.need_note", lang))
                return
            writes.acknowledge_alert(
                _connection(),
                scope_key=scope_key,
                condition_key=alert.condition_key,
                fingerprint=alert.fingerprint,
                action="acknowledge" if ack else "snooze",
                snooze_until=until if snooze else None,
                note=note,
                user=user,  # checked as stored now: a deactivated or changed account is refused
                username=username,
                now=now_utc(),
            )
            st.session_state.pop(OPEN_FORM, None)
            st.toast(t("overview.ack.done", lang))
            st.rerun()


def relation_charts(
    win: Window,
    lang: str,
    key: str,
    highlight: str | None = None,
    *,
    toggle: bool = False,
    at_version: tuple[int, ...] | None = None,
) -> None:
    """The chain chart: stores' 5S score against their complaint rate and satisfaction index, side by side,
    with r, its 95% interval and n in each title (cached with the reader's figure sets: ``ui.figure_set``);
    ``at_version``: the data version of the page's figures beside it (the overview's), read at it."""
    from portal import ui
    from portal.overview import charts, relation

    st.subheader(t("relation.heading", lang))
    if toggle and not st.toggle(t("relation.show", lang), key=f"{key}_show"):
        return  # drawn on demand on the landing page (two scatter charts: a third of its drawing time)
    rel = ui.figure_set(
        relation.store_relation, win, int(ui.setting("low_confidence_n")), at_version=at_version
    )
    st.caption(t("relation.caption", lang, week=win.label))
    for column, which in zip(st.columns(2), relation.RELATIONS, strict=True):
        with column:
            ui.chart_of(charts.scatter, rel, which, lang, highlight, key=f"{key}_{which}")


def store_fives_block(view, lang: str, region_names: dict | None = None) -> None:
    """The store view's 5S part: band, section scores and monthly score against region and chain (headed as
    ``store.column_labels`` names them for the reader; ``region_names``: region id -> name in ``lang``), repeat
    findings and the actions not yet verified (each list linked to its corrective action)."""
    from portal import ui, ui_fives
    from portal.fives import figures as fives
    from portal.overview import store as store_view
    from portal.overview import store_fives

    cfg = fives.load_settings(ui.settings_snapshot())
    sf = store_fives.store_fives(ui.query, view.window, view.store_id, view.region_id, cfg)
    period = export.period_tag(view.window.start, view.window.end)  # in every export's file name
    labels = store_view.column_labels(view, region_names, lang)
    st.subheader(t(f"store.fives.{'scope_part' if view.partial_region else view.wide_side}", lang))
    st.markdown(store_fives.band_text(sf, cfg.low_confidence_n, lang))
    if sf.overall_n:
        left, right = st.columns(2)
        with left:
            st.markdown(f"**{t('store.fives.sections', lang)}**")
            ui.table(
                store_fives.sections_table(sf, lang, labels),
                f"store_{view.store_code}_5s_{period}.csv",
                key="store_5s",
            )
        with right:
            st.markdown(f"**{t('store.fives.trend', lang)}**")
            ui.table(
                store_fives.trend_table(sf, lang, labels),
                f"store_{view.store_code}_5s_trend_{period}.csv",
                key="store_5st",
            )
    st.markdown(f"**{t('store.fives.repeats', lang)}** ({len(sf.repeats)})")
    if sf.repeats.empty:
        st.caption(t("store.fives.repeats.none", lang))
    else:
        ui_fives.repeats_table(sf.repeats, lang, key="store_5s_repeats", period=period)
    st.markdown(f"**{t('store.fives.actions', lang)}** ({len(sf.actions)})")
    if sf.actions.empty:
        st.caption(t("store.fives.actions.none", lang))
    else:
        ui_fives.actions_table(sf.actions, lang, key="store_5s_actions", period=period)


def store_linked(shown, codes, lang: str, after: str | None = None):
    """(``shown`` with a store-view link column after ``after``, its column config): pages that list stores
    pass both to ``ui.table`` / ``ui_dash.drill_table`` with ``export=shown`` (the CSV without the links). For a
    user who may not open the store view, ``shown`` as it is and no config."""
    from portal import navigation, ui
    from portal.overview import links

    if not navigation.allowed(navigation.page("store"), ui.current_user().roles):
        # a role without the store view (an inspector) gets no links to it: each said "not permitted"
        return shown, {}
    linked = links.with_store_links(shown, codes, lang, after)
    config = {
        links.column_label(lang): st.column_config.LinkColumn(
            display_text=links.DISPLAY, help=t("store.link.help", lang)
        )
    }
    return linked, config


def _connection():
    from portal import ui

    return ui.connection()
