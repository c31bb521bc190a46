"""The benchmark's 5S case: the pandas twin gives the same figures as the page's DuckDB queries."""

from __future__ import annotations

import math

import duckdb
import pandas as pd
import pytest

from bench import cases_fives as cf
from bench import registry, run
from portal import db, demo


@pytest.fixture(scope="module")
def demo_con(tmp_path_factory):
    con = db.connect(tmp_path_factory.mktemp("fivesbench") / "d.duckdb")
    demo.generate(con, scale=0.05, seed=5)
    yield con
    con.close()


def _close(a, b) -> bool:
    def missing(v):
        return v is None or (isinstance(v, float) and math.isnan(v))

    if missing(a) or missing(b):
        return missing(a) and missing(b)
    return a == pytest.approx(b, rel=1e-9, abs=1e-9)


def test_the_case_is_registered():
    registry.load_cases()
    case = registry.CASES["fives_page"]
    assert case.kind == "page" and case.pandas_fn is not None


def test_pandas_twin_equals_duckdb(demo_con):
    expected = cf.normalise(cf.fives_views_duckdb(demo_con))
    got = cf.fives_views_pandas(run.load_frames(demo_con))
    assert expected["headline"]["chain_overall"][1] > 5, "the demo data should have inspections in the period"
    for key, values in expected["headline"].items():
        assert all(_close(a, b) for a, b in zip(values, got["headline"][key], strict=True)), (
            key,
            values,
            got["headline"][key],
        )
    for part in ("heatmap", "chain", "ranking", "trend", "consistency", "loop"):
        mine = (
            got[part][expected[part].columns]
            .sort_values(list(expected[part].columns[:2]))
            .reset_index(drop=True)
        )
        theirs = expected[part].sort_values(list(expected[part].columns[:2])).reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, theirs, check_dtype=False, obj=part)
    assert got["repeats"] == expected["repeats"]


def test_the_page_case_and_its_twin_compute_the_first_paint_only(demo_con):
    # session 40: the case times what pages/fives.py computes when it opens (headline, ranking, heat map), not the
    # six views and the action loop it never reads at once; its twin computes the same, and no more
    expected = cf.normalise(cf.fives_page_duckdb(demo_con))
    got = cf.fives_page_pandas(run.load_frames(demo_con))
    assert set(expected) == set(got) == {"headline", "heatmap", "chain", "ranking"}
    for key, values in expected["headline"].items():
        assert all(_close(a, b) for a, b in zip(values, got["headline"][key], strict=True)), key
    for part in ("heatmap", "chain", "ranking"):
        keys = list(expected[part].columns[:2])
        mine = got[part][expected[part].columns].sort_values(keys).reset_index(drop=True)
        theirs = expected[part].sort_values(keys).reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, theirs, check_dtype=False, obj=part)
    registry.load_cases()
    for name in ("fives_tab_store", "fives_tab_inspectors", "fives_tab_repeats", "fives_actions_page"):
        assert registry.CASES[name].kind == "page", name


def test_twin_counts_the_same_judged_stores_on_a_lower_low_confidence_n(demo_con):
    # the demo inspects monthly: three inspections a store in the 90 days, none judged on the default 5 (the
    # headline then has no data); on 2 both count the failing stores among those with at least 2 inspections
    from portal import settings

    settings.put(demo_con.cursor(), "fives_low_confidence_n", 2, "test")
    try:
        expected = cf.normalise(cf.fives_views_duckdb(demo_con))["headline"]["failing_stores"]
        got = cf.fives_views_pandas(run.load_frames(demo_con))["headline"]["failing_stores"]
    finally:
        settings.put(demo_con.cursor(), "fives_low_confidence_n", 5, "test")
    assert expected[1] > 0, "some stores should be judged on 2 inspections"
    assert all(_close(a, b) for a, b in zip(expected, got, strict=True)), (expected, got)


def _keep_only(con, where: str) -> None:
    """Delete the inspections ``where`` does not keep (their item scores and actions too) and bring the stored 5S
    facts in step, as a write path does."""
    from portal.writes.fives import refresh_fives_facts

    gone = f"select inspection_id from fives_inspections where not ({where})"  # noqa: S608 - the test's own clauses
    for table in ("fives_item_scores", "corrective_actions"):
        con.execute(f"delete from {table} where inspection_id in ({gone})")  # noqa: S608
    con.execute(f"delete from fives_inspections where inspection_id in ({gone})")  # noqa: S608
    con.execute("begin")
    refresh_fives_facts(con, everything=True)
    con.execute("commit")


def _compare(con) -> tuple[dict, dict]:
    expected = cf.normalise(cf.fives_views_duckdb(con))
    got = cf.fives_views_pandas(run.load_frames(con))
    for key, values in expected["headline"].items():
        assert all(_close(a, b) for a, b in zip(values, got["headline"][key], strict=True)), (
            key,
            values,
            got["headline"][key],
        )
    for part in ("ranking", "loop"):
        # a store under the low-confidence n has no band: None in the twin's column, <NA> in the portal's
        mine = got[part][expected[part].columns].sort_values("store_id").reset_index(drop=True)
        theirs = expected[part].sort_values("store_id").reset_index(drop=True)
        if "band" in theirs:
            mine["band"], theirs["band"] = mine["band"].astype("string"), theirs["band"].astype("string")
        pd.testing.assert_frame_equal(mine, theirs, check_dtype=False, obj=part)
    return expected, got


def test_the_twin_counts_repeats_on_the_failed_items_that_could_repeat(tmp_path):
    """Session 37's probe: the twin counted every failed item of the period as the repeat n and never said "no data";
    the portal counts the failed items of inspections with a previous one (repeat_basis_n), and a store without an
    earlier inspection has no repeat figure. Fixture: the demo with one store's inspections before the period gone
    (its first one in the period, with failed items, has none before it; a later one has failed items too) and the
    next store left with its last inspection alone."""
    from portal.filters import default_filters

    con = db.connect(tmp_path / "d.duckdb")
    demo.generate(con, scale=0.02, seed=5)
    start = default_filters().start
    failed = con.execute(  # per store: failed items of its first inspection in the period, and of all of them
        "with n as (select i.store_id, i.inspection_id, i.inspected_on, count(*) filter (where f.is_failed) as n "
        "from fives_inspections as i join fives_item_facts as f using (inspection_id) "
        "where i.inspected_on >= ? group by all), "
        "k as (select *, row_number() over (partition by store_id order by inspected_on, inspection_id) as k from n) "
        "select store_id, sum(n) filter (where k = 1), sum(n) from k group by 1 "
        "having sum(n) filter (where k = 1) > 0 and sum(n) filter (where k > 1) > 0 order by 1 limit 1",
        [start],
    ).fetchone()
    store, first_failed, period_failed = failed
    alone = store + 1 if store < 60 else 1
    _keep_only(
        con,
        f"(store_id <> {store} or inspected_on >= date '{start}') and (store_id <> {alone} or inspection_id = "  # noqa: S608
        f"(select max(inspection_id) from fives_inspections where store_id = {alone}))",
    )
    expected, _ = _compare(con)
    ranking = expected["ranking"].set_index("store_id")
    assert math.isnan(ranking.loc[alone, "repeat_findings_n"]) and math.isnan(
        ranking.loc[alone, "repeat_basis_n"]
    )
    # the twin's n before: every failed item of the store's inspections in the period
    assert ranking.loc[store, "repeat_basis_n"] == period_failed - first_failed
    # no store has an earlier inspection: the repeat figure is "no data" in both, its n 0
    _keep_only(con, "inspection_id in (select max(inspection_id) from fives_inspections group by store_id)")
    expected, _ = _compare(con)
    assert expected["headline"]["repeat_findings"][:2] == (None, 0)
    con.close()


def test_the_sql_side_fetches_each_result_as_the_page_does(demo_con, monkeypatch):
    # session 40 review: the sql side read every result as an Arrow table while the page reads the settings and a
    # `-- result: rows` query with fetchall and a `-- result: small` one with fetchnumpy (a flattered page/sql)
    sent = run.recorded_fetches(demo_con, cf.fives_page_duckdb)
    # the settings and the reporting zone (the stores' zone: the demo sets none) as the page's snapshot reads them
    names = [
        "settings",
        "stores' zone",
        "fives_headline",
        "fives_store_ranking",
        "fives_store_section_heatmap",
    ]
    expected = ["fetchall", "fetchone", "fetchall", "fetchnumpy", "fetchnumpy"]
    assert [fetch for _, _, fetch in sent] == expected, names
    assert run.recorded_statements(demo_con, cf.fives_page_duckdb) == [(sql, p) for sql, p, _ in sent]
    done: list[str] = []
    for fetch in ("fetchall", "fetchone", "fetchnumpy", "to_arrow_table"):
        real = getattr(duckdb.DuckDBPyConnection, fetch)

        def spy(self, *args, fetch=fetch, real=real):
            done.append(fetch)
            return real(self, *args)

        monkeypatch.setattr(duckdb.DuckDBPyConnection, fetch, spy)
    run.replay(demo_con, sent)
    assert done == expected
