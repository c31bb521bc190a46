"""Reading uploads: encodings detected (never asked), CSV dialects, XLSX sheets and cells, row numbers."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from openpyxl import Workbook

from portal.ingest import reading

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
    # a midnight datetime comes back from the workbook as a date: a date-only stamp
    assert raw.frame.loc[3].tolist() == ["B", "2026-03-02", "7", ""]


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
