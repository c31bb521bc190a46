"""The QA reviews page's bench case: the pandas twin gives the DuckDB figure set's numbers on demo data."""

from __future__ import annotations

from datetime import datetime

from bench import cases_qa, run
from portal import db, demo


def test_pandas_twin_equals_duckdb(tmp_path):
    con = db.connect(tmp_path / "bench.duckdb")
    demo.generate(con, scale=0.02, seed=5, as_of=datetime.now())
    # a critical failure on a recent review, so the twin's critical rule is exercised too
    con.execute(
        "insert into qa_review_criteria (qa_review_id, criterion_code, score, max_score, weight, is_critical) "
        "select max(qa_review_id), 'verify', 0, 1, 1, true from qa_reviews"
    )
    figs = cases_qa.qa_reviews_page_duckdb(con)
    expected = cases_qa.normalise(figs)
    got = cases_qa.qa_reviews_page_pandas(run.load_frames(con))
    assert expected["reviews"] and expected["open_disputes"] > 0 and expected["sign_offs"] > 0
    assert any(s == 0.0 for _, s, _ in expected["reviews"])
    assert got == expected
    con.close()
