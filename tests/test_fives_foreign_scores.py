"""Another company's 5S sheet read as the portal's own sheets are (``sheet_scores``, shared): one column per score
headed ``4分 | 3分 | 2分 | 1分 | 0分`` or with grades ``优 | 良 | 中 | 差``, a tick under the score given (text that
is no tick is refused at its cell, not read as a tick; grades said in a notice), and a score written ``a/b`` read
only when b is the top of the sheet's scale (``3/5`` on a sheet scored 0-4 was read as 3). The ticked columns were
already read through ``sheet_layout.find_table`` (1c71a4c); their test holds it, the others failed before."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal.fives_intake import foreign


def _sheet(heads: list[str], rows: list[list]) -> bytes:
    """Store and date above, the table header on row 4 (Category | Check item | heads... | Remarks), rows from 5."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Audit"
    ws.append(["Store:", "S001"])
    ws.append(["Date:", "2026-11-02"])
    ws.append([])
    ws.append(["Category", "Check item", *heads, "Remarks"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _ticked(n: int, at: int, mark: str = "✓") -> list:
    """``n`` columns per score, ``mark`` in the one at position ``at``."""
    return [mark if k == at else None for k in range(n)]


POINTS = ["4分", "3分", "2分", "1分", "0分"]
GRADES = ["优", "良", "中", "差"]


@pytest.mark.parametrize("heads, read", [(POINTS, [4, 3, 2, 0]), (GRADES, [4, 3, 2, 1])])
def test_the_ticked_columns_score_is_read(heads, read):
    n = len(heads)
    rows = [
        ["Sort", "Aisles free", *_ticked(n, 0, "✓")],
        ["Sort", "Old posters removed", *_ticked(n, 1, "√")],
        ["Shine", "Floor clean", *_ticked(n, 2, "●")],
        ["Shine", "Wall clean", *_ticked(n, n - 1, "x")],
    ]
    sheet = foreign.read_foreign(_sheet(heads, rows), "other.xlsx")
    assert sheet.errors == []
    assert [(i.code, i.score) for i in sheet.items] == [
        ("SO1", read[0]),
        ("SO2", read[1]),
        ("SH1", read[2]),
        ("SH2", read[3]),
    ]


def test_grades_are_said_in_a_notice_as_the_portals_own_sheets():
    rows = [["Sort", "Aisles free", *_ticked(4, 0)], ["Shine", "Floor clean", *_ticked(4, 3)]]
    sheet = foreign.read_foreign(_sheet(GRADES, rows), "other.xlsx")
    assert [(m.key, m.row, m.column) for m in sheet.notices] == [("fives_intake.parse.grades_read", 4, "C")]
    assert sheet.notices[0].values["readings"].en == "优 = 4, 良 = 3, 中 = 2, 差 = 1"


def test_text_under_a_score_column_that_is_no_tick_is_refused_at_its_cell():
    # row 6: "备注" written under 3分 (column D) is no tick: before, it was read as a tick (a 3)
    rows = [["Sort", "Aisles free", *_ticked(5, 0)], ["Sort", "Old posters removed", *_ticked(5, 1, "备注")]]
    sheet = foreign.read_foreign(_sheet(POINTS, rows), "other.xlsx")
    assert [(m.key, m.row, m.column) for m in sheet.errors] == [("fives_intake.parse.bad_mark", 6, "D")]
    assert [i.code for i in sheet.items] == ["SO1"]


def test_a_score_over_another_maximum_than_the_stated_scale_is_a_row_message():
    # the header states 0-4; row 5 gives 3/5 (column C), row 6 4/4
    rows = [["Sort", "Aisles free", "3/5"], ["Sort", "Old posters removed", "4/4"], ["Shine", "Floor", 2]]
    sheet = foreign.read_foreign(_sheet(["Score (0-4)"], rows), "other.xlsx")
    assert sheet.scale == (0, 1, 2, 3, 4)
    assert [(m.key, m.row, m.column) for m in sheet.errors] == [("fives_intake.parse.score_out_of", 5, "C")]
    assert sheet.errors[0].values == {"value": "3/5", "item": "SO1", "max": 4, "out_of": 5}


def test_scores_over_two_maximums_refuse_the_one_below_the_sheets_top():
    # no scale stated: 3/5 makes the sheet's top 5 (row 5), so 4/4 on row 6 is given out of another maximum
    rows = [["Sort", "Aisles free", "3/5"], ["Sort", "Old posters removed", "4/4"], ["Shine", "Floor", 2]]
    sheet = foreign.read_foreign(_sheet(["Score"], rows), "other.xlsx")
    assert sheet.scale == (0, 1, 2, 3, 4, 5)
    assert [(m.key, m.row, m.column) for m in sheet.errors] == [("fives_intake.parse.score_out_of", 6, "C")]
    assert sheet.errors[0].values == {"value": "4/4", "item": "SO2", "max": 5, "out_of": 4}


def test_scores_over_the_sheets_own_maximum_are_read():
    # no scale stated: every score is out of 5, so the sheet scores 0-5 though no item got 5 (before: 0-4)
    rows = [["Sort", "Aisles free", "3/5"], ["Sort", "Old posters removed", "4/5"], ["Shine", "Floor", "2/5"]]
    sheet = foreign.read_foreign(_sheet(["Score"], rows), "other.xlsx")
    assert sheet.errors == []
    assert sheet.scale == (0, 1, 2, 3, 4, 5)
    assert [i.score for i in sheet.items] == [3, 4, 2]
