"""A retailer's 6S sheet read as another company's sheet (portal.fives_intake.foreign): a sixth section beyond the
five S (六、安全 Safety) heading its items in the item column, no section column. The portal's checklists have the
five S (SPEC): the sheet is refused in one message at that heading naming it, so no scored item is dropped or filed
under another S. Before, the heading was read as an item of 素养 ("Item SU2 has no score") and the safety items
below it became SU3, SU4 of 素养 (Sustain)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal.fives_intake import foreign

BLOCKS = [
    ("一、整理", [("通道畅通", 4)]),
    ("二、整顿", [("价签与商品一致", 4)]),
    ("三、清扫", [("地面干净", 2)]),
    ("四、清洁", [("清洁记录表已签字", 4)]),
    ("五、素养", [("员工穿着工服", 3)]),
    ("六、安全（Safety）", [("灭火器在有效期内", 4), ("安全出口无堵塞", 0)]),
]


def _sheet(merged: bool) -> bytes:
    """序号 | 检查项目 | 得分（0-4分） on row 2; each heading on its own row (in B, or merged A:C); the 安全 heading on
    row 13, its items on rows 14 and 15."""
    wb = Workbook()
    ws = wb.active
    ws.title = "6S"
    ws.append(["门店：", "S001", "检查日期：", "2026-11-02"])
    ws.append(["序号", "检查项目", "得分（0-4分）"])
    n = 0
    for heading, items in BLOCKS:
        ws.append([heading] if merged else [None, heading])
        if merged:
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=3)
        for text, score in items:
            n += 1
            ws.append([n, text, score])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("merged", [False, True])
def test_a_section_beyond_the_five_s_refuses_the_sheet_naming_it(merged):
    sheet = foreign.read_foreign(_sheet(merged), "6s.xlsx")
    (error,) = sheet.errors
    assert (error.key, error.row, error.column) == (
        "fives_intake.foreign.beyond_five_s",
        13,
        "A" if merged else "B",
    )
    assert "六、安全（Safety）" in error.text("en") and "六、安全（Safety）" in error.text("zh")
    # no safety item filed under 素养 (Sustain)
    assert [i.text for i in sheet.items if i.section == "sustain"] == ["员工穿着工服"]
