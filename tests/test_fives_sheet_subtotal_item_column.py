"""A section's subtotal written in the item column (or the code column) beside its section cell, merged down the
block or written on every row (``整理 | 小计 | 15``), is passed over as the 小计 rows in the first column are
(899337b). Before, only a first text of 小计 was a subtotal: here the section cell's text came first, and each
subtotal was refused as "The item '小计' is not on the checklist" (five messages, the sheet refused)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal.fives_intake import sheet_parse
from portal.fives_intake import template as tpl


@pytest.fixture(scope="module")
def default(fives_templates):
    return tpl.default_template(fives_templates)


def _sheet(default, merged: bool, label_column: int, label: str) -> bytes:
    """区分 | 编号 | 检查项目 | 得分 | 备注 (row 2), each section's five items scored 3, then its subtotal row: 15 in
    the score column, ``label`` in column ``label_column`` (1: B, the code; 2: C, the item); the section cell
    merged over the block and its subtotal, or written on each row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "S001"
    ws.append(["门店", "S001", "检查日期", "2026-03-05", "检查人", "张三"])
    ws.append(["区分", "编号", "检查项目", "得分", "备注"])
    sections = list(dict.fromkeys(i.section for i in default.ordered_items()))
    for section in sections:
        start = ws.max_row + 1
        items = [i for i in default.ordered_items() if i.section == section]
        for k, item in enumerate(items):
            ws.append([None if merged and k else section, item.code, item.text_zh, 3, None])
        subtotal = [None if merged else section, None, None, 15, None]
        subtotal[label_column] = label
        ws.append(subtotal)
        if merged:
            ws.merge_cells(start_row=start, start_column=1, end_row=ws.max_row, end_column=1)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("merged", [True, False])
@pytest.mark.parametrize("label_column", [1, 2])
@pytest.mark.parametrize("label", ["小计", "整理小计", "Subtotal"])
def test_a_subtotal_beside_its_section_cell_is_passed_over(
    fives_templates, default, merged, label_column, label
):
    data = _sheet(default, merged, label_column, label)
    result = sheet_parse.parse_workbook(data, "s001.xlsx", fives_templates, default)
    assert result.errors == []
    (inspection,) = result.inspections
    # hand-worked: 25 items at 3 = 75; the five subtotals (15 each) are no items
    assert len(inspection.scores) == 25
    assert sum(s.score for s in inspection.scores) == 75
