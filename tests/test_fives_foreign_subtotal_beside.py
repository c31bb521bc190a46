"""Another company's 5S sheet (portal.fives_intake.foreign) with each section's subtotal written in the code or item
column beside its section cell (``整理 | 小计 | 7``, the section merged down the block or written on every row; 小计,
整理小计, 合计, Subtotal): the subtotal is passed over, as on the portal's own sheets (5c3af28, the same code:
``sheet_layout.subtotal_labels``). Before, only the row's first text (here the section's) was looked at: each
subtotal became an item named 小计 with its points as score, and the sheet's scale grew to 0-7, without a word.

The sheet (区分 | 编号 | 检查项目 | 得分 | 备注, no stated scale): 整理 aisles 4, stockroom 3 (subtotal 7);
清扫 floor 2, wall 4 (subtotal 6)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal.fives_intake import foreign

SECTIONS = [("整理", [("通道畅通", 4), ("物品不超高", 3)]), ("清扫", [("地面干净", 2), ("墙面干净", 4)])]


def _sheet(merged: bool, label_column: int, label: str) -> bytes:
    """Each section's items, then its subtotal row: the points in D, ``label`` in ``label_column`` (1: B, the
    code; 2: C, the item); the section cell merged over its block and subtotal, or written on every row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "检查表"
    ws.append(["门店", "S001", "检查日期", "2026-03-05", "检查人", "张三"])
    ws.append(["区分", "编号", "检查项目", "得分", "备注"])
    for section, items in SECTIONS:
        start = ws.max_row + 1
        for k, (text, score) in enumerate(items):
            ws.append([None if merged and k else section, None, text, score, None])
        subtotal = [None if merged else section, None, None, sum(s for _, s in items), None]
        subtotal[label_column] = label
        ws.append(subtotal)
        if merged:
            ws.merge_cells(start_row=start, start_column=1, end_row=ws.max_row, end_column=1)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("merged", [True, False])
@pytest.mark.parametrize("label_column", [1, 2])
@pytest.mark.parametrize("label", ["小计", "整理小计", "合计", "Subtotal"])
def test_a_subtotal_beside_its_section_cell_is_no_item(merged, label_column, label):
    sheet = foreign.read_foreign(_sheet(merged, label_column, label), "other.xlsx")
    assert sheet.errors == []
    assert [(i.section, i.code, i.text, i.score) for i in sheet.items] == [
        ("sort", "SO1", "通道畅通", 4),
        ("sort", "SO2", "物品不超高", 3),
        ("shine", "SH1", "地面干净", 2),
        ("shine", "SH2", "墙面干净", 4),
    ]
    # no stated scale: 0 to the highest score written, 4 (the subtotals 7 and 6 are no scores)
    assert sheet.scale == (0, 1, 2, 3, 4)


def test_an_item_whose_text_begins_with_total_beside_its_section_stays_an_item():
    # "Total display area clean" is an item (scored 3), not a total row: a cell beside the section is a total's
    # label only when it holds the label alone
    wb = Workbook()
    ws = wb.active
    ws.append(["Store:", "S001"])
    ws.append(["Date:", "2026-03-05"])
    ws.append(["Section", "Item", "Score", "Remarks"])
    ws.append(["Shine", "Total display area clean", 3, None])
    ws.append(["Shine", "Floor clean", 4, None])
    out = io.BytesIO()
    wb.save(out)
    sheet = foreign.read_foreign(out.getvalue(), "other.xlsx")
    assert sheet.errors == []
    assert [(i.text, i.score) for i in sheet.items] == [("Total display area clean", 3), ("Floor clean", 4)]
