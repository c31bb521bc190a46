"""A CSV read in chunks of rows (issue 14), each chunk a ``RawTable`` as ``reading.read_upload`` would give
those rows of the whole file: the same decoding, header, blank rows, bounds, cleaning and row numbers; a
nameless empty last column (a delimiter at the end of every line) is dropped, as there. A file this reader would
not read exactly so raises ``NotStreamable`` before anything is written (its caller reads it whole): not UTF-8,
an Excel ``sep=`` line, a blank header cell between named ones, a title above the header, rows wider than the
first line, a NUL byte, a cell over the limit. A report's footer or totals rows at the file's end are left out
with the whole file's notice: a chunk is given out once ``FOOTER_ROWS`` rows follow it, so the last chunk holds
the file's last rows; when fewer follow the first chunk and all could be footer (it may begin in the first), the
file is read whole. ``portal.ingest.stream`` prepares and commits the chunks.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from portal.ingest import reading
from portal.ingest.arrow_csv import PlainScan, plain_chunks
from portal.ingest.bounds import SNIFF_BYTES, check_csv_shape, max_header_chars
from portal.ingest.header import (
    FOOTER_ROWS,
    HeaderRows,
    footer_may_reach_above,
    footer_rows,
    header_row_position,
    is_blank,
    note_rows_above,
    repeated_header,
    split_header,
)
from portal.ingest.kinds import Kind
from portal.ingest.quotes import column_shapes, refuse_swallowed_rows
from portal.ingest.raw import FileRefused, RawTable

BLOCK = 8 * 1024 * 1024  # bytes read at a time to hash and check the file


class NotStreamable(Exception):
    """The file is not one the chunked reader reads exactly as a whole-file read would: read it whole."""


def env_mb(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, str(default))))
    except ValueError:
        return default


def stream_threshold_mb() -> int:
    """Files over this many MB are imported in chunks from the command line (``PORTAL_IMPORT_STREAM_MB``)."""
    try:
        return max(0, int(os.environ.get("PORTAL_IMPORT_STREAM_MB", "32")))
    except ValueError:
        return 32


def chunk_rows() -> int:
    """Rows per chunk (``PORTAL_IMPORT_CHUNK_ROWS``, default 100,000)."""
    return env_mb("PORTAL_IMPORT_CHUNK_ROWS", 100_000)


def streamable(kind: Kind, path: Path, threshold_mb: int | None = None) -> bool:
    """Whether the command line imports ``path`` in chunks: a CSV of a kind that can, over the threshold."""
    return streamable_file(kind, path.name, path.stat().st_size, threshold_mb)


def streamable_file(kind: Kind, name: str, size: int, threshold_mb: int | None = None) -> bool:
    """Whether a file of this name and size (bytes) is read in chunks: a CSV of a kind that can (the command
    line's files and the upload page's alike), over ``PORTAL_IMPORT_STREAM_MB``."""
    threshold = stream_threshold_mb() if threshold_mb is None else threshold_mb
    return (
        kind.rows_frame is not None
        and kind.read is None
        and Path(name).suffix.lower() not in reading.SPREADSHEET_SUFFIXES
        and size > threshold * 1024 * 1024
    )


# ---------------------------------------------------------------- reading in chunks
@dataclass
class CsvChunks:
    """A CSV checked and opened for reading in chunks: its name, hash and header, and its chunks as
    ``RawTable``s (row numbers as in the whole file; the first chunk, read already, is ``first``)."""

    path: Path
    file_name: str
    file_hash: str
    size_bytes: int
    encoding: str
    delimiter: str
    headers: list[str]
    first: RawTable
    rows: int
    first_lines: int = 0  # rows of the file the first chunk read (header and blank rows included)
    pending: object = None  # the reader open after the first chunk (the first pass goes on with it)
    width: int = (
        0  # cells of the header line: the named columns, then any nameless ones a trailing delimiter gives
    )
    lines: int = 0  # the file's lines (newlines + 1): how far the chunks have come (a progress bar)
    first_footer: bool = (
        False  # the first chunk is full and ends in what would be the file's footer, were it last
    )
    shapes: list[set[str]] | None = None  # the first chunk's value shapes, by column (quotes.column_shapes)
    plain_width: int = 0  # a plain file's cells a line: pyarrow parses it (arrow_csv.plain_chunks); 0: pandas

    def __iter__(self) -> Iterator[RawTable]:
        reader, self.pending = self.pending, None
        first, self.first = self.first, None  # not held past its turn: memory is the point
        if reader is None:  # a second pass: read again from the top
            reader = _reader(self.path, self.encoding, self.delimiter, self.rows, self.plain_width)
            table = next(reader).fillna("")
            _, body, _ = split_header(
                table, ragged_is_error=True, whole_file=len(table) < self.rows, find_repeated=False
            )
            first = self._raw(body)
        yield first
        del first
        offset = self.first_lines
        # the chunks read but not given out: held until FOOTER_ROWS rows follow them, so that the file's last
        # rows, where its footer is looked for, come as one chunk (as the whole file's last rows)
        held: list[pd.DataFrame] = []
        try:
            for table in reader:
                body = self._body(table, offset)
                offset += len(table)
                if body is None:
                    continue
                held.append(body)
                while len(held) > 1 and sum(map(len, held[1:])) >= FOOTER_ROWS:
                    yield self._raw(held.pop(0))
            if held:
                yield self._last(pd.concat(held) if len(held) > 1 else held[0])
            elif self.first_footer:
                raise NotStreamable("the file's footer is in its first chunk")
        except (pd.errors.ParserError, csv.Error, UnicodeDecodeError, FileRefused, ValueError) as exc:
            # FileRefused (a cell too long): the whole-file reader refuses it naming the file's longest cell
            raise NotStreamable(f"a later chunk does not read as the first: {exc}") from exc

    def _last(self, body: pd.DataFrame) -> RawTable:
        """The file's last rows without its footer or totals rows (``footer_rows``, with the whole file's
        notice). ``NotStreamable`` when the rows before them, given out already, could be part of the footer,
        or when nothing but the footer is left."""
        if footer_may_reach_above(body):
            raise NotStreamable("the footer may begin in the chunk before the last rows")
        footer = footer_rows(body)
        if len(footer) == len(body):
            raise NotStreamable("the last chunk is the footer alone")
        raw = self._raw(body.drop(index=footer))
        note_rows_above(raw, HeaderRows(1, footer=tuple(footer)))
        return raw

    def _body(self, table: pd.DataFrame, offset: int) -> pd.DataFrame | None:
        if table.shape[1] != self.width:
            raise NotStreamable("a chunk is not as wide as the header")
        table = table.fillna("").astype(str)
        named = len(self.headers)
        if self.width > named:  # a trailing delimiter: cells there make the whole-file reader refuse the line
            if table.iloc[:, named:].apply(lambda col: col.str.strip() != "").to_numpy().any():
                raise NotStreamable("cells beyond the header's last named column")
            table = table.iloc[:, :named]
        table.index = pd.RangeIndex(offset + 1, offset + len(table) + 1)  # spreadsheet row numbers
        body = table[~is_blank(table)].copy()
        if body.empty:
            return None
        body.columns = self.headers
        return body

    def _raw(self, body: pd.DataFrame) -> RawTable:
        # a quote left open: the rows it took into one cell (a FileRefused, the file read whole says which)
        refuse_swallowed_rows(list(body.columns), body, self.delimiter, self.shapes)
        repeated = repeated_header(body, list(body.columns))  # each chunk's, noticed as the whole file's
        body = body.drop(index=repeated)
        raw = RawTable(  # the body's own column names: the first chunk's are cleaned here (again, on a second pass)
            self.file_name,
            self.file_hash,
            self.size_bytes,
            list(body.columns),
            body,
            encoding=self.encoding,
            delimiter=self.delimiter,
        )
        note_rows_above(raw, HeaderRows(1, repeated=tuple(repeated)))
        reading._check_cells(raw)
        reading._strip_invisible(raw)
        reading.repair_mojibake(raw)
        return raw


def _reader(path: Path, encoding: str, delimiter: str, rows: int, plain_width: int = 0):
    def pandas_chunks():
        return pd.read_csv(path, sep=delimiter, encoding=encoding, chunksize=rows, **reading.CSV_OPTIONS)

    return plain_chunks(path, delimiter, plain_width, rows, pandas_chunks) if plain_width else pandas_chunks()


def open_csv(path: Path, limit_mb: int, rows: int | None = None, file_name: str | None = None) -> CsvChunks:
    """Check ``path`` as ``reading.read_upload`` would and read its first chunk; ``FileRefused`` for what the
    whole-file reader refuses the same way, ``NotStreamable`` for a file to read whole. ``file_name``: the name
    it is recorded and shown under (an upload's own name; default: the path's)."""
    rows = rows or chunk_rows()
    size = path.stat().st_size
    if size > limit_mb * 1024 * 1024:
        raise NotStreamable("over the upload limit: the whole-file reader refuses it")
    with path.open("rb") as f:
        head = f.read(2 * SNIFF_BYTES)
    if head.startswith((reading.ZIP_MAGIC, reading.OLE_MAGIC, b"\xff\xfe", b"\xfe\xff")):
        raise NotStreamable("not a UTF-8 text file")
    if reading._looks_binary(head[:SNIFF_BYTES]):
        raise NotStreamable("binary: the whole-file reader refuses it")
    encoding = "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
    digest, lines, scan, quoted = hashlib.sha256(), 1, PlainScan(), False
    decoder = codecs.getincrementaldecoder("utf-8")()
    opening, most = (
        bytearray(),
        4 * max_header_chars() + 3,
    )  # through the header line, whole (check_csv_shape)
    with path.open("rb") as f:
        while block := f.read(BLOCK):
            digest.update(block)
            if len(opening) < most and b"\n" not in opening.lstrip():
                opening += block[: most - len(opening)]
            if b"\x00" in block:
                raise NotStreamable("a NUL byte: the whole-file reader refuses it")
            lines += block.count(b"\n")
            scan.feed(block)
            quoted = quoted or b'"' in block
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                raise NotStreamable("not UTF-8") from exc
        try:  # a character cut off at the end (an interrupted download): pyarrow would not check it
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            raise NotStreamable("not UTF-8") from exc
    text = head.decode("utf-8", errors="ignore").removeprefix("\ufeff")
    if not text.strip():
        raise NotStreamable("empty: the whole-file reader refuses it")
    if reading._strip_sep_hint(text)[1] is not None:
        raise NotStreamable("an Excel sep= line")
    delimiter = reading.sniff_delimiter(text)
    first_line, ended = re.split("[\r\n]", text, maxsplit=1)[0], "\n" in text or "\r" in text
    # a second BOM (two files joined): pandas strips it as the whole-file reader does, pyarrow would keep it
    plain = scan.done() and not text.startswith(("\r", "\n", "\ufeff")) and (ended or size <= len(head))
    plain_width = first_line.count(delimiter) + 1 if plain else 0
    check_csv_shape(opening.decode("utf-8", errors="ignore").removeprefix("\ufeff"), lines, delimiter)
    file_name = reading.safe_file_name(path.name if file_name is None else file_name)
    try:
        reader = _reader(path, encoding, delimiter, rows, plain_width)
        table = next(reader).fillna("")
    except (
        pd.errors.ParserError,
        pd.errors.EmptyDataError,
        csv.Error,
        UnicodeDecodeError,
        ValueError,
    ) as exc:
        raise NotStreamable(f"the first chunk does not read: {exc}") from exc
    position = header_row_position(table.astype(str))
    if position is None or position > 0:
        raise NotStreamable("no header in the first line (a title above it, or none)")
    header_cells = [str(cell).strip() for cell in table.iloc[0]]
    named = max((i for i, h in enumerate(header_cells) if h), default=-1) + 1
    if not all(header_cells[:named]):  # a nameless column between named ones: kept or not by its cells
        raise NotStreamable("a blank header cell between named ones")
    try:
        headers, body, header = split_header(
            table, ragged_is_error=True, whole_file=len(table) < rows, find_repeated=False
        )
    except FileRefused as exc:
        if exc.reason == "ingest.refused.no_rows" and len(table) == rows:
            raise NotStreamable("the first chunk has no data rows") from exc
        raise
    if header.zones:
        raise NotStreamable("the header rows give time zones of columns (Qualtrics' ImportId row)")
    full = len(table) == rows
    chunks = CsvChunks(
        path,
        file_name,
        digest.hexdigest(),
        size,
        encoding,
        delimiter,
        headers,
        None,
        rows,
        len(table),
        reader,  # type: ignore[arg-type]
        table.shape[1],
        lines,
        full and bool(footer_rows(body)),
    )
    # the first chunk's value shapes, which tell a row swallowed by a quote left open: none without a quote
    # (a cell holds a line break only when quoted; 1M-row export: ~1 s of CPU, the 4 stamp columns' distinct cells)
    chunks.shapes = column_shapes(body) if quoted else None
    chunks.plain_width = plain_width
    try:
        chunks.first = chunks._raw(body)
    except FileRefused as exc:  # a cell too long: the whole-file reader names the longest of the file's
        raise NotStreamable(f"refused in the first chunk: {exc}") from exc
    chunks.headers = list(chunks.first.headers)  # as cleaned (invisible characters, mojibake)
    note_rows_above(chunks.first, header)
    return chunks
