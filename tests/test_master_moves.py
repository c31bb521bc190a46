"""A store that changes region, an agent that changes team, after other data refer to them (SPEC §2: "a store that
changes region keeps its past figures under the old region"). The stores and agents uploads refused both while
anything referred to the row (DuckDB cannot update a referenced row's foreign-key column); a move is now kept in
store_assignments / agent_assignments (migration 025) and read through stores_now / agents_now.
Fixture: tests/fixtures.py (R1 North: S001, S002; R2 South: S003; T1: A001, A002; T2: A003, A004)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from portal import complaints, db, kpi, settings, users, writes, zones
from portal.auth import User
from portal.filters import Filters
from portal.i18n import t
from portal.ingest import batches, pipeline, registry
from portal.scope import Scope
from portal.scorecards import figures, periods
from tests import fixtures

ADMIN = User("t_admin", "Admin", ("admin",), Scope.everything())
OPTIONS = pipeline.ImportOptions(now=datetime(2026, 6, 1))
COMPLAINTS = "source_id,received_at,channel,store_code,agent_code\n"
MARCH = Filters(start=date(2026, 3, 1), end=date(2026, 3, 31))
PASSWORD = "a long enough pass phrase 7"


@pytest.fixture
def con(tmp_path):
    con = fixtures.build_fixture_db(tmp_path / "moves.duckdb")
    yield con
    con.close()


def upload(con, kind: str, text: str):
    return pipeline.import_bytes(con, registry.kind(kind), text.encode(), f"{kind}.csv", None, OPTIONS, ADMIN)


def manager(con, name: str, region_id: int) -> User:
    users.create_user(con, username=name, display_name=name, password=PASSWORD, roles=["manager"],
                      scope_region_id=region_id)  # fmt: skip
    return users.load_user(con, name)


def team_lead(con, name: str, team_id: int) -> User:
    users.create_user(con, username=name, display_name=name, password=PASSWORD, roles=["team_lead"],
                      scope_team_id=team_id)  # fmt: skip
    return users.load_user(con, name)


def complaint_count(con, scope: Scope, region_ids=()) -> int:
    filters = Filters(MARCH.start, MARCH.end, region_ids=region_ids)
    figs = complaints.summary(
        kpi.runner(con, scope), filters, complaints.Targets(), as_of=datetime(2026, 6, 1)
    )
    return figs["complaint_count"]


def batch_date(con, batch_id: int) -> date:
    """The day of an import in the reporting zone: the day a move starts on."""
    created = con.execute("select created_at from import_batches where batch_id = ?", [batch_id]).fetchone()[
        0
    ]
    return zones.local(created, settings.report_timezone(con)).date()


def store_regions(con) -> list[tuple]:
    return con.execute(
        "select s.store_code, s.region_id, n.region_id from stores s join stores_now n using (store_id) order by 1"
    ).fetchall()


def test_a_store_with_complaints_moves_to_another_region_and_its_past_stays_under_the_old_one(con):
    upload(con, "complaints", COMPLAINTS + "K-1,2026-03-02 09:30,hotline,S001,A001\n")
    prepared, moved = upload(con, "stores", "store_code,name,region_code\nS001,Store One,R2\n")
    assert prepared.errors.empty and (moved.rows_added, moved.rows_updated) == (0, 1)
    upload(con, "complaints", COMPLAINTS + "K-2,2026-03-03 10:00,hotline,S001,A001\n")
    # the store's own row keeps the region it was created with; what it has now is R2
    assert store_regions(con) == [("S001", 1, 2), ("S002", 1, 1), ("S003", 2, 2)]
    moved_on = batch_date(con, moved.batch_id)
    assert con.execute(
        "select region_id, valid_from, valid_to, batch_id from store_region_history where store_id = 1 order by 2"
    ).fetchall() == [(1, date(2020, 1, 1), moved_on, None), (2, moved_on, None, moved.batch_id)]
    # each complaint is stamped with the region its store had on its received date, as a survey or inspection of
    # that store and day is: K-2, imported after the move but received 2026-03-03, before it (the move is dated
    # the stores import's day), counts under R1 with K-1 (it was R2, the store's region at import, before)
    assert con.execute("select source_id, region_id from complaints order by 1").fetchall() == [
        ("K-1", 1),
        ("K-2", 1),
    ]
    north, south = manager(con, "north", 1), manager(con, "south", 2)
    # a regional scope is its region, not the stores it has today (tests/test_scope_region_history.py)
    assert (north.scope.region_ids, south.scope.region_ids) == ((1,), (2,))
    seen = db.run_query(con, "filter_stores", {}, south.scope)
    assert seen[["store_code", "region_id"]].values.tolist() == [["S001", 2], ["S003", 2]]
    assert db.run_query(con, "filter_regions", {}, south.scope)["region_code"].tolist() == ["R2"]
    assert db.run_query(con, "filter_regions", {}, north.scope)["region_code"].tolist() == ["R1"]
    # figures by region: both complaints were received before the move, under R1
    assert complaint_count(con, Scope.everything(), region_ids=(1,)) == 2  # K-1, K-2
    assert complaint_count(con, Scope.everything(), region_ids=(2,)) == 0
    assert complaint_count(con, south.scope, region_ids=(2,)) == 0
    # each manager sees the complaints stamped with their region: R1's keeps S001's past, R2's has none of it
    assert complaint_count(con, north.scope) == 2
    assert complaint_count(con, south.scope) == 0


def test_undo_of_a_move_puts_the_region_and_its_history_back(con):
    upload(con, "complaints", COMPLAINTS + "K-1,2026-03-02 09:30,hotline,S001,A001\n")  # S001 is referred to
    before = [con.execute(sql).fetchall() for sql in (
        "select * from stores order by 1", "select * from store_region_history order by 1, 3",
        "select * from store_assignments",
    )]  # fmt: skip
    _, first = upload(con, "stores", "store_code,name,region_code\nS001,Store One,R2\n")
    _, second = upload(con, "stores", "store_code,name,region_code\nS001,Store One,R1\n")  # and back again
    assert store_regions(con)[0] == ("S001", 1, 1)
    assert con.execute("select store_id, region_id, batch_id from store_assignments").fetchall() == [
        (1, 1, second.batch_id)
    ]
    with pytest.raises(batches.UndoRefused) as refused:
        batches.undo_batch(con, first.batch_id, ADMIN)  # the later move of the same store first
    assert refused.value.reason == "ingest.undo.blocked"
    batches.undo_batch(con, second.batch_id, ADMIN)
    assert store_regions(con)[0] == ("S001", 1, 2)
    batches.undo_batch(con, first.batch_id, ADMIN)
    after = [con.execute(sql).fetchall() for sql in (
        "select * from stores order by 1", "select * from store_region_history order by 1, 3",
        "select * from store_assignments",
    )]  # fmt: skip
    assert after == before and store_regions(con)[0] == ("S001", 1, 1)


def test_the_undo_of_a_new_region_is_refused_while_another_batch_moved_a_store_into_it(con):
    _, first = upload(con, "stores", "store_code,name,region_code\nS030,Thirty,R9\n")
    upload(con, "stores", "store_code,name,region_code\nS001,Store One,R9\n")  # a move, not a new store
    with pytest.raises(batches.UndoRefused) as refused:
        batches.undo_batch(con, first.batch_id, ADMIN)
    assert (
        str(refused.value)
        == "Other data already refer to rows this batch added (R9); undo those imports first."
    )


def test_an_agent_moved_to_another_team_is_seen_by_the_new_team_lead_from_the_move_on_and_undo_moves_it_back(
    con,
):
    users.create_user(con, username="agent1", display_name="Agent One", password=PASSWORD, roles=["agent"],
                      agent_id=1)  # fmt: skip  # a user linked to A001 refers to it: the upload refused a new team
    lead_one, lead_two = team_lead(con, "lead1", 1), team_lead(con, "lead2", 2)
    march = periods.parse("2026-03")

    def cards(lead: User, period=march) -> list[tuple]:
        return [(c.agent_code, c.team_id) for c in figures.figures(con, lead.scope, period).cards]

    assert cards(lead_one) == [("A001", 1), ("A002", 1)]
    prepared, result = upload(con, "agents", "agent_code,team_code,home_store_code\nA001,T2,S003\n")
    assert prepared.errors.empty and result.rows_updated == 1
    assert con.execute(
        "select a.team_id, a.home_store_id, n.team_id, n.home_store_id from agents a join agents_now n "
        "using (agent_id) where a.agent_code = 'A001'"
    ).fetchone() == (1, 1, 2, 3)
    # March ended before the move: it stays T1's (SPEC §2: history is never overwritten); it went to T2 before
    assert cards(lead_one) == [("A001", 1), ("A002", 1)]
    assert cards(lead_two) == [("A003", 2), ("A004", 2)]
    # the period of the move (the import's day) on: T2's lead has A001, T1's lead no longer
    now = periods.parse(str(batch_date(con, result.batch_id)), "month")
    assert cards(lead_one, now) == [("A002", 1)]
    assert cards(lead_two, now) == [("A001", 2), ("A003", 2), ("A004", 2)]
    assert db.run_query(con, "master_teams_agents", {}, lead_two.scope)["agent_code"].tolist() == [
        "A001", "A003", "A004"
    ]  # fmt: skip
    batches.undo_batch(con, result.batch_id, ADMIN)
    assert con.execute("select count(*) from agent_assignments").fetchone() == (0,)
    assert con.execute("select count(*) from agent_team_history").fetchone() == (0,)
    assert cards(lead_one, now) == [("A001", 1), ("A002", 1)]
    assert cards(lead_two, now) == [("A003", 2), ("A004", 2)]


def test_the_undo_of_a_move_is_refused_while_later_imports_stamped_the_store_with_its_new_region(con):
    # undoing the move said "the data is as it was before it" while K-2 stayed under R2 (the R2 manager kept it)
    upload(con, "complaints", COMPLAINTS + "K-1,2026-03-02 09:30,hotline,S001,A001\n")
    _, moved = upload(con, "stores", "store_code,name,region_code\nS001,Store One,R2\n")
    upload(con, "complaints", COMPLAINTS + "K-9,2026-03-03 10:00,hotline,S002,A002\n")  # S002 did not move
    # K-2 is received on the move's day (a complaint is stamped with its store's region on its received date), at its
    # local midnight: never after the move batch's created_at, so never in the future (00:30 was, from 00:00 to 00:30
    # in the import's zone, Asia/Shanghai: 16:00-16:30 UTC, when the row was refused as a future time)
    k2 = f"K-2,{batch_date(con, moved.batch_id)} 00:00,hotline,S001,A001\n"
    today = pipeline.ImportOptions(now=datetime.now(UTC).replace(tzinfo=None))
    kind = registry.kind("complaints")
    _, after = pipeline.import_bytes(con, kind, (COMPLAINTS + k2).encode(), "k2.csv", None, today, ADMIN)
    assert con.execute("select region_id from complaints where source_id = 'K-2'").fetchone() == (2,)
    with pytest.raises(batches.UndoRefused) as refused:
        batches.undo_batch(con, moved.batch_id, ADMIN)
    assert refused.value.reason == "master.undo.moved_stamped"
    assert str(refused.value) == (
        f"Rows imported since (batches {after.batch_id}) count the stores this batch moved (S001) under their new "
        "region; undo those imports first."
    )
    assert t(refused.value.reason, "zh", **refused.value.values) == (
        f"之后导入的数据(批次 {after.batch_id})已将本批次调整区域的门店(S001)计入新区域，请先撤销那些导入。"
    )
    assert store_regions(con)[0] == ("S001", 1, 2)  # nothing changed
    batches.undo_batch(con, after.batch_id, ADMIN)
    batches.undo_batch(con, moved.batch_id, ADMIN)
    assert store_regions(con)[0] == ("S001", 1, 1)
    assert con.execute("select source_id, region_id from complaints order by 1").fetchall() == [
        ("K-1", 1),
        ("K-9", 1),
    ]


def test_the_preview_of_a_stores_file_names_each_store_it_moves(con):
    # the preview said nothing of a move: S001 (R1 North) is given R2, S002 stays in R1, S003 goes to a new region
    prepared, _ = upload(
        con, "stores",
        "store_code,name,region_code,region_name_en,region_name_zh\n"
        "S001,Store One,R2,,\nS002,Store Two,R1,,\nS003,Store Three,R9,West,西区\n",
    )  # fmt: skip
    moves = [(key, values) for key, values in prepared.notices if key == "master.notice.moves"]
    assert len(moves) == 1
    assert t(*moves[0][:1], "en", **moves[0][1]) == (
        "S001 moves from North to South; S003 moves from South to West. A moved store's rows dated from today on "
        "count under its new region; its rows dated before stay under the old one, also those imported later."
    )
    assert t(moves[0][0], "zh", **moves[0][1]) == (
        "S001 从北区调整到南区；S003 从南区调整到西区。调整区域的门店自今日起的数据计入新区域；此前日期的数据仍计入原区域，之后导入的也是如此。"
    )


def test_a_move_starts_on_the_reporting_zone_date_of_the_import(con):
    # from 16:00 UTC the move was dated by the UTC day, a day before Beijing's: a survey dated that local day (before
    # the move there) was stamped with the new region. A zone whose date differs from UTC's now, whatever the hour:
    zone = "Pacific/Kiritimati" if datetime.now(UTC).hour >= 10 else "Pacific/Pago_Pago"  # UTC+14 / UTC-11
    writes.put_settings(con, {"report_timezone": zone}, "t_admin")
    _, moved = upload(con, "stores", "store_code,name,region_code\nS001,Store One,R2\n")
    created = con.execute("select created_at from import_batches where batch_id = ?", [moved.batch_id])
    created = created.fetchone()[0]
    moved_on = zones.local(created, zone).date()
    assert moved_on != created.date()
    assert con.execute(
        "select region_id, valid_from, valid_to, batch_id from store_region_history where store_id = 1 order by 2"
    ).fetchall() == [(1, date(2020, 1, 1), moved_on, None), (2, moved_on, None, moved.batch_id)]


def test_data_status_counts_a_moved_stores_master_data_under_its_current_region(con):
    # master data (stores, agents by home store) goes by the store's region now (stores_now): S001 moved R1 -> R2
    # takes A001 (home store S001) to R2's manager. It read the region S001 was created with (stores.region_id):
    # North counted S001 and A001, South neither. A001's review Q1, dated 2026-03-02 while S001 was R1's, stays
    # North's (SPEC §2: the store's past figures stay under the old region; models/agent_in_scope.sql): it went to
    # South with the move.
    upload(con, "qa_reviews", "review_id,agent_code,reviewed_on,score\nQ1,A001,2026-03-02,80\n")
    upload(con, "stores", "store_code,name,region_code\nS001,Store One,R2\n")
    kinds = {"kinds": ["stores", "agents", "qa_reviews"]}

    def status(user: User) -> dict:
        return db.run_query(con, "data_status", kinds, user.scope).set_index("kind")["row_count"].to_dict()

    north, south = manager(con, "north", 1), manager(con, "south", 2)
    assert status(north) == {"stores": 1, "agents": 1, "qa_reviews": 1}  # S002; A002; Q1
    assert status(south) == {"stores": 2, "agents": 3, "qa_reviews": 0}  # S001, S003; A001, A003, A004
    # a team lead's agents are their team's wherever their home store went (agent_in_scope, the shared rule)
    lead = team_lead(con, "lead", 1)
    assert status(lead) == {
        "stores": 1,
        "agents": 2,
        "qa_reviews": 1,
    }  # S002 (T1's region R1); A001, A002; Q1


def test_an_inspection_from_the_tablet_form_after_a_move_blocks_the_undo_of_the_move(
    con, tmp_path, monkeypatch
):
    # the form writes its inspection as an inspections batch stamped with the store's region on the day, so the
    # undo of the move sees it as it sees an uploaded file (left unchecked in session 32's note)
    from portal.fives_intake import form
    from portal.fives_intake import template as tpl

    monkeypatch.setenv("PORTAL_PHOTO_DIR", str(tmp_path / "photos"))
    _, moved = upload(con, "stores", "store_code,name,region_code\nS001,Store One,R2\n")
    template = tpl.default_template(tpl.load_all(con))
    draft = form.Draft(1, template.template_id, batch_date(con, moved.batch_id))
    for item in template.ordered_items():
        draft.answer(item.code)["score"] = item.max_score
    outcome = form.submit(con, ADMIN, draft, template, "S001")
    assert outcome.error is None
    assert con.execute("select region_id from fives_inspections").fetchall() == [(2,)]
    with pytest.raises(batches.UndoRefused) as refused:
        batches.undo_batch(con, moved.batch_id, ADMIN)
    assert refused.value.reason == "master.undo.moved_stamped"
    assert f"(batches {outcome.batch_id})" in str(refused.value)
    batches.undo_batch(con, outcome.batch_id, ADMIN)
    batches.undo_batch(con, moved.batch_id, ADMIN)
    assert store_regions(con)[0] == ("S001", 1, 1)
