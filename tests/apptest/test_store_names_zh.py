"""Store names in Chinese (issue 10): in Chinese every store name shown comes from stores.name_zh when the
store has one (the store_label macro, bound to the session's language by ui.query), else its name. Team names
alike (teams.name_zh, the team_label macro).

Over a small demo database (every demo store has a Chinese name: S001 北京王府井店 / "Beijing 01"; every team:
T01 华北一组 / "North Team 1"), in which S002's and T02's Chinese names are then removed to show the fallback
("Beijing 02", "North Team 2" in both languages).
"""

from __future__ import annotations

import pandas as pd
import pytest

from portal import db, demo, ui
from tests.apptest.conftest import make_app, texts


@pytest.fixture(scope="module")
def named_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("storenames") / "portal.duckdb"
    con = db.connect(path)
    demo.generate(con, scale=0.02, seed=3)
    con.execute("update stores set name_zh = null where store_code = 'S002'")
    con.execute("update teams set name_zh = null where team_code = 'T02'")
    con.close()
    return path


@pytest.fixture(autouse=True)
def fresh_query_cache():
    ui.clear_caches()
    yield
    ui.clear_caches()


@pytest.fixture
def open_page(named_db, monkeypatch):
    monkeypatch.setenv("PORTAL_DB", str(named_db))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)

    def open_(path: str, lang: str, **params):
        at = make_app("admin", lang)
        at.run()
        for k, v in params.items():
            at.query_params[k] = v
        at.switch_page(path).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_


def _cells(at) -> str:
    frames = [f.value.data if hasattr(f.value, "data") else f.value for f in at.dataframe]
    return "\n".join(pd.concat([f.astype(str) for f in frames], ignore_index=True).to_string().splitlines())


def test_store_view_in_chinese_shows_the_chinese_name(open_page):
    at = open_page("pages/store.py", "zh", store="S001")
    assert "北京王府井店" in texts(at)
    assert "Beijing 01" not in texts(at)
    assert at.selectbox(key="store_code").format_func("S001") == "S001 北京王府井店"


def test_store_view_falls_back_to_the_name_without_a_chinese_one(open_page):
    at = open_page("pages/store.py", "zh", store="S002")
    assert "Beijing 02" in texts(at)


def test_store_view_in_english_keeps_the_english_name(open_page):
    at = open_page("pages/store.py", "en", store="S001")
    assert "Beijing 01" in texts(at) and "王府井" not in texts(at)


def test_complaints_store_table_in_chinese(open_page):
    zh = _cells(open_page("pages/complaints.py", "zh"))
    assert "北京王府井店" in zh and "Beijing 01" not in zh
    assert "Beijing 02" in zh  # no Chinese name: the name
    en = _cells(open_page("pages/complaints.py", "en"))
    assert "Beijing 01" in en and "王府井" not in en


@pytest.mark.parametrize(
    "lang, names",
    [
        ("zh", ["T01 华北一组", "T02 North Team 2", "T03 华东一组"]),
        ("en", ["T01 North Team 1", "T02 North Team 2", "T03 East Team 1"]),
    ],
)
def test_the_scorecards_team_picker_names_teams_in_the_pages_language(open_page, lang, names):
    # a Chinese page listed every team by its English name ("North Team 1"): teams had no Chinese name
    picker = open_page("pages/scorecards.py", lang).selectbox(key="scorecards_team")
    assert picker.options[1:4] == names  # after "All teams"
