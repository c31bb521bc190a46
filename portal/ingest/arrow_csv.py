"""Parsing a well-formed CSV column-wide with pyarrow (issue 14): several times faster than pandas' parser and
with the cells kept as Arrow strings (pandas' ``str`` columns), so a million-row export costs a fraction of
the memory of Python strings.

Only files pyarrow reads exactly as pandas' C parser does take this path: every row as wide as the first, no
blank line (pandas keeps it as a row, and row numbers count it), no quote character in the file. Anything
else — ragged rows, blank lines, quoted cells, a parse error — returns ``None`` and the caller reads the file
with pandas, so every file reads the same either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

_STR = pd.StringDtype("pyarrow", na_value=float("nan"))


def parse_plain_csv(text: str, delimiter: str) -> pd.DataFrame | None:
    """The table as pandas' ``read_csv(header=None, dtype=str, na_filter=False, skip_blank_lines=False)``
    gives it (columns 0..n-1, every cell a ``str``), or ``None`` when the file is not plain enough."""
    if '"' in text or "\n\n" in text or "\r\r" in text or "\r\n\r\n" in text or text.startswith(("\n", "\r")):
        return None
    first = text.split("\n", 1)[0].rstrip("\r")
    width = first.count(delimiter) + 1
    data = text.encode("utf-8")
    try:
        table = pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(autogenerate_column_names=True),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, quote_char=False, double_quote=False, ignore_empty_lines=False
            ),
            convert_options=pacsv.ConvertOptions(
                check_utf8=False,
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                null_values=[],
                auto_dict_encode=False,
                column_types={f"f{i}": pa.string() for i in range(width)},  # every cell text, none inferred
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None
    del data
    if table.num_columns != width or any(not pa.types.is_string(c.type) for c in table.columns):
        return None
    return pd.DataFrame(
        {i: pd.Series(_STR.__from_arrow__(table.column(i)), copy=False) for i in range(width)}
    )


# ---------------------------------------------------------------- a file in chunks (portal.ingest.chunked_csv)
# Bytes that make a file not plain for the chunked reader: a quote, a blank line (pandas keeps it as a row) and
# a line end pyarrow and pandas may split otherwise than the other (a CR not before an LF, an LF before a CR).
_NOT_PLAIN = (b'"', b"\n\n", b"\r\r", b"\n\r")


class PlainScan:
    """Whether a file, fed block by block, is plain enough for ``plain_chunks``: no quote character, no blank
    line, every line ended by LF or CRLF alike."""

    def __init__(self) -> None:
        self.plain, self._tail = True, b""

    def feed(self, block: bytes) -> None:
        if self.plain:
            seen = self._tail + block  # bytes searched (memchr), not a regex: 114 MB in ~0.05 s, not ~0.4
            # a CR last in the block is judged with the next block's first byte (or at the end, by done)
            lone_cr = seen.count(b"\r") - seen.count(b"\r\n") - seen.endswith(b"\r")
            self.plain = not lone_cr and not any(bad in seen for bad in _NOT_PLAIN)
            self._tail = seen[-3:]

    def done(self) -> bool:
        return self.plain and not self._tail.endswith(b"\r")


def _frame(table: pa.Table, start: int) -> pd.DataFrame:
    frame = pd.DataFrame(
        {i: pd.Series(_STR.__from_arrow__(table.column(i)), copy=False) for i in range(table.num_columns)}
    )
    frame.index = pd.RangeIndex(start, start + len(frame))  # as pandas' chunks are numbered
    return frame


def plain_chunks(path: Path, delimiter: str, width: int, rows: int, pandas_chunks) -> Iterator[pd.DataFrame]:
    """The chunks of ``rows`` rows pandas' ``read_csv(header=None, chunksize=rows, dtype=str, na_filter=False,
    skip_blank_lines=False)`` gives for a file ``PlainScan`` found plain (a UTF-8 BOM passed over), parsed by
    pyarrow: the same frames, cells as Arrow strings (issue 14: pandas makes each cell a Python string first,
    ~2.3 s of CPU for 1M rows against ~0.45). A row pyarrow does not read as ``width`` cells (a short or a long
    one: pandas pads the one and refuses the other) hands over to ``pandas_chunks()``, pandas' own chunks, from
    the first chunk not given yet, so such a file reads as pandas reads it."""
    given = 0
    try:
        reader = pacsv.open_csv(
            str(path),
            read_options=pacsv.ReadOptions(autogenerate_column_names=True),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, quote_char=False, double_quote=False, ignore_empty_lines=False
            ),
            convert_options=pacsv.ConvertOptions(
                check_utf8=False,  # open_csv checked it
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                null_values=[],
                auto_dict_encode=False,
                column_types={f"f{i}": pa.string() for i in range(width)},
            ),
        )
        if reader.schema.names != [f"f{i}" for i in range(width)]:
            raise pa.ArrowInvalid("the first line is not as wide as the header")
        held: list[pa.RecordBatch] = []
        count = 0
        for batch in reader:
            held.append(batch)
            count += batch.num_rows
            while count >= rows:
                table = pa.Table.from_batches(held, reader.schema)
                yield _frame(table.slice(0, rows), given)
                given, count = given + rows, count - rows
                held = table.slice(rows).to_batches()
        if count:
            yield _frame(pa.Table.from_batches(held, reader.schema), given)
    except pa.ArrowException:
        skip = given // rows  # the chunks given out already (whole chunks: given is a multiple of rows)
        for n, chunk in enumerate(pandas_chunks()):
            if n >= skip:
                yield chunk
