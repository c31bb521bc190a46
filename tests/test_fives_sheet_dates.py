"""The 5S sheet parser's header dates (split from tests/test_fives_sheet_parse.py, unchanged): dates written day
first, month first or as stamps, the workbook's order for an ambiguous one, and the examples of an unreadable one."""

from __future__ import annotations

from datetime import date

import pytest

from portal.fives_intake import sheet_parse, words
from tests import test_fives_sheet_parse as parse_tests
from tests.test_fives_sheet_parse import corpus

templates, default = parse_tests.templates, parse_tests.default  # its fixtures


# ---------------------------------------------------------------- header dates written day first (tester, E1)


def _with_dates(default, *dates) -> bytes:
    """The two-sheet workbook (sheets S001, S002 after "Instructions") with the header dates typed as text."""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(corpus.CASES["two_sheets.xlsx"](default)))
    for name, value in zip(("S001", "S002"), dates, strict=False):
        wb[name].cell(3, 2).value = value
    if len(dates) == 1:
        del wb["S002"]
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("text", "day_first", "expected", "order", "ambiguous"),
    [
        ("23/11/2026", None, date(2026, 11, 23), "dmy", False),  # 23 > 12: only a day
        ("11/23/2026", None, date(2026, 11, 23), "mdy", False),  # 23 > 12 second: month first
        ("23-11-2026", None, date(2026, 11, 23), "dmy", False),
        ("2.11.2026", None, date(2026, 11, 2), "dmy", False),  # dotted: day first, as complaint files
        ("23.11.2026", None, date(2026, 11, 23), "dmy", False),
        ("3/11/2026", None, date(2026, 3, 11), "mdy", True),  # nothing tells: month first (the default)
        ("3/11/2026", True, date(2026, 11, 3), "dmy", True),  # the workbook's other dates are day first
        ("3/11/2026", False, date(2026, 3, 11), "mdy", True),
        ("5/5/2026", None, date(2026, 5, 5), "mdy", False),  # both readings the same day
        ("２３/１１/２０２６", None, date(2026, 11, 23), "dmy", False),  # full-width digits
        ("23/11/2026 星期一", None, date(2026, 11, 23), "dmy", False),
        ("2026-11-23", None, date(2026, 11, 23), "", False),
        ("31/02/2026", None, None, "dmy", False),
        ("13/13/2026", None, None, "dmy", False),
        ("11月23日", None, None, "", False),  # no year
    ],
)
def test_header_date_spellings(text, day_first, expected, order, ambiguous):
    reading = words.read_date(text, day_first)
    assert (reading.value, reading.order if expected or order else "", reading.ambiguous) == (
        expected,
        order,
        ambiguous,
    )


@pytest.mark.parametrize(
    ("value", "zone", "expected", "in_zone"),
    [
        ("Tue, 10 Feb 2025 03:22:08 +0000", "Asia/Shanghai", date(2025, 2, 10), True),  # RFC 2822
        ("Tue, 10 Feb 2025 20:22:08 GMT", "Asia/Shanghai", date(2025, 2, 11), True),  # 04:22 in Beijing
        ("Tue, 10 Feb 2025 20:22:08 GMT", "UTC", date(2025, 2, 10), True),
        ("10 Feb 2025", "Asia/Shanghai", date(2025, 2, 10), False),  # a date only: as written, in any zone
        ("1739218928", "Asia/Shanghai", date(2025, 2, 11), True),  # Unix time: 2025-02-10 20:22:08 UTC
        ("1739218928", "UTC", date(2025, 2, 10), True),
        ("1739218928000", "Asia/Shanghai", date(2025, 2, 11), True),  # milliseconds
        (1739218928, "Asia/Shanghai", date(2025, 2, 11), True),  # a number cell
        ("20250210", "Asia/Shanghai", date(2025, 2, 10), False),  # compact
        (20250210, "Asia/Shanghai", date(2025, 2, 10), False),  # a bare 8-digit number is a compact date
        (20250210.0, "Asia/Shanghai", date(2025, 2, 10), False),  # ... also as a float cell
        ("２０２５０２１０", "Asia/Shanghai", date(2025, 2, 10), False),  # full-width digits
        ("20250210032208", "Asia/Shanghai", date(2025, 2, 10), False),  # no offset: local time as written
        ("2026-11-23T20:00:00Z", "Asia/Shanghai", date(2026, 11, 24), True),  # an ISO moment: as RFC 2822's
        ("20251302", "UTC", None, False),  # no month 13
        ("12345678", "UTC", None, False),
        ("17391577280", "UTC", None, False),  # 11 digits: no Unix time
        ("Tue, 10 Feb 2025 03:22:08 CST", "UTC", None, False),  # US Central or China Standard Time?
        ("45698", "UTC", date(2025, 2, 10), False),  # a serial day as text (a CSV saved from Excel): a date
        ("19999", "UTC", None, False),  # below the serial range (1954): no stamp
    ],
)
def test_header_date_takes_the_complaint_imports_stamps(value, zone, expected, in_zone):
    """RFC 2822, Unix time and compact dates (commit cdd66e4), read by portal.ingest.stamps: a moment's date in
    the zone given (the reporting zone), as a flat file's date column is read; refused before."""
    reading = words.read_date(value, None, zone)
    assert (reading.value, reading.order, reading.zone) == (
        expected,
        "stamp" if expected else "",
        zone if in_zone else "",
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (45698, date(2025, 2, 10)),  # a number cell: an Excel serial day, not a stamp
        (45698.0, date(2025, 2, 10)),
        (45698.5, date(2025, 2, 10)),
        ("2026-11-23 20:00", date(2026, 11, 23)),  # no offset: the date written
    ],
)
def test_a_serial_day_and_a_time_without_offset_are_read_as_before(value, expected):
    assert words.read_date(value, None, "Asia/Shanghai") == words.DateReading(expected)


def test_a_number_typed_in_a_date_cell_is_read_as_the_number():
    """openpyxl gives #VALUE! for 20250210 or a Unix time in a cell formatted yyyy-mm-dd (no such day): the sheet's
    reader takes the number stored; a serial day in such a cell stays a date, an error cell an error."""
    import io
    from datetime import datetime

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append([20250210, 1739218928, 45698, "#VALUE!"])
    for cell in ws[1][:3]:
        cell.number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    wb.save(out)
    (_, grid), *_ = sheet_parse.read_grids(out.getvalue())
    assert grid == [[20250210, 1739218928, datetime(2025, 2, 10), "#VALUE!"]]


def test_a_header_date_written_as_a_stamp_is_read_with_a_notice(templates, default):
    """Unix time in S001's date cell, a compact date as a number in S002's: read (before: "cannot be read"),
    each said in a notice; the Unix time's date is Beijing's, the zone given."""
    data = _with_dates(default, 1739218928, 20250210)
    r = sheet_parse.parse_workbook(data, "stamps.xlsx", templates, default, "Asia/Shanghai")
    assert r.errors == []
    assert [(i.sheet, i.inspected_on) for i in r.inspections] == [
        ("S001", date(2025, 2, 11)),
        ("S002", date(2025, 2, 10)),
    ]
    notes = [m for m in r.notices if m.key.startswith("fives_intake.parse.date")]
    assert [n.text("en") for n in notes] == [
        "Sheet S001, row 3, column B: The date '1739218928' is a point in time (with its offset, or Unix time, "
        "which is UTC); it is read as 2025-02-11, its date in Beijing time.",
        "Sheet S002, row 3, column B: The date '20250210' is read as 2025-02-10.",
    ]
    assert (
        notes[0]
        .text("zh")
        .endswith(
            "日期 '1739218928' 是带时区的时间点(含时差，或为按 UTC 计的 Unix 时间)；按北京时间读作 2025-02-11。"
        )
    )
    assert notes[1].text("zh").endswith("日期 '20250210' 读作 2025-02-10。")


def test_a_day_first_header_date_is_read_with_a_notice(templates, default):
    # the tester's sheet E1: '23/11/2026' was refused ("cannot be read. Write it as 2026-11-30")
    r = sheet_parse.parse_workbook(_with_dates(default, "23/11/2026"), "e1.xlsx", templates, default)
    assert r.errors == []
    (insp,) = r.inspections
    assert insp.inspected_on == date(2026, 11, 23)
    (note,) = [m for m in r.notices if m.key.startswith("fives_intake.parse.date")]
    assert note.text("en") == (
        "Sheet S001, row 3, column B: The date '23/11/2026' is read day first (DD/MM/YYYY): 2026-11-23."
    )
    assert note.text("zh").endswith("日期 '23/11/2026' 按“日/月/年”读取：2026-11-23。")


def test_an_ambiguous_header_date_takes_the_workbook_order(templates, default):
    # S001's 23/11/2026 shows the workbook writes day first, so S002's 3/11/2026 is 3 November, not 11 March
    data = _with_dates(default, "23/11/2026", "3/11/2026")
    r = sheet_parse.parse_workbook(data, "two.xlsx", templates, default)
    assert r.errors == []
    assert [(i.sheet, i.inspected_on) for i in r.inspections] == [
        ("S001", date(2026, 11, 23)),
        ("S002", date(2026, 11, 3)),
    ]
    (note,) = [m for m in r.notices if m.key == "fives_intake.parse.date_ambiguous_file"]
    assert (note.sheet, note.row, note.column) == ("S002", 3, "B")
    assert note.text("en") == (
        "Sheet S002, row 3, column B: The date '3/11/2026' could be 2026-11-03 (day first) or 2026-03-11 "
        "(month first); it is read as 2026-11-03, the order of the workbook's other dates. If that is wrong, "
        "write it year-month-day."
    )
    assert (
        "可读作 2026-11-03(日/月/年)或 2026-03-11(月/日/年)；按本工作簿其他日期的写法读作 2026-11-03"
        in note.text("zh")
    )


def test_an_ambiguous_header_date_alone_is_read_month_first_naming_both(templates, default):
    r = sheet_parse.parse_workbook(_with_dates(default, "3/11/2026"), "one.xlsx", templates, default)
    assert r.errors == []
    assert r.inspections[0].inspected_on == date(2026, 3, 11)  # month first, the portal's default
    (note,) = [m for m in r.notices if m.key == "fives_intake.parse.date_ambiguous_default"]
    for lang in ("en", "zh"):
        assert "2026-11-03" in note.text(lang) and "2026-03-11" in note.text(lang)
    assert "nothing in the workbook tells, so it is read month first" in note.text("en")
    assert "工作簿中没有可判断的日期，按“月/日/年”" in note.text("zh")


def test_an_unreadable_header_date_gets_an_example_from_its_cell(templates, default):
    # 31 February does not exist either way round: the example keeps the cell's year and month, the day
    # brought to February's last (2026 is no leap year: 28); the message no longer says 2026-11-30 whatever the cell
    r = sheet_parse.parse_workbook(_with_dates(default, "31/02/2026"), "bad.xlsx", templates, default)
    (bad,) = r.errors
    assert (bad.key, bad.row, bad.column) == ("fives_intake.parse.bad_date", 3, "B")
    assert bad.text("en") == (
        "Sheet S001, row 3, column B: The date '31/02/2026' cannot be read. Write it year-month-day, as 2026-02-28."
    )
    assert bad.text("zh").endswith("无法识别日期 '31/02/2026'。请按“年-月-日”填写，如 2026-02-28。")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11月23日", "2030-11-23"),  # no year: this year's (today given as 2030-01-05)
        ("31/02/2026", "2026-02-28"),
        ("2026-13-05", "2026-05-13"),  # 13 is no month: the day
        ("next Tuesday", "2030-01-05"),  # nothing to build from: today
    ],
)
def test_date_example(text, expected):
    assert words.date_example(text, today=date(2030, 1, 5)) == expected
