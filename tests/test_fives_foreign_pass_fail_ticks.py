"""Another company's 5S sheet writing pass/fail as two tick columns (是 | 否, 合格 | 不合格, Yes | No, a ✓ under one):
read as the pass/fail checklist (scale 0, 1) a 检查结果 column of 是 / 否 gives, a tick under the pass column 1, under
the fail column 0; a row with both ticked or none is refused at that row. Before, the sheet was refused as holding no
5S inspection sheet (fives_intake.parse.no_sheet): no column was headed as a score.

Hand-worked: sort 1 of 2 passed = 50 %, set in order 1 of 1, shine 0 of 1, standardize 1 of 1, sustain 1 of 1."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal.fives_intake import foreign
from portal.i18n import t

PASSED = [("整理", "通道无杂物", True), ("整理", "仓库物品分类", False), ("整顿", "价签与商品一致", True),
          ("清扫", "地面干净", False), ("清洁", "清洁记录签字", True), ("素养", "员工穿工服", True)]  # fmt: skip


def _sheet(yes: str, no: str, rows=None) -> bytes:
    """The header block on row 1, the table's header on row 2 (类别 | 检查项目 | yes C | no D | 备注), items from
    row 3; ``rows``: (section, item, the pass cell, the fail cell), else a ✓ under one as ``PASSED`` says."""
    wb = Workbook()
    ws = wb.active
    ws.title = "5S"
    ws.append(["门店", "S001", "日期", "2026-11-02", "检查人", "王五"])
    ws.append(["类别", "检查项目", yes, no, "备注"])
    rows = rows or [(s, i, "✓" if ok else None, None if ok else "✓") for s, i, ok in PASSED]
    for row in rows:
        ws.append([*row, None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("yes", "no"), [("是", "否"), ("合格", "不合格"), ("Yes", "No"), ("Pass", "Fail")])
def test_two_tick_columns_are_read_as_a_pass_fail_checklist(yes, no):
    sheet = foreign.read_foreign(_sheet(yes, no), "other.xlsx")
    assert sheet.errors == []
    assert sheet.scale == (0, 1)
    assert [(i.section, i.text, i.score) for i in sheet.items] == [
        ("sort", "通道无杂物", 1),
        ("sort", "仓库物品分类", 0),
        ("set_in_order", "价签与商品一致", 1),
        ("shine", "地面干净", 0),
        ("standardize", "清洁记录签字", 1),
        ("sustain", "员工穿工服", 1),
    ]


def test_both_ticked_or_none_is_a_message_on_its_row():
    rows = [(s, i, "✓" if ok else None, None if ok else "✓") for s, i, ok in PASSED]
    rows[1] = ("整理", "仓库物品分类", "✓", "✓")  # row 4: both
    rows[3] = ("清扫", "地面干净", None, None)  # row 6: none
    sheet = foreign.read_foreign(_sheet("是", "否", rows), "other.xlsx")
    assert [(m.key, m.row, m.column, m.values["item"]) for m in sheet.errors] == [
        ("fives_intake.foreign.pass_fail_both", 4, "C", "SO2"),
        ("fives_intake.foreign.pass_fail_none", 6, "C", "SH1"),
    ]
    both, none = sheet.errors
    assert "'是'" in t(both.key, "en", **both.values) and "'否'" in t(both.key, "en", **both.values)
    assert "'是'" in t(none.key, "zh", **none.values) and "'否'" in t(none.key, "zh", **none.values)


def test_the_pass_fail_sheet_is_saved_and_imported_as_zero_or_one(con):
    from portal import writes
    from portal.fives_intake import editor
    from portal.fives_intake import template as tpl
    from tests.fives_intake_fixture import ADMIN

    data = _sheet("是", "否")
    sheet = foreign.read_foreign(data, "other.xlsx")
    templates = tpl.load_all(con)
    draft = foreign.draft_template(sheet, "OTHER", "", "", tpl.default_template(templates), templates)
    candidate, problems = foreign.confirmed(draft, editor.items_table(draft), sheet.scale)
    assert problems == []
    tid, _ = writes.add_fives_template_version(con, candidate, ADMIN.username)
    _, result = foreign.import_scores(con, sheet, tpl.load(con, tid), data, ADMIN)
    assert result.rows_added == 6
    pct = con.execute(
        "select section_code, section_pct from fives_section_facts order by section_position"
    ).fetchall()
    assert pct == [("sort", 50.0), ("set_in_order", 100.0), ("shine", 0.0), ("standardize", 100.0),
                   ("sustain", 100.0)]  # fmt: skip
