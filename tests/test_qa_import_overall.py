"""A review scored as one number (no criterion) with the columns Chinese QA sheets (质检表) give beside it:

- 满分 on the review's own row is the scale of its overall score: 得分 17 of 满分 20 is 85 of 100, not 17 (probe:
  a 质检表 of 17/20, 18.5/20 and 92/100 stored 17, 18.5 and 92); a score above its 满分 is an error of the row;
- a critical / 致命错误 mark on such a row cannot be a criterion's: "yes" with a score above 0 is an error of the
  row (the portal cannot tell whether the tool already applied the fatal error), never stored unsaid as the score
  (probe: 得分 85, 致命错误 是 was stored as 85 with the column not even read). "yes" with 0, or "no", is as before;
- a score written with its maximum in the cell (Playvox's 17/20, 8.5 / 10, 17分/20分) is that score out of it,
  stored out of 100 (probe: refused as "not a number"); over 0, or above its maximum, is an error of the row;
- scores out of 10 with a 满分 of 10 are no unknown 0-10 scale (probe: the file was refused as a whole).

Every expected score is worked out by hand in the comments.
"""

from __future__ import annotations

from portal.i18n import t
from portal.ingest import pipeline, reading
from tests.test_qa_import import ADMIN, KIND, OPTIONS, run


def prepare(con, text: str) -> pipeline.Prepared:
    return pipeline.prepare(con, KIND, reading.read_upload(text.encode(), "qa.csv"), None, OPTIONS, ADMIN)


def stored(con) -> list:
    return con.execute("select source_id, score from qa_reviews order by 1").fetchall()


def errors(prepared) -> list:
    return sorted(
        zip(prepared.errors["row"], prepared.errors["column"], prepared.errors["reason"], strict=True)
    )


OUT_OF = (
    "质检编号,坐席工号,质检员,质检日期,得分,满分\n"
    "ZJ-1,A001,李娜,2026-10-05,17,20\n"  # 17 / 20 x 100 = 85
    "ZJ-2,A002,李娜,2026-10-06,18.5,20\n"  # 18.5 / 20 x 100 = 92.5
    "ZJ-3,A001,王磊,2026-10-07,92,100\n"  # out of 100: 92
    "ZJ-4,A002,王磊,2026-10-08,7,\n"  # no 满分: out of 100, 7
)


def test_an_overall_score_out_of_its_max_score_is_stored_out_of_100(con):
    prepared, result = run(con, OUT_OF)
    assert prepared.errors.empty and result.rows_added == 4
    assert stored(con) == [("ZJ-1", 85.0), ("ZJ-2", 92.5), ("ZJ-3", 92.0), ("ZJ-4", 7.0)]
    said = {k: v for k, v in prepared.notices if k == "qa.import.notice.score_out_of_max"}
    values = said["qa.import.notice.score_out_of_max"]
    assert t("qa.import.notice.score_out_of_max", "en", **values) == (
        "得分: 2 overall scores are out of the maximum score on their row (满分), not out of 100: each was "
        "converted to 0–100 (17 of 20 is 85)."
    )
    assert t("qa.import.notice.score_out_of_max", "zh", **values) == (
        "得分：2 个总分按其所在行的满分(满分)给出，而非满分 100：已各自换算为 0–100(满分 20 的 17 即 85)。"
    )


def test_an_overall_score_above_its_max_score_is_an_error_of_its_row(con):
    text = OUT_OF + "ZJ-5,A001,王磊,2026-10-09,22,20\n"
    prepared = prepare(con, text)
    assert errors(prepared) == [(6, "得分", "qa.import.error.score_over_max")]
    (detail,) = prepared.errors["detail"]
    assert t("qa.import.error.score_over_max", "en", detail=detail) == (
        "the overall score is above the maximum score on its row, 20"
    )


CRITICAL = (
    "质检编号,坐席工号,质检员,质检日期,得分,致命错误\n"
    "ZJ-1,A001,李娜,2026-10-05,85,是\n"  # a fatal error, yet 85: which does the tool mean? an error of the row
    "ZJ-2,A002,李娜,2026-10-06,90,否\n"  # no fatal error: 90
    "ZJ-3,A001,王磊,2026-10-07,0,是\n"  # the fatal error applied: 0
)


def test_a_fatal_error_on_a_review_scored_above_0_is_an_error_of_its_row(con):
    prepared = prepare(con, CRITICAL)
    assert prepared.mapping["critical"] == "致命错误"
    assert errors(prepared) == [(2, "致命错误", "qa.import.error.critical_without_criterion")]
    assert t("qa.import.error.critical_without_criterion", "en").startswith(
        "the review is marked critical (a fatal error) but scored above 0"
    )
    _, result = run(con, CRITICAL, skip_invalid=True)
    assert result.rows_added == 2
    assert stored(con) == [("ZJ-2", 90.0), ("ZJ-3", 0.0)]


def test_a_max_column_headed_max_or_possible_is_read_as_the_max_score(con):
    # a QA tool's export of points: Score 17 with Max 20 is 85; Possible 45 of 50 is 90 (was stored as 17, 45)
    for header, first, second in (("Max", "17,20", "18,20"), ("Possible", "45,50", "36,40")):
        text = f"Evaluation ID,Agent,Evaluator,Date,Score,{header}\n"
        text += f"{header}-1,A001,Jane,2026-10-05,{first}\n{header}-2,A002,Jane,2026-10-06,{second}\n"
        prepared, _ = run(con, text)
        assert prepared.mapping["max_score"] == header
    assert stored(con) == [("Max-1", 85.0), ("Max-2", 90.0), ("Possible-1", 90.0), ("Possible-2", 90.0)]


def test_scores_out_of_10_with_a_max_column_of_10_are_not_refused_as_a_0_10_scale(con):
    # a 质检表 of 8, 9.5 and 7 out of 满分 10: each score has its own max, no unknown scale (was refused whole as
    # "looks to be on a 0-10 scale"): 8 / 10 x 100 = 80, 9.5 / 10 x 100 = 95, 7 / 10 x 100 = 70
    text = (
        "质检编号,坐席工号,质检员,质检日期,得分,满分\n"
        "ZJ-1,A001,李娜,2026-10-05,8,10\n"
        "ZJ-2,A002,李娜,2026-10-06,9.5,10\n"
        "ZJ-3,A001,王磊,2026-10-07,7,10\n"
    )
    prepared, result = run(con, text)
    assert prepared.file_errors == [] and prepared.errors.empty and result.rows_added == 3
    assert stored(con) == [("ZJ-1", 80.0), ("ZJ-2", 95.0), ("ZJ-3", 70.0)]


def test_small_scores_without_their_max_are_still_refused_beside_rows_with_one(con):
    # ZJ-1 has its 满分 10; ZJ-2 and ZJ-3 (8 and 9, no 满分) show a 0-10 scale: the file is refused as before
    text = (
        "质检编号,坐席工号,质检员,质检日期,得分,满分\n"
        "ZJ-1,A001,李娜,2026-10-05,8,10\n"
        "ZJ-2,A002,李娜,2026-10-06,8,\n"
        "ZJ-3,A001,王磊,2026-10-07,9,\n"
    )
    prepared = prepare(con, text)
    assert [key for key, _ in prepared.file_errors] == ["ingest.file.smaller_scale_values"]
    assert prepared.file_errors[0][1]["n"] == 2  # the two scores without a max


FRACTIONS = (
    "Evaluation ID,Agent,Evaluator,Date,Score\n"
    "PV-1,A001,Jane,2026-10-05,17/20\n"  # 17 / 20 x 100 = 85
    "PV-2,A002,Jane,2026-10-06,85/100\n"  # out of 100: 85
    "PV-3,A001,Tom,2026-10-07,8.5 / 10\n"  # 8.5 / 10 x 100 = 85
    "PV-4,A002,Tom,2026-10-08,17分/20分\n"  # 17 / 20 x 100 = 85
    "PV-5,A001,Tom,2026-10-09,0/20\n"  # 0
    "PV-6,A002,Tom,2026-10-10,150/200\n"  # 150 / 200 x 100 = 75 (150 alone is no 0-100 score, yet no error)
)


def test_a_score_written_with_its_max_in_the_cell_is_stored_out_of_100(con):
    # was refused as "Not a number" on every row
    prepared, result = run(con, FRACTIONS)
    assert prepared.errors.empty and result.rows_added == 6
    assert stored(con) == [
        ("PV-1", 85.0),
        ("PV-2", 85.0),
        ("PV-3", 85.0),
        ("PV-4", 85.0),
        ("PV-5", 0.0),
        ("PV-6", 75.0),
    ]
    said = dict(prepared.notices)
    values = said["qa.import.notice.score_fraction"]
    # 17/20, 8.5/10, 17分/20分, 0/20 and 150/200 converted; 85/100 already out of 100
    assert t("qa.import.notice.score_fraction", "en", **values) == (
        "Score: 5 overall scores are written with their maximum score (17/20), not out of 100: each was "
        "converted to 0–100 (17 of 20 is 85)."
    )
    assert t("qa.import.notice.score_fraction", "zh", **values) == (
        "Score：5 个总分连同其满分一起写出(17/20)，而非满分 100：已各自换算为 0–100(满分 20 的 17 即 85)。"
    )


def test_a_fraction_over_0_or_above_its_max_is_an_error_of_its_row(con):
    text = (
        "Evaluation ID,Agent,Evaluator,Date,Score\n"
        "PV-1,A001,Jane,2026-10-05,17/20\n"
        "PV-2,A002,Jane,2026-10-06,5/0\n"  # no maximum of 0
        "PV-3,A001,Tom,2026-10-07,22/20\n"  # above its max
    )
    prepared = prepare(con, text)
    assert errors(prepared) == [
        (3, "Score", "qa.import.error.score_fraction_zero"),
        (4, "Score", "qa.import.error.score_over_max"),
    ]
    by_row = dict(zip(prepared.errors["row"], prepared.errors["detail"], strict=True))
    assert t("qa.import.error.score_over_max", "en", detail=by_row[4]) == (
        "the overall score is above the maximum score on its row, 20"
    )
    assert t("qa.import.error.score_fraction_zero", "en") == (
        "the overall score is written as a fraction whose maximum (after the slash) is 0: the maximum score must "
        "be above 0"
    )


def test_a_fraction_whose_max_differs_from_the_max_column_is_an_error_of_its_row(con):
    text = (
        "Evaluation ID,Agent,Evaluator,Date,Score,Max\n"
        "PV-1,A001,Jane,2026-10-05,17/20,20\n"  # agree: 85
        "PV-2,A002,Jane,2026-10-06,17/20,100\n"  # out of 20 or of 100? an error of the row
    )
    prepared = prepare(con, text)
    assert errors(prepared) == [(3, "Score", "qa.import.error.score_fraction_max")]
    (detail,) = prepared.errors["detail"]
    assert t("qa.import.error.score_fraction_max", "en", detail=detail) == (
        "the overall score is written out of a maximum other than the max score column's, 100: give one "
        "maximum score"
    )
