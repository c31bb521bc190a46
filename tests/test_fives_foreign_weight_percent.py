"""Another company's 5S sheet (portal.fives_intake.foreign) giving each item's weight (权重) as a percentage: written
as text ("20%", "20 %", full width "２０％") or as a number cell formatted as a percentage (0.2, shown 20%). Both are
read alike, 20% = 0.2 of the item's section. Before, the text was refused at its cell as 'not a number above 0'
while the formatted number was read.

The sheet (类别 | 编号 | 检查内容 | 权重 | 满分 | 得分), each row (code, weight, maximum, score):
  整理 A1 20% 10 8, A2 80% 5 5 | 整顿 B1 100% 5 3 | 清扫 C1, 清洁 D1, 素养 E1 each 100% 5 5
Hand-worked (section % = sum of score x weight / sum of maximum x weight):
  sort (0.2 x 8 + 0.8 x 5) / (0.2 x 10 + 0.8 x 5) = 5.6 / 6 = 93.333 % (unweighted it would be 13/15 = 86.667 %),
  set in order 3/5 = 60 %."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal import writes
from portal.fives_intake import editor, foreign
from portal.fives_intake import template as tpl
from tests.fives_intake_fixture import ADMIN


def _sheet(weights) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "5S"
    ws.append(["门店", "S001", "日期", "2026-11-02", "检查人", "王五"])
    ws.append(["类别", "编号", "检查内容", "权重", "满分", "得分"])
    rows = [
        ("整理", "A1", "通道畅通", 10, 8),
        ("整理", "A2", "仓库整齐", 5, 5),
        ("整顿", "B1", "价签一致", 5, 3),
    ]
    rows += [("清扫", "C1", "地面干净", 5, 5), ("清洁", "D1", "记录签字", 5, 5), ("素养", "E1", "工服", 5, 5)]
    for (sec, code, text, top, score), weight in zip(rows, weights, strict=True):
        ws.append([sec, code, text, weight, top, score])
        if isinstance(weight, float):
            ws.cell(ws.max_row, 4).number_format = "0%"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


TEXT = ["20%", "80 %", "１００％", "100%", "100%", "100%"]
NUMBERS = [0.2, 0.8, 1.0, 1.0, 1.0, 1.0]


@pytest.mark.parametrize("weights", [TEXT, NUMBERS], ids=["text", "formatted number"])
def test_a_weight_written_as_a_percentage_is_its_share(con, weights):
    data = _sheet(weights)
    sheet = foreign.read_foreign(data, "other.xlsx")
    assert sheet.errors == []
    assert [(i.code, i.weight) for i in sheet.items] == [
        ("A1", 0.2),
        ("A2", 0.8),
        ("B1", 1.0),
        ("C1", 1.0),
        ("D1", 1.0),
        ("E1", 1.0),
    ]
    templates = tpl.load_all(con)
    draft = foreign.draft_template(sheet, "OTHER", "", "", tpl.default_template(templates), templates)
    candidate, problems = foreign.confirmed(draft, editor.items_table(draft), sheet.scale)
    assert problems == []
    template_id, _ = writes.add_fives_template_version(con, candidate, ADMIN.username)
    _, result = foreign.import_scores(con, sheet, tpl.load(con, template_id), data, ADMIN)
    assert result.rows_added == 6
    got = con.execute("select section_code, section_pct from fives_section_facts order by section_position")
    assert [(c, round(p, 3)) for c, p in got.fetchall()][:2] == [("sort", 93.333), ("set_in_order", 60.0)]


@pytest.mark.parametrize("written", ["0%", "-20%", "%", "20%%", "二十%"])
def test_a_percentage_that_gives_no_weight_above_0_is_refused_at_its_cell(written):
    sheet = foreign.read_foreign(_sheet([written, *TEXT[1:]]), "other.xlsx")
    assert [(m.key, m.row, m.column, m.values["value"]) for m in sheet.errors] == [
        ("fives_intake.foreign.bad_weight", 3, "D", written)
    ]


@pytest.mark.parametrize(
    "weights",
    [["20%", 80, "100%", "100%", "100%", "100%"], ["20%", "80%", 1, 1, 1, 1], ["20%", 0.8, 2, 1.0, 1.0, 1.0]],
    ids=["percent and points", "percent and shares of 1", "percent and a weight of 2"],
)
def test_weights_written_as_percentages_beside_plain_numbers_above_1_are_one_message(weights):
    # "20%" is read as 0.2; beside it a plain 80 (or 2) is no share: A1 would weigh 400 times less than A2 instead
    # of a quarter, unsaid. One message at the weight column's header (row 2, column D); shares of 1 or less
    # beside percentages (0.8, a whole section's 1) mean the same and are read.
    sheet = foreign.read_foreign(_sheet(weights), "other.xlsx")
    mixed = [(m.key, m.row, m.column) for m in sheet.errors]
    if any(not isinstance(w, str) and w > 1 for w in weights):
        assert mixed == [("fives_intake.foreign.weights_mixed", 2, "D")]
    else:
        assert mixed == []
