"""Another company's 5S sheet (portal.fives_intake.foreign) stating a scale in its score header (得分（0-5分）) while
its 满分 column gives an item a higher maximum (10): the two contradict each other, and the sheet is refused in one
message at the score header naming the header, its scale and each item whose maximum is above it. Before, nothing
said so: a 4 of such an item was read (and stored out of 10, though the sheet says 0-5), an 8 was refused on its own
row as not one of 0-5."""

from __future__ import annotations

import io

from openpyxl import Workbook

from portal.fives_intake import foreign


def _sheet(rows) -> bytes:
    """The header on row 2 (类别 | 编号 | 检查内容 | 满分 | 得分（0-5分）): the score header is cell E2."""
    wb = Workbook()
    ws = wb.active
    ws.title = "5S"
    ws.append(["门店", "S001", "日期", "2026-11-02", "检查人", "王五"])
    ws.append(["类别", "编号", "检查内容", "满分", "得分（0-5分）"])
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


ROWS = [
    ("整理", "A1", "通道畅通", 10, 8),  # 8 of 10: above the stated 0-5
    ("整理", "A2", "仓库整齐", 5, 5),  # within both
    ("整顿", "B1", "价签一致", 10, 4),  # 4 of 10: within 0-5, but out of 10 or of 5?
    ("清扫", "C1", "地面干净", 3, 2),  # an item worth less than the scale's top: fine
]


def test_an_items_maximum_above_the_stated_scale_is_one_message_at_the_score_header():
    sheet = foreign.read_foreign(_sheet(ROWS), "other.xlsx")
    assert [(m.key, m.row, m.column) for m in sheet.errors] == [
        ("fives_intake.foreign.max_above_scale", 2, "E")
    ]
    values = sheet.errors[0].values
    assert values["header"] == "得分（0-5分）"
    assert values["scale"] == "0-5"
    assert str(values["items"]) == "A1 (10), B1 (10)"


def test_a_sheet_whose_maxima_are_within_its_stated_scale_is_read():
    rows = [row for row in ROWS if row[1] in ("A2", "C1")]
    sheet = foreign.read_foreign(_sheet(rows), "other.xlsx")
    assert sheet.errors == []
    assert [(i.code, i.max_score, i.score) for i in sheet.items] == [("A2", 5, 5), ("C1", 3, 2)]


def test_columns_per_score_state_the_scale_too():
    # 类别 | 编号 | 检查内容 | 满分 | 4分 | 3分 | 2分 | 1分 | 0分 on row 2: the first score column is E2; B1's 满分 8
    wb = Workbook()
    ws = wb.active
    ws.append(["门店", "S001", "日期", "2026-11-02", "检查人", "王五"])
    ws.append(["类别", "编号", "检查内容", "满分", "4分", "3分", "2分", "1分", "0分"])
    ws.append(["整理", "A1", "通道畅通", 4, "✓", None, None, None, None])
    ws.append(["整顿", "B1", "价签一致", 8, None, "✓", None, None, None])
    out = io.BytesIO()
    wb.save(out)
    sheet = foreign.read_foreign(out.getvalue(), "other.xlsx")
    assert [(m.key, m.row, m.column) for m in sheet.errors] == [
        ("fives_intake.foreign.max_above_scale", 2, "E")
    ]
    values = sheet.errors[0].values
    assert (values["header"], values["scale"], str(values["items"])) == (
        "4分 | 3分 | 2分 | 1分 | 0分",
        "0-4",
        "B1 (8)",
    )
