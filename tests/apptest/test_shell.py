"""The shell: sign-in form, language switch, menu per role, and the role x page permission matrix."""

import pytest

from portal import db, navigation, ui
from portal.i18n import t
from tests.apptest.conftest import ROLE_USERS, ROOT, make_app, texts

MATRIX = [(role, spec) for role in ROLE_USERS for spec in navigation.PAGES]


def test_signed_out_shows_only_the_sign_in_form(app):
    at = app().run()
    assert not at.exception
    assert [x.value for x in at.title] == ["Service KPI Portal"]
    assert at.text_input(key="signin_username") is not None
    assert "Data status" not in texts(at)


def test_sign_in_form_speaks_chinese(app):
    at = app(lang="zh").run()
    assert [x.value for x in at.title] == ["服务绩效看板"]
    assert at.text_input(key="signin_username").label == "用户名"


def test_language_switch_is_remembered(app):
    at = app("admin").run()
    assert "Overview" in texts(at)  # the landing page of admin, manager and team lead
    at.radio(key="lang_switch").set_value("zh").run()
    assert "总览" in texts(at)
    at.run()
    assert "总览" in texts(at)


def test_a_new_session_opened_with_lang_zh_starts_in_chinese(app_env):
    from streamlit.testing.v1 import AppTest

    from tests.apptest.conftest import APP, ROLE_USERS

    fresh = AppTest.from_file(APP, default_timeout=60)
    fresh.session_state["portal_user"] = ROLE_USERS["admin"]
    fresh.query_params["lang"] = "zh"  # a reload or a bookmark of a Chinese page
    fresh.run()
    assert "总览" in texts(fresh)
    fresh.radio(key="lang_switch").set_value("en").run()
    assert "Overview" in texts(fresh)


@pytest.mark.parametrize(("role", "spec"), MATRIX, ids=[f"{r}-{s.key}" for r, s in MATRIX])
def test_permission_matrix(app, monkeypatch, role, spec):
    calls = []
    real_run_query, real_query = db.run_query, ui.query
    monkeypatch.setattr(db, "run_query", lambda *a, **k: calls.append(a[1]) or real_run_query(*a, **k))
    monkeypatch.setattr(ui, "query", lambda *a, **k: calls.append(a[0]) or real_query(*a, **k))
    roles = ROLE_USERS[role].roles
    if navigation.allowed(spec, roles):
        for lang in ("en", "zh"):
            at = app(role, lang).run()
            at.switch_page(spec.path).run()
            assert not at.exception, [e.value for e in at.exception]
            assert t("app.not_permitted", lang) not in texts(at)
            assert t(spec.title_key, lang) in texts(at)
    else:
        at = app(role).run()
        with pytest.raises(ValueError, match="Could not find"):
            at.switch_page(spec.path)  # not reachable through the navigation
        # and the page itself refuses on the server before any query
        calls.clear()
        direct = make_app(role, script=str(ROOT / spec.path)).run()
        assert not direct.exception
        assert t("app.not_permitted", "en") in texts(direct)
        assert calls == []


def test_menu_lists_exactly_the_roles_pages(app):
    for role in ROLE_USERS:
        at = app(role).run()
        labels = [link.proto.label for link in at.get("page_link")]
        expected = [t(p.title_key, "en") for p in navigation.pages_for(ROLE_USERS[role].roles)]
        assert expected and labels == expected, role


def test_data_status_empty_state_and_counts(app):
    at = app("admin").run()
    at.switch_page("pages/data_status.py").run()  # admin lands on the overview
    assert not at.exception
    body = texts(at)
    assert "Data status" in body
    # the fixture holds 3 stores and 4 agents
    table = at.dataframe[0].value
    counts = dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))
    assert counts["Stores"] == 3 and counts["Agents"] == 4 and counts["Complaints"] == 0


def test_data_status_respects_scope(app):
    at = app("inspector").run()
    at.switch_page("pages/data_status.py").run()
    table = at.dataframe[0].value
    counts = dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))
    assert (
        counts["Stores"] == 1 and "Agents" not in counts
    )  # no agent in an inspector's scope: no row (was 0)
