"""Row numbers of an upload whose table starts below blank rows: every message names the row the user sees in
Excel (or a text editor), whatever the format. Probe (session 39): an .xlsx or .xls whose header is in row 3
had its errors counted from the first used row (the bad row 5 was "row 3"), and a CSV starting with a blank line
was refused as "The file is empty."."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from openpyxl import Workbook

from portal.auth import User
from portal.ingest import pipeline, reading, registry
from portal.scope import Scope
from tests.xls_fixture import xls

KIND = registry.kind("complaints")
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
HEAD = ["source_id", "received_at", "channel", "store_code"]
# two blank rows, the header in row 3, C-1 in row 4, C-2 (a date that is none) in row 5, C-3 in row 6
ROWS = [
    ["C-1", "2026-03-01 09:00", "hotline", "S001"],
    ["C-2", "not a date", "hotline", "S001"],
    ["C-3", "2026-03-03 09:00", "hotline", "S001"],
]


def as_xlsx() -> bytes:
    wb = Workbook()
    sheet = wb.active
    sheet.append([])
    sheet.append([])
    for row in [HEAD, *ROWS]:
        sheet.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def as_xls() -> bytes:
    cells = {(2 + i, j): v for i, row in enumerate([HEAD, *ROWS]) for j, v in enumerate(row)}
    return xls({"Sheet1": cells})


def as_csv(newline: str = "\n", bom: bool = False) -> bytes:
    text = newline * 2 + "".join(",".join(r) + newline for r in [HEAD, *ROWS])
    return text.encode("utf-8-sig" if bom else "utf-8")


FILES = {
    "blank.xlsx": as_xlsx,
    "blank.xls": as_xls,
    "blank.csv": as_csv,
    "excel-crlf-bom.csv": lambda: as_csv("\r\n", bom=True),
}


@pytest.mark.parametrize("name", list(FILES))
def test_rows_below_blank_rows_are_numbered_as_the_sheet_numbers_them(con, name):
    raw = reading.read_upload(FILES[name](), name)
    assert raw.frame.index.tolist() == [4, 5, 6]
    assert ("ingest.notice.rows_above_header", {"header_row": 3}) in raw.notes
    options = pipeline.ImportOptions(timezone="Europe/Berlin", now=datetime(2026, 6, 1))
    prepared = pipeline.prepare(con, KIND, raw, None, options, ADMIN)
    assert (prepared.n_rows, prepared.n_valid, prepared.n_invalid) == (3, 2, 1)
    [error] = prepared.error_messages("en").to_dict("records")
    assert (error["row"], error["column"]) == (5, "received_at")
    assert error["reason"].startswith("Not a date or time"), error
