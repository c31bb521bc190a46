"""AppTest tier: the real app.py driven in-process over a fixture database, signed in per role."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest
from streamlit import config
from streamlit.components.v2 import manifest_scanner
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.source_util import open_python_file
from streamlit.testing.v1 import AppTest

from portal import navigation
from portal.auth import User
from portal.scope import Scope
from tests import fixtures

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")

# Every AppTest's first run registers the installed custom components: Streamlit 1.67 scans the metadata of every
# installed distribution for component manifests, ~0.3 s of CPU per AppTest (about a fifth of a typical page
# test). The installed packages do not change during a test run, so the scan is made once per process.
manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)

# Every AppTest run makes a new ScriptCache (streamlit/testing/v1/app_test.py), so app.py and the page it shows
# are read, rewritten for "magic" (an AST walk) and compiled again on every run: ~40 ms of CPU a script, about a
# tenth of an Upload page test's script thread. The bytecode of a script's text is the same every time, so it is
# kept once per process, keyed by the path, the text itself (a test that rewrites a script gets its own) and the
# magic option.
_BYTECODE: dict[tuple[str, str, bool], object] = {}
_compile_script = ScriptCache.get_bytecode


def _bytecode_kept_per_process(self, script_path: str):
    path = os.path.abspath(script_path)
    with open_python_file(path) as f:
        key = (path, f.read(), bool(config.get_option("runner.magicEnabled")))
    code = _BYTECODE.get(key)
    if code is None:
        code = _BYTECODE[key] = _compile_script(self, script_path)
    return code


ScriptCache.get_bytecode = _bytecode_kept_per_process

# One signed-in user per role, scoped like real users of the fixture (R1 = stores 1, 2; team 1; agent 1).
ROLE_USERS = {
    "admin": User("t_admin", "Test Admin", ("admin",), Scope.everything()),
    "manager": User("t_manager", "Test Manager", ("manager",), Scope(store_ids=(1, 2), all_agents=True)),
    "team_lead": User("t_lead", "Test Lead", ("team_lead",), Scope(store_ids=(1, 2), team_id=1)),
    "inspector": User("t_inspector", "Test Inspector", ("inspector",), Scope(store_ids=(1,))),
    "agent": User("t_agent", "Test Agent", ("agent",), Scope(agent_id=1)),
}


@pytest.fixture(scope="session")
def apptest_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("apptest") / "portal.duckdb"
    fixtures.build_fixture_db(path).close()
    return path


@pytest.fixture
def app_env(apptest_db, monkeypatch):
    monkeypatch.setenv("PORTAL_DB", str(apptest_db))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)
    monkeypatch.setenv("PORTAL_BCRYPT_ROUNDS", "4")
    return apptest_db


def make_app(role: str | None = None, lang: str = "en", script: str = APP) -> AppTest:
    """An AppTest of ``script`` (app.py by default), signed in as the role's user, in ``lang``."""
    at = AppTest.from_file(script, default_timeout=60)
    if role is not None:
        at.session_state["portal_user"] = ROLE_USERS[role]
    at.session_state["portal_lang"] = lang
    return at


@pytest.fixture
def app(app_env):
    return make_app


@pytest.fixture
def own_db(tmp_path, monkeypatch) -> Path:
    """A fixture database of the test's own (the session's shared one stays as it is), with the UI's caches
    cleared: cached figures are keyed by the data version, not by the database file."""
    from portal import ui

    ui.clear_caches()
    path = tmp_path / "own.duckdb"
    fixtures.build_fixture_db(path).close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)
    return path


@pytest.fixture
def fresh_query_cache():
    """The ui query cache is keyed by the data version, not the database file: a module over its own database
    clears it around each test (``pytestmark = pytest.mark.usefixtures("fresh_query_cache")``)."""
    from portal import ui

    ui.clear_caches()
    yield
    ui.clear_caches()


def _opens_at_its_file_name(role: str, path: str) -> bool:
    """Whether ``path`` is one of the role's own pages other than its landing page: its url_path is then its
    file's name (portal/ui/menu.py), the page an AppTest's first run finds by the file's name."""
    roles = ROLE_USERS[role].roles
    mine = {spec.path: spec for spec in navigation.pages_for(roles)}
    spec = mine.get(path)
    return spec is not None and spec.key == Path(path).stem and spec.key != navigation.landing_page(roles)


def page_opener(db: Path, monkeypatch, page: str | None = None):
    """Point the app at ``db``; return ``open_(role="admin", lang="en", path=page, **params)``: app.py run signed
    in as the role on ``path`` (none: the landing page) with ``params`` in the address, checked to have raised
    nothing. A page of the role's own other than its landing page is opened on the first run, as its address
    does; the landing page (at "/") and a page the role may not open are switched to after a run of the landing
    page."""
    monkeypatch.setenv("PORTAL_DB", str(db))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)

    def open_(role: str = "admin", lang: str = "en", path: str | None = page, **params) -> AppTest:
        at = make_app(role, lang)
        if path is not None and _opens_at_its_file_name(role, path):
            for key, value in params.items():
                at.query_params[key] = value
            at.switch_page(path).run()
            assert not at.exception, [e.value for e in at.exception]
            return at
        if path is None:
            for key, value in params.items():
                at.query_params[key] = value
        at.run()
        if path is not None:
            for key, value in params.items():
                at.query_params[key] = value
            at.switch_page(path).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_


def texts(at: AppTest) -> str:
    """Every text an AppTest run shows (titles, markdown, captions, alerts), for assertions."""
    parts = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
    ):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [str(m.label) + " " + str(m.value) for m in at.metric]
    return "\n".join(parts)


def tiles(at: AppTest) -> dict[str, tuple[str, str, list[str]]]:
    """Every metric tile an AppTest run shows, by label: (value, help, the captions under it in its column)."""
    out = {}
    for column in at.columns:
        for metric in column.metric:
            out[metric.label] = (metric.value, metric.proto.help, [str(c.value) for c in column.caption])
    return out


def freeze_noon_utc(monkeypatch) -> None:
    """``today_in`` as at noon UTC of today's UTC date, wherever the portal and the bench read it."""
    import importlib
    from datetime import UTC, date, datetime
    from zoneinfo import ZoneInfo

    noon = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)

    def today_at_noon(timezone: str) -> date:
        return noon.astimezone(ZoneInfo(timezone)).date()

    for name in (
        "portal.filters",
        "portal.fives.figures",  # portal.fives.figures is also a function's name: the module by its path
        "portal.satisfaction.figures",
        "portal.ui.core",
        "portal.ui.filter_bar",
        "bench.cases_fives",
        "bench.cases_satisfaction",
    ):
        monkeypatch.setattr(importlib.import_module(name), "today_in", today_at_noon)
