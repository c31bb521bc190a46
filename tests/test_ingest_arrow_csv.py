"""The pyarrow parse of a plain CSV (portal/ingest/arrow_csv.py) gives pandas' table, or declines the file."""

from __future__ import annotations

import pytest

from portal.ingest.arrow_csv import parse_plain_csv
from portal.ingest.reading import _parse_csv


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a,b\n1,\n3,4\n", ","),
        ("a,b\r\n1,2\r\n", ","),
        ("a;b\nx;y", ";"),
        ("a\tb\n1\t2\n", "\t"),
        (" a , b \n 1 , 2 \n", ","),  # spaces are cells' own: kept
        ("a,b,\n1,2,\n", ","),  # a trailing delimiter: an empty last column
        ("编号,渠道\nB1,热线\n", ","),
    ],
)
def test_plain_files_read_as_pandas_reads_them(text, delimiter):
    got = parse_plain_csv(text, delimiter)
    assert got is not None
    want = _parse_csv(text, delimiter)
    assert got.equals(want) and list(got.dtypes) == list(want.dtypes)


@pytest.mark.parametrize(
    "text",
    [
        'a,b\n"1,5",2\n',  # quotes: pandas reads them
        "a,b\n1,2\n\n3,4\n",  # a blank line is a row (row numbers count it)
        "a,b\n1\n",  # a short row
        "a,b\n1,2,3\n",  # a long row
        "a,b\r1,2\r3,4\r",  # old Mac line ends
        "\na,b\n1,2\n",
    ],
)
def test_other_files_are_left_to_pandas(text):
    assert parse_plain_csv(text, ",") is None


# ---------------------------------------------------------------- a file in chunks (chunked_csv's reader)
CHUNK_FILES = {
    "plain": "a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n",
    "crlf_no_last_line_end": "a,b\r\n1,2\r\n3,4\r\n5,6\r\n7,8",
    "bom_chinese": "\ufeff编号,渠道\nB1,热线\nB2,在线\nB3,门店\n",
    "trailing_delimiter": "a,b,\n1,2,\n3,4,\n5,6,\n",
    "short_row_late": "a,b\n1,2\n3,4\n5,6\n7\n9,10\n",  # pandas pads it: handed over to pandas at chunk 2
    "long_row_late": "a,b\n1,2\n3,4\n5,6\n7,8,9\n",  # pandas refuses it in the same chunk
    "short_row_first": "a,b\n1\n3,4\n",
    "blank_line": "a,b\n1,2\n\n3,4\n",
    "quoted": 'a,b\n1,2\n"3,5",4\n',
    "old_mac": "a,b\r1,2\r3,4\r",
    "semicolons": "a;b;c\nx;y;z\n1;2;3\n",
}


def _chunks(reader):
    try:
        return [chunk for chunk in reader], None
    except Exception as exc:  # noqa: BLE001 - the error is part of what must read alike
        return None, type(exc)


@pytest.mark.parametrize("name", sorted(CHUNK_FILES))
@pytest.mark.parametrize("rows", [1, 2, 3, 100])
def test_a_file_in_chunks_reads_as_pandas_chunks_read_it(name, rows, tmp_path):
    """chunked_csv's reader gives pandas' chunks (frames, dtypes, row labels, errors) whether pyarrow parses
    the file (a plain one) or not."""
    import pandas as pd

    from portal.ingest import chunked_csv, reading

    text = CHUNK_FILES[name]
    path = tmp_path / "f.csv"
    path.write_bytes(text.encode("utf-8"))
    encoding = "utf-8-sig" if text.startswith("\ufeff") else "utf-8"
    delimiter = ";" if name == "semicolons" else ","
    want, want_error = _chunks(
        pd.read_csv(path, sep=delimiter, encoding=encoding, chunksize=rows, **reading.CSV_OPTIONS)
    )
    width = text.removeprefix("\ufeff").split("\n")[0].count(delimiter) + 1
    got, got_error = _chunks(chunked_csv._reader(path, encoding, delimiter, rows, width))
    assert got_error == want_error
    if want is not None:
        assert len(got) == len(want)
        for g, w in zip(got, want, strict=True):
            pd.testing.assert_frame_equal(g, w)


@pytest.mark.parametrize(
    ("name", "plain"),
    [
        ("plain", True),
        ("crlf_no_last_line_end", True),
        ("bom_chinese", True),
        ("short_row_late", True),  # pyarrow hands it to pandas when it reaches the row
        ("blank_line", False),
        ("quoted", False),
        ("old_mac", False),
    ],
)
@pytest.mark.parametrize("block", [1, 2, 3, 7, 1 << 20])
def test_a_file_is_plain_whatever_its_blocks(name, plain, block):
    from portal.ingest.arrow_csv import PlainScan

    data = CHUNK_FILES[name].encode("utf-8")
    scan = PlainScan()
    for at in range(0, len(data), block):
        scan.feed(data[at : at + block])
    assert scan.done() is plain


def test_a_plain_export_in_chunks_makes_no_python_string_of_its_cells(tmp_path, monkeypatch):
    """The chunks of a plain export (no quote, no blank line) are parsed by pyarrow, not by pandas' parser,
    which makes every cell a Python string (issue 14: ~2.3 s of CPU for 1M rows); the rows alike."""
    import pandas as pd

    from portal.ingest import chunked_csv

    lines = ["Ticket No,Opened,Channel,Shop"] + [
        f"T-{i},2026-03-01 10:00,hotline,S00{i % 3}" for i in range(7)
    ]
    path = tmp_path / "export.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = [raw.frame.copy() for raw in chunked_csv.open_csv(path, 50, rows=3)]

    def no_pandas(*args, **kwargs):
        raise AssertionError("pandas' parser read a plain file")

    monkeypatch.setattr(chunked_csv.pd, "read_csv", no_pandas)
    chunks = chunked_csv.open_csv(path, 50, rows=3)
    got = [raw.frame for raw in chunks]
    # the header is the first chunk's first line: two rows there, numbered as the sheet shows them
    assert sum(map(len, got)) == 7 and list(got[0].index) == [2, 3]
    for g, w in zip(got, whole, strict=True):
        pd.testing.assert_frame_equal(g, w)


def test_a_file_cut_off_inside_a_character_is_left_to_the_whole_file_reader(tmp_path):
    """A plain export cut short in the middle of a multi-byte character (an interrupted download) is not UTF-8:
    the chunked reader hands it to the whole-file reader, which names it (a reviewer's finding: pyarrow, told the
    text was checked, read it and the header check raised ArrowInvalid out of open_csv)."""
    from portal.ingest import chunked_csv

    lines = ["Ticket No,Opened,Channel,Shop"] + [f"T-{i},2026-03-01 10:00,hotline,S00{i}" for i in range(5)]
    path = tmp_path / "cut.csv"
    path.write_bytes(("\n".join(lines) + "\nT-9,2026-03-01,hotline,S").encode("utf-8") + "店".encode()[:2])
    with pytest.raises(chunked_csv.NotStreamable):
        chunked_csv.open_csv(path, 50, rows=100)


def test_a_second_bom_is_stripped_as_the_whole_file_reader_strips_it(tmp_path):
    """Two files joined, each with its BOM: pandas strips both as the whole-file reader does; the plain path
    (pyarrow) stripped one and the header's first cell came with a note of an invisible character removed."""
    from portal.ingest import chunked_csv

    lines = ["Ticket No,Opened,Channel,Shop"] + [f"T-{i},2026-03-01 10:00,hotline,S00{i}" for i in range(5)]
    path = tmp_path / "two_boms.csv"
    path.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + ("\n".join(lines) + "\n").encode("utf-8"))
    first = next(iter(chunked_csv.open_csv(path, 50, rows=100)))
    assert first.headers[0] == "Ticket No" and first.notes == [], (first.headers, first.notes)
