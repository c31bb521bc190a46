"""A QA score that carries its own maximum: a criterion's score written with it in the cell (4/5), an overall score
above 100 with its max score on the row (150 of 满分 200), a header stating the scale beside a max score column
(得分（满分10分）with 满分 10). Each is read out of that maximum, as the overall score's 17/20 already is; where two
maxima disagree, the row (or the file, for a header) is refused naming both.

Every expected score is worked out by hand in the comments.
"""

from __future__ import annotations

from portal.ingest import pipeline, reading
from portal.ingest.errors import error_messages
from tests.test_qa_import import ADMIN, KIND, OPTIONS, run


def prepare(con, text: str) -> pipeline.Prepared:
    return pipeline.prepare(con, KIND, reading.read_upload(text.encode(), "qa.csv"), None, OPTIONS, ADMIN)


def stored(con) -> list:
    return con.execute("select source_id, score from qa_reviews order by 1").fetchall()


def criteria_stored(con) -> list:
    return con.execute(
        "select criterion_code, score, max_score from qa_review_criteria order by 1"
    ).fetchall()


def errors(prepared) -> list:
    return sorted(
        zip(prepared.errors["row"], prepared.errors["column"], prepared.errors["reason"], strict=True)
    )


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
