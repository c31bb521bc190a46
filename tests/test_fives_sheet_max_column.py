"""A store's own 5S sheet with a column of each item's maximum beside the scores given (序号 | 检查内容 | 分数 | 得分,
Section | Code | Item | Points | Score): the scores are read from the column headed as the points given (得分, Score),
not from the first score-like column. Before, 分数 / Points (4 on every row) was read as the score: every item stored
at full marks, no corrective action opened, and the import committed."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal.fives_intake import sheet_parse
from portal.fives_intake import template as tpl

GIVEN = {"SO2": 1, "SE4": 0, "SH3": "N/A", "ST1": 2}  # every other item 3


def _sheet(items, header, row) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "S001"
    ws.append(["门店", "S001", "检查日期", "2026-03-05", "检查人", "张三"])
    ws.append(header)
    for n, item in enumerate(items, start=1):
        ws.append(row(n, item, GIVEN.get(item.code, 3)))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


LAYOUTS = {
    "zh": (
        ["序号", "检查内容", "分数", "得分", "备注"],
        lambda n, i, s: [n, i.text_zh, i.max_score, s, None],
    ),
    "en": (
        ["Section", "Code", "Item", "Points", "Score", "Comment"],
        lambda n, i, s: [i.section, i.code, i.text_en, i.max_score, s, None],
    ),
    "max_after": (["编号", "检查内容", "得分", "分数"], lambda n, i, s: [i.code, i.text_zh, s, i.max_score]),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_scores_come_from_the_column_of_points_given(fives_templates, layout):
    templates = fives_templates
    default = tpl.default_template(templates)
    items = default.ordered_items()
    header, row = LAYOUTS[layout]
    result = sheet_parse.parse_workbook(_sheet(items, header, row), "s001.xlsx", templates, default)
    assert [m for m in result.messages if m.level == "error"] == []
    (inspection,) = result.inspections
    got = {s.item_code: ("N/A" if s.not_applicable else s.score) for s in inspection.scores}
    assert got == {i.code: GIVEN.get(i.code, 3) for i in items}
    # hand-worked: 24 scored items, 3 x 21 + 1 + 0 + 2 = 66
    assert sum(v for v in got.values() if v != "N/A") == 66
