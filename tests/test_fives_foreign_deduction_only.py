"""Another company's 5S sheet scoring by deduction with no score column (类别 | 序号 | 检查项目 | 标准分 | 扣分 |
扣分原因): the portal does not compute scores from deductions, so the sheet is refused in one message at its header,
at the 扣分 cell. Before, the header row was passed over for want of a score column and the first item row's numbers
(序号 1, 标准分 10, 扣分 2) were taken as columns per score 1 | 10 | 2: every later row was refused at its 序号 cell
('the mark 2 ... is no tick') and nothing said the sheet has no score."""

from __future__ import annotations

import io

from openpyxl import Workbook

from portal.fives_intake import foreign
from portal.i18n import t

HEADER = ["类别", "序号", "检查项目", "标准分", "扣分", "扣分原因"]
ROWS = [
    ("整理", 1, "通道无杂物", 10, 2, "通道有纸箱"),
    ("整理", 2, "仓库物品分类", 10, 0, None),
    ("整顿", 3, "价签与商品一致", 10, 3, "3处价签错"),
    ("清扫", 4, "地面干净", 10, 5, None),
    ("清洁", 5, "清洁记录签字", 10, 0, None),
    ("素养", 6, "员工穿工服", 10, 1, None),
]


def _sheet(header=HEADER, rows=ROWS) -> bytes:
    """The header block on row 1, the table's header on row 2 (扣分 in column E), items from row 3."""
    wb = Workbook()
    ws = wb.active
    ws.title = "5S"
    ws.append(["门店", "S001", "日期", "2026-11-02", "检查人", "王五"])
    ws.append(header)
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_deduction_sheet_without_a_score_column_is_refused_once_at_its_header():
    sheet = foreign.read_foreign(_sheet(), "other.xlsx")
    assert [(m.key, m.row, m.column) for m in sheet.errors] == [
        ("fives_intake.foreign.deductions_only", 2, "E")
    ]
    assert sheet.items == []  # no score invented from 标准分 less 扣分
    text = t(sheet.errors[0].key, "en", **sheet.errors[0].values)
    assert "扣分" in text and "does not compute" in text


def test_the_message_names_the_deduction_header_as_written_in_english_too():
    header = ["Section", "No", "Check item", "Max", "Deduction", "Reason"]
    sheet = foreign.read_foreign(_sheet(header), "other.xlsx")
    assert [(m.key, m.row, m.column, m.values["header"]) for m in sheet.errors] == [
        ("fives_intake.foreign.deductions_only", 2, "E", "Deduction")
    ]


def test_a_deduction_sheet_with_its_score_column_is_still_read():
    header = [*HEADER[:5], "得分", HEADER[5]]
    rows = [(*r[:5], r[3] - r[4], r[5]) for r in ROWS]  # 10 - 2 = 8, 10 - 0 = 10, ...
    sheet = foreign.read_foreign(_sheet(header, rows), "other.xlsx")
    assert sheet.errors == []
    assert [i.score for i in sheet.items] == [8, 10, 7, 5, 10, 9]
