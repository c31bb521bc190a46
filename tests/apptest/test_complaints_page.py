"""The Complaints page through app.py: tiles with their n in English and Chinese, filters, empty state."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.i18n import t
from tests import complaints_fixture as fx
from tests import fixtures
from tests.apptest.conftest import make_app, texts

PAGE = "pages/complaints.py"


def _recent_rows() -> list[dict]:
    """The fixture's complaints moved so that its period (03-04 .. 03-17) ends the day before yesterday:
    the page's default filter (the last 90 days) then holds all of them."""
    shift = (date.today() - timedelta(days=2)) - fx.CURRENT.end
    moved = []
    for row in fx.ROWS:
        row = dict(row)
        for key in ("received_at", "first_response_at", "resolved_at", "closed_at"):
            if row[key] is not None:
                row[key] = row[key] + shift
        moved.append(row)
    return moved


@pytest.fixture(scope="module")
def complaints_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("complaints_page") / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    fx.add_complaints(con, _recent_rows())
    con.close()
    return path


@pytest.fixture
def page(complaints_db, monkeypatch):
    monkeypatch.setenv("PORTAL_DB", str(complaints_db))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)

    def open_page(role="admin", lang="en"):
        at = make_app(role, lang).run()
        at.switch_page(PAGE).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_page


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tiles_show_value_and_n(page, lang):
    at = page(lang=lang)
    assert t("page.complaints", lang) in [x.value for x in at.title]
    labels = {m.label: m.value for m in at.metric}
    assert len(labels) == 9
    # the last 90 days hold the fortnight's 11 complaints and c11, c12 (days before it) and c14 (9 weeks
    # before it): 14 received
    assert labels[t("complaints.tile.volume", lang)] == "14"
    shown = texts(at)
    assert t("complaints.tile.caption", lang, n=14, target=t("complaints.target.none", lang)) in shown
    assert t("common.low_confidence", lang) in shown  # every tile rests on fewer than 30 complaints
    assert t("complaints.section.trends", lang) in shown and t("complaints.section.agents", lang) in shown
    assert len(at.dataframe) == 2  # store and agent tables (each with its CSV download)


def test_filters_that_match_nothing_show_the_empty_state(page):
    at = page()
    at.multiselect(key="complaints_filters_categories").set_value(["store_environment"])
    at.button(key="FormSubmitter:complaints_filters-" + t("filters.apply", "en")).click().run()
    assert not at.exception
    assert t("complaints.empty", "en") in texts(at)
    assert len(at.metric) == 0


def test_business_hours_switch(page):
    at = page()
    at.toggle(key="complaints_filters_business_hours").set_value(True)
    at.button(key="FormSubmitter:complaints_filters-" + t("filters.apply", "en")).click().run()
    assert not at.exception
    # 14 complaints, c10 has no store: 1 counted in calendar hours
    assert t("complaints.business_hours_note", "en", calendar=1, total=14) in texts(at)


def test_team_lead_sees_their_team_and_stores(page):
    at = page(role="team_lead")  # stores S001, S002; team T1 (A001, A002)
    agents = at.dataframe[1].value
    assert set(agents[t("complaints.col.agent_code", "en")]) == {"A001", "A002"}
    labels = {m.label: m.value for m in at.metric}
    # S001 / S002 only: c1 c2 c3 c4 c7 c8 c9 c13 and c11, c14 (S001) = 10; no c5 c6 c12 (S003), c10 (no store)
    assert labels["Complaints"] == "10"
