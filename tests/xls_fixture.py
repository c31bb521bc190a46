"""Legacy .xls (BIFF8 in an OLE compound file) written from code, for the reader's tests: no xls writer is a
dependency of the portal, and a test must say exactly which records a file holds (a far cell, a declared used
range, a string table, a date format).

``xls({"Sheet1": {(0, 0): "id", (1, 0): 1.0, (1, 1): datetime(...)}})`` gives the bytes of a workbook; rows and
columns are 0-based as BIFF stores them. Strings go to the shared string table (LABELSST records) up to
``SST_BUDGET`` bytes, the rest as LABEL records; numbers as NUMBER, datetimes as NUMBER with a date-and-time
format. A workbook stream under 4,096 bytes is kept in the mini stream, as Excel's format prescribes."""

from __future__ import annotations

import struct
from datetime import datetime

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
END_OF_CHAIN, FREE, FAT_SECTOR, NO_STREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
SST_BUDGET = 8000  # one SST record without CONTINUE (at most 8,224 bytes of data)

XF_GENERAL, XF_DATETIME = 0, 1
EXCEL_EPOCH = datetime(1899, 12, 30)


def record(kind: int, payload: bytes) -> bytes:
    return struct.pack("<HH", kind, len(payload)) + payload


def _unicode(text: str, length_bytes: int = 2) -> bytes:
    """XLUnicodeString (2-byte length) or ShortXLUnicodeString (1-byte length), always UTF-16."""
    head = struct.pack("<H" if length_bytes == 2 else "<B", len(text))
    return head + b"\x01" + text.encode("utf-16-le")


def _bof(kind: int) -> bytes:
    return record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x06))


def _cell(row: int, col: int, value, strings: dict[str, int]) -> bytes:
    if isinstance(value, datetime):
        serial = (value - EXCEL_EPOCH).total_seconds() / 86400
        return record(0x0203, struct.pack("<HHHd", row, col, XF_DATETIME, serial))
    if isinstance(value, int | float):
        return record(0x0203, struct.pack("<HHHd", row, col, XF_GENERAL, float(value)))
    if value in strings:
        return record(0x00FD, struct.pack("<HHHI", row, col, XF_GENERAL, strings[value]))
    return record(0x0204, struct.pack("<HHH", row, col, XF_GENERAL) + _unicode(value))


def _string_table(sheets: dict) -> tuple[bytes, dict[str, int]]:
    strings: dict[str, int] = {}
    body = b""
    for cells in sheets.values():
        for value in cells.values():
            if isinstance(value, str) and value not in strings:
                entry = _unicode(value)
                if len(body) + len(entry) > SST_BUDGET:
                    continue
                strings[value] = len(strings)
                body += entry
    return record(0x00FC, struct.pack("<ii", len(strings), len(strings)) + body), strings


def workbook_stream(
    sheets: dict[str, dict],
    dimensions: dict[str, tuple[int, int]] | None = None,
    records: dict[str, bytes] | None = None,
) -> bytes:
    """The BIFF8 Workbook stream. ``dimensions`` overrides a sheet's DIMENSIONS record (last row + 1, last
    column + 1), which otherwise states the sheet's real used range; ``records`` are a sheet's further cell
    records, written as they are after its cells (a large sheet without a dict of its cells)."""
    sst, strings = _string_table(sheets)
    xfs = record(0x00E0, struct.pack("<HH", 0, 0) + bytes(16)) + record(
        0x00E0, struct.pack("<HH", 0, 22) + bytes(16)
    )  # XF 1: built-in format 22, "m/d/yy h:mm"
    substreams = []
    for name, cells in sheets.items():
        rows = max((r for r, _ in cells), default=-1) + 1
        cols = max((c for _, c in cells), default=-1) + 1
        rows, cols = (dimensions or {}).get(name, (rows, cols))
        body = _bof(0x0010) + record(0x0200, struct.pack("<IIHHH", 0, rows, 0, cols, 0))
        body += b"".join(_cell(r, c, v, strings) for (r, c), v in sorted(cells.items()))
        body += (records or {}).get(name, b"")
        substreams.append(body + record(0x000A, b""))
    head = _bof(0x0005) + record(0x0042, struct.pack("<H", 1200)) + xfs
    sheet_records = [
        record(0x0085, struct.pack("<IBB", 0, 0, 0) + _unicode(name, 1)) for name in sheets
    ]  # offsets filled below: they depend on the globals' own length
    globals_length = len(head) + sum(len(r) for r in sheet_records) + len(sst) + 4
    offsets, at = [], globals_length
    for body in substreams:
        offsets.append(at)
        at += len(body)
    sheet_records = [
        record(0x0085, struct.pack("<IBB", offset, 0, 0) + _unicode(name, 1))
        for offset, name in zip(offsets, sheets, strict=True)
    ]
    return head + b"".join(sheet_records) + sst + record(0x000A, b"") + b"".join(substreams)


def _chain(first: int, count: int) -> list[int]:
    return [first + i + 1 for i in range(count - 1)] + [END_OF_CHAIN] if count else []


def compound_file(stream: bytes, name: str = "Workbook") -> bytes:
    """An OLE compound file (version 3, 512-byte sectors) holding one stream."""
    mini = len(stream) < MINI_CUTOFF
    if mini:
        mini_sectors = -(-len(stream) // MINI_SECTOR)
        container = stream.ljust(mini_sectors * MINI_SECTOR, b"\0")
    else:
        container = stream
    data_sectors = -(-len(container) // SECTOR)
    directory_at = data_sectors
    mini_fat_at = directory_at + 1
    mini_fat_sectors = 1 if mini else 0
    used = data_sectors + 1 + mini_fat_sectors
    fat_sectors = 1
    while used + fat_sectors > fat_sectors * (SECTOR // 4):
        fat_sectors += 1
    fat_at = used
    fat = _chain(0, data_sectors) + [END_OF_CHAIN] + ([END_OF_CHAIN] if mini else [])
    fat += [FAT_SECTOR] * fat_sectors
    fat += [FREE] * (fat_sectors * SECTOR // 4 - len(fat))

    def entry(label: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (label + "\0").encode("utf-16-le") if label else b""
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", NO_STREAM, NO_STREAM, child)
            + bytes(16 + 4 + 16)
            + struct.pack("<IQ", start, size)
        )

    if mini:
        root = entry("Root Entry", 5, 1, 0, len(container))
        book = entry(name, 2, NO_STREAM, 0, len(stream))
        mini_fat = _chain(0, mini_sectors)
        mini_fat_bytes = struct.pack(f"<{len(mini_fat)}I", *mini_fat).ljust(SECTOR, b"\xff")
    else:
        root = entry("Root Entry", 5, 1, END_OF_CHAIN, 0)
        book = entry(name, 2, NO_STREAM, 0, len(stream))
        mini_fat_bytes = b""
    directory = (root + book).ljust(SECTOR, b"\0")
    difat = list(range(fat_at, fat_at + fat_sectors)) + [FREE] * (109 - fat_sectors)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack(
            "<IIIIIIIII",
            0,
            fat_sectors,
            directory_at,
            0,
            MINI_CUTOFF,
            *((mini_fat_at, 1) if mini else (END_OF_CHAIN, 0)),
            END_OF_CHAIN,
            0,
        )
        + struct.pack("<109I", *difat)
    )
    return (
        header
        + container.ljust(data_sectors * SECTOR, b"\0")
        + directory
        + mini_fat_bytes
        + struct.pack(f"<{len(fat)}I", *fat)
    )


def xls(
    sheets: dict[str, dict],
    dimensions: dict[str, tuple[int, int]] | None = None,
    records: dict[str, bytes] | None = None,
) -> bytes:
    return compound_file(workbook_stream(sheets, dimensions, records))
