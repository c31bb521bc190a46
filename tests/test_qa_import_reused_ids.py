"""A review id that a later 质检表 gives to another review (sheet row numbers 1, 2, 3 that start again each month):
a row whose id is stored as a review of another agent on another date is refused naming the stored review, never
taken as a correction that replaces it (portal/qa/reused_ids.py). A correction of the agent alone, or of the date
alone, still updates the review."""

from __future__ import annotations

import pytest

from portal.ingest import pipeline
from tests.test_qa_import import LEAD_ONE, run

HEADER = "质检编号,工号,质检日期,总分\n"
FIRST = HEADER + "1,A001,2026-10-03,85\n2,A002,2026-10-04,70\n"


def stored(con):
    return con.execute(
        "select source_id, agent_code, cast(reviewed_on as varchar), score from qa_reviews join agents "
        "using (agent_id) order by source_id"
    ).fetchall()


def test_an_id_stored_for_another_agent_on_another_date_is_refused_naming_that_review(con):
    run(con, FIRST, name="10月.csv")
    # a later sheet numbers its reviews 1, 2 again: row 2 is A002's review of 10-20, not A001's of 10-03
    later = HEADER + "1,A002,2026-10-20,60\n3,A001,2026-10-21,90\n"
    with pytest.raises(pipeline.NothingWritten) as refused:
        run(con, later, name="10月下.csv")
    shown = refused.value.prepared.error_messages("en")
    assert shown[["row", "column"]].values.tolist() == [[2, "质检编号"]]
    assert shown["reason"].tolist() == [
        "a stored review has this id: A001's review of 2026-10-03. This row gives another agent and another date, "
        "so it is another review, not a correction of that one: give each review an id of its own (a sheet's row "
        "numbers start again each month)"
    ]
    assert refused.value.prepared.error_messages("zh")["reason"].tolist() == [
        "已有质检评分使用此编号：A001 于 2026-10-03 的质检评分。本行的客服专员和日期均不同，是另一条质检评分，"
        "而非对该评分的更正：请为每条质检评分使用唯一的编号(表格的序号每月会重新从 1 开始)"
    ]
    # before: both stored reviews were replaced, counted "updated", A001's 85 of 10-03 lost unsaid
    assert stored(con) == [("1", "A001", "2026-10-03", 85.0), ("2", "A002", "2026-10-04", 70.0)]
    _, result = run(con, later, name="skip.csv", skip_invalid=True)
    assert (result.rows_added, result.rows_updated, result.rows_skipped) == (1, 0, 1)
    assert stored(con)[0] == ("1", "A001", "2026-10-03", 85.0)


def test_a_correction_of_the_agent_or_of_the_date_alone_still_updates_the_review(con):
    run(con, FIRST, name="10月.csv")
    _, result = run(con, HEADER + "1,A002,2026-10-03,85\n2,A002,2026-10-05,70\n", LEAD_ONE, name="fix.csv")
    assert (result.rows_added, result.rows_updated) == (0, 2)
    assert stored(con) == [("1", "A002", "2026-10-03", 85.0), ("2", "A002", "2026-10-05", 70.0)]
