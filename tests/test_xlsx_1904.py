"""Workbooks that count dates from 1904 (portal/ingest/xlsx_1904.py). A helper's probe: a Mac Excel workbook's
General-formatted serial numbers were read four years and a day early (the 1900 count), while its date-formatted
cells were read right. Both now read as Excel shows them, said in a notice. Worked by hand: on the 1904 count,
serial 44874.375 is 1904-01-01 + 44874 days + 9 h = 2026-11-10 09:00 (on the 1900 count: 2022-11-09 09:00)."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from portal.i18n import t
from portal.ingest import pipeline, reading, registry, xlsx_1904
from tests.test_complaints_missing_inputs import ADMIN

KIND = registry.kind("complaints")


def workbook(epoch_1904: bool) -> bytes:
    book = openpyxl.Workbook()
    if epoch_1904:
        book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    sheet.append(["工单编号", "创建时间", "首次响应时间", "门店编码", "渠道"])
    sheet.append(
        ["Q001", 44874.375, datetime(2026, 11, 10, 10, 30), "S001", "热线"]
    )  # General serial, a date cell
    sheet.append(["Q002", 44875, datetime(2026, 11, 11, 15, 0), "S002", "热线"])  # a whole day: no time
    sheet["C2"].number_format = sheet["C3"].number_format = "yyyy/m/d h:mm"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_1904_workbooks_serial_dates_read_as_excel_shows_them(con):
    data = workbook(True)
    assert xlsx_1904.uses_1904(data) and not xlsx_1904.uses_1904(workbook(False))
    options = pipeline.ImportOptions(now=datetime(2026, 12, 1), timezone="UTC")
    prepared = pipeline.prepare(con, KIND, reading.read_upload(data, "mac.xlsx"), None, options, ADMIN)
    assert prepared.errors.empty, prepared.errors
    received = [f"{s:%Y-%m-%d %H:%M}" for s in prepared.values["received_at"]]
    assert received == ["2026-11-10 09:00", "2026-11-11 00:00"]
    answered = [f"{s:%Y-%m-%d %H:%M}" for s in prepared.values["first_response_at"]]
    assert answered == ["2026-11-10 10:30", "2026-11-11 15:00"]  # date cells: read right before too
    (said,) = [v for k, v in prepared.notices if k == xlsx_1904.NOTICE]
    assert said["n"] == 2 and str(said["columns"]) == "创建时间"
    assert t(xlsx_1904.NOTICE, "en", **said).startswith("The workbook counts dates from 1904")


def test_a_1900_workbooks_serial_dates_are_read_as_before(con):
    options = pipeline.ImportOptions(now=datetime(2026, 12, 1), timezone="UTC")
    prepared = pipeline.prepare(
        con, KIND, reading.read_upload(workbook(False), "pc.xlsx"), None, options, ADMIN
    )
    # 44874.375 on the 1900 count: 2022-11-09 09:00
    assert f"{prepared.values['received_at'].iloc[0]:%Y-%m-%d %H:%M}" == "2022-11-09 09:00"
    assert not [k for k, _ in prepared.notices if k == xlsx_1904.NOTICE]
