"""The used range of a legacy .xls workbook (BIFF8, or BIFF5, inside an OLE compound file), learnt from its
records before python-calamine reads it.

python-calamine parses every sheet of an .xls the moment it opens the file: it reserves the cells each sheet's
DIMENSIONS record declares, then builds each sheet's dense range from its cells. Nothing could check the size
before that: a 5.6 KB file with one cell at row 65,536, column IV took 1.7 GB and 14 s, four such sheets 3.8 GB
and 96 s, and a 2.5 KB file declaring four billion rows aborted the whole process. So the same bounds as an
.xlsx's (``bounds.max_columns``, ``bounds.max_cells``, the sheets together) are applied first, to the larger of
each sheet's declared range and the range its cells span from A1, with the same messages, and so is the rule on a
mostly empty sheet (``bounds.UsedRange``: one stray cell at IV65536 of a single sheet still took 1.66 GB).

The compound file is opened by olefile (sector chains, mini stream, directory, each checked against the file),
after one check of its own on the header (the FAT's length, which olefile trusts); the Workbook stream's BIFF
records are walked here by their 4-byte headers: of a cell record only its row and column are read, no value is
decoded (no library walks the records without decoding the values)."""

from __future__ import annotations

import io
import struct

import olefile

from portal.ingest.bounds import (
    UsedRange,
    _bad_workbook,
    _too_many_cells,
    _too_wide,
    max_cells,
    max_columns,
)

WORKBOOK_STREAMS = ("workbook", "book")  # BIFF8's name, BIFF5's

BOF, EOF, BOUNDSHEET, DIMENSIONS, MULRK, CODEPAGE = 0x0809, 0x000A, 0x0085, 0x0200, 0x00BD, 0x0042
ROW, ROW_HIDDEN = 0x0208, 0x0020  # a ROW record's option flags (its bytes 12-13): fDyZero, the row hidden
BIFF8 = 0x0600
# the records that put a cell into calamine's range: FORMULA, NUMBER, LABEL, BOOLERR, RK, LABELSST, and RSTRING
# (not read by calamine today: counted all the same). BLANK and MULBLANK hold no value, as in the .xlsx check.
CELL_RECORDS = frozenset({0x0006, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6})


class DamagedCompoundFile(ValueError):
    """The compound file cannot be followed to its workbook stream (a truncated, damaged or crafted file)."""


def check_xls_bounds(data: bytes) -> dict[str, list[int]]:
    """Refuse an .xls whose sheets declare or span more columns or cells than an upload may hold, before
    python-calamine allocates them; a compound file that cannot be followed is refused as a damaged workbook.
    An OLE file without a workbook stream (a Word file, an encrypted .xlsx) is left to the reader's own refusal.
    Gives each sheet's hidden rows (its name -> their numbers, 1 on, as Excel shows them: hidden by hand or by a
    filter, a ROW record's fDyZero), as ``bounds.check_workbook_bounds`` does for an .xlsx: python-calamine does
    not say which rows are hidden."""
    hidden_rows: dict[str, list[int]] = {}
    try:
        for stream in workbook_streams(data):
            cells = 0
            for offset, name in _sheets(stream):
                if offset >= len(stream):
                    raise DamagedCompoundFile(f"a sheet starts at byte {offset}, past the workbook stream")
                hidden: list[int] = []
                cells += _sheet_cells(stream, offset, cells, name, hidden)
                hidden_rows.setdefault(name, sorted(set(hidden)))
    except DamagedCompoundFile as exc:
        raise _bad_workbook(exc) from exc
    return hidden_rows


# ---------------------------------------------------------------- the BIFF records
def _records(stream: bytes, at: int):
    """(record type, data start, data length) from ``at`` to the end of the stream."""
    end = len(stream)
    while at + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, at)
        yield kind, at + 4, length
        at += 4 + length


def _sheets(stream: bytes) -> list[tuple[int, str]]:
    """Where each sheet's records start, and its name (BOUNDSHEET records of the workbook globals, up to their
    EOF): UTF-16 or Latin-1 as its flag says in BIFF8, in the workbook's code page in BIFF5."""
    sheets, biff8, codec = [], False, "latin-1"
    for kind, start, length in _records(stream, 0):
        if kind == EOF:
            break
        if kind == BOF and length >= 2:
            biff8 = struct.unpack_from("<H", stream, start)[0] == BIFF8
        elif kind == CODEPAGE and length >= 2:
            codec = _codec(struct.unpack_from("<H", stream, start)[0])
        elif kind == BOUNDSHEET and length >= 4:
            offset = struct.unpack_from("<I", stream, start)[0]
            name = bytes(stream[start + 6 : start + length])
            chars = name[0] if name else 0
            if biff8 and len(name) > 1:
                wide = name[1] & 1
                text = name[2 : 2 + chars * (2 if wide else 1)].decode(
                    "utf-16-le" if wide else "latin-1", "replace"
                )
            else:
                text = name[1 : 1 + chars].decode(codec, "replace")
            sheets.append((offset, text))
    return sheets


def _codec(code_page: int) -> str:
    import codecs

    try:
        return codecs.lookup(f"cp{code_page}").name
    except LookupError:
        return "latin-1"


def _declared(stream: bytes, start: int, length: int) -> tuple[int, int]:
    """The rows and columns a DIMENSIONS record declares, as calamine reserves them (first row and column to the
    last; a last before the first wraps round to some four billion, and is refused as such)."""
    if length == 14:
        first_row, end_row, first_col, end_col = struct.unpack_from("<IIHH", stream, start)
    elif length == 10:
        first_row, end_row, first_col, end_col = struct.unpack_from("<HHHH", stream, start)
    else:
        return 0, 0
    if end_row < 1 or end_col < 1:
        return 1, 1
    return (end_row - first_row) % 2**32, (end_col - first_col) % 2**32


def _sheet_cells(stream: bytes, offset: int, before: int, sheet: str, hidden: list[int] | None = None) -> int:
    """The cells one sheet makes the reader allocate: the larger of its declared range and the range from A1 to
    its last row and column holding a value; refused once the columns or, with the sheets ``before`` it, the
    cells are over the bounds, and when the range is mostly empty (``UsedRange.refuse_if_sparse``). The rows its
    ROW records mark hidden are added to ``hidden`` (1 on)."""
    limit_columns, limit_cells = max_columns(), max_cells()
    used = UsedRange()
    declared_rows = declared_columns = 0
    depth = 0
    for kind, start, length in _records(stream, offset):
        if kind == BOF:
            depth += 1
        elif kind == EOF:
            depth -= 1
            if depth <= 0:
                break
        elif kind in CELL_RECORDS or kind == MULRK:
            if length < 4:
                continue
            row, column = struct.unpack_from("<HH", stream, start)
            cells = 1
            if kind == MULRK and length >= 6:
                last = struct.unpack_from("<H", stream, start + length - 2)[0]
                column, cells = last, max(1, (length - 6) // 6)
            if used.add(row + 1, column + 1, cells):
                if used.columns > limit_columns:
                    raise _too_wide(used.columns)
                if before + used.rows * used.columns > limit_cells:
                    raise _too_many_cells(used.rows, used.columns)
        elif kind == ROW:
            if (
                hidden is not None
                and length >= 14
                and struct.unpack_from("<H", stream, start + 12)[0] & ROW_HIDDEN
            ):
                hidden.append(struct.unpack_from("<H", stream, start)[0] + 1)
        elif kind == DIMENSIONS:
            rows, columns = _declared(stream, start, length)
            if columns > limit_columns:
                raise _too_wide(columns)
            if before + rows * columns > limit_cells:
                raise _too_many_cells(rows, columns)
            if rows * columns > declared_rows * declared_columns:
                declared_rows, declared_columns = rows, columns
    used.refuse_if_sparse(sheet, declared_rows, declared_columns)
    return max(declared_rows * declared_columns, used.rows * used.columns)


# ---------------------------------------------------------------- the compound file
def workbook_streams(data: bytes) -> list[bytes]:
    """The bytes of each stream named Workbook or Book (any case, at any depth: whichever one a reader takes is
    bounded), read by olefile, which refuses a sector outside the file, a broken or looping chain and a stream
    longer than its chain at ``DEFECT_INCORRECT``."""
    _check_fat_length(data)
    try:
        with olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT) as ole:
            _refuse_unlinked_workbook(ole)
            return [
                ole.openstream(path).read() for path in ole.listdir() if path[-1].lower() in WORKBOOK_STREAMS
            ]
    # olefile raises OSError (OleFileError, NotOleFileError) for what it checks; a crafted directory can still
    # make its parsing fail otherwise (a sibling chain deeper than the recursion limit, a short record)
    except (OSError, ValueError, IndexError, struct.error, RecursionError) as exc:
        raise DamagedCompoundFile(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc


def _check_fat_length(data: bytes) -> None:
    """olefile loads as many FAT sectors as the header counts, each appended to a copy of the FAT so far: a 3 KB
    file whose DIFAT sector lists itself and counts four billion FAT sectors ran for minutes and grew without
    end. A FAT describes each sector of the file once, so it needs no more sectors than the file holds
    divided by the entries per sector."""
    if len(data) < 512 or not data.startswith(olefile.MAGIC):
        raise DamagedCompoundFile("not an OLE compound file")
    sector_shift, _ = struct.unpack_from("<HH", data, 0x1E)
    if sector_shift not in (9, 12):
        raise DamagedCompoundFile("invalid sector size")
    size = 1 << sector_shift
    sectors = -(-len(data) // size) - 1  # after the header; the last may be short
    fat_sectors = struct.unpack_from("<I", data, 0x2C)[0]
    if fat_sectors > sectors // (size // 4) + 1:
        raise DamagedCompoundFile(
            f"the header counts {fat_sectors} FAT sectors in a file of {sectors} sectors"
        )


def _refuse_unlinked_workbook(ole: olefile.OleFileIO) -> None:
    """olefile lists the entries its directory tree reaches; calamine takes the first entry named Workbook in
    the directory, linked or not. An entry of that name the tree does not reach is refused, not left unread."""
    directory = ole.directory_fp.getvalue()
    for sid, entry in enumerate(ole.direntries):
        if entry is not None:
            continue
        raw = directory[sid * 128 : sid * 128 + 128]
        length = min(struct.unpack_from("<H", raw, 0x40)[0], 64) if len(raw) == 128 else 0
        name = raw[:length].decode("utf-16-le", "replace").rstrip("\0")
        if name.lower() in WORKBOOK_STREAMS:
            raise DamagedCompoundFile(f"directory entry {sid} ({name}) is outside the directory tree")
