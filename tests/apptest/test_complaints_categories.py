"""The Complaints page's Pareto switch (issue 9 item 7): the standard groups, or the source's own categories."""

from __future__ import annotations

import json

import pytest

from portal.i18n import t
from tests import complaints_fixture as fx
from tests import fixtures
from tests.apptest.conftest import make_app, texts
from tests.apptest.test_complaints_page import PAGE, _recent_rows


@pytest.fixture(scope="module")
def categories_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("complaints_categories") / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    fx.add_complaints(con, _recent_rows())
    # the source's own words for c1 c2 (product quality) and c3 (service attitude); the others gave none
    for raw, ids in {"Broken item": ["c1", "c2"], "Rude staff": ["c3"]}.items():
        con.execute("update complaints set category_raw = ? where source_id in ?", [raw, ids])
    con.close()
    return path


def _specs(at) -> list[str]:
    """Each chart's figure as JSON text with its non-ASCII letters as they are."""
    return [json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in at.get("plotly_chart")]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_pareto_switches_to_the_source_s_categories(categories_db, monkeypatch, lang):
    monkeypatch.setenv("PORTAL_DB", str(categories_db))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)
    at = make_app("admin", lang).run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.radio(key="complaints_pareto_view").value == "groups"
    assert not any("Broken item" in s for s in _specs(at))  # the groups' Pareto: no source words
    at.radio(key="complaints_pareto_view").set_value("source").run()
    assert not at.exception, [e.value for e in at.exception]
    source = [s for s in _specs(at) if "Broken item" in s]
    assert len(source) == 1 and "Rude staff" in source[0]
    assert t("complaints.pareto.none_given", lang) in source[0]  # complaints whose export gave no category
    # received in the fixture's period (its 11, moved to end two days ago; the page's last 90 days hold all):
    # Broken item, Rude staff, and one "none given" bar per group of the rest (5 groups) -> 7 categories
    assert t("complaints.pareto.source_note", lang, n=7, shown=7) in texts(at)


def test_the_pareto_s_view_stays_while_another_hot_spot_tab_is_open(categories_db, monkeypatch):
    # ui.lazy_tabs(keep=...): Streamlit drops the state of a widget a run does not draw; the view chosen comes back
    monkeypatch.setenv("PORTAL_DB", str(categories_db))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)
    at = make_app("admin", "en").run()
    at.switch_page(PAGE).run()
    at.radio(key="complaints_pareto_view").set_value("source").run()
    at.session_state["complaints_hot_spots_tab"] = t("complaints.hot_spots.tab.channels", "en")
    at.run()
    assert not [r for r in at.radio if r.key == "complaints_pareto_view"]  # the Pareto's tab is closed
    at.session_state["complaints_hot_spots_tab"] = t("complaints.hot_spots.tab.categories", "en")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.radio(key="complaints_pareto_view").value == "source"
    assert any("Broken item" in s for s in _specs(at))  # the source's categories drawn again
