"""A store's own 5S sheet (the portal's layout) as the sheet tests write it with openpyxl, and its parse.

``own_sheet``: one worksheet named S001; the header block on row 1 (``header_cells``: 门店 S001 | 检查日期
2026-11-03 | 检查人 张三 unless given); the item table's header on row 2 (类别 | 编号 | 检查项目 | ``score_header``
in column D | 备注); the default checklist's 25 items from row 3 (SO1 row 3, SO2 row 4, ... the last on row 27),
each scored ``scores[code]`` or else ``default_score``; then the rows ``below`` from row 28 on. ``max_header``: a
column F so headed (标准分), each item's cell ``maxima[code]`` or else ``default_max``."""

from __future__ import annotations

import io

from openpyxl import Workbook

from portal.fives_intake import sheet_parse
from portal.fives_intake import template as tpl

HEADER_CELLS = ("门店", "S001", "检查日期", "2026-11-03", "检查人", "张三")


def own_sheet(
    con,
    *,
    header_cells=HEADER_CELLS,
    score_header: str = "得分",
    scores: dict[str, object] | None = None,
    default_score: object = 4,
    below=(),
    max_header: str | None = None,
    maxima: dict[str, object] | None = None,
    default_max: object = 4,
) -> bytes:
    """The sheet as an .xlsx file's bytes (see the module docstring)."""
    default = tpl.default_template(tpl.load_all(con))
    wb = Workbook()
    ws = wb.active
    ws.title = "S001"
    ws.append(list(header_cells))
    ws.append(["类别", "编号", "检查项目", score_header, "备注", *([max_header] if max_header else [])])
    for item in default.ordered_items():
        row = [item.section, item.code, item.text_zh, (scores or {}).get(item.code, default_score), None]
        ws.append(row + ([(maxima or {}).get(item.code, default_max)] if max_header else []))
    for row in below:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def parse(con, data: bytes, name: str = "t.xlsx"):
    """``sheet_parse.parse_workbook`` of ``data`` with the database's checklists, the default one first."""
    templates = tpl.load_all(con)
    return sheet_parse.parse_workbook(data, name, templates, tpl.default_template(templates))
