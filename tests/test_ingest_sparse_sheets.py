"""A sheet whose used range is mostly empty is refused before python-calamine reads it (``bounds.UsedRange``), in
an .xlsx and an .xls alike: one stray cell at IV65536 made a single sheet 16.8 million cells, within the 30 million
an upload may hold, and reading it took 1.15 GB (.xlsx) and 1.66 GB (.xls). The rule: a used range over 1,000,000
cells and more than 20 times the cells holding a value. Large dense exports are accepted as before."""

import struct

import pytest

from portal.i18n import t
from portal.ingest import reading
from portal.ingest.bounds import UsedRange, check_workbook_bounds
from portal.ingest.reading import FileRefused
from portal.ingest.xls_bounds import check_xls_bounds
from tests.test_ingest_bounds import _xlsx
from tests.test_ingest_xls_bounds import FAR, HEADER, _read_in_child
from tests.xls_fixture import record, xls

STRAY = {
    "sheet": "Sheet1",
    "range": "A1:IV65536",
    "cells": 16_777_216,
    "filled": 5,
    "lowest": "IV65536",
    "rightmost": "IV65536",
}


def _refused(data: bytes, name: str) -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        reading.read_upload(data, name)
    return caught.value


def test_one_stray_cell_at_iv65536_of_an_xlsx_is_refused_naming_sheet_range_and_cell(tmp_path):
    data = _xlsx({"A1": "id", "B1": "name", "A2": "1", "B2": "x", "IV65536": "stray"})
    said, peak_mb = _read_in_child(tmp_path, data)
    assert said == "ingest.refused.sparse_sheet None None"
    assert peak_mb < 200
    error = _refused(data, "far.xlsx")
    assert error.reason == "ingest.refused.sparse_sheet" and error.values == STRAY
    assert str(error) == (
        "Sheet Sheet1 has a used range of A1:IV65536 (16777216 cells) but few cells holding a value (5; the "
        "lowest is IV65536, the rightmost IV65536). Reading it would take memory for every cell of the range. "
        "Delete the stray cells far below or to the right of the table (or select the rows below it and the "
        "columns to its right and choose Clear All), save the file and upload it again."
    )
    assert t(error.reason, "en", **error.values) == str(error)
    assert t(error.reason, "zh", **error.values) == (
        "工作表 Sheet1 的已用区域为 A1:IV65536(共 16777216 个单元格)，但有值的单元格很少(5 个；最下方的是 "
        "IV65536，最右侧的是 IV65536)。读取时需要为区域内的每个单元格占用内存。请删除表格下方或右侧远处的"
        "零散单元格(或选中表格下方的行和右侧的列，选择“全部清除”)，保存后重新上传。"
    )


def test_one_stray_cell_at_iv65536_of_an_xls_is_refused_naming_its_sheet(tmp_path):
    data = xls({"投诉": {**HEADER, (1, 2): "note", FAR: "x"}})
    said, peak_mb = _read_in_child(tmp_path, data)
    assert said == "ingest.refused.sparse_sheet None None"
    assert peak_mb < 200
    error = _refused(data, "far.xls")
    assert error.values == STRAY | {"sheet": "投诉", "filled": 6}


def test_an_xls_declaring_a_range_far_beyond_its_cells_is_refused_naming_its_farthest_cells():
    # calamine reserves the range a DIMENSIONS record declares: a formatted blank cell at IV65536 makes Excel
    # declare A1:IV65536 though no cell there holds a value
    error = _refused(xls({"Sheet1": HEADER}, dimensions={"Sheet1": (65_536, 256)}), "declared.xls")
    assert error.values == STRAY | {"filled": 4, "lowest": "A2", "rightmost": "B1"}


def test_a_dense_export_of_200000_rows_by_15_columns_is_far_from_the_rule():
    dense = UsedRange()
    dense.rows, dense.columns, dense.filled = 200_000, 15, 3_000_000
    dense.refuse_if_sparse("Sheet1")  # 3 million cells, one value each: nothing raised
    dense.filled = 3_000_000 // 20
    dense.refuse_if_sparse("Sheet1")  # twenty cells of range per value is still read
    dense.filled -= 1
    with pytest.raises(FileRefused):
        dense.refuse_if_sparse("Sheet1")


def test_a_dense_xls_of_over_a_million_cells_is_accepted():
    # an .xls holds 65,536 rows at most, so a large one is wide: 26,000 rows x 40 columns, 1,040,000 cells,
    # every one filled, one MULRK record per row (as Excel writes runs of numbers) of 40 RK values of 1.0 (the
    # test's compound file writer has no DIFAT: a 6.5 MB stream is about its largest)
    rk_row = struct.pack("<HI", 0, 0x3FF00000) * 40
    rows = b"".join(
        record(0x00BD, struct.pack("<HH", r, 0) + rk_row + struct.pack("<H", 39)) for r in range(1, 26_000)
    )
    header = {(0, c): f"col{c}" for c in range(40)}
    data = xls({"Sheet1": header}, dimensions={"Sheet1": (26_000, 40)}, records={"Sheet1": rows})
    assert check_xls_bounds(data) == {"Sheet1": []}  # accepted: no row hidden
    sparse = xls({"Sheet1": header}, dimensions={"Sheet1": (26_000, 40)})  # the same range, the header alone
    with pytest.raises(FileRefused) as caught:
        check_xls_bounds(sparse)
    assert caught.value.values["range"] == "A1:AN26000" and caught.value.values["filled"] == 40


def test_an_xlsx_over_a_million_cells_is_accepted_up_to_twenty_cells_of_range_per_value():
    # 70,000 rows x 15 columns (1,050,000 cells) with only column A filled below the header: 15 cells of range
    # per value, accepted; with every other row filled, 30, refused
    header = {f"{c}1": f"col{c}" for c in "ABCDEFGHIJKLMNO"}
    half = {f"A{r}": str(r) for r in range(2, 70_001, 2)}
    every = half | {f"A{r}": str(r) for r in range(3, 70_001, 2)}
    check_workbook_bounds(_xlsx(header | every | {"O70000": "x"}))
    with pytest.raises(FileRefused) as caught:
        check_workbook_bounds(_xlsx(header | half | {"O70000": "x"}))
    assert caught.value.values == {
        "sheet": "Sheet1",
        "range": "A1:O70000",
        "cells": 1_050_000,
        "filled": 15 + 35_000 + 1,
        "lowest": "A70000",
        "rightmost": "O1",
    }


def test_a_sparse_range_of_a_million_cells_or_fewer_is_read():
    # A1:J100000 holds 1,000,000 cells: not over the bound, read however empty
    data = _xlsx({"A1": "id", "B1": "name", "A2": "1", "B2": "x", "J100000": "stray"})
    assert reading.read_upload(data, "edge.xlsx").headers[:2] == ["id", "name"]
