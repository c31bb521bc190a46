"""5S results and Corrective actions pages through app.py, per role and language, over the hand-worked fixture
of tests/fives_fixture.py moved into the last 90 days (I5 35 days ago, the others before it).

Expected (arithmetic in tests/fives_fixture.py): overall % per inspection I1 77.778, I2 22.917, I3 60.0,
I4 100.0, I5 58.333.
- admin (all stores): (77.778 + 22.917 + 60 + 100 + 58.333) / 5 = 63.8%; store means S001 53.0 (failing),
  S002 60.0, S003 100 -> 1 failing store; 1 repeat finding (A1 in I2 and I5); 5 actions, none verified.
- manager (S001, S002): (77.778 + 22.917 + 60 + 58.333) / 4 = 54.8%; 5 actions (S003 opened none).
- inspector (S001): (77.778 + 22.917 + 58.333) / 3 = 53.0%, low confidence (3 < 5 inspections); 4 actions.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.filters import today_in
from portal.i18n import t
from tests import fives_fixture, fixtures
from tests.apptest.conftest import freeze_noon_utc, make_app, page_opener, texts

SHIFT = (date.today() - timedelta(days=35)) - date(2026, 2, 3)


def build_db(path):
    con = fixtures.build_fixture_db(path)
    fives_fixture.load_templates(con)
    fives_fixture.load_users(con)
    moved = [
        (i, s, tid, day + SHIFT, who, scores) for i, s, tid, day, who, scores in fives_fixture.INSPECTIONS
    ]
    fives_fixture.load_inspections(con, moved)
    con.close()
    return path


pytestmark = pytest.mark.usefixtures("fresh_query_cache")


@pytest.fixture(scope="module")
def fives_db(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("fivespage") / "portal.duckdb")


@pytest.fixture
def open_page(fives_db, monkeypatch):
    return page_opener(fives_db, monkeypatch, "pages/fives.py")


def open_view(at, view: str, lang: str = "en"):
    """Open one of the page's views (ui.lazy_tabs: a view is drawn only when its tab is open)."""
    at.session_state["fives_view"] = t(f"fives.view.{view}", lang)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.parametrize(
    "role, overall, unjudged, actions",
    [
        ("admin", "63.8%", "3 stores", "5"),
        ("manager", "54.8%", "2 stores", "5"),
        ("inspector", "53.0%", "1 store", "4"),
    ],
)
def test_results_page_per_role_scope_in_sql(open_page, role, overall, unjudged, actions):
    at = open_page(role)
    assert metric(at, "Overall 5S score") == overall
    # S001 on three inspections, S002 and S003 on one: none judged on fewer than 5 (it said "1": S001 failing)
    assert metric(at, "Stores failing") == "no data"
    assert f"{unjudged} not judged: fewer than 5 inspections" in texts(at)
    assert metric(at, "Open actions") == actions
    assert metric(at, "Repeat findings") == "1"
    # the views draw when opened: the ranking is not there until its tab is
    assert not [df for df in at.dataframe if "Rank" in df.value.columns]
    open_view(at, "ranking")
    ranking = next(df.value for df in at.dataframe if "Rank" in df.value.columns)
    stores = {"admin": 3, "manager": 2, "inspector": 1}[role]
    assert len(ranking) == stores
    shown = texts(at)
    if role == "inspector":
        assert "n = 3 · low confidence (n < 5)" in shown
        assert "Band:" not in shown  # a low-confidence figure is not judged
    else:
        assert "S003" not in str(ranking) or role == "admin"


def test_ranking_marks_no_band_on_fewer_than_five_inspections(open_page):
    # S003 and S002 on one inspection, S001 on three: each below the 5S low-confidence n (5), so the mark, never
    # "✖ Failing" (the symbols of judged bands: tests/test_fives_queries.py)
    at = open_view(open_page("admin"), "ranking")
    ranking = next(df.value for df in at.dataframe if "Rank" in df.value.columns)
    assert list(ranking["Band"]) == ["◌ low confidence"] * 3
    assert list(ranking["Store"]) == ["S003 Store Three", "S002 Store Two", "S001 Store One"]


def test_inspector_consistency_and_repeat_findings(open_page):
    at = open_view(open_page("admin"), "inspectors")
    table = next(df.value for df in at.dataframe if "Inspector" in df.value.columns).set_index("Inspector")
    # S001: alice 77.778 and 58.333 (mean 68.056), bob 22.917 -> alice +45.1 pp, bob -45.1 pp
    assert table.loc["alice", "Difference (pp)"] == pytest.approx(45.1, abs=0.05)
    assert table.loc["bob", "Difference (pp)"] == pytest.approx(-45.1, abs=0.05)
    open_view(at, "repeats")
    repeats = next(df.value for df in at.dataframe if "Previous score" in df.value.columns)
    assert list(repeats["Item"]) == ["A1 Item A1"]


def test_people_are_named_by_their_display_names(open_page, tmp_path, monkeypatch):
    """The inspector on the consistency chart and table, an action's owner, who submitted it and who sent it
    back: display names (users table), the login name only for one who is no user (bob)."""
    import json

    from portal import db

    path = build_db(tmp_path / "names.duckdb")
    con = db.connect(path)
    con.execute("update users set display_name = 'Mona North' where username = 'm_north'")
    con.execute(
        "insert into users (username, display_name, password_hash, roles, scope_store_ids) values "
        "('alice', 'Alice Wang', 'x', ['inspector'], [1, 2]), "
        "('t_inspector', 'Test Inspector', 'x', ['inspector'], [1]), "
        "('t_manager', 'Test Manager', 'x', ['manager'], [1, 2])"
    )
    con.close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    at = open_view(open_page("admin"), "inspectors")
    table = next(df.value for df in at.dataframe if "Inspector" in df.value.columns)
    assert sorted(table["Inspector"]) == ["Alice Wang", "bob"]
    bars = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert sorted(bars[0]["data"][0]["y"]) == ["Alice Wang", "bob"]

    at = _pick(open_page("inspector", path="pages/fives_actions.py"), 1)
    listed = next(df.value for df in at.dataframe if "Owner" in df.value.columns)
    assert set(listed["Owner"]) == {"Mona North"}
    assert "· owner Mona North" in texts(at)  # the picked action's details
    at.text_area(key="fives_actions_1_done_text").input("Boxes moved to the stockroom")
    next(b for b in at.button if b.label == "Submit what was done").click().run()
    at = _pick(open_page("manager", path="pages/fives_actions.py"), 1)
    assert "by Test Inspector: Boxes moved to the stockroom" in texts(at)
    at.text_input(key="fives_actions_1_reason").input("Aisle still blocked")
    next(b for b in at.button if b.label == "Send back").click().run()
    shown = texts(at)
    assert "by Test Manager: Aisle still blocked" in shown
    assert "t_manager" not in shown and "t_inspector" not in shown and "m_north" not in shown


@pytest.mark.parametrize("role", ["admin", "manager", "inspector"])
@pytest.mark.parametrize("path", ["pages/fives.py", "pages/fives_actions.py"])
def test_pages_in_chinese(open_page, role, path):
    at = open_page(role, "zh", path)
    assert at.title[0].value in ("5S检查结果", "整改措施")
    assert "未关闭整改" in [m.label for m in at.metric]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_view_draws_when_opened_and_stays_open_across_a_rerun(open_page, lang):
    at = open_page("manager", lang)
    views = ("heatmap", "ranking", "store", "inspectors", "repeats")
    drawn = set()
    for view in views:
        open_view(at, view, lang)
        assert at.session_state["fives_view__id"] == view
        drawn.add((tuple(tuple(df.value.columns) for df in at.dataframe), tuple(c.value for c in at.caption)))
        at.run()  # another rerun keeps the view open
        assert at.session_state["fives_view__id"] == view
    assert len(drawn) == len(views)  # each view draws its own tables and captions


def test_choices_in_a_view_stay_while_another_view_is_open(open_page):
    # ui.lazy_tabs(keep=...): Streamlit drops the state of a widget a run does not draw; the store picked and
    # the heat map's sort come back when their view is opened again
    at = open_page("admin")
    at.selectbox(key="fives_heatmap_order").set_value("sort").run()
    open_view(at, "store")
    first = at.selectbox(key="fives_store").value
    other = next(store_id for store_id in (1, 2, 3) if store_id != first)  # the fixture's stores
    at.selectbox(key="fives_store").set_value(other).run()
    picked = at.session_state["fives_store"]
    assert picked != first
    open_view(at, "ranking")
    open_view(at, "store")
    assert at.session_state["fives_store"] == picked
    assert at.selectbox(key="fives_store").value == picked
    open_view(at, "heatmap")
    assert at.selectbox(key="fives_heatmap_order").value == "sort"


@pytest.mark.parametrize("role", ["team_lead", "agent"])
@pytest.mark.parametrize("path", ["pages/fives.py", "pages/fives_actions.py"])
def test_other_roles_cannot_reach_the_pages(fives_db, monkeypatch, role, path):
    monkeypatch.setenv("PORTAL_DB", str(fives_db))
    monkeypatch.setenv("PORTAL_COOKIE_KEY", "apptest-cookie-key-" + "k" * 24)
    with pytest.raises(ValueError, match="Could not find"):
        make_app(role).run().switch_page(path)


def test_empty_state_says_what_to_do(app_env):
    at = make_app("inspector").run()
    at.switch_page("pages/fives.py").run()
    assert not at.exception
    shown = texts(at)
    assert "No 5S inspection for these filters" in shown
    assert "upload your store's filled-in inspection sheet" in shown


def test_actions_page_lists_scope_and_marks_overdue_and_repeat(open_page):
    at = open_page("inspector", path="pages/fives_actions.py")
    listed = next(
        df.value for df in at.dataframe if "Overdue" in df.value.columns and "#" in df.value.columns
    )
    assert len(listed) == 4  # S001's: I2 A1, B1 and I5 A1, B2
    # due 14 days after the inspection, counted in the stores' time zone: I2 (49 days ago) and I5 (35 days ago)
    today = today_in("Asia/Shanghai")
    due = [date(2026, 1, 20) + SHIFT + timedelta(days=14), date(2026, 2, 3) + SHIFT + timedelta(days=14)]
    assert sorted(listed["Overdue"]) == sorted(f"⚠ {(today - d).days} d" for d in due for _ in range(2))
    assert list(listed.loc[listed["Repeat"] != "", "Item"]) == ["A1 Item A1"]
    loop = next(df.value for df in at.dataframe if "Closed in time" in df.value.columns)
    assert list(loop["Store"]) == ["S001 Store One"]


def _pick(at, action_id: int):
    box = at.selectbox(key="fives_actions_pick")
    box.set_value(action_id).run()
    return at


def test_action_from_open_to_verified_with_a_send_back(open_page, tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_DB", str(build_db(tmp_path / "workflow.duckdb")))  # this test changes data
    at = _pick(open_page("inspector", path="pages/fives_actions.py"), 1)
    assert "Verify" not in [b.label for b in at.button]  # an inspector cannot verify
    at.text_area(key="fives_actions_1_done_text").input("Boxes moved to the stockroom")
    next(b for b in at.button if b.label == "Submit what was done").click().run()
    assert "Action #1 was submitted for verification." in texts(at)

    at = _pick(open_page("manager", path="pages/fives_actions.py"), 1)
    at.text_input(key="fives_actions_1_reason").input("Aisle still blocked")
    next(b for b in at.button if b.label == "Send back").click().run()
    assert "Action #1 was sent back." in texts(at)
    assert "Aisle still blocked" in texts(at)

    at = _pick(open_page("inspector", path="pages/fives_actions.py"), 1)
    at.text_area(key="fives_actions_1_done_text").input("Aisle cleared too")
    next(b for b in at.button if b.label == "Submit what was done").click().run()

    at = _pick(open_page("manager", path="pages/fives_actions.py"), 1)
    at.button(key="fives_actions_1_verify").click().run()
    assert "Action #1 is verified." in texts(at)
    assert "Verified" in texts(at)


def test_start_work_keeps_the_picked_action_and_its_form(open_page, tmp_path, monkeypatch):
    # A tablet reviewer picked an open action that was not the first, pressed "Start work", typed what was done
    # and submitted: the picker (its labels carry the status) fell back to the first action, whose panel showed,
    # and the text was lost. The chosen action is now kept in the address.
    monkeypatch.setenv("PORTAL_DB", str(build_db(tmp_path / "start.duckdb")))  # this test changes data
    at = open_page("inspector", path="pages/fives_actions.py")
    ids = list(at.selectbox(key="fives_actions_pick").options)
    assert len(ids) > 1
    second = int(at.selectbox(key="fives_actions_pick").options[1].split(" · ")[0].lstrip("#"))
    _pick(at, second)
    at.button(key=f"fives_actions_{second}_start").click().run()
    assert f"Action #{second} is now in progress." in texts(at)
    assert at.query_params["action"] == [str(second)] or at.query_params["action"] == str(second)
    assert f"**#{second} · " in " ".join(
        str(m.value) for m in at.markdown
    )  # the panel is still this action's
    at.text_area(key=f"fives_actions_{second}_done_text").input("Labels reprinted")
    next(b for b in at.button if b.label == "Submit what was done").click().run()
    assert f"Action #{second} was submitted for verification." in texts(at)


@pytest.mark.parametrize(
    ("lang", "finding", "other"),
    [("en", "Not met: Item A1", "未达标"), ("zh", "未达标：检查项 A1", "Not met")],
)
def test_an_actions_finding_is_in_the_pages_language_only(open_page, lang, finding, other):
    """It showed 'Not met: <item> / 未达标：<item>' on either page (the description stores both)."""
    at = _pick(open_page("inspector", lang, path="pages/fives_actions.py"), 1)
    shown = texts(at)
    assert finding in shown
    assert other not in shown


@pytest.mark.parametrize(("lang", "label"), [("en", "at most 8 MB"), ("zh", "不超过 8 MB")])
def test_the_after_photo_uploader_states_the_photo_limit(open_page, monkeypatch, lang, label):
    """It said "200MB per file" (the server's limit for data files); photos are limited to PORTAL_PHOTO_LIMIT_MB."""
    monkeypatch.delenv("PORTAL_PHOTO_LIMIT_MB", raising=False)  # the default: 8
    at = _pick(open_page("inspector", lang, path="pages/fives_actions.py"), 1)
    (uploader,) = [e for e in at.get("file_uploader") if e.proto.id.endswith("fives_actions_1_photo")]
    assert uploader.proto.max_upload_size_mb == 8
    assert label in uploader.proto.label


@pytest.mark.parametrize("role, listed", [("admin", 5), ("manager", 5), ("inspector", 4)])
def test_actions_page_per_role_in_english(open_page, role, listed):
    at = open_page(role, path="pages/fives_actions.py")
    assert at.title[0].value == "Corrective actions"
    assert metric(at, "Open actions") == str(listed)
    table = next(df.value for df in at.dataframe if "#" in df.value.columns)
    assert len(table) == listed
    # only a manager or an admin may verify; nobody has a verify button on an open action
    assert "Verify" not in [b.label for b in at.button]


def test_the_heat_map_offers_lowest_or_highest_only_when_not_every_store_fits(open_page, monkeypatch):
    # three stores and room for 15: no "Lowest 15 / Highest 15 / All 3" choice, every store is drawn
    at = open_page("admin")
    assert not [r for r in at.radio if r.key == "fives_heatmap_show"]
    assert not at.exception
    from portal.fives import display

    monkeypatch.setattr(display, "HEATMAP_N", 2)  # room for 2 of the 3: the choice, on the lowest 2
    at = open_page("admin")
    show = at.radio(key="fives_heatmap_show")
    assert show.value == "worst" and show.options == ["Lowest 2", "Highest 2", "All 3"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_rankings_dash_is_explained_only_where_it_shows_one(open_page, lang):
    # admin: S002 and S003 inspected once, ever -> "—" (no data), explained; the inspector's S001 has I2 and I5
    # after I1 -> a count, and no "—" to explain
    why = t("fives.ranking.repeats_no_data", lang)
    at = open_view(open_page("admin", lang), "ranking", lang)
    ranking = next(df.value for df in at.dataframe if t("fives.col.rank", lang) in df.value.columns)
    assert ranking[t("fives.col.repeats", lang)].isna().sum() == 2
    assert why in texts(at)
    at = open_view(open_page("inspector", lang), "ranking", lang)
    ranking = next(df.value for df in at.dataframe if t("fives.col.rank", lang) in df.value.columns)
    assert ranking[t("fives.col.repeats", lang)].notna().all()
    assert why not in texts(at)


@pytest.mark.parametrize(
    "lang, first", [("en", "no inspection before the period's, its first"), ("zh", "(其首次检查)")]
)
def test_the_loops_dash_names_a_stores_first_inspection_as_a_reason(open_page, lang, first):
    # the manager's S002 was inspected once, ever (I3): its repeat findings "—", and the caption says why
    at = open_page("manager", lang, "pages/fives_actions.py")
    loop = next(df.value for df in at.dataframe if t("fives.col.closed_in_time", lang) in df.value.columns)
    assert loop[t("fives.col.repeats", lang)].isna().sum() == 1
    assert first in texts(at)


def test_the_bench_cases_send_the_named_queries_the_pages_send(open_page, fives_db, monkeypatch):
    # issue 14 (session 40): bench/cases_fives.py's fives_page read all six views and the action loop while the page
    # reads the headline, the ranking and the open tab's view; each case must make the page's own calls, in order,
    # with the page's bound parameters (db.bind) but the scope: the page runs as admin, whose scope is every store
    # as the cases' Scope.everything() is, yet written otherwise (a user's scope, not the bench's)
    from bench import cases_fives, run
    from portal import db, ui

    seen: list[str] = []
    bound: list[tuple[str, dict]] = []  # each call's name and bound parameters but the scope's
    real, real_bind = db.run_query, db.bind

    def spy(con, name, *args, **kwargs):
        if name.startswith("fives_"):
            seen.append(name)
        return real(con, name, *args, **kwargs)

    def bind_spy(query, params):  # run_query's binding (not a write's: a stale facts refresh binds its own)
        out = real_bind(query, params)
        if seen and query.name == seen[-1] and len(bound) < len(seen):
            kept = {k: v for k, v in out.items() if not k.startswith("scope_") and k != "report_tz"}
            bound.append((query.name, kept))
        return out

    def bench_calls(case, settings_reads: int = 0) -> list[str]:
        con = db.connect(fives_db)
        try:
            sent = run.recorded_statements(con, case)
        finally:
            con.close()
        named, params = list(seen), list(bound)  # the case's named queries, through the same spy
        seen.clear()
        bound.clear()
        assert len(sent) == len(named) + settings_reads, (
            "the settings read, then one statement per named query"
        )
        calls.append(params)
        return named

    calls: list[list[tuple[str, dict]]] = []  # the last bench_calls' parameters
    # until session 42 the cases counted days in UTC, the page in the reporting zone (Asia/Shanghai here): their
    # dates differed from 16:00 to 24:00 UTC (tests/test_bench_periods.py now holds the cases to the zone at 20:00
    # UTC); the clock stays at noon UTC here
    freeze_noon_utc(monkeypatch)

    def same_parameters(page: list[tuple[str, dict]]) -> None:
        case = calls.pop()
        assert case == page[len(page) - len(case) :], (case, page)

    monkeypatch.setattr(db, "run_query", spy)
    monkeypatch.setattr(db, "bind", bind_spy)
    at = open_page("admin", path=None)
    ui.clear_caches()  # the landing page's cached results: the first paint reads its own
    seen.clear()
    bound.clear()
    at.switch_page("pages/fives.py").run()
    assert not at.exception, [e.value for e in at.exception]
    page, page_params = list(seen), list(bound)
    seen.clear()
    bound.clear()
    assert page == ["fives_headline", "fives_store_ranking", "fives_store_section_heatmap"]
    # the settings read and the stores' zone (the reporting zone, as the page's snapshot: session 42)
    assert bench_calls(cases_fives.fives_page_duckdb, 2) == page
    same_parameters(page_params)
    tabs = {
        "store": cases_fives.fives_tab_store_duckdb,
        "inspectors": cases_fives.fives_tab_inspectors_duckdb,
        "repeats": cases_fives.fives_tab_repeats_duckdb,
        "ranking": None,
    }
    for view, case in tabs.items():
        ui.clear_caches()  # each tab opened right after a first paint: only the first paint's views cached
        open_view(at, "heatmap")
        seen.clear()
        bound.clear()
        open_view(at, view)
        switch, switch_params = list(seen), list(bound)
        seen.clear()
        bound.clear()
        assert switch[0] == "fives_headline", (view, switch)  # read fresh on every run
        # a tab's case reads the reporting zone (the setting, the stores' zone: session 42), cached on the page
        own = [] if case is None else bench_calls(lambda con, case=case: case(con), 2)
        assert switch[1:] == own, (view, switch)
        if case is not None:
            same_parameters(switch_params[1:])
    seen.clear()
    bound.clear()
    at.switch_page("pages/fives_actions.py").run()
    assert not at.exception, [e.value for e in at.exception]
    # with the picked action's history (fives_action_steps)
    actions_page, actions_params = list(seen), list(bound)
    seen.clear()
    bound.clear()
    assert actions_page[-1] == "fives_action_steps", actions_page
    assert bench_calls(cases_fives.fives_actions_page_duckdb, 2) == actions_page
    same_parameters(actions_params)


def test_the_picker_opens_on_the_first_action_awaiting_the_readers_step(open_page, tmp_path, monkeypatch):
    """A manager verifying: the picker began at the list's first action (overdue first: months back) and the one
    just submitted was found only by typing (tablet probe, session 55). With no action asked for, it opens on the
    first the reader has a step on: the manager's on the submitted one."""
    monkeypatch.setenv("PORTAL_DB", str(build_db(tmp_path / "default.duckdb")))  # this test changes data
    at = open_page("inspector", path="pages/fives_actions.py")
    ids = [int(o.split(" · ")[0].lstrip("#")) for o in at.selectbox(key="fives_actions_pick").options]
    assert at.selectbox(key="fives_actions_pick").value == ids[0]  # the inspector's step: every open one
    last = ids[-1]
    _pick(at, last)
    at.text_area(key=f"fives_actions_{last}_done_text").input("Boxes moved to the stockroom")
    next(b for b in at.button if b.label == "Submit what was done").click().run()
    manager = open_page("manager", path="pages/fives_actions.py")
    assert manager.selectbox(key="fives_actions_pick").value == last
    assert manager.button(key=f"fives_actions_{last}_verify") is not None
