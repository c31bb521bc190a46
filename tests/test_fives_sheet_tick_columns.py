"""A 5S sheet with one column per score headed ``4分 | 3分 | 2分 | 1分 | 0分`` or with grades ``优 | 良 | 中 | 差`` and a
tick (✓ √ ● x 1) under the score given: the ticked column's score is read. Before, such headers were no score
columns: the sheet had no item table ("holds no 5S inspection sheet"). A row with two ticks or none is refused
with a message naming its row."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal.fives_intake import sheet_parse
from portal.fives_intake import template as tpl

TICKS = ["✓", "√", "●", "x", "1"]


def _sheet(default, heads: list[str], given: dict[str, int | None], two: str | None = None) -> bytes:
    """Items by code in column B, the columns per score from D (row 2 the table header); an item gets a tick under
    the column of ``given`` (default the first column), ``two`` a second tick, None no tick."""
    wb = Workbook()
    ws = wb.active
    ws.title = "S001"
    ws.append(["门店", "S001", "检查日期", "2026-03-05", "检查人", "张三"])
    ws.append(["区分", "编号", "检查项目", *heads, "备注"])
    for k, item in enumerate(default.ordered_items()):
        ticks = [None] * len(heads)
        column = given.get(item.code, 0)
        if column is not None:
            ticks[column] = TICKS[k % len(TICKS)]
        if item.code == two:
            ticks[-1] = "x"
        ws.append([item.section, item.code, item.text_zh, *ticks, None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def default(fives_templates):
    return tpl.default_template(fives_templates)


@pytest.mark.parametrize(
    "heads, points",
    [
        (["4分", "3分", "2分", "1分", "0分"], [4, 3, 2, 1, 0]),
        (["4 分", "3 分", "2 分", "1 分", "0 分"], [4, 3, 2, 1, 0]),
        (["优", "良", "中", "差"], [4, 3, 2, 1]),  # grades, from the item's maximum down
    ],
)
def test_the_ticked_columns_score_is_read(fives_templates, default, heads, points):
    # SO2 ticked in the fourth column, SE4 in the third, SH1 in the second; the rest in the first (full marks)
    given = {"SO2": 3, "SE4": 2, "SH1": 1}
    result = sheet_parse.parse_workbook(_sheet(default, heads, given), "s.xlsx", fives_templates, default)
    assert result.errors == []
    (inspection,) = result.inspections
    got = {s.item_code: s.score for s in inspection.scores}
    assert (got["SO2"], got["SE4"], got["SH1"], got["SO1"]) == (points[3], points[2], points[1], 4)
    # hand-worked: 22 items at 4 (88) + the three others
    assert sum(got.values()) == 88 + points[3] + points[2] + points[1]
    graded = [m for m in result.notices if m.key == "fives_intake.parse.grades_read"]
    if heads[0] == "优":  # the reading taken is said, at the first grade's cell
        assert [(m.row, m.column, m.values["readings"].en) for m in graded] == [
            (2, "D", "优 = 4, 良 = 3, 中 = 2, 差 = 1")
        ]
    else:
        assert graded == []


def test_two_ticks_or_none_is_a_message_naming_the_row(fives_templates, default):
    # SO3 (row 5) ticked twice, SE1 (row 8) not at all
    heads = ["4分", "3分", "2分", "1分", "0分"]
    data = _sheet(default, heads, {"SE1": None}, two="SO3")
    result = sheet_parse.parse_workbook(data, "s.xlsx", fives_templates, default)
    assert result.inspections == []
    assert [(m.key, m.row) for m in result.errors] == [
        ("fives_intake.parse.two_marks", 5),
        ("fives_intake.parse.no_score", 8),
    ]
    assert all(f"row {m.row}" in m.text("en") for m in result.errors)
