"""Rows hidden in an .xlsx sheet (by a filter, or hidden by hand) are not what the user sees in Excel: the preview
names them (``xlsx_stamps.hidden_rows``). Probe (session 38): they were imported without a word."""

from __future__ import annotations

import io
import time
import zipfile

from openpyxl import Workbook

from portal.i18n import t
from portal.ingest import reading

HEAD = ["source_id", "received_at", "channel", "store_code"]


def book(blank_rows_above: int = 0, autofilter: bool = False, hide=(3, 6)) -> bytes:
    """Complaints C-1 .. C-6 under the header; the rows of C-2 and C-5 hidden (``hide``: their row among the
    table's, the header being 1)."""
    wb = Workbook()
    sheet = wb.active
    for _ in range(blank_rows_above):
        sheet.append([])
    sheet.append(HEAD)
    for i in range(1, 7):
        sheet.append([f"C-{i}", f"2026-03-0{i} 09:00", "hotline", "S001"])
    for row in hide:
        sheet.row_dimensions[blank_rows_above + row].hidden = True
    if autofilter:
        sheet.auto_filter.ref = f"A{blank_rows_above + 1}:D{blank_rows_above + 7}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def hidden_note(raw) -> dict:
    [values] = [v for k, v in raw.notes if k == "ingest.notice.hidden_rows"]
    return values


def test_rows_hidden_by_a_filter_are_named_in_a_notice():
    raw = reading.read_upload(book(autofilter=True), "filtered.xlsx")
    assert raw.frame["source_id"].tolist() == [f"C-{i}" for i in range(1, 7)]  # imported like the others
    values = hidden_note(raw)
    assert values["n"] == 2 and str(values["rows"]) == "3, 6"
    assert t("ingest.notice.hidden_rows", "en", **values) == (
        "2 rows are hidden in the sheet (by a filter, or hidden rows): rows 3, 6. They are read and imported like "
        "the others; if they should not be, delete them from the sheet (clear the filter to see them) and upload "
        "it again."
    )
    assert t("ingest.notice.hidden_rows", "zh", **values).startswith(
        "工作表中有 2 行被隐藏(筛选或隐藏行)：第 3、6 行。"
    )


def test_one_hidden_row_below_blank_rows_is_named_as_the_errors_name_it():
    raw = reading.read_upload(book(blank_rows_above=2, hide=(4,)), "hidden.xlsx")
    values = hidden_note(raw)
    # the sheet's row 6 (two blank rows, then the table's row 4), as Excel and the messages number it
    assert values["n"] == 1 and str(values["rows"]) == "6"
    assert raw.frame.loc[6, "source_id"] == "C-3"  # the row number the messages use
    assert t("ingest.notice.hidden_rows", "en", **values).startswith("1 row is hidden in the sheet")


def test_a_sheet_without_hidden_rows_has_no_notice():
    raw = reading.read_upload(book(hide=()), "plain.xlsx")
    assert not [k for k, _ in raw.notes if k == "ingest.notice.hidden_rows"]


def test_many_hidden_rows_are_checked_column_by_column():
    """A filter that leaves 10 of 20,000 rows shown: the check for text in the hidden rows went a row at a time
    (frame.loc per row, 264 s for 99,990 of 100,000 rows); column by column it is a fraction of the read."""
    wb = Workbook()
    sheet = wb.active
    sheet.append(HEAD)
    for i in range(1, 20_001):
        sheet.append([f"C-{i}", "2026-03-01 09:00", "hotline", "S001"])
    for row in range(12, 20_002):
        sheet.row_dimensions[row].hidden = True
    out = io.BytesIO()
    wb.save(out)
    started = time.process_time()
    raw = reading.read_upload(out.getvalue(), "filtered.xlsx")
    spent = time.process_time() - started
    values = hidden_note(raw)
    assert values["n"] == 19_990 and str(values["rows"]).startswith("12, 13, 14")
    assert spent < 3.0, f"{spent:.1f} s of CPU to read 20,000 rows"  # ~0.5 s; a row at a time, ~6 s


def test_hidden_rows_are_read_as_xml_by_the_bounds_scan():
    """The sheet's rows are read once, by the bounds scan's XML parser: a hidden row written with single quotes
    (hidden='1', as valid as double ones) is named; a regex over the inflated XML passed it over."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book(hide=(3, 6)))) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            part = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                part = part.replace(b'hidden="1"', b"hidden='1'")
            dst.writestr(item, part)
    values = hidden_note(reading.read_upload(out.getvalue(), "quoted.xlsx"))
    assert values["n"] == 2 and str(values["rows"]) == "3, 6"


def xls_book(blank_rows_above: int = 0, hide=(3, 6)) -> bytes:
    """``book``'s table as a legacy .xls, each row with its ROW record as Excel writes it (fDyZero, 0x20, and
    fUnsynced, 0x40, on a hidden row; bit 8 always set), the hidden ones at ``hide`` among the table's rows."""
    import struct

    from tests.xls_fixture import record, xls

    table = [HEAD] + [[f"C-{i}", f"2026-03-0{i} 09:00", "hotline", "S001"] for i in range(1, 7)]
    cells = {(blank_rows_above + r, c): v for r, row in enumerate(table) for c, v in enumerate(row)}
    rows = b"".join(
        record(
            0x0208,
            struct.pack(
                "<HHHHHHHH",
                blank_rows_above + r,
                0,
                4,
                0x00FF,
                0,
                0,
                0x0160 if r + 1 in hide else 0x0100,
                0x0F,
            ),
        )
        for r in range(len(table))
    )
    return xls({"Sheet1": cells}, records={"Sheet1": rows})


def test_rows_hidden_in_a_legacy_xls_are_named_as_in_an_xlsx():
    """python-calamine does not say which rows of an .xls are hidden; the bounds walk over its BIFF records reads
    each ROW record's flag. Probe (session 39): an .xls with rows hidden was imported without a word."""
    raw = reading.read_upload(xls_book(), "filtered.xls")
    assert raw.frame["source_id"].tolist() == [f"C-{i}" for i in range(1, 7)]  # imported like the others
    values = hidden_note(raw)
    assert values["n"] == 2 and str(values["rows"]) == "3, 6"
    raw = reading.read_upload(xls_book(blank_rows_above=2, hide=(4,)), "hidden.xls")
    assert str(hidden_note(raw)["rows"]) == "6" and raw.frame.loc[6, "source_id"] == "C-3"
    raw = reading.read_upload(xls_book(hide=()), "plain.xls")
    assert not [k for k, _ in raw.notes if k == "ingest.notice.hidden_rows"]
