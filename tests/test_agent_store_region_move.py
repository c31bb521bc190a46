"""A store that changes region keeps its agents' past rows under the old region (SPEC §2: "a store that changes
region keeps its past figures under the old region"; §1: a manager sees the stores of their scope).

A manager reaches an agent through the agent's home store on the row's date (agent_team_spans), and places that home
store by the region it had on the same date (store_region_on, models/agent_in_scope.sql), as complaints, surveys and
5S inspections are stamped. Before, the home store was placed by its region now (stores_now): session 38's probe
moved S003 from region 2 to region 1; region 2's manager lost the October card, reviews, sign-off and dispute of
A003 (homed at S003 all along) and region 1's manager gained them, and could overwrite them by upload.
Fixture: tests/fixtures.py (R1: S001, S002; R2: S003 from 2021-03-01; A001 S001, A002 S002, A003 and A004 S003) and
tests/scorecards_fixture.py (October 2026: A001 86.1 in T1, A003 100.0 in T2; A002, A004 insufficient; reviews
A001 80, 90 on 10-10 and 60 x 3 on 09-10, A002 60, 75, 90 on 10-11, A003 95 x 3 on 10-12 as QA0021-QA0023).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from portal import db, settings, users, writes, zones
from portal.auth import User
from portal.ingest import batches, pipeline, registry
from portal.scope import Scope
from portal.scorecards import figures, periods
from tests import scorecards_fixture as fx

ADMIN = User("t_admin", "Admin", ("admin",), Scope.everything())
PASSWORD = fx.PASSWORD
OCT = periods.parse("2026-10")
OCT_1, OCT_31 = date(2026, 10, 1), date(2026, 10, 31)


@pytest.fixture
def store_moved(con):
    """The scorecard fixture with region 1's and region 2's managers, T2's lead and A003's own user; lead2 signs off
    A003's October and A003 disputes his October review QA0021; then a stores upload moves S003 (A003's and A004's
    home store) from region 2 to region 1, dated today (its history row of region 2 ends, one of region 1 begins).
    Yields (con, users by name, the month of the move, its batch id, its day)."""
    who = fx.load_with_users(con)
    writes.sign_off_period(
        con, who["lead2"], 3, "month", date(2026, 10, 1), "October: well done", date(2026, 11, 5)
    )
    (qa0021,) = con.execute("select qa_review_id from qa_reviews where source_id = 'QA0021'").fetchone()
    writes.raise_qa_dispute(con, who["agent3"], qa0021, "not fair")
    _, move = pipeline.import_bytes(
        con,
        registry.kind("stores"),
        b"store_code,name,region_code\nS003,Store Three,R1\n",
        "stores.csv",
        None,
        pipeline.ImportOptions(now=datetime(2026, 11, 5)),
        ADMIN,
    )
    (created,) = con.execute(
        "select created_at from import_batches where batch_id = ?", [move.batch_id]
    ).fetchone()
    day = zones.local(created, settings.report_timezone(con)).date()
    assert day > OCT_31  # the move comes after October (the batch's date: the machine's clock)
    assert con.execute(
        "select region_id, valid_from, valid_to from store_region_history where store_id = 3 order by valid_from"
    ).fetchall() == [(2, date(2021, 3, 1), day), (1, day, None)]
    yield con, who, periods.parse(str(day), "month"), move.batch_id, day


def cards(con, user: User, period=OCT) -> tuple[list[tuple], int]:
    """The cards (team, agent, rank, ranked n, composite) and the open-dispute tile."""
    sset = figures.figures(con, user.scope, period, timezone="UTC", sla_as_of=fx.SLA_AS_OF)
    shown = [
        (
            c.team_code,
            c.agent_code,
            c.rank,
            c.ranked_n,
            None if c.composite is None else round(c.composite, 1),
        )
        for c in sset.cards
    ]
    return shown, sset.open_disputes


# October by hand (tests/scorecards_fixture.py): T1 A001 86.1 (rank 1 of 1 ranked), A002 insufficient; T2 A003
# 100.0 (1 of 1), A004 insufficient. S003 was region 2's all October (its region from 2021-03-01 to the move day),
# so A003's and A004's October cards are region 2's; the tile counts A003's open dispute of QA0021 (10-12): 1.
OCT_R1 = [("T1", "A001", 1, 1, 86.1), ("T1", "A002", None, 1, None)]
OCT_R2 = [("T2", "A003", 1, 1, 100.0), ("T2", "A004", None, 1, None)]


def test_each_regions_manager_keeps_the_months_the_store_was_in_her_region(store_moved):
    # before: mgr2 read no card for October (S003 placed by its region now) and mgr1 read T2's beside T1's
    con, who, month, _, day = store_moved
    assert cards(con, who["mgr2"]) == (OCT_R2, 1)
    assert cards(con, who["mgr1"]) == (OCT_R1, 0)
    # the month of the move: region 1's manager has all four agents, S003's on the days from the move; the tile 0, as
    # A003's one open dispute is of a review dated while S003 was region 2's (before: 1). Region 2's manager has
    # S003's agents on the days before it (none when the move fell on the 1st), each card on those days' rows, not
    # ranked (tests/test_agent_store_move_month.py), and the tile her open dispute of A003's (QA0021, October)
    shown, tile = cards(con, who["mgr1"], month)
    assert ([c[:2] for c in shown], tile) == (
        [("T1", "A001"), ("T1", "A002"), ("T2", "A003"), ("T2", "A004")],
        0,
    )
    before_move = [("T2", "A003", None, 0, None), ("T2", "A004", None, 0, None)] if day.day > 1 else []
    assert cards(con, who["mgr2"], month) == (before_move, 1 if before_move else 0)


def test_the_reviews_sign_offs_and_disputes_stay_with_the_region_the_store_had_on_their_date(store_moved):
    con, who, month, _, day = store_moved
    mgr1, mgr2 = who["mgr1"], who["mgr2"]

    def reviews(user: User) -> list[str]:
        return figures.qa_reviews(figures.runner(con, user.scope), 3, OCT)["source_id"].tolist()

    assert reviews(mgr2) == ["QA0023", "QA0022", "QA0021"]
    assert reviews(mgr1) == []

    def listed(user: User) -> list[str]:
        params = {"start_on": OCT_1, "end_on": OCT_31, "agent_ids": []}
        return db.run_query(con, "qa_review_list", params, user.scope)["source_id"].tolist()

    assert listed(mgr2) == ["QA0023", "QA0022", "QA0021"]
    assert listed(mgr1) == ["QA0013", "QA0012", "QA0011", "QA0002", "QA0001"]  # A002's 3, A001's 2

    def summary(user: User) -> tuple:
        params = {"start_on": OCT_1, "end_on": OCT_31, "agent_ids": []}
        row = db.run_query(con, "qa_score_summary", params, user.scope).iloc[0]
        return int(row["n"]), round(float(row["qa_score"]), 2)

    assert summary(mgr2) == (3, 95.0)  # A003's 95 x 3 (the open dispute removes nothing)
    assert summary(mgr1) == (5, 79.0)  # (80 + 90 + 60 + 75 + 90) / 5 = 395 / 5

    def by_team(user: User) -> list[list]:
        params = {"start_on": OCT_1, "end_on": OCT_31}
        rows = db.run_query(con, "qa_open_disputes", params, user.scope)
        return rows[["team_code", "open_disputes", "reviews"]].values.tolist()

    assert by_team(mgr2) == [["T2", 1, 3]]
    assert by_team(mgr1) == [["T1", 0, 5]]

    def notes(user: User) -> list[list]:
        rows = db.run_query(con, "qa_sign_offs", {}, user.scope)
        return rows[["agent_code", "coaching_note"]].values.tolist()

    assert notes(mgr2) == [["A003", "October: well done"]]
    assert notes(mgr1) == []

    def open_disputes(user: User) -> list:
        rows = db.run_query(con, "qa_disputes", {"dispute_statuses": ["open"]}, user.scope)
        return rows["source_id"].tolist()

    assert open_disputes(mgr2) == ["QA0021"]
    assert open_disputes(mgr1) == []

    def qa_status(user: User) -> list:
        rows = db.run_query(con, "data_status", {"kinds": ["qa_reviews"]}, user.scope)
        return [[r.row_count, r.first_on.date(), r.last_on.date()] for r in rows.itertuples()]

    # region 1: A001's 2 of October and 3 of September, A002's 3 (8, 09-10..10-11); region 2: A003's 3 of 10-12
    assert qa_status(mgr1) == [[8, date(2026, 9, 10), date(2026, 10, 11)]]
    assert qa_status(mgr2) == [[3, date(2026, 10, 12), date(2026, 10, 12)]]

    def offered(user: User, start: date, end: date) -> list[str]:
        rows = db.run_query(con, "qa_review_agents", {"start_on": start, "end_on": end}, user.scope)
        return rows["agent_code"].tolist()

    # the QA reviews page's agent filter: S003's agents on the days it was the manager's (a range across the move:
    # both managers)
    assert offered(mgr2, OCT_1, OCT_31) == ["A003", "A004"]
    assert offered(mgr1, OCT_1, OCT_31) == ["A001", "A002"]
    assert offered(mgr1, day, day) == ["A001", "A002", "A003", "A004"]
    assert offered(mgr2, day, day) == []
    assert offered(mgr2, OCT_1, day) == ["A003", "A004"]
    assert offered(mgr1, OCT_1, day) == ["A001", "A002", "A003", "A004"]


def test_each_regions_manager_uploads_the_reviews_dated_while_the_store_was_in_her_region(store_moved):
    # before: mgr1 uploaded a review of A003 dated in October (S003 then region 2's) and mgr2 was refused it
    con, who, _, _, day = store_moved
    header = "review_id,agent_code,reviewed_on,reviewer,score\n"
    options = pipeline.ImportOptions(now=datetime(2026, 12, 31), skip_invalid=True)
    # the refusal says which agent and why: to mgr1, whose agent A003 is now, the home store and its region on the
    # review's day; to mgr2, whose he is no longer, the day alone (before, both: "the agent is outside your scope")
    said = {
        "mgr1": "qa.import.error.agent_region_out_of_scope",
        "mgr2": "qa.import.error.agent_not_in_your_stores",
    }
    words = {
        "mgr1": [
            [
                "A003's home store on 2026-10-20 was S003 Store Three, in region South then, outside your stores "
                "that day: the reviews of that day are that region's manager's to upload"
            ],
            [
                "客服专员 A003 在 2026-10-20 的所属门店为 S003 Store Three，当时属于南区，不在您当日的门店范围内："
                "该日的质检评分由该区域的经理导入"
            ],
        ],
        "mgr2": [
            [
                f"A003's home store on {day} was not one of your stores: the reviews of that day are the manager's "
                "of the region it was in then"
            ],
            [
                f"客服专员 A003 在 {day} 的所属门店不在您的门店范围内：该日的质检评分由该门店当时所在区域的经理导入"
            ],
        ],
    }
    for user, added in ((who["mgr1"], ["N2"]), (who["mgr2"], ["N1"])):
        con.execute("delete from qa_reviews where source_id in ('N1', 'N2')")
        text = header + f"N1,A003,2026-10-20,{user.username},70\nN2,A003,{day},{user.username},60\n"
        prepared, result = pipeline.import_bytes(
            con, registry.kind("qa_reviews"), text.encode(), "qa.csv", None, options, user
        )
        assert prepared.errors["reason"].tolist() == [said[user.username]]
        shown = [prepared.error_messages(lang)["reason"].tolist() for lang in ("en", "zh")]
        assert shown == words[user.username], shown
        assert result.rows_added == 1
        stored = con.execute("select source_id from qa_reviews where source_id in ('N1', 'N2')").fetchall()
        assert [r[0] for r in stored] == added
    # a stored review is placed by its stored date: QA0022 (A003, 2026-10-12, S003 then region 2's) may not be
    # overwritten by region 1's manager naming the move day
    text = header + f"QA0022,A003,{day},mgr1,10\nN3,A003,{day},mgr1,50\n"
    prepared, result = pipeline.import_bytes(
        con, registry.kind("qa_reviews"), text.encode(), "qa.csv", None, options, who["mgr1"]
    )
    assert prepared.errors[["column", "reason"]].values.tolist() == [
        ["review_id", "qa.import.error.key_out_of_scope"]
    ]
    assert (result.rows_added, result.rows_updated) == (1, 0)  # N3 alone
    assert con.execute("select reviewed_on, score from qa_reviews where source_id = 'QA0022'").fetchone() == (
        date(2026, 10, 12),
        95.0,
    )


def test_a_leads_and_an_agents_views_do_not_depend_on_the_stores_region(store_moved):
    # a guard, not a failure before: a lead reaches her team's agents, an agent himself, whatever the region
    con, who, month, _, _ = store_moved
    lead2, agent3 = who["lead2"], who["agent3"]
    assert cards(con, lead2) == (OCT_R2, 1)
    assert [c[:2] for c in cards(con, lead2, month)[0]] == [("T2", "A003"), ("T2", "A004")]
    assert cards(con, agent3) == ([("T2", "A003", 1, 1, 100.0)], 1)
    for user in (lead2, agent3):
        rows = db.run_query(con, "qa_sign_offs", {}, user.scope)
        assert rows["agent_code"].tolist() == ["A003"]
        rows = db.run_query(con, "qa_disputes", {"dispute_statuses": ["open"]}, user.scope)
        assert rows["source_id"].tolist() == ["QA0021"]


def test_undo_of_the_stores_move_gives_its_agents_back_to_the_old_region_for_every_period(store_moved):
    con, who, month, batch_id, _ = store_moved
    mgr1, mgr2 = who["mgr1"], who["mgr2"]
    assert cards(con, mgr2) == (OCT_R2, 1)
    batches.undo_batch(con, batch_id, ADMIN)
    assert con.execute("select region_id from stores_now where store_id = 3").fetchone() == (2,)
    assert cards(con, mgr2) == (OCT_R2, 1)
    assert cards(con, mgr1) == (OCT_R1, 0)
    assert [c[:2] for c in cards(con, mgr2, month)[0]] == [("T2", "A003"), ("T2", "A004")]
    assert [c[:2] for c in cards(con, mgr1, month)[0]] == [("T1", "A001"), ("T1", "A002")]
    rows = db.run_query(con, "qa_sign_offs", {}, mgr2.scope)
    assert rows["agent_code"].tolist() == ["A003"]


def test_rows_dated_before_the_stores_first_history_row_stay_with_its_first_region(con):
    # a store uploaded without opened_on has history only from its upload day (master_store_history_new); QA
    # reviews dated before it were placed by the store's region now, so after a move they followed the store: here
    # S003's history begins 2026-10-15, after A003's QA0021-23 (10-12); the move to R1 gave mgr1 8 and mgr2 none
    fx.load(con)
    con.execute("update store_region_history set valid_from = date '2026-10-15' where store_id = 3")
    for name, region in (("mgr1", 1), ("mgr2", 2)):
        users.create_user(con, username=name, display_name=name, password=PASSWORD, roles=["manager"],
                          scope_region_id=region)  # fmt: skip
    mgr1, mgr2 = users.load_user(con, "mgr1"), users.load_user(con, "mgr2")

    def listed(user: User) -> list[str]:
        params = {"start_on": OCT_1, "end_on": OCT_31, "agent_ids": []}
        return db.run_query(con, "qa_review_list", params, user.scope)["source_id"].tolist()

    def region_on(day) -> int:
        return con.execute("select store_region_on(3, ?)", [day]).fetchone()[0]

    mgr1_october = ["QA0013", "QA0012", "QA0011", "QA0002", "QA0001"]
    assert (listed(mgr1), listed(mgr2)) == (mgr1_october, ["QA0023", "QA0022", "QA0021"])
    _, move = pipeline.import_bytes(
        con, registry.kind("stores"), b"store_code,name,region_code\nS003,Store Three,R1\n", "stores.csv", None,
        pipeline.ImportOptions(now=datetime(2026, 11, 5)), ADMIN,
    )  # fmt: skip
    assert move.rows_updated == 1
    assert con.execute("select region_id from stores_now where store_id = 3").fetchone() == (1,)
    assert (listed(mgr1), listed(mgr2)) == (mgr1_october, ["QA0023", "QA0022", "QA0021"])
    # the region a row of that date is stamped with (surveys, inspections, complaints) and checked against: R2
    # before the first history row, whatever the store's region now; an unknown date: the region now
    assert [region_on(d) for d in (date(2026, 10, 12), date(2026, 10, 15), None)] == [2, 2, 1]
    # an upload: mgr1 may neither add A003's review dated 10-12 nor overwrite QA0022 (10-12), only A001's N2;
    # mgr2 adds N1
    header = "review_id,agent_code,reviewed_on,reviewer,score\n"
    options = pipeline.ImportOptions(now=datetime(2026, 12, 31), skip_invalid=True)
    text = header + "QA0022,A003,2026-10-12,mgr1,10\nN1,A003,2026-10-12,mgr1,70\nN2,A001,2026-10-12,mgr1,70\n"
    prepared, result = pipeline.import_bytes(
        con, registry.kind("qa_reviews"), text.encode(), "qa.csv", None, options, mgr1
    )
    assert prepared.errors[["row", "column", "reason"]].values.tolist() == [
        [2, "agent_code", "qa.import.error.agent_region_out_of_scope"],  # A003 hers now, S003 then region 2's
        [2, "review_id", "qa.import.error.key_out_of_scope"],
        [3, "agent_code", "qa.import.error.agent_region_out_of_scope"],
    ]
    assert (result.rows_added, result.rows_updated) == (1, 0)
    assert con.execute("select score from qa_reviews where source_id = 'QA0022'").fetchone() == (95.0,)
    text = header + "N1,A003,2026-10-12,mgr2,70\n"
    prepared, result = pipeline.import_bytes(
        con, registry.kind("qa_reviews"), text.encode(), "qa.csv", None, options, mgr2
    )
    assert prepared.errors.empty and result.rows_added == 1
