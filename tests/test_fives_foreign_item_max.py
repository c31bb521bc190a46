"""Another company's 5S sheet (portal.fives_intake.foreign) giving each item its own maximum (满分) and weight (权重):
the draft checklist takes both, so the scores are stored out of each item's own maximum and weighted. Before, both
columns were passed over unsaid: every item got the sheet's top (10) and weight 1, a 5 of 5 was stored as 5 of 10.

The sheet (类别 | 编号 | 检查内容 | 权重 | 满分 | 得分 | 备注), each row (code, weight, maximum, score):
  整理 A1 2 10 8, A2 1 5 5 | 整顿 B1 3 10 6 | 清扫 C1 1 5 3 | 清洁 D1 1 5 5 | 素养 E1 2 10 10
Hand-worked (section % = sum of score x weight / sum of maximum x weight):
  sort (2x8 + 1x5) / (2x10 + 1x5) = 21/25 = 84 %, set in order 18/30 = 60 %, shine 3/5 = 60 %, standardize 100 %,
  sustain 100 %; overall (84 + 60 + 60 + 100 + 100) / 5 = 80.8 % (before: 65, 60, 30, 50, 100; 61 %)."""

from __future__ import annotations

import io

from openpyxl import Workbook

from portal import writes
from portal.fives_intake import editor, foreign
from portal.fives_intake import template as tpl
from tests.fives_intake_fixture import ADMIN

ROWS = [
    ("整理", "A1", "通道畅通", 2, 10, 8),
    ("整理", "A2", "仓库整齐", 1, 5, 5),
    ("整顿", "B1", "价签一致", 3, 10, 6),
    ("清扫", "C1", "地面干净", 1, 5, 3),
    ("清洁", "D1", "记录签字", 1, 5, 5),
    ("素养", "E1", "工服", 2, 10, 10),
]


def _sheet(rows=ROWS) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "5S"
    ws.append(["门店", "S001", "日期", "2026-11-02", "检查人", "王五"])
    ws.append(["类别", "编号", "检查内容", "权重", "满分", "得分", "备注"])
    for row in rows:
        ws.append([*row, None])
    ws.append(["总分", None, None, None, 45, 37])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_each_items_maximum_and_weight_are_the_draft_checklists(con):
    data = _sheet()
    sheet = foreign.read_foreign(data, "other.xlsx")
    assert sheet.errors == []
    templates = tpl.load_all(con)
    draft = foreign.draft_template(sheet, "OTHER", "", "", tpl.default_template(templates), templates)
    assert [(i.code, i.weight, i.max_score) for i in draft.items] == [
        ("A1", 2.0, 10),
        ("A2", 1.0, 5),
        ("B1", 3.0, 10),
        ("C1", 1.0, 5),
        ("D1", 1.0, 5),
        ("E1", 2.0, 10),
    ]
    candidate, problems = foreign.confirmed(draft, editor.items_table(draft), sheet.scale)
    assert problems == []
    template_id, _ = writes.add_fives_template_version(con, candidate, ADMIN.username)
    saved = tpl.load(con, template_id)
    _, result = foreign.import_scores(con, sheet, saved, data, ADMIN)
    assert result.rows_added == 6
    got = con.execute(
        "select s.section_code, s.section_pct, i.overall_pct from fives_section_facts s "
        "join fives_inspection_facts i using (inspection_id) order by s.section_position"
    ).fetchall()
    assert [(c, round(p, 3)) for c, p, _ in got] == [
        ("sort", 84.0),
        ("set_in_order", 60.0),
        ("shine", 60.0),
        ("standardize", 100.0),
        ("sustain", 100.0),
    ]
    assert round(got[0][2], 3) == 80.8


def test_a_score_above_its_items_maximum_is_refused_at_its_cell():
    # C1 scores 5 of its own maximum 5 -> fine; A2 gets 7 of its maximum 5 (row 4, score column F)
    rows = [("整理", "A1", "通道畅通", 2, 10, 8), ("整理", "A2", "仓库整齐", 1, 5, 7)]
    sheet = foreign.read_foreign(_sheet(rows), "other.xlsx")
    assert [(m.key, m.row, m.column, m.values["max"]) for m in sheet.errors] == [
        ("fives_intake.parse.out_of_range", 4, "F", 5)
    ]


def test_a_maximum_or_weight_that_is_no_number_is_refused_at_its_cell():
    rows = [("整理", "A1", "通道畅通", "高", 10, 8), ("整理", "A2", "仓库整齐", 1, "待定", 5)]
    sheet = foreign.read_foreign(_sheet(rows), "other.xlsx")
    assert [(m.key, m.row, m.column) for m in sheet.errors] == [
        ("fives_intake.foreign.bad_weight", 3, "D"),
        ("fives_intake.foreign.bad_max", 4, "E"),
    ]
