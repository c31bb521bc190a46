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
