"""A QA score that carries its own maximum: a criterion's score written with it in the cell (4/5), an overall score
above 100 with its max score on the row (150 of 满分 200), a header stating the scale beside a max score column
(得分（满分10分）with 满分 10). Each is read out of that maximum, as the overall score's 17/20 already is; where two
maxima disagree, the row (or the file, for a header) is refused naming both.

Every expected score is worked out by hand in the comments.
"""

from __future__ import annotations

from portal.i18n import t
from portal.ingest.errors import error_messages
from tests.test_qa_import import run
from tests.test_qa_import_overall import errors, prepare, stored


def criteria_stored(con) -> list:
    return con.execute(
        "select criterion_code, score, max_score from qa_review_criteria order by 1"
    ).fetchall()


CRITERIA = "review_id,agent_code,reviewed_on,reviewer,criterion,criterion_score,max_score\n"


def test_a_criterion_score_written_with_its_max_is_read_out_of_it(con):
    # was refused as "Not a number" on both rows
    text = CRITERIA + (
        "M-1,A001,2026-10-06,Q,greet,4/5,5\n"  # 4 of 5 (agrees with the max column): 80 %
        "M-1,A001,2026-10-06,Q,solve,9/10,\n"  # no max score: the cell's, 10; 9 of 10 is 90 %
        "M-1,A001,2026-10-06,Q,close,5/5,\n"  # 5 of 5: 100 % (no 0-5 scale to refuse: each gives its max)
    )
    prepared, result = run(con, text)
    assert prepared.errors.empty and prepared.file_errors == [] and result.rows_added == 1
    assert stored(con) == [("M-1", 90.0)]  # (80 + 90 + 100) / 3
    assert criteria_stored(con) == [("close", 5.0, 5.0), ("greet", 4.0, 5.0), ("solve", 9.0, 10.0)]


def test_a_criterion_fraction_whose_max_differs_from_the_max_column_is_an_error_of_its_row(con):
    text = CRITERIA + (
        "M-1,A001,2026-10-06,Q,greet,4/5,5\n"
        "M-1,A001,2026-10-06,Q,solve,4/5,10\n"  # out of 5 or of 10? row 3's error
    )
    prepared = prepare(con, text)
    assert errors(prepared) == [
        (2, "review_id", "qa.import.error.review_incomplete"),
        (3, "criterion_score", "qa.import.error.criterion_fraction_max"),
    ]
    messages = error_messages(prepared.errors, "en")
    said = messages.loc[messages["row"].eq(3), ["column", "value", "reason"]].values.tolist()
    assert said == [
        [
            "criterion_score",
            "4/5",
            "the criterion score is written out of 5 (after the slash), but the max score column gives 10: give one "
            "maximum score",
        ]
    ]


def test_a_review_whose_every_criterion_score_is_unreadable_is_row_errors_not_a_crash(con):
    # no overall score column and no readable criterion score: the check crashed (TypeError rounding None)
    text = CRITERIA + "M-1,A001,2026-10-06,Q,greet,good,5\nM-1,A001,2026-10-06,Q,solve,bad,10\n"
    prepared = prepare(con, text)
    assert errors(prepared) == [
        (2, "criterion_score", "ingest.error.not_number"),
        (3, "criterion_score", "ingest.error.not_number"),
    ]


OVERALL = "质检编号,坐席工号,质检员,质检日期,得分,满分\n"


def test_an_overall_score_above_100_out_of_its_own_max_is_read_out_of_it(con):
    # was refused as "outside the allowed range 0-100" though 150/200 in one cell was read as 75
    text = OVERALL + (
        "ZJ-1,A001,李娜,2026-10-05,150,200\n"  # 150 / 200 x 100 = 75
        "ZJ-2,A002,李娜,2026-10-06,180,200\n"  # 180 / 200 x 100 = 90
        "ZJ-3,A001,王磊,2026-10-07,88,\n"  # no 满分: out of 100, 88
    )
    prepared, result = run(con, text)
    assert prepared.errors.empty and prepared.file_errors == [] and result.rows_added == 3
    assert stored(con) == [("ZJ-1", 75.0), ("ZJ-2", 90.0), ("ZJ-3", 88.0)]


def test_an_overall_score_above_its_own_max_or_above_100_without_one_is_still_an_error(con):
    text = OVERALL + (
        "ZJ-1,A001,李娜,2026-10-05,150,200\n"  # fine: 75
        "ZJ-2,A002,李娜,2026-10-06,220,200\n"  # above its 满分 200
        "ZJ-3,A001,王磊,2026-10-07,150,100\n"  # above its 满分 100
        "ZJ-4,A002,王磊,2026-10-08,150,\n"  # no 满分: out of 100, above it
    )
    prepared = prepare(con, text)
    assert errors(prepared) == [
        (3, "得分", "qa.import.error.score_over_max"),
        (4, "得分", "qa.import.error.score_over_max"),
        (5, "得分", "ingest.error.out_of_range"),
    ]
    assert list(prepared.errors.sort_values("row")["detail"]) == ["200", "100", "0–100"]
    # a review with criteria: 满分 is each criterion's, not the overall score's; 150 stays out of 0-100, said once
    text = "质检编号,坐席工号,质检员,质检日期,总分,评分项,得分,满分\nZJ-1,A001,李娜,2026-10-05,150,a,4,5\n,,,,,b,5,5\n"
    assert errors(prepare(con, text)) == [
        (2, "总分", "ingest.error.out_of_range"),
        (3, "质检编号", "qa.import.error.review_incomplete"),
    ]


def test_a_header_stating_the_scale_its_max_column_gives_is_read_out_of_that_max(con):
    # was refused as a whole: "its header gives a 满分10 scale, but Overall score (0-100) takes 0–100"
    text = (
        "质检编号,坐席工号,质检员,质检日期,得分（满分10分）,满分\n"
        "ZJ-1,A001,李娜,2026-10-05,8,10\n"  # 8 / 10 x 100 = 80
        "ZJ-2,A002,李娜,2026-10-06,9.5,10\n"  # 9.5 / 10 x 100 = 95
    )
    prepared, result = run(con, text)
    assert prepared.mapping["score"] == "得分（满分10分）"
    assert prepared.file_errors == [] and prepared.errors.empty and result.rows_added == 2
    assert stored(con) == [("ZJ-1", 80.0), ("ZJ-2", 95.0)]
    text = "Evaluation ID,Agent,Evaluator,Date,Score (out of 10),Max\nE-1,A001,Jane,2026-10-05,7,10\n"  # 70
    prepared, _ = run(con, text)
    assert prepared.mapping["score"] == "Score (out of 10)" and prepared.file_errors == []
    assert stored(con)[0] == ("E-1", 70.0)


def test_a_header_stating_another_scale_than_its_max_column_is_one_file_error_naming_both(con):
    text = (
        "质检编号,坐席工号,质检员,质检日期,得分（满分10分）,满分\n"
        "ZJ-1,A001,李娜,2026-10-05,8,10\n"
        "ZJ-2,A002,李娜,2026-10-06,17,20\n"  # out of 10 (the header) or of 20 (满分)?
        "ZJ-3,A001,王磊,2026-10-07,18,20\n"
    )
    prepared = prepare(con, text)
    ((key, values),) = prepared.file_errors
    assert t(key, "en", **values) == (
        "得分（满分10分）: its header gives a 满分10 scale, but the max score column 满分 gives 20 on 2 rows; "
        "nothing was written. Give one maximum score: correct the header or the 满分 column."
    )
    assert t(key, "zh", **values) == (
        "得分（满分10分）：表头标明的量表为 满分10，但满分列“满分”有 2 行为 20；未写入任何数据。"
        "请只给出一个满分：更正表头或“满分”列。"
    )
