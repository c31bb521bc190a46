"""Another company's 5S sheet (portal.fives_intake.foreign) scoring by deduction: each item's maximum (标准分), the
points deducted (扣分), the score (得分: the maximum less the deduction) and why (扣分原因). Before, the 扣分 and
扣分原因 columns were passed over unsaid: a score contradicting its deduction (标准分 10, 扣分 2, 得分 10) was stored
as 10 of 10, and every reason for a deduction was dropped (the items had no comment).

Hand-worked: 通道无杂物 10 - 2 = 8 (consistent); written 10 -> the message names 10, 10, 2 and 8."""

from __future__ import annotations

import io

from openpyxl import Workbook

from portal.fives_intake import foreign
from portal.fives_intake import template as tpl

ROWS = [
    ("整理", 1, "通道无杂物", 10, 2, 8, "通道有纸箱"),
    ("整理", 2, "仓库物品分类", 10, None, 10, None),  # nothing deducted: the 扣分 cell left blank
    ("整顿", 3, "价签与商品一致", 10, 3, 7, "3处价签错"),
    ("清扫", 4, "地面干净", 10, 0, 10, None),
    ("清洁", 5, "清洁记录签字", 10, 0, 10, None),
    ("素养", 6, "员工穿工服", 10, 1, 9, "未戴工牌"),
]


def _sheet(rows=ROWS) -> bytes:
    """The header on row 2 (类别 | 序号 | 检查项目 | 标准分 | 扣分 | 得分 | 扣分原因), items from row 3."""
    wb = Workbook()
    ws = wb.active
    ws.title = "5S"
    ws.append(["门店", "S001", "日期", "2026-11-02", "检查人", "王五"])
    ws.append(["类别", "序号", "检查项目", "标准分", "扣分", "得分", "扣分原因"])
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_score_that_is_not_its_maximum_less_the_deduction_is_refused_at_its_cell():
    rows = [list(r) for r in ROWS]
    rows[0][5] = 10  # 10 - 2 = 8, written 10 (row 3, score column F)
    sheet = foreign.read_foreign(_sheet(rows), "other.xlsx")
    assert [(m.key, m.row, m.column) for m in sheet.errors] == [
        ("fives_intake.foreign.deduction_differs", 3, "F")
    ]
    values = sheet.errors[0].values
    assert (values["item"], values["score"], values["max"], values["deducted"], values["expected"]) == (
        "SO1",
        10,
        10,
        "2",
        "8",
    )


def test_a_deduction_that_is_no_number_is_refused_at_its_cell():
    rows = [list(r) for r in ROWS]
    rows[2][4] = "多处"  # row 5, deduction column E
    sheet = foreign.read_foreign(_sheet(rows), "other.xlsx")
    assert [(m.key, m.row, m.column, m.values["value"]) for m in sheet.errors] == [
        ("fives_intake.foreign.bad_deduction", 5, "E", "多处")
    ]


def test_the_reason_for_a_deduction_is_the_items_comment(con):
    sheet = foreign.read_foreign(_sheet(), "other.xlsx")
    assert sheet.errors == []
    assert [(i.code, i.score, i.comment) for i in sheet.items] == [
        ("SO1", 8, "通道有纸箱"),
        ("SO2", 10, ""),
        ("SE1", 7, "3处价签错"),
        ("SH1", 10, ""),
        ("ST1", 10, ""),
        ("SU1", 9, "未戴工牌"),
    ]
    templates = tpl.load_all(con)
    draft = foreign.draft_template(sheet, "OTHER", "", "", tpl.default_template(templates), templates)
    parsed = foreign.parsed_inspection(sheet, draft)
    assert [(s.item_code, s.comment) for s in parsed.scores if s.comment] == [
        ("SO1", "通道有纸箱"),
        ("SE1", "3处价签错"),
        ("SU1", "未戴工牌"),
    ]
