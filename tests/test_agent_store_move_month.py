"""The scorecards of the month a home store moves region (SPEC §2: "a store that changes region keeps its past figures
under the old region"; §1: a manager sees the stores of her scope, the scope restricting rows inside the SQL).

Each regional manager reads the agent's card of that month on the rows dated while the home store was in her region
(models/agent_scope_spans.sql, models/agent_period_metrics.sql), so the card, her open-dispute tile and the card's
reviews agree. Before, the card was placed whole by the month's last day: the new region's manager read the whole
month (the old region's reviews and their disputes on the card, not on her tile) and the old region's manager no card
at all, though the tile's disputes and the reviews of her days were hers (session 40's probe).

Fixture: tests/fixtures.py and tests/scorecards_fixture.py (S003, home store of A003 and A004, region 2 from
2021-03-01), then S003 moved to region 1 by a stores upload, the move dated 2026-11-16. November 2026, A003 (by hand):
  complaints: SC0101-SC0103 received 11-05 10:00, answered +2 h, resolved +20 h  (region 2's days)
              SC0104-SC0105 received 11-20 10:00, answered +2 h, resolved +50 h  (region 1's days)
  QA reviews: N1 11-03 60, N2 11-10 80 (disputed, open)                          (region 2's days)
              N3 11-20 100, N4 11-25 90 (disputed, open)                         (region 1's days)
  region 2's manager, days 11-01..11-15 (15 of 30): handled 3, QA 2 (mean 70), 1 open dispute (N2); reviews N2, N1
  region 1's manager, days 11-16..11-30 (15 of 30): handled 2, QA 2 (mean 95), 1 open dispute (N4); reviews N4, N3
  T2's lead, the whole month: handled 5, QA 4 (mean 82.5), 2 open disputes; composite (weights QA 40, SLA 35,
    resolution 25): QA 100 x (82.5 - 60) / 30 = 75, SLA 5 of 5 = 100 %, resolution median 20 h (capped) 100:
    (40 x 75 + 35 x 100 + 25 x 100) / 100 = 90.0, rank 1 of 1.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from portal import db, writes
from portal.auth import User
from portal.i18n import t
from portal.ingest import pipeline, registry
from portal.scope import Scope
from portal.scorecards import display, export, figures, periods
from tests import scorecards_fixture as fx

ADMIN = User("t_admin", "Admin", ("admin",), Scope.everything())
NOV = periods.parse("2026-11")
MOVE = date(2026, 11, 16)
AS_OF = datetime(2026, 12, 1)
KW = {"timezone": "UTC", "sla_as_of": AS_OF}


@pytest.fixture
def moved(con):
    who = fx.load_with_users(con)
    fx._complaints(con, 3, 3, 101, 3, datetime(2026, 11, 5, 10), [20] * 3)
    fx._complaints(con, 3, 3, 104, 2, datetime(2026, 11, 20, 10), [50] * 2)
    for source_id, day, score in (
        ("N1", "11-03", 60),
        ("N2", "11-10", 80),
        ("N3", "11-20", 100),
        ("N4", "11-25", 90),
    ):
        con.execute(
            "insert into qa_reviews (source_id, agent_id, reviewed_on, reviewer, score) values (?, 3, ?, 'Quinn', ?)",
            [source_id, f"2026-{day}", score],
        )
    for source_id in ("N2", "N4"):
        (review_id,) = con.execute(
            "select qa_review_id from qa_reviews where source_id = ?", [source_id]
        ).fetchone()
        writes.raise_qa_dispute(con, who["agent3"], review_id, "not fair")
    pipeline.import_bytes(
        con,
        registry.kind("stores"),
        b"store_code,name,region_code\nS003,Store Three,R1\n",
        "stores.csv",
        None,
        pipeline.ImportOptions(now=datetime(2026, 12, 1)),
        ADMIN,
    )
    # the move happened on 11-16 (the upload dates it on the machine's day)
    con.execute("update store_region_history set valid_to = ? where store_id = 3 and region_id = 2", [MOVE])
    con.execute("update store_region_history set valid_from = ? where store_id = 3 and region_id = 1", [MOVE])
    assert con.execute(
        "select region_id, valid_from, valid_to from store_region_history where store_id = 3 order by valid_from"
    ).fetchall() == [(2, date(2021, 3, 1), MOVE), (1, MOVE, None)]
    return con, who


def view(con, user: User):
    sset = figures.figures(con, user.scope, NOV, timezone="UTC", sla_as_of=AS_OF)
    return {c.agent_code: c for c in sset.cards}, sset.open_disputes


def a003(card) -> tuple:
    qa = card.metric("qa_score")
    return card.metric("complaints_handled").value, qa.n, qa.value, card.open_disputes, card.days_in_scope


def reviews(con, user: User) -> list[str]:
    return figures.qa_reviews(figures.runner(con, user.scope), 3, NOV)["source_id"].tolist()


def test_each_manager_reads_the_move_month_on_the_rows_of_her_days(moved):
    con, who = moved
    # before: region 2's manager had no card (and tile 0); region 1's read the whole month: handled 5, QA 4 (82.5),
    # 2 open disputes on the card but 1 on her tile, and all four reviews behind it
    cards, tile = view(con, who["mgr2"])
    assert sorted(cards) == ["A003", "A004"]
    assert (a003(cards["A003"]), tile) == ((3, 2, 70.0, 1, 15), 1)
    assert reviews(con, who["mgr2"]) == ["N2", "N1"]
    cards, tile = view(con, who["mgr1"])
    assert sorted(cards) == ["A001", "A002", "A003", "A004"]
    assert (a003(cards["A003"]), tile) == ((2, 2, 95.0, 1, 15), 1)
    assert reviews(con, who["mgr1"]) == ["N4", "N3"]
    assert (cards["A001"].days_in_scope, cards["A004"].days_in_scope) == (None, 15)


def test_a_card_on_part_of_the_month_is_not_ranked_and_says_so(scored):
    con, who = scored  # a scored card (without a composite it says "insufficient data" first)
    card = view(con, who["mgr1"])[0]["A003"]
    assert card.rank is None and card.composite is not None
    assert display.rank_text(card, "en") == "not ranked (part of the period: 15 of 30 days in your stores)"
    assert display.rank_text(card, "zh") == "未排名(仅部分期间：30 天中有 15 天属于您的门店范围)"
    notes = {lang: " ".join(display.card_notes(card, lang)) for lang in ("en", "zh")}
    assert (
        "on 15 of this period's 30 days" in notes["en"]
        and "30 天中，该客服专员的所属门店有 15 天" in notes["zh"]
    )
    assert (
        t("scorecards.note.part_of_period", "zh", days=1, period_days=2) != "scorecards.note.part_of_period"
    )


def test_the_lead_and_the_agent_read_the_whole_month(moved):
    # a guard: a lead's and an agent's cards are placed by the team, not the region
    con, who = moved
    for user in (who["lead2"], who["agent3"]):
        cards, tile = view(con, user)
        card = cards["A003"]
        assert (a003(card), tile) == ((5, 4, 82.5, 2, None), 2)
        assert (round(card.composite, 1), card.rank) == (90.0, 1)
        assert reviews(con, user) == ["N4", "N3", "N2", "N1"]


def test_the_months_before_and_after_the_move_belong_to_one_region(moved):
    con, who = moved
    october, december = periods.parse("2026-10"), periods.parse("2026-12")
    for user, month, agents in (
        (who["mgr2"], october, ["A003", "A004"]),
        (who["mgr1"], october, ["A001", "A002"]),
        (who["mgr2"], december, []),
        (who["mgr1"], december, ["A001", "A002", "A003", "A004"]),
    ):
        sset = figures.figures(con, user.scope, month, timezone="UTC", sla_as_of=AS_OF)
        assert sorted(c.agent_code for c in sset.cards) == agents
        assert all(c.days_in_scope is None for c in sset.cards)


@pytest.fixture
def scored(moved):
    """The move month with a scored part-period card (the review of 63c6474): A003 also handles SC0106-SC0108,
    received 11-22 10:00, answered +2 h, resolved +20 h, and review N5 on 11-27 scores 80 (region 1's days).
    Region 1's manager: handled 5, SLA 5 of 5, resolution median 20 h, QA 3 (100, 90, 80: mean 90) -> composite 100.0.
    T2's lead, the whole month: QA 5 (mean 82), 100 x (82 - 60) / 30 = 73.33; (40 x 73.33 + 35 x 100 + 25 x 100) / 100
    = 89.33, rank 1."""
    con, who = moved
    fx._complaints(con, 3, 3, 106, 3, datetime(2026, 11, 22, 10), [20] * 3)
    con.execute(
        "insert into qa_reviews (source_id, agent_id, reviewed_on, reviewer, score) values ('N5', 3, '2026-11-27', "
        "'Quinn', 80)"
    )
    return con, who


def test_a_scored_card_on_part_of_the_month_is_left_out_of_the_ranking(scored):
    con, who = scored
    card = view(con, who["mgr1"])[0]["A003"]
    assert (round(card.composite, 2), card.rank, card.ranked_n) == (100.0, None, 1)
    lead = view(con, who["lead2"])[0]["A003"]
    assert (round(lead.composite, 2), lead.rank) == (89.33, 1)


def test_the_team_tiles_leave_a_part_of_period_card_out(scored):
    # before: region 1's manager read "team composite 100.0 (n 1)" and "agents ranked 1 of 4" on A003's card alone
    con, who = scored
    sset = figures.figures(con, who["mgr1"].scope, NOV, timezone="UTC", sla_as_of=AS_OF)
    tiles = {f.key: f for f in figures.headline(sset)}
    assert (tiles["team_composite"].value, tiles["team_composite"].n) == (None, 0)
    # only A003's part-of-month card is scored: the reason says so, not "insufficient data" beside her 100.0
    assert tiles["team_composite"].no_data_reason == "scorecard.no_data.part_of_period_only"
    # the tiles' caption: A003 is in neither ranked (0) nor insufficient (3) of the 4 cards
    assert display.tiles_note(sset, "en").startswith("1 card on part of the period")
    assert display.tiles_note(sset, "zh").startswith("1 张记分卡仅基于部分期间")
    whole = figures.figures(con, who["mgr1"].scope, periods.parse("2026-10"), **KW)
    assert display.tiles_note(whole, "en") is None
    assert (tiles["agents_ranked"].value, tiles["agents_ranked"].n) == (0.0, 4)
    insufficient = tiles["agents_insufficient"]
    assert (insufficient.value, insufficient.n) == (3.0, 4)  # A003's card has a composite
    december = figures.figures(con, who["mgr1"].scope, periods.parse("2026-12"), **KW)
    composite = {f.key: f for f in figures.headline(december)}["team_composite"]
    assert (composite.previous_value, composite.previous_n) == (None, 0)


def test_no_change_against_or_from_a_card_on_part_of_the_month(scored):
    # before: region 1's December card of A003 showed previous 100.0 (her 15-day November), change 0.0
    con, who = scored
    # December, region 1's whole month, as her November: handled 3 (resolved +20 h), QA 3 (mean 90) -> 100.0
    fx._complaints(con, 3, 3, 111, 3, datetime(2026, 12, 2, 10), [20] * 3)
    for source_id, score in (("D1", 100), ("D2", 90), ("D3", 80)):
        con.execute(
            "insert into qa_reviews (source_id, agent_id, reviewed_on, reviewer, score)"
            " values (?, 3, '2026-12-03', 'Quinn', ?)",
            [source_id, score],
        )
    december = periods.parse("2026-12")
    sset = figures.figures(con, who["mgr1"].scope, december, timezone="UTC", sla_as_of=datetime(2027, 1, 1))
    card = next(c for c in sset.cards if c.agent_code == "A003")
    assert card.composite is not None and card.days_in_scope is None
    assert (card.previous_composite, card.change) == (None, None)
    assert card.change_reason == "scorecards.change.part_of_period"
    assert display.change_text(card, "en") == (
        "Change against 2026-11: no data (this card or the one of 2026-11 rests on part of a period: the agent's home "
        "store changed region)"
    )
    assert "2026-11" in display.change_text(card, "zh") and "部分期间" in display.change_text(card, "zh")
    november = view(con, who["mgr1"])[0]["A003"]
    assert (november.change, november.change_reason) == (None, "scorecards.change.part_of_period")


def test_the_texts_of_a_card_on_part_of_the_month(scored):
    con, who = scored
    sset = figures.figures(con, who["mgr1"].scope, NOV, timezone="UTC", sla_as_of=AS_OF)
    card = next(c for c in sset.cards if c.agent_code == "A003")
    part = "not ranked (part of the period: 15 of 30 days in your stores)"
    assert display.low_data_text(card, "en") == part
    assert display.low_data_text(card, "zh") == "未排名(仅部分期间：30 天中有 15 天属于您的门店范围)"
    table = display.team_table(sset, "en")
    assert table.set_index("Agent").loc[f"A003 {card.agent_name}", "Low data"] == part
    assert part in export.team_csv(sset, "en").decode("utf-8-sig")
    # a part-period card without data says that first (before: the part-of-period reason alone)
    region2 = view(con, who["mgr2"])[0]["A003"]
    assert region2.composite is None and region2.days_in_scope == 15
    assert display.rank_text(region2, "en") == "not ranked (insufficient data)"
    assert display.rank_text(region2, "zh") == "未排名(数据不足)"


def test_the_sign_off_of_the_move_month_is_seen_by_each_manager_who_sees_the_card(moved):
    # before: a sign-off was placed by the period's last day (11-30, S003 in region 1): region 2's manager read A003's
    # November card (her 15 days) without its sign-off. Now it follows the card: both managers see November's; the
    # months before and after the move stay one region's (October region 2's, December region 1's)
    con, who = moved
    for month in ("2026-10", "2026-11", "2026-12"):
        start = periods.parse(month).start
        writes.sign_off_period(con, who["lead2"], 3, "month", start, f"note {month}", date(2027, 1, 2))

    def signed(name: str) -> list[str]:
        rows = db.run_query(con, "qa_sign_offs", {}, who[name].scope)
        return sorted(r.coaching_note for r in rows.itertuples() if r.agent_code == "A003")

    assert signed("mgr2") == ["note 2026-10", "note 2026-11"]
    assert signed("mgr1") == ["note 2026-11", "note 2026-12"]
    assert signed("lead2") == ["note 2026-10", "note 2026-11", "note 2026-12"]
    # each manager sees a card of each month whose sign-off she sees
    for name, months in (("mgr2", ("2026-10", "2026-11")), ("mgr1", ("2026-11", "2026-12"))):
        for month in months:
            sset = figures.figures(
                con, who[name].scope, periods.parse(month), timezone="UTC", sla_as_of=datetime(2027, 1, 2)
            )
            assert "A003" in {c.agent_code for c in sset.cards}, (name, month)
