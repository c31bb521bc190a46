"""A review id that a later 质检表 gives to another review (sheet row numbers 1, 2, 3 that start again each month):
a row whose id is stored as a review of another agent on another date is refused naming the stored review, never
taken as a correction that replaces it (portal/qa/reused_ids.py). A correction of the agent alone, or of the date
alone, still updates the review; a date changed under the same agent is named in a notice before the commit."""

from __future__ import annotations

import pytest

from portal.i18n import t
from portal.ingest import pipeline, reading
from tests.test_qa_import import ADMIN, LEAD_ONE, run

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
    prepared, result = run(
        con, HEADER + "1,A002,2026-10-03,85\n2,A002,2026-10-05,70\n", LEAD_ONE, name="fix.csv"
    )
    assert (result.rows_added, result.rows_updated) == (0, 2)
    assert stored(con) == [("1", "A002", "2026-10-03", 85.0), ("2", "A002", "2026-10-05", 70.0)]
    # the agent changed on the same date: named before the commit (a helper's probe: two team leads' sheets both
    # numbered 1, 2 on one day, and an admin's upload of the second gave the first's reviews to other agents)
    said = [v for k, v in prepared.notices if k == "qa.import.notice.review_agents_changed"]
    assert [(v["n"], str(v["reviews"])) for v in said] == [(1, "1 (A001 → A002)")]
    assert t("qa.import.notice.review_agents_changed", "en", **said[0]).startswith(
        "1 stored review would be given to another agent by this file: 1 (A001 → A002)."
    )


def test_an_id_stored_for_the_same_agent_on_another_date_is_named_before_the_commit(con):
    """November's 质检表 numbers its reviews 1, 2, 3 again: its review 1 is A001's again, on another date. Before,
    it replaced A001's stored review of October unsaid ("1 updated"). A correction of the date alone must stay
    possible, so it is not refused: the preview names each such review, its old and its new date."""
    from tests.test_qa_import import FILE, HEADER, KIND, NOW

    run(con, FILE, name="10月.csv")  # R1 A001 10-12 (three criteria), R2 A002 10-13, R3 A001 10-14 (two)
    later = (
        HEADER + "R1,A001,2026-10-20,Quinn,76,greet,5,5,1,no,ok\n"
        "R1,,,,,solve,6,10,3,,\n"
        "R1,,,,,verify,10,10,1,yes,\n"
        "R2,A002,2026-10-13,Quinn,90,,,,,,fine\n"  # same agent, same date: a plain update, not named
        "R3,A001,2026-10-15,Quinn,,greet,4,5,1,,\n"
        "R3,A001,2026-10-15,Quinn,,verify,0,1,1,是,\n"
        "R4,A002,2026-10-21,Quinn,70,,,,,,\n"  # a new id: added
    )
    prepared = pipeline.prepare(
        con,
        KIND,
        reading.read_upload(later.encode(), "11月.csv"),
        None,
        pipeline.ImportOptions(now=NOW),
        ADMIN,
    )
    assert prepared.errors.empty
    found = [values for key, values in prepared.notices if key == "qa.import.notice.review_dates_changed"]
    assert len(found) == 1
    assert t("qa.import.notice.review_dates_changed", "en", **found[0]) == (
        "2 stored reviews would get another date from this file: R1 (2026-10-12 → 2026-10-20), R3 (2026-10-14 → "
        "2026-10-15). If this is another sheet whose reviews are numbered 1, 2, 3 like an earlier one's, do not "
        "commit: give each review an id of its own. Commit only to correct the dates of those reviews."
    )
    assert t("qa.import.notice.review_dates_changed", "zh", **found[0]) == (
        "2 条已存质检评分的日期将被此文件更改：R1(2026-10-12 → 2026-10-20)、R3(2026-10-14 → 2026-10-15)。"
        "若这是另一份表格、其质检评分也按 1、2、3 编号，请勿提交：请为每条质检评分使用唯一的编号。"
        "仅在更正这些质检评分的日期时提交。"
    )
    # the correction is still taken when committed
    pipeline.commit(con, prepared, ADMIN)
    assert [(r[0], r[2]) for r in stored(con)] == [
        ("R1", "2026-10-20"),
        ("R2", "2026-10-13"),
        ("R3", "2026-10-15"),
        ("R4", "2026-10-21"),
    ]
    # the earlier test's plain corrections (another agent, same date) are named by no such notice
    again = HEADER + "R2,A001,2026-10-13,Quinn,90,,,,,,fine\n"
    prepared = pipeline.prepare(
        con,
        KIND,
        reading.read_upload(again.encode(), "fix.csv"),
        None,
        pipeline.ImportOptions(now=NOW),
        ADMIN,
    )
    assert [k for k, _ in prepared.notices if k == "qa.import.notice.review_dates_changed"] == []
