"""A store's own 5S sheet writing pass/fail as two tick columns (是 | 否, 合格 | 不合格, Pass | Fail, a ✓ under one),
read with the code that reads another company's such sheets (``sheet_layout.find_table``): a
tick under the pass column is the item's maximum, as 是 in a 是否合格 column is, a tick under the fail column 0; both
ticked or neither is refused on its row naming the two columns. Before, the sheet was refused as holding no 5S
inspection sheet (fives_intake.parse.no_sheet): no column was headed as a score.

A mark under the fail column that is a cross (✗ ×, or X) says the item is marked there: a fail (0); a cross under
the pass column contradicts it, a row message at its cell, never a pass. Before, ✗ and × were refused as no tick."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal.fives_intake import sheet_parse
from portal.fives_intake import template as tpl
from portal.i18n import t

FAILED = ("SO2", "SH3")  # a tick under the fail column; every other item under the pass column


@pytest.fixture(scope="module")
def default(fives_templates):
    return tpl.default_template(fives_templates)


def _sheet(default, yes: str, no: str, cells: dict[str, tuple] | None = None) -> bytes:
    """The header block on row 1, the table's header on row 2 (区分 | 编号 | 检查项目 | yes D | no E | 备注), items
    from row 3 in the checklist's order; ``cells``: item code -> (the pass cell, the fail cell)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "S001"
    ws.append(["门店", "S001", "检查日期", "2026-03-05", "检查人", "张三"])
    ws.append(["区分", "编号", "检查项目", yes, no, "备注"])
    for item in default.ordered_items():
        ticks = (None, "✓") if item.code in FAILED else ("✓", None)
        ws.append([item.section, item.code, item.text_zh, *(cells or {}).get(item.code, ticks), None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _row(default, code: str) -> int:
    return 3 + [i.code for i in default.ordered_items()].index(code)


@pytest.mark.parametrize(("yes", "no"), [("是", "否"), ("合格", "不合格"), ("Pass", "Fail")])
def test_two_tick_columns_are_read_as_pass_or_fail(fives_templates, default, yes, no):
    result = sheet_parse.parse_workbook(_sheet(default, yes, no), "s.xlsx", fives_templates, default)
    assert result.errors == []
    (inspection,) = result.inspections
    got = {s.item_code: s.score for s in inspection.scores}
    # every item of the default checklist scores 0-4: a pass is 4, a fail 0
    assert {i.max_score for i in default.items} == {4}
    assert got == {i.code: 0 if i.code in FAILED else 4 for i in default.ordered_items()}
    assert {s.item_code: s.columns["score"] for s in inspection.scores if s.item_code in ("SO1", "SO2")} == {
        "SO1": "D",
        "SO2": "E",
    }


def test_both_ticked_or_none_is_a_message_on_its_row(fives_templates, default):
    cells = {"SO3": ("✓", "✓"), "SE1": (None, None)}
    result = sheet_parse.parse_workbook(
        _sheet(default, "是", "否", cells), "s.xlsx", fives_templates, default
    )
    assert result.inspections == []
    assert [(m.key, m.row, m.column, m.values["item"]) for m in result.errors] == [
        ("fives_intake.foreign.pass_fail_both", _row(default, "SO3"), "D", "SO3"),
        ("fives_intake.foreign.pass_fail_none", _row(default, "SE1"), "D", "SE1"),
    ]
    both, none = result.errors
    assert "'是'" in t(both.key, "en", **both.values) and "'否'" in t(both.key, "zh", **both.values)
    assert "'是'" in t(none.key, "zh", **none.values) and "'否'" in t(none.key, "en", **none.values)


@pytest.mark.parametrize("cross", ["✗", "×", "X"])
def test_a_cross_under_the_fail_column_is_a_fail(fives_templates, default, cross):
    cells = {"SO2": (None, cross), "SH3": (None, cross)}
    result = sheet_parse.parse_workbook(
        _sheet(default, "是", "否", cells), "s.xlsx", fives_templates, default
    )
    assert result.errors == []
    (inspection,) = result.inspections
    got = {s.item_code: s.score for s in inspection.scores}
    assert got == {i.code: 0 if i.code in FAILED else 4 for i in default.ordered_items()}


@pytest.mark.parametrize("cross", ["✗", "×"])
def test_a_cross_under_the_pass_column_is_a_message_on_its_cell_never_a_pass(fives_templates, default, cross):
    cells = {"SE2": (cross, None)}
    result = sheet_parse.parse_workbook(
        _sheet(default, "合格", "不合格", cells), "s.xlsx", fives_templates, default
    )
    assert result.inspections == []
    assert [(m.key, m.row, m.column, m.values["item"]) for m in result.errors] == [
        ("fives_intake.foreign.pass_fail_cross", _row(default, "SE2"), "D", "SE2"),
    ]
    (m,) = result.errors
    en, zh = t(m.key, "en", **m.values), t(m.key, "zh", **m.values)
    assert f"'{cross}'" in en and "'合格'" in en and "'不合格'" in en
    assert f"'{cross}'" in zh and "'合格'" in zh and "'不合格'" in zh


def test_another_companys_sheet_reads_crosses_alike():
    from portal.fives_intake import foreign
    from tests.test_fives_foreign_pass_fail_ticks import PASSED
    from tests.test_fives_foreign_pass_fail_ticks import _sheet as foreign_sheet

    rows = [(s, i, "✓" if ok else None, None if ok else "×") for s, i, ok in PASSED]  # × under 否: failed
    sheet = foreign.read_foreign(foreign_sheet("是", "否", rows), "other.xlsx")
    assert sheet.errors == []
    assert [i.score for i in sheet.items] == [1, 0, 1, 0, 1, 1]  # PASSED: the 2nd and 4th failed
    rows[0] = ("整理", "通道无杂物", "✗", None)  # row 3: a cross under 是
    sheet = foreign.read_foreign(foreign_sheet("是", "否", rows), "other.xlsx")
    assert [(m.key, m.row, m.column) for m in sheet.errors] == [
        ("fives_intake.foreign.pass_fail_cross", 3, "C")
    ]
