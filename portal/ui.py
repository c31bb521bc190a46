"""The small Streamlit layer shared by app.py and the pages: connection, language, guard, filters, tiles.

The only module of the package that calls ``st.``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from portal import db, export, navigation
from portal.auth import User
from portal.filters import Filters
from portal.i18n import LANGUAGE_NAMES, LANGUAGES
from portal.i18n import t as _t


# ---------------------------------------------------------------- connection and queries
@st.cache_resource(show_spinner=False)
def _connection(path: str):
    return db.connect(path)


def connection():
    """The process's one DuckDB connection (callers take a ``.cursor()`` per use)."""
    return _connection(str(db.db_path()))


def data_version() -> tuple[int, int]:
    """Changes whenever an import is committed or undone, so cached figures refresh."""
    cur = connection().cursor()
    try:
        row = cur.execute(
            "select coalesce(max(batch_id), 0), count(*) filter (where status = 'undone') from import_batches"
        ).fetchone()
    finally:
        cur.close()
    return int(row[0]), int(row[1])


@st.cache_data(ttl=600, max_entries=512, show_spinner=False)
def _cached_query(name: str, params: dict[str, Any], scope, _version: tuple[int, int]) -> pd.DataFrame:
    return db.run_query(connection(), name, params, scope)


def query(name: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Run a named query for the signed-in user (their scope is always bound)."""
    return _cached_query(name, dict(params or {}), current_user().scope, data_version())


def clear_caches() -> None:
    _cached_query.clear()


# ---------------------------------------------------------------- language
def lang() -> str:
    return st.session_state.get("lang", "en")


def t(key: str, **values) -> str:
    return _t(key, lang(), **values)


def language_switch() -> None:
    if "lang" not in st.session_state:
        st.session_state["lang"] = "en"
    st.sidebar.radio(
        _t("app.language", lang()),
        options=list(LANGUAGES),
        format_func=lambda code: LANGUAGE_NAMES[code],
        key="lang",
        horizontal=True,
    )


# ---------------------------------------------------------------- who is asking
def current_user() -> User:
    user = st.session_state.get("portal_user")
    if user is None:
        st.error(t("app.not_permitted"))
        st.stop()
    return user


def page_guard(page_key: str) -> User:
    """Check on the server, before any query, that the signed-in user's role may open this page."""
    user = st.session_state.get("portal_user")
    if user is None or not navigation.allowed(navigation.page(page_key), user.roles):
        st.error(t("app.not_permitted"))
        st.stop()
    return user


def not_permitted_page() -> None:
    st.error(t("app.not_permitted"))


# ---------------------------------------------------------------- filters
_PRESETS = ("last_30", "last_90", "last_365", "this_year", "custom")


def _preset_range(preset: str, today: date) -> tuple[date, date]:
    if preset == "last_30":
        return today - timedelta(days=29), today
    if preset == "last_365":
        return today - timedelta(days=364), today
    if preset == "this_year":
        return date(today.year, 1, 1), today
    return today - timedelta(days=89), today


def filter_sidebar(
    page_key: str,
    *,
    today: date | None = None,
    extra: Mapping[str, Sequence[tuple[str, str]]] | None = None,
    business_hours: bool = False,
) -> Filters:
    """The one sidebar filter: period, region, store (within the user's scope) and optional extra lists.

    ``extra`` maps a filter field (channels, categories, severities) to (value, label) options.
    One form, so a batch of changes is one rerun.
    """
    today = today or date.today()
    regions = query("filter_regions")
    stores = query("filter_stores")
    region_label = dict(zip(regions["region_id"], regions["region_name_" + lang()], strict=False))
    store_label = dict(zip(stores["store_id"], stores["store_code"] + " " + stores["store_name"], strict=False))
    key = f"{page_key}_filters"
    with st.sidebar.form(key):
        st.markdown(f"**{t('filters.title')}**")
        preset = st.selectbox(
            t("filters.preset"), _PRESETS, index=1, format_func=lambda p: t(f"filters.preset.{p}"),
            key=f"{key}_preset",
        )
        start, end = _preset_range(preset, today)
        picked = st.date_input(t("filters.date_range"), value=(start, end), key=f"{key}_dates",
                               disabled=preset != "custom")
        if preset == "custom" and isinstance(picked, tuple) and len(picked) == 2:
            start, end = picked
        region_ids = st.multiselect(t("filters.region"), list(region_label), format_func=region_label.get,
                                    placeholder=t("filters.all"), key=f"{key}_regions")
        store_options = [
            s for s, r in zip(stores["store_id"], stores["region_id"], strict=False)
            if not region_ids or r in region_ids
        ]
        store_ids = st.multiselect(t("filters.store"), store_options, format_func=store_label.get,
                                   placeholder=t("filters.all"), key=f"{key}_stores")
        chosen: dict[str, tuple] = {}
        for field, options in (extra or {}).items():
            labels = dict(options)
            chosen[field] = tuple(st.multiselect(t(f"filters.{field}"), list(labels), format_func=labels.get,
                                                 placeholder=t("filters.all"), key=f"{key}_{field}"))
        hours = False
        if business_hours:
            hours = st.toggle(t("filters.business_hours"), key=f"{key}_business_hours")
        st.form_submit_button(t("filters.apply"), width="stretch")
    if start > end:
        st.sidebar.warning(t("filters.bad_range"))
        start, end = _preset_range("last_90", today)
    return Filters(start=start, end=end, region_ids=tuple(int(r) for r in region_ids),
                   store_ids=tuple(int(s) for s in store_ids), business_hours=hours, **chosen)


# ---------------------------------------------------------------- shared display pieces
def download_csv(df: pd.DataFrame, file_name: str, key: str) -> None:
    st.download_button(t("common.download_csv"), export.to_csv_bytes(df), file_name=file_name,
                       mime="text/csv", key=key)


def table(df: pd.DataFrame, file_name: str, key: str, **kwargs) -> None:
    """A sortable table with its CSV export."""
    st.dataframe(df, hide_index=True, width="stretch", key=f"{key}_table", **kwargs)
    download_csv(df, file_name, key=f"{key}_csv")


def chart(fig, key: str) -> None:
    st.plotly_chart(fig, width="stretch", key=key, config={"displaylogo": False})


# ---------------------------------------------------------------- frame
def schema_version() -> int:
    cur = connection().cursor()
    try:
        return int(cur.execute("select coalesce(max(version), 0) from schema_migrations").fetchone()[0])
    finally:
        cur.close()


def is_demo() -> bool:
    from portal import settings

    return bool(settings.get(connection(), "demo_data"))


def demo_banner() -> None:
    if is_demo():
        st.info(t("app.demo_banner"), icon=":material/science:")


def menu(entries) -> None:
    """The sidebar menu: only the pages the user's role may open, grouped by section."""
    sections: dict[str, list] = {}
    for spec, page in entries:
        sections.setdefault(spec.section, []).append(page)
    with st.sidebar:
        for section, pages in sections.items():
            st.caption(t(section))
            for page in pages:
                st.page_link(page)


def sign_in() -> User:
    """Return the signed-in user (placeholder until sign-in lands: a chain-wide admin)."""
    from portal.scope import Scope

    if "portal_user" not in st.session_state:
        st.session_state["portal_user"] = User("admin", "Admin", ("admin",), Scope.everything())
    return st.session_state["portal_user"]
