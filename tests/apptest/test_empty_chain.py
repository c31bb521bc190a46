"""A real installation before any store exists (fresh-install probe): the 5S form told the admin to "ask an admin
to give you your stores"."""

from __future__ import annotations

import pytest

from portal import db
from portal.i18n import t
from tests.apptest.conftest import make_app, texts

pytestmark = pytest.mark.usefixtures("fresh_query_cache")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_inspection_form_tells_an_admin_to_upload_the_stores_first(tmp_path, monkeypatch, lang):
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()  # migrated, no store
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)
    at = make_app("admin", lang).run()
    at.switch_page("pages/fives_inspect.py").run()
    assert not at.exception
    shown = texts(at)
    assert t("fives_intake.form.no_stores_yet", lang) in shown
    assert t("fives_intake.form.no_stores", lang) not in shown


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_store_view_tells_an_admin_to_upload_the_stores_first(tmp_path, monkeypatch, lang):
    """The store view on an empty database showed an empty "Choose a store" box and "Choose a store in your
    scope." (a bilingual probe): nothing to choose, and no word of what to do."""
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()  # migrated, no store
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)
    at = make_app("admin", lang).run()
    at.switch_page("pages/store.py").run()
    assert not at.exception
    shown = texts(at)
    assert t("store.no_stores_yet", lang) in shown
    assert t("store.none", lang) not in shown
    assert not at.selectbox  # no empty box to choose from
    expected = {
        "en": "There is no store yet. Upload the stores file first (Upload, kind Stores and regions); each store "
        "then has its view here.",
        "zh": "尚无门店。请先上传门店文件(上传页面，类型“门店与区域”)，之后即可在此查看各门店。",
    }[lang]
    assert t("store.no_stores_yet", lang) == expected
