"""QA-review files whose review id stands on a review's first row only (Excel's merged id cells saved to CSV):
the rows below take it (portal/qa/kind.py, portal/qa/form.fill_review_ids)."""

from __future__ import annotations

import pandas as pd

from portal.qa import form
from tests.test_qa_import import HEADER, errors, run, scores


def test_a_blank_review_id_below_a_reviews_first_row_continues_that_review(con):
    # refused as "A value is required", "no agent code", "no date" and a false total mismatch, 100 (probe)
    text = HEADER + "QB-1,A001,2024-10-21,Quinn,70,greeting,5,5,1,no,ok\n,,,,,solution,6,10,3,no,\n"
    # (one review of two criteria: 5/5 w1, 6/10 w3 -> (100 + 180) / 4 = 70)
    prepared, result = run(con, text)
    assert errors(prepared) == []
    assert list(prepared.values["review_id"]) == ["QB-1", "QB-1"]
    assert (result.rows_in_file, result.rows_added) == (2, 1)
    assert scores(con) == [("QB-1", 70.0, 2, False, 70.0)]


def test_a_blank_review_id_is_required_on_a_row_that_is_no_continuation(con):
    text = HEADER + (
        ",A001,2024-10-21,Quinn,70,,,,,,\n"  # a review of its own without an id
        ",,,,,greet,5,5,1,,\n"  # below a row without an id: nothing to continue
        "QB-2,A002,2024-10-22,Quinn,80,,,,,,\n"
        ",A002,,,,greet,4,5,1,,\n"  # a review column given: not a continuation
    )
    prepared, _ = run(con, text, skip_invalid=True)
    required = prepared.errors[prepared.errors["reason"] == "ingest.error.required"]
    assert list(required["row"]) == [2, 3, 5] and set(required["column"]) == {"review_id"}
    assert [r[0] for r in scores(con)] == ["QB-2"]


def test_fill_review_ids_takes_the_row_above_and_stops_at_a_row_without_one():
    ids = pd.Series(["R1", None, None, None, None, "R2", None], dtype=object)
    continuation = pd.Series([False, True, True, False, True, False, True])
    assert list(form.fill_review_ids(ids, continuation)) == ["R1", "R1", "R1", None, None, "R2", "R2"]


def test_a_criterions_remark_continues_the_review_and_is_gathered_into_its_comment(con):
    """A helper's probe: a 质检表 with the review's cells on its first row only and a remark (备注) beside its
    second criterion made that row a review of its own (no id, no agent, no date), and a file of such reviews with
    different maxima and no weights crashed (a traceback). The remarks now are the review's comment, each after
    its criterion where the review has several; one remark, however many rows repeat it, is the comment alone."""
    text = HEADER + (
        "QC-1,A001,2024-10-21,Quinn,,greet,8,10,10,no,too fast\n"
        ",,,,,solve,50,60,60,no,policy explained wrong\n"
        ",,,,,close,30,30,30,no,\n"
        "QC-2,A002,2024-10-22,Quinn,,greet,10,10,10,no,\n"
        ",,,,,solve,60,60,60,no,no thanks\n"
        "QC-3,A001,2024-10-23,Quinn,,greet,10,10,10,no,fine\n"
        ",,,,,solve,60,60,60,no,fine\n"
    )
    prepared, result = run(con, text)
    assert errors(prepared) == [] and result.rows_added == 3
    comments = con.execute("select source_id, comment from qa_reviews order by 1").fetchall()
    assert comments == [
        ("QC-1", "greet: too fast; solve: policy explained wrong"),
        ("QC-2", "no thanks"),
        ("QC-3", "fine"),
    ]
    # (QC-1 by its weights: 100 x (8 + 50 + 30) / 100 = 88)
    assert scores(con)[0][:2] == ("QC-1", 88.0)


def test_mixed_maxima_without_weights_beside_a_row_of_no_review_is_refused_not_a_crash(con):
    # the probe's traceback ("cannot convert float NaN to bool"): a row whose review id stays blank (it continues
    # nothing: a review cell is given) beside reviews of different maxima and no weights
    text = HEADER + (
        "QD-1,A001,2024-10-21,Quinn,,greet,8,10,,no,\n,,,,,solve,50,60,,no,\n,A002,,,,close,30,30,,no,\n"
    )
    from portal.ingest import pipeline
    from tests.test_qa_import import ADMIN, KIND, NOW

    raw = pipeline.read(con, KIND, text.encode(), "qa.csv")
    prepared = pipeline.prepare(con, KIND, raw, None, pipeline.ImportOptions(now=NOW), ADMIN)
    assert (4, "ingest.error.required") in errors(prepared)
