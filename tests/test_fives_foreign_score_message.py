"""Another company's 5S sheet (portal.fives_intake.foreign): a score that is no number, or no score at all, is refused
with a message naming the sheet's scale. Before, the scale was not known when the message was made, and it said
"Enter 0 to max" (the word "max" itself, in both languages: "请填写 0 至 max"), or "0 to 5" on a sheet scored 1-5.
Now the message is made once every row is read: a scale the sheet states (its header's range or list, its columns
per score) is named; a scale read from the other scores is said as such."""

from __future__ import annotations

import io

from openpyxl import Workbook

from portal.fives_intake import foreign


def _sheet(heads: list, rows: list[list]) -> bytes:
    """Store and date above, the table header on row 4 (Category | Check item | heads...), rows from 5."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Store:", "S001"])
    ws.append(["Date:", "2026-11-02"])
    ws.append([])
    ws.append(["Category", "Check item", *heads])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _said(sheet) -> list[tuple[str, int, str, str, str]]:
    return [(m.key, m.row, m.column, m.text("en"), m.text("zh")) for m in sheet.errors]


def test_a_score_that_is_no_number_names_the_range_the_header_states():
    rows = [["Sort", "Aisles free", 5], ["Sort", "Stockroom tidy", "good"], ["Shine", "Floor clean", 1]]
    sheet = foreign.read_foreign(_sheet(["Score (1-5)"], rows), "other.xlsx")
    assert _said(sheet) == [
        (
            "fives_intake.foreign.bad_score",
            6,
            "C",
            "Sheet Sheet, row 6, column C: Item SO2: 'good' is not a score. Enter a score of 1-5, the sheet's "
            "scale, or N/A.",
            "工作表 Sheet，第 6 行，第 C 列：检查项 SO2：'good' 不是有效得分。请按本表的分值 1-5 填写得分，或填写 N/A。",
        )
    ]


def test_a_missing_score_names_a_listed_scale():
    rows = [["Sort", "Aisles free", 4], ["Shine", "Floor clean", None, "no time"]]
    sheet = foreign.read_foreign(_sheet(["得分 0/1/2/4", "备注"], rows), "other.xlsx")
    (message,) = sheet.errors
    assert (message.key, message.row, message.column) == ("fives_intake.foreign.no_score", 6, "C")
    assert message.values["scale"].en == "0, 1, 2, 4"
    assert "max" not in message.text("en") and "max" not in message.text("zh")
    assert "0, 1, 2, 4" in message.text("en") and "0、1、2、4" in message.text("zh")


def test_no_tick_on_columns_scored_1_to_5_names_1_to_5_not_0_to_5():
    rows = [["Sort", "Aisles free", None, None, None, None, "x"], ["Sort", "Stockroom tidy"]]
    sheet = foreign.read_foreign(_sheet([1, 2, 3, 4, 5], rows), "other.xlsx")
    (message,) = sheet.errors
    assert (message.key, message.row, message.column) == ("fives_intake.foreign.no_score", 6, "C")
    assert "1-5" in message.text("en") and "0 to" not in message.text("en")


def test_a_sheet_stating_no_scale_says_so_and_what_its_scores_give():
    # no range in the header: the other scores (3 and 2, at least 0-4) give the scale 0-4, said as read, not stated
    rows = [["Sort", "Aisles free", 3], ["Sort", "Stockroom tidy", "?"], ["Shine", "Floor clean", 2]]
    sheet = foreign.read_foreign(_sheet(["Score"], rows), "other.xlsx")
    assert _said(sheet) == [
        (
            "fives_intake.foreign.bad_score_unstated",
            6,
            "C",
            "Sheet Sheet, row 6, column C: Item SO2: '?' is not a score. Enter a whole number of points, or N/A: "
            "the sheet states no scale, and its other scores give 0-4.",
            "工作表 Sheet，第 6 行，第 C 列：检查项 SO2：'?' 不是有效得分。请填写整数分值或 N/A：本表未注明分值范围，按其他"
            "得分推断为 0-4。",
        )
    ]
