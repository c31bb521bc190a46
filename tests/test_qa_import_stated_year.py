"""A 质检表 whose review dates lack their year (10月3日, 10/4) takes the year the file states once: in a title row
above the header (2026年10月客服质检表, 质检月份：2026-10) or in the name of the sheet read (2026年10月, 2026-10),
said in a notice naming where it came from (portal/ingest/stated_year.py). A date of another month than the one
stated is refused at its cell naming both; two years stated, or none (10月 alone): refused as before (no_year).
Expected dates are written by hand."""

from __future__ import annotations

from portal.i18n import t
from portal.ingest import errors as ingest_errors
from tests.corpus.exports.make_corpus import xlsx_book as workbook
from tests.test_qa_import_workbook import prepare

HEADER = ["质检编号", "工号", "质检日期", "质检员", "得分"]


def rows(first="10月3日", second="10/4"):
    return [HEADER, ["Z-1", "A001", first, "李娜", 85], ["Z-2", "A002", second, "李娜", 72]]


def dates(prepared) -> list[str]:
    return [str(d)[:10] for d in prepared.values["reviewed_on"]]


def year_notices(prepared) -> list[dict]:
    return [values for key, values in prepared.notices if key == "ingest.notice.year_stated"]


def reasons(prepared) -> list[tuple[int, str]]:
    return [
        (int(r), reason) for r, reason in zip(prepared.errors["row"], prepared.errors["reason"], strict=True)
    ]


def test_a_title_row_states_the_year_month(con):
    # before: both rows refused "A date without its year (10月3日)"
    data = workbook({"质检": [["2026年10月客服质检表"], [], *rows()]})
    prepared = prepare(con, data)
    assert prepared.errors.empty and not prepared.file_errors
    assert dates(prepared) == ["2026-10-03", "2026-10-04"]
    (notice,) = year_notices(prepared)
    assert t("ingest.notice.year_stated", "en", **notice) == (
        "2 dates of column 质检日期 were written without their year (such as 10月3日): read in 2026, the year "
        "stated in row 1 (2026年10月客服质检表)."
    )
    assert t("ingest.notice.year_stated", "zh", **notice) == (
        "质检日期 列有 2 个日期未写年份(如 10月3日)：按第 1 行(2026年10月客服质检表)写明的 2026 年读取。"
    )


def test_a_label_and_a_dash_month_in_a_title_row(con):
    data = workbook({"质检": [["质检月份：2026-10", "", "班组：一组"], *rows("10月3日", "10月4日 10:30")]})
    prepared = prepare(con, data)
    assert prepared.errors.empty and not prepared.file_errors
    assert dates(prepared) == ["2026-10-03", "2026-10-04"]


def test_the_sheet_name_states_the_year_month(con):
    prepared = prepare(con, workbook({"2026-10": rows()}))
    assert prepared.errors.empty and not prepared.file_errors
    assert dates(prepared) == ["2026-10-03", "2026-10-04"]
    (notice,) = year_notices(prepared)
    assert t("ingest.notice.year_stated", "en", **notice).endswith(
        "the year stated in the sheet's name 2026-10."
    )
    assert t("ingest.notice.year_stated", "zh", **notice).endswith(
        "按工作表名称(2026-10)写明的 2026 年读取。"
    )


def test_a_date_of_another_month_is_refused_at_its_cell(con):
    prepared = prepare(con, workbook({"2026年10月": rows("11月3日", "10/4")}))
    mine = prepared.errors[prepared.errors["reason"] != "qa.import.error.review_incomplete"]
    assert list(zip(mine["row"], mine["column"], mine["reason"], strict=True)) == [
        (2, "质检日期", "ingest.error.month_not_stated")
    ]
    en = ingest_errors.error_messages(mine, "en")["reason"].iloc[0]
    assert en == (
        "The date 11月3日 is in month 11, but the sheet's name 2026年10月 states 2026-10: check the month, or "
        "write the date with its year."
    )
    zh = ingest_errors.error_messages(mine, "zh")["reason"].iloc[0]
    assert (
        zh
        == "日期 11月3日 在 11 月，但工作表名称(2026年10月)写明的是 2026-10：请检查月份，或写明日期的年份。"
    )
    assert dates(prepared)[1] == "2026-10-04"


def test_two_years_stated_or_none_is_refused_as_before(con):
    two = prepare(con, workbook({"2025年10月": [["2026年10月客服质检表"], *rows()]}))
    assert {r for _, r in reasons(two)} >= {"ingest.error.no_year"}
    assert sorted(r for r, reason in reasons(two) if reason == "ingest.error.no_year") == [3, 4]
    none = prepare(con, workbook({"10月": rows()}))  # a month without its year states none
    assert sorted(r for r, reason in reasons(none) if reason == "ingest.error.no_year") == [2, 3]
    assert not year_notices(two) and not year_notices(none)


def test_each_sheet_read_as_one_takes_its_own_name(con):
    data = workbook(
        {
            "2026年9月": rows("9/5", "9月6日"),
            "2026年10月": [HEADER, ["Z-3", "A001", "10/3", "李娜", 80], ["Z-4", "A002", "10/4", "李娜", 70]],
        }
    )
    prepared = prepare(con, data)
    assert prepared.errors.empty and not prepared.file_errors
    assert dates(prepared) == ["2026-09-05", "2026-09-06", "2026-10-03", "2026-10-04"]
    assert len(year_notices(prepared)) == 2


def test_a_year_alone_an_export_date_and_a_day_first_pair(con):
    # a year alone (2026年度) reads 10月3日 but not 10/4, which may be 4 October or 10 April: refused as before
    year_only = prepare(con, workbook({"质检": [["2026年度客服质检"], *rows("10月3日", "10/4")]}))
    assert dates(year_only)[0] == "2026-10-03"
    assert [(r, reason) for r, reason in reasons(year_only) if reason == "ingest.error.no_year"] == [
        (4, "ingest.error.no_year")
    ]
    # an export date in a title row is a date, not a statement of the month: the sheet's name alone states it, and
    # 4/10 in a sheet of October is 4 October
    data = workbook({"2026年10月": [["导出时间：2026-11-01 09:00"], *rows("10/3", "4/10")]})
    prepared = prepare(con, data)
    assert prepared.errors.empty and not prepared.file_errors
    assert dates(prepared) == ["2026-10-03", "2026-10-04"]


def test_a_csv_title_row_states_the_year_month(con):
    from portal.ingest import pipeline
    from tests.test_qa_import import ADMIN, KIND, OPTIONS

    text = "2026年10月客服质检表,,,,\n" + "\n".join(",".join(map(str, r)) for r in rows("10月3日", "10月4日"))
    raw = pipeline.read(con, KIND, text.encode(), "质检表.csv", None, "zh", scope=ADMIN.scope)
    prepared = pipeline.prepare(con, KIND, raw, None, OPTIONS, ADMIN)
    assert prepared.errors.empty and not prepared.file_errors
    assert dates(prepared) == ["2026-10-03", "2026-10-04"]
    assert list(raw.frame["质检日期"]) == ["10月3日", "10月4日"]  # the file's cells as written
