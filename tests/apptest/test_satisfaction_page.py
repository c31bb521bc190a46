"""Satisfaction and Survey instruments pages through app.py: figures, roles, scope, languages, empty state.

The database holds the SERVQUAL fixture of tests/test_satisfaction_servqual.py moved into the last 90 days:
100 respondents, 1-50 in S001 (R1), 51-100 in S003 (R2), overall 3 and recommend 7 each, gaps
-0.65 / -1.10 / -0.83 / -0.70 / -1.01 (unweighted -0.86, weighted with the importance points -0.885).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal import db
from portal.i18n import t
from tests import fixtures
from tests.apptest.conftest import make_app, page_opener, texts
from tests.test_satisfaction_servqual import load_servqual_fixture

pytestmark = pytest.mark.usefixtures("fresh_query_cache")


@pytest.fixture(scope="module")
def sat_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("satpage") / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    load_servqual_fixture(con)
    # the fixture's March 2025 dates -> the last 28 days before today
    shift = (date.today() - timedelta(days=29)) - date(2025, 3, 1)
    con.execute("update survey_responses set responded_on = responded_on + ?::integer", [shift.days])
    con.execute("update survey_responses set comment = 'Queue too long' where response_id = 7")
    con.close()
    return path


@pytest.fixture
def sat_app(sat_db, monkeypatch):
    return page_opener(sat_db, monkeypatch, "pages/satisfaction.py")


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_manager_sees_tiles_servqual_scores_and_comments(sat_app, sat_db):
    at = sat_app("admin")
    # 100 responses, overall 3 each -> index (3 - 1) / 4 x 100 = 50.0, CSAT 0%, NPS 0 (all passives)
    assert metric(at, "Satisfaction index") == "50.0"
    assert metric(at, "CSAT") == "0.0%"
    assert metric(at, "Responses") == "100"
    assert metric(at, "Unweighted SERVQUAL score") == "-0.86"
    assert metric(at, "Weighted SERVQUAL score") == "-0.89"  # -0.885 shown with two decimals
    shown = texts(at)
    assert "SERVQUAL - 22 items (retail store) (SERVQUAL22 v1): n = 100 responses" in shown
    assert "Importance weights: the mean importance points of 100 respondents." in shown
    assert "n = 100 · previous period n = 0" in shown
    # the SERVQUAL views are tabs that draw when opened: the first (dimensions) is open, the drivers are not
    no_drivers = "Too few responses with both SERVQUAL perceptions"
    assert no_drivers not in shown
    con = db.connect(sat_db)
    try:
        [(instrument_id,)] = con.execute(
            "select instrument_id from survey_instruments where instrument_code = 'SERVQUAL22'"
        ).fetchall()
    finally:
        con.close()
    at.session_state[f"satisfaction_sq{instrument_id}_views"] = t("sat.section.drivers", "en")
    at.run()
    assert not at.exception
    # every respondent answered overall 3: no variance, so no correlation can be estimated
    assert no_drivers in texts(at)
    comments = [df.value for df in at.dataframe if "Comment" in df.value.columns]
    assert comments and list(comments[0]["Comment"]) == ["Queue too long"]
    # the per-store ranking: S001 and S003, 50 answers each, both index 50.0 (a tie: both rank 1), CSAT 0 %
    # against 85 % (misses), sortable and with its CSV
    [ranking] = [df.value for df in at.dataframe if "Rank" in df.value.columns]
    assert list(ranking["Store"].str[:4]) == ["S001", "S003"]
    assert list(ranking["n (responses)"]) == [50, 50] and list(ranking["Rank"]) == [1, 1]
    assert "Stores ranked by satisfaction" in shown
    # the ranking's caption says how a figure is judged against its target (portal/kpi.py)
    assert any(t("kpi.target.rule", "en") in c.value for c in at.caption)


def test_store_scope_is_applied_in_sql(sat_app):
    at = sat_app("manager")  # stores 1 and 2: respondents 1-50 of S001
    assert metric(at, "Responses") == "50"
    # S001: gaps -1, -1.2, -1, -1, -1.02 -> unweighted -1.044
    assert metric(at, "Unweighted SERVQUAL score") == "-1.04"
    assert "S003" not in texts(at)
    [ranking] = [df.value for df in at.dataframe if "Rank" in df.value.columns]
    assert list(ranking["Store"].str[:4]) == ["S001"]  # the ranking holds only the manager's stores


def test_chinese_page(sat_app):
    at = sat_app("admin", "zh")
    assert metric(at, "满意度指数") == "50.0"
    assert "SERVQUAL服务质量差距" in texts(at)


def test_empty_state_says_what_to_do(app_env, monkeypatch):
    at = make_app("admin").run()
    at.switch_page("pages/satisfaction.py").run()
    assert not at.exception
    assert "No survey responses for these filters" in texts(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("role", "hint"), [("manager", "upload"), ("admin", "upload"), ("team_lead", "ask")])
def test_the_empty_state_fits_the_role(app_env, role, hint, lang):
    # managers and admins may upload survey files; a team lead may not, so is not told to
    at = make_app(role, lang).run()
    at.switch_page("pages/satisfaction.py").run()
    assert not at.exception, [e.value for e in at.exception]
    [info] = [i.value for i in at.info]
    assert info == f"{t('sat.no_responses', lang)} {t(f'sat.no_responses.{hint}', lang)}"
    upload_page = {"en": "Upload page", "zh": "上传页面"}[lang]
    assert (upload_page in info) == (hint == "upload")


def test_only_admin_reaches_instruments_and_can_add_one(sat_app, sat_db):
    at = sat_app("admin", path="pages/instruments.py")
    assert "SERVQUAL22" in at.dataframe[0].value["Code"].tolist()
    at.text_input(key="instruments_form_code").set_value("STORE22").run()
    at.text_input(key="instruments_form_name_en").set_value("Store variant").run()
    at.toggle(key="instruments_form_check").set_value(True).run()
    assert any("STORE22: 22 items in 5 dimensions" in s.value for s in at.success)
    at.button(key="instruments_form_save").click().run()
    assert not at.exception
    assert any("Instrument STORE22 version 1 added" in s.value for s in at.success)
    con = db.connect(sat_db)
    try:
        assert (
            con.execute(
                "select count(*) from instrument_items where instrument_id = "
                "(select instrument_id from survey_instruments where instrument_code = 'STORE22')"
            ).fetchone()[0]
            == 22
        )
    finally:
        con.close()
    with pytest.raises(ValueError, match="Could not find"):
        make_app("manager").run().switch_page("pages/instruments.py")


def test_the_trend_servqual_views_and_comments_are_sections_that_rerun_alone(sat_app):
    # issue 14: the trend's grain and metric, an instrument's view tabs and the comments' scores each rerun
    # their own section (st.fragment through ui.section), not the page: one instrument in this fixture
    at = sat_app("admin")
    assert len(at._fragment_storage._fragments) == 3
    assert t("sat.comments.empty", "en") not in [i.value for i in at.info]
    # every respondent answered overall 3: none with 5, so the section says so
    at.multiselect(key="satisfaction_comment_scores").set_value([5]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert t("sat.comments.empty", "en") in [i.value for i in at.info]
    assert len(at._fragment_storage._fragments) == 3


def test_the_bench_case_sends_the_named_queries_the_page_sends(sat_app, sat_db, monkeypatch):
    # issue 14 (session 40): bench/cases_satisfaction.py's satisfaction_page left out the store ranking
    # (satisfaction_by_store) that the page reads on every first paint; the case must make the page's calls, with
    # the page's bound parameters (db.bind) but the scope's: the page runs as a store manager (the role the
    # satisfaction page is read by most, and the first paint that asks the most of the scope macros), the case as
    # Scope.everything() (the bench times the chain's figures); the scope's parameters are the only ones they differ in
    from bench import cases_satisfaction, run
    from portal import ui
    from tests.apptest.conftest import freeze_noon_utc

    seen: list[str] = []
    bound: list[tuple[str, dict]] = []  # each call's name and its bound parameters but the scope's
    real, real_bind = db.run_query, db.bind

    def spy(con, name, *args, **kwargs):
        if not name.startswith("filter_"):  # the sidebar's lists, not the page's figures
            seen.append(name)
        return real(con, name, *args, **kwargs)

    def bind_spy(query, params):  # run_query's binding (not a write's)
        out = real_bind(query, params)
        if seen and query.name == seen[-1] and len(bound) < len(seen):
            kept = {k: v for k, v in out.items() if not k.startswith("scope_") and k != "report_tz"}
            bound.append((query.name, kept))
        return out

    monkeypatch.setattr(db, "run_query", spy)
    monkeypatch.setattr(db, "bind", bind_spy)
    freeze_noon_utc(monkeypatch)  # the case counts days in UTC, the page in the reporting zone (see there)
    at = sat_app("manager", path=None)
    ui.clear_caches()  # the landing page's cached results: the first paint reads its own
    seen.clear()
    bound.clear()
    at.switch_page("pages/satisfaction.py").run()
    assert not at.exception, [e.value for e in at.exception]
    page, page_params = list(seen), list(bound)
    seen.clear()
    bound.clear()
    assert "satisfaction_by_store" in page and "servqual_drivers" in page
    con = db.connect(sat_db)
    try:
        sent = run.recorded_statements(con, cases_satisfaction.satisfaction_page_duckdb)
    finally:
        con.close()
    assert seen == page
    assert bound == page_params
    # and the settings with the reporting zone, read once as ui.settings_snapshot reads them (settings.snapshot: the
    # zone from the stores here, no report_timezone setting)
    assert len(sent) == len(page) + 2


def test_the_trend_and_comments_sections_read_at_the_tiles_data_version(sat_app, monkeypatch):
    # issue 14: the trend and the comments are sections that rerun alone (st.fragment); their figures are read at
    # the data version the tiles beside them were built on (ui.figure_set's at_version), so after an import a
    # section's rerun shows the tiles' data or draws the whole page anew, never newer figures beside older ones
    from portal.ui import core

    calls: list[tuple[str, tuple | None, tuple]] = []  # (figure function, at_version asked, version built on)
    real = core._versioned

    def spy(build, args, kwargs, at_version):
        out = real(build, args, kwargs, at_version)
        calls.append((build.__name__, at_version, out[1]))
        return out

    monkeypatch.setattr(core, "_versioned", spy)
    at = sat_app("admin")
    tiles = [built for name, _, built in calls if name == "tiles"]
    assert len(tiles) == 1
    asked = {name: at_version for name, at_version, _ in calls if name in ("trend", "comments")}
    assert asked == {"trend": tiles[0], "comments": tiles[0]}
    calls.clear()
    # the comments' scores (a section's rerun; AppTest draws the whole page): at the tiles' version still
    at.multiselect(key="satisfaction_comment_scores").set_value([5]).run()
    assert not at.exception, [e.value for e in at.exception]
    tiles = [built for name, _, built in calls if name == "tiles"]
    asked = [(name, at_version) for name, at_version, _ in calls if name in ("trend", "comments")]
    assert asked == [("trend", tiles[0]), ("comments", tiles[0])]
