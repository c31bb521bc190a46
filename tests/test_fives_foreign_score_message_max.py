"""Another company's 5S sheet with a column of each item's maximum (标准分, 满分, Max) beside its score (得分): a blank
or unreadable score names the scores that item may get, up to the maximum the sheet states for it, and that column.
Before, the message named the scale inferred from the sheet's other scores, at least 0-4 ("its other scores give
0-4" on an item whose 标准分 is 3), never the sheet's own maximum."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal.fives_intake import foreign
from portal.i18n import t


def _sheet(max_header: str, score_header: str, cells: list[tuple]) -> bytes:
    """Store and date on row 1, the table's header on row 2 (类别 | 检查项目 | max C | score D), items from row 3
    (``cells``: the maximum and the score of each)."""
    items = [
        ("整理", "通道无杂物"),
        ("整顿", "价签与商品一致"),
        ("清扫", "地面干净"),
        ("清洁", "清洁记录签字"),
    ]
    wb = Workbook()
    ws = wb.active
    ws.append(["门店", "S001", "日期", "2026-11-02"])
    ws.append(["类别", "检查项目", max_header, score_header])
    for (section, text), (top, score) in zip(items, cells, strict=True):
        ws.append([section, text, top, score])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("max_header", "score_header", "cells", "key", "scale", "top"),
    [
        # no scale stated, every maximum 3: the blank score of row 4 may be 0, 1, 2 or 3
        ("标准分", "得分", [(3, 2), (3, None), (3, 3), (3, 1)], "no_score_max", "0-3", 3),
        ("满分", "得分", [(2, 2), (2, "好"), (2, 0), (2, 1)], "bad_score_max", "0-2", 2),
        # the header states 0-10, the item's maximum 5: up to 5 of it
        ("标准分", "得分（0-10分）", [(10, 8), (5, None), (10, 9), (10, 7)], "no_score_max", "0-5", 5),
        # a listed scale: its scores up to the item's maximum 3
        ("Max", "得分 0/2/4", [(4, 4), (3, None), (4, 2), (4, 0)], "no_score_max", "0, 2", 3),
    ],
)
def test_a_missing_score_names_the_items_maximum_the_sheet_states(
    max_header, score_header, cells, key, scale, top
):
    sheet = foreign.read_foreign(_sheet(max_header, score_header, cells), "other.xlsx")
    assert [(m.key, m.row, m.column) for m in sheet.errors] == [(f"fives_intake.foreign.{key}", 4, "D")]
    (m,) = sheet.errors
    assert (str(m.values["scale"]), m.values["max"], m.values["header"]) == (scale, top, max_header)
    for lang in ("en", "zh"):
        said = t(m.key, lang, **m.values)
        assert scale.replace(", ", "、" if lang == "zh" else ", ") in said and repr(max_header) in said
        assert "0-4" not in said
