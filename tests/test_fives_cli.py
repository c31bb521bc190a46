"""``python -m portal kpi 5s``: the hand-worked fixture's January figures as JSON, text and CSV; exit codes."""

from __future__ import annotations

import json

import pytest

from portal import cli
from tests import fives_fixture, fixtures

JANUARY = ["--from", "2026-01-01", "--to", "2026-01-31"]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("fivescli") / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    fives_fixture.load(con)
    con.close()
    return path


@pytest.fixture
def run(db_path, monkeypatch, capsys):
    monkeypatch.setenv("PORTAL_DB", str(db_path))

    def run_(*argv):
        code = cli.main(["kpi", "5s", *argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run_


def test_json_figures_of_january(run):
    code, out, _ = run(*JANUARY, "--json")
    assert code == 0
    data = json.loads(out)
    overall = data["headline"]["chain_overall"]
    # (77.778 + 22.917 + 60 + 100) / 4 = 65.174, on 4 inspections: low confidence, so no band is given
    assert (overall["value"], overall["n"], overall["status"], overall["band"]) == (
        pytest.approx(65.1736, abs=1e-3),
        4,
        "low_confidence",
        None,
    )
    # S001 failing on two inspections, S002 and S003 on one: none judged on fewer than 5 (SPEC §3)
    failing = data["headline"]["failing_stores"]
    assert (failing["value"], failing["n"], failing["unjudged_stores_n"], failing["no_data_reason"]) == (
        None,
        0,
        3,
        "no store has enough inspections in this period to be judged",
    )
    assert [s["store_code"] for s in data["stores"]] == ["S003", "S002", "S001"]
    s001 = data["stores"][2]
    assert (s001["band"], s001["is_low_confidence"]) == (None, True)  # two inspections: not judged
    assert s001["sections"] == {"sort": pytest.approx(76.04, abs=0.01), "shine": 37.5}
    assert data["stores"][1]["sections"]["shine"] is None  # S002's shine had nothing applicable: null, not 0
    alice = next(i for i in data["inspectors"] if i["inspector"] == "alice")
    assert alice["difference_pp"] == pytest.approx(54.86, abs=0.01)


def test_store_filter_text_and_csv(run):
    code, out, _ = run(*JANUARY, "--store", "S003")
    assert code == 0
    assert "Overall 5S score: 100.0% (n = 1 inspections" in out
    code, out, _ = run(*JANUARY, "--region", "North", "--csv")
    lines = out.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("rank,store_id,store_code")
    assert [ln.split(",")[2] for ln in lines[1:]] == ["S002", "S001"]


def test_unknown_store_and_bad_range(run):
    code, out, err = run("--store", "S999")
    assert (code, out) == (1, "")
    assert "unknown store 'S999'" in err
    code, _, err = run("--from", "2026-02-01", "--to", "2026-01-01")
    assert code == 2


def test_json_carries_the_pages_trend(run):
    # 5S probe: the page's "overall % by month" was not in kpi 5s --json (SPEC: every dashboard's figures)
    data = json.loads(run(*JANUARY, "--json")[1])
    chain = [row for row in data["trend"] if row["store_code"] is None]
    # the four January inspections: (77.778 + 22.917 + 60 + 100) / 4, as the headline
    assert [(r["month"], r["inspections_n"]) for r in chain] == [("2026-01", 4)]
    assert chain[0]["mean_pct"] == pytest.approx(65.17, abs=0.01)
    s003 = [row for row in data["trend"] if row["store_code"] == "S003"]
    assert [(r["month"], r["mean_pct"], r["inspections_n"]) for r in s003] == [("2026-01", 100.0, 1)]


def test_text_says_no_data_and_why_for_a_period_without_inspections(run):
    # probe h4: "Overall 5S score: -% (n = 0 inspections, no_data)", "Stores failing: - of 0", "Repeat findings: -
    # (of 0 failed items)"; README (Command line): a figure without data prints "no data: " and the reason
    code, out, _ = run("--from", "2026-03-01", "--to", "2026-03-31")
    assert code == 0
    lines = out.splitlines()
    assert lines[1:5] == [
        "Overall 5S score: no data: no inspection in this period",
        "Stores failing: no data: no inspection in this period",
        "Open actions now: 5 (n = 5 actions), overdue 5 (n = 5 not yet verified)",
        "Repeat findings: no data: no inspection in this period",
    ]


def test_open_and_overdue_actions_are_counted_now_with_no_change_and_no_note(run):
    # counted as of today, whatever the period: no previous period to compare with, so no note about one (JSON
    # said "No change is shown: the data in your scope holds nothing of the previous period" for them)
    head = json.loads(run(*JANUARY, "--json")[1])["headline"]
    for key in ("open_actions", "overdue_actions"):
        now = head[key]
        assert (now["change"], now["change_note"], now["previous_covered_from"], now["in_progress"]) == (
            None,
            None,
            None,
            False,
        )
    assert head["open_actions"]["value"] == 5  # I2 A1, B1; I3 C2; I5 A1, B2: none verified
    # the period's figures keep their note: the fixture's inspections begin after December 2025's first day
    assert head["chain_overall"]["change_note"].startswith("No change is shown")


def test_lang_zh_prints_the_text_in_chinese_and_keeps_the_json_keys(run):
    # `kpi 5s --lang zh` was refused ("unrecognized arguments"); the text now has the 5S page's words
    code, out, err = run(*JANUARY, "--lang", "zh")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "5S管理 2026-01-01 至 2026-01-31(上一周期 2025-12-01 至 2025-12-31)"
    assert "5S总得分：65.2%(n = 4 次检查，样本不足)" in lines
    # every count with its n: the five actions the fixture's inspections opened, none verified, all past due
    assert "当前未关闭整改：5(n = 5 项整改措施)，逾期 5(n = 5 项尚未验证)" in lines
    assert "  #3 S001 50.4% ◌ 样本不足(n = 2)" in lines
    code, out, _ = run(*JANUARY, "--json", "--lang", "zh")
    failing = json.loads(out)["headline"]["failing_stores"]
    assert failing["no_data_reason"] == "本周期内没有门店的检查次数足以评定等级"


def test_text_says_no_data_and_why_for_a_store_whose_items_were_all_not_applicable(
    tmp_path, monkeypatch, capsys
):
    # sparse-data probe: a store whose only inspection marked every item N/A printed "#None S001 -% None (n = 0)"
    from datetime import date

    path = tmp_path / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    fives_fixture.load_templates(con)
    fives_fixture.load_users(con)
    na = fives_fixture.NA
    fives_fixture.load_inspections(
        con,
        [
            (1, 1, 10, date(2026, 4, 6), "alice", {"A1": na, "A2": na, "A3": na, "B1": na, "B2": na}),
            (2, 2, 11, date(2026, 4, 7), "bob", {"C1": 5, "C2": 3, "D1": na}),
        ],
    )
    con.close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    assert cli.main(["kpi", "5s", "--from", "2026-04-01", "--to", "2026-04-30"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # S002: sort (5 + 3) / (5 + 5) = 80%, shine all N/A (no section %): 80.0% on one inspection
    assert lines[-2] == "  #1 S002 80.0% ◌ low confidence (n = 1)"
    assert lines[-1] == "  #- S001 no data: every item inspected in this period was marked N/A"


def test_the_action_counts_show_the_n_each_rests_on(tmp_path, monkeypatch, capsys):
    """The probe: "Open actions now: 215, overdue 175", the counts without their n (the tiles show n = the
    selected stores' actions, and n = those not yet verified). The fixture's five actions (I2 A1, B1; I3 C2; I5
    A1, B2), one verified and one due in 30 days: open 4 of 5, overdue 3 of the 4 open."""
    from datetime import date, timedelta

    path = tmp_path / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    fives_fixture.load(con)
    ids = [r[0] for r in con.execute("select action_id from corrective_actions order by 1").fetchall()]
    assert len(ids) == 5
    con.execute(
        "update corrective_actions set status = 'verified', closed_at = now(), verified_at = now() "
        "where action_id = ?",
        [ids[0]],
    )
    con.execute(
        "update corrective_actions set due_on = ? where action_id = ?", [date.today() + timedelta(30), ids[1]]
    )
    con.close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    assert cli.main(["kpi", "5s", *JANUARY]) == 0
    assert (
        "Open actions now: 4 (n = 5 actions), overdue 3 (n = 4 not yet verified)" in capsys.readouterr().out
    )


def test_repeat_findings_are_no_data_for_a_store_without_an_earlier_inspection(run):
    """A repeat is the same item failed in two consecutive inspections of a store: a store's first inspection
    has none to repeat. January (hand-worked fixture): S001 was inspected on the 5th and the 20th (the 20th's
    failed A1 and B1 had passed on the 5th: 0 repeats, a real 0); S002 (the 10th) and S003 (the 12th) were
    inspected once, ever: no data, where the ranking said 0. S002 alone: the tile says no data and why."""
    stores = {s["store_code"]: s for s in json.loads(run(*JANUARY, "--json")[1])["stores"]}
    assert {c: s["repeat_findings_n"] for c, s in stores.items()} == {"S001": 0, "S002": None, "S003": None}
    loop = {s["store_code"]: s for s in json.loads(run(*JANUARY, "--json")[1])["action_loop"]}
    assert {c: s["repeat_findings_n"] for c, s in loop.items()} == {"S001": 0, "S002": None, "S003": None}
    code, out, _ = run(*JANUARY, "--store", "S002")
    assert code == 0
    assert (
        "Repeat findings: no data: a repeat needs an earlier inspection of the store, and none of this period's "
        "inspections has one"
    ) in out.splitlines()
    head = json.loads(run(*JANUARY, "--json")[1])["headline"]["repeat_findings"]
    # the selection has a judged inspection (S001 on the 20th): a real 0, of the 2 failed items that could repeat
    # (I2 A1, B1; not I3's C2, S002's first inspection ever)
    assert (head["value"], head["n"], head["no_data_reason"]) == (0, 2, None)
    assert "(of 2 failed items that could repeat: their inspection had an earlier one)" in run(*JANUARY)[1]


def test_a_stores_repeat_findings_carry_their_n(tmp_path, monkeypatch, capsys):
    """SPEC §3: every figure shows the n it rests on. A store's repeat findings rest on the failed items that could
    repeat (those of an inspection with an earlier one; the 5S tile's n), not on every failed item of the period,
    which the ranking showed beside them alone: S001's first inspection ever (2026-09-05) fails A1, the next
    (2026-10-05) fails A1 again and B2: 3 failed items, 1 repeat of the 2 that could repeat."""
    from datetime import date

    from portal import db
    from portal.fives import display
    from portal.scope import Scope

    path = tmp_path / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    fives_fixture.load_templates(con)
    first = {"A1": 1, "A2": 4, "A3": 4, "B1": 4, "B2": 4}
    second = {"A1": 0, "A2": 4, "A3": 4, "B1": 4, "B2": 1}
    rows = [(40, 1, 10, date(2026, 9, 5), "alice", first), (41, 1, 10, date(2026, 10, 5), "alice", second)]
    fives_fixture.load_inspections(con, rows, open_actions=False)
    params = {"start_on": date(2026, 9, 1), "end_on": date(2026, 10, 31), "region_ids": [], "store_ids": []}
    params |= {"excellent_min": 90.0, "good_min": 80.0, "needs_improvement_min": 60.0, "lang": "en"}
    ranking = db.run_query(con, "fives_store_ranking", params, Scope.everything())
    con.close()
    for lang, columns in (
        ("en", ["Failed items", "Repeat findings", "Repeat findings n"]),
        ("zh", ["不合格项", "重复问题", "重复问题 n"]),
    ):
        assert display.ranking_table(ranking, lang)[columns].values.tolist() == [[3, 1, 2]]
    monkeypatch.setenv("PORTAL_DB", str(path))
    assert cli.main(["kpi", "5s", "--from", "2026-09-01", "--to", "2026-10-31", "--json"]) == 0
    (store,) = json.loads(capsys.readouterr().out)["stores"]
    assert (store["failed_items_n"], store["repeat_findings_n"], store["repeat_basis_n"]) == (3, 1, 2)
    assert cli.main(["kpi", "5s", "--from", "2026-09-01", "--to", "2026-10-31", "--csv"]) == 0
    header, line = capsys.readouterr().out.lstrip("\ufeff").splitlines()[:2]
    shown = dict(zip(header.split(","), line.split(","), strict=True))
    assert (shown["failed_items_n"], shown["repeat_findings_n"], shown["repeat_basis_n"]) == ("3", "1", "2")


def test_json_trend_says_which_months_are_partial_or_in_progress(run, monkeypatch):
    # review of 68459e3: the page draws a month only partly in the period (and the month in progress) apart, the
    # JSON gave its mean as any other month's; 15 Jan to 28 Feb holds 17 of January's 31 days and all February
    data = json.loads(run("--from", "2026-01-15", "--to", "2026-02-28", "--json")[1])
    chain = [row for row in data["trend"] if row["store_code"] is None]
    keys = ("month", "is_in_progress", "is_partial_month", "days_in_period", "month_days")
    assert [tuple(r[k] for k in keys) for r in chain] == [
        ("2026-01", False, True, 17, 31),
        ("2026-02", False, False, 28, 28),
    ]
    # the figures' today on 10 Feb: February is under way (as of the JSON's "today"), not a partial month
    from datetime import date

    from portal.fives import figures

    monkeypatch.setattr(figures, "today_in", lambda zone=None: date(2026, 2, 10))
    data = json.loads(run("--from", "2026-01-15", "--to", "2026-02-28", "--json")[1])
    assert data["period"]["today"] == "2026-02-10"
    chain = [row for row in data["trend"] if row["store_code"] is None]
    assert [tuple(r[k] for k in keys) for r in chain] == [
        ("2026-01", False, True, 17, 31),
        ("2026-02", True, False, 28, 28),
    ]
