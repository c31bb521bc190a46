"""The small Streamlit layer shared by app.py and the pages: connection, language, guard, filters, tiles.

The only module of the package that calls ``st.``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from portal import db, export, navigation, users
from portal.auth import User
from portal.filters import Filters, today_in
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
def _cached_query(
    name: str, params: dict[str, Any], scope, version: tuple[int, int], db_file: str
) -> pd.DataFrame:
    return db.run_query(connection(), name, params, scope)


def query(name: str, params: Mapping[str, Any] | None = None, *, fresh: bool = False) -> pd.DataFrame:
    """Run a named query for the signed-in user (their scope is always bound).

    Cached until an import changes the data; ``fresh=True`` for lists that change without an import
    (users, the audit log), which are read anew on every run.
    """
    if fresh:
        return db.run_query(connection(), name, dict(params or {}), current_user().scope)
    return _cached_query(name, dict(params or {}), current_user().scope, data_version(), str(db.db_path()))


def clear_caches() -> None:
    _cached_query.clear()


# ---------------------------------------------------------------- language
def lang() -> str:
    """The session's language (``portal_lang``: kept apart from the widget so it survives every rerun)."""
    return st.session_state.get("portal_lang", "en")


def t(key: str, **values) -> str:
    return _t(key, lang(), **values)


def _remember_language() -> None:
    st.session_state["portal_lang"] = st.session_state["lang_switch"]


def language_switch() -> None:
    """English / 简体中文. The choice is kept for the session and in the address (``?lang=zh``), so a reload,
    a bookmark or a new tab opens in it."""
    if "portal_lang" not in st.session_state and st.query_params.get("lang") in LANGUAGES:
        st.session_state["portal_lang"] = st.query_params["lang"]
    st.session_state["lang_switch"] = lang()
    st.sidebar.radio(
        _t("app.language", lang()),
        options=list(LANGUAGES),
        format_func=lambda code: LANGUAGE_NAMES[code],
        key="lang_switch",
        horizontal=True,
        on_change=_remember_language,
    )
    if lang() != "en":
        if st.query_params.get("lang") != lang():
            st.query_params["lang"] = lang()
    elif "lang" in st.query_params:
        del st.query_params["lang"]


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
    timezone = report_timezone()
    today = today or today_in(timezone)
    regions = query("filter_regions")
    stores = query("filter_stores")
    region_label = dict(zip(regions["region_id"], regions["region_name_" + lang()], strict=False))
    store_label = dict(
        zip(stores["store_id"], stores["store_code"] + " " + stores["store_name"], strict=False)
    )
    key = f"{page_key}_filters"
    st.sidebar.markdown(f"**{t('filters.title')}**")
    # the period sits outside the form, so choosing "Custom" opens the date picker at once
    preset = st.sidebar.selectbox(
        t("filters.preset"),
        _PRESETS,
        index=1,
        format_func=lambda p: t(f"filters.preset.{p}"),
        key=f"{key}_preset",
    )
    start, end = _preset_range(preset, today)
    with st.sidebar.form(key):
        if preset == "custom":
            picked = st.date_input(t("filters.date_range"), value=(start, end), key=f"{key}_dates")
            if isinstance(picked, tuple) and len(picked) == 2:
                start, end = picked
        else:
            st.caption(f"{start:%Y-%m-%d} – {end:%Y-%m-%d}")
        st.caption(t("filters.timezone_note", tz=timezone))
        region_ids = st.multiselect(
            t("filters.region"),
            list(region_label),
            format_func=region_label.get,
            placeholder=t("filters.all"),
            key=f"{key}_regions",
        )
        store_options = [
            s
            for s, r in zip(stores["store_id"], stores["region_id"], strict=False)
            if not region_ids or r in region_ids
        ]
        store_ids = st.multiselect(
            t("filters.store"),
            store_options,
            format_func=store_label.get,
            placeholder=t("filters.all"),
            key=f"{key}_stores",
        )
        chosen: dict[str, tuple] = {}
        for field, options in (extra or {}).items():
            labels = dict(options)
            chosen[field] = tuple(
                st.multiselect(
                    t(f"filters.{field}"),
                    list(labels),
                    format_func=labels.get,
                    placeholder=t("filters.all"),
                    key=f"{key}_{field}",
                )
            )
        hours = False
        if business_hours:
            hours = st.toggle(t("filters.business_hours"), key=f"{key}_business_hours")
        st.form_submit_button(t("filters.apply"), width="stretch")
    if start > end:
        st.sidebar.warning(t("filters.bad_range"))
        start, end = _preset_range("last_90", today)
    return Filters(
        start=start,
        end=end,
        region_ids=tuple(int(r) for r in region_ids),
        store_ids=tuple(int(s) for s in store_ids),
        business_hours=hours,
        timezone=timezone,
        **chosen,
    )


def today() -> date:
    """Today in the reporting time zone."""
    return today_in(report_timezone())


def report_timezone() -> str:
    """The reporting time zone (settings.report_timezone): the days of every filter are its days."""
    from portal import settings

    return settings.report_timezone(connection())


# ---------------------------------------------------------------- shared display pieces
def download_csv(df: pd.DataFrame, file_name: str, key: str) -> None:
    st.download_button(
        t("common.download_csv"), export.to_csv_bytes(df), file_name=file_name, mime="text/csv", key=key
    )


def _column_config(df: pd.DataFrame) -> dict[str, Any]:
    """Readable defaults: dates without a midnight time, integers with thousands separators."""
    config: dict[str, Any] = {}
    for col in df.columns:
        series = df[col]
        if pd.api.types.is_datetime64_any_dtype(series):
            stamps = series.dropna()
            date_only = stamps.empty or bool((stamps == stamps.dt.normalize()).all())
            config[col] = (
                st.column_config.DateColumn(format="YYYY-MM-DD")
                if date_only
                else st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")
            )
        elif pd.api.types.is_integer_dtype(series):
            config[col] = st.column_config.NumberColumn(format="localized")
    return config


def table(df: pd.DataFrame, file_name: str, key: str, column_config: dict | None = None, **kwargs) -> None:
    """A sortable table with its CSV export (formula-leading cells neutralised). Missing values show as "—"
    (the export keeps them empty)."""
    config = _column_config(df)
    config.update(column_config or {})
    kwargs.setdefault("placeholder", MISSING)
    st.dataframe(df, hide_index=True, width="stretch", key=f"{key}_table", column_config=config, **kwargs)
    download_csv(df, file_name, key=f"{key}_csv")


MISSING = "—"


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


def _cookie_key() -> str:
    """The cookie signing key: ``PORTAL_COOKIE_KEY`` or ``cookie_key`` in .streamlit/secrets.toml."""
    key = os.environ.get("PORTAL_COOKIE_KEY", "")
    if not key:
        try:
            key = str(st.secrets.get("cookie_key", ""))
        except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
            key = ""
    if len(key) >= 32:
        return key
    if is_demo() and not key:
        # demo data only: a per-process key (sessions do not survive a restart)
        return _demo_cookie_key()
    st.error(t("auth.no_cookie_key"))
    st.code(
        "export PORTAL_COOKIE_KEY=\"$(python -c 'import secrets; print(secrets.token_urlsafe(48))')\"\n"
        '# or, in .streamlit/secrets.toml:\ncookie_key = "<at least 32 random characters>"',
        language="bash",
    )
    st.stop()


@st.cache_resource(show_spinner=False)
def _demo_cookie_key() -> str:
    return secrets.token_urlsafe(48)


def _authenticator():
    """streamlit-authenticator, its credentials built from the users table (cookie re-login and logout)."""
    import streamlit_authenticator as stauth

    return stauth.Authenticate(
        users.authenticator_credentials(connection()),
        cookie_name="service_kpi_portal_auth",
        cookie_key=_cookie_key(),
        cookie_expiry_days=float(os.environ.get("PORTAL_COOKIE_DAYS", "7")),
        auto_hash=False,
        login_sleep_time=0,
    )


def _mark_signed_in(user: User) -> None:
    st.session_state["portal_user"] = user
    st.session_state["authentication_status"] = True
    st.session_state["username"] = user.username
    st.session_state["name"] = user.display_name
    st.session_state["roles"] = list(user.roles)
    st.session_state["logout"] = False


def _sign_in_form(authenticator) -> User | None:
    box = st.empty()
    with box.container():
        st.title(t("app.title"))
        with st.form("signin_form"):
            st.subheader(t("auth.sign_in"))
            username = st.text_input(t("auth.username"), key="signin_username", autocomplete="username")
            password = st.text_input(
                t("auth.password"), type="password", key="signin_password", autocomplete="current-password"
            )
            submitted = st.form_submit_button(t("auth.sign_in"), type="primary")
        if is_demo():
            st.caption(t("auth.demo_hint"))
    if not submitted:
        return None
    if not username or not password:
        box.empty()
        st.warning(t("auth.enter_both"))
        return None
    result = users.attempt_sign_in(connection(), username, password)
    if result.status == "ok":
        box.empty()
        _mark_signed_in(result.user)
        authenticator.cookie_controller.set_cookie()
        return result.user
    if result.status == "locked":
        from portal import settings

        st.error(t("auth.locked", minutes=settings.get(connection(), "lockout_minutes")))
    else:
        st.error(t("auth.failed"))
    return None


def sign_in() -> User:
    """The signed-in user: this session's, or from the signed cookie, or through the sign-in form."""
    authenticator = _authenticator()
    user = st.session_state.get("portal_user")
    if user is not None and user.user_id is not None:
        # roles, scope and the active flag are read afresh on every run
        user = users.load_user(connection(), user.username)
        if user is None:
            st.session_state.pop("portal_user", None)
    if user is None and not st.session_state.get("logout"):
        user = _cookie_user(authenticator)
    if user is None:
        user = _sign_in_form(authenticator)
        if user is None:
            st.stop()
    _mark_signed_in(user)
    with st.sidebar:
        st.caption(
            t(
                "auth.signed_in_as",
                name=user.display_name,
                roles=", ".join(t(f"role.{r}") for r in user.roles),
            )
        )
        authenticator.logout(
            t("auth.sign_out"), location="sidebar", key="portal_signout", callback=_on_sign_out
        )
    if st.session_state.get("portal_user") is None:
        # signed out just now: the form in this same run, so the cookie deletion reaches the browser
        _sign_in_form(authenticator)
        st.stop()
    return user


def _cookie_user(authenticator) -> User | None:
    """Sign in again from the signed cookie, unless the password changed after the cookie was issued."""
    token = authenticator.cookie_controller.get_cookie()
    if not token:
        return None
    issued_at = datetime.fromtimestamp(token["exp_date"], UTC).replace(tzinfo=None) - timedelta(
        days=authenticator.cookie_controller.cookie_model.cookie_expiry_days
    )
    user = users.user_from_cookie(connection(), token["username"], issued_at)
    if user is None:
        authenticator.cookie_controller.delete_cookie()
    return user


def _on_sign_out(info) -> None:
    from portal import audit

    st.session_state.pop("portal_user", None)
    cur = connection().cursor()
    try:
        audit.record(cur, info.get("username"), "logout")
    finally:
        cur.close()


def period_params(start: date, end: date) -> dict[str, Any]:
    """``$start_at`` / ``$end_at`` (end exclusive) for a pair of inclusive dates."""
    return {
        k: v
        for k, v in Filters(start=min(start, end), end=max(start, end), timezone=report_timezone())
        .sql_params()
        .items()
        if k in ("start_at", "end_at", "start_on", "end_on")
    }
