"""A 质检表's subtotal, total or average rows partway through the file (小计, 合计, Subtotal, 平均, Average in the
row's first filled cell, no agent and no date): passed over with one notice naming them, as a report's footer is
at the end of the file (probe: a 小计 row between two reviews had three errors, no agent, no criterion, no date,
and blocked the file). A row with such a word that has an agent or a date is data, checked as any other.

Every expected score is worked out by hand in the comments.
"""

from __future__ import annotations

from portal.i18n import t
from tests.test_qa_import import run

LONG = (
    "质检编号,坐席工号,质检员,质检日期,评分项,得分,满分,总分\n"
    "ZJ-10,A001,李娜,2026-10-05,开场白,5,5,90\n"  # row 2: 5/5 = 100
    ",,,,问题解决,7,10,\n"  # row 3: 7/10 = 70
    ",,,,身份核实,5,5,\n"  # row 4: 5/5 = 100 -> ZJ-10 (100 + 70 + 100) / 3 = 90
    "小计,,,,,17,20,\n"  # row 5: the review's subtotal
    "ZJ-11,A002,李娜,2026-10-06,开场白,4,5,90\n"  # row 6: 4/5 = 80
    ",,,,问题解决,10,10,\n"  # row 7: 10/10 = 100 -> ZJ-11 (80 + 100) / 2 = 90
    ",,,,Average,7,7.5,\n"  # row 8: the review's average, under the criteria
    "ZJ-12,A001,王磊,2026-10-07,开场白,5,5,100\n"  # row 9: 5/5 = 100 -> ZJ-12 100
)


def test_subtotal_and_average_rows_partway_are_passed_over_with_one_notice(con):
    prepared, result = run(con, LONG)
    assert prepared.errors.empty and prepared.file_errors == []
    assert (result.rows_in_file, result.rows_added) == (6, 3)  # 8 data rows, 2 of them subtotals: 3 reviews
    assert con.execute("select source_id, score from qa_reviews order by 1").fetchall() == [
        ("ZJ-10", 90.0),
        ("ZJ-11", 90.0),
        ("ZJ-12", 100.0),
    ]
    (values,) = [v for k, v in prepared.notices if k == "qa.import.notice.subtotal_rows"]
    assert t("qa.import.notice.subtotal_rows", "en", **values) == (
        "Rows 5, 8 are subtotals, totals or averages within the file (such as 小计, 合计, “Subtotal”, 平均), with "
        "no agent and no date: left out, not imported."
    )
    assert t("qa.import.notice.subtotal_rows", "zh", **values) == (
        "文件中的 2 行(第 5、8 行)是小计、合计或平均行(如“小计”“合计”“Subtotal”“平均”)，没有客服专员和日期：已略过，不导入。"
    )


def test_a_row_with_a_totals_word_and_an_agent_or_a_date_is_data(con):
    # "Total" as a review id with its agent and date is a review (stored); "小计" with a date but no agent is
    # no subtotal row to pass over unsaid: its missing agent is its error, as before
    text = (
        "质检编号,坐席工号,质检员,质检日期,总分\n"
        "Total,A001,李娜,2026-10-05,80\n"
        "小计,,李娜,2026-10-06,85\n"
        "ZJ-1,A002,李娜,2026-10-07,90\n"
    )
    prepared, result = run(con, text, skip_invalid=True)
    assert sorted(zip(prepared.errors["row"], prepared.errors["reason"], strict=True)) == [
        (3, "qa.import.error.agent_missing")
    ]
    assert [k for k, _ in prepared.notices if k == "qa.import.notice.subtotal_rows"] == []
    assert con.execute("select source_id, score from qa_reviews order by 1").fetchall() == [
        ("Total", 80.0),
        ("ZJ-1", 90.0),
    ]
