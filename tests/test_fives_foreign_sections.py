"""Another company's 5S sheet (portal.fives_intake.foreign) laid out as many store sheets are: no section column, a
row holding only an S name (一、整理（20分）, merged across the table or in one cell) heading each section's items,
and a 小计 (or 合计) row with the section's points after each section. The heading row was read as an item with no
section ("The item 一、整理 has no S"), and the first 小计 ended the table (the items below it dropped unsaid). The
portal's own sheets read both since 3674b1e / 899337b.

The sheet (score column headed 1-5): 整理 aisles 5, stockroom 3 (小计 8); 整顿 price tags 4 (合计 4); 清扫 floor 2,
清洁 rota 5, 素养 uniform 1 (小计 1); then the sheet's 合计 (20) and a signature line."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal.fives_intake import foreign

ITEMS = [  # (heading before it, item text, score); None: a subtotal row
    ("一、整理（20分）", "通道畅通无杂物", 5),
    (None, "仓库物品不超高", 3),
    ("小计", None, 8),
    ("二、整顿", "价签与商品一致", 4),
    ("合计", None, 4),
    ("三、清扫", "地面干净无污渍", 2),
    ("四、清洁", "清洁记录表已签字", 5),
    ("五、素养", "员工穿着工服", 1),
    ("小计", None, 1),
]


def _sheet(merged: bool) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "检查表"
    ws.append(["门店：", "S001"])
    ws.append(["日期：", "2026-11-02"])
    ws.append(["序号", "检查项目", "得分（1-5分）", "备注"])
    n = 0
    for heading, text, score in ITEMS:
        if text is None:  # a subtotal row: the label in A, the points in C
            ws.append([heading, None, score, None])
            continue
        if heading:
            ws.append([None, heading] if not merged else [heading])
            if merged:
                ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=4)
        n += 1
        ws.append([n, text, score, None])
    ws.append(["合计", None, 20, None])
    ws.append(["检查人签字：", None, "王五"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("merged", [True, False])
def test_heading_rows_head_their_section_and_subtotals_inside_the_table_are_passed_over(merged):
    sheet = foreign.read_foreign(_sheet(merged), "store.xlsx")
    assert sheet.errors == []
    assert [(i.section, i.code, i.text, i.score) for i in sheet.items] == [
        ("sort", "SO1", "通道畅通无杂物", 5),
        ("sort", "SO2", "仓库物品不超高", 3),
        ("set_in_order", "SE1", "价签与商品一致", 4),
        ("shine", "SH1", "地面干净无污渍", 2),
        ("standardize", "ST1", "清洁记录表已签字", 5),
        ("sustain", "SU1", "员工穿着工服", 1),
    ]
    assert sheet.scale == (1, 2, 3, 4, 5)
    # hand-worked: 5 + 3 + 4 + 2 + 5 + 1 = 20, the sheet's own 合计; no subtotal read as an item
    assert sum(i.score for i in sheet.items) == 20


def test_an_item_naming_an_s_without_a_score_is_no_heading():
    # 清洁工具定位放置 (cleaning tools in their place) holds 清洁, an S, and no score: still an item, refused as
    # unscored; it does not silently become the heading of the items below
    wb = Workbook()
    ws = wb.active
    ws.append(["门店：", "S001"])
    ws.append(["日期：", "2026-11-02"])
    ws.append(["序号", "检查项目", "得分（1-5分）"])
    ws.append([None, "二、整顿"])
    ws.append([1, "价签与商品一致", 4])
    ws.append([None, "清洁工具定位放置", None])  # no number: its only text
    out = io.BytesIO()
    wb.save(out)
    sheet = foreign.read_foreign(out.getvalue(), "store.xlsx")
    assert [(m.key, m.row, m.column) for m in sheet.errors] == [("fives_intake.foreign.no_score", 6, "C")]
    assert [(i.section, i.text) for i in sheet.items] == [("set_in_order", "价签与商品一致")]
