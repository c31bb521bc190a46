"""A 5S sheet naming its items in both languages in one cell (``价签与商品一致 Price tags match the goods``, ``Price
tags match the goods / 价签与商品一致``, one language a line): the item is found by either language's part. Before,
the whole cell was compared with each language's text alone and refused as not on the checklist. Two parts naming
two different items match neither."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal.fives_intake import sheet_parse
from portal.fives_intake import template as tpl

WRITINGS = {
    "zh en": lambda i: f"{i.text_zh} {i.text_en}",
    "en / zh": lambda i: f"{i.text_en} / {i.text_zh}",
    "zh newline en": lambda i: f"{i.text_zh}\n{i.text_en}",
    "zh, en without its full stop": lambda i: f"{i.text_zh}（{i.text_en.rstrip('.')}）",
}


def _sheet(default, text_of) -> bytes:
    """No code column: 序号 | 检查项目 | 得分, every item at 3 but SE2 (row 9) at 1."""
    wb = Workbook()
    ws = wb.active
    ws.title = "S001"
    ws.append(["门店", "S001", "检查日期", "2026-03-05", "检查人", "张三"])
    ws.append(["序号", "检查项目", "得分"])
    for n, item in enumerate(default.ordered_items(), start=1):
        ws.append([n, text_of(item), 1 if item.code == "SE2" else 3])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def default(fives_templates):
    return tpl.default_template(fives_templates)


@pytest.mark.parametrize("writing", WRITINGS)
def test_an_item_written_in_both_languages_is_found(fives_templates, default, writing):
    result = sheet_parse.parse_workbook(
        _sheet(default, WRITINGS[writing]), "s.xlsx", fives_templates, default
    )
    assert result.errors == []
    (inspection,) = result.inspections
    got = {s.item_code: s.score for s in inspection.scores}
    assert got["SE2"] == 1 and {s.row for s in inspection.scores if s.item_code == "SE2"} == {9}
    # hand-worked: 24 items at 3 and SE2 at 1
    assert sum(got.values()) == 24 * 3 + 1


def test_parts_naming_two_items_match_neither(default):
    so2, se2 = default.item("SO2"), default.item("SE2")
    assert default.item_by_text(f"{se2.text_zh} {se2.text_en}") == se2
    assert default.item_by_text(f"{so2.text_zh} {se2.text_en}") is None
