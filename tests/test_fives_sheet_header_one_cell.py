"""A 5S sheet whose header is written in one cell: "门店：S001 检查日期：2026年11月3日 检查人：张三". Each field is a
label of the header (门店, 检查日期, 检查人; Store, Inspection date, Inspector) followed by a colon, so the cell is read
as its pieces, each value up to the next label. Before, the store took the whole rest of the cell and the sheet was
refused "The header names no inspection date", though the date stood in the cell."""

from __future__ import annotations

from datetime import date

import pytest

from portal.fives_intake.sheet_layout import header_block
from tests.fives_own_sheet import own_sheet, parse


def _sheet(con, header_cells: list[object]) -> bytes:
    """The sheet of tests/fives_own_sheet.py with ``header_cells`` on row 1, each item scored 4."""
    return own_sheet(con, header_cells=header_cells)


def _parse(con, data: bytes):
    return parse(con, data, "h.xlsx")


@pytest.mark.parametrize(
    ("cell", "inspector"),
    [
        ("门店：S001 检查日期：2026年11月3日 检查人：张三", "张三"),
        ("门店：S001检查日期：2026-11-03检查人：张三", "张三"),  # no spaces between the pieces
        ("门店: S001　检查日期: 2026/11/3　检查人员: 张三", "张三"),  # ASCII colons, ideographic spaces
        ("Store: S001  Inspection date: 2026-11-03  Inspector: Ivan Petrov", "Ivan Petrov"),
    ],
)
def test_a_header_written_in_one_cell_is_read_by_its_pieces(con, cell, inspector):
    result = _parse(con, _sheet(con, [cell]))
    assert result.errors == []
    (inspection,) = result.inspections
    assert (inspection.store, inspection.inspected_on, inspection.inspector) == (
        "S001",
        date(2026, 11, 3),
        inspector,
    )


def test_each_piece_is_placed_at_the_cell():
    grid = [["门店：S001 检查日期：2026年11月3日 检查人：张三", None]]
    assert header_block(grid, 1) == {
        "store": ("S001", 0, 0),
        "date": ("2026年11月3日", 0, 0),
        "inspector": ("张三", 0, 0),
    }


def test_a_cell_of_one_field_and_a_colon_in_a_value_are_read_as_before():
    grid = [["门店：S001 北京王府井店", "检查日期：2026-11-03 10:30"]]
    assert header_block(grid, 1) == {"store": ("S001 北京王府井店", 0, 0), "date": ("2026-11-03 10:30", 0, 1)}
