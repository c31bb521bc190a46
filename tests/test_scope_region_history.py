"""A store that changes region keeps its past figures under the old region (SPEC §2), for the regional scopes too.

Fixture (tests/fixtures.py, tests/fives_fixture.py) with S002 moved from R1 North to R2 South on 2026-01-15,
recorded as a stores upload records a move (store_region_history: R1 until then, R2 since; stores.region_id stays
R1, the region it was created with; store_assignments: R2, read through stores_now), so a query that reads the
current region from stores.region_id fails here. Every fact row keeps the region it was
stamped with. Managers m_north (region R1) and m_south (region R2), through users.scope_for.
- complaints (January 2026): N1 S001 R1 01-05; M1 M2 S002 R1 01-06, 01-08 (before the move); M3 M4 M5 S002 R2
  01-20, 01-22, 01-25 (after); S1 S003 R2 01-10. North: N1 M1 M2 = 3; South: M3 M4 M5 S1 = 4.
  (Scoped by the stores' current region, as before the fix: North 1 (N1), South 6.)
- survey responses: S001 R1 overall 4 (index 75); S002 R1 overall 5 (100); S002 R2 overall 1, 1 (0, 0);
  S003 R2 overall 3 (50). North: n 2, index (75 + 100) / 2 = 87.5; South: n 3, index (0 + 0 + 50) / 3 = 16.667.
- 5S (tests/fives_fixture.py, January): I1 I2 S001 R1, I3 S002 R1 (2026-01-10, before the move: overall 60.0,
  opens action C2), I4 S003 R2. North: 3 scored inspections, (77.778 + 22.917 + 60) / 3 = 53.565; South: I4 alone,
  100.0. Open actions (now): North 5 (I2's A1 B1, I3's C2, I5's A1 B2), South 0.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from portal import complaints, db, kpi, users, writes
from portal.complaints import listing
from portal.filters import Filters
from portal.fives import actions
from portal.fives import figures as fives_figures
from portal.fives_intake import form
from portal.overview import store as store_view
from portal.overview.sources import window_for
from portal.satisfaction.figures import SatisfactionSettings, tiles
from portal.scope import Scope
from portal.ui import filter_bar
from tests import fives_fixture, fixtures

MOVED_ON = date(2026, 1, 15)
JANUARY = Filters(start=date(2026, 1, 1), end=date(2026, 1, 31), timezone="UTC")
COMPLAINTS = [
    # source_id, store, region stamped, received
    ("N1", 1, 1, datetime(2026, 1, 5, 9)),
    ("M1", 2, 1, datetime(2026, 1, 6, 9)),
    ("M2", 2, 1, datetime(2026, 1, 8, 9)),
    ("M3", 2, 2, datetime(2026, 1, 20, 9)),
    ("M4", 2, 2, datetime(2026, 1, 22, 9)),
    ("M5", 2, 2, datetime(2026, 1, 25, 9)),
    ("S1", 3, 2, datetime(2026, 1, 10, 9)),
]
RESPONSES = [
    # source id, store, region stamped, day, overall
    ("R-N1", 1, 1, date(2026, 1, 9), 4),
    ("R-M1", 2, 1, date(2026, 1, 7), 5),
    ("R-M2", 2, 2, date(2026, 1, 21), 1),
    ("R-M3", 2, 2, date(2026, 1, 23), 1),
    ("R-S1", 3, 2, date(2026, 1, 11), 3),
]


@pytest.fixture(scope="module")
def moved_base(tmp_path_factory) -> Path:
    """The fixture's database, built once for the module and checkpointed: each test opens a byte copy of its
    own (``con``; the tests write: an action started). A build cost ~0.5 s of setup a test."""
    path = tmp_path_factory.mktemp("moved") / "moved.duckdb"
    # S002's history: R1, then R2; its region now R2 (store_assignments), its base column R1 (created with)
    con = fixtures.build_fixture_db(path)
    cur = con.cursor()
    cur.execute("update store_region_history set valid_to = ? where store_id = 2", [MOVED_ON])
    cur.execute(
        "insert into store_region_history (store_id, region_id, valid_from) values (2, 2, ?)", [MOVED_ON]
    )
    cur.execute("insert into store_assignments (store_id, region_id) values (2, 2)")
    cur.close()
    fives_fixture.load(con)  # I3 at S002 on 2026-01-10 is stamped R1 (fives_fixture.STORE_REGION: then)
    cur = con.cursor()
    cur.executemany(
        "insert into complaints (source, source_id, received_at, channel, status, store_id, region_id) "
        "values ('fx', ?, ?, 'hotline', 'open', ?, ?)",
        [(sid, received, store, region) for sid, store, region, received in COMPLAINTS],
    )
    cur.executemany(
        "insert into survey_responses (source_response_id, store_id, region_id, responded_on, overall_satisfaction) "
        "values (?, ?, ?, ?, ?)",
        RESPONSES,
    )
    cur.execute(
        "insert into users (username, display_name, password_hash, roles, scope_region_id) "
        "values ('m_south', 'm_south', 'x', ['manager'], 2)"
    )
    cur.close()
    con.execute("checkpoint")
    con.close()
    return path


@pytest.fixture
def con(moved_base, tmp_path):
    path = tmp_path / "moved.duckdb"
    shutil.copyfile(moved_base, path)
    con = db.connect(path, migrate=False)  # as fixtures.build_fixture_db opens its copy
    yield con
    con.close()


def scope_of(con, username: str):
    return users.load_user(con, username).scope


def test_a_regional_scope_is_its_region_not_its_stores_of_today(con):
    north, south = scope_of(con, "m_north"), scope_of(con, "m_south")
    assert (north.store_ids, north.region_ids, south.store_ids, south.region_ids) == ((), (1,), (), (2,))


@pytest.mark.parametrize(("manager", "received"), [("m_north", 3), ("m_south", 4)])
def test_complaint_figures_follow_the_region_stamped_on_each_complaint(con, manager, received):
    run = kpi.runner(con, scope_of(con, manager))
    figures = complaints.summary(run, JANUARY, complaints.Targets(), as_of=datetime(2026, 2, 1))
    assert figures["complaint_count"] == received


@pytest.mark.parametrize(("manager", "ids"), [("m_north", ["M2", "M1"]), ("m_south", ["M5", "M4", "M3"])])
def test_the_complaint_list_of_the_moved_store(con, manager, ids):
    req = listing.ListRequest(JANUARY.with_selection("store", [2]))
    frame, total = listing.page_of(
        kpi.runner(con, scope_of(con, manager)),
        req,
        complaints.Targets(),
        as_of=datetime(2026, 2, 1),
        sla_as_of=datetime(2026, 2, 1),
    )
    assert (list(frame["source_id"]), total) == (ids, len(ids))


@pytest.mark.parametrize(("manager", "n", "index"), [("m_north", 2, 87.5), ("m_south", 3, 16.667)])
def test_satisfaction_follows_the_region_stamped_on_each_response(con, manager, n, index):
    run = kpi.runner(con, scope_of(con, manager))
    shown = tiles(run, JANUARY, SatisfactionSettings())
    assert (shown.index.n, round(shown.index.value, 3)) == (n, index)


@pytest.mark.parametrize(
    ("manager", "inspections", "overall", "open_actions"),
    [("m_north", 3, 53.565, 5), ("m_south", 1, 100.0, 0)],
)
def test_5s_follows_the_region_stamped_on_each_inspection(con, manager, inspections, overall, open_actions):
    run = kpi.runner(con, scope_of(con, manager))
    head = fives_figures.headline(run, JANUARY, fives_figures.load_settings(con), today=date(2026, 2, 1))
    assert (head.chain_overall.n, round(head.chain_overall.value, 3), head.open_actions.value) == (
        inspections,
        overall,
        open_actions,
    )


def test_both_managers_may_pick_the_moved_store_and_only_their_region(con):
    def listed(manager, query):
        return db.run_query(con, query, {}, scope_of(con, manager))

    assert list(listed("m_north", "filter_stores")["store_code"]) == ["S001", "S002"]
    assert list(listed("m_south", "filter_stores")["store_code"]) == ["S002", "S003"]
    assert list(listed("m_north", "filter_regions")["region_code"]) == ["R1"]
    assert list(listed("m_south", "filter_regions")["region_code"]) == ["R2"]


@pytest.mark.parametrize(("manager", "volume"), [("m_north", 2), ("m_south", 3)])
def test_the_store_view_of_the_moved_store(con, manager, volume):
    scope = scope_of(con, manager)
    stores = db.run_query(con, "filter_stores", {}, scope)
    row = store_view.find_store(stores, "S002")
    window = window_for(datetime(2026, 2, 2), week=date(2026, 1, 26), timezone="UTC")
    view = store_view.store_view(
        kpi.runner(con, scope), window, con, row, date(2026, 2, 2), areas=("complaints",)
    )
    (series,) = [s for a in view.store for s in a.series if s.key == "volume" and s.store is None]
    assert sum(series.n) == volume


@pytest.mark.parametrize(("manager", "complaints_n", "responses_n"), [("m_north", 3, 2), ("m_south", 4, 3)])
def test_data_status_counts_the_rows_of_the_region(con, manager, complaints_n, responses_n):
    status = db.run_query(
        con, "data_status", {"kinds": ["complaints", "survey_responses"]}, scope_of(con, manager)
    ).set_index("kind")
    assert (status.loc["complaints", "row_count"], status.loc["survey_responses", "row_count"]) == (
        complaints_n,
        responses_n,
    )


@pytest.mark.parametrize(("manager", "stores_n", "agents_n"), [("m_north", 1, 1), ("m_south", 2, 3)])
def test_master_data_of_the_moved_store_counts_under_its_region_now(con, manager, stores_n, agents_n):
    # S002 and A002 (home store S002) are South's now (stores_now: store_assignments), not by stores.region_id
    status = db.run_query(con, "data_status", {"kinds": ["stores", "agents"]}, scope_of(con, manager))
    assert status.set_index("kind")["row_count"].to_dict() == {"stores": stores_n, "agents": agents_n}


def test_the_action_of_the_moved_store_is_worked_by_the_region_it_was_found_in(con):
    # I3's action C2 (S002, inspected 2026-01-10 under R1): the North manager works it; South may not touch it
    action_id = con.execute("select action_id from corrective_actions where inspection_id = 3").fetchone()[0]
    with pytest.raises(actions.WorkflowError) as err:
        writes.start_fives_action(con, users.load_user(con, "m_south"), action_id)
    assert err.value.key == "fives.error.scope"
    assert writes.start_fives_action(con, users.load_user(con, "m_north"), action_id) == "in_progress"


def test_a_new_inspection_of_the_moved_store_is_the_region_it_had_on_the_day(con):
    # the region the inspection will be stored with (inspections_insert: the store's region that day)
    assert not form.may_inspect(con, users.load_user(con, "m_north"), 2, MOVED_ON)
    assert form.may_inspect(con, users.load_user(con, "m_south"), 2, MOVED_ON)
    assert form.may_inspect(con, users.load_user(con, "m_north"), 2, date(2026, 1, 14))
    assert not form.may_inspect(con, users.load_user(con, "m_south"), 2, date(2026, 1, 14))


# ---------------------------------------------------------------- the store view's Region column
# The window of 12 weeks to the week of 2026-01-26 holds both eras of S002 (R1 until 2026-01-15, R2 since).
# Region volume in it: R1 N1 M1 M2 = 3, R2 M3 M4 M5 S1 = 4. The Region column is the region the store's rows of
# the window count under within the reader's scope: the North manager's R1, the South manager's R2; a reader who
# sees both (the whole chain) gets the latest, R2, and a note that the rows before the move count under R1.
WINDOW = window_for(datetime(2026, 2, 2), week=date(2026, 1, 26), timezone="UTC")
AFTER_THE_MOVE = window_for(datetime(2026, 5, 11), week=date(2026, 5, 4), timezone="UTC")  # from 2026-02-16


def _view_of_s002(con, scope, window=WINDOW):
    row = store_view.find_store(db.run_query(con, "filter_stores", {}, scope), "S002")
    return store_view.store_view(
        kpi.runner(con, scope), window, con, row, date(2026, 2, 2), areas=("complaints",)
    )


def _volume(areas) -> int:
    (series,) = [s for a in areas for s in a.series if s.key == "volume" and s.store is None]
    return sum(series.n)


@pytest.mark.parametrize(("manager", "region", "volume"), [("m_north", 1, 3), ("m_south", 2, 4)])
def test_the_region_column_is_the_region_the_stores_rows_count_under(con, manager, region, volume):
    view = _view_of_s002(con, scope_of(con, manager))
    assert (view.region_id, _volume(view.region)) == (region, volume)


def test_the_region_column_says_which_region_it_is_and_why(con):
    names = {1: "North", 2: "South"}
    north = _view_of_s002(con, scope_of(con, "m_north"), AFTER_THE_MOVE)
    assert north.region_id == 1
    assert store_view.region_note(north, names, "en") == (
        "S002 has been in another region since 2026-01-15: the Region column is North, where its rows up to "
        "then count."
    )
    assert store_view.region_note(north, names, "zh") == (
        "S002 自 2026-01-15 起已划归其他区域：「区域」一栏为 North，其此前的数据计入该区域。"
    )
    chain = _view_of_s002(con, Scope.everything())
    assert (chain.region_id, _volume(chain.region)) == (2, 4)
    assert store_view.region_note(chain, names, "en") == (
        "S002 moved from North to South on 2026-01-15: its rows before count under North; the Region column is "
        "South."
    )
    assert store_view.region_note(_view_of_s002(con, scope_of(con, "m_south")), names, "en") is None


# ---------------------------------------------------------------- the filter's stores under a chosen region
@pytest.mark.parametrize(("manager", "region_ids"), [("m_north", [1]), ("m_south", [2]), (None, [1, 2])])
def test_a_store_is_listed_under_every_region_of_the_scope_it_was_in(con, manager, region_ids):
    scope = Scope.everything() if manager is None else scope_of(con, manager)
    stores = db.run_query(con, "filter_stores", {}, scope).set_index("store_code")
    assert list(stores.loc["S002", "region_ids"]) == region_ids


@pytest.mark.parametrize(
    ("manager", "chosen", "offered"),
    [
        ("m_north", (1,), {1: "S001 Store One", 2: "S002 Store Two"}),
        ("m_south", (2,), {2: "S002 Store Two", 3: "S003 Store Three"}),
        (None, (1,), {1: "S001 Store One", 2: "S002 Store Two"}),
        (None, (2,), {2: "S002 Store Two", 3: "S003 Store Three"}),
        (None, (), {1: "S001 Store One", 2: "S002 Store Two", 3: "S003 Store Three"}),
    ],
)
def test_picking_a_region_offers_the_stores_that_are_or_were_in_it(
    con, monkeypatch, manager, chosen, offered
):
    # the sidebar's store options under the regions chosen (ui.filter_bar._options, its query bound to the reader)
    scope = Scope.everything() if manager is None else scope_of(con, manager)
    monkeypatch.setattr(filter_bar, "query", lambda name, params=None: db.run_query(con, name, params, scope))
    assert filter_bar._options("store", chosen) == offered
