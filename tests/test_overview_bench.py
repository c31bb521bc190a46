"""The overview's pandas twin (bench/cases_overview.py) computes what the landing page computes: its 5S and
scorecard rows raise the same alerts as the DuckDB overview, and its 5S headline is the overview's."""

from __future__ import annotations

import pytest

from bench import cases_overview
from bench.run import load_frames
from portal import demo, kpi
from portal.overview import figures as overview
from portal.scope import Scope
from portal.writes.fives import refresh_fives_facts
from tests import fixtures


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    con = fixtures.fresh_db(tmp_path_factory.mktemp("overview_bench") / "demo.duckdb")
    demo.generate(con, scale=0.02, seed=5)
    window = cases_overview.window_for(cases_overview._now())
    # a store whose first inspection ever lies in the window, with a repeat found later in it: its repeat alert
    # rests on fewer inspections than the window holds (acc2759), so a twin counting them wrong shows
    first = window.weeks[0]
    store = con.execute(
        "select min(store_id) from fives_item_facts where is_repeat and inspected_on >= ? "
        "and previous_inspected_on >= ?",
        [first, first],
    ).fetchone()[0]
    gone = f"select inspection_id from fives_inspections where store_id = {store} and inspected_on < ?"  # noqa: S608
    for table in ("fives_item_scores", "corrective_actions", "fives_inspections"):
        con.execute(f"delete from {table} where inspection_id in ({gone})", [first])  # noqa: S608
    con.execute("begin")
    refresh_fives_facts(con, everything=True)
    con.execute("commit")
    duck = overview.figures(kpi.runner(con, Scope.everything()), window, con)
    frames = load_frames(con)
    con.close()
    return duck, cases_overview.fives_pandas(frames, window), cases_overview.scorecards_pandas(frames, window)


def _keys(alerts, area):
    # extra: what an alert's words name beside its n (a repeat alert's inspections, a failing band's latest day)
    return sorted(
        (a.condition_key, a.fingerprint, round(a.value or 0, 6), a.n, a.extra)
        for a in alerts
        if a.area == area
    )


def test_fives_alerts_and_headline_agree(both):
    duck, fives, _ = both
    assert _keys(fives["alerts"], "fives") == _keys(duck.alerts, "fives")
    assert _keys(duck.alerts, "fives")  # the demo raises some: the comparison is not of two empty lists
    assert any(a.extra for a in duck.alerts if a.area == "fives")  # and some name their inspections
    head = {f.key: f for f in duck.area("fives").figures}
    assert fives["headline"]["n"] == head["chain_overall"].n
    assert fives["headline"]["overall"] == pytest.approx(head["chain_overall"].value)
    assert fives["headline"]["repeats"] == head["repeat_findings"].value
    # stores failing: counted only on at least the 5S low-confidence n of inspections in the window
    failing = head["failing_stores"]
    assert (fives["headline"]["failing"], fives["headline"]["judged"]) == (failing.value, failing.n)
    assert fives["headline"]["stores"] - fives["headline"]["judged"] == failing.extra["unjudged_stores"]


def test_scorecard_alerts_and_headline_agree(both):
    duck, _, cards = both
    assert _keys(cards["alerts"], "scorecard") == _keys(duck.alerts, "scorecard")
    duck_head = duck.area("scorecard")
    assert cards["headline"] and duck_head is not None  # the demo has agents with scorecards
    assert [(f.key, f.value, f.n) for f in cards["headline"]] == [
        (f.key, f.value, f.n) for f in (duck_head.figures if duck_head else ())
    ]
