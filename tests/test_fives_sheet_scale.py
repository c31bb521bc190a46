"""A 5S sheet that states its own point scale: a score column headed ``得分（1-5分）`` / ``Score (1-5)`` over a
checklist whose items score 0 to 4 is refused with one message naming the header cell and both ranges (it was
read on 0..4: a 5 refused as out of range on every such row, a 1 stored as 1 of 4 while it meant the lowest); a
score written ``a/b`` is read only when b is the item's maximum (``3/5`` was read as 3 of 4)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal.fives_intake import sheet_parse
from portal.fives_intake import template as tpl


@pytest.fixture(scope="module")
def default(fives_templates):
    return tpl.default_template(fives_templates)


def _sheet(default, header: str, scores: dict) -> bytes:
    """Row 1 the header block, row 2 the table header (score in column D), items from row 3 in template order;
    an item not in ``scores`` gets 3."""
    wb = Workbook()
    ws = wb.active
    ws.title = "S001"
    ws.append(["门店", "S001", "检查日期", "2026-03-05", "检查人", "张三"])
    ws.append(["区分", "编号", "检查项目", header, "备注"])
    for item in default.ordered_items():
        ws.append([item.section, item.code, item.text_zh, scores.get(item.code, 3), None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _parse(fives_templates, default, data):
    return sheet_parse.parse_workbook(data, "s001.xlsx", fives_templates, default)


@pytest.mark.parametrize("header", ["得分（1-5分）", "Score (1-5)", "得分 1~5"])
def test_a_header_stating_another_range_is_one_message_at_the_header_cell(fives_templates, default, header):
    # the store scored 1 to 5: its lowest (1) and its highest (5) on two items
    result = _parse(fives_templates, default, _sheet(default, header, {"SO1": 1, "SO2": 5}))
    assert result.inspections == []
    assert [(m.key, m.sheet, m.row, m.column) for m in result.errors] == [
        ("fives_intake.parse.scale_differs", "S001", 2, "D")
    ]
    (error,) = result.errors
    assert (error.values["stated"], error.values["expected"]) == ("1-5", "0-4")
    assert error.values["header"] == header
    text = error.text("en")
    assert "row 2, column D" in text and "1-5" in text and "0-4" in text
    assert "1-5" in error.text("zh") and "0-4" in error.text("zh")


@pytest.mark.parametrize("header", ["得分（0-4分）", "Score (0-4)", "Score"])
def test_a_header_stating_the_checklists_range_is_read(fives_templates, default, header):
    result = _parse(fives_templates, default, _sheet(default, header, {"SO1": 0, "SO2": 4}))
    assert result.errors == []
    (inspection,) = result.inspections
    # hand-worked: 25 items, 23 at 3, one 0 and one 4: 69 + 0 + 4 = 73
    assert sum(s.score for s in inspection.scores) == 73


def test_a_score_written_over_the_items_maximum_is_read(fives_templates, default):
    result = _parse(fives_templates, default, _sheet(default, "得分", {"SO1": "1/4", "SE2": "4/4"}))
    assert result.errors == []
    (inspection,) = result.inspections
    got = {s.item_code: s.score for s in inspection.scores}
    assert (got["SO1"], got["SE2"]) == (1, 4)


def test_a_score_written_over_another_maximum_is_a_row_message(fives_templates, default):
    # SO3 is on row 5 (SO1 row 3), its score in column D; every item's maximum is 4
    result = _parse(fives_templates, default, _sheet(default, "得分", {"SO3": "3/5"}))
    assert result.inspections == []
    assert [(m.key, m.row, m.column) for m in result.errors] == [("fives_intake.parse.score_out_of", 5, "D")]
    (error,) = result.errors
    assert error.values == {"value": "3/5", "item": "SO3", "max": 4, "out_of": 5}
    assert "row 5, column D" in error.text("en") and "4" in error.text("zh")


def test_columns_per_score_numbered_beyond_the_checklists_scale_are_one_message(fives_templates, default):
    # one column per score headed 5 4 3 2 1 (columns D..H, row 2), an x under the score given
    wb = Workbook()
    ws = wb.active
    ws.title = "S001"
    ws.append(["门店", "S001", "检查日期", "2026-03-05", "检查人", "张三"])
    ws.append(["区分", "编号", "检查项目", 5, 4, 3, 2, 1])
    for item in default.ordered_items():
        ws.append([item.section, item.code, item.text_zh, "x", None, None, None, None])
    out = io.BytesIO()
    wb.save(out)
    result = _parse(fives_templates, default, out.getvalue())
    assert result.inspections == []
    assert [(m.key, m.row, m.column) for m in result.errors] == [("fives_intake.parse.scale_differs", 2, "D")]
    (error,) = result.errors
    assert (error.values["header"], error.values["stated"], error.values["expected"]) == (
        "5 | 4 | 3 | 2 | 1",
        "1-5",
        "0-4",
    )
