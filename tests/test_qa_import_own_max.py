"""A QA score that carries its own maximum: a criterion's score written with it in the cell (4/5), an overall score
above 100 with its max score on the row (150 of 满分 200), a header stating the scale beside a max score column
(得分（满分10分）with 满分 10). Each is read out of that maximum, as the overall score's 17/20 already is; where two
maxima disagree, the row (or the file, for a header) is refused naming both.

Every expected score is worked out by hand in the comments.
"""

from __future__ import annotations

from portal.ingest import pipeline, reading
from tests.test_qa_import import ADMIN, KIND, OPTIONS


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


def test_a_review_whose_every_criterion_score_is_unreadable_is_row_errors_not_a_crash(con):
    # no overall score column and no readable criterion score: the check crashed (TypeError rounding None)
    text = CRITERIA + "M-1,A001,2026-10-06,Q,greet,good,5\nM-1,A001,2026-10-06,Q,solve,bad,10\n"
    prepared = prepare(con, text)
    assert errors(prepared) == [
        (2, "criterion_score", "ingest.error.not_number"),
        (3, "criterion_score", "ingest.error.not_number"),
    ]
