"""A workbook with more than one sheet holding a table (one sheet per month): which sheet is read, the note that
names the others, and a sheet chosen by name (``portal.ingest.sheet_pick``, ``reading.read_upload(sheet=...)``)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal.i18n import t
from portal.ingest import reading

HEAD = ["工单编号", "受理时间", "渠道", "类别", "门店编码"]


def monthly_book(notes: bool = False) -> bytes:
    """Sheets 10月 and 11月, each two complaints of S001 and S002 (a one-column notes sheet first if asked)."""
    book = Workbook()
    book.remove(book.active)
    if notes:
        book.create_sheet("说明").append(["每月一张工作表"])
    for month in (10, 11):
        sheet = book.create_sheet(f"{month}月")
        sheet.append(HEAD)
        sheet.append([f"M{month}-1", f"2026-{month}-05 09:30", "热线", "质量", "S001"])
        sheet.append([f"M{month}-2", f"2026-{month}-06 10:00", "热线", "质量", "S002"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def notes_in(raw, lang: str) -> list[str]:
    return [t(key, lang, **values) for key, values in raw.notes]


def test_the_default_sheet_is_read_and_the_note_names_the_other_table():
    raw = reading.read_upload(monthly_book(notes=True), "monthly.xlsx")
    assert (raw.sheet, raw.sheets, raw.chosen_sheet) == ("10月", ("10月", "11月"), None)
    assert raw.frame["工单编号"].tolist() == ["M10-1", "M10-2"]
    # the notes sheet holds no table: not offered, not named
    assert notes_in(raw, "en") == [
        "The workbook has several sheets holding a table; the sheet “10月” was read (the one with the widest "
        "header), not 11月. To import another one, choose it under “Sheet” (command line: --sheet NAME); each "
        "sheet is its own import batch."
    ]
    assert notes_in(raw, "zh") == [
        "工作簿有多个含表格的工作表；已读取“10月”(表头最宽的一张)，未读取：11月。如需导入其他工作表，请在“工作表”中选择"
        "(命令行：--sheet 工作表名)；每个工作表各为一个导入批次。"
    ]


def test_a_chosen_sheet_is_read_and_named_as_chosen():
    raw = reading.read_upload(monthly_book(), "monthly.xlsx", sheet="11月")
    assert (raw.sheet, raw.sheets, raw.chosen_sheet) == ("11月", ("10月", "11月"), "11月")
    assert raw.frame["工单编号"].tolist() == ["M11-1", "M11-2"]
    assert notes_in(raw, "en") == [
        "The sheet “11月” was read, as chosen; the workbook's other sheets holding a table (10月) were not."
    ]
    assert notes_in(raw, "zh") == ["已按所选读取工作表“11月”；工作簿中其他含表格的工作表(10月)未读取。"]


def test_choosing_the_default_sheet_is_the_default_read():
    raw = reading.read_upload(monthly_book(), "monthly.xlsx", sheet="10月")
    assert (raw.sheet, raw.chosen_sheet) == ("10月", None)  # the same identity as an import before sheets


def test_a_sheet_without_data_is_refused_naming_those_with_a_table():
    with pytest.raises(reading.FileRefused) as refused:
        reading.read_upload(monthly_book(notes=True), "monthly.xlsx", sheet="12月")
    assert refused.value.reason == "ingest.refused.no_such_sheet"
    assert t(refused.value.reason, "en", **refused.value.values) == (
        "The workbook has no sheet “12月” with data to read; the sheets holding a table: 10月, 11月."
    )
    assert t(refused.value.reason, "zh", **refused.value.values) == (
        "该工作簿中没有可读取的含数据工作表“12月”；含表格的工作表：10月、11月。"
    )


def test_a_notes_sheet_beside_one_table_keeps_the_plain_note():
    book = Workbook()
    book.active.title = "说明"
    book.active.append(["请按模板填写"])
    sheet = book.create_sheet("数据")
    sheet.append(HEAD)
    sheet.append(["M-1", "2026-10-05 09:30", "热线", "质量", "S001"])
    out = io.BytesIO()
    book.save(out)
    raw = reading.read_upload(out.getvalue(), "book.xlsx")
    assert raw.sheets == ("数据",)
    assert raw.notes == [("ingest.notice.sheet_read", {"sheet": "数据"})]
