"""Criteria with different maximum scores and no weights (a 质检表's 问候 10, 业务 60, 流程 30): read as points (the
sum of the scores over the sum of the maxima) and with equal weights (the mean of the percentages) the review gets
two scores; where they differ the review is refused naming both, never stored with one of them unsaid
(portal/qa/form.py's unweighted_mixed_maxima). Equal maxima, weights in the file, or an overall score in the file
that agrees with the equal weights are read as before."""

from __future__ import annotations

import pytest

from portal.ingest import pipeline
from tests.test_qa_import import run

HEADER = "质检编号,工号,质检日期,评分项,评分项得分,满分\n"
# Q1: 10/10, 20/60, 30/30 -> as points 60 / 100 = 60; with equal weights (100 + 33.33 + 100) / 3 = 77.78
# Q2: 4/5, 3/5 -> either way 7 / 10 = (80 + 60) / 2 = 70
FILE = HEADER + (
    "Q1,A001,2026-10-03,问候,10,10\nQ1,,,业务,20,60\nQ1,,,流程,30,30\nQ2,A002,2026-10-04,问候,4,5\nQ2,,,业务,3,5\n"
)


def stored(con):
    return con.execute("select source_id, score from qa_reviews order by source_id").fetchall()


def test_criteria_of_different_maxima_without_weights_are_refused_naming_both_readings(con):
    # before: Q1 stored as 77.78 (equal weights), the sheet's own 60 unsaid
    with pytest.raises(pipeline.NothingWritten) as refused:
        run(con, FILE)
    prepared = refused.value.prepared
    shown = prepared.error_messages("en")
    assert shown[["row", "column", "reason"]].values.tolist()[0] == [
        2,
        "Weight",
        "the criteria have different maximum scores (10, 60, 30) and no weights: as points (the sum of the scores "
        "over the sum of the maxima) the review scores 60, with equal weights 77.78, and which the form means "
        "cannot be told: give each criterion its weight (its maximum score, for points)",
    ]
    assert prepared.error_messages("zh")["reason"].tolist()[0] == (
        "各评分项满分不同(10、60、30)且未给出权重：按分值累计(得分之和除以满分之和)该质检为 60 分，按等权重为 77.78 分，"
        "无法判断表单采用哪种算法：请为每个评分项填写权重(按分值累计时，权重即其满分)"
    )
    assert sorted(set(shown["row"])) == [2, 3, 4]  # the review is left out whole
    _, result = run(con, FILE, name="skip.csv", skip_invalid=True)
    assert stored(con) == [("Q2", 70.0)] and result.rows_skipped == 3


def test_weights_in_the_file_say_which_reading(con):
    with_weights = FILE.replace("满分\n", "满分,权重\n")
    points = with_weights.replace(",10,10\n", ",10,10,10\n").replace(",20,60\n", ",20,60,60\n")
    points = points.replace(",30,30\n", ",30,30,30\n")
    run(con, points)
    assert stored(con) == [("Q1", 60.0), ("Q2", 70.0)]
    equal = with_weights.replace("Q1,", "E1,").replace("Q2,", "E2,")
    for end in (",10,10\n", ",20,60\n", ",30,30\n"):
        equal = equal.replace(end, end[:-1] + ",1\n")
    run(con, equal, name="equal.csv")
    assert stored(con)[:2] == [("E1", 77.78), ("E2", 70.0)]


def test_an_overall_score_in_the_file_that_agrees_with_equal_weights_says_which_reading(con):
    # 总分 77.78 is the equal weights' score: read as before. 总分 60 is the points': refused as above (before: "the
    # overall score differs from the weighted criteria score, 77.78: leave the overall score unmapped", which
    # then stored 77.78)
    with_total = FILE.replace("满分\n", "满分,总分\n").replace("问候,10,10\n", "问候,10,10,77.78\n")
    run(con, with_total)
    assert stored(con) == [("Q1", 77.78), ("Q2", 70.0)]
    points = with_total.replace("77.78", "60").replace("Q1,", "P1,").replace("Q2,", "P2,")
    with pytest.raises(pipeline.NothingWritten) as refused:
        run(con, points, name="points.csv")
    assert refused.value.prepared.errors[["row", "reason"]].values.tolist()[0] == [
        2,
        "qa.import.error.unweighted_maxima",
    ]
    assert "qa.import.error.total_mismatch" not in set(refused.value.prepared.errors["reason"])


def test_a_failed_critical_criterion_scores_0_whichever_reading(con):
    # 业务 20 of 60 is critical and failed: the review is 0 as points and with equal weights alike (review of 79a97d8:
    # it was refused as two readings, with the tool's own total 0 beside it)
    critical = HEADER.replace("满分\n", "满分,致命项,总分\n") + (
        "C1,A001,2026-10-03,问候,10,10,否,0\nC1,,,业务,20,60,是,\nC1,,,流程,30,30,否,\n"
    )
    run(con, critical)
    scored = con.execute(
        "select source_id, critical_failed, effective_score from qa_review_scores()"
    ).fetchall()
    assert scored == [("C1", True, 0.0)]
