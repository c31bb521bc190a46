"""The benchmark's 5S case: the pandas twin gives the same figures as the page's DuckDB queries."""

from __future__ import annotations

import math

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
    expected = cf.normalise(cf.fives_page_duckdb(demo_con))
    got = cf.fives_page_pandas(run.load_frames(demo_con))
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


def test_twin_counts_the_same_judged_stores_on_a_lower_low_confidence_n(demo_con):
    # the demo inspects monthly: three inspections a store in the 90 days, none judged on the default 5 (the
    # headline then has no data); on 2 both count the failing stores among those with at least 2 inspections
    from portal import settings

    settings.put(demo_con.cursor(), "fives_low_confidence_n", 2, "test")
    try:
        expected = cf.normalise(cf.fives_page_duckdb(demo_con))["headline"]["failing_stores"]
        got = cf.fives_page_pandas(run.load_frames(demo_con))["headline"]["failing_stores"]
    finally:
        settings.put(demo_con.cursor(), "fives_low_confidence_n", 5, "test")
    assert expected[1] > 0, "some stores should be judged on 2 inspections"
    assert all(_close(a, b) for a, b in zip(expected, got, strict=True)), (expected, got)
