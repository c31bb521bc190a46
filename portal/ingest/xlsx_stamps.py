"""Which cells of an XLSX sheet are formatted as a date *and time*: calamine cannot tell.

python_calamine returns a ``datetime.date`` for every date cell whose value is a whole day (midnight), whatever
its number format: ``2026-11-03 00:00`` formatted ``yyyy-mm-dd hh:mm`` and ``2026-11-03`` formatted
``yyyy-mm-dd`` both come back as ``date(2026, 11, 3)`` (a cell with another time comes back as a
``datetime``). The format says which it is, so it is read here from the workbook's styles: the cells whose
style shows hours or seconds. ``MidnightStamps`` makes such a midnight cell a ``datetime``, which the reader
writes as ``2026-11-03 00:00:00`` (the portal's midnight rule for whole columns then decides as for a CSV,
``portal.ingest.stamps``); a cell formatted as a date stays a date.

Only the workbook, its relationships and its styles are parsed as XML; a sheet is scanned with one regex for
cells carrying a date-and-time style, and only when it has a midnight date. Any problem (not an XLSX, a part
missing): no cell is known to be timed, the date stays a date (the reader's behaviour before).

Percentages the same way (``PercentNumbers``): calamine gives a cell formatted ``0%`` that shows 85% as its
stored value 0.85, so a QA score or a rate typed as a percentage in Excel was stored as 0.85. A number cell whose
style's format is a percentage is written as the user sees it, ``85%``, as a CSV export of the sheet has it; the
fields that take a percentage read it so, the others refuse it by row. A sheet is scanned only when the workbook
has a percent style and the sheet has numbers.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from datetime import date, datetime, time
from xml.etree.ElementTree import ParseError, fromstring

# Excel's built-in number formats that show a time: 18-21 (h:mm AM/PM ... h:mm:ss), 22 (m/d/yy h:mm),
# 45-47 (mm:ss, [h]:mm:ss, mm:ss.0)
_BUILTIN_TIMED = frozenset({18, 19, 20, 21, 22, 45, 46, 47})
# a format code's text that is not a date or time token: "quoted text", [colour / locale / elapsed], \x, _x, *x
_NOT_TOKENS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]+)"')
_VALUE_CELL = re.compile(
    rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>"
)  # attributes, stored value
_CELL_TYPE = re.compile(rb'\bt="(\w+)"')
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def format_has_time(code: str) -> bool:
    """Whether a number format code shows hours or seconds (``yyyy-mm-dd hh:mm``, ``m/d/yyyy h:mm AM/PM``; not
    ``yyyy-mm-dd`` or ``yyyy"年"m"月"d"日"``)."""
    bare = _NOT_TOKENS.sub("", code.split(";", 1)[0]).casefold()
    return "h" in bare or "s" in bare


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


# Excel's built-in percent formats: 9 (0%), 10 (0.00%)
_BUILTIN_PERCENT = frozenset({9, 10})


def format_is_percent(code: str) -> bool:
    """Whether a number format code shows its number as a percentage (``0%``, ``0.0%``; not ``0"%"``, text)."""
    return "%" in _NOT_TOKENS.sub("", code.split(";", 1)[0])


def _timed_styles(archive: zipfile.ZipFile) -> set[int]:
    """The indices (a cell's ``s``) of the cell styles whose number format shows a time."""
    return _styles_where(archive, format_has_time, _BUILTIN_TIMED)


def _styles_where(archive: zipfile.ZipFile, test, builtin: frozenset[int]) -> set[int]:
    """The indices (a cell's ``s``) of the cell styles whose number format passes ``test`` (a custom format's
    code) or is one of the ``builtin`` format ids."""
    codes, xfs = number_formats(archive)
    return {
        i for i, fmt_id in enumerate(xfs) if (test(codes[fmt_id]) if fmt_id in codes else fmt_id in builtin)
    }


def number_formats(archive: zipfile.ZipFile) -> tuple[dict[int, str], list[int]]:
    """The workbook's custom number formats (id -> format code) and each cell style's number format id (a cell's
    ``s`` indexes the list)."""
    root = fromstring(archive.read("xl/styles.xml"))
    codes: dict[int, str] = {}
    xfs: list[int] = []
    for element in root:
        if _local(element.tag) == "numFmts":
            for fmt in element:
                codes[int(fmt.get("numFmtId", "-1"))] = fmt.get("formatCode", "")
        elif _local(element.tag) == "cellXfs":
            xfs = [int(xf.get("numFmtId", "0")) for xf in element]
    return codes, xfs


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the path of its XML inside the archive."""
    targets = {}
    for rel in fromstring(archive.read("xl/_rels/workbook.xml.rels")):
        target = rel.get("Target", "")
        path = (
            target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        )
        targets[rel.get("Id")] = path
    out = {}
    for element in fromstring(archive.read("xl/workbook.xml")).iter():
        if _local(element.tag) == "sheet" and element.get(_NS_REL) in targets:
            out[element.get("name", "")] = targets[element.get(_NS_REL)]
    return out


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


class TimedCells:
    """``cells(sheet)``: the (row, column) positions, counted from 0 as in the sheet (A1 is (0, 0)), of the
    sheet's cells formatted as a date and time (``percent=True``: as a percentage). Opened once per workbook;
    each sheet scanned when asked."""

    def __init__(self, data: bytes, *, percent: bool = False):
        self._archive: zipfile.ZipFile | None = None
        self._styles: set[int] = set()
        self._paths: dict[str, str] = {}
        self._found: dict[str, set[tuple[int, int]]] = {}
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            self._styles = (
                _styles_where(archive, format_is_percent, _BUILTIN_PERCENT)
                if percent
                else _timed_styles(archive)
            )
            if self._styles:
                self._paths = _sheet_paths(archive)
                self._archive = archive
        except (KeyError, ParseError, ValueError, OSError, zipfile.BadZipFile):
            self._archive = None

    def cells(self, sheet: str) -> set[tuple[int, int]]:
        if self._archive is None or sheet not in self._paths:
            return set()
        if sheet not in self._found:
            styles = "|".join(str(s) for s in sorted(self._styles))
            pattern = re.compile(rb'<(?:\w+:)?c\b[^>]*?\bs="(?:' + styles.encode() + rb')"[^>]*>')
            try:
                xml = self._archive.read(self._paths[sheet])
            except (KeyError, OSError, zipfile.BadZipFile, ValueError):
                xml = b""
            found = set()
            for match in pattern.finditer(xml):
                ref = _CELL_REF.search(match.group(0))
                if ref:
                    found.add((int(ref.group(2)) - 1, _column_index(ref.group(1))))
            self._found[sheet] = found
        return self._found[sheet]


class MidnightStamps:
    """``restore(rows, sheet, start)``: a cell calamine gives as a ``date`` whose format shows a time is a stamp
    at midnight: put in ``rows`` (a sheet's cells, ``start`` its top-left (row, column) or None for A1) as a
    ``datetime`` at midnight, which the reader writes ``2026-11-03 00:00:00`` like a CSV's, in place of the bare
    date. One per workbook; its ``TimedCells`` are read only when a sheet has a midnight date."""

    def __init__(self, data: bytes):
        self._data = data
        self._timed: TimedCells | None = None

    def restore(self, rows: list[list], sheet: str, start: tuple[int, int] | None) -> None:
        if not any(type(c) is date for row in rows for c in row):
            return
        if self._timed is None:
            self._timed = TimedCells(self._data)
        timed = self._timed.cells(sheet)
        top, left = start or (0, 0)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if type(value) is date and (top + i, left + j) in timed:
                    row[j] = datetime.combine(value, time())


def percent_text(value: float) -> str:
    """A stored fraction as Excel shows it under a percent format, without the format's rounding:
    0.85 -> ``85%``, 0.8125 -> ``81.25%``, 0.07 -> ``7%`` (not 7.000000000000001)."""
    return f"{value * 100:.10g}%"


class PercentNumbers:
    """``restore(rows, sheet, start)``: a number cell whose format is a percentage is put in ``rows`` as the text
    Excel shows (``85%`` for a stored 0.85), like a CSV export of the sheet. One per workbook; its percent cells
    are read only when a sheet has numbers."""

    def __init__(self, data: bytes):
        self._data = data
        self._cells: TimedCells | None = None

    def restore(self, rows: list[list], sheet: str, start: tuple[int, int] | None) -> None:
        if not any(type(c) in (float, int) for row in rows for c in row):
            return
        if self._cells is None:
            self._cells = TimedCells(self._data, percent=True)
        percent = self._cells.cells(sheet)
        if not percent:
            return
        top, left = start or (0, 0)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if type(value) in (float, int) and (top + i, left + j) in percent:
                    row[j] = percent_text(float(value))


def restore_numbers(data: bytes, sheet: str, rows: list[list]) -> None:
    """openpyxl reads a number formatted as a date that is no date (20250210 or a Unix time typed in a cell
    formatted ``yyyy-mm-dd``: beyond 9999-12-31) as the error ``#VALUE!`` (calamine gives the number): put the
    number the cell stores back in ``rows`` (the sheet's cells from A1). A cell stored as an error stays one;
    any problem reading the sheet: nothing changes."""
    lost = {(i, j) for i, row in enumerate(rows) for j, value in enumerate(row) if value == "#VALUE!"}
    if not lost:
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read(_sheet_paths(archive)[sheet])
    except (KeyError, ParseError, ValueError, OSError, zipfile.BadZipFile):
        return
    for match in _VALUE_CELL.finditer(xml):
        ref, kind = _CELL_REF.search(match.group(1)), _CELL_TYPE.search(match.group(1))
        if ref is None or (kind is not None and kind.group(1) != b"n"):
            continue
        at = (int(ref.group(2)) - 1, _column_index(ref.group(1)))
        if at in lost:
            try:
                rows[at[0]][at[1]] = float(match.group(2))
            except ValueError:
                continue
