"""The scorecards bench case: the pandas twin gives the same cards as DuckDB on demo data."""

from datetime import datetime

import pandas as pd

from bench import cases_scorecards, run
from portal import db, demo
from portal.scorecards import periods


def test_pandas_twin_equals_duckdb(tmp_path):
    con = db.connect(tmp_path / "b.duckdb")
    demo.generate(con, scale=0.3, seed=5, as_of=datetime(2026, 1, 10, 12, 0))
    period, now = periods.parse("2025-12"), datetime(2026, 1, 10, 12, 0)
    expected = cases_scorecards.normalise(cases_scorecards.scorecards_page_duckdb(con, period, now))
    got = cases_scorecards.normalise(
        cases_scorecards.scorecards_page_pandas(run.load_frames(con), period, now)
    )
    con.close()
    assert len(expected) > 100 and expected["composite"].notna().sum() > 20
    pd.testing.assert_frame_equal(got, expected, check_dtype=False, atol=1e-9)
