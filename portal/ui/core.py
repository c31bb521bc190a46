"""Connection, named queries bound to the signed-in user's scope, settings read once, language, page guard."""

from __future__ import annotations

import functools
import gc
import hashlib
import pickle
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any

import duckdb
import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from portal import config, db, frames, navigation, settings, writes
from portal.auth import User
from portal.filters import today_in
from portal.i18n import LANGUAGE_NAMES, LANGUAGES, Both
from portal.i18n import t as _t
from portal.text import md_plain


# ---------------------------------------------------------------- connection and queries
def _open(path: str):
    con = db.connect(path)
    limit = config.server_duckdb_mb()
    if limit is not None:  # the whole server's DuckDB memory (its pages' queries and its uploads' spools)
        db.set_memory_limit(con, f"{limit}MB")
    return con


@st.cache_resource(show_spinner=False)
def _connection(path: str) -> db.SharedConnection:
    # opened anew after DuckDB invalidated the database (a commit that could not write its checkpoint)
    return db.SharedConnection(_open(path), reopen=functools.partial(_open, path))


def connection() -> db.SharedConnection:
    """The process's one DuckDB connection, shared by every session's thread: its ``execute`` runs on a cursor
    of its own (``db.SharedConnection``); a transaction takes a ``.cursor()``."""
    return _connection(str(db.db_path()))


def data_version() -> tuple[int, ...]:
    """Changes whenever an import is committed or undone, or a workflow step is written (a QA dispute or its
    decision, a sign-off, a corrective action's step: ``audit.WORKFLOW_ACTIONS``, counted by this process as it
    writes them: ``writes.workflow_writes``), so cached figures refresh (a decided dispute stayed "open" on the scorecards, its corrected score unused, until the
    next import or the cache's ten minutes).

    Read once per script run (issue 14: a page asked 6 times a run, each a DuckDB statement), and anew when
    this process has committed or undone an import since (``writes.data_writes``). The run is told by the
    identity of its ``cursors`` dict, which Streamlit makes anew for every run; the memo holds that dict, so
    its identity cannot be taken by another run's."""
    ctx = get_script_run_ctx(suppress_warning=True)
    runs = getattr(ctx, "cursors", None)
    memo = getattr(ctx, "_portal_data_version", None)
    if memo is not None and memo[0] is runs and memo[1] == writes.data_writes():
        return memo[2]
    cur = connection().cursor()
    try:
        version = _version_in(cur)
    finally:
        cur.close()
    if runs is not None:
        ctx._portal_data_version = (runs, writes.data_writes(), version)
    return version


def _version_in(cur) -> tuple[int, ...]:
    row = cur.execute(
        "select coalesce(max(batch_id), 0), count(*) filter (where status = 'undone') from import_batches"
    ).fetchone()
    return (*(int(v) for v in row), writes.workflow_writes())


def _forget_data_version() -> None:
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is not None:
        ctx._portal_data_version = None


def cache_key(*parts: Any) -> str:
    """One digest of a cached call's arguments (issue 14): Streamlit hashed the filters, scope, targets and
    parameters of every cached call field by field on every run, ~20 ms of a cached page switch's CPU; a pickle
    and a digest of it cost a tenth of that. Equal digests mean equal pickles, so equal arguments; arguments
    equal but pickled differently (a set built in another order) only miss the cache."""
    return hashlib.blake2b(pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL), digest_size=20).hexdigest()


@st.cache_data(ttl=600, max_entries=512, show_spinner=False)
def _cached_query(
    key: str, name: str, _params: dict[str, Any], _scope, _con=None
) -> pd.DataFrame | frames.Rows:
    # keyed by ``key`` (cache_key of the name, parameters, scope, data version and database file) alone: the
    # arguments with a leading underscore are not hashed by Streamlit (``_con``: a figure set's snapshot)
    return db.run_query(connection() if _con is None else _con, name, _params, _scope)


def query(
    name: str, params: Mapping[str, Any] | None = None, *, fresh: bool = False
) -> pd.DataFrame | frames.Rows:
    """Run a named query for the signed-in user: the ``run`` every figure function takes.

    The one place where the user's scope is bound (their ``Scope`` from the database, re-read every run);
    pages never pass a scope themselves. Cached until an import changes the data; ``fresh=True`` for lists
    that change without an import (users, the audit log), which are read anew on every run. A query that
    names stores (``$lang``: the store_label macro) gets the session's language.
    """
    if fresh:
        return db.run_query(connection(), name, _bind_lang(name, params, lang()), current_user().scope)
    return query_bound_now()(name, params)


def _bind_lang(name: str, params: Mapping[str, Any] | None, language: str) -> dict[str, Any]:
    bound = dict(params or {})
    if "lang" in db.load_query(name).parameters:
        bound.setdefault("lang", language)
    return bound


def query_bound_now():
    """``query`` bound now to the signed-in user's scope, language and data: for work Streamlit runs after the
    page's run, outside any session (a download button's callable, which builds its file when clicked): there
    ``query`` finds no signed-in user and the download fails."""
    return _bound(current_user().scope, lang(), data_version())


def _bound(scope, language: str, version: tuple[int, ...], con=None):
    path = str(db.db_path())

    def run(name: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame | frames.Rows:
        bound = _bind_lang(name, params, language)
        return _cached_query(cache_key(name, bound, scope, version, path), name, bound, scope, con)

    return run


FIGURE_SET_TTL_S = 600
FIGURE_SET_ENTRIES = 256
_BUILT: dict[str, float] = {}  # figure-set key -> when this process built it (monotonic seconds)


class _DataMoved(Exception):
    """An import committed (or was undone) between the run's data version and a figure set's snapshot."""


@st.cache_resource(ttl=FIGURE_SET_TTL_S, max_entries=FIGURE_SET_ENTRIES, show_spinner=False)
def _figure_set(
    key: str, name: str, _build, _args: tuple, _kwargs: dict, _scope, _lang: str, _version: tuple
):
    # cache_resource: the figure set is shared, not copied (pages only read it); keyed by ``key`` alone
    # (cache_key of the name, scope, data version, database, language and the arguments, as _cached_query),
    # by the language because store names come from SQL in the reader's language. Its statements read one
    # snapshot, whose data version must be the key's (else nothing is stored: ``figure_set`` asks again)
    with db.snapshot(connection()) as cur:
        if _version_in(cur) != _version:
            raise _DataMoved
        return _build(_bound(_scope, _lang, _version, cur), *_args, **_kwargs)


def figure_set(build, *args: Any, at_version: tuple[int, ...] | None = None, **kwargs: Any):
    """``build(query, *args, **kwargs)``: an area's whole figure set (SQL calls + arithmetic) for the signed-in
    user, cached under the same key as the query results (scope, data version, database) plus its arguments,
    so a rerun on unchanged data does not redo the arithmetic (issue 14). ``build`` must be a pure function of
    its arguments and the query results: pass any "now" explicitly (rounded), never read the clock inside.

    ``at_version``: the data version the page's figure set was built on (``figure_set_versioned``), for a part of
    the page that reruns on its own (a ``section``) and reads more figures: they are that version's (cached, or
    built while the data is still at it), so the part never shows newer data than the tiles beside it; when an
    import has moved the data since, the whole page is drawn anew on it (one snapshot, ``st.rerun``)."""
    return _versioned(build, args, kwargs, at_version)[0]


def figure_set_versioned(build, *args: Any, **kwargs: Any) -> tuple[Any, tuple[int, ...]]:
    """``figure_set`` and the data version it was built on (what a section of the page passes as ``at_version``)."""
    return _versioned(build, args, kwargs, None)


def _versioned(build, args: tuple, kwargs: dict, at_version: tuple[int, ...] | None):
    name = f"{build.__module__}.{build.__qualname__}"
    scope, language = current_user().scope, lang()
    for _attempt in range(3):
        version = data_version() if at_version is None else at_version
        key = cache_key(name, scope, version, str(db.db_path()), language, args, kwargs)
        built_at = _BUILT.get(key)
        try:
            if built_at is not None and time.monotonic() - built_at < FIGURE_SET_TTL_S:
                # built by this process within the cache's lifetime: no spinner (each one starts a timer thread,
                # ~1 ms of a cached switch's CPU apiece; issue 14)
                return _figure_set(key, name, build, args, kwargs, scope, language, version), version
            # loading feedback on every first view: st.spinner shows only after half a second, so a quick build
            # draws no spinner at all and a cold one says it is loading instead of a title over blank space
            with st.spinner(t("app.loading")):
                out = _figure_set(key, name, build, args, kwargs, scope, language, version)
            break
        except _DataMoved:  # the data changed since this run read its version: read it again
            _forget_data_version()
            if at_version is not None:  # not cached at the page's version: the whole page on the newer data
                st.rerun(scope="app")
    else:  # imports kept committing: one snapshot all the same, not stored
        with db.snapshot(connection()) as cur:
            version = _version_in(cur)
            return build(_bound(scope, language, version, cur), *args, **kwargs), version
    if len(_BUILT) > 4 * FIGURE_SET_ENTRIES:
        _BUILT.clear()
    _BUILT[key] = time.monotonic()
    return out, version


# ---------------------------------------------------------------- the heap Streamlit collects after each run
_frozen = threading.Lock()
_FROZEN: list[int] = []  # how many modules were loaded at the last freeze


def freeze_imported_heap() -> None:
    """At the start of every run (app.py): when modules were imported since the last freeze (the first run; a
    page's first visit imports its own: the scorecard PDF's fpdf, fontTools and PIL, the upload's openpyxl and
    opencc, ~27,000 objects for the scorecards alone), move what is alive now out of the garbage collector's
    reach (``gc.freeze``). Streamlit collects the whole heap after every script run (``runner.postScriptGC``),
    which walked it all each time: 120-150 ms of CPU per cached page switch (issue 14), and after one visit to
    the scorecards ~10 ms more on every later run of every session. The collection itself stays (turning it
    off left sign-in cookies unread under load); it walks only what was made since, so every run's garbage is
    still collected at its end. A freeze also holds the objects of runs under way at that moment: a few times
    per process (once per set of newly imported modules), so what that can keep is bounded."""
    loaded = len(sys.modules)
    if _FROZEN and _FROZEN[-1] >= loaded:
        return
    with _frozen:
        if _FROZEN and _FROZEN[-1] >= loaded:
            return
        gc.collect()
        gc.freeze()
        _FROZEN.append(loaded)


# ---------------------------------------------------------------- settings, read once
@st.cache_data(ttl=60, max_entries=16, show_spinner=False)
def _settings(version: int, db_file: str) -> dict[str, Any]:
    return settings.snapshot(connection())


def settings_snapshot() -> dict[str, Any]:
    """Every setting, read in one query and cached until a setting is written (``writes.put_setting``) or for
    at most a minute (a change made by another process)."""
    return _settings(writes.settings_version(), str(db.db_path()))


def setting(key: str) -> Any:
    return settings_snapshot()[key]


def clear_caches() -> None:
    _cached_query.clear()
    _figure_set.clear()
    _settings.clear()


def report_timezone() -> str:
    """The reporting time zone (settings.report_timezone): the days of every filter are its days."""
    return settings_snapshot()["_report_timezone"]


def today() -> date:
    """Today in the reporting time zone."""
    return today_in(report_timezone())


def is_demo() -> bool:
    return bool(setting("demo_data"))


def schema_version() -> int:
    cur = connection().cursor()
    try:
        return int(cur.execute("select coalesce(max(version), 0) from schema_migrations").fetchone()[0])
    finally:
        cur.close()


# ---------------------------------------------------------------- language
def lang() -> str:
    """The session's language (``portal_lang``: kept apart from the widget so it survives every rerun)."""
    return st.session_state.get("portal_lang", "en")


def t(key: str, **values) -> str:
    """The text for ``key`` in the session's language. Every placeholder value is shown as plain text
    (``text.md_plain``: no link, image or directive from data renders), since Streamlit reads it as Markdown; a
    value given in both languages (``i18n.Both``: a label, a zone's name, a list) in the session's language."""
    now = lang()
    return _t(
        key,
        now,
        **{name: md_plain(v.text(now) if isinstance(v, Both) else v) for name, v in values.items()},
    )


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


# ---------------------------------------------------------------- writes from a page
_WRITE_FAILED = "portal_write_failed"


@contextmanager
def writing() -> Iterator[None]:
    """Around a page's run (app.py, and each ``section``'s own rerun): a write that did not happen
    (``db.WriteFailed``: the disk full, the user changed since the page was drawn; rolled back whole) is said
    in the page's language, never a traceback; so is a read on a database DuckDB invalidated (``db.is_fatal``),
    which is opened anew for the next run. A page that says more (the upload's check still holds) catches
    it first."""
    try:
        yield
    except db.WriteFailed as exc:
        st.error(t(exc.key, **exc.values))
    except (
        duckdb.FatalException
    ) as exc:  # a read on the database DuckDB invalidated: opened anew for the next
        db.reopen_if_fatal(connection(), exc)
        st.error(t("app.database_reopened"))


def write_callback(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A button's callback that writes (``on_click=ui.write_callback(fn)``). It runs before app.py, so outside
    ``writing``: a write that did not happen is kept and said by the run that follows (``said_write_failed``)."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except db.WriteFailed as exc:
            st.session_state[_WRITE_FAILED] = (exc.key, dict(exc.values))
            return None

    return run


def take_write_failed() -> tuple[str, dict] | None:
    """The failed write of the last button's callback, (text key, values), taken from the session (None if
    none): the sign-in form keeps it beside "Your session has ended" (``signin.sign_in``)."""
    return st.session_state.pop(_WRITE_FAILED, None)


def said_write_failed() -> None:
    """Say the failed write of the last button's callback, once (app.py after sign-in)."""
    said = take_write_failed()
    if said is not None:
        st.error(t(said[0], **said[1]))


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
    if user is None and PagesManager.uses_pages_directory:
        # Streamlit ran this page alone for a session nobody signed in to (its pages-folder mode, which a server
        # keeps until app.py first calls st.navigation): a bookmarked /users said "Not permitted", in English,
        # without the sign-in form, after every restart (fresh-install probe). Leave that mode and run app.py
        # (language, sign-in, the role's menu) for this address instead. (AppTest runs a signed-in page alone
        # on purpose: it keeps doing so.)
        PagesManager.uses_pages_directory = False
        st.rerun()
    if user is None or not navigation.allowed(navigation.page(page_key), user.roles):
        st.error(t("app.not_permitted"))
        st.stop()
    return user


def not_permitted_page() -> None:
    st.error(t("app.not_permitted"))
