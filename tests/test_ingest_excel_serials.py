"""Excel date-times kept as serial numbers (General-formatted cells, or a CSV saved from such a sheet) are read
as the stamps they are, in the import's time zone (exports probe: the received column was not suggested and every
row was "not a date"; with a real date cell received, the serial reply and resolution columns were all dropped)."""

from __future__ import annotations

import io
from datetime import datetime

from openpyxl import Workbook

from portal.auth import User
from portal.ingest import pipeline, registry
from portal.scope import Scope

KIND = registry.kind("complaints")
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
NOW = datetime(2026, 12, 1)


def _stored(con):
    return con.execute(
        "select source_id, received_at, received_date_only, first_response_at, resolved_at, "
        "resolved_date_only, status from complaints order by source_id"
    ).fetchall()


def test_serial_reply_and_resolution_cells_of_a_workbook_are_stored(con):
    book = Workbook()
    sheet = book.active
    sheet.append(["工单编号", "受理时间", "渠道", "门店编码", "首次响应时间", "解决时间"])
    sheet.append(
        ["SE-0", datetime(2026, 11, 10, 9, 30), "热线", "S001", 46336.47916666666, 46337.729166666664]
    )
    sheet.append(["SE-1", datetime(2026, 11, 11, 9, 30), "热线", "S002", 46337.5, 46339])
    sheet["B2"].number_format = sheet["B3"].number_format = "yyyy-mm-dd hh:mm"  # E and F stay General
    data = io.BytesIO()
    book.save(data)
    options = pipeline.ImportOptions(now=NOW, timezone="Asia/Shanghai")
    prepared, result = pipeline.import_bytes(con, KIND, data.getvalue(), "serials.xlsx", None, options, ADMIN)
    assert (result.rows_added, prepared.n_invalid) == (2, 0)
    assert not [n for n in prepared.notices if n[0] == "ingest.notice.stamps_left_out"]
    assert _stored(con) == [
        (
            "SE-0",
            datetime(2026, 11, 10, 1, 30),
            False,
            datetime(2026, 11, 10, 3, 30),  # 46336.47916666666: 2026-11-10 11:30 in Shanghai
            datetime(2026, 11, 11, 9, 30),  # 46337.729166666664: 2026-11-11 17:30
            False,
            "resolved",
        ),
        # 46337.5 is 2026-11-11 12:00; the whole 46339 is the date 2026-11-13
        (
            "SE-1",
            datetime(2026, 11, 11, 1, 30),
            False,
            datetime(2026, 11, 11, 4, 0),
            datetime(2026, 11, 13),
            True,
            "resolved",
        ),
    ]


def test_a_csv_saved_from_a_sheet_of_serials_is_mapped_and_read(con):
    data = (
        "工单编号,受理时间,渠道,门店编码,首次响应时间\n"
        "XC1,46332.195833,热线,S001,46333.188889\n"
        "XC2,46338.042361,热线,S002,\n"
    ).encode("gb18030")
    options = pipeline.ImportOptions(now=NOW, timezone="Asia/Shanghai")
    prepared, result = pipeline.import_bytes(con, KIND, data, "serials.csv", None, options, ADMIN)
    assert (
        prepared.mapping["received_at"] == "受理时间"
        and prepared.mapping["first_response_at"] == "首次响应时间"
    )
    assert (result.rows_added, prepared.n_invalid) == (2, 0)
    assert [row[:4] for row in _stored(con)] == [
        ("XC1", datetime(2026, 11, 5, 20, 42), False, datetime(2026, 11, 6, 20, 32)),  # 04:42 and 04:32 local
        ("XC2", datetime(2026, 11, 11, 17, 1), False, None),  # 46338.042361: 2026-11-12 01:01
    ]
