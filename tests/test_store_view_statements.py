"""The store view computes what it shows (issue 14): the areas' headline figures and series of the store, its region
and the chain, but not the alerts the overview lists nor what only they and the brief read: the 5S source's store
ranking, overdue actions per store and repeat findings (three statements a side) and the complaints' per-store
series and SLA breaches. The overview still raises them.

On tests/fives_fixture.py (S001, S002 in North, S003 in South), the overview's twelve weeks to 15 Feb 2026: S001's
three inspections (mean 53.009; I2 and I5 opened 4 actions, 2 overdue; one repeat finding at I5), S002 one (1 action,
overdue) and S003 one. No complaints or surveys: those areas show their tiles with n = 0.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import pytest

from portal import db, kpi
from portal.overview import figures as overview
from portal.overview import store as store_view
from portal.overview.sources import gather, window_for
from portal.scope import Scope
from tests import fives_fixture, fixtures

WINDOW = window_for(datetime(2026, 2, 16, 12), timezone="UTC")  # weeks 24 Nov 2025 .. 15 Feb 2026
AREAS = ("complaints", "sat", "fives")
ALERT_QUERIES = ("overview_store_actions", "fives_store_ranking", "fives_repeat_findings")


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    con = fixtures.build_fixture_db(tmp_path_factory.mktemp("store_statements") / "store.duckdb")
    fives_fixture.load(con)
    yield con
    con.close()


def _counting(con, names: Counter):
    run = kpi.runner(con, Scope.everything())

    def counted(name, params):
        names[name] += 1
        return run(name, params)

    return counted


def _view(con, names: Counter):
    row = store_view.find_store(db.run_query(con, "filter_stores", {}, Scope.everything()), "S001")
    return store_view.store_view(
        _counting(con, names), WINDOW, con, row, date(2026, 2, 16), AREAS, Scope.everything()
    )


def test_the_store_view_runs_no_statement_of_the_alerts(con):
    names: Counter = Counter()
    view = _view(con, names)
    assert [names[q] for q in ALERT_QUERIES] == [0, 0, 0]  # were 3, 3 and 3
    assert [a.area for a in view.store] == ["complaints", "sat", "fives"]
    assert [a.alerts for a in (*view.store, *view.region, *view.chain)] == [()] * 9
    assert "stores" not in view.store[0].context  # the brief's, never read by the view
    fives = {f.key: (f.value, f.n) for f in view.store[2].figures}
    assert fives["chain_overall"] == (pytest.approx(53.00925925925926), 3)
    assert fives["overdue_actions"] == (2, 4)


def test_its_figures_and_series_are_those_the_overview_computes(con):
    view = _view(con, Counter())
    run = kpi.runner(con, Scope.everything())
    for side, window in (
        (view.store, WINDOW.narrowed("store", [1])),
        (view.region, WINDOW.narrowed("region", [1])),
        (view.chain, WINDOW),
    ):
        full = gather(run, window, con, AREAS)
        assert [a.figures for a in side] == [a.figures for a in full]
        assert [a.series for a in side] == [tuple(s for s in a.series if s.store is None) for a in full]
        assert [a.coverage for a in side] == [a.coverage for a in full]


def test_the_overview_still_raises_the_5s_store_alerts(con):
    figs = overview.figures(kpi.runner(con, Scope.everything()), WINDOW, con, AREAS)
    raised = sorted((a.kind, a.store) for a in figs.alerts if a.area == "fives")
    assert raised == [("fives_overdue", "S001"), ("fives_overdue", "S002"), ("fives_repeat", "S001")]
