"""5S figures over the hand-worked fixture of tests/fives_fixture.py (the arithmetic is in its docstring).

Checks: N/A excluded and counted, item weights, section weights, a red-line item, a 1-5 point scale, a section
with nothing applicable (no %, not 0), bands, repeat findings across the period's start, inspector consistency,
the actions an inspection opens (owner, due date), overdue, and scope inside the SQL.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from portal import db, writes
from portal.filters import Filters
from portal.fives import actions, figures
from portal.scope import Scope
from tests import fives_fixture, fixtures

JANUARY = Filters(date(2026, 1, 1), date(2026, 1, 31))
TODAY = date(2026, 2, 10)
CFG = figures.FivesSettings(low_confidence_n=5)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    con = fixtures.build_fixture_db(tmp_path_factory.mktemp("fives") / "fives.duckdb")
    fives_fixture.load(con)
    yield con
    con.close()


def run_all(con):
    return figures.runner(con, Scope.everything())


def section_pcts(con, start="2026-01-01", end="2026-12-31") -> dict:
    rows = con.execute(
        "select inspection_id, section_code, section_pct, applicable_n, excluded_n, is_red_line_failed "
        "from fives_section_scores(true, [], [], ?::date, ?::date, [], [])",
        [start, end],
    ).fetchall()
    return {(r[0], r[1]): r[2:] for r in rows}


def test_section_percent_weights_na_and_red_line(con):
    s = section_pcts(con)
    # I1 sort: A1 4 x 1 + A2 3 x 2 = 10 of 4 + 8 = 12 -> 83.333; A3 N/A excluded (1), not a 0
    assert s[(1, "sort")] == (pytest.approx(83.3333, abs=1e-3), 2, 1, False)
    assert s[(1, "shine")] == (pytest.approx(75.0), 2, 0, False)  # (2 + 4) / 8
    # I2 shine: B1 scored 1 is a failed red-line item -> 0, not (1 + 4) / 8 = 62.5
    assert s[(2, "shine")] == (0.0, 2, 0, True)
    assert s[(2, "sort")][0] == pytest.approx(68.75)  # (1 + 8 + 2) / 16
    # I3, 1-5 scale: sort (5 + 1) / 10 = 60; shine's only item N/A -> no percentage at all
    assert s[(3, "sort")][0] == pytest.approx(60.0)
    assert s[(3, "shine")] == (None, 0, 1, False)


def test_overall_percent_is_section_weighted(con):
    rows = dict(
        con.execute(
            "select inspection_id, overall_pct from fives_inspection_scores(true, [], [], "
            "date '2026-01-01', date '2026-12-31', [], [])"
        ).fetchall()
    )
    assert rows[1] == pytest.approx((83.3333 + 2 * 75) / 3, abs=1e-3)  # 77.778 (shine weighs 2)
    assert rows[2] == pytest.approx(68.75 / 3)  # 22.917
    assert rows[3] == pytest.approx(60.0)  # the section without a % is left out, not averaged as 0
    assert rows[4] == pytest.approx(100.0)
    assert rows[5] == pytest.approx((75 + 2 * 50) / 3)  # 58.333


def test_headline_figures(con):
    h = figures.headline(run_all(con), JANUARY, CFG, TODAY)
    # (77.778 + 22.917 + 60 + 100) / 4 = 65.174 over 4 inspections (low confidence: fewer than 5)
    assert h.chain_overall.value == pytest.approx(65.1736, abs=1e-3)
    assert h.chain_overall.n == 4
    assert h.chain_overall.status == "low_confidence"
    assert h.chain_overall.extra["band"] == "needs_improvement"
    # December 2025 has no inspection: no previous value
    assert h.chain_overall.previous_value is None
    # store means S001 (77.778 + 22.917) / 2 = 50.347 failing; S002 60 needs improvement; S003 100: each on
    # fewer than 5 inspections, so none judged (tests/test_fives_failing_stores.py); with an n of 1, 1 of 3
    assert (h.failing_stores.reason, h.failing_stores.extra["unjudged_stores"]) == (
        "fives.no_data.none_judged",
        3,
    )
    one = figures.headline(run_all(con), JANUARY, figures.FivesSettings(low_confidence_n=1), TODAY)
    assert (one.failing_stores.value, one.failing_stores.n) == (1, 3)
    # actions now: I2 A1, B1; I3 C2; I5 A1, B2 -> 5, none verified; overdue on 10 Feb: due 3 Feb (2) and
    # 24 Jan (1); I5's are due 17 Feb
    assert (h.open_actions.value, h.open_actions.n) == (5, 5)
    assert (h.overdue_actions.value, h.overdue_actions.n) == (3, 5)
    # January: 3 failed items (I2 A1, B1; I3 C2), no repeat (I1 failed nothing); n = 2: I3 is S002's first
    # inspection ever, its C2 could not repeat (SPEC §3: a repeat needs two consecutive inspections of a store)
    assert (h.repeat_findings.value, h.repeat_findings.n) == (0, 2)


def test_february_repeat_finding_looks_before_the_period(con):
    february = Filters(date(2026, 2, 1), date(2026, 2, 28))
    h = figures.headline(run_all(con), february, CFG, TODAY)
    assert (h.repeat_findings.value, h.repeat_findings.n) == (1, 2)  # A1 failed on 20 Jan and 3 Feb
    # January's: 0 of the 2 failed items that could repeat (I2's A1, B1; not I3's C2, S002's first inspection)
    assert (h.repeat_findings.previous_value, h.repeat_findings.previous_n) == (0, 2)
    assert h.chain_overall.previous_value == pytest.approx(65.1736, abs=1e-3)  # January
    repeats = figures.repeat_findings(run_all(con), february)
    assert list(repeats["item_code"]) == ["A1"]
    assert repeats["previous_inspected_on"].iloc[0] == pd.Timestamp(2026, 1, 20)
    assert (repeats["score"].iloc[0], repeats["previous_score"].iloc[0]) == (0, 1)
    assert repeats["action_status"].iloc[0] == "open"


def test_heatmap_store_and_chain_rows(con):
    hm = figures.heatmap(run_all(con), JANUARY).set_index(["store_code", "section_code"], drop=False)
    chain = hm[hm["is_chain"]].set_index("section_code")
    # chain sort: (83.333 + 68.75 + 60 + 100) / 4 = 78.021; shine over the 3 with a % (75, 0, 100) = 58.333
    assert chain.loc["sort", "mean_pct"] == pytest.approx(78.0208, abs=1e-3)
    assert chain.loc["shine", "mean_pct"] == pytest.approx(58.3333, abs=1e-3)
    assert chain.loc["shine", "inspections_n"] == 3
    assert chain.loc["shine", "excluded_items_n"] == 2  # I3 D1, I4 B2
    stores = hm[~hm["is_chain"]]
    assert stores.loc[("S001", "sort"), "mean_pct"] == pytest.approx((83.3333 + 68.75) / 2, abs=1e-3)
    assert stores.loc[("S001", "shine"), "red_line_failed_n"] == 1


def test_ranking_with_bands(con):
    # one or two inspections a store: judged only with a low-confidence n of 1 (the default 5: see below)
    rk = figures.ranking(run_all(con), JANUARY, figures.FivesSettings(low_confidence_n=1))
    assert list(rk["store_code"]) == ["S003", "S002", "S001"]
    assert list(rk["band"]) == ["excellent", "needs_improvement", "failing"]
    assert list(rk["is_low_confidence"]) == [False, False, False]
    assert list(rk["rank"]) == [1, 2, 3]
    assert rk["latest_pct"].iloc[2] == pytest.approx(22.9167, abs=1e-3)  # S001's 20 Jan inspection


def test_no_band_on_fewer_inspections_than_the_low_confidence_n(con):
    """S001 was "✖ Failing" on two inspections (the store view: "63.9% (n = 3 inspections) · ✖ Failing · low
    confidence"): a figure on fewer than the 5S low-confidence n is shown with its value, n and the mark, never
    as a pass or a fail (SPEC §3) — ranking, its table and bars, the heat map, the store view, the export."""
    from portal.fives import charts, display, export
    from portal.overview import store_fives

    rk = figures.ranking(run_all(con), JANUARY, CFG)  # the default: 5 inspections
    assert list(rk["scored_n"]) == [1, 1, 2]
    assert list(rk["band"]) == [None, None, None] and list(rk["is_low_confidence"]) == [True, True, True]
    assert list(rk["mean_pct"].round(2)) == [100.0, 60.0, 50.35]  # the values stay, and the rank
    table = display.ranking_table(rk, "en")
    assert list(table["Band"]) == ["◌ low confidence"] * 3
    assert list(display.ranking_table(rk, "zh")["等级"]) == ["◌ 样本不足"] * 3
    bars = charts.ranking_bars(rk, CFG, "en")
    assert [(tr.name, tr.marker.color, list(tr.y)) for tr in bars.data] == [
        ("◌ low confidence", charts.LOW_CONFIDENCE_COLOUR, ["S003", "S002", "S001"])
    ]
    two = figures.FivesSettings(low_confidence_n=2)  # S001's two inspections are judged, the others not
    rk2 = figures.ranking(run_all(con), JANUARY, two)
    assert list(rk2["band"]) == [None, None, "failing"]
    assert list(display.ranking_table(rk2, "en")["Band"]) == ["◌ low confidence"] * 2 + ["✖ Failing"]
    assert two.judged_band(50.0, 1) is None and two.judged_band(50.0, 2) == "failing"
    # the store view's line: value, n and the mark, no band
    sf = store_fives.StoreFives(1, CFG.judged_band(63.9, 3), 63.9, 3, *[pd.DataFrame()] * 4)
    assert store_fives.band_text(sf, CFG.low_confidence_n, "en") == (
        "Overall 5S score over the 12 weeks: 63.9% (n = 3 inspections) · low confidence: fewer than 5 inspections"
    )
    assert store_fives.band_text(sf, CFG.low_confidence_n, "zh") == (
        "12 周 5S 总得分：63.9%(n = 3 次检查)· 样本不足：检查少于 5 次"
    )
    # the heat map: cells on fewer than 5 inspections grey, outside the red-to-green scale
    frame = display.heatmap_frame(figures.heatmap(run_all(con), JANUARY), rk, "en", "all")
    heat = charts.heatmap(frame, "en", CFG.low_confidence_n)
    coloured, grey = heat.data
    assert pd.isna(pd.DataFrame(coloured.z)).all().all()  # every cell rests on 1 to 4 inspections
    assert not pd.isna(pd.DataFrame(grey.z)).all().all() and "◌ low confidence" in grey.customdata[0][0]
    # the export: no band, the flag, and the text says low confidence
    out = export.to_json(figures.compute(run_all(con), JANUARY, CFG, TODAY))
    assert [(s["store_code"], s["band"], s["is_low_confidence"] is True) for s in out["stores"]] == [
        ("S003", None, True), ("S002", None, True), ("S001", None, True),
    ]  # fmt: skip


def test_bands_follow_settings(con):
    strict = figures.FivesSettings(
        excellent_min=101, good_min=95, needs_improvement_min=55, low_confidence_n=1
    )
    rk = figures.ranking(run_all(con), JANUARY, strict)
    assert list(rk["band"]) == ["good", "needs_improvement", "failing"]


def test_trend_per_store_and_chain(con):
    tr = figures.trend(run_all(con), Filters(date(2026, 1, 1), date(2026, 2, 28)))
    chain = tr[tr["is_chain"]].set_index("month_start")["mean_pct"]
    assert chain[pd.Timestamp(2026, 2, 1)] == pytest.approx(58.3333, abs=1e-3)  # I5 alone
    s1 = tr[tr["store_code"] == "S001"].set_index("month_start")["inspections_n"]
    assert dict(s1) == {pd.Timestamp(2026, 1, 1): 2, pd.Timestamp(2026, 2, 1): 1}


def test_inspector_consistency_compares_on_shared_stores(con):
    ic = figures.consistency(run_all(con), JANUARY).set_index("inspector")
    # alice: own mean (77.778 + 60) / 2 = 68.889; on S001, shared with bob: 77.778 against bob's 22.917
    assert ic.loc["alice", "own_mean_pct"] == pytest.approx(68.8889, abs=1e-3)
    assert ic.loc["alice", "shared_stores_n"] == 1
    assert ic.loc["alice", "difference_pp"] == pytest.approx(54.8611, abs=1e-3)
    assert ic.loc["bob", "difference_pp"] == pytest.approx(-54.8611, abs=1e-3)


def test_the_migration_decides_stored_inspections_inspector_again(tmp_path):
    """Migration 022 on inspections stored with the uploader as their inspector: one clerk uploaded every sheet;
    the sheets name alice and bob (by display name, spaced and cased otherwise), one names the clerk, one a
    person without an account; the consistency then compares the inspectors the sheets name."""
    from portal.db import MIGRATIONS_DIR

    con = fixtures.build_fixture_db(tmp_path / "clerk.duckdb")
    fives_fixture.load(con)
    con.execute(
        "insert into users (username, display_name, password_hash, roles) values "
        "('clerk', 'Chen Clerk', 'x', ['inspector']), ('alice', 'Alice Auditor', 'x', ['inspector'])"
    )
    named = {1: "alice  auditor", 2: "Bob Outside", 3: "ALICE", 4: "Chen Clerk"}
    for iid, name in named.items():
        con.execute(
            "update fives_inspections set inspector_username = 'clerk', inspector_name = ? where inspection_id = ?",
            [name, iid],
        )
    con.execute((MIGRATIONS_DIR / "022_inspection_inspector.sql").read_text(encoding="utf-8"))
    keys = dict(con.execute("select inspection_id, inspector_username from fives_inspections").fetchall())
    assert {k: keys[k] for k in named} == {1: "alice", 2: None, 3: "alice", 4: "clerk"}
    assert writes.transaction(con, writes.refresh_fives_facts) > 0  # the stored facts follow
    ic = figures.consistency(run_all(con), JANUARY).set_index("inspector")
    assert sorted(ic.index) == ["Bob Outside", "alice", "clerk"]
    assert ic.loc["alice", "own_mean_pct"] == pytest.approx(68.8889, abs=1e-3)  # I1 and I3, as before
    assert ic.loc["alice", "inspector_name"] == "Alice Auditor"
    con.close()


def test_actions_opened_with_owner_due_date_and_repeat_flag(con):
    acts = figures.actions(run_all(con), JANUARY, CFG, today=TODAY).set_index("action_id")
    # owner: S001 and S002 are in m_north's region R1 (m_chain is whole-chain, less specific)
    assert set(acts["owner"]) == {"m_north"}
    # due 14 days after the inspection: I3 10 Jan -> 24 Jan, overdue by 17 days on 10 Feb
    c2 = acts[acts["item_code"] == "C2"].iloc[0]
    assert (c2["due_on"], c2["is_overdue"], c2["days_overdue"]) == (pd.Timestamp(2026, 1, 24), True, 17)
    # I5's A1 (3 Feb) is still open so listed, and flagged as a repeat of I2's A1
    i5 = acts[acts["inspection_id"] == 5].set_index("item_code")
    assert bool(i5.loc["A1", "is_repeat"]) and not bool(i5.loc["B2", "is_repeat"])


def test_action_loop_per_store(con):
    loop = figures.action_loop(run_all(con), JANUARY, CFG, TODAY).set_index("store_code")
    assert loop.loc["S001", ["opened_n", "overdue_n", "open_n"]].tolist() == [2, 2, 4]
    assert loop.loc["S003", ["inspections_n", "opened_n", "open_n"]].tolist() == [1, 0, 0]
    # a period without inspections: the stores with open actions are listed, their repeat findings no data
    # (not 0: nothing was inspected that could repeat); their inspections 0
    empty = figures.action_loop(
        run_all(con), Filters(date(2020, 1, 1), date(2020, 1, 31)), CFG, TODAY
    ).set_index("store_code")
    assert len(empty) and (empty["open_n"] > 0).all() and (empty["inspections_n"] == 0).all()
    assert empty["repeat_findings_n"].isna().all()
    # a store inspected in January has its count when an inspection of it had an earlier one (S001: the 20th
    # after the 5th, a real 0); S002 and S003 were inspected once, ever: no data, nothing could repeat yet
    assert loop["repeat_findings_n"].isna().to_dict() == {"S001": False, "S002": True, "S003": True}
    assert loop.loc["S001", "repeat_findings_n"] == 0
    # the ranking's n of a repeat count: the failed items of inspections with an earlier one (S001: I2's A1, B1)
    ranking = figures.ranking(run_all(con), JANUARY, CFG).set_index("store_code")
    assert ranking["repeat_basis_n"].to_dict() == {"S001": 2, "S002": None, "S003": None}
    # and the inspections it comes from (I2), null with it: no 0 stands for no data
    assert ranking["repeat_basis_inspections_n"].to_dict() == {"S001": 1, "S002": None, "S003": None}


def test_opening_actions_is_idempotent_and_previewed(con):
    cur = con.cursor()
    assert actions.actions_to_open(cur, 2) == []  # both failures of I2 already have an action
    assert writes.transaction(con, lambda c: writes.open_fives_actions(c, 2, username="again")) == []
    assert con.execute("select count(*) from corrective_actions").fetchone()[0] == 5
    cur.close()


def test_actions_to_open_preview_and_due_days_setting(tmp_path):
    con = fixtures.build_fixture_db(tmp_path / "preview.duckdb")
    fives_fixture.load_templates(con)
    fives_fixture.load_users(con)
    fives_fixture.load_inspections(con, fives_fixture.INSPECTIONS[4:], open_actions=False)  # I5 alone
    con.execute("insert into settings (key, value) values ('fives_action_due_days', '7')")
    cur = con.cursor()
    preview = actions.actions_to_open(cur, 5)
    assert [(a.item_code, a.score, a.owner, a.due_on) for a in preview] == [
        ("A1", 0, "m_north", date(2026, 2, 10)),
        ("B2", 1, "m_north", date(2026, 2, 10)),
    ]
    opened = writes.transaction(con, lambda c: writes.open_fives_actions(c, 5, username="i_one"))
    assert [a["item_code"] for a in opened] == ["A1", "B2"]
    audit = con.execute("select username, action, target from audit_log").fetchall()
    assert audit == [("i_one", "corrective_action", "inspection:5")]
    cur.close()
    con.close()


@pytest.mark.parametrize(
    "name",
    [
        "fives_headline",
        "fives_store_ranking",
        "fives_actions",
        "fives_action_loop",
        "fives_store_section_heatmap",
    ],
)
def test_scope_is_inside_the_sql(con, name):
    params = figures._params(
        JANUARY,
        CFG,
        TODAY,
        statuses=[],
        previous_start_on=date(2025, 12, 1),
        previous_end_on=date(2025, 12, 31),
    )
    only_s003 = db.run_query(con, name, params, Scope(store_ids=(3,)))
    if "store_id" in only_s003.columns:
        assert set(only_s003["store_id"].dropna().astype(int)) <= {3}
    if name == "fives_headline":
        row = only_s003.by("period")["current"]  # two rows, read as frames.Rows
        assert (row["inspections_n"], row["overall_pct"], row["actions_n"]) == (1, 100.0, 0)


def test_the_intake_calls_open_actions_for(tmp_path):
    con = fixtures.build_fixture_db(tmp_path / "intake.duckdb")
    fives_fixture.load_templates(con)
    fives_fixture.load_users(con)
    fives_fixture.load_inspections(con, fives_fixture.INSPECTIONS[2:3], open_actions=False)  # I3 alone
    opened = writes.transaction(con, lambda cur: actions.open_actions_for(cur, 3))
    assert [(a["item_code"], a["owner"], a["due_on"]) for a in opened] == [
        ("C2", "m_north", date(2026, 1, 24))
    ]
    con.close()


def test_the_inspection_facts_carry_the_previous_inspection_and_a_migrated_database_gets_it(tmp_path):
    """The repeat findings' "can a repeat be judged" reads the inspection facts' previous_inspection_id (the item
    facts' own, the store's last inspection of an earlier day), not a lookup in every item fact. A database from
    before migration 029 has inspection facts without it: the migration empties them and the connect's refresh
    (the write path) computes them again with it, the figures as before."""
    path = tmp_path / "old.duckdb"
    con = fixtures.build_fixture_db(path)
    fives_fixture.load(con)
    prev = "select inspection_id, previous_inspection_id from fives_inspection_facts order by 1"
    # S001: I1, I2, I5; S002's I3 and S003's I4 alone
    expected = [(1, None), (2, 1), (3, None), (4, None), (5, 2)]
    assert con.execute(prev).fetchall() == expected
    items = "select distinct inspection_id, previous_inspection_id from fives_item_facts order by 1"
    assert con.execute(items).fetchall() == expected
    con.execute("alter table fives_inspection_facts drop column previous_inspection_id")  # as before 029
    con.execute("delete from schema_migrations where version = 29")
    con.close()
    con = db.connect(path)  # applies 029, then refreshes the facts
    assert con.execute(prev).fetchall() == expected
    h = figures.headline(run_all(con), JANUARY, CFG, TODAY)
    assert (h.repeat_findings.value, h.repeat_findings.n, h.repeat_findings.no_data_reason) == (0, 2, None)
    con.close()


def test_an_item_of_another_checklist_with_the_same_code_is_no_repeat(tmp_path):
    """SPEC §3: a repeat finding is the same item failed at two consecutive inspections of a store. Another
    company's sheet names its items by section (SO1, SE2 ...) as the default checklist does, so their codes meet:
    its "Fire exit clear" failed, then the default's "Price tags match the goods" of the same code, counted as a
    repeat (a helper's audit, session 55). The fixture's I5 (S001, 3 February, HAND) fails A1, a repeat of I2's A1;
    a sheet of another checklist on 10 February whose own A1 fails is none, and nor is HAND's A1 failed again on
    17 February (the inspection before it is of the other checklist). A second version of HAND is the same
    checklist: its A1 failed after HAND v1's is a repeat."""
    con = fixtures.build_fixture_db(tmp_path / "fives.duckdb")
    fives_fixture.load(con)
    con.execute(
        "insert into fives_templates (template_id, template_code, version, name_en, name_zh) values "
        "(12, 'OTHER', 1, 'Other company', '他公司'), (13, 'HAND', 2, 'HAND', 'HAND')"
    )
    con.execute(
        "insert into fives_sections (template_id, section_code, position, name_en, name_zh, weight) values "
        "(12, 'sort', 1, 'Sort', 'sort', 1.0), (13, 'sort', 1, 'Sort', 'sort', 1.0)"
    )
    con.execute(
        "insert into fives_items (template_id, item_code, section_code, position, text_en, text_zh, weight, "
        "max_score, is_red_line) values (12, 'A1', 'sort', 1, 'Fire exit clear', '消防通道畅通', 1, 4, false), "
        "(13, 'A1', 'sort', 1, 'Item A1', '检查项 A1', 1, 4, false)"
    )
    fives_fixture.load_inspections(
        con,
        [
            (6, 1, 12, date(2026, 2, 10), "carol", {"A1": 0}),
            (7, 1, 10, date(2026, 2, 17), "alice", {"A1": 1, "A2": 4, "A3": 4, "B1": 4, "B2": 4}),
            (8, 1, 13, date(2026, 2, 24), "alice", {"A1": 0}),
        ],
        open_actions=False,
    )
    got = con.execute(
        "select inspection_id, is_repeat from fives_item_facts where item_code = 'A1' and store_id = 1 "
        "order by inspection_id"
    ).fetchall()
    assert got == [(1, False), (2, False), (5, True), (6, False), (7, False), (8, True)]
    con.close()


def test_a_new_release_of_the_models_computes_the_stored_5s_facts_again(tmp_path):
    """The 5S facts are stored (migration 015) and computed by the models: where a release changes the models,
    opening the database computes every store's facts again, so that a repeat flag the old models stored (the
    other checklist's item above) does not stay."""
    path = tmp_path / "fives.duckdb"
    con = fixtures.build_fixture_db(path)
    fives_fixture.load(con)
    con.execute(
        "update fives_item_facts set is_repeat = true"
    )  # as an older release's models might have left
    con.execute("update model_state set digest = 'an older release'")
    con.close()
    con = db.connect(path)
    repeats = con.execute("select inspection_id, item_code from fives_item_facts where is_repeat").fetchall()
    assert repeats == [(5, "A1")]  # I2's A1 failed on 20 January and again at I5 on 3 February
    con.close()
