"""The used range of a legacy .xls workbook (BIFF8, or BIFF5, inside an OLE compound file), learnt from its
records before python-calamine reads it.

python-calamine parses every sheet of an .xls the moment it opens the file: it reserves the cells each sheet's
DIMENSIONS record declares, then builds each sheet's dense range from its cells. Nothing could check the size
before that: a 5.6 KB file with one cell at row 65,536, column IV took 1.7 GB and 14 s, four such sheets 3.8 GB
and 96 s, and a 2.5 KB file declaring four billion rows aborted the whole process. So the same bounds as an
.xlsx's (``bounds.max_columns``, ``bounds.max_cells``, the sheets together) are applied first, to the larger of
each sheet's declared range and the range its cells span from A1, with the same messages.

Standard library only: the compound file's sector chains are followed to the Workbook stream (no more bytes than
the file holds), and its records are walked by their 4-byte headers; of a cell record only its row and column
are read, no value is decoded."""

from __future__ import annotations

import struct
import sys
from array import array

from portal.ingest.bounds import _bad_workbook, _too_many_cells, _too_wide, max_cells, max_columns

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
END_OF_CHAIN = 0xFFFFFFFE
LAST_REGULAR_SECTOR = 0xFFFFFFF9
MINI_SECTOR = 64
MINI_CUTOFF = 4096  # a stream shorter than this lives in the mini stream
WORKBOOK_STREAMS = ("workbook", "book")  # BIFF8's name, BIFF5's

BOF, EOF, BOUNDSHEET, DIMENSIONS, MULRK = 0x0809, 0x000A, 0x0085, 0x0200, 0x00BD
# the records that put a cell into calamine's range: FORMULA, NUMBER, LABEL, BOOLERR, RK, LABELSST, and RSTRING
# (not read by calamine today: counted all the same). BLANK and MULBLANK hold no value, as in the .xlsx check.
CELL_RECORDS = frozenset({0x0006, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6})


class DamagedCompoundFile(ValueError):
    """The compound file cannot be followed to its workbook stream (a truncated, damaged or crafted file)."""


def check_xls_bounds(data: bytes) -> None:
    """Refuse an .xls whose sheets declare or span more columns or cells than an upload may hold, before
    python-calamine allocates them; a compound file that cannot be followed is refused as a damaged workbook.
    An OLE file without a workbook stream (a Word file, an encrypted .xlsx) is left to the reader's own refusal."""
    try:
        for stream in workbook_streams(data):
            cells = 0
            for offset in _sheet_offsets(stream):
                if offset >= len(stream):
                    raise DamagedCompoundFile(f"a sheet starts at byte {offset}, past the workbook stream")
                cells += _sheet_cells(stream, offset, cells)
    except DamagedCompoundFile as exc:
        raise _bad_workbook(exc) from exc


# ---------------------------------------------------------------- the BIFF records
def _records(stream: bytes, at: int):
    """(record type, data start, data length) from ``at`` to the end of the stream."""
    end = len(stream)
    while at + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, at)
        yield kind, at + 4, length
        at += 4 + length


def _sheet_offsets(stream: bytes) -> list[int]:
    """Where each sheet's records start (BOUNDSHEET records of the workbook globals, up to their EOF)."""
    offsets = []
    for kind, start, length in _records(stream, 0):
        if kind == EOF:
            break
        if kind == BOUNDSHEET and length >= 4:
            offsets.append(struct.unpack_from("<I", stream, start)[0])
    return offsets


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


def _sheet_cells(stream: bytes, offset: int, before: int) -> int:
    """The cells one sheet makes the reader allocate: the larger of its declared range and the range from A1 to
    its last row and column holding a value; refused once the columns or, with the sheets ``before`` it, the
    cells are over the bounds."""
    limit_columns, limit_cells = max_columns(), max_cells()
    rows = columns = declared = 0
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
            if kind == MULRK and length >= 6:
                column = struct.unpack_from("<H", stream, start + length - 2)[0]
            if row >= rows or column >= columns:
                rows, columns = max(rows, row + 1), max(columns, column + 1)
                if columns > limit_columns:
                    raise _too_wide(columns)
                if before + rows * columns > limit_cells:
                    raise _too_many_cells(rows, columns)
        elif kind == DIMENSIONS:
            declared_rows, declared_columns = _declared(stream, start, length)
            if declared_columns > limit_columns:
                raise _too_wide(declared_columns)
            if before + declared_rows * declared_columns > limit_cells:
                raise _too_many_cells(declared_rows, declared_columns)
            declared = max(declared, declared_rows * declared_columns)
    return max(declared, rows * columns)


# ---------------------------------------------------------------- the compound file
class CompoundFile:
    """An OLE compound file's sectors, FAT and directory; every chain followed at most as many steps as the file
    has sectors, every sector inside the file."""

    def __init__(self, data: bytes):
        if len(data) < 512 or not data.startswith(OLE_SIGNATURE):
            raise DamagedCompoundFile("not an OLE compound file")
        sector_shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if sector_shift not in (9, 12) or mini_shift != 6:
            raise DamagedCompoundFile("invalid sector size")
        self.size = 1 << sector_shift
        self.view = memoryview(data)
        self.sectors = -(-len(data) // self.size) - 1  # the sectors after the header (the last may be short)
        dir_start, _, _, self.mini_fat_start, _, difat = struct.unpack_from("<6I", data, 0x30)
        # the FAT's own sectors: 109 listed in the header, the others in DIFAT sectors chained from it; never more
        # than the file has sectors (a crafted DIFAT listing one sector a million times would grow the FAT)
        listed = list(_words(self.view[0x4C:0x200]))
        for _ in range(self.sectors):
            if difat > LAST_REGULAR_SECTOR or len(listed) > self.sectors + 109:
                break
            words = _words(self.sector(difat))
            listed.extend(words[:-1])
            difat = words[-1]
        fat_sectors = [number for number in listed if number <= LAST_REGULAR_SECTOR][: self.sectors]
        self.fat = array("I")
        for number in fat_sectors:
            self.fat.extend(_words(self.sector(number)))
        directory = b"".join(self.sector(n) for n in self.chain(dir_start, self.fat, self.sectors))
        self.entries = []  # (name, start sector, size in bytes) in directory order, the root entry first
        for at in range(0, len(directory) - 127, 128):
            name_length = struct.unpack_from("<H", directory, at + 0x40)[0]
            start, size = struct.unpack_from("<IQ" if self.size == 4096 else "<II", directory, at + 0x74)
            name = directory[at : at + min(name_length, 64)].decode("utf-16-le", "replace").rstrip("\0")
            self.entries.append((name, start, size))
        if not self.entries:
            raise DamagedCompoundFile("the compound file has no directory")

    def sector(self, number: int) -> memoryview:
        if number >= self.sectors:
            raise DamagedCompoundFile(f"sector {number} lies past the end of the file")
        return self.view[(number + 1) * self.size : (number + 2) * self.size]

    @staticmethod
    def chain(first: int, table: array, limit: int):
        number, steps = first, 0
        while number != END_OF_CHAIN:
            if number > LAST_REGULAR_SECTOR or number >= len(table) or steps >= limit:
                raise DamagedCompoundFile("a sector chain is broken or loops")
            yield number
            number, steps = table[number], steps + 1

    def stream(self, start: int, size: int) -> bytearray:
        """A stream's bytes: from the mini stream (the root entry's chain) under 4,096 bytes, as calamine reads it."""
        if size > len(self.view):
            raise DamagedCompoundFile(f"a stream declares {size} bytes, more than the file holds")
        out = bytearray()
        if size < MINI_CUTOFF:
            _, root_start, root_size = self.entries[0]
            mini = b"".join(self.sector(n) for n in self.chain(root_start, self.fat, self.sectors))[
                :root_size
            ]
            mini_fat = array("I")
            for number in self.chain(self.mini_fat_start, self.fat, self.sectors):
                mini_fat.extend(_words(self.sector(number)))
            for number in self.chain(start, mini_fat, len(mini) // MINI_SECTOR + 1):
                out += mini[number * MINI_SECTOR : (number + 1) * MINI_SECTOR]
                if len(out) >= size:
                    break
        else:
            for number in self.chain(start, self.fat, self.sectors):
                out += self.sector(number)
                if len(out) >= size:
                    break
        del out[size:]
        return out


def workbook_streams(data: bytes):
    """The bytes of each entry named Workbook or Book (any case: whichever one a reader takes is bounded)."""
    ole = CompoundFile(data)
    for name, start, size in ole.entries[1:]:
        if name.lower() in WORKBOOK_STREAMS:
            yield ole.stream(start, size)


def _words(chunk) -> array:
    words = array("I", bytes(chunk[: len(chunk) // 4 * 4]))
    if sys.byteorder == "big":
        words.byteswap()
    return words
