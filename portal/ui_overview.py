"""Streamlit pieces of the overview and the store view: tiles with sparklines, one alert with its actions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import streamlit as st

from portal import kpi, navigation, writes
from portal.i18n import t
from portal.overview import brief
from portal.overview import figures as overview
from portal.overview.figures import OverviewFigures
from portal.overview.sources import Alert, AreaOverview, Window, window_for


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def window(timezone: str, **narrow) -> Window:
    """The overview's window as of now rounded down to 5 minutes (so the cached figures are reused)."""
    from portal.complaints import rounded_now

    return window_for(rounded_now(now_utc()), timezone=timezone)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _figures(win: Window, scope, version, settings_version: int, db_file: str) -> OverviewFigures:
    con = _connection()
    return overview.figures(kpi.runner(con, scope), win, con)


def figures(win: Window, scope) -> OverviewFigures:
    """Every area's overview for the signed-in user's scope, cached until an import or a settings change."""
    from portal import db, ui

    return _figures(win, scope, ui.data_version(), writes.settings_version(), str(db.db_path()))


def area_tiles(area: AreaOverview, lang: str, key: str) -> None:
    """One bordered tile per headline figure: value, change (grey unless significant), n, target, sparkline."""
    columns = st.columns(len(area.figures))
    for column, fig in zip(columns, area.figures, strict=True):
        series = area.series_for(fig.key)
        spark = [v for v, ok in zip(series.values, series.complete, strict=True) if ok] if series else None
        color, arrow = kpi.delta_style(fig)
        with column:
            st.metric(
                t(fig.label, lang),
                kpi.format_value(fig, lang),
                delta=kpi.format_change(fig, lang),
                delta_color=color,
                delta_arrow=arrow,
                border=True,
                chart_data=[0.0 if v is None else round(float(v), 2) for v in spark] if spark else None,
                help=t("overview.sparkline", lang),
                delta_description=t("kpi.vs_previous", lang),
            )
            text = kpi.tile_text(fig, lang)
            for line, colour in text.captions:
                st.caption(f":{colour}[{line}]" if colour else line)


def alert_card(
    alert: Alert, lang: str, key: str, *, username: str, scope_key: str, window_week, roles=("admin",)
) -> None:
    """One alert: severity, sentence (value, n, comparison), link to the page and filters (only to a page the
    user's ``roles`` may open: a team lead's 5S alert has no link to 5S actions), acknowledge/snooze."""
    sentence = brief.alert_sentence(window_week, alert, lang)
    params = dict(alert.link_params)
    with st.container(border=True):
        st.markdown(f"**{t(f'overview.alert.severity.{alert.severity}', lang)}** · {sentence.text}")
        left, right = st.columns(2)
        if navigation.allowed(navigation.page(alert.page), roles):
            with left:
                st.page_link(
                    f"pages/{alert.page}.py", label=t("overview.open_page", lang), query_params=params
                )
        if alert.store:
            with right:
                st.page_link(
                    "pages/store.py",
                    label=t("overview.open_store", lang, store=alert.store),
                    query_params={"store": alert.store},
                )
        with st.form(f"{key}_form", clear_on_submit=True, border=False):
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
                username=username,
                now=now_utc(),
            )
            st.toast(t("overview.ack.done", lang))
            st.rerun()


def _connection():
    from portal import ui

    return ui.connection()
