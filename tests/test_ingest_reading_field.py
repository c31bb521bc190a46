"""Messy exports seen in the field (split from tests/test_ingest_reading.py, unchanged): title rows above the header,
a data sheet behind a notes sheet, Excel's sep= hint, a BOM before GBK bytes, short Japanese and Korean exports, and
blank rows found column-wide as cell by cell."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal.ingest import reading
from portal.ingest.header import is_blank


# ---------------------------------------------------------------- messy exports seen in the field
def _book(*sheets) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets:
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HEAD = ["编号", "受理时间", "渠道", "门店", "处理人", "类别"]
ROWS = [
    ["T-1", "2026-11-03 14:05", "热线", "S001", "A001", "商品质量"],
    ["T-2", "2026-11-04 09:00", "门店", "S002", "A002", "服务态度"],
]


def test_title_rows_above_the_header_are_passed_over_with_a_note():
    # a ticketing system's report: title, export line, a blank row, then the table (row 4 = header)
    data = _book(
        ("导出", [["客诉工单导出报表"], ["导出时间：2026-11-05", None, "导出人：张三"], [], HEAD, *ROWS])
    )
    raw = reading.read_upload(data, "report.xlsx")
    assert raw.headers == HEAD and list(raw.frame.index) == [5, 6]  # the rows the spreadsheet shows
    assert ("ingest.notice.rows_above_header", {"header_row": 4}) in raw.notes
    # the same as CSV: the first lines have fewer fields than the table
    text = "客诉工单导出报表\n导出时间：2026-11-05,,导出人：张三\n" + "\n".join(
        ",".join(r) for r in [HEAD, *ROWS]
    )
    raw = reading.read_upload(text.encode("utf-8"), "report.csv")
    assert raw.headers == HEAD and raw.frame["渠道"].tolist() == ["热线", "门店"]
    assert list(raw.frame.index) == [4, 5]


def test_a_broken_wide_line_is_still_refused_not_taken_as_the_header():
    text = "id,channel\nA,hotline\nB,x,y,z,w\nC,app\n"
    with pytest.raises(reading.FileRefused) as refused:
        reading.read_upload(text.encode(), "x.csv")
    assert refused.value.reason == "ingest.refused.ragged"
    assert refused.value.values == {"line": 3, "seen": 5, "expected": 2}


def test_the_data_sheet_is_found_behind_a_notes_sheet():
    data = _book(("说明", [["请按模板填写"], ["日期格式：YYYY-MM-DD"]]), ("数据", [HEAD, *ROWS]))
    raw = reading.read_upload(data, "book.xlsx")
    assert raw.sheet == "数据" and raw.headers == HEAD and raw.n_rows == 2
    assert ("ingest.notice.sheet_read", {"sheet": "数据"}) in raw.notes


@pytest.mark.parametrize("hint", ["sep=,", "sep=;"])
def test_excel_sep_hint_line(hint):
    sep = hint[-1]
    text = hint + "\r\n" + "\r\n".join(sep.join(r) for r in [HEAD, *ROWS]) + "\r\n"
    raw = reading.read_upload(text.encode("utf-8"), "x.csv")
    assert raw.delimiter == sep and raw.headers == HEAD and raw.n_rows == 2


def test_a_bom_in_front_of_gbk_bytes():
    text = "\n".join(",".join(r) for r in [HEAD, *ROWS]) + "\n"
    raw = reading.read_upload(b"\xef\xbb\xbf" + text.encode("gbk"), "x.csv")
    assert (
        raw.encoding == "gb18030" and raw.headers == HEAD and raw.frame["渠道"].tolist() == ["热线", "门店"]
    )


@pytest.mark.parametrize(
    ("lines", "encoding"),
    [
        # short Japanese complaint categories: Shift-JIS bytes also decode as (rare) Korean syllables
        (["番号,分類", "J-1,商品の品質が悪い", "J-2,配達が遅い", "J-3,店員の態度"], "cp932"),
        (["번호,분류", "K-1,상품 품질이 나쁩니다", "K-2,배송이 늦습니다", "K-3,직원 태도"], "cp949"),
    ],
)
def test_short_japanese_and_korean_exports(lines, encoding):
    _read_as(lines, encoding)


@pytest.mark.parametrize(
    "lines",
    [
        ["id,name,store", "1,김민준,강남점"],  # names: syllables outside the commonest words (reviewer)
        ["id,name", "1,윤서준", "2,한예린"],
        ["id,name", "1,박지훈", "2,최수아", "3,정우진"],
    ],
)
def test_short_korean_name_lists(lines):
    _read_as(lines, "cp949")


def _read_as(lines, encoding):
    text = "\n".join(lines) + "\n"
    raw = reading.read_upload(text.encode(encoding), "x.csv")
    assert raw.encoding == encoding
    assert raw.frame.iloc[:, 1].tolist() == [ln.split(",")[1] for ln in lines[1:]]


@pytest.mark.parametrize("dtype", ["str", object])
def test_blank_rows_column_wide_as_cell_by_cell(dtype):
    # a row is blank when every cell strips to "": spaces, tabs, no-break and ideographic spaces, separators count
    # as blank; a zero-width space does not (str.strip keeps it); decided column-wide, the same as cell by cell
    import numpy as np
    import pandas as pd

    cells = np.array(
        ["", " ", "a", " a", "\t", "\u3000", "\xa0", "x y", "\x1c", "b\n", "\u200b"], dtype=object
    )
    rng = np.random.default_rng(5)
    for _ in range(50):
        n, width = int(rng.integers(0, 40)), int(rng.integers(1, 4))
        frame = pd.DataFrame(
            {i: pd.Series(rng.choice(cells, n, p=[0.5] + [0.05] * 10), dtype=dtype) for i in range(width)}
        )
        expected = frame.apply(lambda col: col.str.strip() == "").all(axis=1)
        assert is_blank(frame).tolist() == expected.tolist()
