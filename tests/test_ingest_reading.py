"""Reading uploads: encodings detected (never asked), CSV dialects, XLSX sheets and cells, row numbers."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from portal.ingest import reading, xlsx_stamps

TEXT = "编号,渠道\nT-1,热线电话\nT-2,门店\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),  # Excel's "Unicode text" (with its BOM)
    ],
)
def test_encodings_are_detected(data, encoding):
    raw = reading.read_upload(data, "x.csv")
    assert raw.encoding == encoding
    assert raw.headers == ["编号", "渠道"]
    assert raw.frame["渠道"].tolist() == ["热线电话", "门店"]


def test_gb18030_only_characters():
    # 𠀀 (U+20000) is in GB18030 (a four-byte sequence) but not in GBK
    raw = reading.read_upload("id,name\n1,𠀀店\n".encode("gb18030"), "x.csv")
    assert raw.frame["name"].tolist() == ["𠀀店"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters(delimiter):
    data = (
        delimiter.join(["a", "b", "c"])
        + "\n"
        + delimiter.join(["1", "x, y", "3"]).replace("x, y", '"x, y"')
        + "\n"
    )
    raw = reading.read_upload(data.encode(), "x.csv")
    assert raw.delimiter == delimiter
    assert raw.frame.loc[2].tolist() == ["1", "x, y", "3"]


def test_row_numbers_match_the_spreadsheet_and_cells_stay_text():
    data = b'id,note,n\n\nA,"two\nlines",007\n,,\nB,plain,1.50\n'
    raw = reading.read_upload(data, "x.csv")
    # row 1 header, row 2 blank, row 3 A (one row despite the line break), row 4 blank, row 5 B
    assert list(raw.frame.index) == [3, 5]
    assert raw.frame["n"].tolist() == ["007", "1.50"]  # no number parsing here: zeros kept
    assert raw.frame.loc[3, "note"] == "two\nlines"


def _workbook(*sheets: list[list]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for i, rows in enumerate(sheets):
        sheet = book.create_sheet(f"S{i}")
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_reads_the_first_sheet_with_data_and_types_cells_as_text():
    data = _workbook(
        [],
        [
            ["id", "when", "n", "x"],
            ["A", datetime(2026, 3, 1, 9, 30), 42, 2.5],
            ["B", datetime(2026, 3, 2), 7.0, None],
        ],
    )
    raw = reading.read_upload(data, "export.xlsx")
    assert raw.sheet == "S1"
    assert raw.frame.loc[2].tolist() == ["A", "2026-03-01 09:30:00", "42", "2.5"]
    # a midnight datetime (openpyxl's format yyyy-mm-dd h:mm:ss) is a time of 00:00, not a date (reviewer)
    assert raw.frame.loc[3].tolist() == ["B", "2026-03-02 00:00:00", "7", ""]


def test_an_xlsx_midnight_reads_as_a_time_when_formatted_with_one_and_as_a_date_when_not():
    # calamine gives date(2026, 11, 3) for both cells of the first row: only their formats tell them apart
    book = Workbook()
    sheet = book.active
    sheet["B2"], sheet["C2"], sheet["D2"] = "Ticket ID", "Created at", "Closed"  # the table starts at B2
    rows = [
        ("M1", datetime(2026, 11, 3, 0, 0), datetime(2026, 11, 3), "yyyy-mm-dd hh:mm"),
        ("M2", datetime(2026, 11, 3, 9, 15), date(2026, 11, 4), 'yyyy"年"m"月"d"日" h:mm'),
        ("M3", datetime(2026, 11, 4, 0, 0), datetime(2026, 11, 5, 0, 0), "m/d/yyyy h:mm AM/PM"),
    ]
    for r, (ticket, created, closed, created_format) in enumerate(rows, start=3):
        sheet.cell(r, 2, ticket)
        sheet.cell(r, 3, created).number_format = created_format
        sheet.cell(r, 4, closed).number_format = "yyyy-mm-dd" if r < 5 else 'yyyy"年"m"月"d"日"'
    out = io.BytesIO()
    book.save(out)
    raw = reading.read_upload(out.getvalue(), "midnight.xlsx")
    assert raw.frame["Created at"].tolist() == [
        "2026-11-03 00:00:00",
        "2026-11-03 09:15:00",
        "2026-11-04 00:00:00",
    ]
    assert raw.frame["Closed"].tolist() == ["2026-11-03", "2026-11-04", "2026-11-05"]


@pytest.mark.parametrize(
    ("code", "timed"),
    [
        ("yyyy-mm-dd hh:mm", True),
        ("m/d/yyyy h:mm AM/PM", True),
        ("[$-804]yyyy/m/d hh:mm:ss", True),
        ("yyyy-mm-dd", False),
        ('yyyy"年"m"月"d"日"', False),
        ("[$-409]mmmm d, yyyy", False),
        ("dddd, mmmm dd", False),
    ],
)
def test_a_number_format_shows_a_time_when_it_has_hours_or_seconds(code, timed):
    assert xlsx_stamps.format_has_time(code) is timed


def test_an_xlsx_percentage_reads_as_excel_shows_it():
    # calamine gives a cell formatted 0% that shows 85% as 0.85: a QA score typed so was stored as 0.85 (probe)
    book = Workbook()
    sheet = book.active
    sheet.append(["Review ID", "Score", "Rate", "Plain", "Text"])
    rows = [
        ("R1", 0.85, 0.8125, 0.85, "85%"),
        ("R2", 0.9, 0.07, 1, "x"),
        ("R3", 1, None, 0.5, "y"),
    ]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            sheet.cell(r, c, value)
        sheet.cell(r, 2).number_format = "0%"  # built-in 9
        sheet.cell(r, 3).number_format = "0.0%;[Red]-0.0%"  # a custom one
    sheet["D4"].number_format = '0"%"'  # a literal % sign: the number itself
    out = io.BytesIO()
    book.save(out)
    raw = reading.read_upload(out.getvalue(), "pct.xlsx")
    assert raw.frame["Score"].tolist() == ["85%", "90%", "100%"]
    assert raw.frame["Rate"].tolist() == ["81.25%", "7%", ""]
    assert raw.frame["Plain"].tolist() == ["0.85", "1", "0.5"]
    assert raw.frame["Text"].tolist() == ["85%", "x", "y"]


@pytest.mark.parametrize(
    ("code", "percent"),
    [("0%", True), ("0.00%", True), ("#,##0.0%;[Red]-#,##0.0%", True), ('0"%"', False), ("0.00", False),
     ('"%"@', False), ("0\\%", False)],
)  # fmt: skip
def test_a_number_format_is_a_percentage_when_it_has_a_bare_percent_sign(code, percent):
    assert xlsx_stamps.format_is_percent(code) is percent


def test_header_row_with_numbers_or_dates_is_not_a_header():
    with pytest.raises(reading.FileRefused) as caught:
        reading.read_upload(b"1,2,3\n4,5,6\n", "x.csv")
    assert caught.value.reason == "ingest.refused.no_header"
    with pytest.raises(reading.FileRefused):
        reading.read_upload(b"T-1,2026/03/01,hotline\n", "x.csv")


def test_a_nameless_column_with_data_gets_a_name():
    raw = reading.read_upload(b"id,,c\n1,x,3\n", "x.csv")
    assert raw.headers == ["id", "column 2", "c"]


def test_hash_is_of_the_bytes():
    a = reading.read_upload(b"id\n1\n", "a.csv")
    b = reading.read_upload(b"id\n1\n", "b.csv")
    c = reading.read_upload(b"id\n2\n", "a.csv")
    assert a.file_hash == b.file_hash != c.file_hash
    assert len(a.file_hash) == 64


def test_mojibake_in_headers_and_cells_is_repaired():
    import ftfy.bad_codecs  # noqa: F401

    data = "类别\n产品质量\n".encode().decode("sloppy-windows-1252").encode("utf-8")
    raw = reading.read_upload(data, "x.csv")
    assert raw.headers == ["类别"] and raw.frame["类别"].tolist() == ["产品质量"]
    assert raw.repaired_cells == 1
    # ordinary accented text is left alone
    assert reading.read_upload("name\nCafé Müller\n".encode(), "x.csv").frame["name"].tolist() == [
        "Café Müller"
    ]


@pytest.mark.parametrize(
    "lines",
    [
        # GBK bytes that charset-normalizer rated as Korean (配送延迟 read as 토箇儺넨)
        ["Ticket ID,Category", "GB-1,配送延迟", "GB-2,退货退款", "GB-3,门店环境"],
        ["Ticket ID,Category", "GB-11,收银错误", "GB-12,收银错误"],
        # GBK bytes that are also valid UTF-8 (郑爽 is UTF-8 for a Hebrew accent and a modifier letter)
        ["response_id,comment", "GBS-1,郑爽"],
        ["id,name,partner", "1,张伟,李娜"],
    ],
)
def test_short_gbk_exports_are_read_as_gbk(lines):
    data = ("\r\n".join(lines) + "\r\n").encode("gbk")
    raw = reading.read_upload(data, "x.csv")
    assert raw.encoding == "gb18030"
    assert raw.frame.iloc[:, -1].tolist() == [ln.split(",")[-1] for ln in lines[1:]]


@pytest.mark.parametrize(
    "name",
    [
        "Hélène Müller",
        "Straße",
        "Αθήνα",
        "Łódź",
        "Ñoño",
        "Иван Петров",
        # each of these passes the GB2312 byte test (every trail byte A1-BF): the reading decides (reviewer)
        "O´Brien",  # an acute accent typed as the apostrophe
        "D´Angelo,Pérez".replace(",", " "),
        "«él» dijo",
        "señor «José»",
        "Bar\xadbara",  # a soft hyphen
        "Lieferung zu spät",
        "Franc\u0327ois",  # decomposed, as macOS writes names
        "Pha\u0323m Trương",
        "«Саид»",
    ],
)
def test_utf8_with_european_letters_stays_utf8(name):
    # plain letters, accents and marks on the letters they belong to: not GBK, even where every byte pair would
    # also read as a GB2312 hanzi (é is C3 A9)
    raw = reading.read_upload(("id,name\n1," + name + "\n").encode("utf-8"), "x.csv")
    assert raw.encoding == "utf-8" and raw.frame["name"].tolist() == [name]


def _states_workbook(sheets: list[tuple[str, list[list[str]], str]]) -> bytes:
    """An .xlsx of (name, rows, state) sheets; state "visible", "hidden" or "veryHidden"."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows, state in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        ws.sheet_state = state
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


NEW = [["工单编号", "创建时间", "渠道"], ["NEW-1", "2026-11-03 14:05", "热线"]]
OLD = [
    ["工单编号", "创建时间", "渠道", "类别", "状态"],
    ["OLD-1", "2025-01-03 14:05", "热线", "质量", "已解决"],
]


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_sheet_is_not_read_when_a_visible_one_has_data(state):
    # the hidden sheet has the wider header (last year's raw data, a drop-down list): what Excel shows is read
    raw = reading.read_upload(_states_workbook([("本月", NEW, "visible"), ("旧", OLD, state)]), "x.xlsx")
    assert raw.headers == NEW[0] and raw.frame["工单编号"].tolist() == ["NEW-1"]
    # both visible: the wider one, as before
    raw = reading.read_upload(_states_workbook([("本月", NEW, "visible"), ("旧", OLD, "visible")]), "x.xlsx")
    assert raw.frame["工单编号"].tolist() == ["OLD-1"]


def test_a_hidden_sheet_the_user_names_is_read():
    # a helper's probe: a pivot on the visible sheet, its data on a hidden one: --sheet Raw said "no sheet Raw"
    book = _states_workbook([("本月", NEW, "visible"), ("Raw", OLD, "hidden")])
    raw = reading.read_upload(book, "x.xlsx", sheet="Raw")
    assert raw.frame["工单编号"].tolist() == ["OLD-1"]
    assert reading.read_upload(book, "x.xlsx").frame["工单编号"].tolist() == [
        "NEW-1"
    ]  # unnamed: the visible one


def test_a_hidden_sheet_is_read_when_no_visible_one_has_data():
    raw = reading.read_upload(_states_workbook([("说明", [], "visible"), ("数据", OLD, "hidden")]), "x.xlsx")
    assert raw.frame["工单编号"].tolist() == ["OLD-1"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_title_and_an_export_line_above_a_short_sparse_export(fmt):
    # two one-cell lines above the header outnumbered the data rows, whose blank optional cells give each its
    # own width: the title was taken for the header (CSV refused for "12 fields but the header has 1")
    header = ["工单编号", "创建时间", "渠道", "类别", "严重程度", "门店编号", "处理人", "状态"]
    rows = [
        ["客户投诉明细报表"],
        ["导出时间：2026-11-30 18:00"],
        header,
        ["X-1", "2026-11-03 14:05", "电话", "质量", "", "S001", "", "已解决"],
        ["X-2", "2026-11-03 15:05", "微信", "配送", "高", "S001", "A002", ""],  # 7 filled, X-1 6
    ]
    if fmt == "csv":
        data = "\r\n".join(",".join(r) for r in rows).encode("gbk")
    else:
        wb = Workbook()
        for r in rows:
            wb.active.append([c or None for c in r])
        out = io.BytesIO()
        wb.save(out)
        data = out.getvalue()
    raw = reading.read_upload(data, f"x.{fmt}")
    assert raw.headers == header
    assert raw.frame["工单编号"].tolist() == ["X-1", "X-2"]


def test_a_one_column_file_with_a_stray_second_cell_keeps_its_header():
    # one-cell rows outnumber the wider ones: they are the file's width, the header is its first row (reviewer:
    # a single two-cell row had become the header and the rows above it were dropped)
    wb = Workbook()
    for r in [["agent_code"], ["A001"], ["A002", "left in May"], ["A003"], ["A004"]]:
        wb.active.append(r)
    out = io.BytesIO()
    wb.save(out)
    raw = reading.read_upload(out.getvalue(), "x.xlsx")
    assert raw.headers[0] == "agent_code" and raw.frame.iloc[:, 0].tolist() == [
        "A001",
        "A002",
        "A003",
        "A004",
    ]


@pytest.mark.parametrize("records", [0, 1, 2])
def test_a_report_whose_title_and_footer_lines_outnumber_its_records_keeps_its_header(records):
    # Salesforce's case report on a quiet day: the title, the as-of line and the footer lines (one cell each)
    # outnumbered the header and its one or two records, so the title was taken for the header ("Line 4 has 4
    # fields but the header has 1. Check the delimiter", session 31 probe); with no record the same message
    # instead of "no data rows"
    lines = ['"Cases by Owner"', '"As of 3/1/2024 10:00 AM"', "", '"Case Number","Date/Time Opened","Status"']
    lines += [f'"0000300{i}","10/20/2024 9:00 AM","New"' for i in range(records)]
    lines += [
        f'"Grand Totals ({records} records)","",""',
        "",
        '"Confidential Information - Do Not Distribute"',
    ]
    data = "\r\n".join(lines).encode()
    if not records:
        with pytest.raises(reading.FileRefused) as refused:
            reading.read_upload(data, "cases.csv")
        assert refused.value.reason == "ingest.refused.no_rows"
        return
    raw = reading.read_upload(data, "cases.csv")
    assert raw.headers == ["Case Number", "Date/Time Opened", "Status"]
    assert raw.frame["Case Number"].tolist() == [f"0000300{i}" for i in range(records)]


def test_a_store_code_merged_over_two_tickets_is_read_on_both_rows():
    # complaint probe: G9:G10 merged with S006 over tickets X6 and X7; X7 was stored without a store, silently
    wb = Workbook()
    ws = wb.active
    ws.append(["Complaints April"])
    ws.merge_cells("A1:C1")  # a title across columns stays a title
    ws.append(["Ticket", "Opened", "Store"])
    ws.append(["X6", "2024-04-01 09:00", "S006"])
    ws.append(["X7", "2024-04-01 10:00", None])
    ws.append(["X8", "2024-04-01 11:00", "S001"])
    ws.merge_cells("C3:C4")
    out = io.BytesIO()
    wb.save(out)
    raw = reading.read_upload(out.getvalue(), "april.xlsx")
    assert raw.headers == ["Ticket", "Opened", "Store"]
    assert raw.frame["Store"].tolist() == ["S006", "S006", "S001"]
    assert ("ingest.notice.merged_down", "C3:C4") in [
        (k, v.get("ranges").en) for k, v in raw.notes if "ranges" in v
    ]


def test_cells_merged_above_the_data_are_not_said_to_be_read_on_every_row():
    # review: a title merged down two rows above the header got the "merged cells read on every row" notice
    wb = Workbook()
    ws = wb.active
    ws.append(["Complaints April", None])
    ws.append([None, None])
    ws.merge_cells("A1:A2")
    ws.append(["Ticket", "Store"])
    ws.append(["X6", "S006"])
    out = io.BytesIO()
    wb.save(out)
    raw = reading.read_upload(out.getvalue(), "april.xlsx")
    assert raw.headers == ["Ticket", "Store"] and raw.frame["Store"].tolist() == ["S006"]
    assert "ingest.notice.merged_down" not in [k for k, _ in raw.notes]


def _damaged_sheet() -> bytes:
    """A workbook whose first sheet's XML is broken (expat: "not well-formed (invalid token)")."""
    import zipfile

    out = io.BytesIO()
    book = Workbook()
    book.active["A1"] = "id"
    book.save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, b"<worksheet><<" if item.filename == "xl/worksheets/sheet1.xml" else data)
    return damaged.getvalue()


@pytest.mark.parametrize(
    ("data", "english"),
    [(b"PK\x03\x04garbage", "File is not a zip file"), (_damaged_sheet(), "not well-formed (invalid token)")],
)
def test_a_workbook_that_cannot_be_opened_says_why_in_the_pages_language(data, english):
    """The reader library's reason is English: a Chinese page said "无法打开该工作簿(File is not a zip file)"."""
    from portal.i18n import t

    with pytest.raises(reading.FileRefused) as refused:
        reading.read_upload(data, "sheet.xlsx")
    exc = refused.value
    assert exc.reason == "ingest.refused.bad_spreadsheet"
    assert english in t(exc.reason, "en", **exc.values)
    assert t(exc.reason, "zh", **exc.values) == (
        "无法打开该工作簿(文件已损坏或不是 Excel 工作簿)。请在 Excel 中打开并重新另存为 .xlsx。"
    )
    assert english in str(exc)  # the log's and the command line's English


def test_a_csv_the_reader_cannot_split_says_why_in_the_pages_language():
    """A quote never closed: pandas' reason is English ("Error tokenizing data. C error: EOF inside string"), the
    Chinese page gets the portal's."""
    from portal.i18n import t

    with pytest.raises(reading.FileRefused) as refused:
        reading.read_upload(b'id,name,store\n1,"Ann,S001\n2,Bob,S002\n', "complaints.csv")
    exc = refused.value
    assert exc.reason == "ingest.refused.unreadable_csv"
    assert "EOF inside string" in t(exc.reason, "en", **exc.values)
    assert t(exc.reason, "zh", **exc.values) == (
        "无法读取该 CSV：各行无法按分隔符和引号拆分为字段。请检查分隔符和引号，或重新另存为“CSV UTF-8”。"
    )


@pytest.mark.parametrize("key", ["ingest.refused.bad_spreadsheet_why", "ingest.refused.unreadable_csv_why"])
def test_a_library_reason_without_words_is_the_portals_in_english(key):
    """A library's exception with no message: the English page says the portal's reason, not the class's name
    ("The workbook cannot be opened (BadZipFile)")."""
    from zipfile import BadZipFile

    from portal.i18n import t
    from portal.ingest.bounds import library_detail

    detail = library_detail(BadZipFile(), key)
    assert (detail.en, detail.zh) == (t(key, "en"), t(key, "zh"))
    assert library_detail(BadZipFile("File is not a zip file"), key).en == "File is not a zip file"


def test_a_quote_left_open_does_not_take_the_rows_after_it_into_one_cell():
    # before: "1 rows in file, 1 added": Q-2, Q-3 and Q-4 went into Q-1's category cell without a word
    text = (
        "source_id,received_at,channel,category,store_code\r\n"
        'Q-1,2026-11-03 10:00,hotline,"5 inch screen broken,S001\r\n'
        "Q-2,2026-11-03 11:00,hotline,price,S002\r\n"
        "Q-3,2026-11-03 12:00,hotline,price,S003\r\n"
        'Q-4,2026-11-03 13:00,online,"delivery" late,S001\r\n'
    )
    with pytest.raises(reading.FileRefused) as refused:
        reading.read_upload(text.encode("utf-8"), "stray_quote.csv")
    assert refused.value.reason == "ingest.refused.unclosed_quote"
    assert refused.value.values == {
        "row": 2,
        "column": "category",
        "start": "5 inch screen broken,S001",
        "n": 3,
    }


def test_a_quoted_cell_of_several_lines_is_still_one_cell():
    # a comment of several lines, one with commas: fewer than a row's delimiters, no row of the file
    text = (
        "source_id,received_at,channel,category,store_code\r\n"
        'Q-1,2026-11-03 10:00,hotline,"screen broken\r\nsee photos 1, 2, 3",S001\r\n'
        "Q-2,2026-11-03 11:00,hotline,price,S002\r\n"
    )
    raw = reading.read_upload(text.encode("utf-8"), "comment.csv")
    assert raw.frame["source_id"].tolist() == ["Q-1", "Q-2"]
    assert raw.frame["category"].tolist()[0] == "screen broken\r\nsee photos 1, 2, 3"


def _with_sheet_xml(data: bytes, edit) -> bytes:
    """The workbook with its first sheet's XML passed through ``edit`` (bytes -> bytes)."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            dst.writestr(item, edit(body) if item.filename == "xl/worksheets/sheet1.xml" else body)
    return out.getvalue()


def test_formula_cells_a_program_stored_without_their_result_are_named():
    # a workbook written by a program keeps the formula alone: its cells read blank, a first response time
    # as never given, without a word before (probe: the received time "=DATE(…)" refused as "a value is required")
    rows = [
        ["编号", "接收时间", "首次响应时间", "备注"],
        ["XL-1", 46329.5854166667, "=B2+1/24", '=IF(B2>0,"","?")'],
        ["XL-2", "=DATE(2026,11,4)+TIME(9,30,0)", None, None],
    ]
    data = _workbook(rows)
    raw = reading.read_upload(data, "program.xlsx")
    assert raw.frame["首次响应时间"].tolist() == ["", ""]  # what the file holds: no result to read
    notes = [v for k, v in raw.notes if k == "ingest.notice.formulas_without_result"]
    assert len(notes) == 1 and str(notes[0]["cells"]) == "C2, D2, B3" and notes[0]["n"] == 3
    assert notes[0]["sheet"] == "S0"

    # saved by Excel: each formula's result is stored beside it (an empty text result too) and read
    def saved(xml: bytes) -> bytes:
        xml = xml.replace(b"<f>B2+1/24</f><v />", b"<f>B2+1/24</f><v>46329.6270833333</v>")
        xml = xml.replace(b'<c r="D2">', b'<c r="D2" t="str">')
        return xml.replace(b"TIME(9,30,0)</f><v />", b"TIME(9,30,0)</f><v>46330.3958333333</v>")

    raw = reading.read_upload(_with_sheet_xml(data, saved), "excel.xlsx")
    assert not [k for k, _ in raw.notes if k == "ingest.notice.formulas_without_result"]
    assert raw.frame["首次响应时间"].tolist()[0] != ""


def test_formula_cells_without_result_are_found_by_the_bounds_scan_reading_the_sheet_once(monkeypatch):
    # the formula note read the sheet XML a second time (0.6 s of CPU per 100,000 x 15 cells with formulas): the
    # bounds scan, which walks it anyway, finds them
    import zipfile

    from portal.ingest import bounds

    rows = [["编号", "接收时间", "首次响应时间"], ["XL-1", 46329.5, "=B2+1/24"], ["XL-2", "=B2+1", 46330.5]]
    data = _workbook(rows)
    assert bounds.check_workbook_bounds(data).uncomputed == {"S0": [(1, 2), (2, 1)]}
    opened = []
    real_open = zipfile.ZipFile.open

    def counting_open(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", counting_open)
    raw = reading.read_upload(data, "program.xlsx")
    assert opened.count("xl/worksheets/sheet1.xml") == 1
    notes = [v for k, v in raw.notes if k == "ingest.notice.formulas_without_result"]
    assert len(notes) == 1 and str(notes[0]["cells"]) == "C2, B3"
