"""Numbers an XLSX shows with leading zeros: a code column typed as numbers and formatted ``0000`` shows the
stored 101 as 0101, but python-calamine gives the stored number, so a store list's first load created the store
101 (the stored codes' matching, ``codes.resolve_codes``, repairs a later load only). ``PaddedNumbers`` puts such a
cell in the sheet's rows as Excel shows it (``0101``), as a CSV export of the sheet has it.

Only the master-data uploads read so (``Kind.zero_padded_codes``): a complaint export's ids stored from an .xlsx
before keep what they were, a re-import must not make them new complaints. The workbook's styles are parsed once
(``xlsx_stamps.number_formats``); a sheet is scanned only when some style pads with zeros and the sheet has a
whole number. Any problem reading the parts: nothing changes (the reader's behaviour before)."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree.ElementTree import ParseError

from portal.ingest.xlsx_stamps import _CELL_REF, _column_index, _sheet_paths, number_formats

_BRACKETS = re.compile(r"\[[^\]]*\]")  # [Red], [$-804]: a colour or a locale, no digits shown
_STYLE = re.compile(rb'\bs="([0-9]+)"')
_MAX_EXACT = 10**15  # Excel keeps 15 significant digits: a longer number is not padded


def padded_width(code: str) -> int | None:
    """The width a number format pads a whole number to with zeros (``0000`` -> 4, ``[Red]000000`` -> 6), None
    for any other format (``0``, ``0.00``, ``#,##0``, ``"S"000``, a date)."""
    bare = _BRACKETS.sub("", code.split(";", 1)[0]).strip()
    return len(bare) if re.fullmatch(r"0{2,}", bare) else None


class PaddedNumbers:
    """``restore(rows, sheet, start)``: a whole number in a cell whose format pads it with zeros is put in ``rows``
    (a sheet's cells, ``start`` its top-left (row, column) or None for A1) as the text Excel shows. One per
    workbook."""

    def __init__(self, data: bytes):
        self._data = data
        self._archive: zipfile.ZipFile | None = None
        self._widths: dict[int, int] | None = None  # style index -> width
        self._paths: dict[str, str] = {}

    def _open(self) -> dict[int, int]:
        if self._widths is None:
            self._widths = {}
            try:
                archive = zipfile.ZipFile(io.BytesIO(self._data))
                codes, xfs = number_formats(archive)
                self._widths = {
                    i: w
                    for i, fmt in enumerate(xfs)
                    if fmt in codes and (w := padded_width(codes[fmt])) is not None
                }
                if self._widths:
                    self._paths, self._archive = _sheet_paths(archive), archive
            except (KeyError, ParseError, ValueError, OSError, zipfile.BadZipFile):
                self._widths = {}
        return self._widths

    def _cells(self, sheet: str) -> dict[tuple[int, int], int]:
        """(row, column) from 0 -> width, of the sheet's cells with a padding style."""
        if self._archive is None or sheet not in self._paths:
            return {}
        styles = "|".join(str(s) for s in sorted(self._widths or {}))
        pattern = re.compile(rb'<(?:\w+:)?c\b[^>]*?\bs="(?:' + styles.encode() + rb')"[^>]*>')
        try:
            xml = self._archive.read(self._paths[sheet])
        except (KeyError, OSError, zipfile.BadZipFile, ValueError):
            return {}
        found = {}
        for match in pattern.finditer(xml):
            ref, style = _CELL_REF.search(match.group(0)), _STYLE.search(match.group(0))
            if ref and style:
                at = (int(ref.group(2)) - 1, _column_index(ref.group(1)))
                found[at] = self._widths[int(style.group(1))]
        return found

    def restore(self, rows: list[list], sheet: str, start: tuple[int, int] | None) -> None:
        if not self._open() or not any(type(c) in (float, int) for row in rows for c in row):
            return
        cells = self._cells(sheet)
        top, left = start or (0, 0)
        for (r, c), width in cells.items():
            i, j = r - top, c - left
            if 0 <= i < len(rows) and 0 <= j < len(rows[i]):
                value = rows[i][j]
                if type(value) in (float, int) and float(value).is_integer() and 0 <= value < _MAX_EXACT:
                    rows[i][j] = str(int(value)).zfill(width)
